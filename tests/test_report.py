"""Every report figure, checked against values computed here from the data written."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date, timedelta

import pytest
from conftest import PORTFOLIO, REPORT_DATE, run_aktplan

from aktivitetsplan import build_report, read_plans
from aktivitetsplan.compute import rules
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
        name = plan.file.rsplit("/", 1)[-1]
        spec = PORTFOLIO[name]
        # a cancelled activity's budget is not planned; what it cost is still spent
        planned = sum(
            money(r.get("Budsjett (kr)")) for r in spec["rows"] if PHASE[r["Status"]] != "cancelled"
        )
        spent = sum(money(r.get("Kostnad (kr)")) for r in spec["rows"])
        total = money(spec["campaign"]["Budsjett"])
        start, end = day(spec["campaign"]["Start"]), day(spec["campaign"]["Slutt"])
        elapsed = (REPORT_DATE - start).days / (end - start).days * 100
        budget = plan.budget
        assert budget.total == total
        assert budget.planned == planned
        assert budget.spent == spent
        assert budget.remaining == total - spent
        # shares round half up (76 500 of 200 000 = 38.25 → 38.3), as every format shows them
        assert budget.burn_pct == round_half_up(spent / total * 100, 1)
        assert budget.elapsed_pct == round_half_up(elapsed, 1)
        assert budget.forecast == pytest.approx(spent / (elapsed / 100), abs=0.01)
        for key in totals:
            totals[key] += getattr(budget, key)
    assert report.budget.total == totals["total"] == 300_000
    assert report.budget.planned == totals["planned"]
    assert report.budget.spent == totals["spent"]
    assert report.budget.remaining == totals["total"] - totals["spent"]
    assert report.budget.burn_pct == round_half_up(totals["spent"] / totals["total"] * 100, 1)


def test_overdue_sorted_most_overdue_first(report):
    expected = []
    for _name, _spec, row in expected_rows():
        deadline = day(row["Frist"])
        if PHASE[row["Status"]] in OPEN and deadline < REPORT_DATE:
            expected.append((row["Aktivitet"], (REPORT_DATE - deadline).days))
    expected.sort(key=lambda item: -item[1])
    assert [(i.activity, i.days_overdue) for i in report.overdue] == expected
    first = report.overdue[0]
    assert set(first.to_json()) >= {
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
    assert first.row == 14 and first.deadline == date(2026, 3, 15)
    assert first.to_json()["deadline"] == "2026-03-15"


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
        assert [i.days_left for i in report.upcoming] == expected


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
        r.person: {k: r.in_phase(k) for k in ("todo", "in_production", "distributed")}
        for r in report.by_person
    }
    assert got == people
    overdue = {r.person: r.overdue for r in report.by_person}
    assert sum(overdue.values()) == len(report.overdue)
    channels = {}
    for _n, _s, row in expected_rows():
        entry = channels.setdefault(row["Kanal"], [0, 0.0, 0.0])
        entry[0] += 1
        if PHASE[row["Status"]] != "cancelled":  # planned: not a cancelled activity's budget
            entry[1] += money(row.get("Budsjett (kr)"))
        entry[2] += money(row.get("Kostnad (kr)"))
    assert {r.channel: [r.activities, r.planned, r.spent] for r in report.by_channel} == channels


def test_over_budget_and_kpi(report):
    assert [i.activity for i in report.over_budget] == ["Landingsside"]
    assert report.over_budget[0].over == 5_000
    vaar = next(k for k in report.kpi if k.campaign == "Vårkampanje")
    # "Leads" results plus the result with a blank KPI count toward the campaign's "Leads"
    assert vaar.target == 100 and vaar.result == 42 and vaar.pct == 42.0


def test_experiments_this_month(report):
    # The podcast was planned in March too, but it was cancelled: not run.
    assert report.experiments.to_json() == {
        "month": "2026-03",
        "count": 1,
        "activities": ["A/B-test"],
    }


def test_month_view(portfolio):
    report = build_report(read_plans(portfolio), Settings(report_date=REPORT_DATE), month=(2026, 3))
    month = report.month
    assert month.month == "2026-03"
    assert (month.first, month.last) == (date(2026, 3, 1), date(2026, 3, 31))
    assert sorted(i.activity for i in month.finished) == ["A/B-test", "Landingsside"]
    assert sorted(i.activity for i in month.started) == ["A/B-test", "LinkedIn-annonser"]
    assert sorted(i.activity for i in month.due_open) == ["LinkedIn-annonser", "Stand"]
    assert month.spent_due == 55_000 + 20_000 + 1_500 + 30_000
    assert sorted(i.activity for i in month.due_next) == ["Invitasjoner", "Nyhetsbrev"]


def test_month_report_date():
    assert month_report_date(2026, 3, today=date(2026, 11, 22)) == date(2026, 3, 31)
    assert month_report_date(2026, 11, today=date(2026, 11, 22)) == date(2026, 11, 22)
    assert month_report_date(2027, 2, today=date(2026, 11, 22)) == date(2026, 11, 22)
    assert month_report_date(2026, 2, today=date(2026, 3, 1)) == date(2026, 2, 28)


def test_json_matches_the_contract(portfolio):
    run = run_aktplan("rapport", str(portfolio), "--dato", "2026-03-31", "--format", "json")
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
        return run_aktplan("rapport", str(portfolio), "--format", "json", *extra).returncode

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


# --- the typed model, the rules, what only the formats use ---------------------------------


def _records(report):
    """Every record of a report that becomes a JSON object, with its JSON."""
    yield report.budget, report.to_json()["budget"]
    yield report.experiments, report.to_json()["experiments"]
    yield report.unreadable_values, report.to_json()["unreadable_values"]
    for key in ("plans", "overdue", "upcoming", "by_person", "by_channel", "by_type", "kpi"):
        yield from zip(getattr(report, key), report.to_json()[key], strict=True)
    for key in ("finished", "started", "due_open", "experiments", "due_next"):
        yield from zip(getattr(report.month, key), report.to_json()["month"][key], strict=True)


def test_every_record_is_its_json_field_by_field(portfolio):
    """Field names are the JSON keys, in the JSON's order; dates become ISO strings."""
    report = build_report(read_plans(portfolio), Settings(report_date=REPORT_DATE), month=(2026, 3))
    seen = set()
    for record, data in _records(report):
        seen.add(type(record).__name__)
        # A series' `repeat` and `occurrence` are written only for activities that repeat.
        optional = {"repeat", "occurrence"} if type(record).__name__ == "UpcomingTask" else set()
        expected = [
            f.name
            for f in fields(record)
            if f.name not in optional or getattr(record, f.name) is not None
        ]
        assert list(data) == expected, type(record).__name__
        for key, value in data.items():
            field_value = getattr(record, key)
            if isinstance(field_value, date):
                assert value == field_value.isoformat()
    assert seen >= {"Budget", "PlanFigures", "OverdueTask", "PersonRow", "ChannelRow", "Goal"}
    month = report.to_json()["month"]
    assert list(month) == [f.name for f in fields(report.month)]
    assert (month["first"], month["last"]) == ("2026-03-01", "2026-03-31")


