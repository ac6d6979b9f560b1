"""The planning method (issue 17): the goal on top, experiments that decide, readiness,
the digital tail — read from real filled templates, computed, and kept by the history."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from conftest import run_aktplan

from aktivitetsplan import build_report, read_plans
from aktivitetsplan.errors import ConfigError
from aktivitetsplan.history.codec import decode_plan, encode_plan
from aktivitetsplan.plan.model import GoalSpec
from aktivitetsplan.plan.values import parse_decision, parse_hours
from aktivitetsplan.settings import Settings, load_settings, parse_config
from aktivitetsplan.view.report import ReportView
from aktivitetsplan.workbooks.fill import write_filled_plan

DAY = date(2026, 9, 30)
GOAL = {"navn": "400 leads til salg", "kpi": "Kvalifiserte leads", "maaltall": 400, "periode": 2026}


def settings(goal: dict | None = GOAL, **changes) -> Settings:
    base = parse_config({"maal": goal}, "aktplan.toml") if goal else Settings()
    return base.but(report_date=DAY, **changes)


def plan(
    path: Path,
    campaign: dict,
    rows: list[dict],
    *,
    side: dict[str, object] | None = None,
) -> Path:
    """A filled plan template; `side` types the readiness fields beside the block
    (label in G, value in H, rows 3–4), as a person fills them."""
    write_filled_plan(path, Settings(), campaign, rows)
    if side is not None:
        workbook = openpyxl.load_workbook(path)
        sheet = workbook.worksheets[0]
        for row, (label, value) in enumerate(side.items(), start=3):
            sheet.cell(row, 7, label)
            if value is not None:
                sheet.cell(row, 8, value)
        workbook.save(path)
    return path


def portfolio(folder: Path) -> Path:
    """Four campaigns: two carry the goal (one by an alias-free contained KPI), one
    measures something else, one has no KPI; plus one outside the goal's period."""
    folder.mkdir(exist_ok=True)
    plan(
        folder / "var.xlsx",
        {
            "name": "Vårkampanjen",
            "kpi": "Kvalifiserte leads",
            "target": 200,
            "start": date(2026, 3, 1),
            "end": date(2026, 11, 30),
        },
        [
            {
                "activity": "Landingsside",
                "type": "Kampanje",
                "status": "I distribusjon",
                "deadline": date(2026, 3, 20),
                "result": 90,
                "tail": "Innhold",
            },
            {
                "activity": "Annonser",
                "type": "Kampanje",
                "status": "Ferdig",
                "deadline": date(2026, 4, 20),
                "result": 50,
                "tail": "Ingen",
            },
            {
                "activity": "Test av video",
                "type": "Eksperiment",
                "status": "Ferdig",
                "deadline": date(2026, 5, 10),
                "hypothesis": "Video gir flere leads",
                "decision": "Forsterk",
                "result": 12,
            },
            {
                "activity": "Test av chat",
                "type": "Eksperiment",
                "status": "I distribusjon",
                "deadline": date(2026, 6, 10),
                "hypothesis": "Chat gir raskere svar",
            },
            {
                "activity": "Rekkevidde-test",
                "type": "Eksperiment",
                "status": "I produksjon",
                "deadline": date(2026, 10, 5),
                "kpi": "Rekkevidde",
            },
        ],
        side={"Beredskap": None, "Svartid (timer)": "4 timer"},
    )
    plan(
        folder / "host.xlsx",
        {
            "name": "Høstkampanjen",
            "kpi": "Leads",
            "target": 150,
            "start": date(2026, 8, 1),
            "end": date(2026, 12, 15),
        },
        [
            {
                "activity": "Webinar",
                "type": "Kampanje",
                "status": "I distribusjon",
                "deadline": date(2026, 9, 10),
                "result": 60,
                "tail": "Listevekst",
            },
            {
                "activity": "Nyhetsbrev",
                "type": "Program",
                "status": "Å gjøre",
                "deadline": date(2026, 10, 20),
            },
        ],
        side={"Beredskap": "Kari Nordmann", "Svartid (timer)": 2},
    )
    plan(
        folder / "merkevare.xlsx",
        {
            "name": "Merkevare",
            "kpi": "Rekkevidde",
            "target": 100000,
            "start": date(2026, 1, 1),
            "end": date(2026, 12, 31),
        },
        [
            {
                "activity": "Film",
                "type": "Kampanje",
                "status": "I produksjon",
                "deadline": date(2026, 10, 1),
                "result": 50000,
            }
        ],
        side={"Beredskap": "Ikke aktuelt", "Svartid (timer)": None},
    )
    plan(
        folder / "uten-kpi.xlsx",
        {"name": "Blogg", "start": date(2026, 1, 1), "end": date(2026, 12, 31)},
        [
            {
                "activity": "Innlegg",
                "type": "Program",
                "status": "Å gjøre",
                "deadline": date(2026, 10, 30),
            },
            {
                "activity": "Innlegg 2",
                "type": "Program",
                "status": "Avlyst",
                "deadline": date(2026, 11, 30),
            },
        ],
    )
    plan(
        folder / "ifjor.xlsx",
        {
            "name": "Fjorårets kampanje",
            "kpi": "Kvalifiserte leads",
            "target": 80,
            "start": date(2025, 3, 1),
            "end": date(2025, 6, 30),
        },
        [
            {
                "activity": "Gammel",
                "type": "Kampanje",
                "status": "Ferdig",
                "deadline": date(2025, 5, 1),
                "result": 70,
            }
        ],
    )
    return folder


