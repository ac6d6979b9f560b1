"""Next year's plan from this year's (`aktplan nytt-år`): which dates, rows and values.

Pure: a read `Plan` in, the values of the new plan out; writing them is the
workbook layer's (`workbooks/fill.py`). The rules:

- Every date keeps its ISO week and weekday (Tuesday of week 12 stays Tuesday of week
  12), because plans are made in weeks: the newsletter goes out on Tuesdays, the fair
  is in week 11. The ISO year moves by the years between the plan's year and the new
  one, so a preparation in December before the plan's year moves along with it.
- Week 53 in a year that has none becomes week 52 (listed).
- A date that then falls on a Norwegian public holiday (the `holidays` package, as the
  årshjul uses) moves to the next working day (listed): the same weekday in the same
  week can be 17 May or Easter Monday next year.
- Statuses start again at the first phase, cost, result, comment, decision and digital
  tail are cleared, budgets, hypotheses, readiness and everything else are kept;
  cancelled activities are left out (listed).

The campaign period moves by the same rule, so activities stay where they were in it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from ..plan.model import Plan
from ..plan.schema import CAMPAIGN_FIELDS, COLUMNS, PHASE_LABELS, REPEAT_LABELS
from .weeks import public_holidays, weeks_in_year

# What happened this year, not a plan for the next: an experiment's decision and the
# tail an activity left are this year's outcome too (its hypothesis is the plan: kept).
CLEARED = ("cost", "result", "comment", "decision", "tail")
DATE_KEYS = tuple(c.key for c in COLUMNS if c.kind == "date")
CAMPAIGN_DATE_KEYS = tuple(f.key for f in CAMPAIGN_FIELDS if f.kind == "date")


@dataclass(frozen=True)
class Where:
    """Which date: an activity's (`row`, `id`, `activity`) or the campaign's (`row` 0)."""

    row: int
    id: str | None
    activity: str | None
    key: str  # the column or campaign field key: start | deadline | end


@dataclass(frozen=True)
class Moved:
    """One date moved to the new year: the old date, the new one and why it differs
    from the same ISO week and weekday (`holiday`: the holiday's name; `week53`)."""

    old: date
    new: date
    holiday: str | None = None
    holiday_day: date | None = None  # the holiday the date first landed on
    week53: bool = False


@dataclass(frozen=True)
class Note:
    """A date the summary lists: where it is and how it moved."""

    where: Where
    moved: Moved


@dataclass(frozen=True)
class NextYear:
    """Next year's plan from one plan: the values to fill a fresh template with."""

    file: str
    sheet: str
    source_year: int
    year: int
    campaign: dict[str, object]
    rows: tuple[dict[str, object], ...]
    holidays: tuple[Note, ...]  # dates moved off a public holiday
    week53: tuple[Note, ...]  # dates in week 53 moved to week 52
    left_out: tuple[Where, ...]  # the cancelled activities (key: "status")


def plan_year(plan: Plan, today: date) -> int:
    """The year a plan is for: its period's start (else end), else the year most of its
    activity dates fall in (the earliest on a tie), else the report date's."""
    for key in CAMPAIGN_DATE_KEYS:
        value = plan.campaign.get(key)
        if isinstance(value, date):
            return value.year
    years: Counter[int] = Counter()
    for key in DATE_KEYS:
        for day in _dates(plan.table[key]):
            if day is not None:
                years[day.year] += 1
    if years:
        return min(years, key=lambda year: (-years[year], year))
    return today.year


def working_day(day: date, language: str = "nb") -> tuple[date, str | None, date | None]:
    """`day`, or the next working day when `day` is a public holiday.

    Returns the day, the name of the holiday it was moved off (None when not moved)
    and that holiday's date. A day after a holiday is skipped over when it is a
    Saturday, a Sunday or a holiday too (Easter Monday after Easter Sunday).
    """
    holiday = _holiday(day, language)
    if holiday is None:
        return day, None, None
    moved = day + timedelta(days=1)
    while moved.weekday() >= 5 or _holiday(moved, language) is not None:
        moved += timedelta(days=1)
    return moved, holiday, day


def move_date(day: date, years: int, language: str = "nb") -> Moved:
    """`day` moved `years` ISO years on: same ISO week and weekday, week 53 → 52 when
    the new year has no week 53, then off a public holiday."""
    iso = day.isocalendar()
    year, week = iso.year + years, iso.week
    week53 = week == 53 and weeks_in_year(year) == 52
    if week53:
        week = 52
    same = date.fromisocalendar(year, week, iso.weekday)
    new, holiday, holiday_day = working_day(same, language)
    return Moved(day, new, holiday, holiday_day, week53)


def next_year(plan: Plan, language: str, today: date, year: int | None = None) -> NextYear:
    """Next year's plan (or year `year`'s) from `plan`, in `language`'s status names."""
    source = plan_year(plan, today)
    target = source + 1 if year is None else year
    years = target - source
    holidays: list[Note] = []
    week53: list[Note] = []

    def moved(day: date, where: Where) -> date:
        result = move_date(day, years, language)
        if result.holiday:
            holidays.append(Note(where, result))
        if result.week53:
            week53.append(Note(where, result))
        return result.new

    campaign = dict(plan.campaign)
    for key in CAMPAIGN_DATE_KEYS:
        value = campaign.get(key)
        if isinstance(value, date):
            campaign[key] = moved(value, Where(0, None, None, key))
    todo = PHASE_LABELS[language]["todo"]
    table = plan.table
    values = {c.key: _values(table[c.key]) for c in COLUMNS}
    labels = REPEAT_LABELS[language]  # `Gjentas` as the new plan's dropdown offers it
    values["repeat"] = [None if key is None else labels[key] for key in values["repeat"]]
    rows: list[dict[str, object]] = []
    left_out: list[Where] = []
    for index, phase in enumerate(table["phase"].tolist()):
        row = {key: column[index] for key, column in values.items()}
        row_number = int(table["row"][index])
        label = (row_number, _text(row["id"]), _text(row["activity"]))
        if phase == "cancelled":
            left_out.append(Where(*label, "status"))
            continue
        for key in DATE_KEYS:
            if isinstance(row[key], date):
                row[key] = moved(row[key], Where(*label, key))
        for key in CLEARED:
            row[key] = None
        row["status"] = todo
        rows.append(row)
    return NextYear(
        file=plan.file,
        sheet=plan.sheet,
        source_year=source,
        year=target,
        campaign=campaign,
        rows=tuple(rows),
        holidays=tuple(holidays),
        week53=tuple(week53),
        left_out=tuple(left_out),
    )


def _holiday(day: date, language: str) -> str | None:
    names = [name for _day, name in public_holidays(day, day, language)]
    return " / ".join(names) if names else None


def _dates(array: np.ndarray) -> list[date | None]:
    return [None if np.isnat(value) else value.astype(object) for value in array]


def _values(array: np.ndarray) -> list[object]:
    """A table column as the cell values to write: dates, numbers, text; None for blank."""
    if array.dtype.kind == "M":
        return _dates(array)
    if array.dtype.kind == "f":
        return [None if np.isnan(value) else _number(float(value)) for value in array]
    return array.tolist()


def _number(value: float) -> int | float:
    """5.0 → 5: a whole number is written as one, as it was typed."""
    return int(value) if value.is_integer() else value


def _text(value: object) -> str | None:
    return None if value is None else str(value)
