"""The management report as a workbook: key figures with native charts, then filtered tables.

`Sammendrag` holds the headline, the key figures and three charts (phase
distribution, budget burn against time, spend per channel); with the planning
method's fields, `Mål og metode` (the goal, experiments, readiness, the digital tail,
report_method.py) follows it; with history, `Endringer`
(since the last report) and `Trend` (month by month, with line charts) follow it;
every list is its own sheet as an Excel table with autofilter. Text from a plan is always written with
`write_string`: never a formula, never a link.
"""

from __future__ import annotations

from pathlib import Path

from ..compute.report import Report
from ..plan.model import Issue
from ..view.report import SHOWN_PHASES, ReportView
from .common import Formats, mark_generated, new_workbook
from .report_changes import write_changes_sheet, write_changes_xlsx
from .report_charts import channel_chart
from .report_method import has_method, write_method_sheet
from .report_sheets import Column, SheetWriter, task_columns
from .report_summary import write_summary
from .report_trend import write_trend_sheet

# `aktplan endringer -o FIL.xlsx` writes the changes sheet alone (report_changes.py).
__all__ = ["sheet_names", "write_changes_xlsx", "write_report_xlsx"]


def sheet_names(view: ReportView) -> dict[str, str]:
    keys = (
        "summary",
        "method",
        "changes",
        "trend",
        "month",
        "overdue",
        "upcoming",
        "by_campaign",
        "activity_goals",
        "by_person",
        "by_channel",
        "over_budget",
        "issues",
    )
    return {key: view.tr(f"mgmt.sheet.{key}") for key in keys}


