"""Dates as people type them: `15.3.2026`, `15. mars`, `uke 12`, `2026-W14`, Excel serials.

A date without a year, and a week, takes its year from the plan's period or the report
date (`DateContext`); the reader notes the year it chose at the cell.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .problem import Problem, error, info, show, warning
from .schema import fold

# --- dates ------------------------------------------------------------------------

MONTHS = {
    "januar": 1, "jan": 1, "january": 1,
    "februar": 2, "feb": 2, "february": 2,
    "mars": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "desember": 12, "des": 12, "december": 12, "dec": 12,
}  # fmt: skip

_DMY = re.compile(r"^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4}|\d{2})$")
_DMY_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY_TIME = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?$")
_NAMED = re.compile(r"^(\d{1,2})\.?\s*([a-zæøå]+)\.?,?\s*(\d{4})$")
_NAMED_EN = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_WEEKDAY = re.compile(
    r"^(mandag|tirsdag|onsdag|torsdag|fredag|lordag|sondag|man|tir|ons|tor|fre|lor|son)\.?,?\s+"
)
# Without a year (the text is folded: a trailing "." is gone, å is a, ø is o).
_DM = re.compile(r"^(\d{1,2})\s*[./]\s*(\d{1,2})$")
_NAMED_DM = re.compile(r"^(\d{1,2})\.?\s*([a-z]+)$")
_NAMED_MD = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?$")
_WEEK = re.compile(r"^(?:uke|u|week|wk|w)\s*\.?\s*(\d{1,3})(?:\s*[\s/,]\s*(\d{4}))?$")
_YEAR_WEEK = re.compile(r"^(\d{4})\s*-?\s*w\s*(\d{1,3})$")  # ISO 2026-W14
_FLOAT_DM = re.compile(r"^(\d{1,2})\.(\d{1,2})$")

# Excel serial day numbers that plausibly are dates (1995-01-01 .. 2099-12-31).
_SERIAL_MIN, _SERIAL_MAX = 34700, 73415
_EXCEL_EPOCH = date(1899, 12, 30)


def _make_date(year: int, month: int, day: int, raw: object) -> tuple[date | None, Problem | None]:
    if year < 100:
        year += 2000
    try:
        return date(year, month, day), None
    except ValueError:
        return None, error("value.bad_date", value=show(raw))


@dataclass(frozen=True)
class DateContext:
    """What a date without a year is read against: the plan's period and the report date."""

    today: date
    period_start: date | None = None
    period_end: date | None = None

    def year_for(self, candidate: Callable[[int], date | None]) -> date | None:
        """`candidate(year)` in the year that puts it inside the period (the one nearest
        `today` when several do); with no period, or none fitting, the one nearest `today`
        of last year, this year and next year. None when none of those years has the date
        (29 February, ISO week 53). A tie goes to the later date."""
        start, end = _day(self.period_start), _day(self.period_end)
        if start is not None and end is not None and start <= end:
            centre = min(max(self.today.year, start.year), end.year)
            years = range(max(start.year, centre - 8), min(end.year, centre + 8) + 1)
            found = self._nearest(candidate, years, start, end)
            if found is not None:
                return found
        years = range(self.today.year - 1, self.today.year + 2)
        return self._nearest(candidate, years, date.min, date.max)

    def _nearest(
        self, candidate: Callable[[int], date | None], years: range, start: date, end: date
    ) -> date | None:
        best: date | None = None
        for year in years:
            if not 1 <= year <= 9999:
                continue
            found = candidate(year)
            if found is None or not start <= found <= end:
                continue
            today = _day(self.today)
            if best is None or abs((found - today).days) <= abs((best - today).days):
                best = found
        return best


def _day(value: object) -> date | None:
    """A date as a plain date (a datetime loses its time); anything else None."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _day_month(day: int, month: int) -> Callable[[int], date | None]:
    def candidate(year: int) -> date | None:
        try:
            return date(year, month, day)
        except ValueError:
            return None

    return candidate


def _iso_week(week: int, weekday: int) -> Callable[[int], date | None]:
    def candidate(year: int) -> date | None:
        try:
            return date.fromisocalendar(year, week, weekday)
        except ValueError:
            return None

    return candidate


def _without_year(
    day: int, month: int, raw: object, context: DateContext
) -> tuple[date | None, Problem | None]:
    """`day.month` in the year `context` picks, with a merknad naming it."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None, error("value.bad_date", value=show(raw))
    value = context.year_for(_day_month(day, month))
    if value is None:
        return None, error("value.bad_date", value=show(raw))
    return value, info("value.assumed_year", value=show(raw), date=value)


