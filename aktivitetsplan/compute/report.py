"""Plan(s) + date → Report: pure computation, no I/O.

The figures follow DESIGN.md ("Report figures"); `Report.to_dict()` is the
`aktplan.rapport/1` JSON contract (keys may be added, never renamed).
"""

from __future__ import annotations

import calendar
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from ..plan.model import Plan, ReadResult, Unreadable, severity_counts
from ..plan.rounding import round_half_up
from ..plan.schema import ALL_PHASES, OPEN_PHASES, fold
from ..plan.table import Table
from ..settings import Settings

SCHEMA = "aktplan.rapport/1"
_EPOCH = date(1970, 1, 1).toordinal()


def month_report_date(year: int, month: int, today: date) -> date:
    """`--måned`: the month's last day, or today when that is earlier.

    A month still to come is reported as of today too: a report dated in the future
    would call tasks late that are not late yet.
    """
    return min(date(year, month, calendar.monthrange(year, month)[1]), today)


def _money(value: float) -> float:
    return round_half_up(value, 2)


def _pct(value: float | None) -> float | None:
    """A share as the report states it: one decimal, rounded half up (28.45 → 28.5).

    Every format shows this number (rounded half up again to whole percent), never a
    share of its own."""
    return None if value is None or not math.isfinite(value) else round_half_up(value, 1)


# No amount beyond this enters a figure (values.parse_amount refuses it at its cell), so
# a sum stays finite however many activities it adds up, and so does a forecast from it.
MAX_AMOUNT = 1e15


def _nan_sum(values: np.ndarray) -> float:
    """The sum of the amounts set; blank (NaN), infinite and absurd ones left out."""
    if not len(values):
        return 0.0
    return float(values[np.abs(values) <= MAX_AMOUNT].sum())  # NaN, ±inf compare False


def _amount(value: object) -> float | None:
    """A single amount that may enter a figure, else None."""
    if value is None or not -MAX_AMOUNT <= float(value) <= MAX_AMOUNT:  # NaN: False
        return None
    return float(value)


def _day(value: date) -> np.datetime64:
    return np.datetime64(value, "D")


def _isos(values: np.ndarray) -> list[str | None]:
    """ISO dates of a datetime64 column: 'YYYY-MM-DD', None for NaT."""
    strings = np.datetime_as_string(values.astype("datetime64[D]")).tolist()
    return [None if s == "NaT" else s for s in strings]


def _days(values: np.ndarray) -> np.ndarray:
    """Whole days since 1970-01-01 of a datetime64 column."""
    return values.astype("datetime64[D]").astype("int64")


def _date_or_none(values: np.ndarray, pick) -> date | None:
    """`pick` (np.min or np.max) of the dates that are set, as a date."""
    present = values[~np.isnat(values)]
    return pick(present).astype("datetime64[D]").item() if len(present) else None


@dataclass
class Report:
    """Every figure of a report: per plan, and summed over the portfolio."""

    date: date
    settings: Settings
    plans: list[dict[str, Any]] = field(default_factory=list)
    status: dict[str, int] = field(default_factory=dict)
    budget: dict[str, Any] = field(default_factory=dict)
    overdue: list[dict[str, Any]] = field(default_factory=list)
    upcoming: list[dict[str, Any]] = field(default_factory=list)
    by_person: list[dict[str, Any]] = field(default_factory=list)
    by_channel: list[dict[str, Any]] = field(default_factory=list)
    by_type: list[dict[str, Any]] = field(default_factory=list)
    over_budget: list[dict[str, Any]] = field(default_factory=list)
    experiments: dict[str, Any] = field(default_factory=dict)
    kpi: list[dict[str, Any]] = field(default_factory=list)
    issues: list[dict[str, str]] = field(default_factory=list)
    unreadable: list[dict[str, str]] = field(default_factory=list)  # files not read at all
    # Values typed but not read, and the figures they leave uncertain (`unreadable_figures`).
    unreadable_values: dict[str, Any] = field(default_factory=dict)
    month: dict[str, Any] | None = None
    activities: int = 0
    active: int = 0  # activities not cancelled: the whole that `status_pct` is a share of
    status_pct: dict[str, float | None] = field(default_factory=dict)
    files: int = 0
    # The plans the figures came from, for renderers that draw from them (the årshjul in
    # the HTML report). Not part of the JSON contract.
    source: list[Plan] = field(default_factory=list, repr=False, compare=False)

    @property
    def errors(self) -> int:
        return severity_counts(self.issues)["error"]

    @property
    def warnings(self) -> int:
        return severity_counts(self.issues)["warning"]

    def to_dict(self) -> dict[str, Any]:
        """The `aktplan.rapport/1` JSON document."""
        data: dict[str, Any] = {
            "schema": SCHEMA,
            "date": self.date.isoformat(),
            "activities": self.activities,
            "active": self.active,
            "plans": self.plans,
            "status": self.status,
            "status_pct": self.status_pct,
            "budget": self.budget,
            "overdue": self.overdue,
            "upcoming": self.upcoming,
            "by_person": self.by_person,
            "by_channel": self.by_channel,
            "by_type": self.by_type,
            "over_budget": self.over_budget,
            "experiments": self.experiments,
            "kpi": self.kpi,
            "issues": self.issues,
            "unreadable": self.unreadable,
            "unreadable_values": self.unreadable_values,
        }
        if self.month is not None:
            data["month"] = self.month
        return data


