"""Both templates read back: a filled-in `aktplan mal årshjul` is a plan like any other,
while the wheels and reports aktplan generates from plans are skipped beside them.

A plan without a campaign block is named after the title above its table.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from aktivitetsplan import read_plans
from aktivitetsplan.build_maler import MALER
from aktivitetsplan.read.files import generated_kind
from aktivitetsplan.settings import Settings
from aktivitetsplan.workbooks.wheel_template import write_wheel_template

# What a team types into the årshjul template: Kategori, Aktivitet, Start, Slutt, …
WHEEL_ROWS = [
    ["Kampanje", "Vårkampanje", date(2026, 3, 2), date(2026, 3, 20), "Kari", "Nettside", "Pågår"],
    ["Program", "Nyhetsbrev april", None, date(2026, 4, 3), "Ola", "Nyhetsbrev", "Å gjøre"],
    ["Hendelse", "Sommerfest", date(2026, 6, 19), date(2026, 6, 19), "Kari", None, "Ferdig"],
    ["Eksperiment", "Ny CTA", date(2026, 3, 9), date(2026, 3, 13), "Ola", "Nettside", "Ferdig"],
]


def filled_wheel(path: Path, language: str = "nb") -> Path:
    """The årshjul template written by our writer, filled in with openpyxl."""
    write_wheel_template(path, Settings(language=language), 2026)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    header = next(
        row[0].row
        for row in sheet.iter_rows(max_row=20)
        if row[0].value in ("Kategori", "Category")
    )
    for offset, values in enumerate(WHEEL_ROWS):
        row = header + 1 + offset
        for col, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(row=row, column=col, value=value)
        # A mark in the week grid to the right of the table is no column of the plan.
        sheet.cell(row=row, column=len(values) + 3, value="x")
    workbook.save(path)
    return path


def test_a_filled_wheel_template_reads_as_a_plan(tmp_path):
    result = read_plans(filled_wheel(tmp_path / "hjul.xlsx"))
    assert result.skipped == [] and result.unreadable == []
    (plan,) = result.plans
    assert plan.sheet == "Årshjul" and plan.issues == []
    assert plan.name == plan.campaign["name"] == "Årshjul 2026"  # its title
    table = plan.activities
    assert list(table["activity"]) == [row[1] for row in WHEEL_ROWS]
    assert list(table["type"]) == ["campaign", "program", "Hendelse", "experiment"]
    assert [d.date() for d in table["deadline"]] == [row[3] for row in WHEEL_ROWS]
    assert list(table["phase"]) == ["in_production", "todo", "distributed", "distributed"]
    assert list(table["row"]) == [7, 8, 9, 10]


def test_the_english_wheel_template_reads_as_a_plan(tmp_path):
    (plan,) = read_plans(filled_wheel(tmp_path / "wheel.xlsx", "en"), Settings(language="en")).plans
    assert plan.issues == [] and plan.name == "Annual wheel 2026"
    assert len(plan.activities) == len(WHEEL_ROWS)


def test_the_blank_wheel_template_is_an_empty_plan(tmp_path):
    path = tmp_path / "hjul.xlsx"
    write_wheel_template(path, Settings(), 2026)
    (plan,) = read_plans(path).plans
    assert len(plan.activities) == 0 and plan.issues == []


@pytest.fixture
def folder(tmp_path, portfolio, aktplan):
    """The portfolio's plans, a filled årshjul, and the wheel and report made from them."""
    filled_wheel(portfolio / "team-hjul.xlsx")
    wheel = aktplan("årshjul", str(portfolio), "-o", f"{portfolio}/hjul", "--dato", "2026-03-31")
    assert wheel[0] == 0, wheel
    report = aktplan(
        "rapport",
        "--uten-historikk",
        str(portfolio),
        "--dato",
        "2026-03-31",
        "-o",
        f"{portfolio}/r.xlsx",
    )
    assert report[0] == 0, report
    return portfolio


