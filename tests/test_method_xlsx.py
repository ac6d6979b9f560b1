"""The planning method in the report workbook: the «Mål og metode» sheet.

Plans written by our template writer and filled with openpyxl; the report written by
`write_report_xlsx` and read back with openpyxl: numbers in number cells with their
formats, empty months and a flagged campaign standing out, text always a string.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import REPORT_DATE, fill_plan, write_template

from aktivitetsplan.compute.report import build_report
from aktivitetsplan.plan.model import GoalSpec
from aktivitetsplan.plan.palette import OVER_BUDGET_FILL, OVER_BUDGET_TEXT, PALE_AMBER
from aktivitetsplan.read.reader import read_plans
from aktivitetsplan.settings import Settings
from aktivitetsplan.view.report import ReportView
from aktivitetsplan.workbooks.report_xlsx import write_report_xlsx

CASES = Path(__file__).parent / "cases"
SHEET = "Mål og metode"
FORMULA_NAME = '=HYPERLINK("x")'  # a campaign name a spreadsheet would run
FORMULA_TEXT = "=SUM(1,2)"  # a hypothesis that looks like a formula
MONTHS = ["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"]
GOAL = GoalSpec(name="400 leads", kpi="Leads", target=400.0, source="aktplan.toml")

SPRING = {
    "campaign": {
        "Kampanje": "Vårkampanje",
        "KPI": "Leads",
        "Måltall": 100,
        "Start": date(2026, 1, 1),
        "Slutt": date(2026, 6, 30),
        "Svartid (timer)": 4,  # and nobody under «Beredskap»
    },
    "rows": [
        {
            "ID": "1",
            "Aktivitet": "Test av emnefelt",
            "Type": "Eksperiment",
            "Start": date(2026, 2, 2),
            "Frist": date(2026, 2, 10),
            "Status": "ferdig",
            "Hypotese": "Korte emnefelt gir flere åpninger",
            "Beslutning": "Forsterk",
            "Digital hale": "Innhold",
        },
        {
            "ID": "2",
            "Aktivitet": "Chatbot",
            "Type": "Eksperiment",
            "Start": date(2026, 3, 2),
            "Frist": date(2026, 3, 10),
            "Status": "ferdig",
            "Hypotese": "to be replaced by FORMULA_TEXT",
            "Digital hale": "Ingen",
        },
        {
            "ID": "3",
            "Aktivitet": "Annonser",
            "Type": "Kampanje",
            "Frist": date(2026, 3, 20),
            "Status": "ferdig",
            "KPI": "Leads",
            "Resultat": 30,
        },
        {
            "ID": "4",
            "Aktivitet": "Webinar",
            "Type": "Eksperiment",
            "Start": date(2026, 5, 4),
            "Frist": date(2026, 5, 20),
            "Status": "Å gjøre",
            "Hypotese": "Et webinar gir 20 leads",
        },
    ],
}
FAIR = {
    "campaign": {
        "Kampanje": "to be replaced by FORMULA_NAME",
        "KPI": "Besøkende",
        "Måltall": 500,
        "Start": date(2026, 3, 1),
        "Slutt": date(2026, 9, 30),
        "Beredskap": "Ola",
        "Svartid (timer)": "1 dag",
    },
    "rows": [
        {"ID": "1", "Aktivitet": "Stand", "Type": "Kampanje", "Frist": date(2026, 4, 10)},
    ],
}


def as_text(path: Path, sheet_cell: str, text: str) -> None:
    """Type `text` into the cell as a string (openpyxl would make `=…` a formula)."""
    workbook = openpyxl.load_workbook(path)
    cell = workbook.worksheets[0][sheet_cell]
    cell.value = text
    cell.data_type = "s"
    workbook.save(path)


def method_plans(folder: Path) -> Path:
    folder.mkdir()
    spring = write_template(folder / "vaar.xlsx")
    fill_plan(spring, SPRING["rows"], SPRING["campaign"])
    as_text(spring, "S15", FORMULA_TEXT)  # Hypotese (column S) of the second activity
    fair = write_template(folder / "messe.xlsx")
    fill_plan(fair, FAIR["rows"], FAIR["campaign"])
    as_text(fair, "B3", FORMULA_NAME)  # Kampanje
    return folder


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """(the report, the workbook read back) for the two plans with the method's fields."""
    tmp = tmp_path_factory.mktemp("method")
    settings = Settings(report_date=REPORT_DATE).but(goal=GOAL)
    report = build_report(read_plans(method_plans(tmp / "planer"), settings), settings)
    path = write_report_xlsx(report, tmp / "rapport.xlsx")
    return report, openpyxl.load_workbook(path)


