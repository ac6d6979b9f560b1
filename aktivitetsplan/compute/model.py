"""The report model: typed records for every figure, and the JSON they become.

Each record's fields are named as its keys in the `aktplan.rapport/1` JSON document
and come in the document's order, so `to_json()` writes them field by field; dates
are `date` objects here and ISO strings there. `Report.to_json()` is the contract
(keys may be added, never renamed): nothing else decides what the JSON holds.

What the formats need beyond the JSON (the årshjul of the report's year, the
activities' own goals) is on the `Report` too, built with the rest by
`report.build_report`: no renderer goes back to the plans.

The record base and the task items (one activity in a list) are in `records.py`,
re-exported here: `model.Task` is the name everyone uses.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..plan.model import Issue, Unreadable, severity_counts
from ..settings import Settings
from .records import (
    ActivityGoal,
    MovedTask,
    OverBudgetTask,
    OverdueTask,
    Record,
    Task,
    UpcomingTask,
)
from .records import to_json_value as _json

if TYPE_CHECKING:
    from .method import DepartmentGoal, DigitalTail, ExperimentYear, ReadinessRow
    from .wheel import WheelYear

SCHEMA = "aktplan.rapport/1"


# --- figures ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Budget(Record):
    """Money against time, for one plan or the portfolio (DESIGN.md, "Report figures")."""

    total: float
    planned: float
    spent: float
    remaining: float
    burn_pct: float | None
    elapsed_pct: float | None
    forecast: float | None
    period_start: date | None
    period_end: date | None


@dataclass(frozen=True, slots=True)
class Goal(Record):
    """A campaign's `Måltall` against the results that count toward it."""

    file: str
    sheet: str
    campaign: str | None
    kpi: str | None
    goal: str | None
    target: float | None
    result: float | None
    activity_target: float | None
    activities_with_result: int
    pct: float | None
    elapsed_pct: float | None
    on_track: bool | None


@dataclass(frozen=True, slots=True)
class PersonRow(Record):
    """One person's activities per phase, and how many of them are overdue."""

    person: str | None
    todo: int
    in_production: int
    distributed: int
    cancelled: int
    unknown: int
    overdue: int

    def in_phase(self, phase: str) -> int:
        """The count of one phase, by its key (`todo`, …)."""
        return getattr(self, phase)


@dataclass(frozen=True, slots=True)
class ChannelRow(Record):
    """One channel's activities and money; `planned` leaves cancelled activities out."""

    channel: str | None
    activities: int
    planned: float
    spent: float
    burn_pct: float | None


@dataclass(frozen=True, slots=True)
class TypeRow(Record):
    """One activity type's activities and money, as `ChannelRow` for a channel."""

    type: str | None
    activities: int
    planned: float
    spent: float
    burn_pct: float | None


@dataclass(frozen=True, slots=True)
class Experiments(Record):
    """The experiments that ran in the report date's month."""

    month: str  # YYYY-MM
    count: int
    activities: list[str]


@dataclass(frozen=True, slots=True)
class UnreadableCell(Record):
    """A cell whose typed value could not be read, and the field it was for."""

    file: str
    cell: str
    field: str


@dataclass(frozen=True, slots=True)
class UnreadableFigures(Record):
    """What could not be read and which figures it leaves uncertain.

    `activities`: how many activities have a deadline, status, budget, cost or result
    that could not be read where it matters for their phase; then a count per field,
    of the campaign fields not read, and each such cell in sheet order.
    """

    activities: int
    deadline: int
    status: int
    budget: int
    cost: int
    result: int
    campaign: int
    cells: list[UnreadableCell]

    def count(self, key: str) -> int:
        """The count of one field (`deadline`, …, `campaign`), by its key."""
        return getattr(self, key)


@dataclass(frozen=True, slots=True)
class PlanFigures(Record):
    """One plan's own figures: the portfolio table's row."""

    file: str
    sheet: str
    campaign: str | None
    activities: int
    active: int
    status: dict[str, int]
    status_pct: dict[str, float | None]
    budget: Budget
    overdue: int  # how many; the report's `overdue` is the list
    errors: int
    warnings: int
    unreadable: UnreadableFigures
    campaign_fields: dict[str, Any]  # the campaign block, dates as ISO strings


@dataclass(frozen=True, slots=True)
class MonthView(Record):
    """`--måned`: what finished, started and fell due in the month, and what is next."""

    month: str  # YYYY-MM
    first: date
    last: date
    finished: list[Task]
    started: list[Task]
    due_open: list[Task]
    spent_due: float
    experiments: list[Task]
    next_month: str  # YYYY-MM
    due_next: list[Task]


# --- history: what changed since a snapshot, and the months before --------------------


@dataclass(frozen=True, slots=True)
class BudgetChange(Record):
    """One plan whose total budget changed since the snapshot."""

    file: str
    sheet: str
    campaign: str | None
    before: float
    after: float
    change: float


@dataclass(frozen=True, slots=True)
class ResultChange(Record):
    """One plan whose goal result changed; `pct` is after / target · 100, one decimal."""

    file: str
    sheet: str
    campaign: str | None
    kpi: str | None
    target: float | None
    before: float | None
    after: float | None
    gained: float | None
    pct: float | None


