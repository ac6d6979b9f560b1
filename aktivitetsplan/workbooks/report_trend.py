"""«Trend»: the report workbook's month-by-month sheet, a table and three native line charts.

One row per month (the month's last snapshot, or this report for its own month), typed
as counts, shares and money; the charts read the table, so a reader who changes a figure
sees its line follow: distributed and overdue; budget spent against time elapsed; spent
to date. Colours come from `plan/palette.py`, as in the HTML report's trend charts.
"""

from __future__ import annotations

from ..plan.palette import ACCENT, FAINT, OVERDUE_COLOUR, PHASE_STRONG_COLOURS
from ..view.report import ReportView
from .common import money_format
from .report_charts import CHART_STYLE, style_value_chart
from .report_sheets import Column, SheetWriter

TABLE_ROW = 3  # the table's header row, under the title and the lead
CHART_COLUMN = 9  # the charts stand to the table's right, one under the other
CHART_ROWS = 16


def trend_columns(view: ReportView) -> list[Column]:
    tr = view.tr
    return [
        Column(view.trend.month_header if view.trend else "", "text", 18, lambda r: r.name),
        Column(tr("mgmt.col.source"), "text", 16, lambda r: r.source),
        Column(tr("mgmt.col.date"), "date", 12, lambda r: r.record.day),
        Column(view.phase("distributed"), "int", 14, lambda r: r.record.distributed),
        Column(tr("col.overdue"), "int", 11, lambda r: r.record.overdue),
        Column(tr("budget.burn"), "pct", 11, lambda r: r.record.burn_pct),
        Column(tr("budget.elapsed"), "pct", 11, lambda r: r.record.elapsed_pct),
        Column(tr("budget.spent"), "money", 14, lambda r: r.record.spent),
    ]


def line_chart(workbook, sheet_name: str, rows: tuple[int, int], series, title: str, num_format):
    """A native line chart over the table's `rows` (first, last): one line per
    (column, colour, dash) in `series`, the months (column 0) along the bottom."""
    first, last = rows
    chart = workbook.add_chart({"type": "line"})
    for col, colour, dash in series:
        chart.add_series(
            {
                "name": [sheet_name, TABLE_ROW, col],
                "categories": [sheet_name, first, 0, last, 0],
                "values": [sheet_name, first, col, last, col],
                "line": {"color": colour, "width": 2.25, "dash_type": dash},
                "marker": {
                    "type": "circle",
                    "size": 6,
                    "fill": {"color": colour},
                    "border": {"color": colour},
                },
            }
        )
    chart.set_title({"name": title, "name_font": {"size": 12}})
    chart.set_x_axis({"num_font": CHART_STYLE})
    return style_value_chart(chart, num_format)


def write_trend_sheet(writer: SheetWriter, view: ReportView, title: str):
    """The «Trend» sheet: the months as a filtered table, and their three line charts."""
    trend = view.trend
    assert trend is not None, "a report without history has no trend sheet"
    tr, formats, workbook = view.tr, writer.formats, writer.workbook
    sheet = workbook.add_worksheet(title)
    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.write_string(0, 0, trend.title, formats.title)
    sheet.write_string(1, 0, trend.lead, formats.subtitle)
    rows = writer.table(sheet, "Trend", trend_columns(view), trend.rows, first_row=TABLE_ROW)
    charts = [
        (
            [(3, PHASE_STRONG_COLOURS["distributed"], "solid"), (4, OVERDUE_COLOUR, "solid")],
            tr("mgmt.trend.chart.progress"),
            "#,##0",
        ),
        (
            [(5, ACCENT, "solid"), (6, FAINT, "round_dot")],
            tr("mgmt.trend.chart.burn"),
            "0 %",
        ),
        ([(7, ACCENT, "solid")], tr("mgmt.trend.chart.spent"), money_format(view.fmt.currency)),
    ]
    for index, (series, name, num_format) in enumerate(charts):
        chart = line_chart(workbook, sheet.name, rows, series, name, num_format)
        sheet.insert_chart(index * CHART_ROWS, CHART_COLUMN, chart, {"x_scale": 1.2})
    return sheet
