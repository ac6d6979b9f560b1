"""Typed cells and filtered tables for the report workbook.

A `Column` says what a table column holds (its header, the kind of value, a width
and how to read it from an item); `SheetWriter` writes cells by kind (a date as an
Excel date, a share as a `0 %` number, text always as a string: never a formula or a
link) and each list as an Excel table with autofilter on its own sheet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..view.report import ReportView
from .common import Formats

TABLE_STYLE = "Table Style Medium 2"


@dataclass(frozen=True)
class Column:
    """One table column: header, value kind (text|int|number|money|pct|date) and width."""

    header: str
    kind: str
    width: float
    value: Callable[[Any], Any]

    def of(self, pick: Callable[[Any], Any]) -> Column:
        """The same column over items that hold its record: `pick` finds the record in
        an item (a blank cell when there is none)."""
        value = self.value

        def read(item: Any) -> Any:
            record = pick(item)
            return None if record is None else value(record)

        return Column(self.header, self.kind, self.width, read)


class SheetWriter:
    """Writes typed cells and tables; one instance per workbook."""

    def __init__(self, workbook, formats: Formats) -> None:
        self.workbook = workbook
        self.formats = formats
        self.pct = workbook.add_format({"num_format": "0 %"})
        self.pct1 = workbook.add_format({"num_format": "0.0 %"})
        self.kinds = {
            "text": None,
            "int": formats.integer,
            "number": formats.number,
            "money": formats.money,
            "pct": self.pct,
            "date": formats.date,
        }
        self._marked: dict[tuple, Any] = {}

    def marked(self, kind: str, style: dict[str, str]):
        """The format of a `kind` cell that stands out (`style`: fill and font colours)."""
        key = (kind, *sorted(style.items()))
        if key not in self._marked:
            base = self.kinds[kind]
            number = {"num_format": base.num_format} if base is not None else {}
            self._marked[key] = self.workbook.add_format({**number, **style})
        return self._marked[key]

    def cell(self, sheet, row: int, col: int, kind: str, value: Any, fmt=None) -> None:
        fmt = fmt if fmt is not None else self.kinds[kind]
        if value is None or value == "":
            sheet.write_blank(row, col, None, fmt)
        elif kind == "text":
            sheet.write_string(row, col, str(value), fmt)
        elif kind == "date":
            day = date.fromisoformat(value) if isinstance(value, str) else value
            sheet.write_datetime(row, col, datetime(day.year, day.month, day.day), fmt)
        elif kind == "pct":
            sheet.write_number(row, col, float(value) / 100, fmt)
        else:
            sheet.write_number(row, col, float(value), fmt)

    def table(
        self,
        sheet,
        name: str,
        columns: Sequence[Column],
        items: Sequence[Any],
        *,
        first_row: int = 0,
        first_col: int = 0,
        widths: bool = True,
        mark: Callable[[Any], dict[str, str] | None] | None = None,
    ) -> tuple[int, int]:
        """An Excel table with autofilter; returns (first data row, last data row).

        `mark` gives the style (fill and font colours) of an item's row that stands
        out, or None for an ordinary row."""
        for offset, item in enumerate(items, start=1):
            style = mark(item) if mark is not None else None
            for index, column in enumerate(columns):
                fmt = self.marked(column.kind, style) if style else None
                self.cell(
                    sheet,
                    first_row + offset,
                    first_col + index,
                    column.kind,
                    column.value(item),
                    fmt,
                )
        last_row = first_row + max(len(items), 1)  # a table needs one data row, even blank
        sheet.add_table(
            first_row,
            first_col,
            last_row,
            first_col + len(columns) - 1,
            {
                "name": name,
                "style": TABLE_STYLE,
                "autofilter": True,
                "columns": [{"header": c.header, "format": self.kinds[c.kind]} for c in columns],
            },
        )
        if widths:
            for index, column in enumerate(columns):
                sheet.set_column(first_col + index, first_col + index, column.width)
        return first_row + 1, last_row

    def list_sheet(self, title: str, name: str, columns: Sequence[Column], items: Sequence[Any]):
        sheet = self.workbook.add_worksheet(title)
        self.table(sheet, name, columns, items)
        sheet.freeze_panes(1, 0)
        sheet.set_paper(9)  # A4
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0)
        return sheet


def task_columns(view: ReportView, days: tuple[str, str] | None) -> list[Column]:
    """An activity's columns in every list sheet; `days`: (field, header) of a days column."""
    tr = view.tr
    columns = []
    if days:
        key, header = days
        columns.append(Column(header, "int", 10, lambda i, key=key: getattr(i, key)))
    columns += [
        Column(tr("mgmt.col.id"), "text", 8, lambda i: i.id),
        Column(tr("col.activity"), "text", 40, lambda i: i.activity),
        Column(tr("col.responsible"), "text", 18, lambda i: i.responsible),
        Column(tr("mgmt.col.executor"), "text", 18, lambda i: i.executor),
        Column(tr("col.channel"), "text", 14, lambda i: i.channel),
        Column(tr("col.start"), "date", 12, lambda i: i.start),
        Column(tr("col.deadline"), "date", 12, lambda i: i.deadline),
        Column(tr("col.phase"), "text", 15, lambda i: view.phase(i.phase)),
        Column(tr("mgmt.col.status"), "text", 15, lambda i: i.status),
        Column(tr("col.campaign"), "text", 30, lambda i: i.campaign),
        Column(tr("col.file"), "text", 28, lambda i: i.file),
        Column(tr("mgmt.col.cell"), "text", 18, lambda i: f"{i.sheet}!A{i.row}"),
    ]
    return columns
