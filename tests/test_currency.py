"""`valuta` in aktplan.toml is shown by every format, to a file and to stdout alike.

It used to be lost on the way: `rapport --format markdown` to stdout and the text report
printed «kr» while `-o r.md` printed «EUR». The currency now travels with the report.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from aktivitetsplan.cli import cli

FORMATS = ("tekst", "markdown", "html")


@pytest.fixture
def euro(tmp_path: Path) -> Path:
    config = tmp_path / "aktplan.toml"
    config.write_text('valuta = "EUR"\n', encoding="utf-8")
    return config


def money(text: str) -> set[str]:
    """Every currency label written after an amount (`12 500 EUR`, `12\u00a0500 kr`)."""
    return set(re.findall(r"\d[\d\u00a0 ]*[\u00a0 ](kr|EUR)\b", text))


def report(portfolio: Path, euro: Path, *args: str) -> str:
    """`aktplan rapport PORTFOLIO --config EURO ARGS`, in-process; its stdout."""
    run = CliRunner().invoke(
        cli, ["rapport", str(portfolio), "--dato", "2026-03-31", "--config", str(euro), *args]
    )
    assert run.exit_code == 0, run.output
    return run.output


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_currency_shows_on_stdout_and_in_a_file(portfolio, euro, tmp_path, fmt):
    shown = report(portfolio, euro, "--format", fmt)
    ending = {"tekst": ".txt", "markdown": ".md", "html": ".html"}[fmt]
    target = tmp_path / f"rapport{ending}"
    report(portfolio, euro, "-o", str(target))
    assert money(shown) == {"EUR"}
    assert money(target.read_text(encoding="utf-8")) == {"EUR"}


def test_the_currency_shows_in_the_excel_report(portfolio, euro, tmp_path):
    target = tmp_path / "rapport.xlsx"
    report(portfolio, euro, "-o", str(target))
    formats = {
        cell.number_format
        for sheet in openpyxl.load_workbook(target).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, (int, float)) and "EUR" in cell.number_format
    }
    assert formats, "no amount is formatted in EUR"


def test_json_money_stays_a_number(portfolio, euro):
    output = report(portfolio, euro, "--format", "json")
    assert isinstance(json.loads(output)["budget"]["spent"], float)
