"""What every workbook we write shares: safe options, fixed properties, formats, lists.

The checks and colour rules on the templates' rows are in `rules`.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import quote_sheetname

from ..plan.palette import FIELD, FIELD_BORDER, GREY_TEXT, NAVY, WHITE
from ..plan.schema import LIST_NAMES, LIST_ROWS
from ..read.files import GENERATED_KINDS, GENERATED_PROPERTY
from ..settings import Settings

# Fixed document properties: the same input gives the same workbook (maler/ drift check).
FIXED_CREATED = datetime(2026, 1, 1, 0, 0, 0)
DATE_FORMAT = "dd.mm.yyyy"
# A cell to fill in: grey, framed (the campaign block's values).
FIELD_STYLE = {"bg_color": FIELD, "border": 1, "border_color": FIELD_BORDER}


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
        self.title = add({"bold": True, "font_size": 18, "font_color": NAVY})
        self.subtitle = add({"italic": True, "font_color": GREY_TEXT})
        self.label = add({"bold": True, "font_color": NAVY, "valign": "top"})
        self.value = add(FIELD_STYLE)
        self.value_wrap = add({**FIELD_STYLE, "text_wrap": True})
        self.value_date = add({**FIELD_STYLE, "num_format": DATE_FORMAT})
        self.value_money = add({**FIELD_STYLE, "num_format": money_format(currency)})
        self.value_number = add({**FIELD_STYLE, "num_format": "#,##0"})
        self.date = add({"num_format": DATE_FORMAT})
        self.money = add({"num_format": money_format(currency)})
        self.number = add({"num_format": "#,##0.##"})
        self.integer = add({"num_format": "#,##0"})
        self.percent = add({"num_format": "0 %"})
        self.wrap = add({"text_wrap": True, "valign": "top"})
        self.text = add({"valign": "top"})
        self.header = add({"bold": True, "bg_color": NAVY, "font_color": WHITE})
        self.heading = add({"bold": True, "font_size": 13, "font_color": NAVY})
        self.bold = add({"bold": True})


def write_lists(
    workbook, sheet, columns: dict[str, list[str]], header_format, note: str, settings: Settings
) -> None:
    """Fill the `Lister` sheet: one column per list, each behind a defined name.

    A user extends a list by typing below it: the name covers LIST_ROWS rows.
    """
    for col, (kind, values) in enumerate(columns.items()):
        name, headers = LIST_NAMES[kind]
        sheet.write_string(0, col, headers[settings.language], header_format)
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
