"""The report's tables, row by row, each cell as every format shows it.

A row keeps its record (`record`) for what a layout draws from the raw figures (a
meter's width, a `late` or `zero` class, an Excel cell's number) and gives each shown
cell as text. The terminal, HTML and Markdown lay these rows out; none of them decides
again how a name, a share or an amount is written, so the formats cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..compute import model
from ..plan.schema import ALL_PHASES, PHASES

if TYPE_CHECKING:
    from .report import ReportView

# Phases shown in the report's status views even when empty.
SHOWN_PHASES = PHASES[:3]


@dataclass(frozen=True)
class PhaseRow:
    """One phase in the status table: its count and its share of the active activities."""

    phase: str
    label: str
    count: int
    share: float | None
    count_text: str
    share_text: str  # blank for cancelled: a cancelled activity is no share of the active


@dataclass(frozen=True, slots=True)
class TaskCells:
    """One activity in a list (late, upcoming, over budget, the month's groups)."""

    record: model.Task
    activity: str | None
    person: str
    campaign: str
    phase: str
    start: str
    deadline: str
    days: str  # days late or days left, for the lists that count them; else blank


@dataclass(frozen=True, slots=True)
class OverBudgetCells:
    """An activity whose cost passed its budget: the amounts, and by how much."""

    record: model.OverBudgetTask
    activity: str | None
    person: str
    campaign: str
    planned: str
    spent: str
    over: str


@dataclass(frozen=True)
class PlanCells:
    """One campaign in the portfolio table, or the portfolio's total (`record` None)."""

    record: model.PlanFigures | None
    name: str
    owner: str | None
    activities: str
    distributed: str
    done: str  # «2 i distribusjon»: what the status bar says in words
    spent: str
    total: str
    burn: str
    elapsed: str
    burn_vs: str | None  # «36 % brukt ved 42 % av perioden»; None when nothing to burn
    overdue: str
    errors: str


@dataclass(frozen=True)
class GoalCells:
    """A campaign's goal, or an activity's own (`Måltall`/`Resultat`)."""

    record: model.Goal | model.ActivityGoal
    name: str | None  # the campaign's name, or the activity's
    campaign: str
    kpi: str
    result: str
    target: str
    share: str
    elapsed: str  # the campaign's time gone; blank for an activity
    on_track: str  # Ja/Nei/–; blank for an activity
    phase: str  # the activity's phase; blank for a campaign


@dataclass(frozen=True)
class PersonCells:
    """One person's activities in each shown phase, and how many are late."""

    record: model.PersonRow
    name: str
    counts: tuple[str, ...]  # in SHOWN_PHASES order
    overdue: str


@dataclass(frozen=True)
class SpendCells:
    """One channel or activity type: its activities and its money."""

    record: model.ChannelRow | model.TypeRow
    name: str
    activities: str
    planned: str
    spent: str
    burn: str


def status_rows(view: ReportView) -> list[PhaseRow]:
    """One row per phase (cancelled and unknown only when there are some): the count
    and the report's share of the active activities (`status_pct`; none for cancelled)."""
    status, shares, fmt = view.report.status, view.report.status_pct, view.fmt
    rows = []
    for phase in ALL_PHASES:
        count = status.get(phase, 0)
        if phase not in SHOWN_PHASES and not count:
            continue
        share = shares.get(phase)
        rows.append(
            PhaseRow(
                phase,
                view.phase(phase),
                count,
                share,
                fmt.number(count),
                "" if share is None else fmt.pct(share),
            )
        )
    return rows


def task_cells(view: ReportView, items: Iterable[model.Task]) -> list[TaskCells]:
    date = view.fmt.date
    rows = []
    for item in items:
        days = getattr(item, "days_overdue", None)
        if days is None:
            days = getattr(item, "days_left", None)
        rows.append(
            TaskCells(
                item,
                item.activity,
                view.person(item.responsible),
                view.campaign(item),
                view.phase(item.phase),
                date(item.start),
                # a series' next occurrence, which its days left count to; else the deadline
                date(getattr(item, "occurrence", None) or item.deadline),
                "" if days is None else str(days),
            )
        )
    return rows


def over_budget_cells(
    view: ReportView, items: Iterable[model.OverBudgetTask]
) -> list[OverBudgetCells]:
    money = view.fmt.money
    return [
        OverBudgetCells(
            item,
            item.activity,
            view.person(item.responsible),
            view.campaign(item),
            money(item.budget),
            money(item.cost),
            money(item.over),
        )
        for item in items
    ]


def _plan_cells(
    view: ReportView,
    record: model.PlanFigures | None,
    name: str,
    figures: tuple[int, int, model.Budget, int, int],
) -> PlanCells:
    activities, distributed, budget, overdue, errors = figures
    tr, fmt = view.tr, view.fmt
    burn, elapsed = fmt.pct(budget.burn_pct), fmt.pct(budget.elapsed_pct)
    return PlanCells(
        record,
        name,
        view.owner(record) if record else None,
        fmt.number(activities),
        fmt.number(distributed),
        tr("mgmt.portfolio.done", done=fmt.number(distributed)),
        fmt.money(budget.spent),
        fmt.money(budget.total),
        burn,
        elapsed,
        None if budget.burn_pct is None else tr("text.burn_vs", burn=burn, elapsed=elapsed),
        fmt.number(overdue),
        fmt.number(errors),
    )


def plan_cells(view: ReportView) -> list[PlanCells]:
    return [
        _plan_cells(
            view,
            plan,
            view.campaign(plan),
            (plan.activities, plan.status["distributed"], plan.budget, plan.overdue, plan.errors),
        )
        for plan in view.report.plans
    ]


def plan_total(view: ReportView) -> PlanCells:
    """The portfolio's row under its campaigns: the report's own figures."""
    report = view.report
    figures = (
        report.activities,
        report.status["distributed"],
        report.budget,
        len(report.overdue),
        report.errors,
    )
    return _plan_cells(view, None, view.tr("text.total"), figures)


def goal_cells(view: ReportView, goals: Iterable[model.Goal]) -> list[GoalCells]:
    fmt = view.fmt
    return [
        GoalCells(
            goal,
            view.campaign(goal),
            view.campaign(goal),
            goal.kpi or "–",
            fmt.number(goal.result),
            fmt.number(goal.target),
            fmt.pct(goal.pct),
            fmt.pct(goal.elapsed_pct),
            view.on_track(goal.on_track),
            "",
        )
        for goal in goals
    ]


def activity_goal_cells(view: ReportView) -> list[GoalCells]:
    fmt = view.fmt
    return [
        GoalCells(
            goal,
            goal.activity,
            view.campaign(goal),
            goal.kpi or "–",
            fmt.number(goal.result),
            fmt.number(goal.target),
            fmt.pct(goal.pct),
            "",
            "",
            view.phase(goal.phase),
        )
        for goal in view.report.activity_goals
    ]


def person_cells(view: ReportView, rows: Iterable[model.PersonRow]) -> list[PersonCells]:
    number = view.fmt.number
    return [
        PersonCells(
            row,
            view.person(row.person),
            tuple(number(row.in_phase(phase)) for phase in SHOWN_PHASES),
            number(row.overdue),
        )
        for row in rows
    ]


def _spend(view: ReportView, row: model.ChannelRow | model.TypeRow, name: str) -> SpendCells:
    fmt = view.fmt
    return SpendCells(
        row,
        name,
        fmt.number(row.activities),
        fmt.money(row.planned),
        fmt.money(row.spent),
        fmt.pct(row.burn_pct),
    )


def channel_cells(view: ReportView) -> list[SpendCells]:
    return [_spend(view, row, view.channel(row.channel)) for row in view.report.by_channel]


def type_cells(view: ReportView) -> list[SpendCells]:
    return [_spend(view, row, view.type_name(row.type)) for row in view.report.by_type]
