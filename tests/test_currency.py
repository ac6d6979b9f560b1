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


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_currency_shows_on_stdout_and_in_a_file(portfolio, euro, tmp_path, fmt):
    args = ["rapport", str(portfolio), "--dato", "2026-03-31", "--config", str(euro)]
    runner = CliRunner()
    shown = runner.invoke(cli, [*args, "--format", fmt])
    assert shown.exit_code == 0, shown.output
    ending = {"tekst": ".txt", "markdown": ".md", "html": ".html"}[fmt]
    target = tmp_path / f"rapport{ending}"
    written = runner.invoke(cli, [*args, "-o", str(target)])
    assert written.exit_code == 0, written.output
    assert money(shown.output) == {"EUR"}
    assert money(target.read_text(encoding="utf-8")) == {"EUR"}


def test_the_currency_shows_in_the_excel_report(portfolio, euro, tmp_path):
    target = tmp_path / "rapport.xlsx"
    run = CliRunner().invoke(
        cli,
        [
            "rapport",
            str(portfolio),
            "--dato",
            "2026-03-31",
            "--config",
            str(euro),
            "-o",
            str(target),
        ],
    )
    assert run.exit_code == 0, run.output
    formats = {
        cell.number_format
        for sheet in openpyxl.load_workbook(target).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, (int, float)) and "EUR" in cell.number_format
    }
    assert formats, "no amount is formatted in EUR"


def test_json_money_stays_a_number(portfolio, euro):
    run = CliRunner().invoke(
        cli,
        [
            "rapport",
            str(portfolio),
            "--dato",
            "2026-03-31",
            "--config",
            str(euro),
            "--format",
            "json",
        ],
    )
    assert run.exit_code == 0
    assert isinstance(json.loads(run.output)["budget"]["spent"], float)
