"""The calendar of the årshjul: ISO weeks, public and school holidays, angles.

Pure computation, no I/O; `wheel.build_year` lays a year's activities over it. Month
names are language text: `Formatter.month_names()` (i18n/fmt.py) gives them. The
**week grid** of the workbook has one column per ISO week of the ISO year (week 1
holds the first Thursday, so 2026 has 53 weeks and starts on Monday 29.12.2025); a
week belongs to the month of its Thursday, the same rule that puts it in its ISO
year. The **wheel** runs over the calendar year 1.1.–31.12. at an even pace, January
at twelve o'clock; its week ticks are the ISO weeks that touch the calendar year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

HOLIDAY_LANGUAGES = {"nb": "no", "en": "en_US"}
SCHOOL_HOLIDAYS = ("winter", "easter", "autumn", "christmas")


# --- weeks and holidays ----------------------------------------------------------------


def weeks_in_year(year: int) -> int:
    """52 or 53: 28 December is always in the last ISO week of its year."""
    return date(year, 12, 28).isocalendar().week


def easter_sunday(year: int) -> date:
    """Easter Sunday (Gregorian; the anonymous algorithm in Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def school_holiday(monday: date) -> str | None:
    """The common school holiday of the week starting `monday`, if any.

    Norwegian municipalities differ, so these are the usual weeks: vinterferie in
    week 8 or 9, påskeferie in the week before Easter Sunday, høstferie in week
    40 or 41, and juleferie in the weeks holding 24.12.–1.1.
    """
    iso = monday.isocalendar()
    if iso.week in (8, 9):
        return "winter"
    if iso.week in (40, 41):
        return "autumn"
    sunday = monday + timedelta(days=6)
    if monday <= easter_sunday(iso.year) <= sunday:
        return "easter"
    for day in (monday + timedelta(days=n) for n in range(7)):
        if (day.month == 12 and day.day >= 24) or (day.month == 1 and day.day == 1):
            return "christmas"
    return None


@lru_cache(maxsize=64)
def _holidays(years: tuple[int, ...], language: str) -> tuple[tuple[date, str], ...]:
    import holidays

    found = holidays.country_holidays(
        "NO", years=years, language=HOLIDAY_LANGUAGES.get(language, "no")
    )
    days: list[tuple[date, str]] = []
    for day, names in sorted(found.items()):
        for name in str(names).split("; "):
            days.append((day, name))
    return tuple(days)


def public_holidays(first: date, last: date, language: str = "nb") -> list[tuple[date, str]]:
    """Norwegian public holidays from `first` to `last` (two names on one day: two entries)."""
    years = tuple(range(first.year, last.year + 1))
    return [(day, name) for day, name in _holidays(years, language) if first <= day <= last]


@dataclass(frozen=True)
class Week:
    """One ISO week: its number, Monday to Sunday, month (of its Thursday), holidays."""

    iso_year: int
    number: int
    monday: date
    month: int
    holidays: tuple[tuple[date, str], ...] = ()
    school: str | None = None

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def thursday(self) -> date:
        return self.monday + timedelta(days=3)

    def contains(self, day: date) -> bool:
        return self.monday <= day <= self.sunday


@dataclass(frozen=True)
class MonthSpan:
    """A month over the week grid: 0-based indexes of its first and last week column."""

    month: int
    first: int
    last: int

    @property
    def weeks(self) -> int:
        return self.last - self.first + 1


def make_week(monday: date, language: str = "nb") -> Week:
    iso = monday.isocalendar()
    holidays = tuple(public_holidays(monday, monday + timedelta(days=6), language))
    return Week(
        iso_year=iso.year,
        number=iso.week,
        monday=monday,
        month=(monday + timedelta(days=3)).month,
        holidays=holidays,
        school=school_holiday(monday),
    )


def week_grid(year: int, language: str = "nb") -> tuple[Week, ...]:
    """The week columns of the workbook: ISO weeks 1–52/53 of ISO year `year`."""
    first = date.fromisocalendar(year, 1, 1)
    return tuple(
        make_week(first + timedelta(weeks=n), language) for n in range(weeks_in_year(year))
    )


def wheel_weeks(year: int, language: str = "nb") -> tuple[Week, ...]:
    """The ISO weeks that touch the calendar year (the wheel's week ticks), in order."""
    jan1 = date(year, 1, 1)
    monday = jan1 - timedelta(days=jan1.weekday())
    weeks = []
    while monday <= date(year, 12, 31):
        weeks.append(make_week(monday, language))
        monday += timedelta(weeks=1)
    return tuple(weeks)


def month_spans(weeks: Sequence[Week]) -> tuple[MonthSpan, ...]:
    """Each month's run of week columns (a week counts for the month of its Thursday)."""
    spans: list[MonthSpan] = []
    for index, week in enumerate(weeks):
        if spans and spans[-1].month == week.month:
            spans[-1] = MonthSpan(week.month, spans[-1].first, index)
        else:
            spans.append(MonthSpan(week.month, index, index))
    return tuple(spans)


def week_index(weeks: Sequence[Week], day: date) -> int | None:
    """The 0-based column of the week holding `day`, or None outside the grid."""
    if not weeks or not weeks[0].monday <= day <= weeks[-1].sunday:
        return None
    return (day - weeks[0].monday).days // 7


def days_in_year(year: int) -> int:
    return (date(year + 1, 1, 1) - date(year, 1, 1)).days


def angle_of(day: date, year: int) -> float:
    """Degrees clockwise from twelve o'clock at the start of `day` (1.1. → 0, 1.1. next year → 360)."""
    return 360.0 * (day - date(year, 1, 1)).days / days_in_year(year)