def report(folder: Path, config: Settings):
    return build_report(read_plans(folder, config), config)


# --- values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Forsterk", "scale"),
        ("fortsette", "continue"),
        ("DROPP", "drop"),
        ("Scale up", "scale"),
        ("  legg ned ", "drop"),
        ("", None),
        (None, None),
    ],
)
def test_decisions_are_read_in_both_languages_and_as_people_write_them(typed, key):
    assert parse_decision(typed) == (key, None)


def test_an_unknown_decision_is_a_warning_and_not_a_missing_one():
    key, problem = parse_decision("kanskje")
    assert key == "unknown"
    assert (problem.severity, problem.key) == ("warning", "value.unknown_decision")


@pytest.mark.parametrize(
    ("typed", "hours"),
    [
        (4, 4.0),
        (1.5, 1.5),
        ("4 timer", 4.0),
        ("24t", 24.0),
        ("1 dag", 24.0),
        ("2 dager", 48.0),
        ("30 min", 0.5),
        ("1,5 timer", 1.5),
        ("innen 8 timer", 8.0),
        ("48 hours", 48.0),
    ],
)
def test_response_times_are_read_as_hours(typed, hours):
    assert parse_hours(typed) == (hours, None)


@pytest.mark.parametrize("typed", ["snart", "-3", True, float("nan"), "4 uker"])
def test_a_response_time_that_is_no_time_is_an_error(typed):
    value, problem = parse_hours(typed)
    assert value is None and problem.severity == "error" and problem.key == "value.bad_hours"


# --- aktplan.toml: [maal] --------------------------------------------------------------


def test_the_goal_in_aktplan_toml_with_a_year_as_period(tmp_path):
    toml = tmp_path / "aktplan.toml"
    toml.write_text(
        '[maal]\nnavn = "400 leads"\nkpi = "Kvalifiserte leads"\nmaaltall = 400\n'
        'periode = 2027\naliaser = ["MQL", "Leads til salg"]\n',
        encoding="utf-8",
    )
    goal = load_settings(toml).goal
    assert goal == GoalSpec(
        name="400 leads",
        kpi="Kvalifiserte leads",
        target=400.0,
        start=date(2027, 1, 1),
        end=date(2027, 12, 31),
        aliases=("MQL", "Leads til salg"),
        source=str(toml),
    )


def test_the_quoted_norwegian_table_name_and_dates_as_text(tmp_path):
    toml = tmp_path / "aktplan.toml"
    toml.write_text(
        '["mål"]\nkpi = "Nye kunder"\n"måltall" = 25\nstart = "1.3.2027"\nslutt = 2027-08-31\n',
        encoding="utf-8",
    )
    goal = load_settings(toml).goal
    assert (goal.name, goal.kpi, goal.target, goal.start, goal.end) == (
        None,
        "Nye kunder",
        25.0,
        date(2027, 3, 1),
        date(2027, 8, 31),
    )


