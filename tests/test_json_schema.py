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


def _undeclared(schema: dict, node: dict, value, path: str) -> list[str]:
    missing: list[str] = []
    if isinstance(value, dict):
        declared = _properties(schema, node)
        for key, sub in value.items():
            if key not in declared:
                missing.append(f"{path}.{key}")
            else:
                missing += _undeclared(schema, declared[key], sub, f"{path}.{key}")
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
