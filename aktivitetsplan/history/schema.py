"""The history database's tables, version by version, and the steps between versions.

`PRAGMA user_version` holds the version a file is at; `MIGRATIONS[n]` takes a file
from version n to n + 1, so a new file is made by the same steps an old one is
brought up to date by (0 → 1 creates the tables). `PRAGMA application_id` marks the
file as aktplan's, so a SQLite database someone else keeps at that path is told
apart from ours and never touched. The steps run in one transaction, opened by the
caller (`BEGIN IMMEDIATE`): a second process waits, then finds nothing left to do.

Activity values are one JSON text per row (`data`, keyed by schema column key), so a
column added to the plan schema needs no migration; only the store's own shape does.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from ..plan.schema import fold

SCHEMA_VERSION = 2
APPLICATION_ID = 0x616B7470  # "aktp" in the file header (bytes 68-71)
TABLES = ("snapshots", "plans", "activities")

# Version 1: the first released shape. (No SQL comments: SQLite keeps the text of
# each CREATE, and ALTER TABLE would splice new columns in among them.)
#   snapshots: one per plan set and report date; `plan_set` the JSON list of plan files
#     relative to this file's folder, `day` the report date (ISO), `saved_at` when (ISO,
#     UTC), `figures` the report's figures (JSON); AUTOINCREMENT: an id is never reused.
#   plans: each plan of a snapshot at its `position` in the report (from 0); `file`
#     relative to this file's folder (POSIX), `shown` as the report named it,
#     `campaign` (JSON, dates ISO), `unreadable` ([[row, field key, cell], ...]),
#     `figures` the plan's figures in the report (JSON).
#   activities: `id` in insertion order, which is the plan's row order; `plan` the
#     plans.position, `row` the 1-based sheet row, `data` the schema columns by key
#     (JSON, blanks left out).
V1 = (
    """CREATE TABLE snapshots (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        plan_set TEXT NOT NULL,
        day TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        plans INTEGER NOT NULL,
        activities INTEGER NOT NULL,
        figures TEXT NOT NULL,
        UNIQUE (plan_set, day)
    )""",
    """CREATE TABLE plans (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        file TEXT NOT NULL,
        shown TEXT NOT NULL,
        sheet TEXT NOT NULL,
        header_row INTEGER NOT NULL,
        campaign TEXT NOT NULL,
        unreadable TEXT NOT NULL,
        figures TEXT NOT NULL,
        PRIMARY KEY (snapshot_id, position)
    ) WITHOUT ROWID""",
    """CREATE TABLE activities (
        id INTEGER PRIMARY KEY,
        snapshot_id INTEGER NOT NULL,
        plan INTEGER NOT NULL,
        row INTEGER NOT NULL,
        phase TEXT NOT NULL,
        data TEXT NOT NULL,
        FOREIGN KEY (snapshot_id, plan) REFERENCES plans (snapshot_id, position)
            ON DELETE CASCADE
    )""",
    "CREATE INDEX activities_by_plan ON activities (snapshot_id, plan)",
    f"PRAGMA application_id = {APPLICATION_ID}",
)

# Version 2: the aktplan version that saved a snapshot (so a later aktplan knows which
# rules read its plans), and each activity's matching key, stored and indexed (an
# activity is the same across snapshots when its file, sheet and key match).
V2 = (
    "ALTER TABLE snapshots ADD COLUMN aktplan_version TEXT",  # NULL: saved by version 1
    "ALTER TABLE activities ADD COLUMN key TEXT NOT NULL DEFAULT ''",
    "UPDATE activities SET key = aktplan_activity_key(data)",
    "CREATE INDEX activities_by_key ON activities (key)",
)


def activity_key(activity_id: object, name: object) -> str:
    """What matches an activity across snapshots (with its file and sheet): `id:<ID>`
    when the ID is set, else `name:<folded activity name>`, so a renamed activity
    without an ID shows as one removed and one added."""
    if isinstance(activity_id, str) and activity_id.strip():
        return f"id:{activity_id.strip()}"
    return f"name:{fold(name) if isinstance(name, str) else ''}"


def _key_of_data(data: str) -> str:
    values = json.loads(data)
    return activity_key(values.get("id"), values.get("activity"))


def _statements(*statements: str) -> Callable[[sqlite3.Connection], None]:
    def step(connection: sqlite3.Connection) -> None:
        # One by one: executescript() would commit the caller's transaction first.
        for statement in statements:
            connection.execute(statement)

    return step


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _statements(*V1),  # 0 → 1
    _statements(*V2),  # 1 → 2
)
assert len(MIGRATIONS) == SCHEMA_VERSION


def register_functions(connection: sqlite3.Connection) -> None:
    """The SQL functions the migrations call (Python's fold, not SQLite's lower())."""
    connection.create_function("aktplan_activity_key", 1, _key_of_data, deterministic=True)


def migrate(connection: sqlite3.Connection, version: int) -> int:
    """Bring a file at `version` up to SCHEMA_VERSION, inside the caller's transaction."""
    for step in MIGRATIONS[version:]:
        step(connection)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return SCHEMA_VERSION
