"""Plans ↔ the bytes of the history database: what is stored, and how it comes back.

A plan's content (its activities, campaign block and unreadable cells) is one
payload, column by column rather than row by row: a report saves a snapshot every
time it runs (and loads one to compare with), and with a row per activity that was a
quarter of the run on a portfolio of 200 plans. A payload is a JSON head, a zero
byte, and the number columns as little-endian arrays:

    {"format": 1, "rows": n, "campaign": {…}, "unreadable": [[row, key, cell], …],
     "text": {"id": [...], "activity": [...], …, "phase": [...]},
     "numbers": [["row", "int"], ["start", "date"], ["hours", "float"], …]}
    \\0 <n × int64 row> <n × int64 start> … <n × float64 hours> …

Text columns are JSON arrays (None for a blank); dates int64 days since 1970-01-01
(the smallest int64 for a blank, as numpy's NaT), numbers float64 (NaN for a blank)
and rows int64, each written as numpy holds it, so encoding one costs a copy at most.
JSON never holds a raw zero byte, so the first one ends the head. The payload is stored
zlib-compressed and is addressed by its SHA-256, so a plan that did not change since
the last snapshot is stored once however many snapshots hold it. A column the
payload lacks comes back blank and one the schema no longer has is ignored, so a
column added to the plan schema needs no migration; only the store's own shape does.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePath
from typing import Any

import numpy as np

from ..plan.model import GoalSpec, Plan
from ..plan.schema import CAMPAIGN_BY_KEY, COLUMNS, METHOD_COLUMNS
from ..plan.table import DATE_KEYS, NUMBER_KEYS, TABLE_COLUMNS, Table

FORMAT = 1  # the payload's own version, in its head (a new one gets new digests)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
_NAT = np.iinfo(np.int64).min  # NaT as int64
_DATE_KEYS = frozenset(DATE_KEYS)
_NUMBER_KEYS = frozenset(NUMBER_KEYS)
# Number column kinds: stored dtype (8 bytes each), and the dtype the Table holds.
_KINDS = {"int": ("<i8", "int64"), "date": ("<i8", "datetime64[D]"), "float": ("<f8", "float64")}
# zlib's fastest level: 4× smaller than the payload at a third of the cost of level 6,
# which saves a further 10 % only.
LEVEL = 1


def _default(value: object) -> object:
    """JSON for what `json` does not know: dates as ISO text, numpy scalars as numbers."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, PurePath):
        return value.as_posix()
    raise TypeError(f"not JSON: {type(value).__name__}")


# One encoder, made once: json.dumps with options builds a new one per call.
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


# --- a plan's content ------------------------------------------------------------------


@dataclass(frozen=True)
class Content:
    """A plan's content as stored: the payload, its digest, and its activities."""

    payload: bytes
    digest: bytes  # SHA-256 of the payload: the same content is stored once
    rows: int

    def packed(self) -> bytes:
        """The payload as the database holds it (zlib)."""
        return zlib.compress(self.payload, LEVEL)


def encode_plan(plan: Plan) -> Content:
    """A plan's content as one payload (see the module text)."""
    table = plan.table
    text: dict[str, list] = {}
    numbers: list[tuple[str, str]] = []
    chunks: list[bytes] = []
    for key in TABLE_COLUMNS:
        if key in METHOD_COLUMNS and key not in plan.columns and _blank_column(table[key]):
            continue  # a plan without them stores what it always did
        array = table[key]
        kind = array.dtype.kind
        if kind == "M":  # day numbers, as numpy holds them (NaT the smallest int64)
            days = array.astype("datetime64[D]", copy=False).view("int64")
            chunks.append(days.astype("<i8", copy=False).tobytes())
            numbers.append((key, "date"))
        elif kind == "f":
            chunks.append(array.astype("<f8", copy=False).tobytes())
            numbers.append((key, "float"))
        elif kind in "iu":
            chunks.append(array.astype("<i8", copy=False).tobytes())
            numbers.append((key, "int"))
        else:
            text[key] = array.tolist()
    head = {
        "format": FORMAT,
        "rows": len(table),
        "campaign": plan.campaign,
        "unreadable": plan.unreadable_cells,
        "text": text,
        "numbers": numbers,
    }
    if plan.columns & set(METHOD_COLUMNS):  # the method's columns say what the plan has
        head["columns"] = sorted(plan.columns)
    if plan.goal is not None:  # the department goal on the workbook's `Mål` sheet
        head["goal"] = _goal_values(plan.goal)
    if plan.goal_sheet:  # the department's workbook, no campaign
        head["goal_sheet"] = True
    payload = b"".join((dumps(head).encode(), b"\0", *chunks))
    return Content(payload, hashlib.sha256(payload).digest(), len(table))


def _blank_column(array: np.ndarray) -> bool:
    """A text column with nothing in it (None throughout)."""
    return not np.not_equal(array, None).any()


def _objects(values: list) -> np.ndarray:
    return np.fromiter(values, dtype=object, count=len(values))  # twice np.empty + [:] =


