"""The activities of a year for the årshjul: in rings, in lanes, late or not.

Pure computation, no I/O. The calendar they are laid over (ISO weeks, holidays, the
wheel's angles) is `weeks.py`; its names are offered here too, for the wheel's
writers. Two views of one year:

- The **week grid** of the workbook: one column per ISO week of the ISO year
  (week 1 holds the first Thursday, so 2026 has 53 weeks and starts on Monday
  29.12.2025). A week belongs to the month of its Thursday, the same rule that
  puts it in its ISO year, so every month spans 4 or 5 whole week columns.
- The **wheel**: the calendar year 1.1.–31.12. at an even pace around the
  circle, January at twelve o'clock. Its week ticks are the ISO weeks that
  touch the calendar year (2027 starts with the last days of week 53 of 2026).

An activity belongs to the year when any of its days falls in 1.1.–31.12.; it
is drawn from Start to Frist, clipped to the year. An activity with only one of
the two dates takes that date's week (Monday to Sunday). Activities in the same
ring that overlap in time get separate lanes (interval partitioning, greedy by
start), so none hides another. An activity is late by `rules.is_overdue`, the
report's own rule.

A recurring activity (`Gjentas`) is drawn once per occurrence in the year, each on its
own day (`recurrence.Series`); it is late by its series' end, like any activity. The
counts (phases, late) count it once.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from ..errors import InputError
from ..i18n import Translator
from ..plan.schema import PHASE_LABELS, TYPE_LABELS, TYPES, fold
from ..settings import Settings
from .recurrence import campaign_end, table_series
from .rules import days_overdue, is_overdue
from .weeks import (
    HOLIDAY_LANGUAGES,
    SCHOOL_HOLIDAYS,
    MonthSpan,
    Week,
    angle_of,
    days_in_year,
    easter_sunday,
    make_week,
    month_spans,
    public_holidays,
    school_holiday,
    week_grid,
    week_index,
    weeks_in_year,
    wheel_weeks,
)

# --- options ---------------------------------------------------------------------------

# `--ring` values (Norwegian, as typed on the command line) → activity column.
RING_CHOICES = {"type": "type", "kanal": "channel", "ansvarlig": "responsible"}
RINGS = tuple(RING_CHOICES.values())
MIN_YEAR, MAX_YEAR = 2000, 2100


def default_template_year(today: date) -> int:
    """The year a blank årshjul is for: next year from October on, else this year."""
    return today.year + 1 if today.month >= 10 else today.year


def parse_year(value: str | int | None, tr: Translator, option: str = "--år") -> int | None:
    """A year option (`2027`); InputError in the user's language for anything else."""
    if value is None:
        return None
    text = str(value).strip()
    if text.isdigit() and MIN_YEAR <= int(text) <= MAX_YEAR:
        return int(text)
    raise InputError(
        tr("wheel.bad_year", value=value, option=option, first=MIN_YEAR, last=MAX_YEAR)
    )


# --- the activities of the year --------------------------------------------------------


@dataclass(frozen=True)
class WheelActivity:
    """One activity on the wheel: where it comes from, its ring, its span and lane."""

    file: str
    sheet: str
    row: int
    plan: str
    activity: str
    ring: str  # the ring key (a type key, or a folded channel/person; "" for not set)
    type: str | None
    channel: str | None
    responsible: str | None
    status: str | None
    phase: str
    planned_start: date | None  # as written in the plan
    deadline: date | None
    first: date  # the whole span: Start (or the week of the only date) to Frist
    last: date
    start: date  # the span clipped to the year: what is drawn
    end: date
    overdue: bool
    days_overdue: int
    lane: int = 0
    repeat: str | None = None  # a recurring activity: each occurrence is drawn on its own
    occurrence: date | None = None  # the day of this occurrence (first = last = it)

    @property
    def source(self) -> tuple[str, str, int]:
        """The plan row it comes from: the occurrences of one series share it."""
        return (self.file, self.sheet, self.row)

    @property
    def clipped_before(self) -> bool:
        return self.first < self.start

    @property
    def clipped_after(self) -> bool:
        return self.last > self.end


@dataclass
class Ring:
    """One ring of the wheel: a group (a type, channel or person) and its lanes."""

    key: str
    label: str
    activities: list[WheelActivity] = field(default_factory=list)

    @property
    def lanes(self) -> int:
        return 1 + max((a.lane for a in self.activities), default=-1)


