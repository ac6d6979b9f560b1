"""The årshjul workbook: week columns under month headers, holiday marks, the
conditional formats that draw the bars, the dropdowns, the doughnut chart, the
filled workbook, and LibreOffice drawing the bars live from typed dates.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from conftest import convert
from openpyxl.utils import get_column_letter
from test_arshjul import FORMULA, MONTH_WEEKS, SCRIPT, run, write_plan

from aktivitetsplan.compute.wheel import week_grid
from aktivitetsplan.settings import Settings
from aktivitetsplan.workbooks.wheel_template import (
    CATEGORY_COLOURS,
    OTHER_COLOUR,
    TODAY_COLOUR,
    write_wheel_template,
)

FIRST_WEEK_COL = 10  # column J: eight table columns, one spacer
MONTHS_NB = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
             "september", "oktober", "november", "desember"]  # fmt: skip
BAR = "AND(COUNT($C7:$D7)>0,J$4>=MIN($C7:$D7)-WEEKDAY(MIN($C7:$D7),2)+1,J$4<=MAX($C7:$D7))"


def template(tmp_path: Path, year: int, language: str = "nb", **config) -> Path:
    path = tmp_path / f"arshjul-{year}-{language}.xlsx"
    write_wheel_template(path, Settings(language=language, **config), year)
    return path


def week_col(number: int) -> str:
    return get_column_letter(FIRST_WEEK_COL + number - 1)


def rules(sheet) -> list[tuple[str, int, str, object]]:
    """(range, priority, formula, dxf) of every conditional-format rule, by priority."""
    found = [
        (str(cf.sqref), rule.priority, rule.formula[0], rule.dxf)
        for cf in sheet.conditional_formatting
        for rule in cf.rules
    ]
    return sorted(found, key=lambda r: r[1])


@pytest.mark.parametrize("year", [2026, 2027])
def test_week_columns_and_month_headers(tmp_path, year):
    sheet = openpyxl.load_workbook(template(tmp_path, year))["Årshjul"]
    grid = week_grid(year)
    assert sheet["A1"].value == f"Årshjul {year}"
    assert [sheet.cell(6, c).value for c in range(1, 9)] == [
        "Kategori", "Aktivitet", "Start", "Slutt", "Ansvarlig", "Kanal", "Status", "Gjentas",
    ]  # fmt: skip
    weeks = [sheet.cell(6, FIRST_WEEK_COL + i).value for i in range(len(grid) + 1)]
    assert weeks == [*range(1, len(grid) + 1), None]
    mondays = [sheet.cell(4, FIRST_WEEK_COL + i).value for i in range(len(grid))]
    assert mondays == [datetime.combine(w.monday, datetime.min.time()) for w in grid]
    merged = sorted(
        (r.min_col, r.max_col) for r in sheet.merged_cells.ranges if r.min_row == r.max_row == 3
    )
    assert [(sheet.cell(3, first).value,) for first, _last in merged] == [
        (name,) for name in MONTHS_NB
    ]
    spans = [(first - FIRST_WEEK_COL + 1, last - FIRST_WEEK_COL + 1) for first, last in merged]
    assert spans == MONTH_WEEKS[year]


def test_holiday_marks_and_school_weeks(tmp_path):
    sheet = openpyxl.load_workbook(template(tmp_path, 2027))["Årshjul"]

    def mark(week: int):
        return sheet[f"{week_col(week)}5"]

    assert mark(13).value == "●"
    assert "29.03.2027 Andre påskedag" in mark(13).comment.text
    assert "Uke 13: 29.03.2027–04.04.2027" in mark(13).comment.text
    assert mark(20).value == "●"
    assert "17.05.2027 Grunnlovsdag" in mark(20).comment.text
    assert "17.05.2027 Andre pinsedag" in mark(20).comment.text
    assert mark(30).value is None and mark(30).comment is None
    assert mark(8).value is None and "Vinterferie" in mark(8).comment.text
    assert mark(8).fill.fgColor.rgb == "FFFFF2CC"
    assert sheet[f"{week_col(8)}50"].fill.fgColor.rgb == "FFFFF2CC"  # shaded to the bottom
    assert "Påskeferie" in mark(12).comment.text
    marked = [w for w in range(1, 53) if mark(w).value == "●"]
    # Påske, 1 May, Ascension, Whitsun, 17 May, Christmas, New Year 2028.
    assert marked == [12, 13, 17, 18, 19, 20, 51, 52]
    sheet26 = openpyxl.load_workbook(template(tmp_path, 2026))["Årshjul"]
    assert "17.05.2026 Grunnlovsdag" in sheet26[f"{week_col(20)}5"].comment.text
    assert "01.01.2027 Første nyttårsdag" in sheet26[f"{week_col(53)}5"].comment.text


def test_conditional_formats_draw_bars_by_category(tmp_path):
    sheet = openpyxl.load_workbook(template(tmp_path, 2026))["Årshjul"]
    grid = f"J7:{week_col(53)}156"
    found = rules(sheet)
    bars = [r for r in found if r[0] == grid and "COUNT(" in r[2]]
    assert len(bars) == len(CATEGORY_COLOURS) + 1
    for position, (_range, _priority, formula, dxf) in enumerate(bars[:-1], start=1):
        assert formula == f'AND($A7<>"",$A7=INDEX(Liste_Kategori,{position}),{BAR[4:]}'
        assert dxf.fill.bgColor.rgb == "FF" + CATEGORY_COLOURS[position - 1][1:]
    assert bars[-1][2] == BAR  # any other row: grey
    assert bars[-1][3].fill.bgColor.rgb == "FF" + OTHER_COLOUR[1:]
    # The current week: its number filled, its column outlined; after the bars.
    today = "AND(J$4<=TODAY(),TODAY()<J$4+7)"
    header = [r for r in found if r[0] == f"J6:{week_col(53)}6"]
    assert [r[2] for r in header] == [today]
    assert header[0][3].fill.bgColor.rgb == "FF" + TODAY_COLOUR[1:]
    outline = [r for r in found if r[0] == grid and r[2] == today]
    assert len(outline) == 1 and outline[0][3].border.left.color.rgb == "FF" + TODAY_COLOUR[1:]
    assert outline[0][1] > max(b[1] for b in bars)
    # Overdue rows and status colours; plain A1 formulas only.
    assert any(r[0] == "A7:H156" and "$D7<TODAY()" in r[2] for r in found)
    assert sum(1 for r in found if r[0] == "G7:G156") == 4
    assert not [r for r in found if "[" in r[2] or "Arshjul" in r[2]]


def test_dropdowns_dates_lists_and_table(tmp_path):
    workbook = openpyxl.load_workbook(template(tmp_path, 2027, people=("Kari", "Ola")))
    sheet = workbook["Årshjul"]
    validations = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
    expected = {"A7:A156": "Liste_Kategori", "E7:E156": "Liste_Person",
                "F7:F156": "Liste_Kanal", "G7:G156": "Liste_Status",
                "H7:H156": "Liste_Gjentas"}  # fmt: skip
    for cells, name in expected.items():
        assert validations[cells].type == "list" and validations[cells].formula1 == name
    assert validations["G7:G156"].errorStyle in (None, "stop")
    phases = "Å gjøre, I produksjon, I distribusjon eller Avlyst"
    assert validations["G7:G156"].prompt == f"{phases}."
    assert validations["G7:G156"].error == f"Velg en status fra listen: {phases}."
    assert validations["A7:A156"].errorStyle == "warning"
    assert validations["C7:C156"].type == validations["D7:D156"].type == "date"
    names = {name: d.attr_text for name, d in workbook.defined_names.items()}
    assert names["Liste_Kategori"] == "Lister!$A$2:$A$201"
    lists = workbook["Lister"]
    assert [lists.cell(r, 1).value for r in range(1, 7)] == [
        "Kategori", "Program", "Kampanje", "Eksperiment", "Hendelse", None,
    ]  # fmt: skip
    # Each place in the list shows its bar colour, also the empty places below.
    for row, colour in enumerate(CATEGORY_COLOURS, start=2):
        assert lists.cell(row, 1).fill.fgColor.rgb == "FF" + colour[1:]
    assert [lists.cell(r, 2).value for r in range(1, 4)] == ["Personer", "Kari", "Ola"]
    assert sheet.tables["Arshjul"].ref == "A6:H156"
    assert sheet.freeze_panes == "C7"


def test_categories_from_the_config(tmp_path):
    workbook = openpyxl.load_workbook(
        template(tmp_path, 2027, categories=("Motor", "Løft", "Test"))
    )
    lists = workbook["Lister"]
    assert [lists.cell(r, 1).value for r in range(2, 6)] == ["Motor", "Løft", "Test", None]


def test_english_template(tmp_path):
    workbook = openpyxl.load_workbook(template(tmp_path, 2027, "en"))
    assert workbook.sheetnames == ["Annual wheel", "Wheel", "Goal", "Lists"]
    sheet = workbook["Annual wheel"]
    assert sheet["A1"].value == "Annual wheel 2027"
    assert [sheet.cell(6, c).value for c in range(1, 9)] == [
        "Category", "Activity", "Start", "End", "Owner", "Channel", "Status", "Repeats",
    ]  # fmt: skip
    assert sheet.cell(3, FIRST_WEEK_COL).value == "January"
    status = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}["G7:G156"]
    assert status.prompt == "To do, In production, Distributed or Cancelled."
    assert "29.03.2027 Easter Monday" in sheet[f"{week_col(13)}5"].comment.text
    assert [workbook["Lists"].cell(r, 1).value for r in range(2, 6)] == [
        "Program", "Campaign", "Experiment", "Event",
    ]  # fmt: skip
    channel_list = workbook.defined_names["Liste_Kanal"].attr_text  # Lists!$C$2:$C$201
    column = channel_list.split("!$")[1][0]
    channels = [workbook["Lists"][f"{column}{r}"].value for r in range(2, 5)]
    assert channels == ["Website", "Blog", "SEO"]


def test_the_wheel_sheet_is_a_doughnut_of_the_year(tmp_path):
    path = template(tmp_path, 2027)
    with zipfile.ZipFile(path) as archive:
        chart = archive.read("xl/charts/chart1.xml").decode("utf-8")
        drawing_rels = archive.read("xl/worksheets/_rels/sheet2.xml.rels").decode("utf-8")
    assert "drawing" in drawing_rels  # the chart sits on the second sheet, `Hjul`
    assert chart.count("<c:doughnutChart>") == 1 and chart.count("<c:ser>") == 3
    title, *labels = re.findall(r"<a:t>([^<]*)</a:t>", chart)
    assert title == "Årshjul 2027"
    assert labels[:4] == ["K1", "K2", "K3", "K4"]
    assert labels[4:57] == ["53", *[str(n) for n in range(1, 53)]]  # 1.–3.1.2027: week 53
    assert labels[57:] == MONTHS_NB
    sheet = openpyxl.load_workbook(path)["Hjul"]
    # The chart's data sits right of the print area (from column Q), the holidays
    # beside the chart (M–N), so the sheet prints on one landscape page.
    columns = {sheet.cell(2, c).value: c for c in range(17, 26) if sheet.cell(2, c).value}
    for kind, count in (("Kvartal", 4), ("Uke", 53), ("Måned", 12)):
        col = columns[kind] + 1
        assert sum(sheet.cell(r, col).value for r in range(3, 3 + count)) == 365
    assert sheet.cell(4, 13).value == "Helligdager 2027"
    assert sheet.cell(5, 14).value == "Første nyttårsdag"
    assert sheet.print_area == "'Hjul'!$A$1:$N$43"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToHeight in (None, 1)  # one page


def test_the_filled_workbook(tmp_path):
    from test_arshjul import AUTUMN, SPRING

    folder = tmp_path / "planer"
    folder.mkdir()
    write_plan(folder / "var.xlsx", SPRING, "Vårkampanje")
    write_plan(folder / "host.xlsx", AUTUMN, "Høstmesse")
    result = run("årshjul", str(folder), "-o", "ut", "--dato", "2026-06-01", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    workbook = openpyxl.load_workbook(tmp_path / "ut.xlsx")
    sheet = workbook["Årshjul"]
    assert sheet.cell(6, 8).value == "Gjentas"
    assert sheet.cell(6, 9).value == "Kampanje"
    assert sheet.cell(6, 11).value == 1  # one spacer, then week 1
    rows = [
        [sheet.cell(r, c).value for c in range(1, 10)]
        for r in range(7, 40)
        if sheet.cell(r, 2).value is not None
    ]
    assert len(rows) == 10
    by_name = {row[1]: row for row in rows}
    assert by_name["Podkast"] == [
        "Eksperiment", "Podkast", None, datetime(2026, 5, 20), "Kari", "Video", "Å gjøre",
        None, "Vårkampanje",
    ]  # fmt: skip
    assert by_name["Julekampanje"][3] == datetime(2027, 1, 15)  # the real Frist
    assert by_name["Messedager"][0] == "Hendelse"
    assert [row[0] for row in rows] == ["Program"] + ["Kampanje"] * 6 + ["Eksperiment"] * 2 + [
        "Hendelse"
    ]
    # User text is text: never a formula, never markup.
    cells = {sheet.cell(r, 2).value: sheet.cell(r, 2) for r in range(7, 17)}
    assert cells[FORMULA].data_type == "s" and cells[SCRIPT].data_type == "s"
    assert [workbook["Lister"].cell(r, 1).value for r in range(2, 6)] == [
        "Program", "Kampanje", "Eksperiment", "Hendelse",
    ]  # fmt: skip
    assert sheet["A2"].value.startswith("Bygget fra aktivitetsplanene per 01.06.2026")
    # Printed: the report date in the header the Norwegian way (never `&D`, which
    # prints in the viewer's locale), the sheet name and page in the footer.
    for name in ("Årshjul", "Hjul"):
        header = workbook[name].oddHeader
        assert header.right.text == "01.06.2026" and "&D" not in str(header.right.text)
        assert workbook[name].oddFooter.left.text == "&A"


# --- LibreOffice draws the bars ------------------------------------------------------------------


class _Tables(HTMLParser):
    """The cells of every table in LibreOffice's HTML export: (text, bgcolor), colspans expanded."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[tuple[str, str | None]]]] = []
        self._cell: list[str] | None = None
        self._colour: str | None = None
        self._span = 1

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag == "td" and self.tables and self.tables[-1]:
            self._cell, self._colour = [], (values.get("bgcolor") or "").upper() or None
            self._span = int(values.get("colspan") or 1)

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            cell = ("".join(self._cell).strip(), self._colour)
            self.tables[-1][-1].extend([cell] * self._span)
            self._cell = None


