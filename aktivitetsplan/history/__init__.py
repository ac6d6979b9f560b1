"""aktplan's memory: a snapshot of the plans per report, in one SQLite file.

`store` is the API (Store, SnapshotInfo, Snapshot, plan_set, default_path); `schema`
the tables and their migrations, `opening` the checks before a file is used, `codec`
how plans become rows and come back.
"""

from __future__ import annotations

from .store import (
    DEFAULT_NAME,
    SCHEMA_VERSION,
    Snapshot,
    SnapshotInfo,
    Store,
    default_path,
    history_path,
    plan_set,
)

__all__ = [
    "DEFAULT_NAME",
    "SCHEMA_VERSION",
    "Snapshot",
    "SnapshotInfo",
    "Store",
    "default_path",
    "history_path",
    "plan_set",
]