def test_a_bare_norwegian_table_name_says_how_to_quote_it(tmp_path):
    toml = tmp_path / "aktplan.toml"
    toml.write_text('[mål]\nkpi = "Leads"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(toml)
    assert "mål" in str(caught.value.message) and "anførselstegn" in caught.value.message


@pytest.mark.parametrize(
    ("goal", "key"),
    [
        ({"kpi": "Leads"}, "maal.maaltall"),
        ({"maaltall": 400}, "maal.kpi"),
        ({"kpi": "Leads", "maaltall": 0}, "maal.maaltall"),
        ({"kpi": "Leads", "maaltall": "mange"}, "maal.maaltall"),
        ({"kpi": "Leads", "maaltall": 4, "periode": "neste år"}, "maal.periode"),
        ({"kpi": "Leads", "maaltall": 4, "start": "1.9.2027", "slutt": "1.3.2027"}, "maal.slutt"),
        ({"kpi": "Leads", "maaltall": 4, "start": "snart"}, "maal.start"),
        ({"kpi": "Leads", "maaltall": 4, "farge": "rød"}, "maal.farge"),
    ],
)
def test_a_goal_that_cannot_be_used_names_its_key(goal, key):
    with pytest.raises(ConfigError) as caught:
        parse_config({"maal": goal}, "aktplan.toml")
    assert f"«{key}»" in caught.value.message


# --- reading ---------------------------------------------------------------------------


def test_the_method_fields_are_read_and_plans_know_their_columns(tmp_path):
    folder = portfolio(tmp_path / "p")
    plans = {p.campaign["name"]: p for p in read_plans(folder, settings()).plans}
    spring = plans["Vårkampanjen"]
    assert {"hypothesis", "decision", "tail"} <= spring.columns
    assert spring.table["decision"].tolist() == ["scale" if i == 2 else None for i in range(5)]
    assert spring.table["tail"].tolist() == ["Innhold", "Ingen", None, None, None]
    assert (spring.campaign["readiness"], spring.campaign["response_hours"]) == (None, 4.0)
    assert plans["Høstkampanjen"].campaign["response_hours"] == 2.0
    # The template's Beredskap label left without a value: nobody named.
    assert plans["Blogg"].campaign["readiness"] is None


def test_a_response_time_not_read_is_an_error_at_its_cell(tmp_path):
    path = plan(
        tmp_path / "p.xlsx",
        {"name": "K"},
        [{"activity": "A", "status": "Å gjøre"}],
        side={"Beredskap": "Ola", "Svartid (timer)": "snart"},
    )
    read = read_plans(path, settings())
    issue = next(i for i in read.plans[0].issues if i.cell.endswith("!H4"))
    assert issue.severity == "error" and "snart" in issue.message
    assert (4, "campaign.response_hours", "Aktivitetsplan!H4") in read.plans[0].unreadable_cells


def test_experiments_without_hypothesis_or_decision_are_flagged_at_their_cells(tmp_path):
    folder = portfolio(tmp_path / "p")
    plans = {p.campaign["name"]: p for p in read_plans(folder, settings()).plans}
    found = [
        (i.cell, i.message) for i in plans["Vårkampanjen"].issues if "eksperiment" in i.message
    ]
    assert found == [
        (
            "Aktivitetsplan!S18",
            "eksperimentet «Rekkevidde-test» mangler hypotese: hva vi tror, "
            "og hvordan vi skal vite det",
        ),
        (
            "Aktivitetsplan!T17",
            "eksperimentet «Test av chat» er ferdig uten beslutning "
            "(Forsterk, Fortsett eller Dropp)",
        ),
    ]


def goal_workbook(path: Path, fields: list[tuple[str, object]], *, sheet: str = "Mål") -> Path:
    """A department's own workbook: an activity table and a goal sheet of label/value rows."""
    workbook = openpyxl.Workbook()
    table = workbook.active
    table.title = "Årshjul"
    table.append(["Aktivitet", "Kategori", "Start", "Slutt", "Status"])
    table.append(["Messe", "Hendelse", date(2026, 10, 1), date(2026, 10, 3), "Å gjøre"])
    goal = workbook.create_sheet(sheet)
    goal.append(["Avdelingens mål"])
    for label, value in fields:
        goal.append([label, value])
    workbook.save(path)
    return path


def test_a_goal_sheet_is_read_like_any_plan_field(tmp_path):
    path = goal_workbook(
        tmp_path / "arshjul.xlsx",
        [
            ("Mål", "400 leads"),
            ("KPI", "Kvalifiserte leads"),
            ("Måltall", "400"),
            ("Start", date(2026, 1, 1)),
            ("Slutt", "31.12.2026"),
            ("Også kalt", "MQL; leads til salg"),
        ],
    )
    goal = read_plans(path, Settings(report_date=DAY)).plans[0].goal
    assert goal == GoalSpec(
        name="400 leads",
        kpi="Kvalifiserte leads",
        target=400.0,
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        aliases=("MQL", "leads til salg"),
        source=f"{path}: Mål",
        cells=(
            ("name", "Mål!B2"),
            ("kpi", "Mål!B3"),
            ("target", "Mål!B4"),
            ("start", "Mål!B5"),
            ("end", "Mål!B6"),
            ("aliases", "Mål!B7"),
        ),
    )


def test_a_goal_sheet_target_not_read_makes_the_goal_uncertain(tmp_path):
    path = goal_workbook(
        tmp_path / "arshjul.xlsx", [("KPI", "Leads"), ("Måltall", "rundt fire hundre")]
    )
    read = read_plans(path, Settings(report_date=DAY))
    goal = read.plans[0].goal
    assert (goal.target, goal.unreadable) == (None, ("target",))
    assert any(i.cell == "Mål!B3" and i.severity == "error" for i in read.plans[0].issues)
    built = build_report(read, Settings(report_date=DAY))
    assert built.department_goal.unreadable == 1
    sentence = ReportView(built).headline[0]
    assert sentence.startswith("Målet «Leads» har ikke noe måltall aktplan kan lese")


def test_an_empty_goal_sheet_is_no_goal(tmp_path):
    path = goal_workbook(tmp_path / "arshjul.xlsx", [("Mål", None), ("KPI", None)])
    assert read_plans(path, Settings(report_date=DAY)).plans[0].goal is None


# --- the goal on top -------------------------------------------------------------------


def test_the_campaigns_roll_up_to_the_department_goal(tmp_path):
    built = report(portfolio(tmp_path / "p"), settings())
    goal = built.department_goal
    # Vårkampanjen 90 + 50 + 12 (its KPI is the goal's), Høstkampanjen 60 (`Leads` is
    # contained in `Kvalifiserte leads`); the 2025 campaign is outside the period.
    assert (goal.result, goal.target, goal.pct) == (212.0, 400.0, 53.0)
    assert (goal.period_start, goal.period_end) == (date(2026, 1, 1), date(2026, 12, 31))
    assert goal.elapsed_pct == 74.7 and goal.on_track is False
    assert [(c.campaign, c.result, c.share_pct) for c in goal.contributing] == [
        ("Vårkampanjen", 152.0, 71.7),
        ("Høstkampanjen", 60.0, 28.3),
    ]
    assert [(c.campaign, c.reason) for c in goal.not_contributing] == [
        ("Fjorårets kampanje", "outside_period"),
        ("Merkevare", "other_kpi"),
        ("Blogg", "no_kpi"),
    ]
    # Not cancelled: 5 + 2 + 1 + 1 + 1. In the campaigns that do not carry the goal:
    # Blogg's open post has no KPI, Merkevare's film measures Rekkevidde; last year's
    # activity measures the goal's KPI (its campaign is outside the period). Vårkampanjen's
    # Rekkevidde test serves the goal through its campaign.
    assert (goal.activities, goal.activities_without_kpi, goal.activities_other_kpi) == (10, 1, 1)
    assert goal.unreadable == 0


def test_every_report_opens_with_the_goal(tmp_path):
    built = report(portfolio(tmp_path / "p"), settings())
    view = ReportView(built)
    assert view.headline[0] == (
        "212 av 400 kvalifiserte leads (53\u00a0%) ved 75\u00a0% av året: bak skjema. "
        "Vårkampanjen står for 152 og Høstkampanjen for 60."
    )
    assert view.goal.sentences == [
        "3 kampanjer og 2 av 10 aktiviteter peker ikke mot målet (1 uten KPI, 1 måler noe annet)."
    ]
    english = ReportView(report(portfolio(tmp_path / "q"), settings(language="en")))
    assert english.headline[0] == (
        "212 of 400 kvalifiserte leads (53\u00a0%) with 75\u00a0% of the year gone: behind "
        "schedule. Vårkampanjen accounts for 152 and Høstkampanjen for 60."
    )


def test_an_alias_brings_a_campaign_in(tmp_path):
    folder = portfolio(tmp_path / "p")
    built = report(folder, settings({**GOAL, "aliaser": ["Rekkevidde"]}))
    assert [c.campaign for c in built.department_goal.contributing] == [
        "Merkevare",
        "Vårkampanjen",
        "Høstkampanjen",
    ]


def test_a_result_not_read_makes_the_goal_say_so(tmp_path):
    path = plan(
        tmp_path / "p.xlsx",
        {"name": "K", "kpi": "Kvalifiserte leads", "target": 100},
        [
            {"activity": "A", "status": "Ferdig", "deadline": date(2026, 5, 1), "result": 30},
            {"activity": "B", "status": "Ferdig", "deadline": date(2026, 6, 1), "result": "mange"},
        ],
    )
    built = report(path, settings())
    assert (built.department_goal.result, built.department_goal.unreadable) == (30.0, 1)
    assert ReportView(built).goal.sentence.endswith(
        "K står for 30. 1 verdi målet bygger på (et resultat eller et felt på målarket) "
        "kunne ikke leses, så tallet er usikkert."
    )


def test_aktplan_toml_wins_over_a_goal_sheet_and_says_so(tmp_path):
    folder = portfolio(tmp_path / "p")
    goal_workbook(folder / "arshjul.xlsx", [("KPI", "Nye kunder"), ("Måltall", 20)])
    built = report(folder, settings())
    assert built.department_goal.kpi == "Kvalifiserte leads"
    note = next(i for i in built.issues if i.cell == "Mål!B2")
    assert (note.severity, note.message) == (
        "info",
        "dette målet brukes ikke: målet fra aktplan.toml gjelder",
    )
    from_sheet = report(folder, settings(None))
    assert (from_sheet.department_goal.kpi, from_sheet.department_goal.target) == (
        "Nye kunder",
        20.0,
    )
    # The årshjul that holds the goal is the department's, not a campaign.
    names = [c.campaign for c in from_sheet.department_goal.not_contributing]
    assert len(names) == 5 and "Årshjul" not in names


# --- experiments that decide -----------------------------------------------------------


def test_the_experiment_year(tmp_path):
    year = report(portfolio(tmp_path / "p"), settings()).experiment_year
    assert year.year == 2026
    assert [(m.month, m.count) for m in year.months if m.count] == [
        ("2026-05", 1),
        ("2026-06", 1),
        ("2026-10", 1),
    ]
    assert len(year.months) == 12 and len(year.months_without) == 9
    assert year.decisions == {"scale": 1, "continue": 0, "drop": 0, "unknown": 0}
    assert [t.activity for t in year.decided] == ["Test av video"]
    assert [t.activity for t in year.finished_undecided] == ["Test av chat"]
    assert (year.experiments, year.without_hypothesis) == (3, 1)


def test_a_plan_without_the_decision_column_has_no_undecided_experiments(tmp_path):
    """Its finished experiments could not have a decision: they are not counted as without."""
    path = tmp_path / "old.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Aktivitet", "Type", "Frist", "Status", "Hypotese"])
    sheet.append(["Test", "Eksperiment", date(2026, 4, 1), "Ferdig", "Tror X"])
    workbook.save(path)
    year = report(path, settings(None)).experiment_year
    assert (year.experiments, year.finished_undecided, year.without_hypothesis) == (1, [], 0)


