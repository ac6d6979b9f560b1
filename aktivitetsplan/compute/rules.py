"""When an activity is open, overdue or due: each rule written once, for every figure.

The report's lists (overdue, upcoming, the month's due work) and the årshjul's red
bars must call the same activities late; they did, by two copies of one line that
could drift apart. Here each rule has a vectorised form over a plan's `Table` (what
the report computes on) and, where the wheel needs one, a scalar form for one
activity. The open phases themselves come from `plan.schema.OPEN_PHASES`.

Dates compare as numpy datetime64 days: a blank date (NaT) compares False, so an
activity without a deadline is never overdue nor due.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from ..plan.schema import OPEN_PHASES
from ..plan.table import Table

_EPOCH = date(1970, 1, 1).toordinal()


def day(value: date) -> np.datetime64:
    """A date as the numpy day the table's date columns hold."""
    return np.datetime64(value, "D")


def between(values: np.ndarray, first: date, last: date) -> np.ndarray:
    """Dates in first..last, both days included (NaT: False)."""
    return (values >= day(first)) & (values <= day(last))


# --- open ------------------------------------------------------------------------------


def is_open(phase: str | None) -> bool:
    """Work not yet done: to do or in production (a distributed or cancelled activity
    is settled; an unknown status is not called open)."""
    return phase in OPEN_PHASES


def open_rows(table: Table) -> np.ndarray:
    """Boolean mask of the open activities (`is_open` per row)."""
    return table.is_in("phase", OPEN_PHASES)


# --- overdue ---------------------------------------------------------------------------


def is_overdue(deadline: date | None, phase: str | None, today: date) -> bool:
    """Open work whose deadline has passed: the deadline is before the report date."""
    return deadline is not None and deadline < today and is_open(phase)


def overdue_rows(table: Table, today: date, open_: np.ndarray | None = None) -> np.ndarray:
    """Boolean mask of the overdue activities (`is_overdue` per row); `open_` is the
    open mask when the caller has it already."""
    open_ = open_rows(table) if open_ is None else open_
    return open_ & (table["deadline"] < day(today))


def days_overdue(deadline: date, today: date) -> int:
    """Whole days from the deadline to the report date (1 the day after the deadline)."""
    return (today - deadline).days


def days_overdue_of(deadlines: np.ndarray, today: date) -> np.ndarray:
    """`days_overdue` of a datetime64 column, as int64."""
    return today.toordinal() - _EPOCH - _day_numbers(deadlines)


# --- live (readiness) ------------------------------------------------------------------

# A campaign is live when it has work in distribution, or open work due within this many
# days (issue 17): then someone must be ready to answer the leads it triggers.
LIVE_DAYS = 14


# --- due (upcoming) --------------------------------------------------------------------


def due_rows(table: Table, first: date, last: date, open_: np.ndarray | None = None) -> np.ndarray:
    """Boolean mask of the open activities due in first..last: the upcoming work, the
    month's open work and next month's."""
    open_ = open_rows(table) if open_ is None else open_
    return open_ & between(table["deadline"], first, last)


def upcoming_rows(
    table: Table, today: date, days: int, open_: np.ndarray | None = None
) -> np.ndarray:
    """Boolean mask of the open activities due from the report date to `days` ahead."""
    return due_rows(table, today, today + timedelta(days=days), open_)


def days_left_of(deadlines: np.ndarray, today: date) -> np.ndarray:
    """Whole days from the report date to each deadline (0 on the day), as int64."""
    return _day_numbers(deadlines) - (today.toordinal() - _EPOCH)


def _day_numbers(values: np.ndarray) -> np.ndarray:
    """Whole days since 1970-01-01 of a datetime64 column."""
    return values.astype("datetime64[D]").astype("int64")
