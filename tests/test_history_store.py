"""The history store: real SQLite files on disk, plans made with our writers and filled
with openpyxl, no mocks.

A snapshot gives back the plans as read (every column, phase, row, file, sheet,
campaign), so the same report comes out of it; one snapshot per plan set and day; a
plan that did not change is stored once; the schema is migrated from versions 1 and
2; a newer, foreign, non-SQLite, truncated or damaged file is a HistoryError and is
left as it was; a place that cannot be written is a HistoryUnwritable; two processes
saving at once both succeed.
"""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from conftest import PORTFOLIO, REPORT_DATE, fill_plan, write_template

from aktivitetsplan.compute.report import build_report
from aktivitetsplan.errors import AktplanError, HistoryError, HistoryUnwritable
from aktivitetsplan.history.codec import decode_plan, encode_plan
from aktivitetsplan.history.store import (
    DEFAULT_NAME,
    SCHEMA_VERSION,
    SnapshotInfo,
    Store,
    default_path,
    history_path,
    plan_set,
)
from aktivitetsplan.i18n import t
from aktivitetsplan.plan.keys import activity_key
from aktivitetsplan.plan.model import Plan
from aktivitetsplan.plan.schema import COLUMNS
from aktivitetsplan.plan.table import TABLE_COLUMNS, Table
from aktivitetsplan.read.reader import read_plans
from aktivitetsplan.settings import Settings

SETTINGS = Settings(report_date=REPORT_DATE)
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# A plan with every column filled, a row without an ID and a formula with no saved
# value (an unreadable cell), beside the two plans of the shared portfolio.
FULL_ROWS = [
    {
        "ID": "F1",
        "Aktivitet": "Kundecase",
        "Beskrivelse": "Intervju og artikkel",
        "Type": "Program",
        "Kanal": "Blogg",
        "Ansvarlig": "Kari",
        "Utfører": "Ola, Ingrid",
        "Start": date(2026, 2, 1),
        "Frist": date(2026, 2, 28),
        "Status": "I distribusjon",
        "Timer": 12.5,
        "Budsjett (kr)": 8_000,
        "Kostnad (kr)": 7_250.75,
        "KPI": "Leads",
        "Måltall": 20,
        "Resultat": 22,
        "Kommentar": 'Publisert «på» "bloggen"\nlinje 2 \\ ✓',
    },
    {
        "Aktivitet": "Sommerfest for Kunder",
        "Type": "Hendelse",
        "Frist": date(2026, 6, 20),
        "Status": "ukjent status",
        "Kostnad (kr)": "=1+1",
    },
]
FULL_CAMPAIGN = {"Kampanje": "Kunnskap", "Mål": "Flere leads", "Målgruppe": "Ledere"}


def make_portfolio(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, spec in PORTFOLIO.items():
        fill_plan(write_template(folder / name), spec["rows"], spec["campaign"])
    fill_plan(write_template(folder / "full.xlsx"), FULL_ROWS, FULL_CAMPAIGN)
    return folder


@pytest.fixture
def plans_folder(tmp_path: Path) -> Path:
    return make_portfolio(tmp_path / "planer")


def read(folder: Path, settings: Settings = SETTINGS) -> list:
    result = read_plans([folder], settings)
    assert not result.unreadable
    return result.plans


def save(store: Store, plans: list, day: date, settings: Settings = SETTINGS) -> SnapshotInfo:
    """Save as `aktplan rapport` will: the report's figures and each plan's."""
    report = build_report(plans, settings.but(report_date=day))
    figures = report.to_json()
    return store.save(plans, day, figures["budget"], [p.to_json() for p in report.plans])


def values(array: np.ndarray) -> list:
    """A column as a list, blanks (NaN, NaT) as None, so columns compare with ==."""
    if array.dtype.kind in "fM":
        blank = np.isnan(array) if array.dtype.kind == "f" else np.isnat(array)
        return [None if b else v for b, v in zip(blank.tolist(), array.tolist(), strict=True)]
    return array.tolist()


def assert_same_plans(loaded: list, read_back: list) -> None:
    assert len(loaded) == len(read_back)
    for got, want in zip(loaded, read_back, strict=True):
        assert (got.file, got.sheet, got.header_row) == (want.file, want.sheet, want.header_row)
        assert got.campaign == want.campaign
        assert got.unreadable_cells == want.unreadable_cells
        assert got.issues == []
        for key in TABLE_COLUMNS:
            assert got.table[key].dtype == want.table[key].dtype, key
            assert values(got.table[key]) == values(want.table[key]), key


def db_bytes(path: Path) -> bytes:
    return path.read_bytes()


def rows_in(path: Path, table: str) -> int:
    db = sqlite3.connect(path)
    try:
        return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        db.close()


# --- where, and which plans ------------------------------------------------------------


def test_default_path_beside_the_plans(plans_folder):
    assert default_path([plans_folder]) == plans_folder / DEFAULT_NAME
    assert default_path([plans_folder / "vaar.xlsx", Path("x")]) == plans_folder / DEFAULT_NAME
    assert history_path(SETTINGS, [plans_folder]) == plans_folder / DEFAULT_NAME
    elsewhere = plans_folder.parent / "annet" / "h.sqlite"
    assert history_path(SETTINGS.but(history=elsewhere), [plans_folder]) == elsewhere
    assert history_path(dataclasses.replace(SETTINGS, use_history=False), [plans_folder]) is None


def test_plan_set_is_relative_sorted_and_posix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "planer").mkdir()
    store_path = tmp_path / "planer" / DEFAULT_NAME
    files = ["planer/b.xlsx", str(tmp_path / "planer" / "a.xlsx"), "planer/sub/c.xlsx", "d.xlsx"]
    expected = ["../d.xlsx", "a.xlsx", "b.xlsx", "sub/c.xlsx"]
    first = plan_set([*files, "planer/b.xlsx"], store_path)
    assert json.loads(first) == expected
    # The same files named from another folder are the same plan set.
    monkeypatch.chdir(tmp_path / "planer")
    assert plan_set(["b.xlsx", "a.xlsx", "sub/c.xlsx", "../d.xlsx"], Path(DEFAULT_NAME)) == first


