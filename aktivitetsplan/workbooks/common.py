"""What every workbook we write shares: safe options, fixed properties, formats, lists.

The checks and colour rules on the templates' rows are in `rules`.
"""

from __future__ import annotations

import math
import textwrap
from datetime import datetime
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import quote_sheetname

from ..i18n import Translator
from ..plan.palette import FIELD, FIELD_BORDER, GREY_TEXT, NAVY, WHITE
from ..plan.schema import LIST_NAMES, LIST_ROWS
from ..read.files import GENERATED_KINDS, GENERATED_PROPERTY
from ..settings import Settings

# Fixed document properties: the same input gives the same workbook (maler/ drift check).
FIXED_CREATED = datetime(2026, 1, 1, 0, 0, 0)
DATE_FORMAT = "dd.mm.yyyy"
# A cell to fill in: grey, framed (the campaign block's values).
FIELD_STYLE = {"bg_color": FIELD, "border": 1, "border_color": FIELD_BORDER}
A4 = 9  # XlsxWriter's paper code
LINE_HEIGHT = 15  # points: one line of 11 pt text, Excel's default row height
# The `Lister` sheet: one column per list, an empty column, then the note.
LIST_WIDTH = 22
NOTE_WIDTH = 48


def header_text(text: str) -> str:
    """`text` as a literal in a page header or footer, where `&` starts a code."""
    return text.replace("&", "&&")


def print_setup(
    sheet,
    tr: Translator,
    title: str,
    *,
    fit_height: int = 0,
    repeat: tuple[int, int] | None = None,
    date_text: str | None = None,
) -> None:
    """A4 landscape, fit to the page width (and `fit_height` pages tall; 0 = as many as needed),
    `repeat` rows on every page, the title in the header and the sheet name and page
    number in the footer.

    No `&D` field: Excel and LibreOffice print it in the viewer's locale (a US system
    gives 11/30/2026), and a blank template has no date of its own. A workbook made
    on a date passes it as `date_text`, already written the reader's way (30.11.2026).
    `&N` is the pages of the print job: LibreOffice numbers a whole-workbook export
    straight through, so the footer reads «Side 6 / 9» there and per sheet in Excel.
    """
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, fit_height)
    sheet.set_margins(left=0.3, right=0.3, top=0.6, bottom=0.6)
    if repeat is not None:
        sheet.repeat_rows(*repeat)
    right = f"&R{header_text(date_text)}" if date_text else ""
    sheet.set_header(f'&L&"-,Bold"{header_text(title)}{right}')
    sheet.set_footer(f"&L&A&R{header_text(tr('print.page'))} &P / &N")


def wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes wrapped at word boundaries in a column `width` wide.

    LibreOffice does not grow a row for wrapped text XlsxWriter wrote, so the rows
    are sized here. A column's width counts digits, the widest characters: one
    `width` characters wide holds about 1.2 times as many of ordinary text (measured
    in LibreOffice with DejaVu Sans, wider than Excel's Calibri), so wrapping at 1.1
    times `width` errs on the tall side.
    """
    return max(1, len(textwrap.wrap(text, max(1, math.floor(width * 1.1)))))


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
    workbook,
    sheet,
    columns: dict[str, list[str]],
    formats: Formats,
    note: str,
    settings: Settings,
    title: str,
) -> None:
    """Fill the `Lister` sheet: one column per list, each behind a defined name.

    A user extends a list by typing below it: the name covers LIST_ROWS rows. The
    note sits beside the lists in a merged block tall enough for its wrapped lines
    (a merge's height is its rows', so no program has to grow a row), and the sheet
    prints on one landscape page.
    """
    for col, (kind, values) in enumerate(columns.items()):
        name, headers = LIST_NAMES[kind]
        sheet.write_string(0, col, headers[settings.language], formats.header)
        for row, value in enumerate(values, start=1):
            sheet.write_string(row, col, value)
        sheet.set_column(col, col, LIST_WIDTH)
        letter = xlsxwriter.utility.xl_col_to_name(col)
        workbook.define_name(
            name, f"={quote_sheetname(sheet.name)}!${letter}$2:${letter}${LIST_ROWS + 1}"
        )
    note_col = len(columns) + 1
    note_format = workbook.add_format({"text_wrap": True, "valign": "top", "italic": True})
    sheet.set_column(note_col, note_col, NOTE_WIDTH)
    # Beside the values, under the frozen header row; one spare line, as a reader's
    # font may wrap a little earlier than the estimate.
    last = 1 + wrapped_lines(note, NOTE_WIDTH)
    sheet.merge_range(1, note_col, last, note_col, note, note_format)
    sheet.freeze_panes(1, 0)
    print_setup(sheet, settings.tr, title, fit_height=1, repeat=(0, 0))