# --- readiness -------------------------------------------------------------------------


def readiness_plan(tmp_path: Path, rows: list[dict], end: date, responder: object) -> list:
    path = plan(
        tmp_path / f"r{len(list(tmp_path.iterdir()))}.xlsx",
        {"name": "K", "start": date(2026, 1, 1), "end": end},
        rows,
        side={"Beredskap": responder, "Svartid (timer)": None},
    )
    return report(path, settings(None)).readiness


@pytest.mark.parametrize(
    ("status", "deadline", "end", "live"),
    [
        ("I distribusjon", date(2026, 9, 1), date(2026, 12, 31), True),
        ("Å gjøre", date(2026, 10, 14), date(2026, 12, 31), True),  # due in 14 days
        ("Å gjøre", date(2026, 10, 15), date(2026, 12, 31), False),  # in 15
        ("I produksjon", date(2026, 9, 30), date(2026, 12, 31), True),  # due today
        ("I distribusjon", date(2026, 6, 1), date(2026, 9, 29), False),  # the campaign ended
        ("Avlyst", date(2026, 10, 1), date(2026, 12, 31), False),
    ],
)
def test_a_live_campaign_without_anyone_to_answer_is_flagged(tmp_path, status, deadline, end, live):
    rows = readiness_plan(
        tmp_path, [{"activity": "A", "status": status, "deadline": deadline}], end, None
    )
    assert [(r.live, r.flagged, r.missing) for r in rows] == [
        (live, live, ["responder", "response_hours"] if live else [])
    ]


