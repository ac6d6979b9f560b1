"""Recurring activities: the dates a `Gjentas` series falls on, computed once for all.

A row with `Gjentas` set and a `Start` is a series: `Start` is the first occurrence,
`Frist` (else the campaign's `Slutt`) ends it; with neither, it runs on. The dates come
from `dateutil.rrule`, the same recurrence rules RFC 5545 calendars expand, so the
wheel, the lists and an imported calendar agree on every date, including the month
ends (a monthly series from the 31st skips the months without one, as Outlook does).

An occurrence is never a deadline: a running series is late only when its end has
passed with the work still open (`rules.is_overdue` on `Frist`, unchanged); the lists
show the next occurrence as what is due next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import numpy as np
from dateutil.rrule import MONTHLY, WEEKLY, YEARLY, rrule

from ..plan.model import Plan
from ..plan.table import Table

# Repeat key → (rrule frequency, interval): the schema's `REPEATS`.
FREQUENCIES: dict[str, tuple[int, int]] = {
    "weekly": (WEEKLY, 1),
    "biweekly": (WEEKLY, 2),
    "monthly": (MONTHLY, 1),
    "quarterly": (MONTHLY, 3),
    "yearly": (YEARLY, 1),
}
_ICAL_FREQ = {WEEKLY: "WEEKLY", MONTHLY: "MONTHLY", YEARLY: "YEARLY"}


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time())


@dataclass(frozen=True)
class Series:
    """One recurring activity: how often, its first occurrence and its last day."""

    repeat: str
    start: date
    until: date | None  # the series end (inclusive); None when nothing ends it

    def rule(self) -> rrule:
        freq, interval = FREQUENCIES[self.repeat]
        until = _midnight(self.until) if self.until else None
        return rrule(freq, interval=interval, dtstart=_midnight(self.start), until=until)

    def occurrences(self, first: date | None = None, last: date | None = None) -> list[date]:
        """The occurrences in first..last (both included; open ends: the whole series,
        which must then have an end)."""
        if last is None and self.until is None:
            raise ValueError("an open-ended series has no last occurrence")
        rule = self.rule()
        if first is None and last is None:
            return [moment.date() for moment in rule]
        low = _midnight(first or self.start)
        high = _midnight(last) if last else _midnight(self.until or self.start)
        return [moment.date() for moment in rule.between(low, high, inc=True)]

    def next_occurrence(self, on_or_after: date) -> date | None:
        """The first occurrence on or after the day; None when the series has ended."""
        moment = self.rule().after(_midnight(on_or_after), inc=True)
        return moment.date() if moment else None

    def ical(self) -> dict[str, Any]:
        """The series as an RFC 5545 RRULE, in icalendar's `vRecur` form."""
        freq, interval = FREQUENCIES[self.repeat]
        rule: dict[str, Any] = {"freq": _ICAL_FREQ[freq]}
        if interval != 1:
            rule["interval"] = interval
        if self.until:
            rule["until"] = self.until
        return rule


def series_of(
    repeat: str | None, start: date | None, deadline: date | None, campaign_end: date | None
) -> Series | None:
    """The series of one row, or None when it does not repeat (no `Gjentas`, or no
    `Start` to begin from). The end is `Frist`, else the campaign's `Slutt`."""
    if repeat not in FREQUENCIES or start is None:
        return None
    until = deadline or campaign_end
    if until is not None and until < start:  # the reader flags it; the series is its start
        until = start
    return Series(repeat, start, until)


def occurrences(start: date, until: date, repeat: str) -> list[date]:
    """Every occurrence of a series from `start` to `until` (both included)."""
    return Series(repeat, start, until).occurrences()


def next_occurrence(start: date, until: date | None, repeat: str, after: date) -> date | None:
    """The first occurrence of the series on or after `after`, None when it has ended."""
    return Series(repeat, start, until).next_occurrence(after)


def _date(value: np.datetime64) -> date | None:
    return None if np.isnat(value) else value.astype("datetime64[D]").astype(date)


def table_series(table: Table, campaign_end: date | None) -> dict[int, Series]:
    """The series of a plan's table, by row position (only the rows that repeat)."""
    if not len(table):
        return {}
    repeats = table["repeat"]
    found = {}
    for index in np.flatnonzero(~table.blank("repeat")).tolist():
        series = series_of(
            repeats[index],
            _date(table["start"][index]),
            _date(table["deadline"][index]),
            campaign_end,
        )
        if series is not None:
            found[index] = series
    return found


def campaign_end(plan: Plan) -> date | None:
    """The campaign's `Slutt` of a plan, when it was read as a date."""
    end = plan.campaign.get("end")
    return end if isinstance(end, date) else None
