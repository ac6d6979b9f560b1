"""The history from the command line: `aktplan rapport` saves a snapshot and shows what
changed, `aktplan endringer` shows only that, `aktplan historikk` lists and deletes.

Real plans (our writer, filled with openpyxl) changed between three monthly runs,
real SQLite files on disk, no mocks; in-process through `conftest.run_aktplan`, except
where a real process is the point (two at once, another user).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import pytest
from conftest import fill_plan, run_aktplan, write_template

from aktivitetsplan.history.store import DEFAULT_NAME, Store
from aktivitetsplan.i18n import t
from aktivitetsplan.settings import Settings

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
AKTPLAN = Path(sys.executable).parent / "aktplan"
DAYS = ("2026-01-31", "2026-02-28", "2026-03-31")

# The portfolio at the end of January, February and March. Between the runs: A1
# finished, A2's deadline moved 18 days, the Webinar (no ID) removed, A4 added, the
# campaign budget raised, results gained, B2 overdue (February); then A2 finished, A3
# and B2 started, A4 cancelled, and a third plan added (March).
CAMPAIGN = {
    "Kampanje": "Vårslipp",
    "KPI": "Leads",
    "Måltall": 100,
    "Budsjett": 100_000,
    "Start": date(2026, 1, 1),
    "Slutt": date(2026, 6, 30),
}
PROGRAM = {"Kampanje": "Innhold", "Budsjett": 50_000, "Start": date(2026, 1, 1)}


def row(id_: str | None, name: str, deadline: date, status: str, cost=None, result=None) -> dict:
    return {
        "ID": id_,
        "Aktivitet": name,
        "Type": "Kampanje",
        "Ansvarlig": "Kari",
        "Frist": deadline,
        "Status": status,
        "Kostnad (kr)": cost,
        "Resultat": result,
    }


MONTHS = [
    {
        "kampanje.xlsx": (
            CAMPAIGN,
            [
                row("A1", "Landingsside", date(2026, 2, 10), "Å gjøre", 5_000),
                row("A2", "Annonser", date(2026, 2, 20), "I produksjon", 10_000, 10),
                row("A3", "Nyhetsbrev", date(2026, 3, 15), "Å gjøre"),
                row(None, "Webinar", date(2026, 2, 5), "Å gjøre"),
            ],
        ),
        "program.xlsx": (
            PROGRAM,
            [
                row("B1", "Blogg", date(2026, 1, 20), "I distribusjon", 2_000),
                row("B2", "Podkast", date(2026, 2, 15), "Å gjøre"),
            ],
        ),
    },
    {
        "kampanje.xlsx": (
            {**CAMPAIGN, "Budsjett": 120_000},
            [
                row("A1", "Landingsside", date(2026, 2, 10), "I distribusjon", 18_000),
                row("A2", "Annonser", date(2026, 3, 10), "I produksjon", 15_000, 40),
                row("A3", "Nyhetsbrev", date(2026, 3, 15), "Å gjøre"),
                row("A4", "Kundecase", date(2026, 3, 20), "Å gjøre"),
            ],
        ),
        "program.xlsx": (
            PROGRAM,
            [
                row("B1", "Blogg", date(2026, 1, 20), "I distribusjon", 2_000),
                row("B2", "Podkast", date(2026, 2, 15), "Å gjøre", 3_000),
            ],
        ),
    },
    {
        "kampanje.xlsx": (
            {**CAMPAIGN, "Budsjett": 120_000},
            [
                row("A1", "Landingsside", date(2026, 2, 10), "I distribusjon", 18_000),
                row("A2", "Annonser", date(2026, 3, 10), "I distribusjon", 20_000, 40),
                row("A3", "Nyhetsbrev", date(2026, 3, 15), "I produksjon"),
                row("A4", "Kundecase", date(2026, 3, 20), "Avlyst"),
            ],
        ),
        "program.xlsx": (
            PROGRAM,
            [
                row("B1", "Blogg", date(2026, 1, 20), "I distribusjon", 2_000),
                row("B2", "Podkast", date(2026, 2, 15), "I produksjon", 3_000),
            ],
        ),
        "ny.xlsx": (
            {"Kampanje": "Ny", "Budsjett": 10_000},
            [row("N1", "Film", date(2026, 4, 30), "Å gjøre", 1_000)],
        ),
    },
]


def write_month(folder: Path, month: int) -> Path:
    """The plans as they stand at the end of `month` (0, 1, 2): written anew each time."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (campaign, rows) in MONTHS[month].items():
        fill_plan(write_template(folder / name), rows, campaign)
    return folder


