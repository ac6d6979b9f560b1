"""The planning method's figures (issue 17): the goal on top, experiments that decide,
readiness, the digital tail.

Each figure exists only where the plans (or aktplan.toml) say something about it, so
a portfolio without the method's fields gives the report it always gave:
- `department_goal`: the department's goal (`[maal]`, else an årshjul's `Mål` sheet)
  and the campaigns whose KPI rolls up to it, the others listed with why not;
- `experiment_year`: the report year's twelve months with the experiments run in each,
  the decisions taken and the experiments finished without one, when a plan has the
  `Hypotese` or `Beslutning` column;
- `readiness`: per campaign with a `Beredskap` field, whether it is live and has someone
  named to answer;
- `digital_tail`: per plan with the `Digital hale` column, the share of its finished
  activities that left a lasting asset.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from ..plan.model import GoalSpec, Issue, Plan
from ..plan.schema import DECISIONS, READINESS_NOT_NEEDED, fold, leaves_tail
from .figures import (
    elapsed_pct,
    experiment_rows,
    goal_rows,
    keeps_pace,
    kpi_match,
    month_bounds,
    nan_sum,
    pct,
    spans,
    touches,
)
from .figures import plan_period as period_of
from .model import Goal, UnreadableFigures
from .records import Record, Task
from .rules import LIVE_DAYS, due_rows, open_rows
from .tasks import task_items

# --- records ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoalCampaign(Record):
    """A campaign measured against the department goal: its own goal figures, and its
    share of the department's result (None when it does not contribute)."""

    file: str
    sheet: str
    campaign: str | None
    kpi: str | None
    target: float | None
    result: float | None
    share_pct: float | None
    reason: str | None  # not contributing: no_kpi | other_kpi | outside_period


@dataclass(frozen=True, slots=True)
class DepartmentGoal(Record):
    """The department goal against the results of the campaigns that carry it."""

    name: str | None
    kpi: str | None
    aliases: list[str]
    target: float | None
    result: float | None
    pct: float | None
    period_start: date
    period_end: date
    elapsed_pct: float | None
    on_track: bool | None
    source: str
    contributing: list[GoalCampaign]
    not_contributing: list[GoalCampaign]
    activities: int  # activities not cancelled, in every plan
    # Activities (not cancelled) in the campaigns that do not carry the goal, and that do
    # not measure the goal's KPI themselves: with no KPI of their own nor of their
    # campaign, or measured by another KPI.
    activities_without_kpi: int
    activities_other_kpi: int
    unreadable: int  # results in contributing plans, and goal fields, not read


@dataclass(frozen=True, slots=True)
class ExperimentMonth(Record):
    """One month of the year: the experiments that ran in it."""

    month: str  # YYYY-MM
    count: int
    activities: list[str]


@dataclass(slots=True)
class ExperimentTask(Task):
    """An experiment with what it set out to learn and what was decided after it."""

    hypothesis: str | None
    decision: str | None  # scale | continue | drop | unknown (typed, not read) | None

    def to_json(self) -> dict:
        data = Task.to_json(self)
        data["hypothesis"] = self.hypothesis
        data["decision"] = self.decision
        return data


@dataclass(frozen=True, slots=True)
class ExperimentYear(Record):
    """The report year's experiments month by month, their decisions, and the finished
    ones still without a decision (only plans with a `Beslutning` column can have one)."""

    year: int
    months: list[ExperimentMonth]
    months_without: list[str]  # YYYY-MM of the months with no experiment
    experiments: int  # experiments of the year, not cancelled
    decisions: dict[str, int]  # scale, continue, drop, unknown
    decided: list[ExperimentTask]
    finished_undecided: list[ExperimentTask]
    without_hypothesis: int  # experiments of the year in a plan with `Hypotese`, none typed


@dataclass(frozen=True, slots=True)
class ReadinessRow(Record):
    """A campaign's readiness: who answers the inbound leads, within how many hours."""

    file: str
    sheet: str
    campaign: str | None
    responder: str | None
    response_hours: float | None
    needed: bool  # False: `Beredskap` says not applicable
    live: bool
    missing: list[str]  # responder, response_hours: what a live campaign lacks
    unreadable: list[str]  # … typed but not read: unknown, not missing
    flagged: bool  # live and needed, and nobody named to answer


