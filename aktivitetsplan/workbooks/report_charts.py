"""The report workbook's native charts: phases (doughnut), budget burn over time, channels.

Each chart reads a table on a sheet, so a reader who changes a figure sees the chart
follow. Colours come from `plan/palette.py`, as in the HTML report's charts.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..plan.palette import (
    ACCENT,
    ACCENT_MID,
    BAD,
    FAINT,
    GOOD,
    GRID,
    INK,
    PHASE_STRONG_COLOURS,
    WHITE,
)
from ..view.report import PhaseRow, ReportView
from .common import money_format
from .report_sheets import Column, SheetWriter

CHART_STYLE = {"name": "Calibri", "size": 10, "color": INK}
# Excel counts dates in days from 30.12.1899: the burn chart's axis is set in those.
EXCEL_EPOCH = date(1899, 12, 30)


def phase_donut(workbook, sheet, view: ReportView, rows: tuple[int, int], phases: list[PhaseRow]):
    """The phases as a doughnut over the `Faser` table's data `rows` (first, last)."""
    first, last = rows
    tr = view.tr
    donut = workbook.add_chart({"type": "doughnut"})
    donut.add_series(
        {
            "name": tr("mgmt.chart.phases"),
            "categories": [sheet.name, first, 0, last, 0],
            "values": [sheet.name, first, 1, last, 1],
            "points": [{"fill": {"color": PHASE_STRONG_COLOURS[r.phase]}} for r in phases],
            "data_labels": {"value": True, "font": {"color": WHITE, "bold": True}},
        }
    )
    donut.set_title({"name": tr("mgmt.chart.phases"), "name_font": {"size": 12}})
    donut.set_hole_size(55)
    donut.set_legend({"position": "right", "font": CHART_STYLE})
    donut.set_chartarea({"border": {"none": True}})
    return donut


def burn_points(view: ReportView) -> list[dict[str, Any]]:
    """Budget burn against time at three dates: the period's start, today, its end."""
    budget = view.report.budget
    start, end = budget.period_start, budget.period_end
    today = min(max(view.report.date, start), end)
    total, spent, forecast = budget.total, budget.spent, budget.forecast
    even_today = total * ((today - start).days / max((end - start).days, 1))
    return [
        {"date": start, "even": 0.0, "spent": 0.0, "forecast": None, "budget": total},
        {
            "date": today,
            "even": even_today,
            "spent": spent,
            "forecast": spent if forecast is not None else None,
            "budget": total,
        },
        {"date": end, "even": total, "spent": None, "forecast": forecast, "budget": total},
    ]


def burn_chart(writer: SheetWriter, sheet, view: ReportView, row: int):
    """The `Forbruk` table at `row` and the four lines drawn from it (even spend, spent,
    forecast, budget); the forecast is red when it ends over the budget."""
    tr, budget = view.tr, view.report.budget
    columns = [
        Column(tr("mgmt.col.date"), "date", 36, lambda p: p["date"]),
        Column(tr("mgmt.chart.even"), "money", 16, lambda p: p["even"]),
        Column(tr("budget.spent"), "money", 16, lambda p: p["spent"]),
        Column(tr("mgmt.chart.forecast"), "money", 16, lambda p: p["forecast"]),
        Column(tr("budget.total"), "money", 16, lambda p: p["budget"]),
    ]
    points = burn_points(view)
    first, last = writer.table(sheet, "Forbruk", columns, points, first_row=row, widths=False)
    chart = writer.workbook.add_chart({"type": "scatter", "subtype": "straight_with_markers"})
    forecast, total = budget.forecast, budget.total
    styles = [
        (1, FAINT, "dash", "none"),
        (2, ACCENT, "solid", "circle"),
        (3, BAD if forecast is not None and forecast > total else GOOD, "dash", "circle"),
        (4, INK, "long_dash", "none"),
    ]
    for col, colour, dash, marker in styles:
        chart.add_series(
            {
                "name": [sheet.name, row, col],
                "categories": [sheet.name, first, 0, last, 0],
                "values": [sheet.name, first, col, last, col],
                "line": {"color": colour, "width": 2.25, "dash_type": dash},
                "marker": {
                    "type": marker,
                    "size": 7,
                    "fill": {"color": colour},
                    "border": {"color": colour},
                },
            }
        )
    chart.set_title({"name": tr("mgmt.chart.burn"), "name_font": {"size": 12}})
    chart.set_x_axis(
        {
            "date_axis": True,
            "num_format": "dd.mm.yyyy",
            "min": (budget.period_start - EXCEL_EPOCH).days,
            "max": (budget.period_end - EXCEL_EPOCH).days,
            "major_gridlines": {"visible": False},
            "num_font": CHART_STYLE,
        }
    )
    return style_value_chart(chart, money_format(view.fmt.currency))


def style_value_chart(chart, num_format: str):
    """The look every line chart of the report workbook shares: a value axis from 0 with
    light gridlines in `num_format`, gaps where a value is missing, the legend below."""
    chart.set_y_axis(
        {
            "num_format": num_format,
            "min": 0,
            "major_gridlines": {"visible": True, "line": {"color": GRID}},
            "num_font": CHART_STYLE,
        }
    )
    chart.show_blanks_as("gap")
    chart.set_legend({"position": "bottom", "font": CHART_STYLE})
    chart.set_chartarea({"border": {"none": True}})
    return chart


def channel_chart(workbook, view: ReportView, sheet_name: str, rows: int):
    """Planned and spent per channel, read from the `Per kanal` table."""
    tr = view.tr
    last = max(rows, 1)
    chart = workbook.add_chart({"type": "bar"})
    for col, colour in ((2, ACCENT_MID), (3, ACCENT)):
        chart.add_series(
            {
                "name": [sheet_name, 0, col],
                "categories": [sheet_name, 1, 0, last, 0],
                "values": [sheet_name, 1, col, last, col],
                "fill": {"color": colour},
                "border": {"none": True},
                "gap": 60,
            }
        )
    chart.set_title({"name": tr("mgmt.chart.channels"), "name_font": {"size": 12}})
    # In a bar chart the category axis is the vertical one: channels top-down in table
    # order, with the money axis kept at the bottom.
    chart.set_y_axis({"reverse": True, "crossing": "max", "num_font": CHART_STYLE})
    chart.set_x_axis(
        {
            "num_format": money_format(view.fmt.currency),
            "major_gridlines": {"visible": True, "line": {"color": GRID}},
            "num_font": CHART_STYLE,
        }
    )
    chart.set_legend({"position": "bottom", "font": CHART_STYLE})
    chart.set_chartarea({"border": {"none": True}})
    return chart