def rows_of(sheet) -> dict[str, int]:
    """Column A's text → its row (the first of each)."""
    found: dict[str, int] = {}
    for row in range(1, sheet.max_row + 1):
        value = sheet.cell(row=row, column=1).value
        if isinstance(value, str):
            found.setdefault(value, row)
    return found


def fill(cell) -> str | None:
    return cell.fill.fgColor.rgb[2:] if cell.fill.fill_type == "solid" else None


def test_the_method_sheet_follows_the_summary_which_opens_with_the_goal(written):
    report, workbook = written
    assert workbook.sheetnames[:2] == ["Sammendrag", SHEET]
    summary = workbook["Sammendrag"]
    sentence = ReportView(report).goal.sentence
    assert sentence.startswith("30 av 400 leads")
    assert summary["A5"].value == sentence  # the headline's first line
    sheet = workbook[SHEET]
    assert sheet["A1"].value == SHEET
    assert sheet["A4"].value == "Målet: 400 leads"
    assert sheet["A5"].value == sentence


def test_the_goal_facts_are_numbers_in_number_cells(written):
    report, workbook = written
    sheet = workbook[SHEET]
    at = rows_of(sheet)
    goal = report.department_goal
    assert (goal.target, goal.result, goal.pct) == (400.0, 30.0, 7.5)
    target, result, share = at["Måltall"], at["Resultat"], at["Nådd"]
    assert (sheet.cell(target, 2).value, sheet.cell(target, 2).number_format) == (400, "#,##0")
    assert (sheet.cell(result, 2).value, sheet.cell(result, 2).number_format) == (30, "#,##0")
    assert (sheet.cell(share, 2).value, sheet.cell(share, 2).number_format) == (0.075, "0 %")
    elapsed = sheet.cell(at["Tid gått"], 2)
    assert elapsed.value == pytest.approx(goal.elapsed_pct / 100)
    assert elapsed.number_format == "0 %"
    period = at["Periode"]
    assert sheet.cell(period, 2).value == datetime(2026, 1, 1)
    assert sheet.cell(period, 3).value == datetime(2026, 12, 31)
    assert sheet.cell(period, 2).number_format == "dd.mm.yyyy"
    assert sheet.cell(at["Status"], 2).value == "bak skjema"
    assert sheet.cell(at["KPI"], 2).value == "Leads"

    # Who carries the goal (a share of the result), and who does not, with why.
    carriers = at["Kampanjer som bærer målet"] + 2
    values = [sheet.cell(carriers, col).value for col in range(1, 6)]
    assert values == ["Vårkampanje", "Leads", 100, 30, 1]
    assert sheet.cell(carriers, 5).number_format == "0 %"
    others = at["Kampanjer som ikke teller mot målet"] + 2
    values = [sheet.cell(others, col).value for col in range(1, 4)]
    assert values == [FORMULA_NAME, "Besøkende", "måler noe annet"]
    assert {"MaalKampanjer", "MaalAndre"} <= set(sheet.tables)