@dataclass(frozen=True, slots=True)
class TailRow(Record):
    """One plan's finished activities and the lasting assets they left."""

    file: str
    sheet: str
    campaign: str | None
    finished: int
    with_tail: int
    without_tail: int  # said none (`Ingen`)
    unstated: int  # left blank
    pct: float | None  # with_tail / finished · 100
    kinds: dict[str, int]  # the tail as typed → how many


@dataclass(frozen=True, slots=True)
class DigitalTail(Record):
    """The digital tail over every plan with the column, and per plan."""

    finished: int
    with_tail: int
    pct: float | None
    kinds: dict[str, int]
    campaigns: list[TailRow]


# --- the goal on top -------------------------------------------------------------------


def goal_spec(
    plans: list[Plan], configured: GoalSpec | None, tr
) -> tuple[GoalSpec | None, list[Issue]]:
    """The goal the report opens with: aktplan.toml's, else the first `Mål` sheet's. A
    `Mål` sheet that is not used (in another workbook or the same) says so at its first
    cell."""
    sheets = [(plan, spec) for plan in plans for spec in (plan.goal, *plan.other_goals) if spec]
    chosen = configured or (sheets[0][1] if sheets else None)
    issues = []
    for plan, spec in sheets:
        if spec is chosen:
            continue
        where = spec.cells[0][1] if spec.cells else spec.source
        issues.append(
            Issue(plan.file, where, "info", tr("method.goal_not_used", used=chosen.source))
        )
    return chosen, issues


def kpi_matches(kpi: str | None, spec: GoalSpec) -> bool:
    """A campaign's KPI is the goal's (`figures.kpi_match`: folded, word by word, `Leads`
    in `Kvalifiserte leads`), by the goal's KPI or any of its aliases."""
    if not kpi:
        return False
    return any(name and kpi_match(kpi, name) for name in (spec.kpi, *spec.aliases))


def department_goal(
    plans: list[Plan],
    spec: GoalSpec,
    goals: list[Goal],
    uncertain: list[UnreadableFigures],
    today: date,
) -> DepartmentGoal:
    """Roll the campaigns' results up to the department goal.

    A campaign contributes when its KPI matches and its period touches the goal's; what
    it contributes is the results that count toward its own KPI (as its `Goal`) of the
    activities whose dates touch the goal's period (an activity without any date
    counts: nothing says it is outside). The others are listed with the reason.
    """
    # A period half given is that date's calendar year on the other side.
    start = spec.start or date((spec.end or today).year, 1, 1)
    end = spec.end or date(start.year, 12, 31)
    contributing: list[tuple[Plan, Goal, float | None, int]] = []
    others: list[GoalCampaign] = []
    active = without = elsewhere = 0
    for plan, goal, unread in zip(plans, goals, uncertain, strict=True):
        if plan.goal_sheet:
            continue  # the årshjul workbook with the goal sheet: the department's, no campaign
        table = plan.table
        live = table["phase"] != "cancelled"
        active += int(live.sum())
        kpi = plan.campaign.get("kpi")
        first, last = period_of(plan)
        if not kpi:
            reason = "no_kpi"
        elif not kpi_matches(kpi, spec):
            reason = "other_kpi"
        elif (first and first > end) or (last and last < start):
            reason = "outside_period"
        else:
            reason = None
        if reason is None:  # its activities serve the goal through it, whatever they measure
            contributing.append((plan, goal, _result_in(plan, kpi, start, end), unread.result))
            continue
        others.append(_campaign(plan, goal, goal.result, None, reason))
        for k in table["kpi"][live].tolist():  # an activity may still measure the goal's KPI
            if k is None and not kpi:
                without += 1
            elif not kpi_matches(k if k is not None else kpi, spec):
                elsewhere += 1
    results = [part for _, _, part, _ in contributing if part is not None]
    result = float(sum(results)) if results else None
    rows = [
        _campaign(
            plan,
            goal,
            part,
            pct(part / result * 100) if result and part is not None else None,
            None,
        )
        for plan, goal, part, _ in contributing
    ]
    rows.sort(key=lambda r: (-(r.result or 0), str(r.campaign or "")))
    share = pct(result / spec.target * 100) if spec.target and result is not None else None
    elapsed = pct(elapsed_pct(start, end, today))
    return DepartmentGoal(
        name=spec.name,
        kpi=spec.kpi,
        aliases=list(spec.aliases),
        target=spec.target,
        result=result,
        pct=share,
        period_start=start,
        period_end=end,
        elapsed_pct=elapsed,
        on_track=keeps_pace(share, elapsed),
        source=spec.source,
        contributing=rows,
        not_contributing=others,
        activities=active,
        activities_without_kpi=without,
        activities_other_kpi=elsewhere,
        unreadable=sum(unread for *_, unread in contributing) + len(spec.unreadable),
    )


