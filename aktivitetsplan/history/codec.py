"""Plans ↔ rows of the history database: what is stored, and how it comes back.

Values are stored as JSON (dates as ISO text, numbers as numbers, blanks left out)
and come back as the reader made them, so the same compute code runs on a snapshot
as on plans just read: `Table.from_lists` builds the typed columns again.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable
from datetime import date, datetime
from json.encoder import encode_basestring as _encode_text
from pathlib import Path, PurePath
from typing import Any

import numpy as np

from ..plan.model import Plan
from ..plan.schema import CAMPAIGN_BY_KEY, COLUMNS
from ..plan.table import DATE_KEYS, TABLE_COLUMNS, Table
from .schema import activity_key

COLUMN_KEYS = tuple(c.key for c in COLUMNS)
_DATE_KEYS = frozenset(DATE_KEYS)


def _default(value: object) -> object:
    """JSON for what `json` does not know: dates as ISO text, numpy scalars as numbers."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, PurePath):
        return value.as_posix()
    raise TypeError(f"not JSON: {type(value).__name__}")


# One encoder, made once: json.dumps with options builds a new one per call, which
# is a third of a save's time on a portfolio of 20,000 activities.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_default)


def dumps(value: object) -> str:
    """Compact JSON, non-ASCII as is (Norwegian text stays readable in the file)."""
    return _ENCODER.encode(value)


def relative_file(file: str | Path, folder: Path) -> str:
    """A plan file as the database names it: relative to the database's folder, with
    POSIX separators, so the same files match whichever folder aktplan was run from
    (absolute when there is no relative path, e.g. another drive on Windows)."""
    absolute = os.path.abspath(file)
    try:
        relative = os.path.relpath(absolute, os.path.abspath(folder))
    except ValueError:
        return PurePath(absolute).as_posix()
    return PurePath(relative).as_posix()


def plan_set_json(files: Iterable[str]) -> str:
    """The plan set: its (relative) files, each once, sorted, as JSON text."""
    return dumps(sorted(set(files)))


def _encode(value: object) -> str:
    if value.__class__ is str:
        return _encode_text(value)
    if value.__class__ is float and math.isfinite(value):
        return float.__repr__(value)  # what json writes for a float
    return _ENCODER.encode(value)


def _members(key: str, values: list) -> list[str | None]:
    """Each value as its JSON object member (`"budget":5000.0`), None for a blank.

    A column repeats its values (statuses, types, people, amounts), so each distinct
    one is encoded once and the column is mapped through them: the per-value work
    stays in C, which is most of a snapshot's cost on a big portfolio."""
    prefix = f"{_encode(key)}:"
    encoded = {v: None if v is None else prefix + _encode(v) for v in set(values)}
    return list(map(encoded.__getitem__, values))


def _values(key: str, array: np.ndarray) -> list:
    """A column's values as JSON takes them: dates as ISO text, blanks (NaT, NaN) None."""
    if key in _DATE_KEYS:
        text = np.datetime_as_string(array.astype("datetime64[D]"), unit="D")
        values = text.astype(object)
        values[np.isnat(array)] = None
        return values.tolist()
    if array.dtype.kind == "f":
        values = array.astype(object)
        values[np.isnan(array)] = None
        return values.tolist()
    return array.tolist()


def activity_rows(plan: Plan) -> list[tuple[int, str, str, str]]:
    """(row, phase, key, data JSON) per activity, in the plan's order; `data` holds the
    schema columns by key, blanks left out, as `json.dumps` would write them."""
    table = plan.table
    members = [_members(key, _values(key, table[key])) for key in COLUMN_KEYS]
    keys = [
        activity_key(i, a)
        for i, a in zip(table["id"].tolist(), table["activity"].tolist(), strict=True)
    ]
    return [
        (row, phase, key, "{" + ",".join(filter(None, data)) + "}")
        for row, phase, key, *data in zip(
            table["row"].tolist(), table["phase"].tolist(), keys, *members, strict=True
        )
    ]


def table_from_rows(rows: Iterable[tuple[int, str, str]]) -> Table:
    """A plan's Table from its stored (row, phase, data JSON) rows, in order."""
    columns: dict[str, list] = {key: [] for key in TABLE_COLUMNS}
    for row, phase, text in rows:
        data = json.loads(text)
        columns["row"].append(row)
        columns["phase"].append(phase)
        for key in COLUMN_KEYS:
            value = data.get(key)
            if value is not None and key in _DATE_KEYS:
                value = date.fromisoformat(value)
            columns[key].append(value)
    return Table.from_lists(columns)


def campaign_json(campaign: dict[str, Any]) -> str:
    return dumps(campaign)


def campaign_from_json(text: str) -> dict[str, Any]:
    """The campaign block as the reader made it: dates as dates, numbers as floats."""
    campaign = json.loads(text)
    for key, value in campaign.items():
        field = CAMPAIGN_BY_KEY.get(key)
        if value is None or field is None:
            continue
        if field.kind == "date" and isinstance(value, str):
            campaign[key] = date.fromisoformat(value)
        elif field.kind in ("number", "amount") and isinstance(value, int | float):
            campaign[key] = float(value)
    return campaign


def unreadable_from_json(text: str) -> list[tuple[int, str, str]]:
    return [(int(row), str(key), str(cell)) for row, key, cell in json.loads(text)]