@dataclass
class WheelYear:
    """Everything the workbook and the SVG draw for one year.

    It carries the `settings` it was built with, so every renderer writes in the user's
    language with the user's translator and formatter (`settings.tr`, `settings.fmt`)
    instead of making its own from a bare language code and dropping the rest.
    """

    year: int
    today: date  # the report date the wheel was built for (settings.today(), fixed once)
    ring_by: str
    settings: Settings
    rings: list[Ring]
    holidays: list[tuple[date, str]]
    weeks: tuple[Week, ...]  # the wheel's weeks (touching the calendar year)
    grid: tuple[Week, ...]  # the workbook's week columns (ISO year)
    plans: int = 0
    outside: int = 0  # activities entirely before or after the year
    undated: int = 0  # activities with neither Start nor Frist
    categories: list[str] = field(default_factory=list)  # the workbook's Kategori list

    @property
    def activities(self) -> list[WheelActivity]:
        return [a for ring in self.rings for a in ring.activities]

    @property
    def left_out(self) -> int:
        return self.outside + self.undated

    def distinct(self) -> list[WheelActivity]:
        """One item per plan row: a series' occurrences count as one activity."""
        return list({a.source: a for a in self.activities}.values())

    def phase_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(PHASE_LABELS["nb"], 0)
        for activity in self.distinct():
            counts[activity.phase] = counts.get(activity.phase, 0) + 1
        return counts

    @property
    def overdue(self) -> int:
        return sum(1 for a in self.distinct() if a.overdue)


def assign_lanes(activities: Iterable[WheelActivity]) -> list[WheelActivity]:
    """Interval partitioning, greedy by start: each activity takes the lowest free lane.

    A lane is free for an activity when its last occupant ended before the
    activity starts (dates are inclusive). The number of lanes is the largest
    number of activities running on one day, the fewest possible.
    """
    ordered = sorted(activities, key=lambda a: (a.start, -a.end.toordinal(), fold(a.activity)))
    # Starts only grow, so a lane whose occupant ended before this start stays free for
    # every later one: the busy lanes wait in a heap by end, the freed ones in a heap by
    # number, and the lowest free lane is the top of the second (n log n, not n × lanes).
    busy: list[tuple[date, int]] = []
    free: list[int] = []
    lanes = 0
    placed = []
    for activity in ordered:
        while busy and busy[0][0] < activity.start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            lane = heapq.heappop(free)
        else:
            lane, lanes = lanes, lanes + 1
        heapq.heappush(busy, (activity.end, lane))
        placed.append(replace(activity, lane=lane))
    return placed


def _date(value: object) -> date | None:
    """A table value (date, datetime, NaT, None) as a date."""
    if value is None or value != value:  # NaT and NaN are not equal to themselves
        return None
    if isinstance(value, datetime):  # pandas.Timestamp too
        return value.date()
    return value if isinstance(value, date) else None


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def activity_span(start: date | None, deadline: date | None) -> tuple[date, date] | None:
    """Start to Frist; one date alone stands for its week; None without dates."""
    if start and deadline:
        return (start, deadline) if start <= deadline else (deadline, start)
    only = start or deadline
    if only is None:
        return None
    monday = only - timedelta(days=only.weekday())
    return monday, monday + timedelta(days=6)


class _RingKeys:
    """Turns an activity's type/channel/person into a ring key and label."""

    def __init__(self, ring_by: str, settings: Settings) -> None:
        self.ring_by, self.settings = ring_by, settings
        self.labels: dict[str, str] = {}

    def key(self, value: str | None) -> str:
        if value is None:
            self.labels.setdefault("", self.settings.tr(f"wheel.ring.none.{self.ring_by}"))
            return ""
        if self.ring_by == "type" and value in TYPES:
            self.labels.setdefault(value, TYPE_LABELS[self.settings.language][value])
            return value
        key = fold(value)
        self.labels.setdefault(key, value)
        return key


