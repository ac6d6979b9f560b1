"""`aktplan demo`'s plans are data: `aktivitetsplan/demo/plans.toml`, read by the demo package.

The demo shows the planning method: the department goal on its årshjul's `Mål` sheet,
experiments with hypotheses and decisions, readiness beside the campaign block, the
digital tail."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from importlib import resources

import openpyxl
import pytest

from aktivitetsplan.compute.report import build_report
from aktivitetsplan.demo import DATA_FILE, MESSY, load_demo, parse_demo, write_demo
from aktivitetsplan.plan.schema import (
    CAMPAIGN_BY_KEY,
    COLUMN_BY_KEY,
    COLUMNS,
    FIRST_FIELD_ROW,
    GOAL_BY_KEY,
    HEADER_ROW,
    SIDE_LABEL_COL,
)
from aktivitetsplan.read.reader import read_plans
from aktivitetsplan.settings import Settings
from aktivitetsplan.view.report import ReportView

TODAY = date(2026, 11, 22)


def raw() -> dict:
    return tomllib.loads(
        resources.files("aktivitetsplan.demo").joinpath(DATA_FILE).read_text("utf-8")
    )


def test_the_data_file_loads_and_names_only_known_fields_and_columns():
    data = raw()
    demo = load_demo()
    assert [p.file for p in demo.plans] == [
        "lansering-sensorpakke.xlsx",
        "innholdsmotor.xlsx",
        "messe-maskin-industri.xlsx",
    ]
    assert sum(len(p.rows) for p in demo.plans) == 38
    assert "Byrå: Fjord Digital" in demo.people
    assert demo.goal is not None and demo.goal.file == "aarshjul.xlsx"
    assert set(data["goal"]) - {"file"} <= set(GOAL_BY_KEY)
    for plan in data["plans"]:
        assert set(plan) == {"file", "campaign", "rows"}
        assert set(plan["campaign"]) <= set(CAMPAIGN_BY_KEY), plan["file"]
        for row in plan["rows"]:
            assert row["activity"], plan["file"]
            unknown = set(row) - set(COLUMN_BY_KEY) - {MESSY}
            assert not unknown, (plan["file"], row["activity"], unknown)
            assert "id" not in row  # numbered by demo.py
            for key, value in row.items():
                if key != MESSY and COLUMN_BY_KEY[key].kind == "date":
                    assert type(value) is int, (row["activity"], key, value)


def test_a_typo_in_the_data_is_an_error_not_an_empty_cell():
    data = raw()
    data["plans"][0]["rows"][0]["dealine"] = 3
    with pytest.raises(
        ValueError, match=r"lansering-sensorpakke\.xlsx row 1: unknown key 'dealine'"
    ):
        parse_demo(data)
    data = raw()
    data["plans"][1]["campaign"]["start"] = "i fjor"
    with pytest.raises(ValueError, match="start must be a day offset"):
        parse_demo(data)
    data = raw()
    data["goal"]["maltall"] = 400
    with pytest.raises(ValueError, match="goal: unknown key 'maltall'"):
        parse_demo(data)


def test_offsets_become_dates_and_messy_rows_are_typed_as_text(tmp_path):
    [first, *_] = write_demo(tmp_path, Settings(report_date=TODAY))
    plan = load_demo().plans[0]
    sheet = openpyxl.load_workbook(first).worksheets[0]
    col = {c.key: i + 1 for i, c in enumerate(COLUMNS)}

    def cell(row: int, key: str):
        return sheet.cell(row=row, column=col[key]).value

    day = lambda offset: TODAY + timedelta(days=offset)  # noqa: E731
    assert sheet.cell(row=FIRST_FIELD_ROW, column=2).value == plan.campaign["name"]
    start = sheet.cell(row=FIRST_FIELD_ROW + 6, column=2).value
    assert start.date() == day(plan.campaign["start"])

    tidy = HEADER_ROW + 1  # A01
    assert cell(tidy, "id") == "A01"
    assert cell(tidy, "deadline").date() == day(plan.rows[0]["deadline"])
    messy = HEADER_ROW + 2  # A02
    assert plan.rows[1][MESSY] is True
    assert cell(messy, "start") == day(plan.rows[1]["start"]).strftime("%d.%m.%Y")
    assert cell(messy, "deadline") == "13. oktober 2026"  # -40 days
    assert cell(messy, "budget") == "60 000 kr"
    # A blank row before the sixth activity, as people leave them.
    assert all(cell(HEADER_ROW + 6, c.key) is None for c in COLUMNS)
    assert cell(HEADER_ROW + 7, "id") == "A06"


# --- the method in the demo ------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    settings = Settings(report_date=TODAY)
    files = write_demo(folder, settings)
    report = build_report(read_plans(files, settings), settings)
    return files, report


def test_the_demo_writes_the_department_wheel_with_its_goal(demo_report):
    files, _ = demo_report
    assert [f.name for f in files] == [
        "lansering-sensorpakke.xlsx",
        "innholdsmotor.xlsx",
        "messe-maskin-industri.xlsx",
        "aarshjul.xlsx",
    ]
    goal = openpyxl.load_workbook(files[-1])["Mål"]
    values = {
        goal.cell(row=r, column=1).value: goal.cell(row=r, column=2).value for r in range(3, 9)
    }
    assert values["Mål"] == "400 kvalifiserte leads til salg"
    assert values["KPI"] == "Kvalifiserte leads"
    assert values["Måltall"] == 400
    assert values["Start"].date() == date(2026, 1, 1)  # the report date's year
    assert values["Slutt"].date() == date(2026, 12, 31)
    assert values["Også kalt"] == "Leads fra innhold"
    # Readiness beside the campaign block: as typed, hours as text in one plan.
    launch = openpyxl.load_workbook(files[0]).worksheets[0]
    side = SIDE_LABEL_COL + 2  # the value's column (1-based), right of the label
    assert launch.cell(row=FIRST_FIELD_ROW, column=side).value == "Innesalg: Kari Nordmann"
    assert launch.cell(row=FIRST_FIELD_ROW + 1, column=side).value == "4 timer"


def test_the_demo_report_opens_with_the_goal_and_its_carriers(demo_report):
    _, report = demo_report
    data = report.to_json()
    goal = data["department_goal"]
    assert (goal["target"], goal["result"], goal["pct"]) == (400.0, 137.0, 34.3)
    assert (goal["elapsed_pct"], goal["on_track"]) == (89.3, False)
    assert [(c["campaign"], c["result"], c["share_pct"]) for c in goal["contributing"]] == [
        ("Lansering Sensorpakke Pro", 71.0, 51.8),
        ("Innholdsmotor (program hele året)", 66.0, 48.2),  # by the alias
    ]
    assert [(c["campaign"], c["kpi"], c["reason"]) for c in goal["not_contributing"]] == [
        ("Messe: Maskin & Industri", "Besøkende på standen", "other_kpi")
    ]
    assert ReportView(report).headline[0] == (
        "137 av 400 kvalifiserte leads (34\xa0%) ved 89\xa0% av året: bak skjema. "
        "Lansering Sensorpakke Pro står for 71 og Innholdsmotor (program hele året) for 66."
    )


def test_the_demo_experiments_decide_in_some_months_not_all(demo_report):
    year = demo_report[1].to_json()["experiment_year"]
    assert [m["count"] for m in year["months"]] == [0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 4, 3]
    assert year["months_without"] == [f"2026-0{m}" for m in (1, 2, 3, 4, 5, 7)]
    assert year["experiments"] == 8
    assert year["decisions"] == {"scale": 1, "continue": 1, "drop": 1, "unknown": 0}
    assert [e["activity"] for e in year["finished_undecided"]] == [
        "Eksperiment: webinaropptak som blogginnlegg"
    ]
    assert year["without_hypothesis"] == 0


def test_the_demo_flags_the_live_campaign_nobody_answers_for(demo_report):
    rows = demo_report[1].to_json()["readiness"]
    assert [(r["campaign"], r["flagged"], r["needed"], r["response_hours"]) for r in rows] == [
        ("Messe: Maskin & Industri", True, True, 24.0),
        ("Innholdsmotor (program hele året)", False, False, None),  # «Ikke aktuelt»
        ("Lansering Sensorpakke Pro", False, True, 4.0),  # «4 timer»
    ]
    assert rows[0]["missing"] == ["responder"]


def test_the_demo_digital_tail(demo_report):
    tail = demo_report[1].to_json()["digital_tail"]
    assert (tail["finished"], tail["with_tail"], tail["pct"]) == (10, 7, 70.0)
    assert tail["kinds"]["Opptak på YouTube-kanalen"] == 1  # free text counts too
    assert [(c["campaign"], c["without_tail"], c["unstated"]) for c in tail["campaigns"]] == [
        ("Lansering Sensorpakke Pro", 1, 1),  # «Ingen», and one left blank
        ("Innholdsmotor (program hele året)", 0, 0),
        ("Messe: Maskin & Industri", 0, 1),
    ]