def test_readiness_named_or_not_needed(tmp_path):
    live = [{"activity": "A", "status": "I distribusjon", "deadline": date(2026, 9, 1)}]
    named = readiness_plan(tmp_path, live, date(2026, 12, 31), "Kari")
    assert [(r.responder, r.flagged, r.missing) for r in named] == [
        ("Kari", False, ["response_hours"])
    ]
    not_needed = readiness_plan(tmp_path, live, date(2026, 12, 31), "Ikke aktuelt")
    assert [(r.needed, r.flagged, r.missing) for r in not_needed] == [(False, False, [])]


def test_the_portfolio_readiness_in_the_report(tmp_path):
    built = report(portfolio(tmp_path / "p"), settings())
    # Flagged first, then the live ones, then by name.
    assert [(r.campaign, r.live, r.flagged) for r in built.readiness] == [
        ("Vårkampanjen", True, True),
        ("Høstkampanjen", True, False),
        ("Merkevare", True, False),
        ("Blogg", False, False),
        ("Fjorårets kampanje", False, False),
    ]
    assert ReportView(built).readiness.section.sentences == [
        "1 kampanje er i gang uten noen som svarer på henvendelsene: Vårkampanjen."
    ]


# --- the digital tail ------------------------------------------------------------------


def test_the_digital_tail_per_campaign(tmp_path):
    tail = report(portfolio(tmp_path / "p"), settings()).digital_tail
    # Every plan has the column (the template's): 4 + 1 + 0 + 0 + 1 finished.
    assert (tail.finished, tail.with_tail, tail.pct) == (6, 2, 33.3)
    assert tail.kinds == {"Innhold": 1, "Listevekst": 1}
    rows = {
        r.campaign: (r.finished, r.with_tail, r.without_tail, r.unstated, r.pct)
        for r in tail.campaigns
    }
    assert rows["Vårkampanjen"] == (4, 1, 1, 2, 25.0)
    assert rows["Høstkampanjen"] == (1, 1, 0, 0, 100.0)


