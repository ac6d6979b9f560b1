"""The history store: one SQLite file that keeps a snapshot of the plans per report.

`aktplan rapport` saves a snapshot each time it runs: every activity as read and
each plan's figures, enough to rebuild that day's report. One snapshot per plan set
(the plan files a report read) and report date: saving again that day replaces it.
Nothing is deleted but by `Store.delete` (`aktplan historikk --slett DATO`).

The file is opened with checks before anything is written (`opening.py`): a file
that is not SQLite, someone else's database, one from a newer aktplan or one cut
short is a HistoryError and is never changed; damage inside is one where a read meets
it (any method may raise it); a place that cannot be written is a HistoryUnwritable,
so the CLI can warn and still make the report. Writes are one
`BEGIN IMMEDIATE` transaction each, with a long busy timeout, so two processes
saving at once both succeed, one after the other. The rollback journal (not WAL)
is used on purpose: plans often live on shared and synced drives, where WAL's
shared memory does not work, and it leaves no `-wal`/`-shm` files beside the plans.

Saving runs with every report, so it is kept cheap: a plan's content is one compressed
payload (`codec.py`), stored once while the plan does not change, and encoded and
compressed before the write lock is taken.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..errors import HistoryError
from ..plan.keys import activity_key
from ..plan.model import Plan
from . import opening
from .codec import (
    decode_plan,
    dumps,
    encode_plan,
    pack_json,
    plan_set_json,
    relative_file,
    unpack_json,
)
from .opening import BUSY_TIMEOUT, errors_as_history
from .schema import (
    SCHEMA_VERSION,
    content_held,
    content_id,
    contents_of,
    forget_contents,
)

if TYPE_CHECKING:
    from ..settings import Settings

__all__ = [
    "BUSY_TIMEOUT",
    "DEFAULT_NAME",
    "SCHEMA_VERSION",
    "Snapshot",
    "SnapshotInfo",
    "Store",
    "default_path",
    "history_path",
    "plan_set",
]

DEFAULT_NAME = "aktplan-historikk.sqlite"


def default_path(paths: Sequence[str | Path]) -> Path:
    """`aktplan-historikk.sqlite` in the folder given, or the (first) file's folder:
    beside the plans, where the team that keeps them finds it."""
    first = Path(paths[0]) if paths else Path()
    folder = first if first.is_dir() else first.parent
    return folder / DEFAULT_NAME


def history_path(settings: Settings, paths: Sequence[str | Path]) -> Path | None:
    """Where this run's history is (`--historikk`, `historikk = "…"`, else beside the
    plans); None with `--uten-historikk`."""
    if not settings.use_history:
        return None
    return settings.history or default_path(paths)


def file_key(file: str | Path, store_path: Path) -> str:
    """A plan file as the database at `store_path` names it: relative to the database's
    folder, POSIX separators, so the folder can move with it."""
    return relative_file(file, Path(store_path).parent)


def plan_set(files: Iterable[str | Path], store_path: Path) -> str:
    """The plan set of a report that read `files`, as the store at `store_path` names it:
    the files relative to its folder (POSIX separators), each once, sorted, as JSON."""
    return plan_set_json(file_key(file, store_path) for file in files)


@dataclass(frozen=True)
class SnapshotInfo:
    """One snapshot's row: which plans, which day, and the report's figures then."""

    id: int
    plan_set: str
    day: date
    saved_at: datetime
    aktplan_version: str | None  # None: saved by a version that did not record it
    plans: int
    activities: int
    figures: dict[str, Any] = field(compare=False)

    @property
    def files(self) -> list[str]:
        """The plan set's files, relative to the database's folder."""
        return json.loads(self.plan_set)


@dataclass
class Snapshot:
    """A snapshot loaded back: the plans as they were read that day (issues empty).

    `files[i]` is `plans[i]`'s file relative to the database's folder (what matching
    uses; `plans[i].file` is the file as that day's report named it), `keys[i]` its
    activities' matching keys in row order (`plan.keys.activity_key`, from the ID and
    name kept), `plan_figures[i]` its figures then.
    """

    info: SnapshotInfo
    plans: list[Plan]
    plan_figures: list[dict[str, Any]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @cached_property
    def keys(self) -> list[list[str]]:
        """Each plan's activities' matching keys, in row order: made when first asked
        for (a report's comparison makes its own), by the rule in force now."""
        return [
            list(map(activity_key, plan.table["id"].tolist(), plan.table["activity"].tolist()))
            for plan in self.plans
        ]


_INFO = "id, plan_set, day, saved_at, aktplan_version, plans, activities, figures"


def _info(row: tuple) -> SnapshotInfo:
    sid, plans_set, day, saved_at, version, plans, activities, figures = row
    return SnapshotInfo(
        id=sid,
        plan_set=plans_set,
        day=date.fromisoformat(day),
        saved_at=datetime.fromisoformat(saved_at),
        aktplan_version=version,
        plans=plans,
        activities=activities,
        figures=json.loads(figures),
    )


class Store:
    """An open history database; use it as a context manager (`with Store.open(...)`)."""

    def __init__(self, connection: sqlite3.Connection, path: Path, settings: Settings) -> None:
        self._connection = connection
        self.path = path
        self.settings = settings

    @classmethod
    def open(
        cls,
        path: str | Path,
        settings: Settings,
        *,
        create: bool = True,
        read_only: bool = False,
    ) -> Store:
        """Open (and, with `create`, make) the history at `path`, brought up to
        SCHEMA_VERSION. `read_only`: never written (`file:…?mode=ro`); an older file is
        then upgraded in memory only, and `save`/`delete` raise HistoryUnwritable.

        Raises HistoryError (missing with `create=False`, not SQLite, someone else's,
        newer, damaged) or HistoryUnwritable (cannot be made or upgraded here)."""
        path = Path(path)
        connection = opening.connect(path, settings.tr, create=create, read_only=read_only)
        return cls(connection, path, settings)

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- names ----------------------------------------------------------------------
    def file_key(self, file: str | Path) -> str:
        """A plan file as this store names it (relative to its folder, POSIX)."""
        return file_key(file, self.path)

    def plan_set(self, files: Iterable[str | Path]) -> str:
        """The plan set of a report that read `files` (see `plan_set`)."""
        return plan_set(files, self.path)

    def plan_set_of(self, plans: Iterable[Plan]) -> str:
        """The plan set `save` stores `plans` under by default: their files."""
        return self.plan_set(plan.file for plan in plans)

    # --- writing --------------------------------------------------------------------
    @contextmanager
    def _errors(self) -> Iterator[None]:
        with errors_as_history(self.path, self.settings.tr, self._connection):
            yield

    @contextmanager
    def _decoding(self, what: object) -> Iterator[None]:
        """Stored values that do not decode (ValueError): the file is damaged."""
        try:
            yield
        except ValueError as exc:
            error = f"{what}: {exc}"
            raise HistoryError(
                self.settings.tr("history.corrupt", file=self.path, error=error)
            ) from exc

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (a second writer waits for it)."""
        connection = self._connection
        with self._errors():
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: the queries in it see one state of the file."""
        connection = self._connection
        with self._errors():
            connection.execute("BEGIN")
            try:
                yield connection
            finally:
                if connection.in_transaction:
                    connection.execute("COMMIT")

    def save(
        self,
        plans: list[Plan],
        day: date,
        figures: dict[str, Any],
        plan_figures: list[dict[str, Any]],
        *,
        plan_set: str | None = None,
    ) -> SnapshotInfo:
        """Save the plans as read for `day` (the report date), replacing that day's
        snapshot of the same plan set. `plan_figures[i]` are `plans[i]`'s figures;
        `plan_set`: None, the plans' own files (see `plan_set_of`)."""
        if len(plan_figures) != len(plans):
            raise ValueError(f"{len(plans)} plans but {len(plan_figures)} plan figures")
        files = [self.file_key(plan.file) for plan in plans]
        set_text = plan_set if plan_set is not None else plan_set_json(files)
        # Everything is encoded, and what the file lacks compressed, before the write
        # lock is taken, to hold it briefly.
        contents = [encode_plan(plan) for plan in plans]
        with self._read() as connection:  # one lock for the lookups, not one each
            held = {c.digest for c in contents if content_held(connection, c.digest)}
        packed = {c.digest: c.packed() for c in contents if c.digest not in held}
        activities = sum(content.rows for content in contents)
        saved_at = datetime.now(UTC).replace(microsecond=0)
        snapshot = (
            set_text,
            day.isoformat(),
            saved_at.isoformat(),
            __version__,
            len(plans),
            activities,
            dumps(figures),
            pack_json(plan_figures),
        )
        with self._write() as connection:
            replaced = contents_of(
                connection, "plan_set = ? AND day = ?", (set_text, day.isoformat())
            )
            connection.execute(
                "DELETE FROM snapshots WHERE plan_set = ? AND day = ?", (set_text, day.isoformat())
            )
            sid = connection.execute(
                "INSERT INTO snapshots (plan_set, day, saved_at, aktplan_version, plans,"
                " activities, figures, plan_figures) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                snapshot,
            ).lastrowid
            ids = [content_id(connection, content, packed) for content in contents]
            connection.executemany(
                "INSERT INTO plans (snapshot_id, position, file, shown, sheet, header_row,"
                " content) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (sid, position, files[position], plan.file, plan.sheet, plan.header_row, id_)
                    for position, (plan, id_) in enumerate(zip(plans, ids, strict=True))
                ],
            )
            # Only now: the new snapshot may point to what the replaced one did.
            forget_contents(connection, replaced)
        return SnapshotInfo(
            sid, set_text, day, saved_at, __version__, len(plans), activities, figures
        )

    def delete(self, day: date, plan_set: str | None = None) -> int:
        """Delete the snapshots of `day` (of one plan set, or of all); how many there were.
        The only way anything leaves the history."""
        condition, values = "day = ?", [day.isoformat()]
        if plan_set is not None:
            condition += " AND plan_set = ?"
            values.append(plan_set)
        with self._write() as connection:
            contents = contents_of(connection, condition, values)
            deleted = connection.execute(f"DELETE FROM snapshots WHERE {condition}", values)
            forget_contents(connection, contents)
            return deleted.rowcount

    # --- reading --------------------------------------------------------------------
    def snapshots(self, plan_set: str | None = None) -> list[SnapshotInfo]:
        """The snapshots held (of one plan set, or all), oldest day first."""
        query, values = f"SELECT {_INFO} FROM snapshots", []
        if plan_set is not None:
            query += " WHERE plan_set = ?"
            values.append(plan_set)
        with self._errors():
            rows = self._connection.execute(f"{query} ORDER BY day, plan_set", values).fetchall()
        with self._decoding("snapshots"):
            return [_info(row) for row in rows]

    def _one(self, condition: str, plan_set: str, day: date, order: str) -> SnapshotInfo | None:
        query = (
            f"SELECT {_INFO} FROM snapshots WHERE plan_set = ? AND day {condition} ?"
            f" ORDER BY day {order} LIMIT 1"
        )
        with self._errors():
            row = self._connection.execute(query, (plan_set, day.isoformat())).fetchone()
        with self._decoding("snapshots"):
            return _info(row) if row else None

    def latest_before(self, plan_set: str, day: date) -> SnapshotInfo | None:
        """The plan set's last snapshot strictly before `day` (what a report compares with)."""
        return self._one("<", plan_set, day, "DESC")

    def at_or_before(self, plan_set: str, day: date) -> SnapshotInfo | None:
        """The plan set's last snapshot on or before `day` (the state then: `--måned`)."""
        return self._one("<=", plan_set, day, "DESC")

    def count(self, plan_set: str | None = None) -> int:
        """How many snapshots the file holds (of one plan set, or in all)."""
        query, values = "SELECT COUNT(*) FROM snapshots", []
        if plan_set is not None:
            query += " WHERE plan_set = ?"
            values.append(plan_set)
        with self._errors():
            return self._connection.execute(query, values).fetchone()[0]

    def load(self, info_or_id: SnapshotInfo | int) -> Snapshot:
        """A snapshot's plans rebuilt as the reader made them (every column, phase, row,
        file, sheet, campaign, unreadable cells; issues empty). KeyError: no such id."""
        sid = info_or_id.id if isinstance(info_or_id, SnapshotInfo) else int(info_or_id)
        with self._read() as connection:
            found = connection.execute(
                f"SELECT {_INFO}, plan_figures FROM snapshots WHERE id = ?", (sid,)
            ).fetchone()
            if found is None:
                raise KeyError(sid)
            plan_rows = connection.execute(
                "SELECT p.file, p.shown, p.sheet, p.header_row, c.data FROM plans p"
                " JOIN contents c ON c.id = p.content"
                " WHERE p.snapshot_id = ? ORDER BY p.position",
                (sid,),
            ).fetchall()
        with self._decoding(f"snapshot {sid}"):
            snapshot = Snapshot(info=_info(found[:-1]), plans=[])
            snapshot.plan_figures = unpack_json(found[-1])
            for file, shown, sheet, header_row, data in plan_rows:
                content = decode_plan(data)
                plan = Plan(shown, sheet, content.campaign, content.table, header_row=header_row)
                plan.unreadable_cells = content.unreadable
                plan.columns, plan.goal = content.columns, content.goal
                plan.goal_sheet = content.goal_sheet
                snapshot.plans.append(plan)
                snapshot.files.append(file)
            if len(snapshot.plan_figures) != len(snapshot.plans):
                raise ValueError(f"{len(snapshot.plan_figures)} plan figures")
        return snapshot