def test_activity_key():
    assert activity_key("A-7", "Nyhetsbrev") == "id:A-7"
    assert activity_key(None, "  Sommerfest  for Kunder.") == "name:sommerfest for kunder"
    assert activity_key(" ", "Blåbær") == "name:blabaer"


# --- snapshots -------------------------------------------------------------------------


def test_round_trip_gives_the_plans_and_the_report_back(plans_folder):
    plans = read(plans_folder)
    assert {p.file.rsplit("/", 1)[-1] for p in plans} == {"vaar.xlsx", "host.xlsx", "full.xlsx"}
    full = next(p for p in plans if p.file.endswith("full.xlsx"))
    assert full.unreadable_cells  # the formula with no saved value
    assert set(full.table["phase"].tolist()) == {"distributed", "unknown"}
    path = plans_folder / DEFAULT_NAME
    with Store.open(path, SETTINGS) as store:
        info = save(store, plans, REPORT_DATE)
        assert (info.day, info.plans, info.activities) == (REPORT_DATE, 3, 9)
        assert info.aktplan_version and info.saved_at.tzinfo is not None
        assert info.files == ["full.xlsx", "host.xlsx", "vaar.xlsx"]
        snapshot = store.load(info.id)
    assert snapshot.info == info
    assert snapshot.info.figures == info.figures
    assert_same_plans(snapshot.plans, plans)
    assert snapshot.files == [store.file_key(p.file) for p in plans]
    assert snapshot.keys[[p.file for p in plans].index(full.file)] == [
        "id:F1",
        "name:sommerfest for kunder",
    ]
    # The same computation runs on it: the report of that day, figure for figure.
    without_issues = [dataclasses.replace(p, issues=[]) for p in plans]
    assert (
        build_report(snapshot.plans, SETTINGS).to_json()
        == build_report(without_issues, SETTINGS).to_json()
    )
    assert snapshot.plan_figures == [p.to_json() for p in build_report(plans, SETTINGS).plans]


def test_same_day_replaces_that_days_snapshot(plans_folder):
    path = plans_folder / DEFAULT_NAME
    with Store.open(path, SETTINGS) as store:
        first = save(store, read(plans_folder), REPORT_DATE)
        fill_plan(plans_folder / "vaar.xlsx", [{"Status": "Avlyst"}])  # V1 cancelled
        plans = read(plans_folder)
        second = save(store, plans, REPORT_DATE)
        assert store.count() == 1
        assert [s.id for s in store.snapshots()] == [second.id] != [first.id]
        loaded = store.load(second)
    assert_same_plans(loaded.plans, plans)
    vaar = loaded.plans[loaded.files.index("vaar.xlsx")]
    assert vaar.table["phase"][0] == "cancelled"
    # The replaced snapshot's rows went with it, and vaar.xlsx's old content, which no
    # snapshot holds any longer; the two unchanged plans' contents are the same rows.
    assert (rows_in(path, "plans"), rows_in(path, "contents")) == (3, 3)


def test_a_past_report_date_is_stored_under_that_date(plans_folder):
    """`--dato` in the past (a backfill from old copies) is stored under that date."""
    past = date(2025, 12, 31)
    with Store.open(plans_folder / DEFAULT_NAME, SETTINGS) as store:
        save(store, read(plans_folder), REPORT_DATE)
        settings = SETTINGS.but(report_date=past)
        save(store, read(plans_folder, settings), settings.today(), settings)
        assert [s.day for s in store.snapshots()] == [past, REPORT_DATE]


