"""The report's lists of activities: overdue, upcoming, over budget, own goals, the month.

Each list picks rows of a plan's table with a mask (the rules in `rules.py`) and
turns them into task records in one pass over the columns, so a list of thousands
costs one `tolist()` per column, not a lookup per cell.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Callable
from datetime import date, timedelta
from typing import TypeVar

import numpy as np

from ..plan.model import Plan
from .figures import MAX_AMOUNT, experiments_in, money, month_bounds, nan_sum, pct
from .model import ActivityGoal, MonthView, OverBudgetTask, OverdueTask, Task, UpcomingTask
from .recurrence import campaign_end, table_series
from .rules import (
    between,
    days_left_of,
    days_overdue_of,
    due_rows,
    is_open,
    open_rows,
    overdue_rows,
    upcoming_rows,
)

_TASK_KEYS = ("row", "id", "activity", "responsible", "executor", "channel")
T = TypeVar("T", bound=Task)


def _dates(values: np.ndarray) -> list[date | None]:
    """A datetime64 column as dates, None for NaT."""
    return values.astype("datetime64[D]").tolist()


def _floats_or_none(values: np.ndarray) -> list[float | None]:
    return [None if math.isnan(v) else v for v in values.tolist()]


def task_items(
    plan: Plan, idx: np.ndarray, make: Callable[..., T] = Task, *extras: list
) -> list[T]:
    """The task records for the rows at positions `idx`; `extras` are the columns of the
    fields a subclass adds (`make`), one value per row, in field order."""
    if not len(idx):
        return []
    table = plan.table
    file, sheet, name = plan.file, plan.sheet, plan.campaign.get("name")
    columns = zip(
        *(table[key][idx].tolist() for key in _TASK_KEYS),
        _dates(table["start"][idx]),
        _dates(table["deadline"][idx]),
        table["phase"][idx].tolist(),
        table["status"][idx].tolist(),
        *extras,
        strict=True,
    )
    return [make(file, sheet, name, *values) for values in columns]


def overdue_tasks(plan: Plan, today: date) -> list[OverdueTask]:
    """Open activities past their deadline, with the days since it."""
    idx = np.flatnonzero(overdue_rows(plan.table, today))
    late = days_overdue_of(plan.table["deadline"][idx], today).tolist()
    return task_items(plan, idx, OverdueTask, late)


def upcoming_tasks(plan: Plan, today: date, days: int) -> list[UpcomingTask]:
    """Open activities due from the report date to `days` ahead, with the days left.

    A running series is upcoming when its next occurrence falls in the window (its end
    may be months away); once it has no occurrence left, its deadline counts as for
    any activity.
    """
    table = plan.table
    mask = upcoming_rows(table, today, days)
    horizon = today + timedelta(days=days)
    next_dates: dict[int, date] = {}
    for index, series in table_series(table, campaign_end(plan)).items():
        following = series.next_occurrence(today)
        if following is None:
            continue
        mask[index] = following <= horizon and is_open(table["phase"][index])
        next_dates[index] = following
    idx = np.flatnonzero(mask)
    left = days_left_of(table["deadline"][idx], today).tolist()
    repeats, occurring = [], []
    for position, index in enumerate(idx.tolist()):
        following = next_dates.get(index)
        if following is not None:
            left[position] = (following - today).days
        repeats.append(table["repeat"][index] if following is not None else None)
        occurring.append(following)
    return task_items(plan, idx, UpcomingTask, left, repeats, occurring)


def over_budget_tasks(plan: Plan) -> list[OverBudgetTask]:
    """Activities that cost more than their budget (both set), with the amount over."""
    cost, budget = plan.table["cost"], plan.table["budget"]
    sane = (np.abs(cost) <= MAX_AMOUNT) & (np.abs(budget) <= MAX_AMOUNT)
    idx = np.flatnonzero((cost > budget) & sane)  # NaN on either side: False
    budgets, costs = budget[idx].tolist(), cost[idx].tolist()
    return task_items(
        plan,
        idx,
        OverBudgetTask,
        [money(b) for b in budgets],
        [money(c) for c in costs],
        [money(c - b) for b, c in zip(budgets, costs, strict=True)],
    )


def activity_goals(plans: list[Plan]) -> list[ActivityGoal]:
    """Activities with their own `Måltall` or `Resultat`: each with its KPI, target,
    result and the result as a share of the target (None without a target)."""
    goals: list[ActivityGoal] = []
    for plan in plans:
        table = plan.table
        target, result = table["target"], table["result"]
        idx = np.flatnonzero(~np.isnan(target) | ~np.isnan(result))
        targets, results = _floats_or_none(target[idx]), _floats_or_none(result[idx])
        shares = [
            pct(got / goal * 100) if goal and got is not None else None
            for goal, got in zip(targets, results, strict=True)
        ]
        kpis = table["kpi"][idx].tolist()
        goals.extend(task_items(plan, idx, ActivityGoal, kpis, targets, results, shares))
    return goals


def _by_deadline(item: Task) -> tuple:
    """Deadline (blank first), then activity name."""
    deadline = item.deadline
    return (deadline is not None, deadline or date.min, item.activity or "")


def _by_start(item: Task) -> tuple:
    """Start (blank first), then activity name."""
    start = item.start
    return (start is not None, start or date.min, item.activity or "")


def month_view(plans: list[Plan], year: int, month: int) -> MonthView:
    """The month's own view for `--måned`: finished, started, due, spend, experiments, next."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    next_first = last + timedelta(days=1)
    next_last = month_bounds(next_first)[1]
    finished: list[Task] = []
    started: list[Task] = []
    due_open: list[Task] = []
    experiments: list[Task] = []
    due_next: list[Task] = []
    spend = 0.0
    for plan in plans:
        table = plan.table
        if not len(table):
            continue
        start, deadline = table["start"], table["deadline"]
        open_ = open_rows(table)
        # No completion date is kept: an activity in distribution whose deadline
        # (else start) falls in the month counts as finished that month.
        when = np.where(np.isnat(deadline), start, deadline)
        done_in_month = (table["phase"] == "distributed") & between(when, first, last)
        spend += nan_sum(table["cost"][between(deadline, first, last)])
        for mask, bucket in (
            (done_in_month, finished),
            (between(start, first, last), started),
            (due_rows(table, first, last, open_), due_open),
            (experiments_in(table, first, last), experiments),
            (due_rows(table, next_first, next_last, open_), due_next),
        ):
            bucket.extend(task_items(plan, np.flatnonzero(mask)))
    return MonthView(
        month=first.strftime("%Y-%m"),
        first=first,
        last=last,
        finished=sorted(finished, key=_by_deadline),
        started=sorted(started, key=_by_start),
        due_open=sorted(due_open, key=_by_deadline),
        spent_due=money(spend),
        experiments=sorted(experiments, key=_by_deadline),
        next_month=next_first.strftime("%Y-%m"),
        due_next=sorted(due_next, key=_by_deadline),
    )
