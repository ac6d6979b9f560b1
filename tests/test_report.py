"""Every report figure, checked against values computed here from the data written."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta

import pytest
from conftest import PORTFOLIO, REPORT_DATE

from aktivitetsplan import build_report, read_plans
from aktivitetsplan.compute.report import month_report_date
from aktivitetsplan.plan.rounding import round_half_up
from aktivitetsplan.settings import Settings

PHASE = {
    "I distribusjon": "distributed",
    "pågår": "in_production",
    "I produksjon": "in_production",
    "Å gjøre": "todo",
    "ferdig": "distributed",
    "Avlyst": "cancelled",
}
OPEN = ("todo", "in_production")


def money(value) -> float:
    if value is None:
        return 0.0
    if isinstance(value, str):
        return float(value.replace("kr", "").replace(" ", "").replace(".", ""))
    return float(value)


def day(value) -> date:
    if isinstance(value, str):
        d, m, y = value.split(".")
        return date(int(y), int(m), int(d))
    return value


def expected_rows():
    for name, spec in PORTFOLIO.items():
        for row in spec["rows"]:
            yield name, spec, row


@pytest.fixture
def report(portfolio):
    return build_report(read_plans(portfolio), Settings(report_date=REPORT_DATE))


def test_status_counts(report):
    counts = {"todo": 0, "in_production": 0, "distributed": 0, "cancelled": 0, "unknown": 0}
    for _name, _spec, row in expected_rows():
        counts[PHASE[row["Status"]]] += 1
    assert report.status == counts
    assert report.activities == sum(len(s["rows"]) for s in PORTFOLIO.values())


def test_budget_per_plan_and_total(report):
    totals = {"total": 0.0, "planned": 0.0, "spent": 0.0}
    for plan in report.plans:
        name = plan["file"].rsplit("/", 1)[-1]
        spec = PORTFOLIO[name]
        # a cancelled activity's budget is not planned; what it cost is still spent
        planned = sum(
            money(r.get("Budsjett (kr)")) for r in spec["rows"] if PHASE[r["Status"]] != "cancelled"
        )
        spent = sum(money(r.get("Kostnad (kr)")) for r in spec["rows"])
        total = money(spec["campaign"]["Budsjett"])
        start, end = day(spec["campaign"]["Start"]), day(spec["campaign"]["Slutt"])
        elapsed = (REPORT_DATE - start).days / (end - start).days * 100
        budget = plan["budget"]
        assert budget["total"] == total
        assert budget["planned"] == planned
        assert budget["spent"] == spent
        assert budget["remaining"] == total - spent
        # shares round half up (76 500 of 200 000 = 38.25 → 38.3), as every format shows them
        assert budget["burn_pct"] == round_half_up(spent / total * 100, 1)
        assert budget["elapsed_pct"] == round_half_up(elapsed, 1)
        assert budget["forecast"] == pytest.approx(spent / (elapsed / 100), abs=0.01)
        for key in totals:
            totals[key] += budget[key]
    assert report.budget["total"] == totals["total"] == 300_000
    assert report.budget["planned"] == totals["planned"]
    assert report.budget["spent"] == totals["spent"]
    assert report.budget["remaining"] == totals["total"] - totals["spent"]
    assert report.budget["burn_pct"] == round_half_up(totals["spent"] / totals["total"] * 100, 1)


def test_overdue_sorted_most_overdue_first(report):
    expected = []
    for _name, _spec, row in expected_rows():
        deadline = day(row["Frist"])
        if PHASE[row["Status"]] in OPEN and deadline < REPORT_DATE:
            expected.append((row["Aktivitet"], (REPORT_DATE - deadline).days))
    expected.sort(key=lambda item: -item[1])
    assert [(i["activity"], i["days_overdue"]) for i in report.overdue] == expected
    first = report.overdue[0]
    assert set(first) >= {
        "file",
        "sheet",
        "row",
        "id",
        "activity",
        "responsible",
        "deadline",
        "days_overdue",
        "phase",
    }
    assert first["row"] == 14 and first["deadline"] == "2026-03-15"


def test_upcoming_within_n_days(portfolio):
    for days in (7, 14):
        report = build_report(
            read_plans(portfolio), Settings(report_date=REPORT_DATE, upcoming_days=days)
        )
        expected = sorted(
            (day(r["Frist"]) - REPORT_DATE).days
            for _n, _s, r in expected_rows()
            if PHASE[r["Status"]] in OPEN
            and REPORT_DATE <= day(r["Frist"]) <= REPORT_DATE + timedelta(days=days)
        )
        assert [i["days_left"] for i in report.upcoming] == expected


def test_by_person_and_by_channel(report):
    people = {}
    for _n, _s, row in expected_rows():
        entry = people.setdefault(
            row["Ansvarlig"], {"todo": 0, "in_production": 0, "distributed": 0}
        )
        phase = PHASE[row["Status"]]
        if phase in entry:
            entry[phase] += 1
    got = {
        r["person"]: {k: r[k] for k in ("todo", "in_production", "distributed")}
        for r in report.by_person
    }
    assert got == people
    overdue = {r["person"]: r["overdue"] for r in report.by_person}
    assert sum(overdue.values()) == len(report.overdue)
    channels = {}
    for _n, _s, row in expected_rows():
        entry = channels.setdefault(row["Kanal"], [0, 0.0, 0.0])
        entry[0] += 1
        if PHASE[row["Status"]] != "cancelled":  # planned: not a cancelled activity's budget
            entry[1] += money(row.get("Budsjett (kr)"))
        entry[2] += money(row.get("Kostnad (kr)"))
    assert {
        r["channel"]: [r["activities"], r["planned"], r["spent"]] for r in report.by_channel
    } == channels


def test_over_budget_and_kpi(report):
    assert [i["activity"] for i in report.over_budget] == ["Landingsside"]
    assert report.over_budget[0]["over"] == 5_000
    vaar = next(k for k in report.kpi if k["campaign"] == "Vårkampanje")
    # "Leads" results plus the result with a blank KPI count toward the campaign's "Leads"
    assert vaar["target"] == 100 and vaar["result"] == 42 and vaar["pct"] == 42.0


def test_experiments_this_month(report):
    # The podcast was planned in March too, but it was cancelled: not run.
    assert report.experiments == {"month": "2026-03", "count": 1, "activities": ["A/B-test"]}


def test_month_view(portfolio):
    report = build_report(read_plans(portfolio), Settings(report_date=REPORT_DATE), month=(2026, 3))
    month = report.month
    assert month["month"] == "2026-03"
    assert sorted(i["activity"] for i in month["finished"]) == ["A/B-test", "Landingsside"]
    assert sorted(i["activity"] for i in month["started"]) == ["A/B-test", "LinkedIn-annonser"]
    assert sorted(i["activity"] for i in month["due_open"]) == ["LinkedIn-annonser", "Stand"]
    assert month["spent_due"] == 55_000 + 20_000 + 1_500 + 30_000
    assert sorted(i["activity"] for i in month["due_next"]) == ["Invitasjoner", "Nyhetsbrev"]


def test_month_report_date():
    assert month_report_date(2026, 3, today=date(2026, 11, 22)) == date(2026, 3, 31)
    assert month_report_date(2026, 11, today=date(2026, 11, 22)) == date(2026, 11, 22)
    assert month_report_date(2027, 2, today=date(2026, 11, 22)) == date(2026, 11, 22)
    assert month_report_date(2026, 2, today=date(2026, 3, 1)) == date(2026, 2, 28)


def test_json_matches_the_contract(portfolio):
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "aktivitetsplan",
            "rapport",
            str(portfolio),
            "--dato",
            "2026-03-31",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["schema"] == "aktplan.rapport/1"
    assert data["date"] == "2026-03-31"
    assert set(data) >= {
        "plans",
        "status",
        "budget",
        "overdue",
        "upcoming",
        "by_person",
        "by_channel",
        "issues",
    }
    assert set(data["status"]) == {"todo", "in_production", "distributed", "cancelled", "unknown"}
    assert set(data["budget"]) >= {
        "total",
        "planned",
        "spent",
        "remaining",
        "burn_pct",
        "elapsed_pct",
        "forecast",
    }
    assert set(data["plans"][0]) >= {"file", "sheet", "campaign", "activities", "status", "budget"}
    for item in data["overdue"]:
        assert set(item) >= {
            "file",
            "sheet",
            "row",
            "id",
            "activity",
            "responsible",
            "deadline",
            "days_overdue",
            "phase",
        }
    for item in data["upcoming"]:
        assert "days_left" in item and "days_overdue" not in item
    for row in data["by_person"]:
        assert set(row) >= {"person", "todo", "in_production", "distributed", "overdue"}
    for row in data["by_channel"]:
        assert set(row) >= {"channel", "activities", "planned", "spent"}
    assert isinstance(data["budget"]["total"], float)


def test_strict_exit_code(portfolio):
    def run(*extra):
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "aktivitetsplan",
                "rapport",
                str(portfolio),
                "--format",
                "json",
                *extra,
            ],
            capture_output=True,
            text=True,
            check=False,
        ).returncode

    assert run("--dato", "2026-03-31") == 0
    assert run("--dato", "2026-03-31", "--streng") == 1  # things are overdue
    assert run("--dato", "2026-02-01", "--streng") == 0  # nothing overdue yet, no errors


def test_no_owner_and_no_channel_are_null_and_last(template):
    from conftest import fill_plan

    from aktivitetsplan.formats.report import render_json

    rows = [
        {
            "Aktivitet": "Uten eier",
            "Kanal": "Blogg",
            "Frist": date(2026, 3, 1),
            "Status": "Å gjøre",
        },
        {
            "Aktivitet": "Uten kanal",
            "Ansvarlig": "Kari",
            "Status": "Å gjøre",
            "Budsjett (kr)": 9_000,
        },
        {"Aktivitet": "Med begge", "Ansvarlig": "Ola", "Kanal": "Webinar", "Status": "Å gjøre"},
    ]
    report = build_report(read_plans(fill_plan(template, rows)), Settings(report_date=REPORT_DATE))
    data = json.loads(render_json(report))
    people = [r["person"] for r in data["by_person"]]
    channels = [r["channel"] for r in data["by_channel"]]
    # The blank one is null (not "" or a placeholder) and listed last, even when it leads.
    assert people == ["Kari", "Ola", None]
    assert channels == ["Blogg", "Webinar", None]
    assert data["by_person"][-1]["overdue"] == 1  # its overdue activity is counted
    assert data["by_channel"][-1]["planned"] == 9_000