def test_latest_before_and_at_or_before(plans_folder, tmp_path):
    days = [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]
    other = make_portfolio(tmp_path / "andre")
    with Store.open(plans_folder / DEFAULT_NAME, SETTINGS) as store:
        plans = read(plans_folder)
        for day in days:
            save(store, plans, day)
        save(store, read(other), date(2026, 2, 15))  # another plan set, not mixed in
        ours = store.plan_set_of(plans)
        assert ours == store.plan_set(p.file for p in plans)
        assert store.count() == 4 and store.count(ours) == 3
        assert [s.day for s in store.snapshots(ours)] == days
        assert [s.day for s in store.snapshots()] == sorted([*days, date(2026, 2, 15)])

        def day(info: SnapshotInfo | None) -> date | None:
            return info.day if info else None

        assert day(store.latest_before(ours, date(2026, 3, 31))) == date(2026, 2, 28)
        assert day(store.latest_before(ours, date(2026, 3, 1))) == date(2026, 2, 28)
        assert day(store.latest_before(ours, date(2026, 1, 31))) is None
        assert day(store.at_or_before(ours, date(2026, 2, 28))) == date(2026, 2, 28)
        assert day(store.at_or_before(ours, date(2026, 2, 27))) == date(2026, 1, 31)
        assert day(store.at_or_before(ours, date(2025, 12, 31))) is None
        assert day(store.at_or_before(ours, date(2027, 1, 1))) == date(2026, 3, 31)
        assert store.latest_before('["nothing.xlsx"]', date(2027, 1, 1)) is None


def test_delete_is_the_only_way_out(plans_folder):
    path = plans_folder / DEFAULT_NAME
    with Store.open(path, SETTINGS) as store:
        plans = read(plans_folder)
        for day in (date(2026, 1, 31), date(2026, 2, 28)):
            save(store, plans, day)
        assert store.delete(date(2026, 1, 30)) == 0
        assert store.delete(date(2026, 1, 31), plan_set='["other.xlsx"]') == 0
        assert store.delete(date(2026, 1, 31), plan_set=store.plan_set_of(plans)) == 1
        assert [s.day for s in store.snapshots()] == [date(2026, 2, 28)]
        assert rows_in(path, "contents") == 3  # shared with the snapshot still held
        assert_same_plans(store.load(store.snapshots()[0]).plans, plans)
        assert store.delete(date(2026, 2, 28)) == 1
        assert store.count() == 0
    assert (rows_in(path, "plans"), rows_in(path, "contents")) == (0, 0)


def test_an_unchanged_plan_is_stored_once(plans_folder):
    """A snapshot of plans that did not change adds their names and figures, not their
    activities again; a changed plan adds its own content only."""
    path = plans_folder / DEFAULT_NAME
    with Store.open(path, SETTINGS) as store:
        plans = read(plans_folder)
        for day in (date(2026, 1, 31), date(2026, 2, 28)):
            save(store, plans, day)
        assert (rows_in(path, "plans"), rows_in(path, "contents")) == (6, 3)
        fill_plan(plans_folder / "host.xlsx", [{"Kostnad (kr)": 1234}])
        changed = read(plans_folder)
        save(store, changed, REPORT_DATE)
        assert (rows_in(path, "plans"), rows_in(path, "contents")) == (9, 4)
        first, second, third = (store.load(info) for info in store.snapshots())
    assert_same_plans(first.plans, plans)
    assert_same_plans(second.plans, plans)
    assert_same_plans(third.plans, changed)


def test_one_activity_through_the_snapshots(plans_folder):
    """Found in each snapshot by its file, sheet and key, with that day's values."""
    with Store.open(plans_folder / DEFAULT_NAME, SETTINGS) as store:
        save(store, read(plans_folder), date(2026, 2, 28))
        fill_plan(plans_folder / "vaar.xlsx", [{"Frist": date(2026, 3, 17)}])
        save(store, read(plans_folder), REPORT_DATE)
        seen = []
        for info in store.snapshots():
            snapshot = store.load(info)
            position = snapshot.files.index("vaar.xlsx")
            plan = snapshot.plans[position]
            assert plan.sheet == "Aktivitetsplan"
            index = snapshot.keys[position].index("id:V1")
            row, phase = plan.table["row"][index], plan.table["phase"][index]
            seen.append((info.day, values(plan.table["deadline"])[index], row, phase))
    assert seen == [
        (date(2026, 2, 28), date(2026, 3, 10), 14, "distributed"),
        (REPORT_DATE, date(2026, 3, 17), 14, "distributed"),
    ]


def test_load_an_unknown_id(plans_folder):
    with Store.open(plans_folder / DEFAULT_NAME, SETTINGS) as store, pytest.raises(KeyError):
        store.load(42)


