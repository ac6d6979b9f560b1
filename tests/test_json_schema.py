"""The JSON report keeps its contract: docs/aktplan.rapport-1.schema.json (draft 2020-12).

Every golden report and a freshly generated portfolio report validate against the
schema; the schema names every key the report writes; and it really rejects a
document with a renamed key, an unknown severity or a number of the wrong type.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import fill_plan, write_template
from jsonschema import Draft202012Validator

from aktivitetsplan.cli import cli
from aktivitetsplan.compute.report import SCHEMA

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


def test_schema_names_every_key_the_report_writes(portfolio: Path, schema, no_user_config):
    """Documentation, not validation: additionalProperties lets any key through, so a key
    added to the report without a line in the schema (and docs/json.md) fails here."""
    documents = [strict_json(case.read_text(encoding="utf-8")) for case in GOLDEN]
    documents.append(report_via_cli(portfolio, "--måned", "2026-03")[1])
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