def _result_in(plan: Plan, kpi: str | None, start: date, end: date) -> float | None:
    """The results toward the campaign's KPI of its activities that touch start..end."""
    table = plan.table
    begin, finish = spans(table)
    inside = touches(begin, finish, start, end) | np.isnat(begin)
    results = table["result"][goal_rows(table, kpi) & inside]
    results = results[~np.isnan(results)]
    return nan_sum(results) if len(results) else None


def _campaign(
    plan: Plan, goal: Goal, result: float | None, share: float | None, reason: str | None
) -> GoalCampaign:
    return GoalCampaign(
        file=plan.file,
        sheet=plan.sheet,
        campaign=plan.campaign.get("name"),
        kpi=plan.campaign.get("kpi"),
        target=goal.target,
        result=result,
        share_pct=share,
        reason=reason,
    )


# --- experiments that decide -----------------------------------------------------------


def experiment_year(plans: list[Plan], today: date) -> ExperimentYear | None:
    """The report year's experiments, when a plan has the `Hypotese` or `Beslutning`
    column (else None: the report shows this month's count, as before)."""
    if not any({"hypothesis", "decision"} & plan.columns for plan in plans):
        return None
    year = today.year
    # Each plan's experiments and their spans, once; the year and its months on those alone.
    found = []
    for plan in plans:
        idx = np.flatnonzero(experiment_rows(plan.table))
        begin, end = spans(plan.table, idx)
        in_year = touches(begin, end, date(year, 1, 1), date(year, 12, 31))
        if in_year.any():
            found.append((plan, idx[in_year], begin[in_year], end[in_year]))
    months: list[ExperimentMonth] = []
    for month in range(1, 13):
        first, last = month_bounds(date(year, month, 1))
        names: list[str] = []
        for plan, idx, begin, end in found:
            hit = idx[touches(begin, end, first, last)]
            names.extend(str(a) for a in plan.table["activity"][hit].tolist())
        months.append(ExperimentMonth(first.strftime("%Y-%m"), len(names), names))
    decisions = dict.fromkeys((*DECISIONS, "unknown"), 0)
    decided: list[ExperimentTask] = []
    undecided: list[ExperimentTask] = []
    count = without_hypothesis = 0
    for plan, idx, _begin, _end in found:
        table = plan.table
        count += len(idx)
        items = task_items(
            plan,
            idx,
            ExperimentTask,
            table["hypothesis"][idx].tolist(),
            table["decision"][idx].tolist(),
        )
        for item in items:
            if item.decision is not None:
                decisions[item.decision] += 1
                decided.append(item)
            elif "decision" in plan.columns and item.phase == "distributed":
                undecided.append(item)
            if "hypothesis" in plan.columns and not item.hypothesis:
                without_hypothesis += 1
    return ExperimentYear(
        year=year,
        months=months,
        months_without=[m.month for m in months if not m.count],
        experiments=count,
        decisions=decisions,
        decided=sorted(decided, key=_by_deadline),
        finished_undecided=sorted(undecided, key=_by_deadline),
        without_hypothesis=without_hypothesis,
    )


def _by_deadline(item: Task) -> tuple:
    return (item.deadline or date.max, item.file, item.row)