def test_a_plan_without_activities(tmp_path):
    empty = Plan("tom.xlsx", "Aktivitetsplan", {"name": "Tom"}, Table.empty(), header_row=13)
    with Store.open(tmp_path / DEFAULT_NAME, SETTINGS) as store:
        info = store.save([empty], REPORT_DATE, {}, [{}])
        assert info.activities == 0
        snapshot = store.load(info)
    assert_same_plans(snapshot.plans, [empty])
    assert snapshot.keys == [[]]


def test_a_column_added_to_the_schema_since_comes_back_blank(plans_folder):
    """A content without a column the schema now has (saved before it was added) gives
    it blank; one the schema no longer has is left aside: no migration for either."""
    plans = read(plans_folder)
    full = next(p for p in plans if p.file.endswith("full.xlsx"))
    payload = encode_plan(full).payload
    end = payload.index(b"\0")
    head = json.loads(payload[:end])
    del head["text"]["comment"]
    head["text"]["retired"] = ["x"] * len(full.table)
    older = zlib.compress(json.dumps(head).encode() + payload[end:])
    content = decode_plan(older)
    table, campaign, unreadable = content.table, content.campaign, content.unreadable
    assert values(table["comment"]) == [None] * len(full.table)
    for key in TABLE_COLUMNS:
        if key != "comment":
            assert values(table[key]) == values(full.table[key]), key
    assert (campaign, unreadable) == (full.campaign, full.unreadable_cells)


# --- versions --------------------------------------------------------------------------

# The version 1 schema as aktplan wrote it, kept here verbatim: the migration must
# bring files made with exactly this to the current version.
V1_DDL = """
CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_set TEXT NOT NULL,
    day TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    plans INTEGER NOT NULL,
    activities INTEGER NOT NULL,
    figures TEXT NOT NULL,
    UNIQUE (plan_set, day)
);
CREATE TABLE plans (
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
) WITHOUT ROWID;
CREATE TABLE activities (
    id INTEGER PRIMARY KEY,
    snapshot_id INTEGER NOT NULL,
    plan INTEGER NOT NULL,
    row INTEGER NOT NULL,
    phase TEXT NOT NULL,
    data TEXT NOT NULL,
    FOREIGN KEY (snapshot_id, plan) REFERENCES plans (snapshot_id, position) ON DELETE CASCADE
);
CREATE INDEX activities_by_plan ON activities (snapshot_id, plan);
PRAGMA application_id = 1634432112;
PRAGMA user_version = 1;
"""


def write_v1(path: Path) -> None:
    """A version 1 file holding two snapshots of one plan, as aktplan 1 saved them."""
    db = sqlite3.connect(path)
    db.executescript(V1_DDL)
    campaign = json.dumps({"name": "Vår", "budget": 50000.0, "start": "2026-01-01", "end": None})
    for sid, day, status in ((1, "2026-01-31", "todo"), (2, "2026-02-28", "distributed")):
        db.execute(
            "INSERT INTO snapshots VALUES (?, '[\"vaar.xlsx\"]', ?, '2026-02-28T12:00:00+00:00',"
            " 1, 2, '{\"activities\": 2}')",
            (sid, day),
        )
        db.execute(
            "INSERT INTO plans VALUES (?, 0, 'vaar.xlsx', 'planer/vaar.xlsx', 'Aktivitetsplan',"
            " 13, ?, '[[15, \"cost\", \"Aktivitetsplan!M15\"]]', '{}')",
            (sid, campaign),
        )
        for row, data in (
            (14, {"id": "V1", "activity": "Landingsside", "deadline": "2026-03-10", "cost": 5.5}),
            (15, {"activity": "Påskeegg  Kampanje", "status": "Pågår"}),
        ):
            db.execute(
                "INSERT INTO activities (snapshot_id, plan, row, phase, data)"
                " VALUES (?, 0, ?, ?, ?)",
                (sid, row, status, json.dumps(data)),
            )
    db.commit()
    db.close()


