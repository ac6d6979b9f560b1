"""Plan(s) + date → Report: pure computation, no I/O.

The figures follow DESIGN.md ("Report figures") and are computed in `figures.py`
(budget, phases, goals, rows per person, channel and type, what could not be read)
and `tasks.py` (the lists of activities); the records are in `model.py`, whose
`Report.to_json()` is the `aktplan.rapport/1` JSON contract. This module puts one
report together, including what only the formats use: the årshjul of the report's
year and the activities' own goals.
"""

from __future__ import annotations

import calendar
import dataclasses
from datetime import date
from typing import TYPE_CHECKING

from ..plan.model import Issue, Plan, ReadResult
from ..plan.table import Table
from ..settings import Settings
from .figures import (
    active_count,
    budget_figures,
    channel_rows,
    experiment_figures,
    kpi_figures,
    person_rows,
    portfolio_budget,
    status_counts,
    status_shares,
    sum_unreadable,
    type_rows,
    unreadable_figures,
)
from .method import department_goal, digital_tail, experiment_year, goal_spec, readiness
from .model import (
    SCHEMA,
    Budget,
    Goal,
    OverBudgetTask,
    OverdueTask,
    PlanFigures,
    Report,
    UnreadableFigures,
    UpcomingTask,
)
from .tasks import activity_goals, month_view, over_budget_tasks, overdue_tasks, upcoming_tasks
from .wheel import WheelYear, build_year

if TYPE_CHECKING:
    from .changes import HistoryInput


def month_report_date(year: int, month: int, today: date) -> date:
    """`--måned`: the month's last day, or today when that is earlier.

    A month still to come is reported as of today too: a report dated in the future
    would call tasks late that are not late yet.
    """
    return min(date(year, month, calendar.monthrange(year, month)[1]), today)


def year_wheel(plans: list[Plan], settings: Settings) -> WheelYear | None:
    """The årshjul of the report date's year, in rings by type; None when no activity
    has a date in that year (the HTML report then shows no wheel)."""
    wheel = build_year(plans, settings, year=settings.today().year)
    return wheel if wheel.activities else None


# What a report holds beyond its JSON figures, for the formats that show it: the årshjul
# of the report's year (HTML) and the activities' own goals (HTML, Markdown, Excel).
# `formats.report.PARTS` says which format needs which; the JSON needs neither.
PARTS = frozenset({"wheel", "activity_goals"})


def build_report(
    source: ReadResult | list[Plan],
    settings: Settings,
    *,
    month: tuple[int, int] | None = None,
    parts: frozenset[str] = PARTS,
    history: HistoryInput | None = None,
    snapshot: date | None = None,
) -> Report:
    """Compute every figure for the report date (`settings.today()`) over one plan or a
    portfolio; `month` (year, month) adds the month's own view (`--måned`).

    `parts` chooses what beyond the JSON figures is computed (see PARTS): the wheel
    costs more on a big portfolio than all the other figures together, so a format
    that does not show it does not pay for it.

    `history` (from the history store) adds what changed since its previous snapshot
    and the trend; `snapshot` says the plans are that day's snapshot, not the files as
    they are now (`--måned` from the history). Without either the report is as before.
    """
    unknown = parts - PARTS
    if unknown:
        raise ValueError(f"unknown report parts: {sorted(unknown)}")
    if isinstance(source, ReadResult):
        plans, unreadable, files = list(source.plans), source.unreadable, source.files
    else:
        plans, unreadable, files = list(source), [], len({p.file for p in source})
    today = settings.today()
    rows: list[PlanFigures] = []
    budgets: list[Budget] = []
    overdue: list[OverdueTask] = []
    upcoming: list[UpcomingTask] = []
    over_budget: list[OverBudgetTask] = []
    kpi: list[Goal] = []
    issues: list[Issue] = []
    spec, goal_issues = goal_spec(plans, settings.goal, settings.tr)
    # A workbook that only holds the department goal (an årshjul whose Mål sheet is
    # filled in, its calendar empty) is not one more plan: its issues still count.
    holders = [plan for plan in plans if plan.holds_only_goal]
    if holders:
        plans = [plan for plan in plans if not plan.holds_only_goal]
        goal_issues = [issue for plan in holders for issue in plan.issues] + goal_issues
    uncertain_parts: list[UnreadableFigures] = []
    for plan in plans:
        budget = budget_figures(plan, today)
        budgets.append(budget)
        late = overdue_tasks(plan, today)
        overdue.extend(late)
        upcoming.extend(upcoming_tasks(plan, today, settings.upcoming_days))
        over_budget.extend(over_budget_tasks(plan))
        kpi.append(kpi_figures(plan, budget.elapsed_pct))
        issues.extend(plan.issues)
        uncertain = unreadable_figures(plan)
        uncertain_parts.append(uncertain)
        status = status_counts(plan.table)
        rows.append(
            PlanFigures(
                file=plan.file,
                sheet=plan.sheet,
                campaign=plan.campaign.get("name"),
                activities=len(plan.table),
                active=active_count(status),
                status=status,
                status_pct=status_shares(status),
                budget=budget,
                overdue=len(late),
                errors=sum(1 for i in plan.issues if i.severity == "error"),
                warnings=sum(1 for i in plan.issues if i.severity == "warning"),
                unreadable=uncertain,
                campaign_fields={
                    k: (v.isoformat() if isinstance(v, date) else v)
                    for k, v in plan.campaign.items()
                },
            )
        )
    issues.extend(goal_issues)
    table = Table.concat(plan.table for plan in plans)
    overdue.sort(key=lambda i: (-i.days_overdue, i.deadline, i.file, i.row))
    upcoming.sort(key=lambda i: (i.days_left, i.file, i.row))
    over_budget.sort(key=lambda i: -i.over)
    status = status_counts(table)
    report = Report(
        date=today,
        settings=settings,
        activities=len(table),
        active=active_count(status),
        plans=rows,
        status=status,
        status_pct=status_shares(status),
        budget=portfolio_budget(budgets),
        overdue=overdue,
        upcoming=upcoming,
        by_person=person_rows(table, overdue),
        by_channel=channel_rows(table),
        by_type=type_rows(table),
        over_budget=over_budget,
        experiments=experiment_figures(table, today),
        kpi=kpi,
        issues=issues,
        unreadable=list(unreadable),
        unreadable_values=sum_unreadable(uncertain_parts),
        files=files,
        month=month_view(plans, *month) if month else None,
        wheel=year_wheel(plans, settings) if "wheel" in parts else None,
        activity_goals=activity_goals(plans) if "activity_goals" in parts else [],
        snapshot=snapshot,
        department_goal=(
            department_goal(plans, spec, kpi, uncertain_parts, today) if spec else None
        ),
        experiment_year=experiment_year(plans, today),
        readiness=readiness(plans, today),
        digital_tail=digital_tail(plans),
    )
    if history is None:
        return report
    from .changes import compare  # the comparison loads only for a report with history
    from .trend import build_trend

    return dataclasses.replace(
        report,
        changes=compare(history.previous, plans, history.current_files, report),
        trend=build_trend(history.past, report),
    )


__all__ = ["PARTS", "SCHEMA", "Report", "build_report", "month_report_date"]