def _week(
    week: int, year: int | None, raw: object, context: DateContext, role: str
) -> tuple[date | None, Problem | None]:
    """An ISO week: a start is its Monday, anything else its Friday."""
    candidate = _iso_week(week, 1 if role == "start" else 5)
    if not 1 <= week <= 53:
        return None, error("value.bad_week", value=show(raw))
    if year is not None:
        value = candidate(year)
        if value is None:
            return None, error("value.bad_week", value=show(raw))
        return value, info("value.week", value=show(raw), date=value, week=week)
    value = context.year_for(candidate)
    if value is None:
        return None, error("value.bad_week", value=show(raw))
    return value, info("value.week_assumed_year", value=show(raw), date=value, week=week)


def _float_as_day_month(
    raw: float, context: DateContext
) -> tuple[date | None, Problem | None] | None:
    """A number such as 15.3 typed where `d.m` was meant; None when it is no such thing."""
    match = _FLOAT_DM.match(repr(raw))
    if not match:
        return None
    day, month = int(match[1]), int(match[2])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    if match[2] == "1":  # 1.10 is stored as 1.1: January or October?
        return None, error("value.ambiguous_date", value=show(raw), day=day)
    return _without_year(day, month, raw, context)


def parse_date(
    raw: object, context: DateContext | None = None, *, role: str = "deadline"
) -> tuple[date | None, Problem | None]:
    """A date cell, or text `d.m.yyyy`, `d.m.yy`, `yyyy-mm-dd`, `d/m/yyyy`, `15. mars 2026`.

    Day-first always: `03/04/2026` is 3 April, never March 4. Without a year (`15.3`,
    `1. april`) or as a week (`uke 14`: its Friday, or its Monday when `role` is
    `start`) the year is the one `context` picks, with a merknad (`info`) saying so.
    """
    if raw is None or raw == "":
        return None, None
    if isinstance(raw, datetime):
        return raw.date(), None
    if isinstance(raw, date):
        return raw, None
    if isinstance(raw, bool):
        return None, error("value.bad_date", value=show(raw))
    if context is None:
        context = DateContext(date.today())
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not math.isfinite(raw):
            return None, error("value.bad_date", value=show(raw))
        if _SERIAL_MIN <= raw <= _SERIAL_MAX:
            value = _EXCEL_EPOCH + timedelta(days=int(raw))
            return value, warning("value.serial_date", value=show(raw), date=value.isoformat())
        if isinstance(raw, float) and not raw.is_integer():
            read = _float_as_day_month(raw, context)
            if read is not None:
                return read
        return None, error("value.number_as_date", value=show(raw))
    if isinstance(raw, (time, timedelta)):
        return None, error("value.bad_date", value=show(raw))
    text = fold(str(raw)) if isinstance(raw, str) else ""
    if not text or text == "-":
        return None, None
    text = _WEEKDAY.sub("", text.translate(str.maketrans("", "", "\u200b")))
    if match := _ISO.match(text):
        return _make_date(int(match[1]), int(match[2]), int(match[3]), raw)
    if match := (_DMY.match(text) or _DMY_SLASH.match(text) or _DMY_TIME.match(text)):
        return _make_date(int(match[3]), int(match[2]), int(match[1]), raw)
    if match := _NAMED.match(text):
        month = MONTHS.get(match[2].translate(str.maketrans("", "", ".")))
        if month:
            return _make_date(int(match[3]), month, int(match[1]), raw)
    if match := _NAMED_EN.match(text):
        month = MONTHS.get(match[1])
        if month:
            return _make_date(int(match[3]), month, int(match[2]), raw)
    if match := _DM.match(text):
        return _without_year(int(match[1]), int(match[2]), raw, context)
    if (match := _NAMED_DM.match(text)) and (month := MONTHS.get(match[2])):
        return _without_year(int(match[1]), month, raw, context)
    if (match := _NAMED_MD.match(text)) and (month := MONTHS.get(match[1])):
        return _without_year(int(match[2]), month, raw, context)
    if match := _WEEK.match(text):
        year = int(match[2]) if match[2] else None
        return _week(int(match[1]), year, raw, context, role)
    if match := _YEAR_WEEK.match(text):
        return _week(int(match[2]), int(match[1]), raw, context, role)
    return None, error("value.bad_date", value=show(raw))