def user_version(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA user_version").fetchone()[0]
    finally:
        db.close()


def check_file(path: Path) -> None:
    """Sound, at the current version, with no pages left over from older versions."""
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("PRAGMA freelist_count").fetchone() == (0,)  # vacuumed
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        assert "activities" not in tables and {"snapshots", "plans", "contents"} <= tables
    finally:
        db.close()


def test_migration_from_version_1(tmp_path):
    path = tmp_path / DEFAULT_NAME
    write_v1(path)
    with Store.open(path, SETTINGS) as store:
        infos = store.snapshots()
        assert [(s.id, s.day, s.aktplan_version, s.activities, s.figures) for s in infos] == [
            (1, date(2026, 1, 31), None, 2, {"activities": 2}),
            (2, date(2026, 2, 28), None, 2, {"activities": 2}),
        ]
        snapshot = store.load(store.at_or_before('["vaar.xlsx"]', date(2026, 2, 28)))
        (plan,) = snapshot.plans
        assert (plan.file, plan.sheet) == ("planer/vaar.xlsx", "Aktivitetsplan")
        assert snapshot.files == ["vaar.xlsx"] and snapshot.plan_figures == [{}]
        assert plan.header_row == 13
        assert plan.campaign == {
            "name": "Vår",
            "budget": 50000.0,
            "start": date(2026, 1, 1),
            "end": None,
        }
        assert plan.unreadable_cells == [(15, "cost", "Aktivitetsplan!M15")]
        assert plan.table["row"].tolist() == [14, 15]
        assert values(plan.table["deadline"]) == [date(2026, 3, 10), None]
        assert values(plan.table["cost"]) == [5.5, None]
        assert plan.table["status"].tolist() == [None, "Pågår"]
        assert plan.table["phase"].tolist() == ["distributed", "distributed"]
        assert snapshot.keys == [["id:V1", "name:paskeegg kampanje"]]
        assert store.load(1).plans[0].table["phase"].tolist() == ["todo", "todo"]
        # and it takes new snapshots as any current file does
        store.save(snapshot.plans, date(2026, 3, 31), {}, [{}], plan_set='["vaar.xlsx"]')
        assert store.count() == 3
    assert rows_in(path, "contents") == 2  # the third snapshot is the second's content
    check_file(path)


# Version 2 as aktplan wrote it: version 1's DDL, then these steps, verbatim.
V2_STEPS = """
ALTER TABLE snapshots ADD COLUMN aktplan_version TEXT;
ALTER TABLE activities ADD COLUMN key TEXT NOT NULL DEFAULT '';
CREATE INDEX activities_by_key ON activities (key);
PRAGMA user_version = 2;
"""
V2_DDL = V1_DDL.replace("PRAGMA user_version = 1;\n", "") + V2_STEPS
COLUMN_KEYS = [column.key for column in COLUMNS]


def _iso(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(value)


def write_v2(path: Path, plans: list, days: list[date]) -> list[dict]:
    """A version 2 file with a snapshot of `plans` per day, as aktplan 2 saved them: one
    JSON row per activity (blanks left out, dates ISO) and its key. The plans' figures."""
    db = sqlite3.connect(path)
    db.executescript(V2_DDL)
    files = [Path(os.path.relpath(plan.file, path.parent)).as_posix() for plan in plans]
    figures = [{"file": file, "position": position} for position, file in enumerate(files)]
    for sid, day in enumerate(days, start=1):
        db.execute(
            "INSERT INTO snapshots (id, plan_set, day, saved_at, plans, activities, figures,"
            " aktplan_version) VALUES (?, ?, ?, '2026-03-31T08:00:00+00:00', ?, ?, ?, '0.9')",
            (
                sid,
                json.dumps(sorted(files)),
                day.isoformat(),
                len(plans),
                sum(len(plan.table) for plan in plans),
                json.dumps({"day": day.isoformat()}),
            ),
        )
        for position, plan in enumerate(plans):
            db.execute(
                "INSERT INTO plans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    sid,
                    position,
                    files[position],
                    plan.file,
                    plan.sheet,
                    plan.header_row,
                    json.dumps(plan.campaign, default=_iso, ensure_ascii=False),
                    json.dumps(plan.unreadable_cells),
                    json.dumps(figures[position]),
                ),
            )
            table = plan.table
            columns = {key: values(table[key]) for key in COLUMN_KEYS}
            for index in range(len(table)):
                data = {
                    key: _iso(value) if isinstance(value, date) else value
                    for key in COLUMN_KEYS
                    if (value := columns[key][index]) is not None
                }
                db.execute(
                    "INSERT INTO activities (snapshot_id, plan, row, phase, data, key)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        sid,
                        position,
                        int(table["row"][index]),
                        table["phase"][index],
                        json.dumps(data, ensure_ascii=False),
                        activity_key(data.get("id"), data.get("activity")),
                    ),
                )
    db.commit()
    db.close()
    return figures


