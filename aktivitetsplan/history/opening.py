"""Opening the history file: every check before anything is written to it.

In order: a path that is a folder, or a file that does not start as SQLite does, is
refused before SQLite opens it (so a foreign file is never changed); then, under
SQLite's shared lock (so a commit in another process cannot be half seen), the
file's own header: aktplan's application id (or an empty file), a version this
aktplan knows, its tables, and the size the header promises (a file cut short). Only
then is the file brought up to the current version, in one `BEGIN IMMEDIATE`
transaction.

The rest of a damaged file is found where it is used, not on every open: a `PRAGMA
quick_check` reads the whole file (about 1 ms per MB, every report), while SQLite
checks each page it reads (`cell_size_check` on) and zlib each content it unpacks.
Where SQLite finds damage, `PRAGMA integrity_check` says what it is.

SQLite's errors become the user's: a place that cannot be written is
HistoryUnwritable (the CLI warns and goes on), everything else a HistoryError that
says what to do.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import HistoryError, HistoryUnwritable
from ..i18n import Translator
from .schema import APPLICATION_ID, SCHEMA_VERSION, TABLES, migrate, register_functions

# Long enough for another `aktplan rapport` to save a big portfolio: a second writer
# waits this long for the first before it gives up.
BUSY_TIMEOUT = 60.0  # seconds
MAGIC = b"SQLite format 3\x00"

# SQLite's primary result codes (the low byte of `sqlite_errorcode`).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT = 3, 5, 6, 8, 10, 11
_FULL, _CANTOPEN, _NOTADB = 13, 14, 26
_UNWRITABLE = frozenset({_PERM, _READONLY, _IOERR, _FULL, _CANTOPEN})


@contextmanager
def errors_as_history(
    path: Path, tr: Translator, connection: sqlite3.Connection | None = None
) -> Iterator[None]:
    """SQLite's errors as the user's: HistoryUnwritable or HistoryError (bugs pass).
    `connection`: the open file, asked what is damaged when SQLite finds damage."""
    try:
        yield
    except (sqlite3.ProgrammingError, sqlite3.InterfaceError, sqlite3.IntegrityError):
        raise  # a mistake in aktplan, not in the file: keep the traceback
    except sqlite3.Error as exc:
        code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
        if code in _UNWRITABLE:
            raise HistoryUnwritable(tr("history.unwritable", file=path, error=exc)) from None
        if code in (_BUSY, _LOCKED):
            raise HistoryError(tr("history.busy", file=path, seconds=int(BUSY_TIMEOUT))) from None
        if connection is not None and code in (_CORRUPT, _NOTADB):
            raise HistoryError(_damage(connection, path, tr, exc)) from None
        if code == _NOTADB:
            raise HistoryError(tr("history.not_sqlite", file=path)) from None
        raise HistoryError(tr("history.corrupt", file=path, error=exc)) from None


def _damage(connection: sqlite3.Connection, path: Path, tr: Translator, error: Exception) -> str:
    """The message for damage SQLite found in an open file: cut short, else what `PRAGMA
    integrity_check` finds (its first problems), else SQLite's error. Run only once
    SQLite has found damage: it reads the whole file."""
    try:
        if connection.in_transaction:  # no lock held while the header is read
            connection.execute("ROLLBACK")
    except sqlite3.Error:
        pass
    cut = _truncation(path, tr)
    if cut is not None:
        return cut
    try:
        found = [row[0] for row in connection.execute("PRAGMA integrity_check(3)")]
    except sqlite3.Error:
        found = []
    detail = "; ".join(problem for problem in found if problem != "ok") or str(error)
    return tr("history.corrupt", file=path, error=detail)


def _check_file(path: Path, tr: Translator, *, create: bool, read_only: bool) -> None:
    """Refuse, before SQLite opens it, what is not a SQLite file; make a missing one."""
    if path.is_dir():
        raise HistoryError(tr("history.not_sqlite", file=path))
    if not path.exists():
        if not create or read_only:
            raise HistoryError(tr("history.missing", file=path))
        try:  # made here rather than by SQLite, for the system's own reason if it fails
            os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o666))
        except OSError as exc:
            raise HistoryUnwritable(
                tr("history.unwritable", file=path, error=exc.strerror or exc)
            ) from None
        return
    try:
        with open(path, "rb") as file:
            head = file.read(len(MAGIC))
    except OSError as exc:
        raise HistoryError(tr("history.unreadable", file=path, error=exc.strerror or exc)) from None
    # Empty: a new database. All zeros: another process is writing the first page
    # this instant (SQLite will tell, under its lock). Anything else must be SQLite's.
    if head and head != MAGIC and any(head):
        raise HistoryError(tr("history.not_sqlite", file=path))


def connect(path: Path, tr: Translator, *, create: bool, read_only: bool) -> sqlite3.Connection:
    """An open connection to the checked, current history file (see the module text)."""
    _check_file(path, tr, create=create, read_only=read_only)
    with errors_as_history(path, tr):
        if read_only:
            uri = f"{path.absolute().as_uri()}?mode=ro"
            connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT, isolation_level=None)
        else:
            connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
    try:
        with errors_as_history(path, tr):
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA cell_size_check = ON")  # damage found as pages are read
            register_functions(connection)
            try:
                version = _check(connection, path, tr)
            except (HistoryError, sqlite3.DatabaseError):
                _refuse_if_truncated(path, tr)  # the likelier cause, said more helpfully
                raise
            if version < SCHEMA_VERSION:
                connection = _upgrade(connection, path, tr)
    except BaseException:
        connection.close()
        raise
    return connection


def _state(connection: sqlite3.Connection, path: Path, tr: Translator) -> int:
    """The file's version, after refusing someone else's database or a newer one."""
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    tables = {
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    if application_id != APPLICATION_ID:
        if application_id != 0 or version != 0 or tables:  # not empty, and not ours
            raise HistoryError(tr("history.foreign", file=path))
        return 0
    if version > SCHEMA_VERSION:
        raise HistoryError(tr("history.newer", file=path, found=version, supported=SCHEMA_VERSION))
    if version and not set(TABLES[version]) <= tables:
        raise HistoryError(tr("history.corrupt", file=path, error=f"tables: {sorted(tables)}"))
    return version


def _truncation(path: Path, tr: Translator) -> str | None:
    """The message for a file shorter than its header says: cut short (a copy or a sync
    that stopped half-way). Read only when no lock is held: a header read beside
    SQLite's locks could see another process's commit half done, and closing the file
    here would release this process's POSIX locks on it."""
    try:
        with open(path, "rb") as file:
            header = file.read(100)
            size = os.fstat(file.fileno()).st_size
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(MAGIC):
        return None
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]  # the header's page count is kept up to date
    if valid and pages * page_size > size:
        return tr("history.truncated", file=path, size=size, expected=pages * page_size)
    return None


