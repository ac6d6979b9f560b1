"""The report workbook's first sheet, `Sammendrag`: the headline, the key figures as
numbers a reader can compute with, and the charts beside them.

The titles, sentences and labels are the view's (`ReportView`), as in every other
format; the figures are the report's own numbers, typed (money, share, count).
"""

from __future__ import annotations

from typing import Any

from ..view.report import ReportView
from .report_charts import burn_chart, phase_donut
from .report_sheets import Column, SheetWriter

# How far below the first chart the next one starts, in rows.
CHART_ROWS = 16
BURN_CHART_ROWS = 18


def _figure(label: str, kind: str, value: Any) -> dict[str, Any]:
    return {"label": label, "kind": kind, "value": value}


def summary_figures(view: ReportView) -> list[dict[str, Any]]:
    """Every key figure as (label, kind, value): counts, money, shares."""
    tr, report = view.tr, view.report
    budget = report.budget
    figures = [
        _figure(tr("col.activities"), "int", report.activities),
        *[_figure(row.label, "int", row.count) for row in view.status_rows],
        _figure(tr("budget.total"), "money", budget.total),
        _figure(tr("budget.planned"), "money", budget.planned),
        _figure(tr("budget.spent"), "money", budget.spent),
        _figure(tr("budget.remaining"), "money", budget.remaining),
        _figure(tr("budget.burn"), "pct", budget.burn_pct),
        _figure(tr("budget.elapsed"), "pct", budget.elapsed_pct),
        _figure(tr("budget.forecast"), "money", budget.forecast),
        _figure(tr("col.overdue"), "int", len(report.overdue)),
        _figure(
            tr("mgmt.fig.upcoming", days=report.settings.upcoming_days),
            "int",
            len(report.upcoming),
        ),
        _figure(
            tr("mgmt.fig.experiments", month=view.fmt.month(report.experiments.month)),
            "int",
            report.experiments.count,
        ),
    ]
    figures += [
        _figure(tr("mgmt.fig.goal", campaign=view.campaign(goal)), "pct", goal.pct)
        for goal in report.kpi
        if goal.pct is not None
    ]
    if report.month:
        month = report.month
        values = (
            ("int", len(month.finished)),
            ("int", len(month.started)),
            ("int", len(month.due_open)),
            ("money", month.spent_due),
            ("int", len(month.experiments)),
        )
        figures += [
            _figure(tile.label, kind, value)
            for tile, (kind, value) in zip(view.month_tiles, values, strict=True)
        ]
    figures += [
        _figure(tr("mgmt.fig.errors"), "int", report.errors),
        _figure(tr("mgmt.fig.warnings"), "int", report.warnings),
    ]
    return figures


def write_summary(writer: SheetWriter, view: ReportView, sheet_names: dict[str, str]):
    """The summary sheet; returns it and the row where the channel chart goes."""
    tr, formats = view.tr, writer.formats
    workbook = writer.workbook
    sheet = workbook.add_worksheet(sheet_names["summary"])
    sheet.hide_gridlines(2)
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.set_column(0, 0, 36)
    sheet.set_column(1, 4, 16)
    sheet.set_column(5, 5, 3)
    sheet.write_string(0, 0, view.doc_title, formats.title)
    sheet.write_string(1, 0, view.subtitle, formats.subtitle)
    if len(view.plan_names) > 1:
        sheet.write_string(2, 0, " · ".join(view.plan_names), formats.subtitle)
    if view.source_note:  # a month report: its statuses from a snapshot, or today's
        sheet.write_string(3, 0, view.source_note, formats.subtitle)
    row = 4
    for sentence in view.headline:
        sheet.write_string(row, 0, sentence)
        row += 1

    # Key figures; the charts sit to their right, below the headline.
    row += 1
    chart_row = row
    sheet.write_string(row, 0, tr("mgmt.section.key_figures"), formats.heading)
    value_formats = {"int": formats.integer, "money": formats.money, "pct": writer.pct}
    row += 1
    sheet.write_string(row, 0, tr("mgmt.col.figure"), formats.header)
    sheet.write_string(row, 1, tr("mgmt.col.value"), formats.header)
    for figure in summary_figures(view):
        row += 1
        sheet.write_string(row, 0, figure["label"])
        writer.cell(sheet, row, 1, figure["kind"], figure["value"], value_formats[figure["kind"]])

    # Phase distribution: table + doughnut.
    row += 2
    sheet.write_string(row, 0, tr("text.status"), formats.heading)
    row += 1
    phases = view.status_rows
    first, last = writer.table(
        sheet,
        "Faser",
        [
            Column(tr("col.phase"), "text", 36, lambda r: r.label),
            Column(tr("col.count"), "int", 16, lambda r: r.count),
            Column(tr("col.share"), "pct", 16, lambda r: r.share),
        ],
        phases,
        first_row=row,
        widths=False,
    )
    donut = phase_donut(workbook, sheet, view, (first, last), phases)
    sheet.insert_chart(chart_row, 6, donut, {"x_scale": 1.0, "y_scale": 1.0})
    row = last + 2

    # Budget burn against time: three dates, four lines.
    if not view.has_period:
        return sheet, chart_row + CHART_ROWS
    sheet.write_string(row, 0, tr("mgmt.chart.burn"), formats.heading)
    chart = burn_chart(writer, sheet, view, row + 1)
    sheet.insert_chart(chart_row + CHART_ROWS, 6, chart, {"x_scale": 1.3, "y_scale": 1.1})
    return sheet, chart_row + CHART_ROWS + BURN_CHART_ROWS
