"""The årshjul template's `Mål` sheet: the department's one quantified goal.

Label/value rows as in a plan's campaign block (label in column A, value merged over
B:E), so the reader finds them the same way (`read.sheet.SheetReader.read_goal`). The
period is pre-filled with the template's year; a sheet with no goal, KPI nor target
typed in names no goal.
"""

from __future__ import annotations

from datetime import datetime

from ..plan.schema import FIRST_FIELD_ROW, GOAL_FIELDS
from ..settings import Settings
from .common import LINE_HEIGHT, Formats, print_setup, wrapped_lines
from .rules import date_validation, number_validation

LABEL_WIDTH = 14
VALUE_WIDTH = 16  # each of B:E: the value's merge is 64 characters wide
VALUE_COLUMNS = 4
TEXT_WIDTH = LABEL_WIDTH + VALUE_COLUMNS * VALUE_WIDTH  # the explanation's merge, A:E


def write_goal_sheet(workbook, sheet, settings: Settings, year: int, fmt: Formats) -> None:
    """Title, a paragraph on what the goal is for, then the goal's fields from row 3."""
    tr, lang = settings.tr, settings.language
    sheet.set_column(0, 0, LABEL_WIDTH)
    sheet.set_column(1, VALUE_COLUMNS, VALUE_WIDTH)
    sheet.set_row(0, 28)
    sheet.write_string(0, 0, tr("goal.sheet.title", year=year), fmt.title)
    text = tr("goal.sheet.text")
    note = workbook.add_format({"text_wrap": True, "valign": "top", "italic": True})
    # One merge across the label and the value: as tall as its wrapped lines, since
    # LibreOffice does not grow a row for wrapped text.
    sheet.merge_range(1, 0, 1, VALUE_COLUMNS, text, note)
    sheet.set_row(1, LINE_HEIGHT * (wrapped_lines(text, TEXT_WIDTH) + 1))
    period = {
        "start": datetime(year, 1, 1),
        "end": datetime(year, 12, 31),
    }
    value_formats = {"text": fmt.value_wrap, "number": fmt.value, "date": fmt.value_date}
    for offset, field in enumerate(GOAL_FIELDS):
        row = FIRST_FIELD_ROW - 1 + offset
        cell_format = value_formats[field.kind]
        sheet.write_string(row, 0, field.label(lang), fmt.label)
        sheet.merge_range(row, 1, row, VALUE_COLUMNS, None, cell_format)
        if field.key in period:
            sheet.write_datetime(row, 1, period[field.key], cell_format)
        hint = tr(f"goal.field.{field.key}.hint")
        if field.kind == "date":
            validation = date_validation(tr("dv.date.title"), hint, tr("dv.date.error"))
        elif field.kind == "number":
            validation = number_validation(hint, tr("dv.number.error"))
        else:
            validation = {"validate": "any", "input_message": hint}
        sheet.data_validation(row, 1, row, 1, validation)
    last_row = FIRST_FIELD_ROW - 1 + len(GOAL_FIELDS) - 1
    print_setup(sheet, tr, tr("wheel.title", year=year), fit_height=1)
    sheet.print_area(0, 0, last_row, VALUE_COLUMNS)
