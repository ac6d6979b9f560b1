"""What changed since a snapshot: the report's «Siden forrige rapport» (issue 14).

Compute never opens the history store (read, compute and history stay apart): the
caller loads a snapshot and hands it over as plain plans (`PastPlans`) with the
figures of every snapshot for the trend (`HistoryInput`); `build_report` turns them
into `Report.changes` and `Report.trend`.

Plans are matched by (file, sheet), the file as the store names it (relative to the
database, so a folder moved with its database still matches); activities within a
plan by `plan.keys.activity_key` (the ID, else the folded name). When several
activities of a plan share a key (two without ID and with the same name), the n-th
then is matched with the n-th now, in row order: an untouched plan never shows a
change. A plan there then and not now makes all its activities removed, and one new
since then all its activities added.

Every rule the report uses is the report's own: overdue is `rules.overdue_rows`, at
the report date now and at the snapshot's own day then; money is `figures` rounding.
«Became overdue» is about activities there then and now: one added since, already
late, is in `added` (and the report's `overdue`), not counted twice. Budget and
result changes are for plans there then and now; a plan added or removed shows
through its activities.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from ..plan.keys import activity_key
from ..plan.model import Plan
from ..plan.rounding import round_half_up
from .figures import budget_figures, kpi_figures, money, portfolio_budget
from .model import (
    Budget,
    BudgetChange,
    Changes,
    MovedTask,
    OverdueTask,
    Report,
    ResultChange,
    Task,
)
from .rules import days_overdue_of, overdue_rows
from .tasks import task_items
from .trend import PastFigures, build_trend, snapshot_figures

_STARTED_FROM = ("todo", "unknown")


@dataclass(frozen=True)
class PastPlans:
    """A loaded snapshot, as compute sees it: its day, its plans, and `files[i]`, the
    comparable file key of `plans[i]` (`Store.file_key`)."""

    day: date
    plans: list[Plan]
    files: list[str]


@dataclass(frozen=True)
class HistoryInput:
    """What the history store gives a report: the snapshot to compare with (None:
    there is none before), every snapshot's figures for the trend, and the comparable
    file key of each current plan, in the report's plan order."""

    previous: PastPlans | None
    past: list[PastFigures]
    current_files: list[str]


def plan_keys(plan: Plan) -> list[str]:
    """The matching key of each of the plan's activities, in row order."""
    table = plan.table
    return [
        activity_key(activity_id, name)
        for activity_id, name in zip(table["id"].tolist(), table["activity"].tolist(), strict=True)
    ]


