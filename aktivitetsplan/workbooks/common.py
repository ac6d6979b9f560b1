"""What every workbook we write shares: safe options, fixed properties, formats."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import quote_sheetname

from ..plan.schema import LIST_NAMES, LIST_ROWS
from ..read.files import GENERATED_KINDS, GENERATED_PROPERTY

# Fixed document properties: the same input gives the same workbook (maler/ drift check).
FIXED_CREATED = datetime(2026, 1, 1, 0, 0, 0)
DATE_FORMAT = "dd.mm.yyyy"


def money_format(currency: str) -> str:
    """Number format for money: thousands grouped by the reader's locale, then the currency.

    A `"` in the currency label cannot sit inside the quoted literal: it is written
    as an escaped `\\"` between quoted parts, so the format stays valid.
    """
    literal = '\\"'.join(f'"{part}"' if part else "" for part in currency.split('"'))
    return f"#,##0 {literal}"


def new_workbook(path: Path, title: str) -> xlsxwriter.Workbook:
    """A workbook that never turns user text into formulas, links or numbers."""
    workbook = xlsxwriter.Workbook(
        str(path),
        {
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "default_date_format": DATE_FORMAT,
        },
    )
    workbook.set_properties(
        {"title": title, "author": "aktplan", "company": "aktplan", "created": FIXED_CREATED}
    )
    return workbook


def mark_generated(workbook: xlsxwriter.Workbook, kind: str) -> None:
    """Mark a workbook made from plans (`årshjul`, `rapport`): the reader skips a marked
    file found beside the plans. The blank templates are never marked: filled in, they
    are plans."""
    assert kind in GENERATED_KINDS, kind
    workbook.set_custom_property(GENERATED_PROPERTY, kind)


class Formats:
    """The handful of cell formats the templates and reports use."""

    def __init__(self, workbook: xlsxwriter.Workbook, currency: str = "kr") -> None:
        add = workbook.add_format
        self.title = add({"bold": True, "font_size": 18, "font_color": "#1F3864"})
        self.subtitle = add({"italic": True, "font_color": "#595959"})
        self.label = add({"bold": True, "font_color": "#1F3864", "valign": "top"})
        self.value = add({"bg_color": "#F2F2F2", "border": 1, "border_color": "#BFBFBF"})
        self.value_wrap = add(
            {"bg_color": "#F2F2F2", "border": 1, "border_color": "#BFBFBF", "text_wrap": True}
        )
        self.value_date = add(
            {
                "bg_color": "#F2F2F2",
                "border": 1,
                "border_color": "#BFBFBF",
                "num_format": DATE_FORMAT,
            }
        )
        self.value_money = add(
            {
                "bg_color": "#F2F2F2",
                "border": 1,
                "border_color": "#BFBFBF",
                "num_format": money_format(currency),
            }
        )
        self.value_number = add(
            {"bg_color": "#F2F2F2", "border": 1, "border_color": "#BFBFBF", "num_format": "#,##0"}
        )
        self.date = add({"num_format": DATE_FORMAT})
        self.money = add({"num_format": money_format(currency)})
        self.number = add({"num_format": "#,##0.##"})
        self.integer = add({"num_format": "#,##0"})
        self.percent = add({"num_format": "0 %"})
        self.wrap = add({"text_wrap": True, "valign": "top"})
        self.text = add({"valign": "top"})
        self.header = add({"bold": True, "bg_color": "#1F3864", "font_color": "#FFFFFF"})
        self.heading = add({"bold": True, "font_size": 13, "font_color": "#1F3864"})
        self.bold = add({"bold": True})


def write_lists(
    workbook, sheet, columns: dict[str, list[str]], header_format, note: str, language: str
) -> None:
    """Fill the `Lister` sheet: one column per list, each behind a defined name.

    A user extends a list by typing below it: the name covers LIST_ROWS rows.
    """
    for col, (kind, values) in enumerate(columns.items()):
        name, headers = LIST_NAMES[kind]
        sheet.write_string(0, col, headers[language], header_format)
        for row, value in enumerate(values, start=1):
            sheet.write_string(row, col, value)
        sheet.set_column(col, col, 22)
        letter = xlsxwriter.utility.xl_col_to_name(col)
        workbook.define_name(
            name, f"={quote_sheetname(sheet.name)}!${letter}$2:${letter}${LIST_ROWS + 1}"
        )
    sheet.write_string(0, len(columns) + 1, note)
    sheet.set_column(len(columns) + 1, len(columns) + 1, 70)
    sheet.freeze_panes(1, 0)


def list_validation(name: str, input_message: str, error_message: str, strict: bool) -> dict:
    """A dropdown sourced from a defined name on `Lister`."""
    return {
        "validate": "list",
        "source": f"={name}",
        "input_message": input_message[:255],
        "error_message": error_message[:255],
        "error_type": "stop" if strict else "warning",
        "ignore_blank": True,
    }


def add_entry_checks(
    sheet,
    first: int,
    last: int,
    col: dict[str, int],
    dropdowns: list[tuple[str, str, bool]],
    dates: tuple[str, ...],
    hint,
    tr,
) -> None:
    """Dropdowns (`(column key, list kind, strict)`) and date checks on rows first..last.

    `hint(key)` gives a column's input message; both templates use this.
    """
    for key, kind, strict in dropdowns:
        error = tr("dv.status.error") if key == "status" else tr("dv.list.error")
        validation = list_validation(LIST_NAMES[kind][0], hint(key), error, strict)
        sheet.data_validation(first, col[key], last, col[key], validation)
    for key in dates:
        validation = date_validation(tr("dv.date.title"), hint(key), tr("dv.date.error"))
        sheet.data_validation(first, col[key], last, col[key], validation)


def date_validation(title: str, input_message: str, error_message: str) -> dict:
    """Only real dates (2000–2100), with a helpful Norwegian message."""
    return {
        "validate": "date",
        "criteria": "between",
        "minimum": datetime(2000, 1, 1),
        "maximum": datetime(2100, 12, 31),
        "input_title": title[:32],
        "input_message": input_message[:255],
        "error_title": title[:32],
        "error_message": error_message[:255],
        "ignore_blank": True,
    }


def excel_text(value: str) -> str:
    """A string literal for an Excel formula."""
    return '"' + value.replace('"', '""') + '"'