def test_rapport_reads_the_filled_wheel_and_skips_what_aktplan_made(aktplan, folder):
    code, out, err = aktplan(
        "rapport", "--uten-historikk", str(folder), "--dato", "2026-03-31", "--format", "json"
    )
    assert code == 0
    assert err.splitlines() == [
        f"Merk: {folder}/hjul.xlsx: er et årshjul laget av «aktplan årshjul», ikke en "
        "aktivitetsplan; hoppet over",
        f"Merk: {folder}/r.xlsx: er en rapport laget av aktplan, ikke en aktivitetsplan; "
        "hoppet over",
    ]
    plans = {p["file"]: p for p in json.loads(out)["plans"]}
    assert sorted(plans) == [f"{folder}/{n}" for n in ("host.xlsx", "team-hjul.xlsx", "vaar.xlsx")]
    wheel = plans[f"{folder}/team-hjul.xlsx"]
    assert (wheel["campaign"], wheel["activities"]) == ("Årshjul 2026", 4)


def test_sjekk_reads_the_filled_wheel(aktplan, folder):
    code, out, err = aktplan("sjekk", f"{folder}/team-hjul.xlsx")
    assert (code, err) == (0, "")
    assert out == "1 fil(er), 1 plan(er), 4 aktiviteter: 0 feil, 0 advarsler\n"
    code, _out, err = aktplan("sjekk", f"{folder}/hjul.xlsx")
    assert code == 2 and err.endswith("Feil: fant ingen aktivitetsplaner å lese\n")


def test_arshjul_reads_the_filled_wheel(aktplan, folder, tmp_path):
    code, out, _err = aktplan(
        "årshjul", f"{folder}/team-hjul.xlsx", "-o", "fra-malen", "--dato", "2026-03-31"
    )
    assert code == 0
    assert out.splitlines()[-1] == "Årshjul 2026: 4 aktiviteter fra 1 plan(er)."
    sheet = openpyxl.load_workbook(tmp_path / "fra-malen.xlsx").worksheets[0]
    campaigns = {row[8] for row in sheet.iter_rows(min_row=7, values_only=True) if row[1]}
    assert campaigns == {"Årshjul 2026"}


def test_only_generated_workbooks_carry_the_mark(folder, tmp_path, aktplan):
    assert generated_kind(folder / "hjul.xlsx", "xlsx") == "wheel"
    assert generated_kind(folder / "r.xlsx", "xlsx") == "report"
    assert generated_kind(folder / "team-hjul.xlsx", "xlsx") is None
    assert generated_kind(folder / "vaar.xlsx", "xlsx") is None
    assert aktplan("mal", "årshjul", "--år", "2026", "-o", "tom.xlsx")[0] == 0
    assert generated_kind(tmp_path / "tom.xlsx", "xlsx") is None
    for template in sorted(MALER.glob("*.xlsx")):
        assert generated_kind(template, "xlsx") is None, template.name


# --- a plan without a campaign block -------------------------------------------------------


def own_plan(path: Path, above: list[list]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in above:
        sheet.append(row)
    sheet.append(["Aktivitet", "Ansvarlig", "Frist", "Status"])
    sheet.append(["Annonser", "Kari", date(2026, 5, 1), "pågår"])
    workbook.save(path)
    return path


@pytest.mark.parametrize(
    ("above", "name"),
    [
        ([["Markedsplan Q3"], []], "Markedsplan Q3"),
        ([[None, "  Høstplan  "]], "Høstplan"),
        ([["Budsjett:", "80 000"], ["Ansvarlig", "Kari"], ["Plan for messen"]], "Plan for messen"),
        ([["Prosjekt:", "Sommer"], ["Markedsplan"]], "Sommer"),  # a campaign name wins
        ([["Kampanje:"], ["Markedsplan"]], None),  # a campaign block, its name left blank
        ([], None),
    ],
)
def test_a_plan_without_a_campaign_name_label_is_named_by_its_title(tmp_path, above, name):
    path = own_plan(tmp_path / "plan.xlsx", above)
    (plan,) = read_plans(path).plans
    assert plan.campaign["name"] == name
    assert plan.name == (name or f"{path} (Sheet)")
