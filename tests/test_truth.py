"""The plan from the issue «Figures you can trust», typed as a colleague types it.

A campaign 01.03–30.06.2027 with deadlines `15.3` and `1. april`, a budget `12,5k`, a
status `ikke påbegynt`, and a cost computed by a formula (`=L15*0.5`) that LibreOffice
saved with its value 22 500. As of 15.04.2027 it must read with no error, two overdue
activities, 22 500 kr spent and a merknad for each year aktplan assumed; a plan whose
values really cannot be read must say so in the headline of every format.
"""

from __future__ import annotations

import json
import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from cases.make_cases import ISSUE_ROWS
from click.testing import CliRunner
from conftest import convert, fill_plan, write_template

from aktivitetsplan import build_report, read_plans
from aktivitetsplan.cli import cli
from aktivitetsplan.i18n import Translator
from aktivitetsplan.i18n.fmt import Formatter
from aktivitetsplan.settings import Settings
from aktivitetsplan.view.summary import headline

DAY = date(2027, 4, 15)
CAMPAIGN = {"Kampanje": "Vårkampanje", "Start": "01.03.2027", "Slutt": "30.06.2027"}
ROWS = ISSUE_ROWS


def read(path: Path):
    settings = Settings(report_date=DAY)
    result = read_plans(path, settings)
    return result, build_report(result, settings)


def headline_of(report) -> list[str]:
    return headline(report, Translator("nb"), Formatter("nb"))


@pytest.fixture
def typed(tmp_path: Path) -> Path:
    """The plan filled with openpyxl: its formula has no saved value yet."""
    return fill_plan(write_template(tmp_path / "vaar.xlsx"), ROWS, CAMPAIGN)


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_the_plan_from_the_issue_reads_true_once_saved_by_libreoffice(typed, tmp_path, fmt):
    saved = convert(typed, fmt, tmp_path / "saved")  # LibreOffice computes and saves =L15*0.5
    result, report = read(saved)
    assert result.unreadable == []
    issues = result.issues
    assert [i for i in issues if i.severity == "error"] == []
    assert [(i.cell, i.severity) for i in issues if i.cell.endswith(("I14", "I15"))] == [
        ("Aktivitetsplan!I14", "info"),
        ("Aktivitetsplan!I15", "info"),
    ]
    assert all("2027" in i.message for i in issues if i.severity == "info" and "!I1" in i.cell)
    assert [(t.deadline, t.days_overdue) for t in report.overdue] == [
        (date(2027, 3, 15), 31),
        (date(2027, 4, 1), 14),
    ]
    assert report.budget.spent == 22_500
    assert report.budget.planned == 57_500  # 12 500 + 45 000
    assert report.unreadable_values.activities == 0
    assert report.unreadable_values.cells == []
    text = "\n".join(headline_of(report))
    assert "2 aktiviteter er forsinket" in text
    assert "Usikre tall" not in text


def test_the_cli_reports_the_plan_from_the_issue(typed, tmp_path):
    saved = convert(typed, "xlsx", tmp_path / "saved")
    run = CliRunner().invoke(
        cli, ["rapport", "--uten-historikk", str(saved), "--dato", "15.04.2027"]
    )
    assert run.exit_code == 0, run.output
    brukt = next(line for line in run.output.splitlines() if line.strip().startswith("Brukt"))
    assert re.search(r"22\s500\skr", brukt), brukt
    assert "2 aktiviteter er forsinket" in run.output


def test_a_formula_never_computed_is_unreadable_and_the_headline_says_so(typed):
    result, report = read(typed)  # openpyxl wrote =L15*0.5 without a value
    warning = next(i for i in result.issues if i.cell == "Aktivitetsplan!M15")
    assert warning.severity == "warning" and "=L15*0.5" in warning.message
    assert report.budget.spent == 0
    uncertain = report.unreadable_values
    assert (uncertain.activities, uncertain.cost, uncertain.deadline) == (1, 1, 0)
    assert [cell.to_json() for cell in uncertain.cells] == [
        {"file": str(typed), "cell": "Aktivitetsplan!M15", "field": "cost"}
    ]
    (plan,) = report.plans
    assert plan.unreadable == uncertain
    first = headline_of(report)[0]
    assert first == (
        "Usikre tall: 1 aktivitet har en verdi aktplan ikke kunne lese "
        "(Aktivitetsplan!M15), så brukt kan være feil."
    )