def _ring_order(ring_by: str, labels: dict[str, str], settings: Settings) -> list[tuple[str, str]]:
    """Rings from the inside out: the motor (programs) in the middle."""
    if ring_by == "type":
        known = [*TYPES, *(fold(t) for t in settings.types or ())]
        for key in TYPES:
            labels.setdefault(key, TYPE_LABELS[settings.language][key])
    elif ring_by == "channel":
        known = [fold(c) for c in settings.channel_list()]
    else:
        known = [fold(p) for p in settings.people]
    order = [k for k in dict.fromkeys(known) if k in labels]
    rest = sorted((k for k in labels if k not in order and k != ""), key=lambda k: fold(labels[k]))
    order += rest
    if "" in labels:
        order.append("")
    return [(k, labels[k]) for k in order]


def build_year(plans, settings: Settings, *, year: int, ring: str = "type") -> WheelYear:
    """The activities of `year` from the plans, in rings and lanes (`ring`: type, channel
    or responsible), as of the report date."""
    lang, today = settings.language, settings.today()
    if ring not in RINGS:
        raise ValueError(ring)
    ring_by = ring
    first_day, last_day = date(year, 1, 1), date(year, 12, 31)
    keys = _RingKeys(ring_by, settings)
    by_ring: dict[str, list[WheelActivity]] = {}
    outside = undated = 0
    used_plans: set[tuple[str, str]] = set()
    for plan in plans:
        table = plan.table
        if len(table) == 0:
            continue
        columns = ["row", "activity", "type", "channel", "responsible", "start", "deadline"]
        columns += ["status", "phase"]
        every = table_series(table, campaign_end(plan))
        for index, (row, name, kind, channel, person, start, deadline, status, phase) in enumerate(
            zip(*(table[c].tolist() for c in columns), strict=True)
        ):
            start, deadline = _date(start), _date(deadline)
            series = every.get(index)
            span = activity_span(start, deadline)
            if series is not None:
                span = (series.start, series.until or last_day)
            if span is None:
                undated += 1
                continue
            if span[1] < first_day or span[0] > last_day:
                outside += 1
                continue
            phase = str(phase) if phase is not None else "todo"
            late = is_overdue(deadline, phase, today)
            value = {"type": kind, "channel": channel, "responsible": person}[ring_by]
            ring = keys.key(_text(value))
            used_plans.add((plan.file, plan.sheet))
            item = WheelActivity(
                file=plan.file,
                sheet=plan.sheet,
                row=int(row),
                plan=str(plan.name),
                activity=str(name),
                ring=ring,
                type=_text(kind),
                channel=_text(channel),
                responsible=_text(person),
                status=_text(status),
                phase=phase,
                planned_start=start,
                deadline=deadline,
                first=span[0],
                last=span[1],
                start=max(span[0], first_day),
                end=min(span[1], last_day),
                overdue=late,
                days_overdue=days_overdue(deadline, today) if late else 0,
            )
            if series is None:
                by_ring.setdefault(ring, []).append(item)
                continue
            by_ring.setdefault(ring, []).extend(
                replace(
                    item,
                    first=day,
                    last=day,
                    start=day,
                    end=day,
                    repeat=series.repeat,
                    occurrence=day,
                )
                for day in series.occurrences(first_day, last_day)
            )
    rings = [
        Ring(key, label, assign_lanes(by_ring.get(key, [])))
        for key, label in _ring_order(ring_by, keys.labels, settings)
    ]
    categories = [r.label for r in rings if r.key]
    if ring_by == "type":
        folded = {fold(c) for c in categories}
        categories += [c for c in settings.category_list() if fold(c) not in folded]
    return WheelYear(
        year=year,
        today=today,
        ring_by=ring_by,
        settings=settings,
        rings=rings,
        holidays=public_holidays(first_day, last_day, lang),
        weeks=wheel_weeks(year, lang),
        grid=week_grid(year, lang),
        plans=len(used_plans),
        outside=outside,
        undated=undated,
        categories=categories,
    )


__all__ = [
    "HOLIDAY_LANGUAGES",
    "MAX_YEAR",
    "MIN_YEAR",
    "RINGS",
    "RING_CHOICES",
    "SCHOOL_HOLIDAYS",
    "MonthSpan",
    "Ring",
    "Week",
    "WheelActivity",
    "WheelYear",
    "activity_span",
    "angle_of",
    "assign_lanes",
    "build_year",
    "days_in_year",
    "default_template_year",
    "easter_sunday",
    "make_week",
    "month_spans",
    "parse_year",
    "public_holidays",
    "school_holiday",
    "week_grid",
    "week_index",
    "weeks_in_year",
    "wheel_weeks",
]