@dataclass(frozen=True, slots=True)
class Changes(Record):
    """What changed since the snapshot of `since` (None: there is no earlier snapshot,
    and every list is empty)."""

    since: date | None
    finished: list[Task]  # now distributed, was not
    started: list[Task]  # now in production, was to do (or unknown)
    cancelled: list[Task]  # now cancelled, was not
    added: list[Task]  # not in the snapshot
    removed: list[Task]  # in the snapshot, not now (as it was then)
    moved: list[MovedTask]  # deadline changed; by |days_moved|, largest first
    slip_days: int  # sum of days_moved
    became_overdue: list[OverdueTask]  # overdue now, not overdue on `since`
    spent: float | None  # spent now − spent then (None without `since`)
    budgets: list[BudgetChange]
    results: list[ResultChange]


@dataclass(frozen=True, slots=True)
class TrendPoint(Record):
    """One month of the trend: its last snapshot, or this report (`current`)."""

    month: str  # YYYY-MM
    day: date
    distributed: int
    overdue: int
    burn_pct: float | None
    elapsed_pct: float | None
    spent: float
    current: bool


# --- the report ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Report:
    """Every figure of a report: per plan, and summed over the portfolio.

    `wheel` and `activity_goals` are for the formats and stay out of the JSON.
    """

    date: date
    settings: Settings
    activities: int
    active: int  # activities not cancelled: the whole that `status_pct` is a share of
    plans: list[PlanFigures]
    status: dict[str, int]
    status_pct: dict[str, float | None]
    budget: Budget
    overdue: list[OverdueTask]
    upcoming: list[UpcomingTask]
    by_person: list[PersonRow]
    by_channel: list[ChannelRow]
    by_type: list[TypeRow]
    over_budget: list[OverBudgetTask]
    experiments: Experiments
    kpi: list[Goal]
    issues: list[Issue]
    unreadable: list[Unreadable]  # files not read at all
    # Values typed but not read, and the figures they leave uncertain.
    unreadable_values: UnreadableFigures
    files: int
    month: MonthView | None = None
    # History (issue 14): each in the JSON only when set.
    changes: Changes | None = None
    trend: list[TrendPoint] | None = None
    snapshot: date | None = None  # rebuilt from the snapshot of this day (`--måned`)
    # The method (issue 17): each in the JSON only when the plans or the settings have it.
    department_goal: DepartmentGoal | None = None
    experiment_year: ExperimentYear | None = None
    readiness: list[ReadinessRow] | None = None
    digital_tail: DigitalTail | None = None
    # For the formats, not in the JSON: the årshjul of the report date's year (None when
    # it would be empty, or was not asked for), the activities with their own goals.
    wheel: WheelYear | None = dataclasses.field(default=None, repr=False, compare=False)
    activity_goals: list[ActivityGoal] = dataclasses.field(default_factory=list, repr=False)

    @property
    def errors(self) -> int:
        return severity_counts(self.issues)["error"]

    @property
    def warnings(self) -> int:
        return severity_counts(self.issues)["warning"]

    def to_json(self) -> dict[str, Any]:
        """The `aktplan.rapport/1` JSON document: plain dicts, lists, strings and numbers."""
        data: dict[str, Any] = {
            "schema": SCHEMA,
            "date": self.date.isoformat(),
            "activities": self.activities,
            "active": self.active,
            "plans": _json(self.plans),
            "status": self.status,
            "status_pct": self.status_pct,
            "budget": self.budget.to_json(),
            "overdue": [task.to_json() for task in self.overdue],
            "upcoming": [task.to_json() for task in self.upcoming],
            "by_person": _json(self.by_person),
            "by_channel": _json(self.by_channel),
            "by_type": _json(self.by_type),
            "over_budget": [task.to_json() for task in self.over_budget],
            "experiments": self.experiments.to_json(),
            "kpi": _json(self.kpi),
            "issues": [issue.to_dict() for issue in self.issues],
            "unreadable": [{"file": u.file, "message": u.message} for u in self.unreadable],
            "unreadable_values": self.unreadable_values.to_json(),
        }
        if self.month is not None:
            data["month"] = self.month.to_json()
        if self.changes is not None:
            data["changes"] = self.changes.to_json()
        if self.trend is not None:
            data["trend"] = _json(self.trend)
        if self.snapshot is not None:
            data["snapshot"] = self.snapshot.isoformat()
        for key in ("department_goal", "experiment_year", "readiness", "digital_tail"):
            value = getattr(self, key)
            if value is not None:
                data[key] = _json(value)
        return data


__all__ = [
    "SCHEMA",
    "ActivityGoal",
    "Budget",
    "BudgetChange",
    "Changes",
    "ChannelRow",
    "Experiments",
    "Goal",
    "MonthView",
    "MovedTask",
    "OverBudgetTask",
    "OverdueTask",
    "PersonRow",
    "PlanFigures",
    "Record",
    "Report",
    "ResultChange",
    "Task",
    "TrendPoint",
    "TypeRow",
    "UnreadableCell",
    "UnreadableFigures",
    "UpcomingTask",
]