def plan_period(plan: Plan) -> tuple[date | None, date | None]:
    """Start..Slutt from the campaign, else earliest start or deadline .. latest deadline."""
    table = plan.table
    start, end = plan.campaign.get("start"), plan.campaign.get("end")
    if start is None:
        start = _date_or_none(np.concatenate([table["start"], table["deadline"]]), np.min)
    if end is None:
        end = _date_or_none(table["deadline"], np.max)
    return start, end


def elapsed_pct(start: date | None, end: date | None, today: date) -> float | None:
    """The share of start..end passed at `today`, clamped to 0–100."""
    if start is None or end is None:
        return None
    if end <= start:
        return 100.0 if today >= end else 0.0
    share = (today - start).days / (end - start).days * 100
    return max(0.0, min(100.0, share))


def budget_figures(plan: Plan, today: date) -> dict[str, Any]:
    table = plan.table
    planned = _nan_sum(table["budget"][table["phase"] != "cancelled"])
    spent = _nan_sum(table["cost"])
    campaign_budget = _amount(plan.campaign.get("budget"))
    total = campaign_budget if campaign_budget is not None else planned
    start, end = plan_period(plan)
    elapsed = elapsed_pct(start, end, today)
    forecast = spent / (elapsed / 100) if elapsed else None
    if forecast is not None and not math.isfinite(forecast):
        forecast = None
    return {
        "total": _money(total),
        "planned": _money(planned),
        "spent": _money(spent),
        "remaining": _money(total - spent),
        "burn_pct": _pct(spent / total * 100) if total > 0 else None,
        "elapsed_pct": _pct(elapsed),
        "forecast": _money(forecast) if forecast is not None else None,
        "period_start": start.isoformat() if start else None,
        "period_end": end.isoformat() if end else None,
    }


def status_counts(table: Table) -> dict[str, int]:
    counts = Counter(table["phase"].tolist())
    return {phase: counts.get(phase, 0) for phase in ALL_PHASES}


def active_count(status: dict[str, int]) -> int:
    """The activities that count toward progress: every phase but cancelled."""
    return sum(count for phase, count in status.items() if phase != "cancelled")


def status_shares(status: dict[str, int]) -> dict[str, float | None]:
    """Each phase's share of the active activities (`status_pct`); None for cancelled."""
    active = active_count(status)
    return {
        phase: _pct(count * 100 / active) if active and phase != "cancelled" else None
        for phase, count in status.items()
    }


_TASK_KEYS = ("row", "id", "activity", "responsible", "executor", "channel")


def _tasks(plan: Plan, idx: np.ndarray) -> list[dict[str, Any]]:
    """The task items (file, sheet, row, id, activity, …) for the rows at positions `idx`."""
    if not len(idx):
        return []
    table = plan.table
    file, sheet, name = plan.file, plan.sheet, plan.campaign.get("name")
    columns = zip(
        *(table[key][idx].tolist() for key in _TASK_KEYS),
        _isos(table["start"][idx]),
        _isos(table["deadline"][idx]),
        table["phase"][idx].tolist(),
        table["status"][idx].tolist(),
        strict=True,
    )
    return [
        {
            "file": file,
            "sheet": sheet,
            "campaign": name,
            "row": row,
            "id": id_,
            "activity": activity,
            "responsible": responsible,
            "executor": executor,
            "channel": channel,
            "start": start,
            "deadline": deadline,
            "phase": phase,
            "status": status,
        }
        for row, id_, activity, responsible, executor, channel, start, deadline, phase, status in (
            columns
        )
    ]