def report_json(folder: Path, day: str, *extra: str):
    run = run_aktplan("rapport", str(folder), "--dato", day, "--format", "json", *extra)
    return run, json.loads(run.stdout) if run.stdout else None


def names(tasks: list[dict]) -> list[str]:
    return [task["activity"] for task in tasks]


def saved_line(folder: Path, day: str, count: int) -> str:
    shown = date.fromisoformat(day).strftime("%d.%m.%Y")
    counted = "1 øyeblikksbilde" if count == 1 else f"{count} øyeblikksbilder"
    return f"Historikk: lagret øyeblikksbilde {shown} i {folder / DEFAULT_NAME} ({counted})\n"


@pytest.fixture
def three_months(tmp_path: Path) -> tuple[Path, list]:
    """The folder after the three monthly runs, and each run's (Run, JSON)."""
    folder = tmp_path / "planer"
    runs = []
    for month, day in enumerate(DAYS):
        write_month(folder, month)
        runs.append(report_json(folder, day))
    return folder, runs


# --- three months of `aktplan rapport` ----------------------------------------------------


def test_three_monthly_runs_show_what_changed(three_months):
    folder, runs = three_months
    for count, (run, _data) in enumerate(runs, start=1):
        assert run.returncode == 0
        assert run.stderr == saved_line(folder, DAYS[count - 1], count)

    first = runs[0][1]
    assert first["changes"]["since"] is None
    assert [p["month"] for p in first["trend"]] == ["2026-01"]

    changes = runs[1][1]["changes"]
    assert changes["since"] == "2026-01-31"
    assert names(changes["finished"]) == ["Landingsside"]
    assert names(changes["started"]) == []
    assert names(changes["cancelled"]) == []
    assert names(changes["added"]) == ["Kundecase"]
    assert names(changes["removed"]) == ["Webinar"]
    assert [(m["activity"], m["old_deadline"], m["deadline"], m["days_moved"]) for m in
            changes["moved"]] == [("Annonser", "2026-02-20", "2026-03-10", 18)]  # fmt: skip
    assert changes["slip_days"] == 18
    assert [(o["activity"], o["days_overdue"]) for o in changes["became_overdue"]] == [
        ("Podkast", 13)
    ]
    assert changes["spent"] == 21_000.0  # 38 000 now − 17 000 then
    assert [(b["campaign"], b["before"], b["after"], b["change"]) for b in changes["budgets"]] == [
        ("Vårslipp", 100_000.0, 120_000.0, 20_000.0)
    ]
    assert [
        (r["campaign"], r["target"], r["before"], r["after"], r["gained"], r["pct"])
        for r in changes["results"]
    ] == [("Vårslipp", 100.0, 10.0, 40.0, 30.0, 40.0)]

    third = runs[2][1]
    changes = third["changes"]
    assert changes["since"] == "2026-02-28"  # a plan was added: the related plan set
    assert names(changes["finished"]) == ["Annonser"]
    assert sorted(names(changes["started"])) == ["Nyhetsbrev", "Podkast"]
    assert names(changes["cancelled"]) == ["Kundecase"]
    assert names(changes["added"]) == ["Film"]
    assert names(changes["removed"]) == []
    assert changes["moved"] == [] and changes["slip_days"] == 0
    assert [(o["activity"], o["days_overdue"]) for o in changes["became_overdue"]] == [
        ("Nyhetsbrev", 16)
    ]
    assert changes["spent"] == 6_000.0  # A2 +5 000, the new plan's 1 000
    assert [
        (p["month"], p["day"], p["distributed"], p["overdue"], p["spent"], p["current"])
        for p in third["trend"]
    ] == [
        ("2026-01", "2026-01-31", 1, 0, 17_000.0, False),
        ("2026-02", "2026-02-28", 2, 1, 38_000.0, False),
        ("2026-03", "2026-03-31", 3, 2, 44_000.0, True),
    ]


def test_the_text_report_says_since_when(three_months):
    folder, _runs = three_months
    run = run_aktplan("rapport", str(folder), "--dato", "2026-03-31")
    assert run.returncode == 0
    assert t("mgmt.section.changes", "nb") in run.stdout
    assert "28.02.2026" in run.stdout
    assert run.stderr == saved_line(folder, "2026-03-31", 3)  # the same day: replaced


