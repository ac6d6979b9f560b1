"""A plan's activities as typed numpy columns: what the checks and the report compute on.

`Plan.activities` (a pandas DataFrame) is the library's face for people who script
with it; this is the working form underneath. Computing on plain numpy arrays keeps
`aktplan rapport` free of pandas' import time and of its per-call overhead, which
dominate when a folder holds hundreds of small plans.

Column types (the same in the DataFrame):
- `row`: int64, the 1-based sheet row;
- dates: datetime64 (NaT for blank);
- numbers and money: float64 (NaN for blank);
- text, list, status and type columns: object arrays of `str` or None;
- `phase`: object array of phase keys (`schema.ALL_PHASES`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from .schema import ALL_PHASES, COLUMNS

if TYPE_CHECKING:
    import pandas as pd

DATE_KEYS = tuple(c.key for c in COLUMNS if c.kind == "date")
NUMBER_KEYS = tuple(c.key for c in COLUMNS if c.kind in ("number", "amount"))
TABLE_COLUMNS = ("row", *(c.key for c in COLUMNS), "phase")

_EPOCH = date(1970, 1, 1).toordinal()
_NAT = np.iinfo(np.int64).min  # NaT as int64


def _dates(values: Sequence) -> np.ndarray:
    """Dates (or None) → datetime64[D], via day numbers: far cheaper than np.array(dates)."""
    try:
        days = np.fromiter(
            (_NAT if v is None else v.toordinal() - _EPOCH for v in values),
            dtype=np.int64,
            count=len(values),
        )
    except AttributeError:  # not all dates: let numpy convert them
        return np.array(values, dtype="datetime64[D]")
    return days.view("datetime64[D]")


def _objects(values: Sequence) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _column(key: str, values: Sequence) -> np.ndarray:
    if key in DATE_KEYS:
        return _dates(values)
    if key in NUMBER_KEYS:
        return np.array(values, dtype="float64")
    if key == "row":
        return np.array(values, dtype="int64")
    return _objects(values)


class Table:
    """Equal-length typed columns, one per key of `TABLE_COLUMNS`."""

    __slots__ = ("_columns", "_length")

    def __init__(self, columns: dict[str, np.ndarray]) -> None:
        lengths = {len(array) for array in columns.values()}
        if len(lengths) > 1:
            raise ValueError(f"columns of unequal length: {sorted(lengths)}")
        self._columns = columns
        self._length = lengths.pop() if lengths else 0

    @classmethod
    def from_lists(cls, columns: dict[str, Sequence]) -> Table:
        """Typed columns from lists of parsed values (dates, floats, str or None)."""
        return cls({key: _column(key, columns[key]) for key in TABLE_COLUMNS})

    @classmethod
    def empty(cls) -> Table:
        return cls.from_lists({key: [] for key in TABLE_COLUMNS})

    @classmethod
    def concat(cls, tables: Iterable[Table]) -> Table:
        """One table of all rows, in order."""
        tables = [t for t in tables if len(t)]
        if not tables:
            return cls.empty()
        if len(tables) == 1:
            return tables[0]
        return cls({key: np.concatenate([t[key] for t in tables]) for key in TABLE_COLUMNS})

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, key: str) -> np.ndarray:
        return self._columns[key]

    def is_in(self, key: str, values: Iterable[object]) -> np.ndarray:
        """Boolean mask: the column's value is one of `values` (object columns)."""
        wanted = set(values)
        return np.fromiter(
            (v in wanted for v in self._columns[key].tolist()), dtype=bool, count=self._length
        )

    def blank(self, key: str) -> np.ndarray:
        """Boolean mask: the cell is blank (None, NaT or NaN)."""
        array = self._columns[key]
        if array.dtype.kind == "M":
            return np.isnat(array)
        if array.dtype.kind == "f":
            return np.isnan(array)
        return np.equal(array, None)

    def to_frame(self) -> pd.DataFrame:
        """The pandas DataFrame of `Plan.activities`: dates as datetime64[s], phase a category."""
        import pandas as pd

        data: dict[str, object] = {}
        for key in TABLE_COLUMNS:
            array = self._columns[key]
            if key in DATE_KEYS:
                data[key] = array.astype("datetime64[s]")
            elif key == "phase":
                codes = {phase: code for code, phase in enumerate(ALL_PHASES)}
                data[key] = pd.Categorical.from_codes(
                    np.fromiter(
                        (codes.get(v, -1) for v in array.tolist()), dtype=np.int8, count=len(array)
                    ),
                    categories=ALL_PHASES,
                )
            elif array.dtype == object:
                data[key] = pd.Series(array, dtype="object")
            else:
                data[key] = array
        return pd.DataFrame(data)