# --- readiness -------------------------------------------------------------------------

# `Beredskap` written as nobody: no one is named to answer.
NOBODY = frozenset(fold(word) for word in ("-", "–", "—", "ingen", "nobody", "none", "?"))
_FIELD = {"responder": "readiness", "response_hours": "response_hours"}  # → campaign field


def is_live(plan: Plan, today: date) -> bool:
    """A campaign is live when it has activities in distribution or open work due within
    LIVE_DAYS, and its period has not ended."""
    table = plan.table
    _, end = period_of(plan)
    if end is not None and end < today:
        return False
    distributing = bool((table["phase"] == "distributed").any())
    due = due_rows(table, today, today + timedelta(days=LIVE_DAYS), open_rows(table))
    return distributing or bool(due.any())


def readiness(plans: list[Plan], today: date) -> list[ReadinessRow] | None:
    """Each campaign with a `Beredskap` field: live or not, and what it lacks; None when
    no plan has the field."""
    chosen = [plan for plan in plans if "readiness" in plan.campaign]
    if not chosen:
        return None
    rows = []
    for plan in chosen:
        responder = plan.campaign.get("readiness")
        if responder is not None and fold(responder) in NOBODY:
            responder = None  # `-`, `Ingen`: nobody named
        hours = plan.campaign.get("response_hours")
        needed = responder is None or fold(responder) not in READINESS_NOT_NEEDED
        live = is_live(plan, today)
        fields = {key for _row, key, _cell in plan.unreadable_cells}
        unreadable = [
            k for k in ("responder", "response_hours") if f"campaign.{_FIELD[k]}" in fields
        ]
        missing = []
        if needed and live:
            if responder is None and "responder" not in unreadable:
                missing.append("responder")
            if hours is None and "response_hours" not in unreadable:
                missing.append("response_hours")
        rows.append(
            ReadinessRow(
                file=plan.file,
                sheet=plan.sheet,
                campaign=plan.campaign.get("name"),
                responder=responder if needed else None,
                response_hours=hours,
                needed=needed,
                live=live,
                missing=missing,
                unreadable=unreadable,
                flagged="responder" in missing,
            )
        )
    rows.sort(key=lambda r: (not r.flagged, not r.live, str(r.campaign or "").lower()))
    return rows


# --- the digital tail ------------------------------------------------------------------


def digital_tail(plans: list[Plan]) -> DigitalTail | None:
    """The share of finished activities that left a lasting asset, per plan with the
    `Digital hale` column; None when no plan has it."""
    chosen = [plan for plan in plans if "tail" in plan.columns]
    if not chosen:
        return None
    rows: list[TailRow] = []
    total_kinds: dict[str, int] = {}
    shown: dict[str, str] = {}  # folded → the first spelling seen, over every plan
    for plan in chosen:
        table = plan.table
        finished = table["tail"][table["phase"] == "distributed"].tolist()
        kinds: dict[str, int] = {}
        said_none = blank = 0
        for text, count in Counter(finished).items():  # each distinct text folded once
            left = leaves_tail(text)
            if left is None:
                blank += count
            elif not left:
                said_none += count
            else:
                name = shown.setdefault(fold(text), text.strip())
                kinds[name] = kinds.get(name, 0) + count
        with_tail = sum(kinds.values())
        for name, n in kinds.items():
            total_kinds[name] = total_kinds.get(name, 0) + n
        rows.append(
            TailRow(
                file=plan.file,
                sheet=plan.sheet,
                campaign=plan.campaign.get("name"),
                finished=len(finished),
                with_tail=with_tail,
                without_tail=said_none,
                unstated=blank,
                pct=pct(with_tail / len(finished) * 100) if finished else None,
                kinds=dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
            )
        )
    finished_total = sum(r.finished for r in rows)
    with_total = sum(r.with_tail for r in rows)
    return DigitalTail(
        finished=finished_total,
        with_tail=with_total,
        pct=pct(with_total / finished_total * 100) if finished_total else None,
        kinds=dict(sorted(total_kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        campaigns=rows,
    )