def test_the_same_day_replaces_its_snapshot(tmp_path):
    folder = write_month(tmp_path / "planer", 0)
    for _ in range(2):
        run, _data = report_json(folder, "2026-01-31")
        assert run.stderr == saved_line(folder, "2026-01-31", 1)
    with Store.open(folder / DEFAULT_NAME, Settings(), create=False) as store:
        assert [info.day for info in store.snapshots()] == [date(2026, 1, 31)]


def test_compare_with_a_chosen_date(three_months):
    folder, _runs = three_months
    _run, data = report_json(folder, "2026-03-31", "--sammenlign", "2026-01-31")
    assert data["changes"]["since"] == "2026-01-31"
    assert names(data["changes"]["finished"]) == ["Landingsside", "Annonser"]


def test_without_history_no_file_is_touched(tmp_path):
    folder = write_month(tmp_path / "planer", 0)
    before = sorted(p.name for p in folder.iterdir())
    run, data = report_json(folder, "2026-01-31", "--uten-historikk")
    assert run.returncode == 0 and run.stderr == ""
    assert "changes" not in data and "trend" not in data and "snapshot" not in data
    assert sorted(p.name for p in folder.iterdir()) == before


def test_history_elsewhere(tmp_path):
    folder = write_month(tmp_path / "planer", 0)
    elsewhere = tmp_path / "arkiv" / "h.sqlite"
    elsewhere.parent.mkdir()
    run, _data = report_json(folder, "2026-01-31", "--historikk", str(elsewhere))
    assert run.stderr.endswith(f"i {elsewhere} (1 øyeblikksbilde)\n")
    assert not (folder / DEFAULT_NAME).exists()


# --- when the history cannot be used ------------------------------------------------------


def test_a_text_file_named_like_the_history(tmp_path):
    folder = write_month(tmp_path / "planer", 0)
    path = folder / DEFAULT_NAME
    path.write_text("ikke en database\n", encoding="utf-8")
    run = run_aktplan("rapport", str(folder), "--dato", "2026-01-31")
    plain = run_aktplan("rapport", str(folder), "--dato", "2026-01-31", "--uten-historikk")
    assert run.returncode == 2
    assert run.stdout == plain.stdout and run.stdout  # the report, without its history
    assert run.stderr == f"Feil: {t('history.not_sqlite', 'nb', file=path)}\n"
    assert path.read_text(encoding="utf-8") == "ikke en database\n"


def test_a_newer_database_with_a_file_report(tmp_path):
    folder = write_month(tmp_path / "planer", 0)
    report_json(folder, "2026-01-31")
    path = folder / DEFAULT_NAME
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 99")
    connection.close()
    out = tmp_path / "rapport.html"
    run = run_aktplan("rapport", str(folder), "--dato", "2026-02-28", "-o", str(out))
    assert run.returncode == 2
    assert out.is_file()
    lines = run.stderr.splitlines()
    assert lines[0] == f"Skrev rapporten til {out}"
    assert lines[1].startswith("Feil: ") and "nyere aktplan" in lines[1]
    assert len(lines) == 2


READ_ONLY_CHILD = """
import contextlib, io, os, sys
from aktivitetsplan.cli import main

warm, args = sys.argv[1], sys.argv[2:]
# The same report as root first, on a copy: `nobody` may not read the interpreter's own
# library, so every module the command uses is imported before the switch.
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    with contextlib.suppress(SystemExit):
        main(["rapport", warm, *args[2:]])
os.setegid(65534)  # nobody: the folder (root's, 0755) cannot be written
os.seteuid(65534)
main(args)
"""


def test_a_folder_that_cannot_be_written_gives_a_warning(tmp_path):
    """The report and one `Advarsel:` line, exit code unchanged. As root (CI) a child
    process becomes `nobody`; otherwise the folder is made read-only."""
    top = Path(tempfile.mkdtemp(prefix="aktplan-ro-")) if AS_ROOT else tmp_path
    try:
        top.chmod(0o755)
        folder = write_month(top / "planer", 0)
        for plan in folder.iterdir():
            plan.chmod(0o644)
        path = folder / DEFAULT_NAME
        args = ["rapport", str(folder), "--dato", "2026-01-31"]
        if AS_ROOT:
            env = {k: v for k, v in os.environ.items() if not k.startswith("AKTPLAN_")}
            warm = shutil.copytree(folder, top / "kopi")
            run = subprocess.run(
                [sys.executable, "-c", READ_ONLY_CHILD, str(warm), *args],
                capture_output=True,
                text=True,
                env=env,
                cwd="/",
                timeout=120,
                check=False,
            )
        else:
            folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
            run = run_aktplan(*args)
        error = os.strerror(13)  # EACCES
        assert run.returncode == 0, run.stderr
        assert run.stdout  # the report
        assert run.stderr == f"Advarsel: {t('history.unwritable', 'nb', file=path, error=error)}\n"
        assert not path.exists()
    finally:
        if not AS_ROOT:
            (top / "planer").chmod(stat.S_IRWXU)
        else:
            shutil.rmtree(top)


