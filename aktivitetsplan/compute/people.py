"""Each person's open tasks across all plans, and the activities a calendar holds.

A plan names people in two columns, `Ansvarlig` (owner) and `Utfører` (executor); a
team member wants one list of what is theirs, whichever column names them. The list
holds the open activities (`rules.open_rows`, the report's own rule: to do or in
production), overdue first (the most days late first), then by deadline, activities
without a deadline last. A cell may name several people (`Kari, Ola`, `Kari og Ola`):
each gets the task. People are the same person whatever the case of their name.

The calendar (`formats/ics.py`) takes the same task records: a person's open and
cancelled activities, or every dated activity of a year for the årshjul.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from ..errors import InputError
from ..plan.model import Plan
from ..plan.schema import fold
from ..settings import Settings
from .records import Record, Task
from .recurrence import Series, campaign_end, table_series
from .rules import days_left_of, is_open, open_rows
from .tasks import task_items
from .wheel import activity_span

SCHEMA = "aktplan.oppgaver/1"
ROLES = ("responsible", "executor", "both")
# What separates two names in one cell: `,` `;` `/` `&` `+`, and the words «og»/«and».
_SEPARATORS = re.compile(r"\s*[,;/&+]\s*|\s+(?:og|and)\s+", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def split_names(cell: str | None) -> list[str]:
    """The people one `Ansvarlig`/`Utfører` cell names, in order, blanks dropped."""
    if not cell:
        return []
    names = (_SPACE.sub(" ", part).strip() for part in _SEPARATORS.split(cell))
    return list(dict.fromkeys(name for name in names if name))


def person_key(name: str) -> str:
    """What makes two spellings one person: case and spacing do not count."""
    return _SPACE.sub(" ", name).strip().casefold()


@dataclass(slots=True)
class CalendarTask(Task):
    """An activity as a list or a calendar shows it: the task fields, its type and
    description, and `days_left` to its deadline (negative when late, None without one).

    A recurring activity carries its `series` (`recurrence.Series`: the calendar's
    RRULE) and its next `occurrence` on or after the list's date; while the series runs,
    `days_left` counts to that occurrence (the series is late only past its end). The
    JSON adds `repeat` and `occurrence` for a recurring activity only.
    """

    type: str | None
    description: str | None
    days_left: int | None
    series: Series | None
    occurrence: date | None

    def to_json(self) -> dict[str, Any]:
        data = Task.to_json(self)
        data.update(type=self.type, description=self.description, days_left=self.days_left)
        if self.series is not None:
            data["repeat"] = self.series.repeat
            data["occurrence"] = None if self.occurrence is None else self.occurrence.isoformat()
        return data

    @property
    def due(self) -> date | None:
        """What is due next: the next occurrence of a running series, else the deadline."""
        return self.occurrence or self.deadline

    @property
    def overdue(self) -> bool:
        """Open and past its deadline: `rules.is_overdue`, as the report says it."""
        return self.days_left is not None and self.days_left < 0 and is_open(self.phase)


@dataclass(slots=True)
class PersonTask(CalendarTask):
    """One person's task, and the role that makes it theirs: `responsible`, `executor`,
    or `both`."""

    role: str

    def to_json(self) -> dict[str, Any]:
        data = CalendarTask.to_json(self)
        data["role"] = self.role
        return data


@dataclass(frozen=True, slots=True)
class PersonTasks(Record):
    """One person's open tasks in list order, and their cancelled activities (which a
    calendar marks cancelled, so a re-import cancels the event it made before)."""

    person: str
    open: int
    overdue: int
    tasks: list[PersonTask]
    cancelled: list[PersonTask]


@dataclass(frozen=True, slots=True)
class PeopleList(Record):
    """Everyone named in the plans, by name; `unassigned` counts open activities that
    name nobody. `to_json()` is the `aktplan.oppgaver/1` document."""

    schema: str
    date: date
    files: list[str]
    unassigned: int
    people: list[PersonTasks]

    def with_tasks(self) -> list[PersonTasks]:
        """The people with open tasks: whom a list of everyone shows."""
        return [person for person in self.people if person.tasks]


def _calendar_tasks(plan: Plan, idx: np.ndarray, today: date) -> list[CalendarTask]:
    table = plan.table
    left = days_left_of(table["deadline"][idx], today).tolist()
    deadlines = np.isnat(table["deadline"][idx]).tolist()
    days = [None if blank else count for count, blank in zip(left, deadlines, strict=True)]
    every = table_series(table, campaign_end(plan))
    series = [every.get(index) for index in idx.tolist()]
    following = [s.next_occurrence(today) if s else None for s in series]
    for position, day in enumerate(following):
        if day is not None:
            days[position] = (day - today).days
    return task_items(
        plan,
        idx,
        CalendarTask,
        table["type"][idx].tolist(),
        table["description"][idx].tolist(),
        days,
        series,
        following,
    )


def list_order(task: CalendarTask) -> tuple:
    """Overdue first (most days late first), then by what is due next (a running
    series' next occurrence, else the deadline); none last; then by name.

    Every listed task is open, so the earliest deadline is the most days late.
    """
    due = task.due
    return (due is None, due or date.max, fold(task.activity or ""))


def _role(task: CalendarTask, key: str) -> str:
    """Why the task is this person's (`key` is named in one column or both)."""
    owner = key in {person_key(n) for n in split_names(task.responsible)}
    executor = key in {person_key(n) for n in split_names(task.executor)}
    if owner and executor:
        return "both"
    return "responsible" if owner else "executor"


def _as_person_task(task: CalendarTask, role: str) -> PersonTask:
    values = [getattr(task, name) for name in CalendarTask.__dataclass_fields__]
    return PersonTask(*values, role=role)


def build_people(plans: list[Plan], settings: Settings) -> PeopleList:
    """Every person named in `plans`, with their open tasks and cancelled activities
    (a person with none is kept: `--person` then says so rather than «unknown»)."""
    today = settings.today()
    spelled: dict[str, str] = {}  # person key → the first spelling met
    mine: dict[str, list[PersonTask]] = {}
    gone: dict[str, list[PersonTask]] = {}
    unassigned = 0
    for plan in plans:
        table = plan.table
        for cell in (*table["responsible"].tolist(), *table["executor"].tolist()):
            for name in split_names(cell):  # everyone named, with open tasks or not
                spelled.setdefault(person_key(name), name)
        open_ = open_rows(table)
        cancelled = np.asarray(table["phase"] == "cancelled", dtype=bool)
        idx = np.flatnonzero(open_ | cancelled)
        for task in _calendar_tasks(plan, idx, today):
            names = [*split_names(task.responsible), *split_names(task.executor)]
            if not names and task.phase != "cancelled":
                unassigned += 1
            for key in dict.fromkeys(person_key(name) for name in names):
                bucket = gone if task.phase == "cancelled" else mine
                bucket.setdefault(key, []).append(_as_person_task(task, _role(task, key)))
    people = []
    for key in sorted(spelled, key=lambda k: (fold(spelled[k]), spelled[k])):
        tasks = sorted(mine.get(key, []), key=list_order)
        people.append(
            PersonTasks(
                person=spelled[key],
                open=len(tasks),
                overdue=sum(1 for task in tasks if task.overdue),
                tasks=tasks,
                cancelled=sorted(gone.get(key, []), key=list_order),
            )
        )
    files = list(dict.fromkeys(plan.file for plan in plans))
    return PeopleList(SCHEMA, today, files, unassigned, people)


def find_person(people: PeopleList, query: str, settings: Settings) -> PersonTasks:
    """`--person`: the full name in any case, else a first name only one person has.

    An unknown or ambiguous name is an InputError that lists the names found.
    """
    tr = settings.tr
    key = person_key(query)
    names = [person.person for person in people.people]
    for person in people.people:
        if person_key(person.person) == key:
            return person
    first = [p for p in people.people if person_key(p.person).split(" ")[0] == key]
    if len(first) == 1:
        return first[0]
    if first:
        shown = ", ".join(p.person for p in first)
        raise InputError(tr("people.ambiguous", name=query, names=shown))
    if not names:
        raise InputError(tr("people.none_named", name=query))
    raise InputError(tr("people.unknown", name=query, names=", ".join(names)))


def year_tasks(plans: list[Plan], year: int, settings: Settings) -> list[CalendarTask]:
    """Every dated activity of any phase whose Start–Frist touches `year`: the årshjul's
    calendar (cancelled ones too, marked cancelled there)."""
    today = settings.today()
    first, last = date(year, 1, 1), date(year, 12, 31)
    found: list[CalendarTask] = []
    for plan in plans:
        idx = np.arange(len(plan.table))
        for task in _calendar_tasks(plan, idx, today):
            span = activity_span(task.start, task.deadline)
            if task.series is not None:  # Start to the series' end (the campaign's Slutt)
                span = (task.series.start, task.series.until or last)
            if span is not None and span[0] <= last and span[1] >= first:
                found.append(task)
    return sorted(found, key=lambda t: (t.deadline or t.start or date.max, fold(t.activity or "")))