def write_report_xlsx(report: Report, path: Path) -> Path:
    """Write the report workbook to `path` (the caller makes it atomic)."""
    view = ReportView(report)
    tr = view.tr
    names = sheet_names(view)
    workbook = new_workbook(path, view.doc_title)
    mark_generated(workbook, "rapport")  # skipped when found beside the plans
    formats = Formats(workbook, view.fmt.currency)
    writer = SheetWriter(workbook, formats)
    summary, channel_row = write_summary(writer, view, names)
    if has_method(view):  # the goal, experiments, readiness, the digital tail
        write_method_sheet(writer, view, names["method"])
    if view.changes:  # with history: what changed since the last report, and the months
        write_changes_sheet(writer, view, names["changes"])
    if view.trend:
        write_trend_sheet(writer, view, names["trend"])

    if report.month:
        # (the list's title, the task) for every task of every list of the month
        items = [(group.title, item) for group in view.month_groups for item in group.items]
        group_column = Column(tr("mgmt.col.group"), "text", 28, lambda pair: pair[0])
        columns = [c.of(lambda pair: pair[1]) for c in task_columns(view, None)]
        writer.list_sheet(names["month"], "Maaned", [group_column, *columns], items)
    writer.list_sheet(
        names["overdue"],
        "Forsinket",
        task_columns(view, ("days_overdue", tr("mgmt.col.days_late"))),
        report.overdue,
    )
    writer.list_sheet(
        names["upcoming"],
        "Kommende",
        task_columns(view, ("days_left", tr("mgmt.col.days_left"))),
        report.upcoming,
    )
    # (the plan's figures, its campaign goal) for every plan
    kpi = {(k.file, k.sheet): k for k in report.kpi}
    plans = [(p, kpi.get((p.file, p.sheet))) for p in report.plans]
    goal_columns = [
        Column("KPI", "text", 22, lambda g: g.kpi),
        Column(tr("col.target"), "number", 11, lambda g: g.target),
        Column(tr("col.result"), "number", 11, lambda g: g.result),
        Column(tr("mgmt.col.goal_pct"), "pct", 13, lambda g: g.pct),
    ]
    writer.list_sheet(
        names["by_campaign"],
        "PerKampanje",
        [
            Column(tr("col.campaign"), "text", 32, lambda p: p[0].campaign),
            Column(tr("col.responsible"), "text", 18, lambda p: view.owner(p[0])),
            Column(tr("col.activities"), "int", 12, lambda p: p[0].activities),
            *[
                Column(view.phase(ph), "int", 14, lambda p, ph=ph: p[0].status[ph])
                for ph in (*SHOWN_PHASES, "cancelled")
            ],
            Column(tr("budget.total"), "money", 14, lambda p: p[0].budget.total),
            Column(tr("budget.spent"), "money", 14, lambda p: p[0].budget.spent),
            Column(tr("budget.burn"), "pct", 11, lambda p: p[0].budget.burn_pct),
            Column(tr("budget.elapsed"), "pct", 11, lambda p: p[0].budget.elapsed_pct),
            Column(tr("budget.forecast"), "money", 16, lambda p: p[0].budget.forecast),
            Column(tr("col.overdue"), "int", 11, lambda p: p[0].overdue),
            *[c.of(lambda p: p[1]) for c in goal_columns],
            Column(tr("col.errors"), "int", 8, lambda p: p[0].errors),
            Column(tr("mgmt.fig.warnings"), "int", 12, lambda p: p[0].warnings),
            Column(tr("col.file"), "text", 28, lambda p: p[0].file),
        ],
        plans,
    )
    if view.activity_goals:
        writer.list_sheet(
            names["activity_goals"],
            "MaalPerAktivitet",
            [
                Column(tr("mgmt.col.id"), "text", 8, lambda g: g.id),
                Column(tr("col.activity"), "text", 40, lambda g: g.activity),
                Column("KPI", "text", 22, lambda g: g.kpi),
                Column(tr("col.target"), "number", 11, lambda g: g.target),
                Column(tr("col.result"), "number", 11, lambda g: g.result),
                Column(tr("mgmt.col.goal_pct"), "pct", 13, lambda g: g.pct),
                Column(tr("col.phase"), "text", 15, lambda g: view.phase(g.phase)),
                Column(tr("col.responsible"), "text", 18, lambda g: g.responsible),
                Column(tr("col.campaign"), "text", 30, lambda g: g.campaign),
                Column(tr("col.file"), "text", 28, lambda g: g.file),
                Column(tr("mgmt.col.cell"), "text", 18, lambda g: f"{g.sheet}!A{g.row}"),
            ],
            view.activity_goals,
        )
    writer.list_sheet(
        names["by_person"],
        "PerPerson",
        [
            Column(tr("col.person"), "text", 24, lambda r: view.person(r.person)),
            *[
                Column(view.phase(ph), "int", 14, lambda r, ph=ph: r.in_phase(ph))
                for ph in (*SHOWN_PHASES, "cancelled")
            ],
            Column(tr("col.overdue"), "int", 11, lambda r: r.overdue),
        ],
        report.by_person,
    )
    channels = writer.list_sheet(
        names["by_channel"],
        "PerKanal",
        [
            Column(tr("col.channel"), "text", 24, lambda r: view.channel(r.channel)),
            Column(tr("col.activities"), "int", 12, lambda r: r.activities),
            Column(tr("budget.planned"), "money", 14, lambda r: r.planned),
            Column(tr("budget.spent"), "money", 14, lambda r: r.spent),
            Column(tr("budget.burn"), "pct", 11, lambda r: r.burn_pct),
        ],
        report.by_channel,
    )
    if report.by_channel:
        chart = channel_chart(workbook, view, channels.name, len(report.by_channel))
        summary.insert_chart(channel_row, 6, chart, {"x_scale": 1.3, "y_scale": 1.3})
    if report.over_budget:
        writer.list_sheet(
            names["over_budget"],
            "OverBudsjett",
            [
                Column(tr("col.activity"), "text", 40, lambda i: i.activity),
                Column(tr("col.responsible"), "text", 18, lambda i: i.responsible),
                Column(tr("budget.planned"), "money", 14, lambda i: i.budget),
                Column(tr("budget.spent"), "money", 14, lambda i: i.cost),
                Column(tr("col.over"), "money", 14, lambda i: i.over),
                Column(tr("col.campaign"), "text", 30, lambda i: i.campaign),
                Column(tr("col.file"), "text", 28, lambda i: i.file),
            ],
            report.over_budget,
        )
    # Every issue, then every file not read at all (an error without a cell).
    issues = [*report.issues, *(Issue(u.file, "", "error", u.message) for u in report.unreadable)]
    writer.list_sheet(
        names["issues"],
        "Avvik",
        [
            Column(tr("col.severity"), "text", 12, lambda i: view.severity(i.severity)),
            Column(tr("col.file"), "text", 34, lambda i: i.file),
            Column(tr("col.cell"), "text", 22, lambda i: i.cell),
            Column(tr("col.message"), "text", 80, lambda i: i.message),
        ],
        issues,
    )
    summary.activate()
    workbook.close()
    return path