def _open(table: Table) -> np.ndarray:
    return table.is_in("phase", OPEN_PHASES)


def _between(values: np.ndarray, first: date, last: date) -> np.ndarray:
    """Dates in first..last (NaT: False)."""
    return (values >= _day(first)) & (values <= _day(last))


def _overlaps(table: Table, first: date, last: date) -> np.ndarray:
    """Activities whose start..deadline touches first..last (one date suffices)."""
    start, deadline = table["start"], table["deadline"]
    begin = np.where(np.isnat(start), deadline, start)
    end = np.where(np.isnat(deadline), start, deadline)
    return (begin <= _day(last)) & (end >= _day(first))  # NaT: False


def _experiments_in(table: Table, first: date, last: date) -> np.ndarray:
    """Experiments that ran in first..last: not cancelled, dates touching the span."""
    kinds, phases = table["type"].tolist(), table["phase"].tolist()
    chosen = np.fromiter(
        (k == "experiment" and p != "cancelled" for k, p in zip(kinds, phases, strict=True)),
        dtype=bool,
        count=len(table),
    )
    return chosen & _overlaps(table, first, last)


def _month_bounds(day: date) -> tuple[date, date]:
    return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])


# The fields whose unreadable value can change a figure, and the phases in which it does:
# a deadline decides overdue and upcoming for open work (and for work whose status is
# unreadable too); a status decides every count; a budget what is planned unless the
# activity is cancelled; a cost what is spent, whatever the phase.
UNREADABLE_FIELDS = {
    "deadline": ("todo", "in_production", "unknown"),
    "status": ALL_PHASES,
    "budget": ("todo", "in_production", "distributed", "unknown"),
    "cost": ALL_PHASES,
    "result": ALL_PHASES,
}
# Campaign fields that change figures: the budget (total), the period (elapsed, forecast),
# the goal's target.
UNREADABLE_CAMPAIGN = ("campaign.budget", "campaign.start", "campaign.end", "campaign.target")
_UNREADABLE_COUNTS = ("activities", *UNREADABLE_FIELDS, "campaign")


def unreadable_figures(plan: Plan) -> dict[str, Any]:
    """What could not be read and which figures it leaves uncertain.

    `activities`: how many activities have a deadline, status, budget or cost that could
    not be read (where it matters for their phase); a count per field, and of the
    campaign fields not read (budget, start, end); `cells`: each such cell (file, cell,
    field), in sheet order.
    """
    table = plan.table
    phase_of = dict(zip(table["row"].tolist(), table["phase"].tolist(), strict=True))
    counts = dict.fromkeys(_UNREADABLE_COUNTS, 0)
    rows: set[int] = set()
    cells: list[dict[str, str]] = []
    for row, key, cell in plan.unreadable_cells:
        if key in UNREADABLE_CAMPAIGN:
            counts["campaign"] += 1
        elif phase_of.get(row) in UNREADABLE_FIELDS.get(key, ()):
            counts[key] += 1
            rows.add(row)
        else:
            continue
        cells.append({"file": plan.file, "cell": cell, "field": key})
    counts["activities"] = len(rows)
    return {**counts, "cells": cells}