def test_migration_from_version_2_keeps_everything(plans_folder):
    """Every column, phase, row, campaign, unreadable cell and figure of a version 2
    file comes back from version 3, and the same report with it."""
    plans = read(plans_folder)
    path = plans_folder / DEFAULT_NAME
    days = [date(2026, 1, 31), date(2026, 2, 28)]
    figures = write_v2(path, plans, days)
    keys = [
        list(map(activity_key, p.table["id"].tolist(), p.table["activity"].tolist())) for p in plans
    ]
    with Store.open(path, SETTINGS) as store:
        infos = store.snapshots()
        assert [
            (s.id, s.day, s.aktplan_version, s.plans, s.activities, s.figures) for s in infos
        ] == [
            (1, days[0], "0.9", 3, 9, {"day": "2026-01-31"}),
            (2, days[1], "0.9", 3, 9, {"day": "2026-02-28"}),
        ]
        assert infos[0].files == sorted(store.file_key(p.file) for p in plans)
        for info in infos:
            snapshot = store.load(info)
            assert_same_plans(snapshot.plans, plans)
            assert snapshot.files == [store.file_key(p.file) for p in plans]
            assert snapshot.plan_figures == figures
            assert snapshot.keys == keys
        # Versions 1–2 kept no header: which of the method's columns a plan had is not
        # known after the migration, so the comparison is with plans without them.
        without_issues = [dataclasses.replace(p, issues=[], columns=frozenset()) for p in plans]
        assert (
            build_report(snapshot.plans, SETTINGS).to_json()
            == build_report(without_issues, SETTINGS).to_json()
        )
        # Saved as the migration knows them (which method columns a plan had is not in a
        # version 2 file), the plans' contents are the migrated ones.
        save(store, without_issues, REPORT_DATE)
        assert store.count() == 3
    assert rows_in(path, "contents") == 3  # one per plan, shared by the three snapshots
    check_file(path)


def schema_of(path: Path) -> list[tuple]:
    """The file's tables and indexes, their SQL with white space normalised."""
    db = sqlite3.connect(path)
    try:
        rows = db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")
        return [(*row[:3], " ".join((row[3] or "").split())) for row in rows]
    finally:
        db.close()


def test_a_new_file_has_the_shape_of_a_migrated_one(tmp_path):
    """A new file is made by the steps that bring an old one up to date."""
    write_v1(tmp_path / "v1.sqlite")
    for name in ("v1.sqlite", "new.sqlite"):
        Store.open(tmp_path / name, SETTINGS).close()
    assert schema_of(tmp_path / "v1.sqlite") == schema_of(tmp_path / "new.sqlite")
    assert user_version(tmp_path / "new.sqlite") == SCHEMA_VERSION == 3


def test_read_only_upgrades_in_memory_and_leaves_the_file(tmp_path):
    path = tmp_path / DEFAULT_NAME
    write_v1(path)
    before = db_bytes(path)
    with Store.open(path, SETTINGS, read_only=True) as store:
        assert store.count() == 2
        assert store.load(1).keys == [["id:V1", "name:paskeegg kampanje"]]
        with pytest.raises(HistoryUnwritable):
            store.save([], REPORT_DATE, {}, [])
    assert db_bytes(path) == before and user_version(path) == 1


# --- files aktplan must not use ----------------------------------------------------------


def test_database_from_a_newer_aktplan(plans_folder):
    path = plans_folder / DEFAULT_NAME
    with Store.open(path, SETTINGS) as store:
        save(store, read(plans_folder), REPORT_DATE)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    before = db_bytes(path)
    with pytest.raises(HistoryError) as raised:
        Store.open(path, SETTINGS)
    assert not isinstance(raised.value, HistoryUnwritable)
    assert str(raised.value) == t(
        "history.newer", "nb", file=path, found=SCHEMA_VERSION + 1, supported=SCHEMA_VERSION
    )
    assert "Oppdater aktplan" in str(raised.value)
    assert db_bytes(path) == before


@pytest.mark.parametrize("content", ["planer og notater\n", "x" * 5000, "SQLite format 2\n"])
def test_a_text_file_named_sqlite(tmp_path, content):
    path = tmp_path / DEFAULT_NAME
    path.write_text(content, encoding="utf-8")
    with pytest.raises(HistoryError) as raised:
        Store.open(path, SETTINGS)
    assert str(raised.value) == t("history.not_sqlite", "nb", file=path)
    assert path.read_text(encoding="utf-8") == content
    assert sorted(p.name for p in tmp_path.iterdir()) == [DEFAULT_NAME]


def test_a_folder_at_that_path(tmp_path):
    (tmp_path / DEFAULT_NAME).mkdir()
    with pytest.raises(HistoryError) as raised:
        Store.open(tmp_path / DEFAULT_NAME, SETTINGS)
    assert str(raised.value) == t("history.not_sqlite", "nb", file=tmp_path / DEFAULT_NAME)


def test_someone_elses_sqlite_database(tmp_path):
    path = tmp_path / DEFAULT_NAME
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE kunder (navn TEXT)")
    db.execute("INSERT INTO kunder VALUES ('Kari')")
    db.commit()
    db.close()
    before = db_bytes(path)
    for settings in (SETTINGS, SETTINGS.but(language="en")):
        with pytest.raises(HistoryError) as raised:
            Store.open(path, settings)
        assert str(raised.value) == t("history.foreign", settings.language, file=path)
    assert db_bytes(path) == before


