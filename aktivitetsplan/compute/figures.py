"""The report's figures for one plan or a table of activities: pure computation, no I/O.

Budget, phase counts and shares, the campaign goal, the rows per person, channel and
type, the month's experiments, and what could not be read. How each is computed is
DESIGN.md ("Report figures"); `report.build_report` puts them together.
"""

from __future__ import annotations

import calendar
import math
import re
from collections import Counter
from datetime import date
from typing import Any

import numpy as np

from ..plan.model import Plan
from ..plan.rounding import round_half_up
from ..plan.schema import ALL_PHASES, UNSETTLED_PHASES, fold
from ..plan.table import Table
from .model import (
    Budget,
    ChannelRow,
    Experiments,
    Goal,
    OverdueTask,
    PersonRow,
    TypeRow,
    UnreadableCell,
    UnreadableFigures,
)
from .rules import day

# No amount beyond this enters a figure (values.parse_amount refuses it at its cell), so
# a sum stays finite however many activities it adds up, and so does a forecast from it.
MAX_AMOUNT = 1e15


def money(value: float) -> float:
    """An amount as the report states it: two decimals, rounded half up."""
    return round_half_up(value, 2)


def pct(value: float | None) -> float | None:
    """A share as the report states it: one decimal, rounded half up (28.45 → 28.5).

    Every format shows this number (rounded half up again to whole percent), never a
    share of its own."""
    return None if value is None or not math.isfinite(value) else round_half_up(value, 1)


def nan_sum(values: np.ndarray) -> float:
    """The sum of the amounts set; blank (NaN), infinite and absurd ones left out."""
    if not len(values):
        return 0.0
    return float(values[np.abs(values) <= MAX_AMOUNT].sum())  # NaN, ±inf compare False


def _amount(value: object) -> float | None:
    """A single amount that may enter a figure, else None."""
    if value is None or not -MAX_AMOUNT <= float(value) <= MAX_AMOUNT:  # NaN: False
        return None
    return float(value)


def _date_or_none(values: np.ndarray, pick) -> date | None:
    """`pick` (np.min or np.max) of the dates that are set, as a date."""
    present = values[~np.isnat(values)]
    return pick(present).astype("datetime64[D]").item() if len(present) else None


def month_bounds(day_in_month: date) -> tuple[date, date]:
    """The first and last day of the month holding `day_in_month`."""
    last = calendar.monthrange(day_in_month.year, day_in_month.month)[1]
    return day_in_month.replace(day=1), day_in_month.replace(day=last)


# --- budget ----------------------------------------------------------------------------


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


def _budget(
    total: float,
    planned: float,
    spent: float,
    elapsed: float | None,
    forecast: float | None,
    start: date | None,
    end: date | None,
) -> Budget:
    """The budget record from its sums: money to the øre, shares to one decimal, burn
    as spent of total (none without a total)."""
    return Budget(
        total=money(total),
        planned=money(planned),
        spent=money(spent),
        remaining=money(total - spent),
        burn_pct=pct(spent / total * 100) if total > 0 else None,
        elapsed_pct=pct(elapsed),
        forecast=money(forecast) if forecast is not None else None,
        period_start=start,
        period_end=end,
    )


def budget_figures(plan: Plan, today: date) -> Budget:
    """A plan's budget: the campaign's (else what is planned), spent, burn, forecast."""
    table = plan.table
    planned = nan_sum(table["budget"][table["phase"] != "cancelled"])
    spent = nan_sum(table["cost"])
    campaign_budget = _amount(plan.campaign.get("budget"))
    total = campaign_budget if campaign_budget is not None else planned
    start, end = plan_period(plan)
    elapsed = elapsed_pct(start, end, today)
    forecast = spent / (elapsed / 100) if elapsed else None
    if forecast is not None and not math.isfinite(forecast):
        forecast = None
    return _budget(total, planned, spent, elapsed, forecast, start, end)


def portfolio_budget(per_plan: list[Budget]) -> Budget:
    """Top-level budget: money sums; burn from the sums; elapsed weighted by total budget."""
    total = sum(b.total for b in per_plan)
    planned = sum(b.planned for b in per_plan)
    spent = sum(b.spent for b in per_plan)
    timed = [b for b in per_plan if b.elapsed_pct is not None]
    weight = sum(b.total for b in timed)
    if timed and weight > 0:
        elapsed = sum(b.elapsed_pct * b.total for b in timed) / weight
    elif timed:
        elapsed = sum(b.elapsed_pct for b in timed) / len(timed)
    else:
        elapsed = None
    forecasts = [b.forecast if b.forecast is not None else b.spent for b in per_plan]
    has_forecast = any(b.forecast is not None for b in per_plan)
    starts = [b.period_start for b in per_plan if b.period_start]
    ends = [b.period_end for b in per_plan if b.period_end]
    return _budget(
        total,
        planned,
        spent,
        elapsed,
        sum(forecasts) if has_forecast else None,
        min(starts) if starts else None,
        max(ends) if ends else None,
    )


# --- phases ----------------------------------------------------------------------------