# --- plans without the method ----------------------------------------------------------


def test_plans_without_the_method_report_as_before(tmp_path):
    cases = Path(__file__).parent / "cases"
    for case in sorted(cases.glob("*.xlsx")):
        read = read_plans(case, Settings(report_date=DAY))
        data = build_report(read, Settings(report_date=DAY)).to_json()
        assert not {"department_goal", "experiment_year", "readiness", "digital_tail"} & set(data)
        for found in read.plans:
            assert not {"readiness", "response_hours"} & set(found.campaign)
            assert not {"hypothesis", "decision", "tail"} & found.columns


# --- history ---------------------------------------------------------------------------


def test_a_snapshot_keeps_the_columns_and_the_goal(tmp_path):
    folder = portfolio(tmp_path / "p")
    goal_workbook(folder / "arshjul.xlsx", [("KPI", "Nye kunder"), ("Måltall", 20)])
    for found in read_plans(folder, settings()).plans:
        content = decode_plan(encode_plan(found).packed())
        assert content.columns == (found.columns if found.columns & {"tail"} else frozenset())
        assert content.goal == found.goal


def test_a_plan_without_the_method_is_stored_as_before(tmp_path):
    """Its stored content has neither the method's columns nor a `columns` key, so a plan
    stored before this version is not stored again."""
    case = Path(__file__).parent / "cases" / "messy.xlsx"
    found = read_plans(case, Settings(report_date=DAY)).plans[0]
    payload = encode_plan(found).payload
    head = json.loads(payload[: payload.index(b"\0")])
    assert "columns" not in head and "goal" not in head
    assert not {"hypothesis", "decision", "tail"} & set(head["text"])


# --- the command line ------------------------------------------------------------------


def test_rapport_opens_with_the_goal_from_aktplan_toml(tmp_path):
    folder = portfolio(tmp_path / "p")
    toml = tmp_path / "aktplan.toml"
    toml.write_text(
        '["mål"]\nnavn = "400 leads"\nkpi = "Kvalifiserte leads"\n"måltall" = 400\nperiode = 2026\n',
        encoding="utf-8",
    )
    args = [
        "rapport",
        str(folder),
        "--config",
        str(toml),
        "--dato",
        "30.09.2026",
        "--uten-historikk",
    ]
    data = json.loads(run_aktplan(*args, "--format", "json").stdout)
    assert data["department_goal"]["result"] == 212.0
    text = run_aktplan(*args, "--format", "markdown")
    assert text.returncode == 0
    first = next(line for line in text.stdout.splitlines() if line.startswith("> "))
    assert first.startswith(
        "> 212 av 400 kvalifiserte leads (53\u00a0%) ved 75\u00a0% av året: bak skjema. Vårkampanjen står for 152 og Høstkampanjen for 60. "
    )


# --- the reader, any way it is typed -----------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(
    hours=st.integers(min_value=0, max_value=10_000),
    tenths=st.integers(min_value=0, max_value=9),
    unit=st.sampled_from(["", " t", "t", " timer", " h", " hours", " time"]),
    comma=st.booleans(),
)
def test_any_number_of_hours_as_typed(hours, tenths, unit, comma):
    text = f"{hours}{',' if comma else '.'}{tenths}{unit}"
    value, problem = parse_hours(text)
    assert problem is None and value == pytest.approx(hours + tenths / 10)


@given(st.text(max_size=30))
def test_any_decision_text_is_read_or_warned_never_lost(text):
    key, problem = parse_decision(text)
    if not text.strip():
        assert (key, problem) == (None, None)
    elif problem is None:
        assert key in ("scale", "continue", "drop")
    else:
        assert key == "unknown" and problem.severity == "warning"


# --- next year's plan --------------------------------------------------------------------


def test_next_year_keeps_the_hypothesis_and_readiness_and_clears_the_outcome(tmp_path):
    from aktivitetsplan.compute.next_year import next_year

    folder = portfolio(tmp_path / "p")
    spring = next(
        p for p in read_plans(folder, settings()).plans if p.campaign["name"] == "Vårkampanjen"
    )
    autumn_plan = next_year(spring, "nb", DAY, 2027)
    rows = {row["activity"]: row for row in autumn_plan.rows}
    video = rows["Test av video"]
    assert (video["hypothesis"], video["decision"]) == ("Video gir flere leads", None)
    assert rows["Landingsside"]["tail"] is None
    assert (autumn_plan.campaign["readiness"], autumn_plan.campaign["response_hours"]) == (
        None,
        4.0,
    )
    # Written into next year's template and read back: the same fields, no decision.
    target = tmp_path / "neste.xlsx"
    write_filled_plan(target, Settings(), autumn_plan.campaign, autumn_plan.rows)
    again = read_plans(target, settings(None)).plans[0]
    assert again.table["decision"].tolist() == [None] * 5
    assert again.table["hypothesis"].tolist()[2] == "Video gir flere leads"
    assert again.campaign["response_hours"] == 4.0


