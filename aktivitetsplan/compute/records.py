"""Report records: the base every record of the report shares, and the task items.

A `Record` writes its fields in order, under their own names, as the JSON document's
keys (`model.py` says more). The task items (one activity in one of the report's
lists) are here on their own because they are the records the report makes most of,
and `model.py` is the whole report; it re-exports every name, so `model.Task` works.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from functools import cache
from typing import Any


@cache
def record_keys(cls: type) -> tuple[str, ...]:
    """A record class's field names in order: its JSON keys (cached: asked per record)."""
    return tuple(f.name for f in fields(cls))


def to_json_value(value: Any) -> Any:
    """A field's value as JSON: records and lists of them in turn, dates as ISO strings."""
    if isinstance(value, Record):
        return value.to_json()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [to_json_value(item) for item in value]
    return value


class Record:
    """A report record: `to_json()` is its fields in order, under their own names."""

    __slots__ = ()

    def to_json(self) -> dict[str, Any]:
        return {key: to_json_value(getattr(self, key)) for key in record_keys(type(self))}


# --- task items ------------------------------------------------------------------------


# Task records are not frozen (the other records are): a report can list tens of thousands
# of them, and a frozen dataclass is eight times slower to make (each field is set through
# object.__setattr__). Nothing changes one once the report is built.


@dataclass(slots=True)
class Task(Record):
    """One activity as the report lists it: where it is, who, when, how far it got.

    The lists that say more about each activity (days late, money over, a goal) use
    the subclasses, whose fields follow these in the JSON.
    """

    file: str
    sheet: str
    campaign: str | None
    row: int
    id: str | None
    activity: str | None
    responsible: str | None
    executor: str | None
    channel: str | None
    start: date | None
    deadline: date | None
    phase: str
    status: str | None

    def to_json(self) -> dict[str, Any]:
        # Spelled out: the report's longest lists are tasks, and this is their hot path.
        return {
            "file": self.file,
            "sheet": self.sheet,
            "campaign": self.campaign,
            "row": self.row,
            "id": self.id,
            "activity": self.activity,
            "responsible": self.responsible,
            "executor": self.executor,
            "channel": self.channel,
            "start": None if (start := self.start) is None else start.isoformat(),
            "deadline": None if (deadline := self.deadline) is None else deadline.isoformat(),
            "phase": self.phase,
            "status": self.status,
        }


@dataclass(slots=True)
class OverdueTask(Task):
    """An open activity past its deadline."""

    days_overdue: int

    def to_json(self) -> dict[str, Any]:
        data = Task.to_json(self)
        data["days_overdue"] = self.days_overdue
        return data


@dataclass(slots=True)
class UpcomingTask(Task):
    """An open activity due within the upcoming days.

    A recurring activity (`repeat` set) is upcoming by its next `occurrence`, which
    `days_left` counts to; its `deadline` stays the end of the series. The two keys are
    in the JSON only for a recurring activity, so a plan without `Gjentas` gives the
    same document as before.
    """

    days_left: int
    repeat: str | None = None
    occurrence: date | None = None

    def to_json(self) -> dict[str, Any]:
        data = Task.to_json(self)
        data["days_left"] = self.days_left
        if self.repeat is not None:
            data["repeat"] = self.repeat
            data["occurrence"] = to_json_value(self.occurrence)
        return data


@dataclass(slots=True)
class OverBudgetTask(Task):
    """An activity whose cost exceeds its budget, and by how much."""

    budget: float
    cost: float
    over: float

    def to_json(self) -> dict[str, Any]:
        data = Task.to_json(self)
        data.update(budget=self.budget, cost=self.cost, over=self.over)
        return data


@dataclass(slots=True)
class ActivityGoal(Task):
    """An activity with its own target or result; `pct` is None without a target.

    Not in the JSON: the HTML, Markdown and Excel reports show it."""

    kpi: str | None
    target: float | None
    result: float | None
    pct: float | None

    def to_json(self) -> dict[str, Any]:
        data = Task.to_json(self)
        data.update(kpi=self.kpi, target=self.target, result=self.result, pct=self.pct)
        return data


@dataclass(slots=True)
class MovedTask(Task):
    """An activity whose deadline moved since the snapshot: `days_moved` is new − old
    in days, so a later deadline is positive."""

    old_deadline: date | None
    days_moved: int

    def to_json(self) -> dict[str, Any]:
        data = Task.to_json(self)
        old = self.old_deadline
        data.update(
            old_deadline=None if old is None else old.isoformat(), days_moved=self.days_moved
        )
        return data


__all__ = [
    "ActivityGoal",
    "MovedTask",
    "OverBudgetTask",
    "OverdueTask",
    "Record",
    "Task",
    "UpcomingTask",
    "record_keys",
    "to_json_value",
]