# --- --måned from a snapshot --------------------------------------------------------------


def test_a_past_month_is_built_from_its_snapshot(three_months):
    folder, _runs = three_months
    run, data = report_json(folder, "2026-04-15", "--måned", "2026-02")
    assert run.returncode == 0 and run.stderr == ""  # a month report saves nothing
    assert data["date"] == "2026-02-28" and data["snapshot"] == "2026-02-28"
    assert data["activities"] == 6  # February's plans, not today's seven
    assert data["changes"]["since"] == "2026-01-31"
    assert names(data["changes"]["finished"]) == ["Landingsside"]
    assert [p["month"] for p in data["trend"]] == ["2026-01", "2026-02"]
    with Store.open(folder / DEFAULT_NAME, Settings(), create=False) as store:
        assert store.count() == 3


def test_this_month_is_built_from_the_plans(three_months):
    folder, _runs = three_months
    run, data = report_json(folder, "2026-04-15", "--måned", "2026-04")
    assert run.returncode == 0 and run.stderr == ""
    assert "snapshot" not in data and data["activities"] == 7
    assert data["changes"]["since"] == "2026-03-31"


# --- aktplan endringer ---------------------------------------------------------------------


def test_endringer_between_two_snapshots(three_months):
    folder, runs = three_months
    before = (folder / DEFAULT_NAME).read_bytes()
    run = run_aktplan(
        "endringer", str(folder), "--fra", "2026-01-31", "--til", "2026-02-28", "--format", "json"
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert json.loads(run.stdout)["changes"] == runs[1][1]["changes"]
    assert (folder / DEFAULT_NAME).read_bytes() == before  # it saves nothing


def test_endringer_as_text_and_to_a_file(three_months, tmp_path):
    folder, _runs = three_months
    run = run_aktplan("endringer", str(folder), "--fra", "2026-02-28", "--til", "2026-03-31")
    assert run.returncode == 0, run.stderr
    assert t("mgmt.section.changes", "nb") in run.stdout and "28.02.2026" in run.stdout
    for name in ("endringer.md", "endringer.html", "endringer.xlsx"):
        out = tmp_path / name
        run = run_aktplan(
            "endringer", str(folder), "--fra", "2026-02-28", "--til", "2026-03-31", "-o", str(out)
        )
        assert run.returncode == 0, run.stderr
        assert run.stderr == f"Skrev rapporten til {out}\n"
        assert out.stat().st_size > 0


def test_endringer_up_to_now(three_months):
    folder, _runs = three_months
    run = run_aktplan("endringer", str(folder), "--fra", "2026-02-28", "--format", "json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["changes"]["since"] == "2026-02-28"


def test_endringer_without_history(tmp_path):
    folder = write_month(tmp_path / "planer", 0)
    run = run_aktplan("endringer", str(folder))
    path = folder / DEFAULT_NAME
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == f"Feil: {t('history.missing', 'nb', file=path)}\n"
    assert not path.exists()


def test_endringer_until_a_day_before_the_history(three_months):
    folder, _runs = three_months
    run = run_aktplan("endringer", str(folder), "--til", "2025-12-31")
    path = folder / DEFAULT_NAME
    assert (run.returncode, run.stdout) == (2, "")
    error = t("history.none_until", "nb", file=path, date="31.12.2025")
    assert run.stderr == f"Feil: {error}\n"


# --- aktplan historikk ---------------------------------------------------------------------


def test_historikk_lists_and_deletes(three_months):
    folder, _runs = three_months
    path = folder / DEFAULT_NAME
    run = run_aktplan("historikk", str(folder))
    assert run.returncode == 0 and run.stderr == ""
    assert run.stdout.splitlines() == [
        f"{path}: 3 øyeblikksbilder",
        "  31.01.2026  2 plan(er), 6 aktiviteter, 1 i distribusjon, 0 forsinket, forbruk 11\xa0%"
        "  (kampanje.xlsx, program.xlsx)",
        "  28.02.2026  2 plan(er), 6 aktiviteter, 2 i distribusjon, 1 forsinket, forbruk 22\xa0%"
        "  (kampanje.xlsx, program.xlsx)",
        "  31.03.2026  3 plan(er), 7 aktiviteter, 3 i distribusjon, 2 forsinket, forbruk 24\xa0%"
        "  (kampanje.xlsx, ny.xlsx, program.xlsx)",
    ]
    run = run_aktplan("historikk", str(folder), "--slett", "28.02.2026")
    assert run == (0, f"Slettet 1 øyeblikksbilde fra 28.02.2026 i {path}\n", "")
    run = run_aktplan("historikk", str(folder), "--slett", "2026-02-28")
    assert run.returncode == 0
    assert run.stdout == t("history.deleted_none", "nb", file=path, date="28.02.2026") + "\n"
    days = [line.split()[0] for line in run_aktplan("historikk", str(folder)).stdout.splitlines()]
    assert days[1:] == ["31.01.2026", "31.03.2026"]


def test_historikk_without_a_file(tmp_path):
    run = run_aktplan("historikk", str(tmp_path))
    path = tmp_path / DEFAULT_NAME
    assert run == (0, t("history.missing", "nb", file=path) + "\n", "")
    assert not path.exists()


def test_historikk_in_the_current_folder(three_months, monkeypatch):
    folder, _runs = three_months
    monkeypatch.chdir(folder)
    run = run_aktplan("historikk")
    assert run.stdout.splitlines()[0] == f"{DEFAULT_NAME}: 3 øyeblikksbilder"


# --- the backfill recipe (README) ----------------------------------------------------------


def test_backfill_from_old_copies(three_months, tmp_path):
    """Old copies, with the plans' own names, in a folder of their own; the history is
    copied there, the report run with the old date, and the history copied back."""
    folder, _runs = three_months
    copies = tmp_path / "kopi"
    write_month(copies, 0)
    shutil.copy2(folder / DEFAULT_NAME, copies / DEFAULT_NAME)
    run, _data = report_json(copies, "2025-12-31")
    assert run.stderr == saved_line(copies, "2025-12-31", 4)
    shutil.move(copies / DEFAULT_NAME, folder / DEFAULT_NAME)
    _run, data = report_json(folder, "2026-03-31")
    assert [p["month"] for p in data["trend"]] == ["2025-12", "2026-01", "2026-02", "2026-03"]


# --- two at once ---------------------------------------------------------------------------


def test_two_reports_at_the_same_moment(tmp_path):
    folder = write_month(tmp_path / "planer", 0)
    env = {k: v for k, v in os.environ.items() if not k.startswith("AKTPLAN_")}
    runs = [
        subprocess.Popen(
            [str(AKTPLAN), "rapport", str(folder), "--dato", day, "--format", "json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for day in ("2026-01-31", "2026-02-28")
    ]
    results = [process.communicate(timeout=180) for process in runs]
    for process, (out, err) in zip(runs, results, strict=True):
        assert process.returncode == 0, err
        assert json.loads(out)["activities"] == 6
        assert err.startswith("Historikk: lagret øyeblikksbilde")
    check = sqlite3.connect(folder / DEFAULT_NAME)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    check.close()
    with Store.open(folder / DEFAULT_NAME, Settings(), create=False) as store:
        assert [info.day for info in store.snapshots()] == [date(2026, 1, 31), date(2026, 2, 28)]


def test_an_unreadable_file_is_not_removed_and_no_snapshot_is_saved(tmp_path):
    """A file that cannot be read today is unknown, not removed: its activities do not
    show as removed, and no snapshot without it is saved (next month would show them
    all as added back)."""
    folder = write_month(tmp_path / "planer", 0)
    first, _ = report_json(folder, DAYS[0])
    assert first.returncode == 0
    (folder / "program.xlsx").write_text("ikke et regneark", encoding="utf-8")

    run, data = report_json(folder, DAYS[1])
    assert run.returncode == 2  # a file could not be read
    assert data["changes"]["since"] == DAYS[0]
    assert names(data["changes"]["removed"]) == []  # Blogg and Podkast are not «removed»
    assert (
        "Historikk: lagret ikke øyeblikksbildet 28.02.2026: 1 fil(er) kunne ikke leses"
        in run.stderr
    )
    with Store.open(folder / DEFAULT_NAME, Settings(), create=False) as store:
        assert [info.day for info in store.snapshots()] == [date(2026, 1, 31)]