def test_nytt_ar_leaves_the_goal_workbook_and_says_so(tmp_path):
    folder = portfolio(tmp_path / "p")
    goal_workbook(folder / "arshjul.xlsx", [("KPI", "Nye kunder"), ("Måltall", 20)])
    workbook = openpyxl.load_workbook(folder / "arshjul.xlsx")
    workbook["Årshjul"].delete_rows(2)  # the calendar empty: only the goal is filled in
    workbook.save(folder / "arshjul.xlsx")
    run = run_aktplan("nytt-år", str(folder), "-o", str(tmp_path / "2027"), "--år", "2027")
    assert run.returncode == 0
    assert f"{folder / 'arshjul.xlsx'}: holder bare avdelingens mål" in run.stdout
    assert sorted(p.name for p in (tmp_path / "2027").iterdir()) == [
        "host.xlsx",
        "ifjor.xlsx",
        "merkevare.xlsx",
        "uten-kpi.xlsx",
        "var.xlsx",
    ]


# --- what could not be read comes first ---------------------------------------------------


def test_a_file_not_read_is_said_before_the_goal_it_leaves_out(tmp_path):
    folder = portfolio(tmp_path / "p")
    (folder / "tom.xlsx").write_bytes(b"")
    built = report(folder, settings())
    headline = ReportView(built).headline
    assert headline[0] == f"1 fil kunne ikke leses og er ikke med i tallene: {folder / 'tom.xlsx'}."
    assert headline[1].startswith("212 av 400 kvalifiserte leads")
    for name in ("a", "b", "c", "d"):
        (folder / f"{name}.xlsx").write_text("ikke et regneark", encoding="utf-8")
    many = ReportView(report(folder, settings())).headline[0]
    assert many.startswith("5 filer kunne ikke leses og er ikke med i tallene: ")
    assert many.endswith(" og 2 til.")


# --- what the review found -----------------------------------------------------------------

from aktivitetsplan.workbooks.fill import write_filled_wheel  # noqa: E402


def test_a_goal_only_arshjul_beside_the_plans_with_history(tmp_path):
    """The workbook that only holds the goal is in no snapshot and no comparison: two
    monthly runs with the history on, the second with what changed."""
    folder = portfolio(tmp_path / "p")
    write_filled_wheel(
        folder / "arshjul.xlsx",
        Settings(),
        2026,
        {"name": "400 leads", "kpi": "Kvalifiserte leads", "target": 400},
    )
    first = run_aktplan("rapport", str(folder), "--dato", "31.08.2026", "--format", "json")
    assert first.returncode == 0, first.stderr
    second = run_aktplan("rapport", str(folder), "--dato", "30.09.2026", "--format", "json")
    assert second.returncode == 0, second.stderr
    data = json.loads(second.stdout)
    assert data["changes"]["since"] == "2026-08-31"
    assert data["department_goal"]["source"].endswith("arshjul.xlsx: Mål")
    assert len(data["plans"]) == 5  # the five campaigns, not the årshjul


def test_the_goal_sheet_never_counts_as_a_campaign(tmp_path):
    """An årshjul with a Mål sheet left blank beside a goal in aktplan.toml: the
    department's workbook, listed nowhere among the campaigns."""
    folder = portfolio(tmp_path / "p")
    write_filled_wheel(
        folder / "arshjul.xlsx",
        Settings(),
        2026,
        rows=[{"category": "Hendelse", "activity": "Messe", "start": date(2026, 10, 1)}],
    )
    goal = report(folder, settings()).department_goal
    names = [c.campaign for c in goal.contributing + goal.not_contributing]
    assert len(names) == 5 and not any("Årshjul" in str(n) for n in names)


@pytest.mark.parametrize("target", [0, -100])
def test_a_goal_sheet_target_of_zero_or_less_is_an_error(tmp_path, target):
    path = goal_workbook(tmp_path / "a.xlsx", [("KPI", "Leads"), ("Måltall", target)])
    read = read_plans(path, Settings(report_date=DAY))
    issue = next(i for i in read.plans[0].issues if i.cell == "Mål!B3")
    assert issue.severity == "error" and "større enn null" in issue.message
    goal = read.plans[0].goal
    assert (goal.target, goal.unreadable) == (None, ("target",))


