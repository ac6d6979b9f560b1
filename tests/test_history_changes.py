"""What changed since a snapshot, and the trend: a real portfolio through the real store.

Three plans written by our writer and filled with openpyxl are read on four dates
(the end of January, mid-February, the end of February and of March) with statuses,
deadlines, costs, budgets and results changed between them, an activity added and
one removed, an activity without ID renamed, a plan file added and one removed. Each
reading is saved with the real `Store` in a SQLite file in tmp_path and the report of
the next compares with the snapshot loaded back, as `aktplan rapport` does.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import convert, fill_plan, write_template

from aktivitetsplan.compute.changes import (
    HistoryInput,
    PastFigures,
    PastPlans,
    compare,
    pair,
    snapshot_figures,
)
from aktivitetsplan.compute.model import Changes, MovedTask, TrendPoint
from aktivitetsplan.compute.report import build_report
from aktivitetsplan.history.store import Store
from aktivitetsplan.plan.keys import activity_key
from aktivitetsplan.read.reader import read_plans
from aktivitetsplan.settings import Settings

JAN, MID_FEB, FEB, MAR = date(2026, 1, 31), date(2026, 2, 14), date(2026, 2, 28), date(2026, 3, 31)

VAAR = {"Kampanje": "Vårkampanje", "KPI": "Leads", "Måltall": 100}
VAAR_PERIOD = {"Start": date(2026, 1, 1), "Slutt": date(2026, 4, 30)}
HOST = {"Kampanje": "Høstmesse", "Start": date(2026, 1, 1), "Slutt": date(2026, 6, 30)}
SOMMER = {"Kampanje": "Sommer"}


def row(id_: str | None, name: str, deadline: date, status: str, **more) -> dict:
    """One activity row, by header text."""
    values = {"ID": id_, "Aktivitet": name, "Frist": deadline, "Status": status}
    values.update(more)
    return values


def budget(amount: float, cost: float | None = None, result: float | None = None) -> dict:
    return {"Budsjett (kr)": amount, "Kostnad (kr)": cost, "Resultat": result}


def state_jan() -> dict[str, tuple[dict, list[dict]]]:
    return {
        "vaar.xlsx": (
            {**VAAR, **VAAR_PERIOD},
            [
                row("A1", "Landingsside", date(2026, 1, 20), "Å gjøre", **budget(50_000, 10_000)),
                row("A2", "LinkedIn-annonser", date(2026, 2, 15), "Å gjøre", **budget(40_000)),
                row(None, "Nyhetsbrev", date(2026, 3, 10), "Å gjøre", **budget(10_000)),
                row("A4", "Webinar", date(2026, 2, 10), "I produksjon", **budget(20_000, 5_000)),
                row("A5", "Podkast", date(2026, 3, 20), "Å gjøre", **budget(5_000)),
                row(None, "Pressemelding", date(2026, 2, 5), "Å gjøre", **budget(3_000)),
            ],
        ),
        "host.xlsx": (
            {**HOST, "Budsjett": 100_000},
            [
                row("B1", "Stand", date(2026, 3, 15), "Å gjøre", **budget(60_000)),
                row("B2", "Invitasjoner", date(2026, 2, 20), "Å gjøre", **budget(5_000)),
            ],
        ),
    }


def state_feb() -> dict[str, tuple[dict, list[dict]]]:
    return {
        "vaar.xlsx": (
            {**VAAR, **VAAR_PERIOD},
            [
                # finished, cost and result; the next is still to do: overdue now
                row(
                    "A1",
                    "Landingsside",
                    date(2026, 1, 20),
                    "I distribusjon",
                    **budget(50_000, 45_000, 30),
                ),
                row("A2", "LinkedIn-annonser", date(2026, 2, 15), "Å gjøre", **budget(40_000)),
                # renamed without an ID: removed + added
                row(None, "Nyhetsbrev mars", date(2026, 3, 10), "Å gjøre", **budget(10_000)),
                # deadline 10.02. → 15.03.: 33 days later
                row("A4", "Webinar", date(2026, 3, 15), "I produksjon", **budget(20_000, 12_000)),
                row("A5", "Podkast", date(2026, 3, 20), "Avlyst", **budget(5_000)),
                # Pressemelding deleted; Kundecase new
                row("A7", "Kundecase", date(2026, 3, 25), "Å gjøre", **budget(15_000)),
            ],
        ),
        "host.xlsx": (
            {**HOST, "Budsjett": 120_000},
            [
                row("B1", "Stand", date(2026, 3, 15), "I produksjon", **budget(60_000, 30_000)),
                # deadline 20.02. → 10.02. (10 days earlier), still to do: overdue now
                row("B2", "Invitasjoner", date(2026, 2, 10), "Å gjøre", **budget(5_000)),
            ],
        ),
        "sommer.xlsx": (
            dict(SOMMER),
            [
                row("C1", "Festival", date(2026, 6, 15), "Å gjøre", **budget(30_000, 2_000)),
                row(None, "Plakater", date(2026, 2, 25), "Å gjøre"),
            ],
        ),
    }


def state_mar() -> dict[str, tuple[dict, list[dict]]]:
    feb = state_feb()
    campaign, rows = feb["vaar.xlsx"]
    rows = [dict(r) for r in rows]
    rows[0]["Resultat"] = 55
    rows[1].update({"Status": "I distribusjon", "Kostnad (kr)": 38_000, "Resultat": 20})
    rows[3]["Frist"] = date(2026, 3, 12)  # 3 days earlier; in production: overdue now
    rows[5]["Status"] = "I produksjon"  # due 25.03.: overdue now too
    _, summer = feb["sommer.xlsx"]
    summer = [dict(r) for r in summer]
    summer[0]["Budsjett (kr)"] = 35_000
    summer[1]["Frist"] = date(2026, 4, 10)  # 44 days later: no longer overdue
    summer.append(row(None, "Influencer", date(2026, 5, 1), "Å gjøre"))
    # host.xlsx is gone: all its activities removed
    return {"vaar.xlsx": (campaign, rows), "sommer.xlsx": (dict(SOMMER), summer)}


STATES = {JAN: state_jan, MID_FEB: state_jan, FEB: state_feb, MAR: state_mar}


def write_state(folder: Path, state: dict[str, tuple[dict, list[dict]]], blank: Path) -> None:
    """The folder holds exactly the plans of `state` (copies of one blank template)."""
    for old in folder.glob("*.xlsx"):
        old.unlink()
    for name, (campaign, rows) in state.items():
        fill_plan(shutil.copyfile(blank, folder / name), rows, campaign)


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def run(store_path: Path, folder: Path, day: date, *, save: bool = True):
    """`aktplan rapport` as the CLI wires it: compare with the last snapshot before the
    report's month, trend from every snapshot, then save this reading."""
    settings = Settings(report_date=day)
    result = read_plans(folder, settings)
    with Store.open(store_path, settings) as store:
        plan_set = store.plan_set([folder])
        info = store.latest_before(plan_set, first_of_month(day))
        previous = None
        if info is not None:
            snapshot = store.load(info)
            previous = PastPlans(info.day, snapshot.plans, snapshot.files)
        past = [PastFigures(i.day, i.figures) for i in store.snapshots(plan_set)]
        files = [store.file_key(plan.file) for plan in result.plans]
        report = build_report(result, settings, history=HistoryInput(previous, past, files))
        if save:
            store.save(result.plans, day, *snapshot_figures(report), plan_set=plan_set)
    return report


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[date, object]:
    """The report of each date, each compared with the snapshots saved before it."""
    root = tmp_path_factory.mktemp("history")
    blank = write_template(root / "blank.xlsx")
    folder = root / "planer"
    folder.mkdir()
    store_path = folder / "aktplan-historikk.sqlite"
    out = {}
    for day, state in STATES.items():
        write_state(folder, state(), blank)
        out[day] = run(store_path, folder, day)
    out["store"] = store_path
    out["folder"] = folder
    return out