def test_the_wheel_and_the_activity_goals_stay_out_of_the_json(portfolio):
    settings = Settings(report_date=REPORT_DATE)
    report = build_report(read_plans(portfolio), settings)
    assert report.wheel is not None and report.wheel.year == 2026
    assert report.activity_goals  # the portfolio's activities have their own results
    data = report.to_json()
    assert "wheel" not in data and "activity_goals" not in data and "settings" not in data
    lean = build_report(read_plans(portfolio), settings, parts=frozenset())
    assert lean.wheel is None and lean.activity_goals == []
    assert lean.to_json() == data  # the parts change nothing in the JSON
    with pytest.raises(ValueError, match="unknown report parts"):
        build_report(read_plans(portfolio), settings, parts=frozenset({"wheels"}))
    # Nothing dated in the report date's year: no wheel to draw.
    later = Settings(report_date=date(2031, 1, 1))
    assert build_report(read_plans(portfolio), later).wheel is None


def test_overdue_is_one_rule_for_the_report_and_the_wheel(portfolio):
    """The report's overdue list and the årshjul's red bars are the same activities."""
    report = build_report(read_plans(portfolio), Settings(report_date=REPORT_DATE))
    in_report = {(i.file, i.row, i.days_overdue) for i in report.overdue}
    on_wheel = {(a.file, a.row, a.days_overdue) for a in report.wheel.activities if a.overdue}
    assert in_report == on_wheel and in_report


def test_the_scalar_rules_agree_with_the_vectorised_ones(portfolio):
    (plan, *_rest) = read_plans(portfolio).plans
    table = plan.table
    deadlines = table["deadline"].astype("datetime64[D]").tolist()
    phases = table["phase"].tolist()
    for today in (date(2026, 1, 1), REPORT_DATE, date(2026, 12, 31)):
        late = rules.overdue_rows(table, today).tolist()
        assert late == [
            rules.is_overdue(d, p, today) for d, p in zip(deadlines, phases, strict=True)
        ]
        days = rules.days_overdue_of(table["deadline"], today).tolist()
        for d, n, is_late in zip(deadlines, days, late, strict=True):
            if is_late:
                assert n == rules.days_overdue(d, today) > 0
        soon = rules.upcoming_rows(table, today, 14).tolist()
        assert soon == [
            rules.is_open(p) and d is not None and today <= d <= today + timedelta(days=14)
            for d, p in zip(deadlines, phases, strict=True)
        ]
    assert rules.open_rows(table).tolist() == [rules.is_open(p) for p in phases]


def test_each_format_names_the_report_parts_it_shows():
    from aktivitetsplan.compute.report import PARTS
    from aktivitetsplan.formats.report import PARTS as FORMAT_PARTS
    from aktivitetsplan.save import FORMAT_SUFFIXES

    assert set(FORMAT_PARTS) == set(FORMAT_SUFFIXES)  # every format the CLI offers
    assert all(parts <= PARTS for parts in FORMAT_PARTS.values())
    assert FORMAT_PARTS["json"] == frozenset()  # the JSON pays for no drawing
    assert "wheel" in FORMAT_PARTS["html"]
