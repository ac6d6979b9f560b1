"""The blank template survives LibreOffice: re-saved as .xlsx and as .ods, the table
headers, the dropdowns and the lists behind them are still there.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from conftest import convert, write_template

from aktivitetsplan.plan.schema import COLUMNS
from aktivitetsplan.settings import DEFAULT_CHANNELS, Settings

pytestmark = pytest.mark.libreoffice

HEADERS = [c.header("nb") for c in COLUMNS]
LISTS = {
    "Liste_Type": ("A", ["Program", "Kampanje", "Eksperiment"]),
    "Liste_Kanal": ("B", list(DEFAULT_CHANNELS["nb"])),
    "Liste_Person": ("C", ["Kari Nordmann", "Ola Hansen"]),
    "Liste_Status": ("D", ["Å gjøre", "I produksjon", "I distribusjon", "Avlyst", "Venter"]),
}
DROPDOWNS = {  # column letter in the plan → defined name
    "D": "Liste_Type",
    "E": "Liste_Kanal",
    "F": "Liste_Person",
    "G": "Liste_Person",
    "J": "Liste_Status",
}
CAMPAIGN = '=HYPERLINK("http://x","klikk")'

NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}


def q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("lo-template")
    config = Settings(people=("Kari Nordmann", "Ola Hansen"), extra_statuses={"Venter": "todo"})
    return write_template(
        folder / "plan.xlsx",
        config=config,
        campaign=CAMPAIGN,
        start=date(2026, 3, 1),
        budget=250_000.0,
    )


@pytest.fixture(scope="module")
def as_xlsx(original, tmp_path_factory) -> Path:
    return convert(original, "xlsx", tmp_path_factory.mktemp("lo-xlsx"))


@pytest.fixture(scope="module")
def as_ods(original, tmp_path_factory) -> Path:
    return convert(original, "ods", tmp_path_factory.mktemp("lo-ods"))


# --- re-saved as .xlsx -------------------------------------------------------------------------


def test_xlsx_keeps_sheets_headers_and_campaign(as_xlsx):
    wb = openpyxl.load_workbook(as_xlsx)
    assert wb.sheetnames == ["Aktivitetsplan", "Lister", "Veiledning", "Konkurrenter"]
    ws = wb["Aktivitetsplan"]
    assert [c.value for c in ws[13]][: len(HEADERS)] == HEADERS
    assert "Aktiviteter" in ws.tables
    assert ws["B3"].value == CAMPAIGN and ws["B3"].data_type == "s"
    assert ws["B8"].value == 250_000
    assert ws["B9"].value.date().isoformat() == "2026-03-01"


def test_xlsx_keeps_dropdowns_and_defined_names(as_xlsx):
    wb = openpyxl.load_workbook(as_xlsx)
    ws = wb["Aktivitetsplan"]
    found = {}
    for dv in ws.data_validations.dataValidation:
        for rng in str(dv.sqref).split():
            found[rng] = dv
    for letter, name in DROPDOWNS.items():
        dv = found[f"{letter}14:{letter}213"]
        assert (dv.type, dv.formula1) == ("list", name)
    for letter in ("H", "I"):
        assert found[f"{letter}14:{letter}213"].type == "date"
    for name, (letter, values) in LISTS.items():
        assert wb.defined_names[name].attr_text == f"Lister!${letter}$2:${letter}$201"
        column = [wb["Lister"][f"{letter}{row}"].value for row in range(2, 2 + len(values) + 1)]
        assert column == [*values, None]


# --- re-saved as .ods ----------------------------------------------------------------------------


def ods_content(path: Path) -> ElementTree.Element:
    with zipfile.ZipFile(path) as archive:
        return ElementTree.fromstring(archive.read("content.xml"))


def sheet_rows(
    table: ElementTree.Element, max_rows: int = 30
) -> list[list[tuple[str, str | None]]]:
    """The first rows of an ODS sheet as (text, validation name) per cell, repeats expanded."""
    rows: list[list[tuple[str, str | None]]] = []
    for row in table.iter(q("table", "table-row")):
        cells: list[tuple[str, str | None]] = []
        for cell in row:
            if cell.tag not in (q("table", "table-cell"), q("table", "covered-table-cell")):
                continue
            text = "\n".join("".join(p.itertext()) for p in cell.findall(q("text", "p")))
            validation = cell.get(q("table", "content-validation-name"))
            repeat = min(int(cell.get(q("table", "number-columns-repeated"), "1")), 40)
            cells.extend([(text, validation)] * repeat)
        repeat = min(int(row.get(q("table", "number-rows-repeated"), "1")), max_rows)
        rows.extend([cells] * repeat)
        if len(rows) >= max_rows:
            break
    return rows[:max_rows]


def ods_sheets(root: ElementTree.Element) -> dict[str, ElementTree.Element]:
    return {t.get(q("table", "name")): t for t in root.iter(q("table", "table"))}


def test_ods_keeps_sheets_and_headers(as_ods):
    sheets = ods_sheets(ods_content(as_ods))
    assert list(sheets) == ["Aktivitetsplan", "Lister", "Veiledning", "Konkurrenter"]
    rows = sheet_rows(sheets["Aktivitetsplan"])
    assert [text for text, _ in rows[12]][: len(HEADERS)] == HEADERS
    assert rows[2][1][0] == CAMPAIGN  # B3: still the text, never a formula
    root = ods_content(as_ods)
    formulas = [c.get(q("table", "formula")) for c in root.iter(q("table", "table-cell"))]
    assert not any(f and "HYPERLINK" in f for f in formulas)
    ranges = {
        r.get(q("table", "name")): r.get(q("table", "target-range-address"))
        for r in root.iter(q("table", "database-range"))
    }
    assert ranges.get("Aktiviteter", "").replace("$", "") in (
        "Aktivitetsplan.A13:Aktivitetsplan.U213",
        "Aktivitetsplan.A13:.U213",
    )


def test_ods_keeps_lists_and_named_ranges(as_ods):
    root = ods_content(as_ods)
    named = {
        r.get(q("table", "name")): r.get(q("table", "cell-range-address"))
        for r in root.iter(q("table", "named-range"))
    }
    lister = sheet_rows(ods_sheets(root)["Lister"])
    for name, (letter, values) in LISTS.items():
        assert named[name].replace("$", "") == f"Lister.{letter}2:.{letter}201", named[name]
        col = ord(letter) - ord("A")
        column = [row[col][0] if col < len(row) else "" for row in lister[1 : 1 + len(values)]]
        assert column == values


def test_ods_keeps_dropdowns_on_the_plan_cells(as_ods):
    root = ods_content(as_ods)
    conditions = {
        v.get(q("table", "name")): v.get(q("table", "condition")) or ""
        for v in root.iter(q("table", "content-validation"))
    }
    rows = sheet_rows(ods_sheets(root)["Aktivitetsplan"])
    for row in (13, 29):  # data rows 14 and 30
        for letter, name in DROPDOWNS.items():
            _text, validation = rows[row][ord(letter) - ord("A")]
            assert validation, f"{letter}{row + 1}: no validation"
            assert re.search(rf"cell-content-is-in-list\(\[?{name}\]?\)", conditions[validation]), (
                letter,
                conditions[validation],
            )
        for letter in ("H", "I"):
            _text, validation = rows[row][ord(letter) - ord("A")]
            assert "cell-content-is-date()" in conditions[validation]