def pair(
    then: Sequence[Hashable], now: Sequence[Hashable]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Match two lists of keys: the n-th occurrence of a key then with its n-th now.

    Returns (matched (then, now) positions, positions only then, positions only now),
    each in the order of its own list.
    """
    matched: list[tuple[int, int]] = []
    added: list[int] = []
    unique = {key: position for position, key in enumerate(then)}
    if len(unique) == len(then):  # the usual case: every key once then
        kept: set[int] = set()
        for position, key in enumerate(now):
            old = unique.get(key)
            if old is None or old in kept:
                added.append(position)
            else:
                matched.append((old, position))
                kept.add(old)
        return matched, [p for p in range(len(then)) if p not in kept], added
    waiting: dict[Hashable, list[int]] = defaultdict(list)
    for position, key in enumerate(then):
        waiting[key].append(position)
    taken: dict[Hashable, int] = defaultdict(int)
    for position, key in enumerate(now):
        queue = waiting.get(key)
        used = taken[key]
        if queue is not None and used < len(queue):
            matched.append((queue[used], position))
            taken[key] = used + 1
        else:
            added.append(position)
    kept = {old for old, _ in matched}
    return matched, [p for p in range(len(then)) if p not in kept], added


def _gain(before: float | None, after: float | None) -> float | None:
    """after − before, a blank side counted as nothing (None when both are blank)."""
    if before is None and after is None:
        return None
    return round_half_up((after or 0.0) - (before or 0.0), 6)


@dataclass
class _Lists:
    """The task lists the comparison fills, plan by plan."""

    finished: list[Task]
    started: list[Task]
    cancelled: list[Task]
    added: list[Task]
    removed: list[Task]
    moved: list[MovedTask]
    became_overdue: list[OverdueTask]


def _compare_plan(then: Plan, now: Plan, since: date, today: date, out: _Lists) -> None:
    """The changes of one plan matched between the snapshot and now."""
    matched, removed, added = pair(plan_keys(then), plan_keys(now))
    out.removed.extend(task_items(then, np.array(removed, dtype=np.int64)))
    out.added.extend(task_items(now, np.array(added, dtype=np.int64)))
    if not matched:
        return
    old = np.array([o for o, _ in matched], dtype=np.int64)
    new = np.array([n for _, n in matched], dtype=np.int64)
    # Row order now, so each list reads down the plan as it is.
    order = np.argsort(new, kind="stable")
    old, new = old[order], new[order]
    was, phase = then.table["phase"][old], now.table["phase"][new]
    for mask, bucket in (
        ((phase == "distributed") & (was != "distributed"), out.finished),
        ((phase == "in_production") & np.isin(was, _STARTED_FROM), out.started),
        ((phase == "cancelled") & (was != "cancelled"), out.cancelled),
    ):
        bucket.extend(task_items(now, new[mask]))
    deadline_then, deadline_now = then.table["deadline"][old], now.table["deadline"][new]
    moved = ~np.isnat(deadline_then) & ~np.isnat(deadline_now) & (deadline_then != deadline_now)
    if moved.any():
        olds = deadline_then[moved]
        days = (deadline_now[moved] - olds).astype("int64").tolist()
        out.moved.extend(
            task_items(now, new[moved], MovedTask, olds.astype("datetime64[D]").tolist(), days)
        )
    late = overdue_rows(now.table, today)[new] & ~overdue_rows(then.table, since)[old]
    if late.any():
        rows = new[late]
        days_late = days_overdue_of(now.table["deadline"][rows], today).tolist()
        out.became_overdue.extend(task_items(now, rows, OverdueTask, days_late))


def _budget_change(then: Budget, report: Report, index: int) -> BudgetChange | None:
    row = report.plans[index]
    before, after = then.total, row.budget.total
    if before == after:
        return None
    return BudgetChange(row.file, row.sheet, row.campaign, before, after, money(after - before))


def _result_change(then: Plan, report: Report, index: int) -> ResultChange | None:
    goal = report.kpi[index]
    before, after = kpi_figures(then).result, goal.result
    if before == after:
        return None
    return ResultChange(
        file=goal.file,
        sheet=goal.sheet,
        campaign=goal.campaign,
        kpi=goal.kpi,
        target=goal.target,
        before=before,
        after=after,
        gained=_gain(before, after),
        pct=goal.pct,  # after / target · 100, one decimal: the goal's own share now
    )


def compare(
    previous: PastPlans | None, plans: list[Plan], files: list[str], report: Report
) -> Changes:
    """What changed from the snapshot `previous` to `plans` (the report's, whose
    comparable file keys are `files`); `report` is their report, for its figures."""
    if len(files) != len(plans):
        raise ValueError(f"{len(plans)} plans but {len(files)} current file keys")
    if previous is None:
        return Changes(None, [], [], [], [], [], [], 0, [], None, [], [])
    if len(previous.files) != len(previous.plans):
        raise ValueError(f"{len(previous.plans)} past plans but {len(previous.files)} file keys")
    since, today = previous.day, report.date
    budgets_then = [budget_figures(plan, since) for plan in previous.plans]
    out = _Lists([], [], [], [], [], [], [])
    budgets: list[BudgetChange] = []
    results: list[ResultChange] = []
    then_ids = [
        (file, plan.sheet) for file, plan in zip(previous.files, previous.plans, strict=True)
    ]
    now_ids = [(file, plan.sheet) for file, plan in zip(files, plans, strict=True)]
    matched, removed, _ = pair(then_ids, now_ids)
    then_of = {now: then for then, now in matched}
    for index, plan in enumerate(plans):
        if index not in then_of:
            out.added.extend(task_items(plan, np.arange(len(plan.table))))
            continue
        then = previous.plans[then_of[index]]
        _compare_plan(then, plan, since, today, out)
        if (change := _budget_change(budgets_then[then_of[index]], report, index)) is not None:
            budgets.append(change)
        if (gain := _result_change(then, report, index)) is not None:
            results.append(gain)
    for index in removed:
        gone = previous.plans[index]
        out.removed.extend(task_items(gone, np.arange(len(gone.table))))
    out.moved.sort(key=lambda task: -abs(task.days_moved))
    out.became_overdue.sort(key=lambda t: (-t.days_overdue, t.deadline, t.file, t.row))
    spent_then = portfolio_budget(budgets_then).spent
    return Changes(
        since=since,
        finished=out.finished,
        started=out.started,
        cancelled=out.cancelled,
        added=out.added,
        removed=out.removed,
        moved=out.moved,
        slip_days=sum(task.days_moved for task in out.moved),
        became_overdue=out.became_overdue,
        spent=money(report.budget.spent - spent_then),
        budgets=budgets,
        results=results,
    )


__all__ = [
    "HistoryInput",
    "PastFigures",
    "PastPlans",
    "build_trend",
    "compare",
    "pair",
    "plan_keys",
    "snapshot_figures",
]