def test_the_twelve_months_in_one_row_empty_ones_standing_out(written):
    _, workbook = written
    sheet = workbook[SHEET]
    at = rows_of(sheet)
    header = at["Måned"]
    counts = header + 1
    labels = [sheet.cell(header, col).value for col in range(2, 14)]
    assert labels == MONTHS
    assert sheet.cell(counts, 1).value == "Antall"
    row = [sheet.cell(counts, col) for col in range(2, 14)]
    assert [c.value for c in row] == [0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    assert all(c.number_format == "#,##0" for c in row)
    # January is gone without one: Excel's «Bad»; April on are still to come: amber.
    assert fill(row[0]) == OVER_BUDGET_FILL[1:]
    assert row[0].font.color.rgb[2:] == OVER_BUDGET_TEXT[1:]
    assert [fill(c) for c in row[1:3]] == [None, None]
    assert [fill(c) for c in (row[3], *row[5:])] == [PALE_AMBER[1:]] * 8
    assert fill(row[4]) is None  # May has the webinar


def test_decided_and_undecided_experiments(written):
    _, workbook = written
    sheet = workbook[SHEET]
    at = rows_of(sheet)
    undecided = at["Ferdige uten beslutning"] + 2
    assert sheet.cell(undecided - 1, 1).value == "Aktivitet"
    cells = [sheet.cell(undecided, col) for col in range(1, 7)]
    assert [c.value for c in cells] == [
        "Chatbot",
        "Vårkampanje",
        datetime(2026, 3, 10),
        "I distribusjon",
        FORMULA_TEXT,
        "–",
    ]
    assert cells[2].number_format == "dd.mm.yyyy"
    assert cells[4].data_type == "s"  # the hypothesis stays text
    decided = at["Beslutninger tatt"] + 2
    values = [sheet.cell(decided, col).value for col in range(1, 7)]
    assert values == [
        "Test av emnefelt",
        "Vårkampanje",
        datetime(2026, 2, 10),
        "I distribusjon",
        "Korte emnefelt gir flere åpninger",
        "Forsterk",
    ]
    assert sheet.cell(decided + 1, 1).value is None  # one decision only


def test_a_live_campaign_nobody_answers_for_stands_out(written):
    report, workbook = written
    sheet = workbook[SHEET]
    at = rows_of(sheet)
    assert sheet.cell(at["Beredskap"] + 1, 1).value == (
        "1 kampanje er i gang uten noen som svarer på henvendelsene: Vårkampanje."
    )
    flagged = at["Beredskap"] + 4  # title, sentence, blank row, the table's header
    assert sheet.cell(flagged - 1, 1).value == "Kampanje"
    cells = [sheet.cell(flagged, col) for col in range(1, 6)]
    assert [c.value for c in cells] == ["Vårkampanje", "Ja", "–", 4, "Mangler beredskap"]
    assert all(fill(c) == OVER_BUDGET_FILL[1:] for c in cells)
    assert all(c.font.color.rgb[2:] == OVER_BUDGET_TEXT[1:] for c in cells)
    assert cells[3].number_format == "#,##0.##"  # hours, a number
    other = [sheet.cell(flagged + 1, col) for col in range(1, 6)]
    assert [other[0].value, other[2].value, other[3].value] == [FORMULA_NAME, "Ola", 24]
    assert all(fill(c) is None for c in other)
    assert [r.flagged for r in report.readiness] == [True, False]


def test_the_digital_tail_in_numbers_and_percent(written):
    _, workbook = written
    sheet = workbook[SHEET]
    at = rows_of(sheet)
    assert sheet.cell(at["Digital hale"] + 1, 1).value == (
        "1 av 3 ferdige aktiviteter (33\xa0%) har etterlatt en digital hale."
    )
    first = at["Digital hale"] + 5  # title, two sentences, blank row, header
    rows = {
        sheet.cell(row, 1).value: [sheet.cell(row, col).value for col in range(2, 8)]
        for row in (first, first + 1)
    }
    assert rows == {
        "Vårkampanje": [3, 1, 0.333, 1, 1, "Innhold (1)"],
        FORMULA_NAME: [0, 0, None, 0, 0, "–"],
    }
    pct = sheet.cell(first, 4)
    assert pct.number_format == "0 %"
    assert "DigitalHale" in sheet.tables


def test_text_from_a_plan_is_never_a_formula(written):
    _, workbook = written
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    sheet = workbook[SHEET]
    found = [c for row in sheet.iter_rows() for c in row if c.value == FORMULA_NAME]
    assert len(found) == 3  # not contributing, readiness, tail
    assert all(c.data_type == "s" for c in found)


def test_a_report_without_the_method_has_the_sheets_it_always_had(tmp_path):
    settings = Settings(report_date=REPORT_DATE)
    report = build_report(read_plans(CASES / "typed-dates.xlsx", settings), settings)
    data = report.to_json()
    assert not {"department_goal", "experiment_year", "readiness", "digital_tail"} & set(data)
    path = write_report_xlsx(report, tmp_path / "rapport.xlsx")
    assert openpyxl.load_workbook(path).sheetnames == [
        "Sammendrag",
        "Forsinket",
        "Kommende",
        "Per kampanje",
        "Per person",
        "Per kanal",
        "Avvik",
    ]