def test_an_unreadable_deadline_is_never_reported_as_nothing_late(tmp_path):
    rows = [
        {"Aktivitet": "Video", "Ansvarlig": "Kari", "Frist": "snart", "Status": "pågår"},
        {"Aktivitet": "Nyhetsbrev", "Ansvarlig": "Ola", "Frist": "30.04.2027", "Status": "ny"},
    ]
    path = fill_plan(write_template(tmp_path / "plan.xlsx"), rows, CAMPAIGN)
    _result, report = read(path)
    assert report.overdue == []
    sentences = headline_of(report)
    assert "Ingen aktiviteter er forsinket." not in sentences
    assert "Ingen av aktivitetene med en frist aktplan kunne lese er forsinket." in sentences
    assert sentences[0] == (
        "Usikre tall: 1 aktivitet har en verdi aktplan ikke kunne lese "
        "(Aktivitetsplan!I14), så forsinket og kommende kan være feil."
    )
    # Every format carries the same sentence near the top.
    runner = CliRunner()
    for fmt in ("tekst", "markdown", "html"):
        run = runner.invoke(
            cli, ["rapport", "--uten-historikk", str(path), "--dato", "15.04.2027", "--format", fmt]
        )
        assert run.exit_code == 0, run.output
        top = run.output[: run.output.find("Ingen av aktivitetene")]
        assert "Usikre tall: 1 aktivitet" in top, fmt
        assert "Aktivitetsplan!I14" in top, fmt
    out = tmp_path / "rapport.xlsx"
    run = runner.invoke(
        cli, ["rapport", "--uten-historikk", str(path), "--dato", "15.04.2027", "-o", str(out)]
    )
    assert run.exit_code == 0, run.output
    summary = openpyxl.load_workbook(out).worksheets[0]
    texts = [c.value for row in summary.iter_rows(max_row=12) for c in row if c.value]
    assert any(str(t).startswith("Usikre tall: 1 aktivitet") for t in texts)
    data = json.loads(
        runner.invoke(
            cli,
            ["rapport", "--uten-historikk", str(path), "--dato", "15.04.2027", "--format", "json"],
        ).output
    )
    assert data["unreadable_values"]["deadline"] == 1
    assert data["plans"][0]["unreadable"]["cells"][0]["cell"] == "Aktivitetsplan!I14"


def test_placeholder_values_of_a_workbook_never_computed_are_not_trusted(tmp_path):
    """xlsxwriter (and openpyxl) ask Excel to recompute on load and store 0 meanwhile:
    that 0 is no value. Our own template is written the same way."""
    path = tmp_path / "script.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Aktivitetsplan")
    for col, text in enumerate(["Aktivitet", "Ansvarlig", "Frist", "Budsjett", "Kostnad"]):
        sheet.write_string(0, col, text)
    sheet.write_string(1, 0, "Stand")
    sheet.write_string(1, 1, "Kari")
    sheet.write_datetime(1, 2, date(2027, 5, 1), book.add_format({"num_format": "dd.mm.yyyy"}))
    sheet.write_number(1, 3, 1000)
    sheet.write_formula(1, 4, "=D2*2")  # stored as 0, with fullCalcOnLoad
    book.close()
    with zipfile.ZipFile(path) as archive:
        assert b'fullCalcOnLoad="1"' in archive.read("xl/workbook.xml")
    result, report = read(path)
    assert [(i.cell, i.severity) for i in result.issues] == [("Aktivitetsplan!E2", "warning")]
    assert report.unreadable_values.cost == 1


def test_a_number_cell_too_large_to_be_money_is_an_error_at_its_cell(tmp_path):
    """1e308 in a number cell (not text) never reaches a sum: an error where it stands."""
    path = tmp_path / "huge.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Aktivitetsplan")
    for col, text in enumerate(["Aktivitet", "Ansvarlig", "Frist", "Budsjett", "Kostnad"]):
        sheet.write_string(0, col, text)
    for row, (budget, cost) in enumerate([(1e308, 1000), (2000, -1e300)], start=1):
        sheet.write_string(row, 0, f"Aktivitet {row}")
        sheet.write_string(row, 1, "Kari")
        sheet.write_string(row, 2, "01.05.2027")
        sheet.write_number(row, 3, budget)
        sheet.write_number(row, 4, cost)
    book.close()
    result, report = read(path)
    errors = [(i.cell, i.severity) for i in result.issues if i.severity == "error"]
    assert errors == [("Aktivitetsplan!D2", "error"), ("Aktivitetsplan!E3", "error")]
    assert (report.budget.planned, report.budget.spent) == (2000, 1000)
    assert [c.cell for c in report.unreadable_values.cells] == [
        "Aktivitetsplan!D2",
        "Aktivitetsplan!E3",
    ]


def test_the_archive_check_names_the_sheets_with_formulas_for_the_formula_scan(typed, tmp_path):
    """`vet` reads every sheet anyway: it tells the formula scan where formulas are, so the
    scan does not unpack the sheets a second time."""
    from aktivitetsplan.read.files import vet
    from aktivitetsplan.read.formulas import workbook_formulas

    kind = vet(typed)
    assert kind.marked == frozenset({"xl/worksheets/sheet1.xml"})
    assert workbook_formulas(typed, kind, ["Aktivitetsplan"]) == {
        "Aktivitetsplan": {(14, 12): "=L15*0.5"}
    }
    plain = fill_plan(write_template(tmp_path / "plain.xlsx"), ROWS[:1], CAMPAIGN)
    assert vet(plain).marked == frozenset()