def test_a_goal_target_formula_not_computed_makes_the_goal_uncertain(tmp_path):
    path = goal_workbook(tmp_path / "a.xlsx", [("KPI", "Leads"), ("Måltall", "=Ark2!A1*2")])
    read = read_plans(path, Settings(report_date=DAY))
    goal = read.plans[0].goal
    assert (goal.target, goal.unreadable) == (None, ("target",))
    messages = [i.message for i in read.plans[0].issues]
    assert not any("mangler måltall" in m for m in messages)
    assert build_report(read, Settings(report_date=DAY)).department_goal.unreadable == 1


def test_only_results_inside_the_goals_period_count(tmp_path):
    path = plan(
        tmp_path / "p.xlsx",
        {"name": "Løpende", "kpi": "Leads"},
        [
            {"activity": "I fjor", "status": "Ferdig", "deadline": date(2025, 5, 1), "result": 300},
            {"activity": "I år", "status": "Ferdig", "deadline": date(2026, 5, 1), "result": 50},
            {"activity": "Uten dato", "status": "Ferdig", "result": 5},
        ],
    )
    built = report(path, settings({**GOAL, "kpi": "Leads"}))
    assert built.department_goal.result == 55.0  # this year's and the undated one
    assert built.kpi[0].result == 355.0  # the campaign's own goal counts them all


def test_a_kpi_is_matched_by_words_not_by_parts_of_words(tmp_path):
    path = plan(
        tmp_path / "p.xlsx",
        {"name": "Kostnad", "kpi": "Leadskostnad (kr)", "start": date(2026, 1, 1)},
        [{"activity": "A", "status": "Ferdig", "deadline": date(2026, 3, 1), "result": 25000}],
    )
    goal = report(path, settings({**GOAL, "kpi": "Leads"})).department_goal
    assert goal.result is None
    assert [(c.campaign, c.reason) for c in goal.not_contributing] == [("Kostnad", "other_kpi")]


def test_a_goal_with_only_an_end_is_that_years(tmp_path):
    folder = portfolio(tmp_path / "p")
    goal = report(folder, settings({"kpi": "Leads", "maaltall": 400, "slutt": "30.6.2025"}))
    record = goal.department_goal
    assert (record.period_start, record.period_end) == (date(2025, 1, 1), date(2025, 6, 30))


def test_a_goal_date_without_a_year_is_refused():
    with pytest.raises(ConfigError) as caught:
        parse_config({"maal": {"kpi": "Leads", "maaltall": 4, "start": "1.3"}}, "aktplan.toml")
    assert "«maal.start»" in caught.value.message


def test_a_response_time_not_read_is_unknown_not_missing(tmp_path):
    live = [{"activity": "A", "status": "I distribusjon", "deadline": date(2026, 9, 1)}]
    path = plan(
        tmp_path / "p.xlsx",
        {"name": "K", "start": date(2026, 1, 1), "end": date(2026, 12, 31)},
        live,
        side={"Beredskap": "Kari", "Svartid (timer)": "snart"},
    )
    built = report(path, settings(None))
    [row] = built.readiness
    assert (row.missing, row.unreadable, row.flagged) == ([], ["response_hours"], False)
    section = ReportView(built).readiness.section
    assert section.rows[0][3] == "kan ikke leses"
    assert section.sentences[-1].startswith("Beredskap eller svartid kunne ikke leses for K")


@pytest.mark.parametrize("nobody", ["-", "Ingen"])
def test_a_dash_or_ingen_names_nobody(tmp_path, nobody):
    live = [{"activity": "A", "status": "I distribusjon", "deadline": date(2026, 9, 1)}]
    rows = readiness_plan(tmp_path, live, date(2026, 12, 31), nobody)
    assert [(r.responder, r.flagged) for r in rows] == [(None, True)]


def test_a_second_goal_sheet_in_the_same_workbook_is_not_used_and_says_so(tmp_path):
    path = goal_workbook(tmp_path / "a.xlsx", [("KPI", "Leads"), ("Måltall", 400)])
    workbook = openpyxl.load_workbook(path)
    other = workbook.create_sheet("Goal")
    for row in (["Goal"], ["KPI", "New customers"], ["Target", 999]):
        other.append(row)
    workbook.save(path)
    read = read_plans(path, Settings(report_date=DAY))
    assert (read.plans[0].goal.kpi, read.plans[0].goal.target) == ("Leads", 400.0)
    note = next(
        i for i in build_report(read, Settings(report_date=DAY)).issues if i.cell == "Goal!B2"
    )
    assert (note.severity, note.message) == (
        "info",
        f"dette målet brukes ikke: målet fra {path}: Mål gjelder",
    )
    # With the goal in aktplan.toml, neither sheet is used, and each says whose is.
    notes = {
        i.cell: i.message
        for i in build_report(read_plans(path, settings()), settings()).issues
        if i.severity == "info"
    }
    assert notes == {
        "Mål!B2": "dette målet brukes ikke: målet fra aktplan.toml gjelder",
        "Goal!B2": "dette målet brukes ikke: målet fra aktplan.toml gjelder",
    }