def names(tasks) -> list[str | None]:
    return [task.activity for task in tasks]


# --- the first report: nothing to compare with -------------------------------------------


def test_the_first_report_has_nothing_to_compare_with(reports):
    changes = reports[JAN].changes
    assert changes == Changes(None, [], [], [], [], [], [], 0, [], None, [], [])
    assert reports[JAN].to_json()["changes"]["since"] is None
    assert [(p.month, p.day, p.current) for p in reports[JAN].trend] == [("2026-01", JAN, True)]


# --- mid-February: no edits, yet two activities became overdue ---------------------------


def test_without_edits_only_the_calendar_changes(reports):
    """Each side is judged at its own day: overdue on 14.02., not on 31.01."""
    changes = reports[MID_FEB].changes
    assert changes.since == JAN
    for key in ("finished", "started", "cancelled", "added", "removed", "moved"):
        assert getattr(changes, key) == [], key
    assert changes.slip_days == 0
    assert changes.spent == 0.0
    assert changes.budgets == [] and changes.results == []
    assert [(t.activity, t.days_overdue) for t in changes.became_overdue] == [
        ("Pressemelding", 9),
        ("Webinar", 4),
    ]


# --- end of February against January ------------------------------------------------------


def test_february_against_january(reports):
    changes = reports[FEB].changes
    # the last snapshot before February: 31.01., not the mid-February one
    assert changes.since == JAN
    assert names(changes.finished) == ["Landingsside"]
    assert names(changes.started) == ["Stand"]
    assert names(changes.cancelled) == ["Podkast"]
    # plans in the report's order (host, sommer, vaar); a new plan: all its activities
    assert names(changes.added) == ["Festival", "Plakater", "Nyhetsbrev mars", "Kundecase"]
    # the rename without an ID and the deleted row, as they were then
    assert names(changes.removed) == ["Nyhetsbrev", "Pressemelding"]
    assert [t.status for t in changes.removed] == ["Å gjøre", "Å gjøre"]
    assert [(t.activity, t.old_deadline, t.deadline, t.days_moved) for t in changes.moved] == [
        ("Webinar", date(2026, 2, 10), date(2026, 3, 15), 33),
        ("Invitasjoner", date(2026, 2, 20), date(2026, 2, 10), -10),
    ]
    assert all(isinstance(t, MovedTask) for t in changes.moved)
    assert changes.slip_days == 23
    # not Landingsside (overdue then too, finished now), not Plakater (new)
    assert [(t.activity, t.days_overdue) for t in changes.became_overdue] == [
        ("Invitasjoner", 18),
        ("LinkedIn-annonser", 13),
    ]
    # 15 000 then; 45 000 + 12 000 + 30 000 + 2 000 now
    assert changes.spent == 74_000.0
    assert [(b.campaign, b.before, b.after, b.change) for b in changes.budgets] == [
        ("Høstmesse", 100_000.0, 120_000.0, 20_000.0),  # the campaign budget
        ("Vårkampanje", 128_000.0, 135_000.0, 7_000.0),  # planned: Podkast cancelled
    ]
    assert [r.to_json() for r in changes.results] == [
        {
            "file": str(reports["folder"] / "vaar.xlsx"),
            "sheet": "Aktivitetsplan",
            "campaign": "Vårkampanje",
            "kpi": "Leads",
            "target": 100.0,
            "before": None,
            "after": 30.0,
            "gained": 30.0,
            "pct": 30.0,
        }
    ]


