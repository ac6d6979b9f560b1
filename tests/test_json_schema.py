"""The JSON report keeps its contract: docs/aktplan.rapport-1.schema.json (draft 2020-12).

Every golden report and a freshly generated portfolio report validate against the
schema; the schema names every key the report writes; and it really rejects a
document with a renamed key, an unknown severity or a number of the wrong type.
"""

from __future__ import annotations

import copy
import json
import os
from datetime import date
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import PORTFOLIO, REPORT_DATE, fill_plan, write_template
from jsonschema import Draft202012Validator

from aktivitetsplan.cli import cli
from aktivitetsplan.compute.changes import HistoryInput, PastFigures, PastPlans, snapshot_figures
from aktivitetsplan.compute.report import SCHEMA, build_report
from aktivitetsplan.read.reader import read_plans
from aktivitetsplan.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "docs" / "aktplan.rapport-1.schema.json"
CASES = Path(__file__).parent / "cases"
GOLDEN = sorted(CASES.glob("*.json"))


def strict_json(text: str):
    """JSON as the standard has it: NaN and Infinity are not numbers."""

    def refuse(constant: str):
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def assert_valid(validator: Draft202012Validator, document: dict) -> None:
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in errors[:20]
    )


def report_via_cli(folder: Path, *extra: str) -> tuple[int, dict]:
    """`aktplan rapport FOLDER --format json --dato 2026-03-31 …` as click runs it."""
    result = CliRunner().invoke(
        cli,
        ["rapport", str(folder), "--format", "json", "--dato", "2026-03-31", *extra],
        prog_name="aktplan",
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, strict_json(result.stdout)


@pytest.fixture
def no_user_config(tmp_path, monkeypatch):
    """No aktplan.toml from the working directory, no AKTPLAN_* from the environment."""
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    for name in [n for n in os.environ if n.startswith("AKTPLAN_")]:
        monkeypatch.delenv(name)


# --- the schema itself ------------------------------------------------------------


def test_schema_is_a_valid_draft_2020_12_schema(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema"]["const"] == SCHEMA


def _object_nodes(node, path="$"):
    """Every schema node that describes an object (has `properties`), with its path."""
    if isinstance(node, dict):
        if "properties" in node:
            yield path, node
        for key, value in node.items():
            yield from _object_nodes(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _object_nodes(value, f"{path}/{i}")


def test_every_object_allows_added_keys(schema):
    """Keys may be added, never renamed or removed: no level may forbid extra keys."""
    for path, node in _object_nodes(schema):
        assert node.get("additionalProperties") is True, path
        assert "unevaluatedProperties" not in node, path


# --- golden and fresh reports validate --------------------------------------------


def test_there_are_golden_reports():
    assert len(GOLDEN) >= 4


@pytest.mark.parametrize("case", GOLDEN, ids=lambda p: p.stem)
def test_golden_report_validates(case: Path, validator):
    assert_valid(validator, strict_json(case.read_text(encoding="utf-8")))


def test_fresh_portfolio_report_validates(portfolio: Path, validator, no_user_config):
    code, document = report_via_cli(portfolio)
    assert code == 0
    assert document["schema"] == SCHEMA
    assert len(document["plans"]) == 2
    assert_valid(validator, document)


def test_fresh_month_report_validates(portfolio: Path, validator, no_user_config):
    code, document = report_via_cli(portfolio, "--måned", "2026-03")
    assert code == 0
    assert "month" in document
    assert_valid(validator, document)


def test_report_with_unreadable_values_and_files_validates(
    portfolio: Path, validator, no_user_config
):
    """Values that cannot be read, and a file that cannot be read at all (exit 2, but the
    report of the other plans is still written)."""
    bad = write_template(portfolio / "uklar.xlsx")
    fill_plan(
        bad,
        [{"Aktivitet": "Uklar", "Frist": "snart", "Status": "pågår", "Kostnad (kr)": "mye"}],
        {"Kampanje": "Uklar", "Start": "i morgen"},
    )
    (portfolio / "ikke-regneark.xlsx").write_text("dette er ikke et regneark", encoding="utf-8")
    code, document = report_via_cli(portfolio)
    assert code == 2
    assert [Path(u["file"]).name for u in document["unreadable"]] == ["ikke-regneark.xlsx"]
    assert any(i["severity"] == "error" for i in document["issues"])
    assert_valid(validator, document)


THEN = date(2026, 2, 28)


def history_report(portfolio: Path, tmp_path: Path) -> dict:
    """The portfolio's report compared with an earlier state of it, with something in
    every list of `changes`, the trend, and `snapshot` set."""
    then = tmp_path / "then"
    then.mkdir()
    edits = {
        "V1": {"Status": "Å gjøre", "Kostnad (kr)": 20_000, "Resultat": None},  # finished
        "V2": {"Status": "Å gjøre", "Frist": date(2026, 3, 10)},  # started, moved, late
        "V5": {"Status": "Å gjøre"},  # cancelled
    }
    for name, spec in PORTFOLIO.items():
        rows = [{**r, **edits.get(r["ID"], {})} for r in spec["rows"] if r["ID"] != "V3"]
        campaign = dict(spec["campaign"])
        if name == "vaar.xlsx":
            rows.append({"ID": "V9", "Aktivitet": "Gammel", "Frist": date(2026, 1, 5)})
        else:
            campaign["Budsjett"] = 80_000
        fill_plan(write_template(then / name), rows, campaign)
    past_settings = Settings(report_date=THEN)
    past = read_plans(then, past_settings)
    past_report = build_report(past, past_settings)
    settings = Settings(report_date=REPORT_DATE)
    now = read_plans(portfolio, settings)
    history = HistoryInput(
        PastPlans(THEN, past.plans, [Path(p.file).name for p in past.plans]),
        [PastFigures(THEN, snapshot_figures(past_report)[0])],
        [Path(p.file).name for p in now.plans],
    )
    report = build_report(now, settings, month=(2026, 3), history=history, snapshot=REPORT_DATE)
    document = strict_json(json.dumps(report.to_json()))
    changes = document["changes"]
    empty = [key for key, value in changes.items() if isinstance(value, list) and not value]
    assert empty == [], empty
    assert len(document["trend"]) == 2
    return document


def test_report_with_history_validates(portfolio: Path, validator, tmp_path):
    assert_valid(validator, history_report(portfolio, tmp_path))


def test_schema_rejects_a_bad_change(portfolio: Path, validator, tmp_path):
    document = history_report(portfolio, tmp_path)
    document["changes"]["moved"][0]["days_moved"] = 0
    document["changes"]["since"] = "28.02.2026"
    del document["trend"][0]["current"]
    errors = _errors_at(validator, document)
    assert ("changes/moved/0/days_moved", "not") in errors
    assert ("changes/since", "pattern") in errors
    assert ("trend/0", "required") in errors


# --- the method (issue 17): the goal on top, experiments, readiness, the digital tail ---

METHOD_KEYS = ("department_goal", "experiment_year", "readiness", "digital_tail")
METHOD_DATE = "2026-09-30"
GOAL_TOML = """\
[maal]
navn = "400 leads"
kpi = "Leads"
maaltall = 400
periode = 2026
"""
I_DIST, EXP = "I distribusjon", "Eksperiment"
NB_COLUMNS = ("Aktivitet", "Type", "Status", "Frist", "Hypotese", "Beslutning", "Digital hale")
NB_ROWS = {  # + Resultat
    "vaar.xlsx": [
        ("Test A", EXP, I_DIST, date(2026, 3, 10), "Video slår bilde", "Forsterk", "Innhold", 50),
        ("Test B", EXP, I_DIST, date(2026, 5, 10), None, None, "Ingen", 40),
        ("Kampanje C", "Kampanje", "I produksjon", date(2026, 10, 5), None, None, None, None),
        ("Test D", EXP, I_DIST, date(2026, 6, 10), "Quiz slår skjema", "kanskje", "Artikkel", None),
        ("Nettside", "Program", I_DIST, date(2026, 4, 1), None, None, None, None),
    ],
    "host.xlsx": [
        ("Messestand", "Kampanje", I_DIST, date(2026, 9, 20), None, None, "Følgere", 30),
        ("Test E", EXP, "Å gjøre", date(2026, 11, 10), "Quiz gir påmeldinger", None, None, None),
    ],
}
NB_CAMPAIGNS = {
    "vaar.xlsx": ("Vårkampanjen", "Leads", 200, date(2026, 3, 1), date(2026, 12, 31)),
    "host.xlsx": ("Høstmesse", "Påmeldinger", 50, date(2026, 9, 1), date(2026, 11, 30)),
}
NB_SIDE = {"vaar.xlsx": (None, "2 timer"), "host.xlsx": ("Ikke aktuelt", None)}


def _side_fields(path: Path, labels: tuple[str, str], values: tuple) -> None:
    """Beredskap and Svartid beside the campaign block (labels in G3/G4, values in H3/H4),
    as a user types them; a label the template already has is kept."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    for row, label, value in zip((3, 4), labels, values, strict=True):
        if sheet.cell(row=row, column=7).value is None:
            sheet.cell(row=row, column=7, value=label)
        if value is not None:
            sheet.cell(row=row, column=8, value=value)
    workbook.save(path)


def _fill(path: Path, columns: tuple, rows: list[tuple], labels: tuple, campaign: tuple) -> None:
    fill_plan(
        path,
        [dict(zip(columns, row, strict=True)) for row in rows],
        dict(zip(labels, campaign, strict=True)),
    )


def _method_cli(folder: Path, *extra: str) -> tuple[int, dict]:
    args = ["rapport", str(folder), "--format", "json", "--dato", METHOD_DATE, "--uten-historikk"]
    result = CliRunner().invoke(cli, [*args, *extra], prog_name="aktplan")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, strict_json(result.stdout)


def method_report(folder: Path) -> tuple[int, dict]:
    """Two Norwegian plans made from our template and filled as a team would: the goal in
    aktplan.toml, experiments with and without Hypotese and Beslutning, Beredskap left
    blank on a live campaign and «Ikke aktuelt» on another, Digital hale of every kind."""
    folder.mkdir(parents=True)
    for name, rows in NB_ROWS.items():
        path = write_template(folder / name)
        labels = ("Kampanje", "KPI", "Måltall", "Start", "Slutt")
        _fill(path, (*NB_COLUMNS, "Resultat"), rows, labels, NB_CAMPAIGNS[name])
        _side_fields(path, ("Beredskap", "Svartid (timer)"), NB_SIDE[name])
    config = folder.parent / f"{folder.name}-aktplan.toml"
    config.write_text(GOAL_TOML, encoding="utf-8")
    return _method_cli(folder, "--config", str(config))


def method_report_en(folder: Path) -> tuple[int, dict]:
    """An English plan, and the goal on the `Goal` sheet of another workbook (as the
    årshjul carries it), with aliases: the campaign's KPI is one of them."""
    folder.mkdir(parents=True)
    plan = write_template(folder / "spring.xlsx", "en")
    columns = ("Activity", "Type", "Status", "Deadline", "Hypothesis", "Decision")
    exp, done = "Experiment", "Distributed"
    rows = [
        ("Test video", exp, done, date(2026, 2, 15), "Video works", "Scale up", "Content", 60),
        ("Test quiz", exp, done, date(2026, 4, 15), "A quiz works", "dropped", "None", 20),
    ]
    labels = ("Campaign", "KPI", "Target", "Start", "End")
    campaign = ("Spring push", "Registrations", 100, date(2026, 1, 1), date(2026, 6, 30))
    _fill(plan, (*columns, "Digital tail", "Result"), rows, labels, campaign)
    _side_fields(plan, ("Readiness", "Response time (hours)"), ("Kari", "1 day"))
    wheel = write_template(folder / "wheel.xlsx", "en")
    workbook = openpyxl.load_workbook(wheel)
    sheet = workbook.create_sheet("Goal")
    goal = [
        ("Goal", "300 sign-ups"),
        ("KPI", "Sign-ups"),
        ("Target", 300),
        ("Start", date(2026, 1, 1)),
        ("End", date(2026, 12, 31)),
        ("Also called", "Registrations; Signups"),
    ]
    for row, (label, value) in enumerate(goal, start=3):
        sheet.cell(row=row, column=1, value=label)
        sheet.cell(row=row, column=2, value=value)
    workbook.save(wheel)
    return _method_cli(folder, "--språk", "en")


def test_method_report_validates_with_exact_figures(validator, no_user_config, tmp_path):
    code, document = method_report(tmp_path / "planer")
    assert code == 0
    assert all(key in document for key in METHOD_KEYS)
    assert_valid(validator, document)

    goal = document["department_goal"]
    figures = (goal["name"], goal["kpi"], goal["target"], goal["result"], goal["pct"])
    assert figures == ("400 leads", "Leads", 400.0, 90.0, 22.5)
    period = (goal["period_start"], goal["period_end"], goal["elapsed_pct"], goal["on_track"])
    assert period == ("2026-01-01", "2026-12-31", 74.7, False)
    assert goal["source"].endswith("planer-aktplan.toml")
    carriers = [
        (c["campaign"], c["result"], c["share_pct"], c["reason"]) for c in goal["contributing"]
    ]
    assert carriers == [("Vårkampanjen", 90.0, 100.0, None)]
    others = [
        (c["campaign"], c["kpi"], c["share_pct"], c["reason"]) for c in goal["not_contributing"]
    ]
    assert others == [("Høstmesse", "Påmeldinger", None, "other_kpi")]
    counts = (goal["activities"], goal["activities_without_kpi"], goal["activities_other_kpi"])
    assert counts == (7, 0, 2)

    year = document["experiment_year"]
    assert year["year"] == 2026
    assert [m["count"] for m in year["months"]] == [0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 1, 0]
    assert [m["activities"] for m in year["months"]][2] == ["Test A"]
    assert year["months_without"] == [f"2026-{m:02}" for m in (1, 2, 4, 7, 8, 9, 10, 12)]
    assert year["experiments"] == 4
    assert year["decisions"] == {"scale": 1, "continue": 0, "drop": 0, "unknown": 1}
    decided = [(t["activity"], t["decision"]) for t in year["decided"]]
    assert decided == [("Test A", "scale"), ("Test D", "unknown")]
    undecided = [(t["activity"], t["row"], t["hypothesis"]) for t in year["finished_undecided"]]
    assert undecided == [("Test B", 15, None)]
    assert year["without_hypothesis"] == 1

    ready = [
        (r["campaign"], r["responder"], r["response_hours"], r["needed"], r["live"], r["missing"])
        for r in document["readiness"]
    ]
    assert ready == [
        ("Vårkampanjen", None, 2.0, True, True, ["responder"]),
        ("Høstmesse", None, None, False, True, []),
    ]
    assert [r["flagged"] for r in document["readiness"]] == [True, False]

    tail = document["digital_tail"]
    assert (tail["finished"], tail["with_tail"], tail["pct"]) == (5, 3, 60.0)
    assert tail["kinds"] == {"Artikkel": 1, "Følgere": 1, "Innhold": 1}
    rows = [
        (r["campaign"], r["finished"], r["with_tail"], r["without_tail"], r["unstated"], r["pct"])
        for r in tail["campaigns"]
    ]
    assert rows == [("Høstmesse", 1, 1, 0, 0, 100.0), ("Vårkampanjen", 4, 2, 1, 1, 50.0)]

    fields = {p["campaign"]: p["campaign_fields"] for p in document["plans"]}
    vaar = fields["Vårkampanjen"]
    assert (vaar["readiness"], vaar["response_hours"]) == (None, 2.0)
    assert fields["Høstmesse"]["readiness"] == "Ikke aktuelt"


def test_english_method_report_validates(validator, no_user_config, tmp_path):
    code, document = method_report_en(tmp_path / "plans")
    assert code == 0
    assert all(key in document for key in METHOD_KEYS)
    assert_valid(validator, document)

    goal = document["department_goal"]
    figures = (goal["name"], goal["kpi"], goal["aliases"], goal["target"])
    assert figures == ("300 sign-ups", "Sign-ups", ["Registrations", "Signups"], 300.0)
    assert (goal["result"], goal["pct"]) == (80.0, 26.7)
    assert goal["source"].endswith("wheel.xlsx: Goal")
    # the workbook holding the goal is the department's: no campaign of its own
    assert [c["campaign"] for c in goal["contributing"]] == ["Spring push"]
    assert goal["not_contributing"] == []

    year = document["experiment_year"]
    assert year["decisions"] == {"scale": 1, "continue": 0, "drop": 1, "unknown": 0}
    assert (year["finished_undecided"], year["without_hypothesis"]) == ([], 0)

    spring = next(r for r in document["readiness"] if r["campaign"] == "Spring push")
    # its period ended on 30 June: not live, so nothing is missing
    ready = (spring["responder"], spring["response_hours"], spring["live"], spring["missing"])
    assert ready == ("Kari", 24.0, False, [])
    assert spring["flagged"] is False

    tails = {r["campaign"]: r for r in document["digital_tail"]["campaigns"]}
    spring = tails.pop("Spring push")
    assert (spring["finished"], spring["with_tail"], spring["without_tail"]) == (2, 1, 1)
    assert (spring["pct"], spring["kinds"]) == (50.0, {"Content": 1})
    # The workbook that only holds the goal is no plan of the report: no row of its own.
    assert tails == {}


@pytest.mark.parametrize("case", GOLDEN, ids=lambda p: p.stem)
def test_golden_report_has_none_of_the_method_keys(case: Path):
    """Plans without the method's columns and fields report exactly as before."""
    document = strict_json(case.read_text(encoding="utf-8"))
    assert [key for key in METHOD_KEYS if key in document] == []
    for plan in document["plans"]:
        assert "readiness" not in plan["campaign_fields"]
        assert "response_hours" not in plan["campaign_fields"]


def test_method_keys_are_optional(schema):
    assert not set(METHOD_KEYS) & set(schema["required"])
    assert set(METHOD_KEYS) <= set(schema["properties"])


def test_schema_rejects_bad_method_values(validator, no_user_config, tmp_path):
    _, document = method_report(tmp_path / "planer")
    assert_valid(validator, document)
    goal, year = document["department_goal"], document["experiment_year"]
    goal["not_contributing"][0]["reason"] = "too_small"
    goal["contributing"][0]["reason"] = "other_kpi"
    year["decided"][0]["decision"] = "Forsterk"  # the label, not the code
    year["finished_undecided"][0]["decision"] = "scale"
    year["months"].pop()
    document["readiness"][0]["missing"] = ["phone"]
    document["digital_tail"]["kinds"]["Innhold"] = 1.5
    del document["digital_tail"]["campaigns"][0]["unstated"]
    errors = _errors_at(validator, document)
    assert ("department_goal/not_contributing/0/reason", "enum") in errors
    assert ("department_goal/contributing/0/reason", "const") in errors
    assert ("experiment_year/decided/0/decision", "enum") in errors
    assert ("experiment_year/finished_undecided/0/decision", "const") in errors
    assert ("experiment_year/months", "minItems") in errors
    assert ("readiness/0/missing/0", "enum") in errors
    assert ("digital_tail/kinds/Innhold", "type") in errors
    assert ("digital_tail/campaigns/0", "required") in errors


# --- the schema names every key the report writes ---------------------------------


def _properties(schema: dict, node: dict) -> dict:
    """The properties a node declares, following `$ref` and `allOf`."""
    found: dict = {}
    ref = node.get("$ref")
    if ref and ref.startswith("#/$defs/"):
        found.update(_properties(schema, schema["$defs"][ref.removeprefix("#/$defs/")]))
    for part in node.get("allOf", []):
        found.update(_properties(schema, part))
    for key, sub in node.get("properties", {}).items():
        found[key] = {"allOf": [found[key], sub]} if key in found else sub
    return found


def _items(schema: dict, node: dict) -> dict | None:
    """The items schema of an array node, following `$ref` and `allOf`."""
    if "items" in node:
        return node["items"]
    ref = node.get("$ref")
    parts = [schema["$defs"][ref.removeprefix("#/$defs/")]] if ref else []
    for part in [*parts, *node.get("allOf", [])]:
        found = _items(schema, part)
        if found is not None:
            return found
    return None


def _map_values(schema: dict, node: dict) -> dict | None:
    """The schema of every value of a map (`additionalProperties` as a schema, as in
    `countMap`: text as typed → count), following `$ref` and `allOf`; None otherwise."""
    extra = node.get("additionalProperties")
    if isinstance(extra, dict):
        return extra
    ref = node.get("$ref")
    parts = [schema["$defs"][ref.removeprefix("#/$defs/")]] if ref else []
    for part in [*parts, *node.get("allOf", [])]:
        found = _map_values(schema, part)
        if found is not None:
            return found
    return None


def _undeclared(schema: dict, node: dict, value, path: str) -> list[str]:
    missing: list[str] = []
    if isinstance(value, dict):
        declared = _properties(schema, node)
        values = _map_values(schema, node)
        for key, sub in value.items():
            if key in declared:
                missing += _undeclared(schema, declared[key], sub, f"{path}.{key}")
            elif values is not None:
                missing += _undeclared(schema, values, sub, f"{path}.{key}")
            else:
                missing.append(f"{path}.{key}")
    elif isinstance(value, list):
        items = _items(schema, node)
        for i, sub in enumerate(value):
            if items is None:
                missing.append(f"{path}[{i}] (no items schema)")
                break
            missing += _undeclared(schema, items, sub, f"{path}[{i}]")
    return missing


def test_schema_names_every_key_the_report_writes(
    portfolio: Path, schema, no_user_config, tmp_path
):
    """Documentation, not validation: additionalProperties lets any key through, so a key
    added to the report without a line in the schema (and docs/json.md) fails here."""
    documents = [strict_json(case.read_text(encoding="utf-8")) for case in GOLDEN]
    documents.append(report_via_cli(portfolio, "--måned", "2026-03")[1])
    documents.append(history_report(portfolio, tmp_path))
    documents.append(method_report(tmp_path / "nb")[1])
    documents.append(method_report_en(tmp_path / "en")[1])
    for document in documents:
        assert _undeclared(schema, schema, document, "$") == []


# --- the schema can fail ------------------------------------------------------------


@pytest.fixture(scope="module")
def golden_document() -> dict:
    """A golden report with something in every list the negative tests touch."""
    for case in GOLDEN:
        document = strict_json(case.read_text(encoding="utf-8"))
        if document["issues"] and document["overdue"]:
            return document
    pytest.fail("no golden report has both issues and overdue tasks")


def _errors_at(validator, document) -> set[tuple[str, str]]:
    """(path, validator keyword) of every error, e.g. ('overdue/0', 'required')."""
    return {
        ("/".join(map(str, e.absolute_path)), e.validator) for e in validator.iter_errors(document)
    }


def test_golden_document_for_negatives_is_valid(golden_document, validator):
    assert_valid(validator, golden_document)


def test_schema_rejects_a_renamed_required_key(golden_document, validator):
    top = copy.deepcopy(golden_document)
    top["forsinket"] = top.pop("overdue")  # renamed at the top level
    assert ("", "required") in _errors_at(validator, top)

    item = copy.deepcopy(golden_document)
    item["overdue"][0]["days_late"] = item["overdue"][0].pop("days_overdue")
    assert ("overdue/0", "required") in _errors_at(validator, item)

    budget = copy.deepcopy(golden_document)
    budget["plans"][0]["budget"]["used"] = budget["plans"][0]["budget"].pop("spent")
    assert ("plans/0/budget", "required") in _errors_at(validator, budget)


def test_schema_rejects_an_unknown_severity(golden_document, validator):
    document = copy.deepcopy(golden_document)
    document["issues"][0]["severity"] = "critical"
    assert ("issues/0/severity", "enum") in _errors_at(validator, document)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(document)


def test_schema_rejects_a_number_of_the_wrong_type(golden_document, validator):
    money = copy.deepcopy(golden_document)
    money["budget"]["total"] = "50 000 kr"  # a string where a number belongs
    assert ("budget/total", "type") in _errors_at(validator, money)

    count = copy.deepcopy(golden_document)
    count["status"]["todo"] = 1.5  # a count is an integer
    assert ("status/todo", "type") in _errors_at(validator, count)

    days = copy.deepcopy(golden_document)
    days["overdue"][0]["days_overdue"] = True  # a boolean is not a number
    assert ("overdue/0/days_overdue", "type") in _errors_at(validator, days)

    share = copy.deepcopy(golden_document)
    share["plans"][0]["budget"]["elapsed_pct"] = 140.0  # elapsed time is 0–100
    assert ("plans/0/budget/elapsed_pct", "maximum") in _errors_at(validator, share)


def test_schema_rejects_a_bad_date_and_phase(golden_document, validator):
    document = copy.deepcopy(golden_document)
    document["date"] = "31.03.2026"  # Norwegian display format, not ISO
    document["overdue"][0]["deadline"] = "2026-02-30"  # ISO-shaped, but no such day
    document["overdue"][0]["phase"] = "I produksjon"  # the label, not the code
    errors = _errors_at(validator, document)
    assert ("date", "pattern") in errors
    assert ("overdue/0/deadline", "format") in errors
    assert ("overdue/0/phase", "enum") in errors


def test_strict_json_refuses_nan():
    with pytest.raises(ValueError, match="NaN"):
        strict_json('{"forecast": NaN}')
