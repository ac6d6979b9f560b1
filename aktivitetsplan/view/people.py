"""The per-person task lists and the calendar events, as every format shows them.

Each sentence, row and calendar text is written here once, in the user's language;
the terminal, HTML, Markdown and iCalendar writers in `formats/` lay them out and add
no words of their own.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..compute.people import CalendarTask, PeopleList, PersonTask, PersonTasks
from ..plan.keys import activity_key
from ..plan.schema import PHASE_LABELS, REPEAT_LABELS, TYPE_LABELS, fold
from ..settings import Settings

UID_DOMAIN = "aktplan"


@dataclass(frozen=True)
class TaskLine:
    """One task as a row: each cell as text; `overdue` for the formats' emphasis."""

    activity: str
    role: str
    campaign: str
    phase: str
    deadline: str
    when: str
    due: str  # deadline and days in one phrase, for a one-line layout
    where: str
    overdue: bool


@dataclass(frozen=True)
class PersonSection:
    """One person's heading, summary line and rows (or the line that says there are none)."""

    person: str
    title: str
    summary: str
    lines: list[TaskLine]
    empty: str | None


@dataclass(frozen=True)
class CalendarEvent:
    """One calendar event: an all-day event from `first` to `last` (both included).

    `rrule` is a recurrence in icalendar's `vRecur` form (`{"freq": "monthly",
    "until": date}`); the writer adds it as the event's RRULE when it is set.
    """

    uid: str
    summary: str
    first: date
    last: date
    description: str
    categories: tuple[str, ...]
    cancelled: bool
    rrule: dict[str, Any] | None = None


def where(task: CalendarTask, settings: Settings) -> str:
    """Where to find the row: `innholdsmotor.xlsx: Aktivitetsplan rad 23`."""
    return settings.tr("people.where", file=Path(task.file).name, sheet=task.sheet, row=task.row)


def event_uid(task: CalendarTask) -> str:
    """A UID that stays the same for the same activity across runs (file name, sheet and
    `activity_key`: the ID, else the activity's name), so a re-import updates events."""
    source = "\x1f".join((Path(task.file).name, task.sheet, activity_key(task.id, task.activity)))
    return f"{hashlib.sha1(source.encode('utf-8')).hexdigest()}@{UID_DOMAIN}"