def _blank(key: str, rows: int) -> np.ndarray:
    """A column the payload lacks (added to the schema since): blank throughout."""
    if key in _DATE_KEYS:
        return np.full(rows, _NAT, dtype="int64").view("datetime64[D]")
    if key in _NUMBER_KEYS:
        return np.full(rows, np.nan)
    return _objects([None] * rows)


def _expected(key: str) -> str:
    """The kind of column the Table holds for `key` (what a payload must give)."""
    if key in _DATE_KEYS:
        return "date"
    if key in _NUMBER_KEYS:
        return "float"
    return "int" if key == "row" else "text"


@dataclass(frozen=True)
class Decoded:
    """A stored plan's content as the reader made it."""

    table: Table
    campaign: dict[str, Any]
    unreadable: list[tuple[int, str, str]]
    columns: frozenset[str]  # empty for a plan stored without the method's columns
    goal: GoalSpec | None
    goal_sheet: bool = False


def _goal_values(goal: GoalSpec) -> dict[str, Any]:
    values = dataclasses.asdict(goal)
    for key in ("start", "end"):
        if values[key] is not None:
            values[key] = values[key].isoformat()
    return values


def _goal_from_values(values: dict[str, Any] | None) -> GoalSpec | None:
    if values is None:
        return None
    for key in ("start", "end"):
        if values.get(key) is not None:
            values[key] = date.fromisoformat(values[key])
    values["aliases"] = tuple(values.get("aliases") or ())
    values["cells"] = tuple(tuple(pair) for pair in values.get("cells") or ())
    values["unreadable"] = tuple(values.get("unreadable") or ())
    return GoalSpec(**values)


def decode_plan(packed: bytes) -> Decoded:
    """A stored content back as (Table, campaign, unreadable cells), as the reader made
    them. ValueError when it is not what `encode_plan` wrote (a damaged file)."""
    try:
        return _decode(zlib.decompress(packed))
    except (zlib.error, KeyError, IndexError, TypeError, AttributeError) as exc:
        raise ValueError(f"{type(exc).__name__}: {exc}") from exc


def _decode(payload: bytes) -> Decoded:
    end = payload.find(b"\0")
    if end < 0:
        raise ValueError("no end to the content's head")
    head = json.loads(payload[:end])
    if head.get("format") != FORMAT:
        raise ValueError(f"unknown content format {head.get('format')!r}")
    rows = int(head["rows"])
    columns: dict[str, np.ndarray] = {}
    kinds: dict[str, str] = {}
    offset = end + 1
    for key, kind in head["numbers"]:
        stored, held = _KINDS[kind]
        array = np.frombuffer(payload, dtype=stored, count=rows, offset=offset).astype(held)
        offset += rows * 8
        columns[key], kinds[key] = array, kind
    if offset != len(payload):
        raise ValueError(f"content of {len(payload)} bytes, columns end at {offset}")
    for key, values in head["text"].items():
        if len(values) != rows:
            raise ValueError(f"column {key}: {len(values)} values for {rows} rows")
        columns[key], kinds[key] = _objects(values), "text"
    for key in TABLE_COLUMNS:
        if key in kinds and kinds[key] != _expected(key):
            raise ValueError(f"column {key} stored as {kinds[key]}, not {_expected(key)}")
    table = Table(
        {key: columns[key] if key in columns else _blank(key, rows) for key in TABLE_COLUMNS}
    )
    return Decoded(
        table,
        campaign_from_values(head["campaign"]),
        unreadable_from_values(head["unreadable"]),
        frozenset(head.get("columns", ())),
        _goal_from_values(head.get("goal")),
        bool(head.get("goal_sheet")),
    )


def campaign_from_values(campaign: dict[str, Any]) -> dict[str, Any]:
    """The campaign block as the reader made it: dates as dates, numbers as floats."""
    for key, value in campaign.items():
        field = CAMPAIGN_BY_KEY.get(key)
        if value is None or field is None:
            continue
        if field.kind == "date" and isinstance(value, str):
            campaign[key] = date.fromisoformat(value)
        elif field.kind in ("number", "amount") and isinstance(value, int | float):
            campaign[key] = float(value)
    return campaign


def unreadable_from_values(cells: list) -> list[tuple[int, str, str]]:
    return [(int(row), str(key), str(cell)) for row, key, cell in cells]


def pack_json(value: object) -> bytes:
    """JSON, zlib-compressed: each plan's figures in a snapshot (alike from plan to plan,
    so they shrink well together)."""
    return zlib.compress(dumps(value).encode(), 6)


def unpack_json(packed: bytes) -> Any:
    """What `pack_json` packed. ValueError when it is damaged."""
    try:
        return json.loads(zlib.decompress(packed))
    except zlib.error as exc:
        raise ValueError(str(exc)) from exc


# --- versions 1 and 2: one row per activity ---------------------------------------------


def table_from_rows(rows: Iterable[tuple[int, str, str]]) -> Table:
    """A plan's Table from version 1–2 rows (row, phase, data JSON: the schema columns by
    key, dates as ISO text, blanks left out), in order: what the migration reads."""
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
