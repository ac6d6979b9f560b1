"""The `Årshjul` sheet's week grid: where everything sits, the calendar above the bars,
and the formulas that draw a row's bar and mark the current week.

One column per ISO week under merged month headers; a row of week-start dates
(Mondays) that the bar formulas compare with each row's dates; a row marking
public and school holidays. `wheel_template` puts the table and the rules on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from xlsxwriter.utility import xl_col_to_name

from ..compute.wheel import Week, month_spans
from ..plan.palette import (
    CATEGORY_COLOURS,
    FIELD,
    GREY_TEXT,
    HOLIDAY,
    MONTH_LINE,
    MONTH_SHADES,
    NAVY,
    SCHOOL_SHADE,
    WEEK_LINE,
    WHITE,
)
from ..plan.schema import LIST_NAMES
from ..settings import Settings
from .common import Formats

# Layout of the `Årshjul` sheet (0-based rows).
TITLE_ROW, SUBTITLE_ROW = 0, 1
MONTH_ROW, WEEK_START_ROW, HOLIDAY_ROW, HEADER_ROW = 2, 3, 4, 5
FIRST_ROW = HEADER_ROW + 1
TEMPLATE_ROWS = 150  # empty rows in the blank template
SPARE_ROWS = 40  # empty rows below the activities in a filled workbook
# Widths in characters. The sheet prints the table and all 53 weeks on one A4
# landscape page, so every character of width shrinks the print: a week holds a
# two-digit week number, a table column its usual values.
WEEK_WIDTH = 2.5

# The activity table: key → (catalogue key of the header, width).
TABLE = (
    ("category", 11),
    ("activity", 22),
    ("start", 10),
    ("end", 10),
    ("responsible", 11),
    ("channel", 10),
    ("status", 12),
    ("repeat", 9),  # last: the columns before it keep their letters
)
CAMPAIGN_COLUMN = ("campaign", 20)


@dataclass(frozen=True)
class Layout:
    """Where things are on the `Årshjul` sheet."""

    columns: tuple[tuple[str, int], ...]
    weeks: tuple[Week, ...]
    rows: int  # data rows

    @property
    def col(self) -> dict[str, int]:
        return {key: i for i, (key, _w) in enumerate(self.columns)}

    @property
    def last_table_col(self) -> int:
        return len(self.columns) - 1

    @property
    def first_week_col(self) -> int:
        return len(self.columns) + 1  # one narrow spacer column

    @property
    def last_week_col(self) -> int:
        return self.first_week_col + len(self.weeks) - 1

    @property
    def last_row(self) -> int:
        return FIRST_ROW + self.rows - 1

    def week_col(self, index: int) -> int:
        return self.first_week_col + index

    def letter(self, key: str) -> str:
        return xl_col_to_name(self.col[key])


def category_colour(position: int) -> str:
    """The bar colour of the `position`-th (0-based) Kategori in the list."""
    return CATEGORY_COLOURS[position % len(CATEGORY_COLOURS)]


def bar_formula(layout: Layout, category: int | None) -> str:
    """The conditional-format rule for a bar: a week cell lies between the row's dates.

    The week's Monday (row 4) is on or after the Monday of the first date and on
    or before the last date. One date alone lights its week. `category` is the
    1-based position in the Kategori list the row must name, or None for any row.
    """
    row = FIRST_ROW + 1
    week = f"{xl_col_to_name(layout.first_week_col)}${WEEK_START_ROW + 1}"
    start, end = layout.letter("start"), layout.letter("end")
    dates = f"${start}{row}:${end}{row}"
    first = f"MIN({dates})"
    parts = [f"COUNT({dates})>0", f"{week}>={first}-WEEKDAY({first},2)+1", f"{week}<=MAX({dates})"]
    if category is not None:
        cell = f"${layout.letter('category')}{row}"
        name = LIST_NAMES["category"][0]
        parts = [f'{cell}<>""', f"{cell}=INDEX({name},{category})", *parts]
    return "=AND(" + ",".join(parts) + ")"


def today_formula(layout: Layout) -> str:
    """True in the column of the current week (TODAY() falls Monday to Sunday)."""
    week = f"{xl_col_to_name(layout.first_week_col)}${WEEK_START_ROW + 1}"
    return f"=AND({week}<=TODAY(),TODAY()<{week}+7)"


def write_calendar(
    workbook, sheet, layout: Layout, settings: Settings, year: int, fmt: Formats, subtitle: str
) -> None:
    """Title, month headers, week-start dates, holiday marks, week numbers, the grid."""
    tr = settings.tr
    sheet.set_row(TITLE_ROW, 28)
    sheet.write_string(TITLE_ROW, 0, tr("wheel.title", year=year), fmt.title)
    sheet.write_string(SUBTITLE_ROW, 0, subtitle, fmt.subtitle)
    for col, (_key, width) in enumerate(layout.columns):
        sheet.set_column(col, col, width)
    sheet.set_column(layout.first_week_col - 1, layout.first_week_col - 1, 1.5)
    sheet.set_column(layout.first_week_col, layout.last_week_col, WEEK_WIDTH)

    label = workbook.add_format(
        {"align": "right", "valign": "vcenter", "font_color": GREY_TEXT, "italic": True}
    )
    last = layout.last_table_col
    sheet.write_string(MONTH_ROW, last, tr("wheel.xlsx.month_row"), label)
    sheet.write_string(WEEK_START_ROW, last, tr("wheel.xlsx.week_start_row"), label)
    sheet.write_string(HOLIDAY_ROW, last, tr("wheel.xlsx.holiday_row"), label)

    months = settings.fmt.month_names()
    for index, span in enumerate(month_spans(layout.weeks)):
        month_format = workbook.add_format(
            {
                "bold": True,
                "align": "center",
                "valign": "vcenter",
                "font_color": WHITE,
                "bg_color": MONTH_SHADES[index % 2],
                "border": 1,
                "border_color": WHITE,
            }
        )
        first, last_col = layout.week_col(span.first), layout.week_col(span.last)
        sheet.merge_range(MONTH_ROW, first, MONTH_ROW, last_col, "", month_format)
        sheet.write_string(MONTH_ROW, first, months[span.month - 1], month_format)
    sheet.set_row(MONTH_ROW, 20)

    start_format = workbook.add_format(
        {
            "num_format": "dd.mm",
            "rotation": 90,
            "font_size": 7,
            "font_color": GREY_TEXT,
            "align": "center",
        }
    )
    sheet.set_row(WEEK_START_ROW, 30)
    holiday_format = workbook.add_format({"align": "center", "font_color": HOLIDAY, "bold": True})
    school_format = workbook.add_format({"align": "center", "bg_color": SCHOOL_SHADE})
    school_holiday_format = workbook.add_format(
        {
            "align": "center",
            "font_color": HOLIDAY,
            "bold": True,
            "bg_color": SCHOOL_SHADE,
        }
    )
    week_format = workbook.add_format(
        {
            "bold": True,
            "align": "center",
            "valign": "vcenter",
            "font_color": WHITE,
            "bg_color": NAVY,
            "font_size": 9,
        }
    )
    month_firsts = {span.first for span in month_spans(layout.weeks)}
    body_formats: dict[tuple[bool, bool], object] = {}
    for index, week in enumerate(layout.weeks):
        col = layout.week_col(index)
        monday = datetime(week.monday.year, week.monday.month, week.monday.day)
        sheet.write_datetime(WEEK_START_ROW, col, monday, start_format)
        notes = [
            tr("wheel.xlsx.week_note", week=week.number, monday=week.monday, sunday=week.sunday)
        ]
        notes += [f"{day:%d.%m.%Y} {name}" for day, name in week.holidays]
        if week.school:
            notes.append(tr(f"wheel.school.{week.school}"))
        if week.holidays:
            cell_format = school_holiday_format if week.school else holiday_format
            sheet.write_string(HOLIDAY_ROW, col, "●", cell_format)
        elif week.school:
            sheet.write_blank(HOLIDAY_ROW, col, None, school_format)
        if week.holidays or week.school:
            sheet.write_comment(
                HOLIDAY_ROW,
                col,
                "\n".join(notes),
                {"author": "aktplan", "x_scale": 2.2, "y_scale": 1.2},
            )
        sheet.write_number(HEADER_ROW, col, week.number, week_format)
        key = (index in month_firsts, bool(week.school))
        if key not in body_formats:
            body_formats[key] = workbook.add_format(
                {
                    "left": 1,
                    "left_color": MONTH_LINE if key[0] else WEEK_LINE,
                    "bottom": 1,
                    "bottom_color": FIELD,
                    **({"bg_color": SCHOOL_SHADE} if key[1] else {}),
                }
            )
        for row in range(FIRST_ROW, layout.last_row + 1):
            sheet.write_blank(row, col, None, body_formats[key])
    sheet.set_row(HEADER_ROW, 30)
