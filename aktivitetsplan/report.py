"""Plan(s) + date → Report: pure computation, no I/O.

The figures follow DESIGN.md ("Report figures"); `Report.to_dict()` is the
`aktplan.rapport/1` JSON contract (keys may be added, never renamed).
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from .checks import phase_in
from .model import Plan, ReadResult, Unreadable
from .schema import ALL_PHASES, OPEN_PHASES, fold

SCHEMA = "aktplan.rapport/1"
_EPOCH = date(1970, 1, 1).toordinal()


@dataclass(frozen=True)
class ReportOptions:
    """Everything that shapes a report, built once by the CLI."""

    date: date
    upcoming_days: int = 14
    language: str = "nb"
    month: tuple[int, int] | None = None  # (year, month) for the month view


def month_report_date(year: int, month: int, today: date) -> date:
    """`--måned`: the month's last day, or today when that is earlier."""
    last = date(year, month, calendar.monthrange(year, month)[1])
    return min(last, today) if today >= date(year, month, 1) else last


def _money(value: float) -> float:
    return round(float(value), 2)


def _pct(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else round(value, 1)


def _nan_sum(series: pd.Series) -> float:
    return float(series.sum(skipna=True)) if len(series) else 0.0


def _iso(value: Any) -> str | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _text(value: Any) -> str | None:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _text_or_none(value: Any) -> Any:
    """A cell value as is, None for a blank (None, NaN, NaT)."""
    return value if type(value) is str or not pd.isna(value) else None


def _to_date(value: Any) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


@dataclass
class Report:
    """Every figure of a report: per plan, and summed over the portfolio."""

    date: date
    options: ReportOptions
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
    unreadable: list[dict[str, str]] = field(default_factory=list)
    month: dict[str, Any] | None = None
    activities: int = 0
    files: int = 0
    # The plans the figures came from, for renderers that draw from them (the årshjul in
    # the HTML report). Not part of the JSON contract.
    source: list[Plan] = field(default_factory=list, repr=False, compare=False)

    @property
    def errors(self) -> int:
        return sum(1 for i in self.issues if i["severity"] == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for i in self.issues if i["severity"] == "warning")

    def to_dict(self) -> dict[str, Any]:
        """The `aktplan.rapport/1` JSON document."""
        data: dict[str, Any] = {
            "schema": SCHEMA,
            "date": self.date.isoformat(),
            "activities": self.activities,
            "plans": self.plans,
            "status": self.status,
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
        }
        if self.month is not None:
            data["month"] = self.month
        return data


def plan_period(plan: Plan) -> tuple[date | None, date | None]:
    """Start..Slutt from the campaign, else earliest start or deadline .. latest deadline."""
    frame = plan.activities
    start, end = plan.campaign.get("start"), plan.campaign.get("end")
    if start is None:
        candidates = pd.concat([frame["start"], frame["deadline"]]).dropna()
        start = _to_date(candidates.min()) if len(candidates) else None
    if end is None:
        deadlines = frame["deadline"].dropna()
        end = _to_date(deadlines.max()) if len(deadlines) else None
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
    frame = plan.activities
    planned = _nan_sum(frame["budget"])
    spent = _nan_sum(frame["cost"])
    campaign_budget = plan.campaign.get("budget")
    total = float(campaign_budget) if campaign_budget is not None else planned
    start, end = plan_period(plan)
    elapsed = elapsed_pct(start, end, today)
    forecast = spent / (elapsed / 100) if elapsed else None
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


def status_counts(frame: pd.DataFrame) -> dict[str, int]:
    counts = frame["phase"].value_counts()
    return {phase: int(counts.get(phase, 0)) for phase in ALL_PHASES}


def _task(plan: Plan, row: Any) -> dict[str, Any]:
    return {
        "file": plan.file,
        "sheet": plan.sheet,
        "campaign": plan.campaign.get("name"),
        "row": int(row.row),
        "id": _text(row.id),
        "activity": _text(row.activity),
        "responsible": _text(row.responsible),
        "executor": _text(row.executor),
        "channel": _text(row.channel),
        "start": _iso(row.start),
        "deadline": _iso(row.deadline),
        "phase": str(row.phase),
        "status": _text(row.status),
    }


def _texts(values: list) -> list[str | None]:
    """`_text` for a column of values."""
    return [v if type(v) is str else _text(v) for v in values]


def _isos(values: np.ndarray) -> list[str | None]:
    """`_iso` for a datetime64 column: 'YYYY-MM-DD', None for NaT."""
    strings = np.datetime_as_string(values.astype("datetime64[D]")).tolist()
    return [None if s == "NaT" else s for s in strings]


class _Columns:
    """A plan's columns as numpy arrays, each taken from the frame once (frame[key] is dear)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.arrays: dict[str, np.ndarray] = {}
        self._open: np.ndarray | None = None

    def __getitem__(self, key: str) -> np.ndarray:
        array = self.arrays.get(key)
        if array is None:
            array = self.arrays[key] = self.frame[key].to_numpy()
        return array

    def open(self) -> np.ndarray:
        if self._open is None:
            self._open = _open(self.frame)
        return self._open


def _tasks(plan: Plan, idx: np.ndarray, columns: _Columns | None = None) -> list[dict[str, Any]]:
    """`_task` for the rows at positions `idx`, built column by column."""
    if not len(idx):
        return []
    arrays = columns or _Columns(plan.activities)

    def col(key: str) -> np.ndarray:
        return arrays[key][idx]

    file, sheet, name = plan.file, plan.sheet, plan.campaign.get("name")
    columns = zip(
        col("row").tolist(),
        _texts(col("id").tolist()),
        _texts(col("activity").tolist()),
        _texts(col("responsible").tolist()),
        _texts(col("executor").tolist()),
        _texts(col("channel").tolist()),
        _isos(col("start")),
        _isos(col("deadline")),
        [str(p) for p in col("phase").tolist()],
        _texts(col("status").tolist()),
        strict=True,
    )
    return [
        {
            "file": file,
            "sheet": sheet,
            "campaign": name,
            "row": int(row),
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


def _days(values: np.ndarray) -> np.ndarray:
    """Whole days since 1970-01-01 of a datetime64 column."""
    return values.astype("datetime64[D]").astype("int64")


def _open(frame: pd.DataFrame) -> np.ndarray:
    return phase_in(frame, OPEN_PHASES)


def _deadline_between(frame: pd.DataFrame, first: date, last: date) -> pd.Series:
    deadline = frame["deadline"]
    return deadline.notna() & (deadline >= pd.Timestamp(first)) & (deadline <= pd.Timestamp(last))


def _overlaps(frame: pd.DataFrame, first: date, last: date) -> pd.Series:
    """Activities whose start..deadline touches first..last (one date suffices)."""
    begin = frame["start"].fillna(frame["deadline"])
    end = frame["deadline"].fillna(frame["start"])
    return begin.notna() & (begin <= pd.Timestamp(last)) & (end >= pd.Timestamp(first))


def _experiments_in(frame: pd.DataFrame, first: date, last: date) -> pd.Series:
    """Experiments that ran in first..last: not cancelled, dates touching the span."""
    return (
        (frame["type"] == "experiment")
        & (frame["phase"] != "cancelled")
        & _overlaps(frame, first, last)
    )


def _month_bounds(day: date) -> tuple[date, date]:
    return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])


def overdue_tasks(plan: Plan, today: date, columns: _Columns | None = None) -> list[dict[str, Any]]:
    columns = columns or _Columns(plan.activities)
    deadline = columns["deadline"]
    idx = np.flatnonzero(columns.open() & (deadline < np.datetime64(today)))  # NaT: False
    items = _tasks(plan, idx, columns)
    days = today.toordinal() - _EPOCH - _days(deadline[idx])
    for item, overdue in zip(items, days.tolist(), strict=True):
        item["days_overdue"] = overdue
    return items


def upcoming_tasks(
    plan: Plan, today: date, days: int, columns: _Columns | None = None
) -> list[dict[str, Any]]:
    columns = columns or _Columns(plan.activities)
    deadline = columns["deadline"]
    last = today + timedelta(days=days)
    soon = (deadline >= np.datetime64(today)) & (deadline <= np.datetime64(last))  # NaT: False
    idx = np.flatnonzero(columns.open() & soon)
    items = _tasks(plan, idx, columns)
    left = _days(deadline[idx]) - (today.toordinal() - _EPOCH)
    for item, days_left in zip(items, left.tolist(), strict=True):
        item["days_left"] = days_left
    return items


def over_budget_tasks(plan: Plan, columns: _Columns | None = None) -> list[dict[str, Any]]:
    columns = columns or _Columns(plan.activities)
    cost, budget = columns["cost"], columns["budget"]
    idx = np.flatnonzero(cost > budget)  # NaN on either side: False
    items = _tasks(plan, idx, columns)
    budgets, costs = budget[idx].tolist(), cost[idx].tolist()
    for item, budget, cost in zip(items, budgets, costs, strict=True):
        item.update(budget=_money(budget), cost=_money(cost), over=_money(cost - budget))
    return items


def counts_toward(activity_kpi: Any, campaign_kpi: str | None) -> bool:
    """An activity's result counts toward the campaign goal when its KPI is blank or the same.

    "Same" is folded and forgiving: `Leads` counts toward `Kvalifiserte leads`.
    """
    if activity_kpi is None or (not isinstance(activity_kpi, str) and pd.isna(activity_kpi)):
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
    frame = plan.activities
    campaign_kpi = plan.campaign.get("kpi")
    if len(frame):
        memo: dict[Any, bool] = {}  # few distinct KPI values: fold each once
        mask = []
        for k in frame["kpi"].tolist():
            hit = memo.get(k)
            if hit is None:
                hit = memo[k] = counts_toward(k, campaign_kpi)
            mask.append(hit)
        counted = frame[mask]
    else:
        counted = frame
    results = counted["result"].dropna()
    targets = counted["target"].dropna()
    target = plan.campaign.get("target")
    result = float(results.sum()) if len(results) else None
    pct = _pct(result / target * 100) if target and result is not None else None
    return {
        "file": plan.file,
        "sheet": plan.sheet,
        "campaign": plan.campaign.get("name"),
        "kpi": campaign_kpi,
        "goal": plan.campaign.get("goal"),
        "target": target,
        "result": result,
        "activity_target": float(targets.sum()) if len(targets) else None,
        "activities_with_result": len(results),
        "pct": pct,
        "elapsed_pct": _pct(elapsed),
        "on_track": None if pct is None or elapsed is None else bool(pct >= round(elapsed, 1)),
    }


def _all_activities(plans: list[Plan]) -> pd.DataFrame:
    frames = [p.activities for p in plans if len(p.activities)]
    if not frames:
        return plans[0].activities.iloc[0:0] if plans else pd.DataFrame()
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def person_rows(frame: pd.DataFrame, overdue: list[dict[str, Any]]) -> list[dict[str, Any]]:
    late: dict[str | None, int] = {}
    for item in overdue:
        late[item["responsible"]] = late.get(item["responsible"], 0) + 1
    # Counted by hand: a placeholder for "no one" does not survive pandas' string dtype
    # (pandas 3 turns "\x00" into ""), and None must stay None.
    table: dict[str | None, dict[str, int]] = {}
    if len(frame):
        people = [_text_or_none(v) for v in frame["responsible"].tolist()]
        for person, phase in zip(people, frame["phase"].tolist(), strict=True):
            counts = table.get(person)
            if counts is None:
                counts = table[person] = {}
            counts[phase] = counts.get(phase, 0) + 1
    named = sorted(p for p in table if p is not None)
    rows = [
        {
            "person": name,
            **{p: table[name].get(p, 0) for p in ALL_PHASES},
            "overdue": late.get(name, 0),
        }
        for name in [*named, *([None] if None in table else [])]
    ]
    rows.sort(key=lambda r: (r["person"] is None, -r["overdue"], str(r["person"]).lower()))
    return rows


def channel_rows(frame: pd.DataFrame, key: str = "channel") -> list[dict[str, Any]]:
    if not len(frame):
        return []
    # No placeholder for blanks (pandas 3 turns "\x00" into ""): group the blanks apart.
    values = [_text_or_none(v) for v in frame[key].tolist()]
    positions: dict[Any, list[int]] = {}
    for i, value in enumerate(values):
        positions.setdefault(value, []).append(i)
    rows = []
    for name, where in positions.items():
        group = frame.iloc[where]
        rows.append(
            {
                key: name,
                "activities": len(group),
                "planned": _money(_nan_sum(group["budget"])),
                "spent": _money(_nan_sum(group["cost"])),
            }
        )
    rows.sort(key=lambda r: (r[key] is None, -r["spent"], -r["planned"], str(r[key]).lower()))
    return rows


def experiment_figures(frame: pd.DataFrame, today: date) -> dict[str, Any]:
    first, last = _month_bounds(today)
    if not len(frame):
        return {"month": first.strftime("%Y-%m"), "count": 0, "activities": []}
    experiments = frame[_experiments_in(frame, first, last)]
    return {
        "month": first.strftime("%Y-%m"),
        "count": len(experiments),
        "activities": [str(a) for a in experiments["activity"]],
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
        frame = plan.activities
        if not len(frame):
            continue
        columns = _Columns(frame)
        in_month = _deadline_between(frame, first, last)
        # No completion date is kept: an activity in distribution whose deadline
        # (else start) falls in the month counts as finished that month.
        when = frame["deadline"].fillna(frame["start"])
        done_in_month = (frame["phase"] == "distributed") & when.notna()
        done_in_month &= (when >= pd.Timestamp(first)) & (when <= pd.Timestamp(last))
        start = frame["start"]
        began = start.notna() & (start >= pd.Timestamp(first)) & (start <= pd.Timestamp(last))
        spend += _nan_sum(frame.loc[in_month, "cost"])
        for mask, bucket in (
            (done_in_month, finished),
            (began, started),
            (in_month & _open(frame), due_open),
            (_experiments_in(frame, first, last), experiments),
            (_deadline_between(frame, next_first, next_last) & _open(frame), due_next),
        ):
            bucket.extend(_tasks(plan, np.flatnonzero(np.asarray(mask)), columns))
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


def build_report(source: ReadResult | list[Plan], options: ReportOptions) -> Report:
    """Compute every figure for `options.date` over one plan or a portfolio."""
    if isinstance(source, ReadResult):
        plans, unreadable, files = source.plans, source.unreadable, source.files
    else:
        plans, unreadable, files = list(source), [], len({p.file for p in source})
    today = options.date
    report = Report(date=today, options=options, files=files, source=list(plans))
    budgets = []
    for plan in plans:
        budget = budget_figures(plan, today)
        budgets.append(budget)
        columns = _Columns(plan.activities)
        overdue = overdue_tasks(plan, today, columns)
        report.overdue.extend(overdue)
        report.upcoming.extend(upcoming_tasks(plan, today, options.upcoming_days, columns))
        report.over_budget.extend(over_budget_tasks(plan, columns))
        report.kpi.append(kpi_figures(plan, budget["elapsed_pct"]))
        report.issues.extend(issue.to_dict() for issue in plan.issues)
        report.plans.append(
            {
                "file": plan.file,
                "sheet": plan.sheet,
                "campaign": plan.campaign.get("name"),
                "activities": len(plan.activities),
                "status": status_counts(plan.activities),
                "budget": budget,
                "overdue": len(overdue),
                "errors": sum(1 for i in plan.issues if i.severity == "error"),
                "warnings": sum(1 for i in plan.issues if i.severity == "warning"),
                "campaign_fields": {
                    k: (v.isoformat() if isinstance(v, date) else v)
                    for k, v in plan.campaign.items()
                },
            }
        )
    frame = _all_activities(plans)
    report.activities = len(frame)
    report.status = status_counts(frame) if len(frame) else {phase: 0 for phase in ALL_PHASES}
    report.budget = portfolio_budget(budgets, today)
    report.overdue.sort(key=lambda i: (-i["days_overdue"], i["deadline"], i["file"], i["row"]))
    report.upcoming.sort(key=lambda i: (i["days_left"], i["file"], i["row"]))
    report.over_budget.sort(key=lambda i: -i["over"])
    report.by_person = person_rows(frame, report.overdue)
    report.by_channel = channel_rows(frame)
    report.by_type = channel_rows(frame, "type")
    report.experiments = experiment_figures(frame, today)
    report.unreadable = [{"file": u.file, "message": u.message} for u in unreadable]
    if options.month:
        report.month = month_view(plans, *options.month)
    return report


__all__ = ["Report", "ReportOptions", "Unreadable", "build_report", "month_report_date"]