# --- end of March against February: a plan file removed ---------------------------------


def test_march_against_february(reports):
    changes = reports[MAR].changes
    assert changes.since == FEB
    assert names(changes.finished) == ["LinkedIn-annonser"]
    assert names(changes.started) == ["Kundecase"]
    assert names(changes.cancelled) == []
    assert names(changes.added) == ["Influencer"]
    # host.xlsx is gone: its activities as they were on 28.02.
    assert [(t.activity, t.phase) for t in changes.removed] == [
        ("Stand", "in_production"),
        ("Invitasjoner", "todo"),
    ]
    assert [(t.activity, t.days_moved) for t in changes.moved] == [
        ("Plakater", 44),
        ("Webinar", -3),
    ]
    assert changes.slip_days == 41
    assert [(t.activity, t.days_overdue) for t in changes.became_overdue] == [
        ("Nyhetsbrev mars", 21),
        ("Webinar", 19),
        ("Kundecase", 6),
    ]
    # 89 000 then (host's 30 000 included); 45 000 + 38 000 + 12 000 + 2 000 now
    assert changes.spent == 8_000.0
    assert [(b.campaign, b.before, b.after, b.change) for b in changes.budgets] == [
        ("Sommer", 30_000.0, 35_000.0, 5_000.0),
    ]
    assert [
        (r.campaign, r.target, r.before, r.after, r.gained, r.pct) for r in changes.results
    ] == [
        ("Vårkampanje", 100.0, 30.0, 75.0, 45.0, 75.0),
    ]