def safe_file_name(name: str) -> str:
    """A person's name as a file name anyone can mail and any system can hold:
    ASCII-folded (`Åse Ødegård` → `ase-odegard`), lower case, words joined by `-`."""
    ascii_text = unicodedata.normalize("NFKD", fold(name)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "person"


def file_stems(names: Iterable[str]) -> dict[str, str]:
    """Each person's file name without its ending; two names that fold alike (`Åse`,
    `Ase`) get `-2`, `-3`, so no file replaces another."""
    taken: set[str] = set()
    stems = {}
    for name in names:
        stem = base = safe_file_name(name)
        count = 1
        while stem in taken:
            count += 1
            stem = f"{base}-{count}"
        taken.add(stem)
        stems[name] = stem
    return stems


class CalendarView:
    """Every text of a calendar's events, in the settings' language."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.lang = settings.language
        self.tr = settings.tr
        self.fmt = settings.fmt

    def calendar_name(self, person: str | None = None, year: int | None = None) -> str:
        """`Oppgaver – Kari Nordmann`, `Årshjul 2026`, or `Oppgaver` for everyone."""
        if person is not None:
            return self.tr("ics.name.person", person=person)
        if year is not None:
            return self.tr("ics.name.year", year=year)
        return self.tr("people.doc_title")

    def event(self, task: CalendarTask, *, span: bool) -> CalendarEvent | None:
        """The task's all-day event: on its deadline (else its start), or Start–Frist
        with `span`; a recurring activity's on its Start with the series' RRULE; None
        for an activity without dates."""
        day = task.deadline or task.start
        if day is None:
            return None
        first = last = day
        if span and task.start and task.deadline and task.start < task.deadline:
            first, last = task.start, task.deadline
        rule = None
        if task.series is not None:  # one event on Start, repeated to the series' end
            first = last = task.series.start
            rule = task.series.ical()
        tr = self.tr
        details = [
            ("ics.campaign", task.campaign),
            ("ics.status", task.status or PHASE_LABELS[self.lang][task.phase]),
            ("ics.responsible", task.responsible),
            ("ics.executor", task.executor),
            ("ics.channel", task.channel),
            ("ics.where", where(task, self.settings)),
        ]
        lines = [tr(key, value=value) for key, value in details if value]
        if task.description:
            lines += ["", task.description]
        categories = [PHASE_LABELS[self.lang][task.phase]]
        if task.type:
            categories.append(TYPE_LABELS[self.lang].get(task.type, task.type))
        return CalendarEvent(
            uid=event_uid(task),
            summary=task.activity or tr("text.none"),
            first=first,
            last=last,
            description="\n".join(lines),
            categories=tuple(categories),
            cancelled=task.phase == "cancelled",
            rrule=rule,
        )

    def events(self, tasks: list[CalendarTask], *, span: bool) -> list[CalendarEvent]:
        """One event per dated task; the same activity (one UID) only once."""
        found: dict[str, CalendarEvent] = {}
        for task in tasks:
            event = self.event(task, span=span)
            if event is not None:
                found.setdefault(event.uid, event)
        return list(found.values())


class PeopleView(CalendarView):
    """Every text of the per-person lists, in the settings' language."""

    def __init__(self, people: PeopleList, settings: Settings) -> None:
        super().__init__(settings)
        self.people = people

    # --- the lists -------------------------------------------------------------------

    @property
    def doc_title(self) -> str:
        return self.tr("people.doc_title")

    @property
    def report_date(self) -> date:
        """The date the lists are for (`report.css` prints it in a page's header)."""
        return self.people.date

    @property
    def date_line(self) -> str:
        return self.tr("people.date_line", date=self.fmt.date(self.people.date))

    @property
    def headers(self) -> list[str]:
        keys = ("activity", "role", "campaign", "phase", "deadline", "when", "where")
        return [self.tr(f"people.col.{key}") for key in keys]

    @property
    def unassigned(self) -> str | None:
        count = self.people.unassigned
        if not count:
            return None
        key = "people.unassigned_one" if count == 1 else "people.unassigned"
        return self.tr(key, count=self.fmt.number(count))

    @property
    def nobody(self) -> str:
        return self.tr("people.nobody")

    def role(self, key: str) -> str:
        return self.tr(f"people.role.{key}")

    def when(self, task: CalendarTask) -> str:
        """Days left, due today, days late, or no deadline."""
        days = task.days_left
        if days is None:
            return self.tr("people.no_deadline")
        if days == 0:
            return self.tr("people.due_today")
        count = abs(days)
        if days < 0:
            key = "people.days_late_one" if count == 1 else "people.days_late"
        else:
            key = "people.days_left_one" if count == 1 else "people.days_left"
        return self.tr(key, count=self.fmt.number(count))

    def line(self, task: PersonTask) -> TaskLine:
        when = self.when(task)
        due = when
        if task.deadline:
            due = self.tr("people.due", date=self.fmt.date(task.deadline), when=when)
        deadline = self.fmt.date(task.deadline) if task.deadline else "–"
        if task.occurrence is not None and task.series is not None:
            # A running series: what is due is its next occurrence, not the series' end.
            repeat = REPEAT_LABELS[self.lang][task.series.repeat]
            occurrence = self.fmt.date(task.occurrence)
            deadline = self.tr("people.next_occurrence", date=occurrence, repeat=repeat)
            due = self.tr("people.due_next", date=occurrence, repeat=repeat, when=when)
        return TaskLine(
            activity=task.activity or self.tr("text.none"),
            role=self.role(task.role),
            campaign=task.campaign or Path(task.file).name,
            phase=PHASE_LABELS[self.lang][task.phase],
            deadline=deadline,
            when=when,
            due=due,
            where=where(task, self.settings),
            overdue=task.overdue,
        )

    def section(self, person: PersonTasks) -> PersonSection:
        summary_key = "people.summary_one" if person.open == 1 else "people.summary"
        summary = self.tr(
            summary_key,
            open=self.fmt.number(person.open),
            overdue=self.fmt.number(person.overdue),
            date=self.fmt.date(self.people.date),
        )
        return PersonSection(
            person=person.person,
            title=self.tr("people.title", person=person.person),
            summary=summary,
            lines=[self.line(task) for task in person.tasks],
            empty=None if person.tasks else self.tr("people.none"),
        )

    def sections(self, people: list[PersonTasks]) -> list[PersonSection]:
        return [self.section(person) for person in people]
