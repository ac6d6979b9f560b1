"""The årshjul workbook's `Hjul` sheet: the year as a doughnut chart to print.

Quarters inside, ISO weeks in the middle (public and school holidays shaded),
months outside; the public holidays listed beside it, so the page prints in
landscape like the other sheets. The chart reads its slices from a small table
to the right of the print area.
"""

from __future__ import annotations

from datetime import date, datetime

from ..compute.wheel import days_in_year, public_holidays, wheel_weeks
from ..plan.palette import (
    HOLIDAY_WEEK,
    MONTH_SHADES,
    NAVY,
    QUARTER_SHADES,
    SCHOOL_WEEK,
    WEEK_SHADES,
    WHITE,
)
from ..settings import Settings
from .common import Formats, print_setup

# The chart covers columns A–L (12 columns of 68 px hold its 770 px); the holidays
# sit in M–N, the chart's data from Q on, outside the print area.
CHART_COLUMNS, CHART_COLUMN_WIDTH = 12, 9
CHART_SIZE = 760  # pixels
HOLIDAY_COL = CHART_COLUMNS
DATA_COL = HOLIDAY_COL + 4
LEGEND_ROW = 42  # under the chart (rows 4–41)


def chart_rings(year: int, settings: Settings) -> dict[str, list[tuple[str, int]]]:
    """The chart's rings from the inside out, each as (label, days) slices of the year."""
    language, tr = settings.language, settings.tr
    quarters = [(tr("wheel.quarter", quarter=q), 0) for q in range(1, 5)]
    months = []
    for month, name in enumerate(settings.fmt.month_names(), start=1):
        days = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
        months.append((name, days))
        quarter = (month - 1) // 3
        quarters[quarter] = (quarters[quarter][0], quarters[quarter][1] + days)
    weeks = []
    for week in wheel_weeks(year, language):
        first = max(week.monday, date(year, 1, 1))
        last = min(week.sunday, date(year, 12, 31))
        weeks.append((str(week.number), (last - first).days + 1))
    assert sum(d for _n, d in weeks) == days_in_year(year)
    return {"quarter": quarters, "week": weeks, "month": months}


def write_chart(
    workbook, sheet, settings: Settings, year: int, fmt: Formats, print_date: str | None = None
) -> None:
    """A doughnut of the year: quarters inside, weeks in the middle, months outside."""
    language, tr = settings.language, settings.tr
    sheet.write_string(0, 0, tr("wheel.title", year=year), fmt.title)
    sheet.write_string(1, 0, tr("wheel.chart.note"), fmt.subtitle)
    sheet.set_row(0, 28)
    rings = chart_rings(year, settings)
    weeks = wheel_weeks(year, language)
    data_col = DATA_COL
    sheet.write_string(0, data_col, tr("wheel.chart.data"), fmt.heading)
    chart = workbook.add_chart({"type": "doughnut"})
    for offset, (kind, slices) in enumerate(rings.items()):
        label_col, value_col = data_col + offset * 3, data_col + offset * 3 + 1
        sheet.write_string(1, label_col, tr(f"wheel.chart.{kind}"), fmt.header)
        sheet.write_string(1, value_col, tr("wheel.chart.days"), fmt.header)
        for row, (label, days) in enumerate(slices, start=2):
            sheet.write_string(row, label_col, label)
            sheet.write_number(row, value_col, days)
        sheet.set_column(label_col, label_col, 11)
        sheet.set_column(value_col, value_col, 6)
        last_row = 1 + len(slices)
        font = {
            "size": 10 if kind == "month" else 7 if kind == "week" else 12,
            "bold": kind != "week",
            "color": WHITE if kind == "month" else NAVY,
        }
        if kind == "month":
            colours = [MONTH_SHADES[i % 2] for i in range(len(slices))]
        elif kind == "quarter":
            colours = list(QUARTER_SHADES)
        else:
            colours = []
            for i, week in enumerate(weeks):
                if week.holidays:
                    colours.append(HOLIDAY_WEEK)
                elif week.school:
                    colours.append(SCHOOL_WEEK)
                else:
                    colours.append(WEEK_SHADES[i % 2])
        chart.add_series(
            {
                "name": tr(f"wheel.chart.{kind}"),
                "categories": [sheet.name, 2, label_col, last_row, label_col],
                "values": [sheet.name, 2, value_col, last_row, value_col],
                "points": [
                    {"fill": {"color": c}, "border": {"color": WHITE, "width": 0.75}}
                    for c in colours
                ],
                # Each point's label as its own text: Excel and LibreOffice alike
                # show exactly it (LibreOffice reads absent label flags as "on").
                "data_labels": {
                    "value": True,
                    "custom": [{"value": label, "font": font} for label, _days in slices],
                },
            }
        )
    chart.set_title({"name": tr("wheel.title", year=year)})
    chart.set_legend({"none": True})
    chart.set_hole_size(20)
    chart.set_rotation(0)
    chart.set_size({"width": CHART_SIZE, "height": CHART_SIZE})
    chart.set_chartarea({"border": {"none": True}})
    sheet.set_column(0, CHART_COLUMNS - 1, CHART_COLUMN_WIDTH)
    sheet.insert_chart(3, 0, chart, {"x_offset": 10, "y_offset": 5})
    sheet.write_string(LEGEND_ROW, 0, tr("wheel.chart.legend"), fmt.subtitle)
    row = 3
    sheet.write_string(row, HOLIDAY_COL, tr("wheel.svg.holidays", year=year), fmt.heading)
    holidays = public_holidays(date(year, 1, 1), date(year, 12, 31), language)
    for offset, (day, name) in enumerate(holidays, start=row + 1):
        sheet.write_datetime(offset, HOLIDAY_COL, datetime(day.year, day.month, day.day), fmt.date)
        sheet.write_string(offset, HOLIDAY_COL + 1, name)
    sheet.set_column(HOLIDAY_COL, HOLIDAY_COL, 11)
    sheet.set_column(HOLIDAY_COL + 1, HOLIDAY_COL + 1, 24)
    last_row = max(LEGEND_ROW, row + len(holidays))
    # One landscape page: the wheel beside its holidays.
    print_setup(sheet, tr, tr("wheel.title", year=year), fit_height=1, date_text=print_date)
    sheet.print_area(0, 0, last_row, HOLIDAY_COL + 1)
    sheet.hide_gridlines(2)
