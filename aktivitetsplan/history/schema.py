"""The history database's tables, version by version, and the steps between versions.

`PRAGMA user_version` holds the version a file is at; `MIGRATIONS[n]` takes a file
from version n to n + 1, so a new file is made by the same steps an old one is
brought up to date by (0 → 1 creates the tables). `PRAGMA application_id` marks the
file as aktplan's, so a SQLite database someone else keeps at that path is told
apart from ours and never touched. The steps run in one transaction, opened by the
caller (`BEGIN IMMEDIATE`): a second process waits, then finds nothing left to do.

From version 3 a plan's content (activities, campaign, unreadable cells) is one
compressed payload per plan, stored once however many snapshots hold it (`codec`
says how); versions 1 and 2 kept one JSON row per activity, which cost more than
the rest of a report to save and load.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence

from ..plan.keys import activity_key
from ..plan.model import Plan
from .codec import (
    Content,
    campaign_from_values,
    encode_plan,
    pack_json,
    table_from_rows,
    unreadable_from_values,
)

APPLICATION_ID = 0x616B7470  # "aktp" in the file header (bytes 68-71)

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


def _key_of_data(data: str) -> str:
    values = json.loads(data)
    return activity_key(values.get("id"), values.get("activity"))


# Version 3: a plan's content once, compressed, by digest; a snapshot's plans point to it.
#   contents: one per distinct plan content; `digest` the SHA-256 of the payload, `data`
#     the payload zlib-compressed (see codec.py: columns, campaign, unreadable cells).
#   plans: as before, but `content` in place of campaign, unreadable and the activities'
#     rows; a content no plan points to any longer is deleted with its last snapshot.
#   snapshots.plan_figures: each plan's figures in position order (JSON list, zlib), in
#     place of plans.figures: alike from plan to plan, they shrink well together.
# The activities' keys are not stored: they follow from ID and name (`plan/keys.py`).
V3 = (
    """CREATE TABLE contents (
        id INTEGER PRIMARY KEY,
        digest BLOB NOT NULL UNIQUE,
        data BLOB NOT NULL
    )""",
    """CREATE TABLE plans_v3 (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        file TEXT NOT NULL,
        shown TEXT NOT NULL,
        sheet TEXT NOT NULL,
        header_row INTEGER NOT NULL,
        content INTEGER NOT NULL REFERENCES contents (id),
        PRIMARY KEY (snapshot_id, position)
    ) WITHOUT ROWID""",
    "ALTER TABLE snapshots ADD COLUMN plan_figures BLOB NOT NULL DEFAULT x''",
)
V3_AFTER = (
    "DROP TABLE activities",  # and its indexes
    "DROP TABLE plans",
    "ALTER TABLE plans_v3 RENAME TO plans",
    "CREATE INDEX plans_by_content ON plans (content)",
)
# The tables a file at each version has.
TABLES = {
    1: ("snapshots", "plans", "activities"),
    2: ("snapshots", "plans", "activities"),
    3: ("snapshots", "plans", "contents"),
}


def content_id(connection: sqlite3.Connection, content: Content, packed: dict[bytes, bytes]) -> int:
    """The id of `content` in the file, stored now if it is not there yet. `packed`: the
    payloads already compressed (outside the write lock), by digest."""
    found = connection.execute(
        "SELECT id FROM contents WHERE digest = ?", (content.digest,)
    ).fetchone()
    if found is not None:
        return found[0]
    data = packed.get(content.digest) or content.packed()
    return connection.execute(
        "INSERT INTO contents (digest, data) VALUES (?, ?)", (content.digest, data)
    ).lastrowid


def content_held(connection: sqlite3.Connection, digest: bytes) -> bool:
    """Whether the file holds this content already (it then needs no compressing)."""
    found = connection.execute("SELECT 1 FROM contents WHERE digest = ?", (digest,))
    return found.fetchone() is not None


def contents_of(
    connection: sqlite3.Connection, condition: str, values: Sequence[object]
) -> set[int]:
    """The contents the snapshots matching `condition` (SQL on snapshots) point to."""
    return {
        row[0]
        for row in connection.execute(
            "SELECT content FROM plans WHERE snapshot_id IN"
            f" (SELECT id FROM snapshots WHERE {condition})",
            values,
        )
    }


def forget_contents(connection: sqlite3.Connection, contents: Iterable[int]) -> None:
    """Delete those of `contents` no snapshot points to any longer: run after the
    snapshots that held them are deleted, in the same transaction."""
    connection.executemany(
        "DELETE FROM contents WHERE id = ? AND NOT EXISTS (SELECT 1 FROM plans WHERE content = ?)",
        [(content, content) for content in contents],
    )


def _to_version_3(connection: sqlite3.Connection) -> None:
    """Version 2 → 3: every snapshot's rows become one content per plan, nothing lost
    (each activity's columns, row and phase; each plan's campaign, unreadable cells and
    figures); the keys go, as they follow from the columns kept."""
    for statement in V3:
        connection.execute(statement)
    packed: dict[bytes, bytes] = {}
    for (sid,) in connection.execute("SELECT id FROM snapshots ORDER BY id").fetchall():
        plans = connection.execute(
            "SELECT position, file, shown, sheet, header_row, campaign, unreadable, figures"
            " FROM plans WHERE snapshot_id = ? ORDER BY position",
            (sid,),
        ).fetchall()
        rows: dict[int, list[tuple[int, str, str]]] = {plan[0]: [] for plan in plans}
        for position, row, phase, data in connection.execute(
            "SELECT plan, row, phase, data FROM activities WHERE snapshot_id = ? ORDER BY plan, id",
            (sid,),
        ):
            rows[position].append((row, phase, data))
        figures = []
        for position, file, shown, sheet, header_row, campaign, unreadable, plan_figures in plans:
            plan = Plan(
                shown,
                sheet,
                campaign_from_values(json.loads(campaign)),
                table_from_rows(rows[position]),
                header_row=header_row,
                unreadable_cells=unreadable_from_values(json.loads(unreadable)),
            )
            content = content_id(connection, encode_plan(plan), packed)
            connection.execute(
                "INSERT INTO plans_v3 VALUES (?, ?, ?, ?, ?, ?, ?)",
                (sid, position, file, shown, sheet, header_row, content),
            )
            figures.append(json.loads(plan_figures))
        connection.execute(
            "UPDATE snapshots SET plan_figures = ? WHERE id = ?", (pack_json(figures), sid)
        )
    for statement in V3_AFTER:
        connection.execute(statement)


def _statements(*statements: str) -> Callable[[sqlite3.Connection], None]:
    def step(connection: sqlite3.Connection) -> None:
        # One by one: executescript() would commit the caller's transaction first.
        for statement in statements:
            connection.execute(statement)

    return step


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _statements(*V1),  # 0 → 1
    _statements(*V2),  # 1 → 2
    _to_version_3,  # 2 → 3
)
SCHEMA_VERSION = len(MIGRATIONS)


def register_functions(connection: sqlite3.Connection) -> None:
    """The SQL functions the migrations call (Python's fold, not SQLite's lower())."""
    connection.create_function("aktplan_activity_key", 1, _key_of_data, deterministic=True)


def migrate(connection: sqlite3.Connection, version: int) -> int:
    """Bring a file at `version` up to SCHEMA_VERSION, inside the caller's transaction."""
    for step in MIGRATIONS[version:]:
        step(connection)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return SCHEMA_VERSION