def _refuse_if_truncated(path: Path, tr: Translator) -> None:
    """After SQLite refused the file: say so if it was cut short (the likelier cause)."""
    cut = _truncation(path, tr)
    if cut is not None:
        raise HistoryError(cut)


def _check(connection: sqlite3.Connection, path: Path, tr: Translator) -> int:
    """`_state` and the size the header promises, under one shared lock."""
    connection.execute("BEGIN")
    try:
        version = _state(connection, path, tr)  # takes the shared lock
        # The size the header promises (SQLite's page count), against the file's: no
        # commit can change either while the lock is held; os.stat opens no descriptor.
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        expected = pages * connection.execute("PRAGMA page_size").fetchone()[0]
        size = os.stat(path).st_size
        if expected > size:
            raise HistoryError(tr("history.truncated", file=path, size=size, expected=expected))
    finally:
        if connection.in_transaction:
            connection.execute("COMMIT")
    return version


def _shrink(connection: sqlite3.Connection) -> None:
    """After the move from one row per activity (versions 1–2) to version 3: give the
    freed pages back (VACUUM), if no other aktplan is using the file right now.
    Otherwise they are reused by later snapshots, which is no harm, so nothing waits
    long for it."""
    try:
        connection.execute("PRAGMA busy_timeout = 1000")
        connection.execute("VACUUM")
    except sqlite3.Error:
        pass
    finally:
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")


def _upgrade(connection: sqlite3.Connection, path: Path, tr: Translator) -> sqlite3.Connection:
    """Bring the file to SCHEMA_VERSION in one transaction. Where it cannot be written
    (read-only, or a read-only place), the upgrade is made on a copy in memory, which
    can be read and refuses writes as the file itself would."""
    try:
        with errors_as_history(path, tr):
            connection.execute("BEGIN IMMEDIATE")
            try:
                version = _state(connection, path, tr)  # another process may have done it
                if version < SCHEMA_VERSION:
                    migrate(connection, version)
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
            if version < 3:  # a new file too: made by way of versions 1 and 2
                _shrink(connection)
        return connection
    except HistoryUnwritable:
        pass
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        connection.backup(memory)
        connection.close()
        register_functions(memory)
        memory.execute("PRAGMA foreign_keys = ON")
        memory.execute("BEGIN")
        migrate(memory, _state(memory, path, tr))
        memory.execute("COMMIT")
        memory.execute("PRAGMA query_only = ON")  # a write: SQLITE_READONLY, as the file
    except BaseException:
        memory.close()
        raise
    return memory
