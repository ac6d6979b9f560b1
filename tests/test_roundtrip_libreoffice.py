"""A real spreadsheet application in the loop: LibreOffice re-saves filled plans.

The report of the re-saved .xlsx and .ods must equal the report of the original.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPORT_DATE, convert

from aktivitetsplan import build_report, read_plans
from aktivitetsplan.settings import Settings

pytestmark = pytest.mark.libreoffice


def figures(folder_or_file) -> dict:
    """The report without the file names' folders and suffixes (they differ by format):
    every `file` in it, at any depth (the plans, the issues, the method's rows …)."""
    data = build_report(read_plans(folder_or_file), Settings(report_date=REPORT_DATE)).to_json()
    data["plans"].sort(key=lambda p: Path(p["file"]).stem)
    return stems(data)


def stems(value):
    if isinstance(value, dict):
        return {k: Path(v).stem if k == "file" else stems(v) for k, v in value.items()}
    if isinstance(value, list):
        return [stems(v) for v in value]
    return value


@pytest.fixture(scope="module")
def converted(tmp_path_factory, request):
    """The portfolio re-saved by LibreOffice as xlsx and as ods (converted once per module)."""
    from conftest import PORTFOLIO, fill_plan, write_template

    root = tmp_path_factory.mktemp("lo")
    original = root / "original"
    original.mkdir()
    for name, spec in PORTFOLIO.items():
        fill_plan(write_template(original / name), spec["rows"], spec["campaign"])
    out = {"original": original}
    for fmt in ("xlsx", "ods", "xls"):
        folder = root / fmt
        for source in sorted(original.glob("*.xlsx")):
            convert(source, fmt, folder)
        out[fmt] = folder
    return out


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "xls"])
def test_libreoffice_resave_gives_the_same_report(converted, fmt):
    files = sorted(converted[fmt].glob(f"*.{fmt}"))
    assert [f.stem for f in files] == ["host", "vaar"]
    # a folder holds .xlsx/.xlsm/.ods plans; a legacy .xls is read when named
    assert figures(files if fmt == "xls" else converted[fmt]) == figures(converted["original"])


@pytest.mark.parametrize("fmt", ["ods", "xls"])
def test_a_workbook_with_the_wrong_ending_is_read_by_its_content(converted, fmt, tmp_path):
    """An .ods or old .xls saved as `plan.xlsx` (a frequent download mishap) reads as itself."""
    import shutil

    from aktivitetsplan.read.files import vet

    for source in sorted(converted[fmt].glob(f"*.{fmt}")):
        shutil.copyfile(source, tmp_path / f"{source.stem}.xlsx")
    assert vet(tmp_path / "vaar.xlsx") == fmt
    assert figures(tmp_path) == figures(converted["original"])


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_libreoffice_resave_keeps_cells_for_issues(converted, fmt):
    (plan,) = read_plans(converted[fmt] / f"vaar.{fmt}").plans
    assert plan.sheet == "Aktivitetsplan"
    assert plan.activities["row"].tolist() == [14, 15, 16, 17, 18]
    assert plan.campaign["name"] == "Vårkampanje"


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_formulas_saved_by_libreoffice_are_read_as_saved(tmp_path, fmt):
    """LibreOffice computes the formulas openpyxl wrote without values and saves the
    results: those are the cells' values, with no warning (the sheet shows 16 000)."""
    from datetime import date

    from conftest import fill_plan, write_template

    source = write_template(tmp_path / "formler.xlsx")
    fill_plan(
        source,
        [
            {
                "Aktivitet": "Konstant",
                "Ansvarlig": "K",
                "Frist": date(2026, 1, 1),
                "Budsjett (kr)": "=1500*4+2000",
            },
            {
                "Aktivitet": "Referanse",
                "Ansvarlig": "K",
                "Frist": date(2026, 1, 1),
                "Budsjett (kr)": "=L14*2",
            },
        ],
    )
    (before,) = read_plans(source).plans  # openpyxl saved no value: unreadable
    assert before.unreadable_cells == [(15, "budget", "Aktivitetsplan!L15")]
    converted = convert(source, fmt, tmp_path / "lo")
    (plan,) = read_plans(converted).plans
    assert plan.activities["budget"].tolist() == [8000, 16000]
    assert [i for i in plan.issues if i.cell.startswith("Aktivitetsplan!L")] == []
    assert plan.unreadable_cells == []