def status_counts(table: Table) -> dict[str, int]:
    """How many activities are in each phase; every phase is a key."""
    counts = Counter(table["phase"].tolist())
    return {phase: counts.get(phase, 0) for phase in ALL_PHASES}


def active_count(status: dict[str, int]) -> int:
    """The activities that count toward progress: every phase but cancelled."""
    return sum(count for phase, count in status.items() if phase != "cancelled")


def status_shares(status: dict[str, int]) -> dict[str, float | None]:
    """Each phase's share of the active activities (`status_pct`); None for cancelled."""
    active = active_count(status)
    return {
        phase: pct(count * 100 / active) if active and phase != "cancelled" else None
        for phase, count in status.items()
    }


# --- goals -----------------------------------------------------------------------------


_WORD = re.compile(r"[\w%]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _same_word(a: str, b: str) -> bool:
    """Two words are the same KPI word when equal, or one is the other with an ending of
    at most two letters (`lead`/`leads`, `kunde`/`kunder`); `leadskostnad` is not `leads`."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and len(long) - len(short) <= 2


def kpi_match(a: str, b: str) -> bool:
    """Two KPI names name the same thing: folded, the words of one run inside the other's
    (`Leads` in `Kvalifiserte leads`), word by word; never a part of a word."""
    x, y = _words(a), _words(b)
    if not x or not y:
        return False
    short, long = sorted((x, y), key=len)
    return any(
        all(_same_word(w, v) for w, v in zip(short, long[i : i + len(short)], strict=True))
        for i in range(len(long) - len(short) + 1)
    )


def counts_toward(activity_kpi: Any, campaign_kpi: str | None) -> bool:
    """An activity's result counts toward the campaign goal when its KPI is blank or the same.

    "Same" is folded and forgiving (`kpi_match`): `Leads` counts toward `Kvalifiserte leads`.
    """
    if activity_kpi is None:
        return True
    if not campaign_kpi:
        return False
    return kpi_match(str(activity_kpi), campaign_kpi)


def goal_rows(table: Table, campaign_kpi: str | None) -> np.ndarray:
    """Boolean mask of the activities whose results count toward the campaign's goal."""
    memo: dict[Any, bool] = {}  # few distinct KPI values: fold each once
    mask = []
    for k in table["kpi"].tolist():
        hit = memo.get(k)
        if hit is None:
            hit = memo[k] = counts_toward(k, campaign_kpi)
        mask.append(hit)
    return np.array(mask, dtype=bool)


def keeps_pace(share: float | None, elapsed: float | None) -> bool | None:
    """A goal is on track when its result share has kept pace with the share of its
    period gone; None when either is unknown. Both as the report states them (`pct`)."""
    return None if share is None or elapsed is None else bool(share >= elapsed)


def kpi_figures(plan: Plan, elapsed: float | None = None) -> Goal:
    """Campaign `Måltall` against the sum of the results that count toward it.

    `elapsed` is the share of the plan's period passed (budget `elapsed_pct`): a goal
    is `on_track` when its result share has kept pace with the time, None when unknown.
    """
    table = plan.table
    campaign_kpi = plan.campaign.get("kpi")
    counted = goal_rows(table, campaign_kpi)
    results = table["result"][counted]
    results = results[~np.isnan(results)]
    targets = table["target"][counted]
    targets = targets[~np.isnan(targets)]
    target = plan.campaign.get("target")
    result = nan_sum(results) if len(results) else None
    share = pct(result / target * 100) if target and result is not None else None
    return Goal(
        file=plan.file,
        sheet=plan.sheet,
        campaign=plan.campaign.get("name"),
        kpi=campaign_kpi,
        goal=plan.campaign.get("goal"),
        target=target,
        result=result,
        activity_target=nan_sum(targets) if len(targets) else None,
        activities_with_result=len(results),
        pct=share,
        elapsed_pct=pct(elapsed),
        on_track=keeps_pace(share, pct(elapsed)),
    )


# --- people, channels, types -----------------------------------------------------------


def person_rows(table: Table, overdue: list[OverdueTask]) -> list[PersonRow]:
    """Per person: activities in each phase and how many are overdue; the most overdue
    first, then by name, activities without a person last."""
    late: dict[str | None, int] = {}
    for item in overdue:
        late[item.responsible] = late.get(item.responsible, 0) + 1
    by_person: dict[str | None, dict[str, int]] = {}
    for person, phase in zip(table["responsible"].tolist(), table["phase"].tolist(), strict=True):
        counts = by_person.get(person)
        if counts is None:
            counts = by_person[person] = {}
        counts[phase] = counts.get(phase, 0) + 1
    named = sorted(p for p in by_person if p is not None)
    rows = [
        PersonRow(
            person=name,
            **{p: by_person[name].get(p, 0) for p in ALL_PHASES},
            overdue=late.get(name, 0),
        )
        for name in [*named, *([None] if None in by_person else [])]
    ]
    rows.sort(key=lambda r: (r.person is None, -r.overdue, str(r.person).lower()))
    return rows


def _group_rows(table: Table, key: str) -> list[tuple[Any, int, float, float, float | None]]:
    """(value, activities, planned, spent, burn_pct) per distinct value of column `key`,
    the biggest spender first, the blank value last."""
    positions: dict[Any, list[int]] = {}
    for i, value in enumerate(table[key].tolist()):
        positions.setdefault(value, []).append(i)
    # `planned` as in the budget: a cancelled activity's budget is not planned.
    budget = np.where(table["phase"] == "cancelled", np.nan, table["budget"])
    cost = table["cost"]
    rows = []
    for name, where in positions.items():
        planned, spent = money(nan_sum(budget[where])), money(nan_sum(cost[where]))
        burn = pct(spent / planned * 100) if planned > 0 else None
        rows.append((name, len(where), planned, spent, burn))
    rows.sort(key=lambda r: (r[0] is None, -r[3], -r[2], str(r[0]).lower()))
    return rows


def channel_rows(table: Table) -> list[ChannelRow]:
    """Activities and money per channel (`by_channel`)."""
    return [ChannelRow(*row) for row in _group_rows(table, "channel")]


def type_rows(table: Table) -> list[TypeRow]:
    """Activities and money per activity type (`by_type`)."""
    return [TypeRow(*row) for row in _group_rows(table, "type")]


# --- experiments -----------------------------------------------------------------------


def spans(table: Table, idx: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Each activity's first and last day (of the rows at `idx`, else all): start..
    deadline, one date standing for both when the other is blank (NaT when neither)."""
    start, deadline = table["start"], table["deadline"]
    if idx is not None:
        start, deadline = start[idx], deadline[idx]
    begin = np.where(np.isnat(start), deadline, start)
    end = np.where(np.isnat(deadline), start, deadline)
    return begin, end


def touches(begin: np.ndarray, end: np.ndarray, first: date, last: date) -> np.ndarray:
    """The spans that touch first..last (NaT: False)."""
    return (begin <= day(last)) & (end >= day(first))


def _overlaps(table: Table, first: date, last: date) -> np.ndarray:
    """Activities whose start..deadline touches first..last (one date suffices)."""
    return touches(*spans(table), first, last)


def experiment_rows(table: Table) -> np.ndarray:
    """Boolean mask of the experiments that count: of type experiment, not cancelled."""
    return (table["type"] == "experiment") & (table["phase"] != "cancelled")


def experiments_in(table: Table, first: date, last: date) -> np.ndarray:
    """Experiments that ran in first..last: not cancelled, dates touching the span."""
    return experiment_rows(table) & _overlaps(table, first, last)


def experiment_figures(table: Table, today: date) -> Experiments:
    """The experiments of the report date's month: how many, and their names."""
    first, last = month_bounds(today)
    chosen = np.flatnonzero(experiments_in(table, first, last))
    return Experiments(
        month=first.strftime("%Y-%m"),
        count=len(chosen),
        activities=[str(a) for a in table["activity"][chosen].tolist()],
    )


# --- what could not be read ------------------------------------------------------------


# The fields whose unreadable value can change a figure, and the phases in which it does:
# a deadline decides overdue and upcoming for open work (and for work whose status is
# unreadable too); a status decides every count; a budget what is planned unless the
# activity is cancelled; a cost what is spent, whatever the phase.
UNREADABLE_FIELDS = {
    "deadline": UNSETTLED_PHASES,
    "status": ALL_PHASES,
    "budget": tuple(phase for phase in ALL_PHASES if phase != "cancelled"),
    "cost": ALL_PHASES,
    "result": ALL_PHASES,
}
# Campaign fields that change figures: the budget (total), the period (elapsed, forecast),
# the goal's target.
UNREADABLE_CAMPAIGN = ("campaign.budget", "campaign.start", "campaign.end", "campaign.target")
_UNREADABLE_COUNTS = ("activities", *UNREADABLE_FIELDS, "campaign")


def unreadable_figures(plan: Plan) -> UnreadableFigures:
    """What could not be read in one plan and which figures it leaves uncertain.

    A field counts where it matters for the activity's phase (`UNREADABLE_FIELDS`);
    `activities` is how many activities have at least one such field.
    """
    table = plan.table
    phase_of = dict(zip(table["row"].tolist(), table["phase"].tolist(), strict=True))
    counts = dict.fromkeys(_UNREADABLE_COUNTS, 0)
    rows: set[int] = set()
    cells: list[UnreadableCell] = []
    for row, key, cell in plan.unreadable_cells:
        if key in UNREADABLE_CAMPAIGN:
            counts["campaign"] += 1
        elif phase_of.get(row) in UNREADABLE_FIELDS.get(key, ()):
            counts[key] += 1
            rows.add(row)
        else:
            continue
        cells.append(UnreadableCell(plan.file, cell, key))
    counts["activities"] = len(rows)
    return UnreadableFigures(**counts, cells=cells)


def sum_unreadable(parts: list[UnreadableFigures]) -> UnreadableFigures:
    """The portfolio's unreadable figures: the plans' counts summed, their cells in order."""
    counts = {key: sum(part.count(key) for part in parts) for key in _UNREADABLE_COUNTS}
    return UnreadableFigures(**counts, cells=[cell for part in parts for cell in part.cells])