def rendered(path: Path, outdir: Path) -> list[list[tuple[str, str | None]]]:
    """The first sheet as LibreOffice shows it (conditional formats applied)."""
    html = convert(path, "html", outdir)
    parser = _Tables()
    parser.feed(html.read_text(encoding="utf-8", errors="replace"))
    return parser.tables[0]


def bar_weeks(table, name: str, first_week_col: int = FIRST_WEEK_COL) -> dict[int, str]:
    """Week number → fill colour of the coloured week cells in the row of `name`."""
    header = next(row for row in table if len(row) > 1 and row[1][0] in ("Aktivitet", "Activity"))
    row = next(row for row in table if len(row) > 1 and row[1][0] == name)
    found = {}
    for index in range(first_week_col - 1, len(row)):
        _text, colour = row[index]
        if colour and header[index][0].isdigit() and colour not in ("#FFF2CC",):
            found[int(header[index][0])] = colour
    return found


@pytest.mark.libreoffice
def test_libreoffice_draws_the_bars_live(tmp_path):
    path = template(tmp_path, 2026)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Årshjul"]
    rows = [
        ("Kampanje", "Vår", date(2026, 3, 1), date(2026, 4, 15)),
        ("Eksperiment", "Bare frist", None, date(2026, 5, 20)),
        ("Hendelse", "Bare start", date(2026, 10, 5), None),
        ("Noe annet", "Ukjent kategori", date(2026, 6, 1), date(2026, 6, 14)),
        ("Program", "Over nyttår", date(2025, 12, 29), date(2026, 1, 11)),
        ("Kampanje", "Snudd", date(2026, 9, 30), date(2026, 9, 14)),
    ]
    for offset, values in enumerate(rows):
        for col, value in enumerate(values, start=1):
            if value is not None:
                cell = sheet.cell(7 + offset, col, value)
                if isinstance(value, date):
                    cell.number_format = "dd.mm.yyyy"
    workbook.save(path)
    table = rendered(path, tmp_path / "lo")
    blue, orange, green, purple = CATEGORY_COLOURS[:4]
    assert bar_weeks(table, "Vår") == dict.fromkeys(range(9, 17), orange)
    assert bar_weeks(table, "Bare frist") == {21: green}
    assert bar_weeks(table, "Bare start") == {41: purple}
    assert bar_weeks(table, "Ukjent kategori") == {23: OTHER_COLOUR, 24: OTHER_COLOUR}
    assert bar_weeks(table, "Over nyttår") == {1: blue, 2: blue}
    assert bar_weeks(table, "Snudd") == dict.fromkeys(range(38, 41), orange)