# --- the trend ----------------------------------------------------------------------------


def test_trend_has_a_point_per_month(reports):
    """January's snapshot, February's last (28.02., not 14.02.), and March: this report."""
    trend = reports[MAR].trend
    assert [(p.month, p.day, p.current) for p in trend] == [
        ("2026-01", JAN, False),
        ("2026-02", FEB, False),
        ("2026-03", MAR, True),
    ]
    assert [(p.distributed, p.overdue, p.spent) for p in trend] == [
        (0, 1, 15_000.0),  # Landingsside overdue
        (1, 3, 89_000.0),  # Invitasjoner, LinkedIn-annonser, Plakater overdue
        (2, 3, 97_000.0),  # Nyhetsbrev mars, Webinar, Kundecase overdue
    ]
    # burn: spent / total; elapsed: weighted by each plan's total budget
    assert [(p.burn_pct, p.elapsed_pct) for p in trend] == [
        (6.6, 21.5),  # 15 000 / 228 000; (25.2 · 128 000 + 16.7 · 100 000) / 228 000
        (31.2, 36.9),  # 89 000 / 285 000; sommer's period starts at its first deadline
        (57.1, 59.4),  # 97 000 / 170 000; sommer has not started (its 0 % weighs 35 000)
    ]
    for point, day in zip(trend, (JAN, FEB, MAR), strict=True):
        report = reports[day]
        assert point.burn_pct == report.budget.burn_pct
        assert point.elapsed_pct == report.budget.elapsed_pct
        assert point.spent == report.budget.spent


def test_the_report_replaces_a_snapshot_of_its_own_month(reports):
    """February's report: January's point, and its own for February (not 14.02.'s)."""
    trend = reports[FEB].trend
    assert [(p.month, p.day, p.current) for p in trend] == [
        ("2026-01", JAN, False),
        ("2026-02", FEB, True),
    ]


def test_snapshots_after_the_report_date_are_left_out(reports):
    """A report dated in the past (backfill) sees only the snapshots up to its date."""
    report = run(reports["store"], reports["folder"], date(2026, 2, 20), save=False)
    assert [(p.month, p.day, p.current) for p in report.trend] == [
        ("2026-01", JAN, False),
        ("2026-02", date(2026, 2, 20), True),
    ]


# --- JSON ---------------------------------------------------------------------------------


def test_the_json_holds_changes_and_trend(reports):
    data = json.loads(json.dumps(reports[FEB].to_json()))
    changes = data["changes"]
    assert list(changes) == [
        "since", "finished", "started", "cancelled", "added", "removed", "moved",
        "slip_days", "became_overdue", "spent", "budgets", "results",
    ]  # fmt: skip
    assert changes["since"] == "2026-01-31"
    moved = changes["moved"][0]
    assert list(moved)[-2:] == ["old_deadline", "days_moved"]
    assert (moved["deadline"], moved["old_deadline"], moved["days_moved"]) == (
        "2026-03-15",
        "2026-02-10",
        33,
    )
    assert data["trend"][-1] == {
        "month": "2026-02",
        "day": "2026-02-28",
        "distributed": 1,
        "overdue": 3,
        "burn_pct": 31.2,
        "elapsed_pct": 36.9,
        "spent": 89_000.0,
        "current": True,
    }
    assert "snapshot" not in data


def test_a_report_without_history_has_no_history_keys(reports):
    settings = Settings(report_date=MAR)
    data = build_report(read_plans(reports["folder"], settings), settings).to_json()
    assert not {"changes", "trend", "snapshot"} & set(data)