@pytest.mark.parametrize("cut", ["half", "a page", "a few bytes"])
def test_a_truncated_database(plans_folder, cut):
    """Cut short anywhere: found on opening (the header's size against the file's)."""
    path = plans_folder / DEFAULT_NAME
    with Store.open(path, SETTINGS) as store:
        for day in (date(2026, 1, 31), date(2026, 2, 28), REPORT_DATE):
            save(store, read(plans_folder), day)
    whole = db_bytes(path)
    assert len(whole) >= 6 * 4096
    size = {"half": len(whole) // 2, "a page": len(whole) - 4096, "a few bytes": len(whole) - 7}
    path.write_bytes(whole[: size[cut]])
    with pytest.raises(HistoryError) as raised:
        Store.open(path, SETTINGS)
    assert not isinstance(raised.value, HistoryUnwritable)
    assert str(raised.value) == t(
        "history.truncated", "nb", file=path, size=size[cut], expected=len(whole)
    )
    assert db_bytes(path) == whole[: size[cut]]


def damage(path: Path, start: int, length: int) -> bytes:
    """Noise over `length` bytes from `start` (the size stays right); the file after."""
    whole = bytearray(db_bytes(path))
    whole[start : start + length] = (bytes(range(256)) * (length // 256 + 1))[:length]
    path.write_bytes(whole)
    return bytes(whole)


def root_page(path: Path, name: str) -> int:
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[
            0
        ]
    finally:
        db.close()


@pytest.mark.parametrize(
    ("damaged", "use"),
    [
        ("snapshots", lambda store: store.snapshots()),
        ("plans", lambda store: store.load(store.snapshots()[-1])),
        ("sqlite_autoindex_snapshots_1", lambda store: store.save([], REPORT_DATE, {}, [])),
        ("content", lambda store: store.load(store.snapshots()[-1])),
    ],
)
def test_a_damaged_database(plans_folder, damaged, use):
    """Noise over a table, an index or a plan's content (the size is right): opening does
    not read the whole file, so the damage is found where it is used, and said so."""
    path = plans_folder / DEFAULT_NAME
    with Store.open(path, SETTINGS) as store:
        for day in (date(2026, 1, 31), date(2026, 2, 28), REPORT_DATE):
            save(store, read(plans_folder), day)
    if damaged == "content":
        db = sqlite3.connect(path)
        (data,) = db.execute("SELECT data FROM contents ORDER BY id DESC").fetchone()
        db.close()
        start = db_bytes(path).index(data) + len(data) // 2
        whole = damage(path, start, 16)
    else:
        whole = damage(path, (root_page(path, damaged) - 1) * 4096, 4096)
    with Store.open(path, SETTINGS) as store, pytest.raises(HistoryError) as raised:
        use(store)
    assert not isinstance(raised.value, HistoryUnwritable)
    prefix = t("history.corrupt", "nb", file=path, error="\0").split("\0")[0]
    assert str(raised.value).startswith(prefix)
    assert db_bytes(path) == whole


def test_missing_file_when_not_to_be_made(tmp_path):
    path = tmp_path / DEFAULT_NAME
    with pytest.raises(HistoryError) as raised:
        Store.open(path, SETTINGS, create=False)
    assert str(raised.value) == t("history.missing", "nb", file=path)
    assert not path.exists()


def test_history_errors_are_one_feil_line():
    assert issubclass(HistoryUnwritable, HistoryError)
    assert issubclass(HistoryError, AktplanError) and HistoryError("x").exit_code == 2


# --- places that cannot be written ------------------------------------------------------


@pytest.mark.skipif(AS_ROOT, reason="running as root: a read-only folder does not stop root")
def test_read_only_folder(tmp_path):
    folder = tmp_path / "lesebeskyttet"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        path = folder / DEFAULT_NAME
        with pytest.raises(HistoryUnwritable) as raised:
            Store.open(path, SETTINGS)
        assert str(raised.value) == t(
            "history.unwritable", "nb", file=path, error=os.strerror(errno.EACCES)
        )
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(stat.S_IRWXU)


@pytest.mark.skipif(AS_ROOT, reason="running as root: a read-only file does not stop root")
def test_read_only_file(plans_folder):
    path = plans_folder / DEFAULT_NAME
    with Store.open(path, SETTINGS) as store:
        save(store, read(plans_folder), REPORT_DATE)
    path.chmod(stat.S_IRUSR)
    try:
        with Store.open(path, SETTINGS) as store:
            assert store.count() == 1
            with pytest.raises(HistoryUnwritable):
                save(store, read(plans_folder), date(2026, 4, 1))
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


AS_ANOTHER_USER = """
import os, sys
from datetime import date
from pathlib import Path
from aktivitetsplan.errors import HistoryUnwritable
from aktivitetsplan.history.store import Store
from aktivitetsplan.settings import Settings

path = Path(sys.argv[1])
settings = Settings()
settings.tr("history.unwritable", file=path, error="")  # the catalogue, loaded as root
os.setegid(65534)  # nobody: a read-only folder or file stops this user
os.seteuid(65534)
try:
    with Store.open(path, settings) as store:
        store.save([], date(2026, 4, 30), {}, [])
except HistoryUnwritable as exc:
    print(exc)
else:
    print("saved")
"""


@pytest.mark.skipif(not AS_ROOT, reason="needs root to become another user (tested above)")
def test_read_only_folder_and_file_as_another_user(plans_folder):
    """Under root (as in CI), the read-only cases run in a child that becomes `nobody`."""
    top = Path(tempfile.mkdtemp(prefix="aktplan-ro-"))  # a place `nobody` can reach
    try:
        top.chmod(0o755)
        with Store.open(top / "finnes.sqlite", SETTINGS) as store:
            save(store, read(plans_folder), REPORT_DATE)
        before = db_bytes(top / "finnes.sqlite")
        for path, error in (
            (top / DEFAULT_NAME, os.strerror(errno.EACCES)),  # a new file: the folder
            (top / "finnes.sqlite", "attempt to write a readonly database"),  # the file
        ):
            run = subprocess.run(
                [sys.executable, "-c", AS_ANOTHER_USER, str(path)],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            assert run.returncode == 0, run.stderr
            assert run.stdout.strip() == t("history.unwritable", "nb", file=path, error=error)
        assert sorted(p.name for p in top.iterdir()) == ["finnes.sqlite"]
        assert db_bytes(top / "finnes.sqlite") == before
    finally:
        shutil.rmtree(top)


def test_unwritable_system_folder():
    """A folder even root cannot create files in (sysfs): runs as root as well."""
    path = Path("/sys") / DEFAULT_NAME
    if not path.parent.is_dir():
        pytest.skip("no /sys on this system")
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        reason = exc.strerror
    else:  # pragma: no cover - a writable /sys; clean up and say so
        os.close(fd)
        path.unlink()
        pytest.skip("/sys is writable here")
    with pytest.raises(HistoryUnwritable) as raised:
        Store.open(path, SETTINGS)
    assert str(raised.value) == t("history.unwritable", "nb", file=path, error=reason)


def test_read_only_database_refuses_writes_even_as_root(plans_folder):
    """Opened `file:…?mode=ro`: SQLite itself refuses the write, whoever runs it."""
    path = plans_folder / DEFAULT_NAME
    plans = read(plans_folder)
    with Store.open(path, SETTINGS) as store:
        save(store, plans, REPORT_DATE)
    before = db_bytes(path)
    with Store.open(path, SETTINGS, read_only=True) as store:
        assert [s.day for s in store.snapshots()] == [REPORT_DATE]
        assert_same_plans(store.load(store.snapshots()[0]).plans, plans)
        with pytest.raises(HistoryUnwritable) as raised:
            save(store, plans, date(2026, 4, 30))
        assert str(raised.value) == t(
            "history.unwritable", "nb", file=path, error="attempt to write a readonly database"
        )
        with pytest.raises(HistoryUnwritable):
            store.delete(REPORT_DATE)
        assert store.count() == 1
    assert db_bytes(path) == before
    with pytest.raises(HistoryError):
        Store.open(plans_folder / "ny.sqlite", SETTINGS, read_only=True)


# --- two writers at once -------------------------------------------------------------------

WRITER = """
import sys, time
from datetime import date
from pathlib import Path
from aktivitetsplan.read.reader import read_plans
from aktivitetsplan.settings import Settings
from aktivitetsplan.history.store import Store

folder, db, go, *days = sys.argv[1:]
settings = Settings(report_date=date(2026, 3, 31))
plans = read_plans([folder], settings).plans
while time.time() < float(go):  # both start at the same instant
    time.sleep(0.0005)
for _ in range(5):
    for day in days:
        with Store.open(Path(db), settings) as store:  # a new file: made by one of them
            store.save(plans, date.fromisoformat(day), {"day": day}, [{} for _ in plans])
print("saved")
"""


def test_two_writers_at_once(plans_folder, tmp_path):
    db = tmp_path / "felles" / DEFAULT_NAME
    db.parent.mkdir()
    go = time.time() + 4
    days = {"a": ["2026-01-31", "2026-03-31"], "b": ["2026-02-28", "2026-03-31"]}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(plans_folder), str(db), str(go), *days[name]],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in days
    ]
    results = [writer.communicate(timeout=180) for writer in writers]
    for writer, (out, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0, err
        assert out.strip() == "saved"
    check = sqlite3.connect(db)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert check.execute("PRAGMA foreign_key_check").fetchall() == []
    check.close()
    plans = read(plans_folder)
    with Store.open(db, SETTINGS, create=False) as store:
        infos = store.snapshots()
        assert [(s.day.isoformat(), s.plans, s.activities) for s in infos] == [
            ("2026-01-31", 3, 9),
            ("2026-02-28", 3, 9),
            ("2026-03-31", 3, 9),
        ]
        for info in infos:
            assert_same_plans(store.load(info).plans, plans)
