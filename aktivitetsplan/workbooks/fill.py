"""A fresh activity-plan template, filled in: the demo's plans and `aktplan nytt-år`'s.

Both write our own template (`plan_template.write_plan_template`) and then type the
values into it with openpyxl, as a person would in Excel, so the result has every
dropdown, check and colour of a blank template; an old file is never copied. The
values are given ready to write: whatever makes them messy (the demo) or moves them
(next year's plan) is the caller's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

from ..plan.schema import CAMPAIGN_FIELDS, COLUMNS, FIRST_FIELD_ROW, HEADER_ROW, PLAN_TABLE
from ..settings import Settings
from .common import DATE_FORMAT
from .plan_template import write_plan_template

# A row of the activity table: column key → value (text, number or date); None for a
# blank row left in the table, as people leave them.
Row = Mapping[str, object] | None


def fill_plan(path: Path, campaign: Mapping[str, object], rows: Iterable[Row]) -> None:
    """Type the campaign fields and the activity rows into the written template at `path`.

    A key that names no campaign field or column is an error (a typo would otherwise
    leave a cell empty without a word). The activity table grows when there are more
    rows than the template's, so every row stays inside it.
    """
    fields = {field.key: FIRST_FIELD_ROW + offset for offset, field in enumerate(CAMPAIGN_FIELDS)}
    columns = {column.key: index + 1 for index, column in enumerate(COLUMNS)}
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    for key, value in campaign.items():
        if key not in fields:
            raise KeyError(f"no campaign field {key!r}")
        _write(sheet, fields[key], 2, value)
    row = HEADER_ROW
    for activity in rows:
        row += 1
        for key, value in (activity or {}).items():
            if key not in columns:
                raise KeyError(f"no activity column {key!r}")
            _write(sheet, row, columns[key], value)
    table = sheet.tables[PLAN_TABLE]
    last_column = get_column_letter(len(COLUMNS))
    if row > range_boundaries(table.ref)[3]:
        table.ref = f"A{HEADER_ROW}:{last_column}{row}"
        if table.autoFilter is not None:
            table.autoFilter.ref = table.ref
    workbook.save(path)


def _write(sheet, row: int, column: int, value: object) -> None:
    """One value; blank values leave the template's empty cell as it is."""
    if value is None or value == "":
        return
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT


def write_filled_plan(
    path: Path, settings: Settings, campaign: Mapping[str, object], rows: Iterable[Row]
) -> None:
    """Write a fresh template to `path` in `settings`' language and lists, then fill it.

    The caller makes it atomic (`save.atomic_output`).
    """
    write_plan_template(path, settings)
    fill_plan(path, campaign, rows)