def test_a_report_from_a_snapshot_says_so(reports):
    settings = Settings(report_date=FEB)
    with Store.open(reports["store"], settings, create=False, read_only=True) as store:
        info = store.at_or_before(store.plan_set([reports["folder"]]), FEB)
        snapshot = store.load(info)
    report = build_report(snapshot.plans, settings, month=(2026, 2), snapshot=info.day)
    assert report.snapshot == FEB
    assert report.to_json()["snapshot"] == "2026-02-28"
    # the snapshot rebuilds that day's figures
    assert report.budget == reports[FEB].budget
    assert report.status == reports[FEB].status


# --- the store's figures ------------------------------------------------------------------


def test_snapshot_figures_are_what_the_store_keeps(reports):
    settings = Settings(report_date=MAR)
    with Store.open(reports["store"], settings, create=False, read_only=True) as store:
        infos = store.snapshots(store.plan_set([reports["folder"]]))
        assert [i.day for i in infos] == [JAN, MID_FEB, FEB, MAR]
        figures, plan_figures = snapshot_figures(reports[MAR])
        assert infos[-1].figures == json.loads(json.dumps(figures))
        snapshot = store.load(infos[-1])
    assert figures["distributed"] == 2 and figures["overdue"] == 3
    assert figures["budget"]["spent"] == 97_000.0
    assert [(p["campaign"], p["goal"]["result"]) for p in plan_figures] == [
        ("Sommer", None),
        ("Vårkampanje", 75.0),
    ]
    assert snapshot.plan_figures == json.loads(json.dumps(plan_figures))
    assert snapshot.files == ["sommer.xlsx", "vaar.xlsx"]


# --- matching -----------------------------------------------------------------------------


def test_activity_key_is_the_id_else_the_folded_name():
    assert activity_key(" A1 ", "Whatever") == "id:A1"
    assert activity_key(None, "  Nyhetsbrev  Mars. ") == activity_key("", "nyhetsbrev mars")
    assert activity_key(None, None) == "name:"


def test_equal_keys_pair_in_order():
    matched, removed, added = pair(["a", "b", "b", "c"], ["b", "x", "a", "b", "b"])
    assert matched == [(1, 0), (0, 2), (2, 3)]
    assert removed == [3]
    assert added == [1, 4]


def test_compare_needs_a_file_key_per_plan(reports):
    with pytest.raises(ValueError):
        compare(None, [object()], [], reports[MAR])


# --- LibreOffice re-saves the plans: no false changes ------------------------------------


@pytest.mark.libreoffice
def test_a_libreoffice_resave_changes_nothing(tmp_path):
    """The same plans saved again by LibreOffice, between two snapshots, are the same plans."""
    blank = write_template(tmp_path / "blank.xlsx")
    folder = tmp_path / "planer"
    folder.mkdir()
    write_state(folder, state_feb(), blank)
    store_path = folder / "aktplan-historikk.sqlite"
    before = run(store_path, folder, FEB)
    resaved = tmp_path / "lo"
    for source in sorted(folder.glob("*.xlsx")):
        shutil.move(convert(source, "xlsx", resaved), source)
    report = run(store_path, folder, date(2026, 3, 1), save=False)
    settings = Settings(report_date=FEB)
    with Store.open(store_path, settings, create=False, read_only=True) as store:
        info = store.at_or_before(store.plan_set([folder]), FEB)
        snapshot = store.load(info)
    # compared at the snapshot's own day: nothing at all changed
    result = read_plans(folder, settings)
    files = [Path(plan.file).name for plan in result.plans]  # the store is in the folder
    previous = PastPlans(info.day, snapshot.plans, snapshot.files)
    same_day = build_report(result, settings, history=HistoryInput(previous, [], files))
    assert same_day.changes == Changes(FEB, [], [], [], [], [], [], 0, [], 0.0, [], [])
    # a day later (a new month): still nothing but what the calendar does (nothing here)
    assert report.changes == Changes(FEB, [], [], [], [], [], [], 0, [], 0.0, [], [])
    assert same_day.budget == before.budget and same_day.status == before.status
    assert [p for p in report.trend if not p.current] == [
        TrendPoint("2026-02", FEB, 1, 3, 31.2, 36.9, 89_000.0, False)
    ]