def sum_unreadable(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """The portfolio's unreadable figures: the plans' counts summed, their cells in order."""
    total: dict[str, Any] = {key: sum(p[key] for p in parts) for key in _UNREADABLE_COUNTS}
    total["cells"] = [cell for part in parts for cell in part["cells"]]
    return total


def overdue_tasks(plan: Plan, today: date) -> list[dict[str, Any]]:
    table = plan.table
    deadline = table["deadline"]
    idx = np.flatnonzero(_open(table) & (deadline < _day(today)))  # NaT: False
    items = _tasks(plan, idx)
    days = today.toordinal() - _EPOCH - _days(deadline[idx])
    for item, overdue in zip(items, days.tolist(), strict=True):
        item["days_overdue"] = overdue
    return items


def upcoming_tasks(plan: Plan, today: date, days: int) -> list[dict[str, Any]]:
    table = plan.table
    deadline = table["deadline"]
    soon = _between(deadline, today, today + timedelta(days=days))
    idx = np.flatnonzero(_open(table) & soon)
    items = _tasks(plan, idx)
    left = _days(deadline[idx]) - (today.toordinal() - _EPOCH)
    for item, days_left in zip(items, left.tolist(), strict=True):
        item["days_left"] = days_left
    return items


def over_budget_tasks(plan: Plan) -> list[dict[str, Any]]:
    cost, budget = plan.table["cost"], plan.table["budget"]
    sane = (np.abs(cost) <= MAX_AMOUNT) & (np.abs(budget) <= MAX_AMOUNT)
    idx = np.flatnonzero((cost > budget) & sane)  # NaN on either side: False
    items = _tasks(plan, idx)
    budgets, costs = budget[idx].tolist(), cost[idx].tolist()
    for item, budget, cost in zip(items, budgets, costs, strict=True):
        item.update(budget=_money(budget), cost=_money(cost), over=_money(cost - budget))
    return items


def counts_toward(activity_kpi: Any, campaign_kpi: str | None) -> bool:
    """An activity's result counts toward the campaign goal when its KPI is blank or the same.

    "Same" is folded and forgiving: `Leads` counts toward `Kvalifiserte leads`.
    """
    if activity_kpi is None:
        return True
    if not campaign_kpi:
        return False
    a, c = fold(str(activity_kpi)), fold(campaign_kpi)
    return bool(a) and (a == c or a in c or c in a)


def kpi_figures(plan: Plan, elapsed: float | None = None) -> dict[str, Any]:
    """Campaign `Måltall` against the sum of the results that count toward it.

    `elapsed` is the share of the plan's period passed (budget `elapsed_pct`): a goal
    is `on_track` when its result share has kept pace with the time, None when unknown.
    """
    table = plan.table
    campaign_kpi = plan.campaign.get("kpi")
    memo: dict[Any, bool] = {}  # few distinct KPI values: fold each once
    mask = []
    for k in table["kpi"].tolist():
        hit = memo.get(k)
        if hit is None:
            hit = memo[k] = counts_toward(k, campaign_kpi)
        mask.append(hit)
    counted = np.array(mask, dtype=bool)
    results = table["result"][counted]
    results = results[~np.isnan(results)]
    targets = table["target"][counted]
    targets = targets[~np.isnan(targets)]
    target = plan.campaign.get("target")
    result = _nan_sum(results) if len(results) else None
    pct = _pct(result / target * 100) if target and result is not None else None
    return {
        "file": plan.file,
        "sheet": plan.sheet,
        "campaign": plan.campaign.get("name"),
        "kpi": campaign_kpi,
        "goal": plan.campaign.get("goal"),
        "target": target,
        "result": result,
        "activity_target": _nan_sum(targets) if len(targets) else None,
        "activities_with_result": len(results),
        "pct": pct,
        "elapsed_pct": _pct(elapsed),
        "on_track": None if pct is None or elapsed is None else bool(pct >= _pct(elapsed)),
    }


def activity_goals(plans: list[Plan]) -> list[dict[str, Any]]:
    """Activities with their own `Måltall` or `Resultat`: each task item with its KPI,
    target, result and the result as a share of the target (None without a target)."""
    goals: list[dict[str, Any]] = []
    for plan in plans:
        table = plan.table
        target, result = table["target"], table["result"]
        idx = np.flatnonzero(~np.isnan(target) | ~np.isnan(result))
        for item, kpi, goal, got in zip(
            _tasks(plan, idx),
            table["kpi"][idx].tolist(),
            _floats_or_none(target[idx]),
            _floats_or_none(result[idx]),
            strict=True,
        ):
            pct = _pct(got / goal * 100) if goal and got is not None else None
            goals.append({**item, "kpi": kpi, "target": goal, "result": got, "pct": pct})
    return goals


def _floats_or_none(values: np.ndarray) -> list[float | None]:
    return [None if math.isnan(v) else v for v in values.tolist()]


def person_rows(table: Table, overdue: list[dict[str, Any]]) -> list[dict[str, Any]]:
    late: dict[str | None, int] = {}
    for item in overdue:
        late[item["responsible"]] = late.get(item["responsible"], 0) + 1
    by_person: dict[str | None, dict[str, int]] = {}
    for person, phase in zip(table["responsible"].tolist(), table["phase"].tolist(), strict=True):
        counts = by_person.get(person)
        if counts is None:
            counts = by_person[person] = {}
        counts[phase] = counts.get(phase, 0) + 1
    named = sorted(p for p in by_person if p is not None)
    rows = [
        {
            "person": name,
            **{p: by_person[name].get(p, 0) for p in ALL_PHASES},
            "overdue": late.get(name, 0),
        }
        for name in [*named, *([None] if None in by_person else [])]
    ]
    rows.sort(key=lambda r: (r["person"] is None, -r["overdue"], str(r["person"]).lower()))
    return rows


def channel_rows(table: Table, key: str = "channel") -> list[dict[str, Any]]:
    positions: dict[Any, list[int]] = {}
    for i, value in enumerate(table[key].tolist()):
        positions.setdefault(value, []).append(i)
    # `planned` as in the budget: a cancelled activity's budget is not planned.
    budget = np.where(table["phase"] == "cancelled", np.nan, table["budget"])
    cost = table["cost"]
    rows = []
    for name, where in positions.items():
        planned, spent = _money(_nan_sum(budget[where])), _money(_nan_sum(cost[where]))
        rows.append(
            {
                key: name,
                "activities": len(where),
                "planned": planned,
                "spent": spent,
                "burn_pct": _pct(spent / planned * 100) if planned > 0 else None,
            }
        )
    rows.sort(key=lambda r: (r[key] is None, -r["spent"], -r["planned"], str(r[key]).lower()))
    return rows


def experiment_figures(table: Table, today: date) -> dict[str, Any]:
    first, last = _month_bounds(today)
    chosen = np.flatnonzero(_experiments_in(table, first, last))
    return {
        "month": first.strftime("%Y-%m"),
        "count": len(chosen),
        "activities": [str(a) for a in table["activity"][chosen].tolist()],
    }


def month_view(plans: list[Plan], year: int, month: int) -> dict[str, Any]:
    """The month's own view for `--måned`: finished, started, due, spend, experiments, next."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    next_first = last + timedelta(days=1)
    next_last = _month_bounds(next_first)[1]
    finished, started, due_open, experiments, due_next = [], [], [], [], []
    spend = 0.0
    for plan in plans:
        table = plan.table
        if not len(table):
            continue
        start, deadline = table["start"], table["deadline"]
        in_month = _between(deadline, first, last)
        open_ = _open(table)
        # No completion date is kept: an activity in distribution whose deadline
        # (else start) falls in the month counts as finished that month.
        when = np.where(np.isnat(deadline), start, deadline)
        done_in_month = (table["phase"] == "distributed") & _between(when, first, last)
        spend += _nan_sum(table["cost"][in_month])
        for mask, bucket in (
            (done_in_month, finished),
            (_between(start, first, last), started),
            (in_month & open_, due_open),
            (_experiments_in(table, first, last), experiments),
            (_between(deadline, next_first, next_last) & open_, due_next),
        ):
            bucket.extend(_tasks(plan, np.flatnonzero(mask)))
    by_deadline = lambda item: (item["deadline"] or "", item["activity"] or "")  # noqa: E731
    return {
        "month": first.strftime("%Y-%m"),
        "first": first.isoformat(),
        "last": last.isoformat(),
        "finished": sorted(finished, key=by_deadline),
        "started": sorted(started, key=lambda i: (i["start"] or "", i["activity"] or "")),
        "due_open": sorted(due_open, key=by_deadline),
        "spent_due": _money(spend),
        "experiments": sorted(experiments, key=by_deadline),
        "next_month": next_first.strftime("%Y-%m"),
        "due_next": sorted(due_next, key=by_deadline),
    }


def portfolio_budget(per_plan: list[dict[str, Any]], today: date) -> dict[str, Any]:
    """Top-level budget: money sums; burn from the sums; elapsed weighted by total budget."""
    total = sum(b["total"] for b in per_plan)
    planned = sum(b["planned"] for b in per_plan)
    spent = sum(b["spent"] for b in per_plan)
    timed = [b for b in per_plan if b["elapsed_pct"] is not None]
    weight = sum(b["total"] for b in timed)
    if timed and weight > 0:
        elapsed = sum(b["elapsed_pct"] * b["total"] for b in timed) / weight
    elif timed:
        elapsed = sum(b["elapsed_pct"] for b in timed) / len(timed)
    else:
        elapsed = None
    forecasts = [b["forecast"] if b["forecast"] is not None else b["spent"] for b in per_plan]
    has_forecast = any(b["forecast"] is not None for b in per_plan)
    starts = [b["period_start"] for b in per_plan if b["period_start"]]
    ends = [b["period_end"] for b in per_plan if b["period_end"]]
    return {
        "total": _money(total),
        "planned": _money(planned),
        "spent": _money(spent),
        "remaining": _money(total - spent),
        "burn_pct": _pct(spent / total * 100) if total > 0 else None,
        "elapsed_pct": _pct(elapsed),
        "forecast": _money(sum(forecasts)) if has_forecast else None,
        "period_start": min(starts) if starts else None,
        "period_end": max(ends) if ends else None,
    }


def build_report(
    source: ReadResult | list[Plan], settings: Settings, *, month: tuple[int, int] | None = None
) -> Report:
    """Compute every figure for the report date (`settings.today()`) over one plan or a
    portfolio; `month` (year, month) adds the month's own view (`--måned`)."""
    if isinstance(source, ReadResult):
        plans, unreadable, files = source.plans, source.unreadable, source.files
    else:
        plans, unreadable, files = list(source), [], len({p.file for p in source})
    today = settings.today()
    report = Report(date=today, settings=settings, files=files, source=list(plans))
    budgets = []
    uncertain_parts: list[dict[str, Any]] = []
    for plan in plans:
        budget = budget_figures(plan, today)
        budgets.append(budget)
        overdue = overdue_tasks(plan, today)
        report.overdue.extend(overdue)
        report.upcoming.extend(upcoming_tasks(plan, today, settings.upcoming_days))
        report.over_budget.extend(over_budget_tasks(plan))
        report.kpi.append(kpi_figures(plan, budget["elapsed_pct"]))
        report.issues.extend(issue.to_dict() for issue in plan.issues)
        uncertain = unreadable_figures(plan)
        uncertain_parts.append(uncertain)
        status = status_counts(plan.table)
        report.plans.append(
            {
                "file": plan.file,
                "sheet": plan.sheet,
                "campaign": plan.campaign.get("name"),
                "activities": len(plan.table),
                "active": active_count(status),
                "status": status,
                "status_pct": status_shares(status),
                "budget": budget,
                "overdue": len(overdue),
                "errors": sum(1 for i in plan.issues if i.severity == "error"),
                "warnings": sum(1 for i in plan.issues if i.severity == "warning"),
                "unreadable": uncertain,
                "campaign_fields": {
                    k: (v.isoformat() if isinstance(v, date) else v)
                    for k, v in plan.campaign.items()
                },
            }
        )
    table = Table.concat(plan.table for plan in plans)
    report.activities = len(table)
    report.status = status_counts(table)
    report.active = active_count(report.status)
    report.status_pct = status_shares(report.status)
    report.budget = portfolio_budget(budgets, today)
    report.overdue.sort(key=lambda i: (-i["days_overdue"], i["deadline"], i["file"], i["row"]))
    report.upcoming.sort(key=lambda i: (i["days_left"], i["file"], i["row"]))
    report.over_budget.sort(key=lambda i: -i["over"])
    report.by_person = person_rows(table, report.overdue)
    report.by_channel = channel_rows(table)
    report.by_type = channel_rows(table, "type")
    report.experiments = experiment_figures(table, today)
    report.unreadable = [{"file": u.file, "message": u.message} for u in unreadable]
    report.unreadable_values = sum_unreadable(uncertain_parts)
    if month:
        report.month = month_view(plans, *month)
    return report


__all__ = ["Report", "Unreadable", "build_report", "month_report_date"]
