"""Golden cases: `tests/cases/*.xlsx`, each with its expected report JSON beside it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from aktivitetsplan import build_report, read_plans
from aktivitetsplan.settings import Settings

CASES = Path(__file__).parent / "cases"


def report_json(path: Path, day: date, language: str) -> dict:
    settings = Settings(report_date=day, language=language)
    result = read_plans(path, settings)
    data = build_report(result, settings).to_json()
    return json.loads(json.dumps(data).replace(json.dumps(str(path))[1:-1], path.name))


@pytest.mark.parametrize("case", sorted(CASES.glob("*.xlsx")), ids=lambda p: p.stem)
def test_golden(case: Path, request):
    expected_path = case.with_suffix(".json")
    language = "en" if case.stem.startswith("english") else "nb"
    if request.config.getoption("--update-golden"):
        day = date(2026, 3, 31)
        if expected_path.exists():
            day = date.fromisoformat(json.loads(expected_path.read_text())["date"])
        data = report_json(case, day, language)
        expected_path.write_text(
            json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    assert expected_path.exists(), f"write {expected_path.name} with --update-golden and review it"
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert report_json(case, date.fromisoformat(expected["date"]), language) == expected


def test_there_are_golden_cases():
    assert len(sorted(CASES.glob("*.xlsx"))) >= 4
