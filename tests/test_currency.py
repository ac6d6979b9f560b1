"""`valuta` in aktplan.toml is shown by every format, to a file and to stdout alike.

It used to be lost on the way: `rapport --format markdown` to stdout and the text report
printed «kr» while `-o r.md` printed «EUR». The currency now travels with the report
(`report.settings`): `formats.report.render` (what the CLI prints) and `save.write_report`
(what `-o` writes) take nothing else. Both paths are tested through the library, and
end to end through the CLI.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from aktivitetsplan.cli import cli
from aktivitetsplan.compute.report import Report, build_report
from aktivitetsplan.formats.report import render
from aktivitetsplan.read.reader import read_plans
from aktivitetsplan.save import FORMAT_SUFFIXES, write_report
from aktivitetsplan.settings import load_settings

FORMATS = ("tekst", "markdown", "html")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def euro(tmp_path: Path) -> Path:
    config = tmp_path / "aktplan.toml"
    config.write_text('valuta = "EUR"\n', encoding="utf-8")
    return config


def money(text: str) -> set[str]:
    """Every currency label written after an amount (`12 500 EUR`, `12\u00a0500 kr`)."""
    return set(re.findall(r"\d[\d\u00a0 ]*[\u00a0 ](kr|EUR)\b", text))


def euro_report(portfolio: Path, euro: Path) -> Report:
    """The portfolio's report with `euro` loaded as the CLI loads `--config`."""
    settings = load_settings(euro, report_date=date(2026, 3, 31))
    return build_report(read_plans([portfolio], settings), settings)


def excel_currencies(path: Path) -> set[str]:
    """The number formats of the amounts in a workbook that name EUR."""
    return {
        cell.number_format
        for sheet in openpyxl.load_workbook(path).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, (int, float)) and "EUR" in cell.number_format
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_library_shows_the_currency_printed_and_in_a_file(portfolio, euro, tmp_path, fmt):
    report = euro_report(portfolio, euro)
    target = tmp_path / f"rapport{FORMAT_SUFFIXES[fmt]}"
    written = write_report(report, fmt, target, overwrite=False, inputs=[portfolio])
    assert written == target
    assert money(target.read_text(encoding="utf-8")) == {"EUR"}
    for color in (False, True):  # a pipe, and a terminal (text in colour)
        assert money(ANSI.sub("", render(report, fmt, color=color))) == {"EUR"}


def test_the_library_writes_json_money_as_numbers_printed_and_in_a_file(portfolio, euro, tmp_path):
    report = euro_report(portfolio, euro)
    target = tmp_path / "rapport.json"
    write_report(report, "json", target, overwrite=False, inputs=[portfolio])
    printed = render(report, "json")
    assert target.read_text(encoding="utf-8") == printed
    assert isinstance(json.loads(printed)["budget"]["spent"], float)
    assert money(printed) == set()  # no currency label glued to a figure


def test_the_library_writes_the_excel_report_in_the_currency(portfolio, euro, tmp_path):
    report = euro_report(portfolio, euro)
    target = tmp_path / "rapport.xlsx"
    assert write_report(report, "xlsx", target, overwrite=False, inputs=[portfolio]) == target
    assert excel_currencies(target), "no amount is formatted in EUR"
    assert write_report(report, "xlsx", None, overwrite=False, inputs=[]) is None  # no stdout


def report(portfolio: Path, euro: Path, *args: str) -> str:
    """`aktplan rapport PORTFOLIO --config EURO ARGS`, in-process; its stdout."""
    run = CliRunner().invoke(
        cli,
        [
            "rapport",
            "--uten-historikk",
            str(portfolio),
            "--dato",
            "2026-03-31",
            "--config",
            str(euro),
            *args,
        ],
    )
    assert run.exit_code == 0, run.output
    return run.output


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_currency_shows_on_stdout_and_in_a_file(portfolio, euro, tmp_path, fmt):
    shown = report(portfolio, euro, "--format", fmt)
    target = tmp_path / f"rapport{FORMAT_SUFFIXES[fmt]}"
    report(portfolio, euro, "-o", str(target))
    assert money(shown) == {"EUR"}
    assert money(target.read_text(encoding="utf-8")) == {"EUR"}


def test_the_currency_shows_in_the_excel_report(portfolio, euro, tmp_path):
    target = tmp_path / "rapport.xlsx"
    report(portfolio, euro, "-o", str(target))
    assert excel_currencies(target), "no amount is formatted in EUR"


def test_json_money_stays_a_number(portfolio, euro, tmp_path):
    output = report(portfolio, euro, "--format", "json")
    assert isinstance(json.loads(output)["budget"]["spent"], float)
    target = tmp_path / "rapport.json"
    report(portfolio, euro, "-o", str(target))
    assert target.read_text(encoding="utf-8") == output