@pytest.mark.libreoffice
def test_libreoffice_marks_the_current_week(tmp_path):
    today = date.today()
    table = rendered(template(tmp_path, today.year), tmp_path / "lo")
    header = next(row for row in table if len(row) > 1 and row[1][0] == "Aktivitet")
    marked = [int(text) for text, colour in header if colour == TODAY_COLOUR and text.isdigit()]
    week = today.isocalendar()
    assert marked == ([week.week] if week.year == today.year else [])


@pytest.mark.libreoffice
def test_libreoffice_keeps_rules_and_dropdowns(tmp_path):
    path = template(tmp_path, 2027)
    for fmt in ("xlsx", "ods"):
        converted = convert(path, fmt, tmp_path / fmt)
        if fmt == "ods":
            converted = convert(converted, "xlsx", tmp_path / "ods-xlsx")
        workbook = openpyxl.load_workbook(converted)
        sheet = workbook.worksheets[0]
        formulas = " ".join(r[2] for r in rules(sheet))
        for position in range(1, len(CATEGORY_COLOURS) + 1):
            assert f"INDEX(Liste_Kategori,{position})" in formulas, fmt
        assert "TODAY()" in formulas and "WEEKDAY(" in formulas
        lists = {dv.formula1 for dv in sheet.data_validations.dataValidation if dv.type == "list"}
        assert {"Liste_Kategori", "Liste_Person", "Liste_Kanal", "Liste_Status"} <= lists
        assert workbook.defined_names["Liste_Kategori"].attr_text.endswith("$A$2:$A$201")
        assert [sheet.cell(6, FIRST_WEEK_COL + i).value for i in (0, 51)] == [1, 52]


@pytest.mark.libreoffice
def test_libreoffice_draws_the_filled_workbook(tmp_path):
    from test_arshjul import AUTUMN, SPRING

    folder = tmp_path / "planer"
    folder.mkdir()
    write_plan(folder / "var.xlsx", SPRING, "Vårkampanje")
    write_plan(folder / "host.xlsx", AUTUMN, "Høstmesse")
    result = run("årshjul", str(folder), "-o", "ut", "--dato", "2026-06-01", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    table = rendered(tmp_path / "ut.xlsx", tmp_path / "lo")
    orange = CATEGORY_COLOURS[1]
    assert bar_weeks(table, "Landingsside", FIRST_WEEK_COL + 1) == dict.fromkeys(
        range(9, 15), orange
    )
    assert bar_weeks(table, "Podkast", FIRST_WEEK_COL + 1) == {21: CATEGORY_COLOURS[2]}
    assert bar_weeks(table, "Messedager", FIRST_WEEK_COL + 1) == {43: CATEGORY_COLOURS[3]}
