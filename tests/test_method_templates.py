"""The method in the templates (issue 17): the plan's `Hypotese`, `Beslutning` and
`Digital hale` columns with their dropdowns and lists, `Beredskap` and `Svartid` beside
the campaign block, the guide's section, and the årshjul's `Mål` sheet.

Written by our writers, filled with openpyxl as a person would in Excel, re-saved by
LibreOffice as .xlsx and .ods, and read back with `read_plans`.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import convert, fill_plan, write_template

from aktivitetsplan import read_plans
from aktivitetsplan.i18n import t
from aktivitetsplan.plan.model import GoalSpec
from aktivitetsplan.plan.schema import (
    DECISION_LABELS,
    GOAL_FIELDS,
    LIST_NAMES,
    METHOD_COLUMNS,
    SHEETS,
    TAIL_SUGGESTIONS,
)
from aktivitetsplan.settings import Settings
from aktivitetsplan.workbooks.fill import fill_goal, write_filled_plan, write_filled_wheel
from aktivitetsplan.workbooks.wheel_template import write_wheel_template

LANGUAGES = ("nb", "en")
CASES = Path(__file__).parent / "cases"
# The method's columns: S, T, U of the table A13:U213.
METHOD_LETTERS = {"hypothesis": "S", "decision": "T", "tail": "U"}
HEADERS = {
    "nb": ["Hypotese", "Beslutning", "Digital hale"],
    "en": ["Hypothesis", "Decision", "Digital tail"],
}
SIDE_LABELS = {"nb": ["Beredskap", "Svartid (timer)"], "en": ["Readiness", "Response time (hours)"]}


def validations(ws) -> dict[str, object]:
    """Data validations by their cell range (`T14:T213`)."""
    found = {}
    for dv in ws.data_validations.dataValidation:
        for rng in str(dv.sqref).split():
            assert rng not in found, f"two validations on {rng}"
            found[rng] = dv
    return found


def list_of(wb, name: str) -> tuple[str, list[str]]:
    """The header and the values of the column a defined name points at."""
    target = wb.defined_names[name].attr_text
    match = re.fullmatch(r"'?(.+?)'?!\$([A-Z]+)\$2:\$\2\$201", target)
    assert match, target
    sheet, letter = match.groups()
    values = [wb[sheet][f"{letter}{row}"].value for row in range(1, 202)]
    return values[0], [v for v in values[1:] if v is not None]


@pytest.fixture(scope="module", params=LANGUAGES)
def plan_book(request, tmp_path_factory) -> tuple[str, openpyxl.Workbook]:
    lang = request.param
    path = write_template(tmp_path_factory.mktemp("plan") / "plan.xlsx", lang)
    return lang, openpyxl.load_workbook(path)


@pytest.fixture(scope="module", params=LANGUAGES)
def wheel_book(request, tmp_path_factory) -> tuple[str, openpyxl.Workbook]:
    lang = request.param
    path = tmp_path_factory.mktemp("wheel") / "hjul.xlsx"
    write_wheel_template(path, Settings(language=lang), 2027)
    return lang, openpyxl.load_workbook(path)


# --- (a) the plan template --------------------------------------------------------------


def test_the_method_columns_end_the_table(plan_book):
    lang, wb = plan_book
    ws = wb.worksheets[0]
    table = ws.tables["Aktiviteter"]
    assert table.ref == "A13:U213"
    assert [c.name for c in table.tableColumns][-3:] == HEADERS[lang]
    assert [ws[f"{letter}13"].value for letter in "STU"] == HEADERS[lang]
    assert ws.tables["Aktiviteter"].autoFilter.ref == "A13:U213"


def test_the_method_columns_have_hints_and_dropdowns(plan_book):
    lang, wb = plan_book
    found = validations(wb.worksheets[0])
    hypothesis, decision, tail = found["S14:S213"], found["T14:T213"], found["U14:U213"]
    assert hypothesis.type is None or hypothesis.type == "none"  # any value: a hint only
    assert hypothesis.prompt == t("col.hypothesis.hint", lang)
    assert (decision.type, decision.formula1) == ("list", "Liste_Beslutning")
    assert decision.prompt == t("col.decision.hint", lang)
    # Synonyms (`fortsette`, `stopp`) are read too: a warning, never a refusal.
    assert decision.errorStyle == "warning" and decision.showErrorMessage
    assert (tail.type, tail.formula1) == ("list", "Liste_Hale")
    assert tail.prompt == t("col.tail.hint", lang)
    assert not tail.showErrorMessage  # free text is a tail too: no alert at all
    assert tail.showInputMessage and decision.showInputMessage and hypothesis.showInputMessage


def test_the_lists_behind_the_method_dropdowns(plan_book):
    lang, wb = plan_book
    lists = SHEETS[lang]["lists"]
    for kind in ("decision", "tail"):
        name, headers = LIST_NAMES[kind]
        assert wb.defined_names[name].attr_text.split("!")[0].strip("'") == lists
        header, values = list_of(wb, name)
        assert header == headers[lang]
        expected = list(DECISION_LABELS[lang].values()) if kind == "decision" else None
        assert values == (expected or list(TAIL_SUGGESTIONS[lang]))
    assert list_of(wb, "Liste_Beslutning")[1] == (
        ["Forsterk", "Fortsett", "Dropp"] if lang == "nb" else ["Scale up", "Continue", "Drop"]
    )
    assert list_of(wb, "Liste_Hale")[1][-1] == ("Ingen" if lang == "nb" else "None")


def test_readiness_and_response_time_beside_the_campaign_block(plan_book):
    lang, wb = plan_book
    ws = wb.worksheets[0]
    assert [ws["G3"].value, ws["G4"].value] == SIDE_LABELS[lang]
    assert ws["G3"].font.b and ws["G3"].font.color.rgb == ws["A3"].font.color.rgb
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"H3:K3", "H4:K4", "B3:E3", "B11:E11"} <= merged
    assert ws["H3"].value is None and ws["H4"].value is None
    assert ws["H4"].number_format == "General"  # 1.5 hours shows as 1.5
    found = validations(ws)
    readiness, hours = found["H3"], found["H4"]
    assert (readiness.type, readiness.formula1) == ("list", "Liste_Person")
    assert not readiness.showErrorMessage  # «Ikke aktuelt» or a team's name is fine
    assert readiness.prompt == t("field.readiness.hint", lang)
    assert hours.prompt == t("field.response_hours.hint", lang)
    assert hours.type is None or hours.type == "none"  # «4 timer» is read too
    # Nothing else moved: the block's labels in A3:A11, the header on row 13.
    assert ws["A3"].value == ("Kampanje" if lang == "nb" else "Campaign")
    assert ws["A11"].value == ("Ansvarlig" if lang == "nb" else "Owner")
    assert ws["A12"].value is None and ws["A13"].value == "ID"
    assert ws.row_dimensions[4].height >= 30  # the label wraps: «Svartid» / «(timer)»


def test_the_guide_explains_the_method(plan_book):
    lang, wb = plan_book
    ws = wb[SHEETS[lang]["guide"]]
    rows = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    heading = (
        "8. Metoden: ett mål, eksperimenter, beredskap og digital hale"
        if lang == "nb"
        else "8. The method: one goal, experiments, readiness and the digital tail"
    )
    at = rows.index(heading)
    section = " ".join(rows[at + 1 : at + 6])
    assert at + 6 == len(rows)  # the last section: five paragraphs
    labels = DECISION_LABELS[lang]
    assert f"{labels['scale']} (" in section and f"{labels['drop']} (" in section
    assert f"{labels['continue']} (" in section
    assert f"{SHEETS[lang]['goal']} " in section and "[maal]" in section
    assert ("«Ingen»" if lang == "nb" else '"None"') in section
    assert ("«Ikke aktuelt»" if lang == "nb" else '"Not applicable"') in section
    long_rows = [row for row in range(at + 2, at + 7) if len(ws.cell(row, 1).value) > 125]
    assert len(long_rows) >= 4
    for row in long_rows:
        assert ws.row_dimensions[row].height >= 30, row  # as tall as its wrapped lines


def test_the_blank_plan_reads_with_empty_side_fields_and_the_method_columns(tmp_path):
    (plan,) = read_plans(write_template(tmp_path / "plan.xlsx")).plans
    assert plan.campaign["readiness"] is None and plan.campaign["response_hours"] is None
    assert set(METHOD_COLUMNS) <= plan.columns
    assert plan.issues == [] and len(plan.activities) == 0


def test_fill_plan_writes_the_side_fields_and_the_method_columns(tmp_path):
    path = tmp_path / "plan.xlsx"
    write_filled_plan(
        path,
        Settings(),
        {"name": "Vår", "readiness": "Kari", "response_hours": 1.5},
        [
            {
                "activity": "Test",
                "hypothesis": "Video gir leads",
                "decision": "Dropp",
                "tail": "Ingen",
            }
        ],
    )
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert (ws["B3"].value, ws["H3"].value, ws["H4"].value) == ("Vår", "Kari", 1.5)
    assert [ws[f"{letter}14"].value for letter in "STU"] == ["Video gir leads", "Dropp", "Ingen"]
    (plan,) = read_plans(path).plans
    assert (plan.campaign["readiness"], plan.campaign["response_hours"]) == ("Kari", 1.5)
    assert plan.table["decision"].tolist() == ["drop"]
    with pytest.raises(KeyError, match="beredskap"):
        write_filled_plan(tmp_path / "feil.xlsx", Settings(), {"beredskap": "Kari"}, [])


# --- (a) the årshjul's Mål sheet ----------------------------------------------------------


def test_the_goal_sheet_follows_the_wheel(wheel_book):
    lang, wb = wheel_book
    names = SHEETS[lang]
    assert wb.sheetnames == [
        names["wheel_table"],
        names["wheel_chart"],
        names["goal"],
        names["lists"],
    ]
    assert wb.active.title == names["wheel_table"]


def test_the_goal_sheet_has_title_text_and_the_goal_fields(wheel_book):
    lang, wb = wheel_book
    ws = wb[SHEETS[lang]["goal"]]
    assert ws["A1"].value == t("goal.sheet.title", lang, year=2027)
    assert ws["A2"].value == t("goal.sheet.text", lang)
    assert ws.row_dimensions[2].height >= 60  # the paragraph's wrapped lines
    assert [ws[f"A{row}"].value for row in range(3, 9)] == [f.label(lang) for f in GOAL_FIELDS]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A2:E2"} | {f"B{row}:E{row}" for row in range(3, 9)} <= merged
    values = [ws[f"B{row}"].value for row in range(3, 9)]
    assert values == [None, None, None, datetime(2027, 1, 1), datetime(2027, 12, 31), None]
    assert ws["B6"].number_format == ws["B7"].number_format == "dd.mm.yyyy"
    found = validations(ws)
    assert found["B5"].type == "decimal" and found["B5"].errorStyle == "warning"
    assert found["B6"].type == found["B7"].type == "date"
    for row, field in enumerate(GOAL_FIELDS, start=3):
        assert found[f"B{row}"].prompt == t(f"goal.field.{field.key}.hint", lang), field.key


def test_the_goal_sheet_prints_on_one_a4_landscape_page(wheel_book):
    lang, wb = wheel_book
    ws = wb[SHEETS[lang]["goal"]]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight in (None, 1)
    assert ws.oddFooter.left.text == "&A" and "&P / &N" in ws.oddFooter.right.text
    assert ws.print_area == f"'{ws.title}'!$A$1:$E$8"


def test_a_wheel_built_from_plans_has_no_goal_sheet(tmp_path, aktplan, portfolio):
    code, _out, err = aktplan("årshjul", str(portfolio), "-o", "hjul", "--dato", "2026-03-31")
    assert code == 0, err
    assert openpyxl.load_workbook(tmp_path / "hjul.xlsx").sheetnames == [
        "Årshjul",
        "Hjul",
        "Lister",
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_blank_wheel_names_no_goal(tmp_path, lang):
    path = tmp_path / "hjul.xlsx"
    write_wheel_template(path, Settings(language=lang), 2027)
    (plan,) = read_plans(path, Settings(language=lang)).plans
    assert plan.goal is None and plan.issues == []


GOAL = {
    "name": "400 kvalifiserte leads til salg",
    "kpi": "Kvalifiserte leads",
    "target": 400,
    "aliases": ["MQL", "Leads til salg"],
}


def expected_goal(path: Path, sheet: str = "Mål", **changes) -> GoalSpec:
    cells = tuple((f.key, f"{sheet}!B{row}") for row, f in enumerate(GOAL_FIELDS, start=3))
    spec = GoalSpec(
        name="400 kvalifiserte leads til salg",
        kpi="Kvalifiserte leads",
        target=400.0,
        start=date(2027, 1, 1),
        end=date(2027, 12, 31),
        aliases=("MQL", "Leads til salg"),
        source=f"{path}: {sheet}",
        cells=cells,
    )
    return GoalSpec(**{**spec.__dict__, **changes})


def test_a_filled_goal_sheet_reads_as_the_goal(tmp_path):
    path = tmp_path / "hjul.xlsx"
    write_filled_wheel(
        path,
        Settings(),
        2027,
        GOAL,
        [
            {
                "category": "Kampanje",
                "activity": "Vår",
                "end": date(2027, 3, 20),
                "responsible": "Kari",
                "status": "Å gjøre",
            }
        ],
    )
    ws = openpyxl.load_workbook(path)["Mål"]
    assert [ws[f"B{row}"].value for row in (3, 4, 5, 8)] == [
        GOAL["name"], GOAL["kpi"], 400, "MQL, Leads til salg",
    ]  # fmt: skip
    (plan,) = read_plans(path).plans
    assert plan.goal == expected_goal(path)
    assert plan.activities["activity"].tolist() == ["Vår"]
    assert plan.issues == []


def test_fill_goal_refuses_an_unknown_field(tmp_path):
    path = tmp_path / "hjul.xlsx"
    write_wheel_template(path, Settings(), 2027)
    with pytest.raises(KeyError, match="maaltall"):
        fill_goal(path, {"maaltall": 400})


def test_a_goal_without_kpi_and_target_warns_at_the_sheet(tmp_path):
    path = tmp_path / "hjul.xlsx"
    write_filled_wheel(path, Settings(), 2027, {"name": "Flere leads"})
    (plan,) = read_plans(path).plans
    assert (plan.goal.name, plan.goal.kpi, plan.goal.target) == ("Flere leads", None, None)
    assert [(i.cell, i.severity) for i in plan.issues] == [("Mål!A1", "warning")] * 2


# --- (b) LibreOffice in the loop ----------------------------------------------------------

PLAN_ROWS = [
    {
        "Aktivitet": "Kundehistorie-video",
        "Type": "Eksperiment",
        "Ansvarlig": "Kari",
        "Frist": date(2026, 3, 10),
        "Status": "I distribusjon",
        "Hypotese": "Video gir flere leads: minst 20 på fire uker",
        "Beslutning": "Forsterk",
        "Digital hale": "Innhold",
    },
    {
        "Aktivitet": "Webinar",
        "Type": "Eksperiment",
        "Ansvarlig": "Ola",
        "Frist": date(2026, 3, 20),
        "Status": "I distribusjon",
        "Hypotese": "Webinar gir møter",
        "Beslutning": "fortsette",
        "Digital hale": "Opptak på nettsiden",
    },
    {
        "Aktivitet": "Messe",
        "Type": "Kampanje",
        "Ansvarlig": "Ola",
        "Frist": date(2026, 3, 25),
        "Status": "I distribusjon",
        "Beslutning": "kanskje",
        "Digital hale": "Ingen",
    },
]
PLAN_CAMPAIGN = {"Kampanje": "Vår", "Beredskap": "Kari Nordmann", "Svartid (timer)": "4 timer"}


@pytest.fixture(scope="module")
def resaved(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """A filled plan and a filled årshjul, as written and re-saved by LibreOffice."""
    root = tmp_path_factory.mktemp("lo-method")
    plan = fill_plan(write_template(root / "plan.xlsx"), PLAN_ROWS, PLAN_CAMPAIGN)
    wheel = root / "hjul.xlsx"
    write_filled_wheel(wheel, Settings(), 2027, GOAL)
    out = {"original": (plan, wheel)}
    for fmt in ("xlsx", "ods"):
        out[fmt] = (convert(plan, fmt, root / fmt), convert(wheel, fmt, root / fmt))
    return out


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["original", "xlsx", "ods"])
def test_the_method_columns_and_side_fields_survive_libreoffice(resaved, fmt):
    result = read_plans(resaved[fmt][0])
    assert result.unreadable == []
    (plan,) = result.plans
    assert set(METHOD_COLUMNS) <= plan.columns
    assert plan.campaign["name"] == "Vår"
    assert plan.campaign["readiness"] == "Kari Nordmann"
    assert plan.campaign["response_hours"] == 4.0
    assert plan.table["decision"].tolist() == ["scale", "continue", "unknown"]
    assert plan.table["tail"].tolist() == ["Innhold", "Opptak på nettsiden", "Ingen"]
    assert plan.table["hypothesis"].tolist() == [
        "Video gir flere leads: minst 20 på fire uker", "Webinar gir møter", None,
    ]  # fmt: skip
    assert plan.activities["row"].tolist() == [14, 15, 16]
    warnings = [(i.cell, i.severity) for i in plan.issues]
    assert warnings == [("Aktivitetsplan!T16", "warning")]  # «kanskje»: no decision read


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["original", "xlsx", "ods"])
def test_the_goal_sheet_survives_libreoffice(resaved, fmt):
    path = resaved[fmt][1]
    (plan,) = read_plans(path).plans
    assert plan.goal == expected_goal(path)
    assert plan.issues == []


# --- (c) plans made before the method ------------------------------------------------------


@pytest.mark.parametrize("case", sorted(CASES.glob("*.xlsx")), ids=lambda p: p.stem)
def test_old_plans_have_no_side_fields_and_no_method_columns(case):
    result = read_plans(case, Settings(language="en" if case.stem == "english" else "nb"))
    assert result.plans
    for plan in result.plans:
        assert "readiness" not in plan.campaign and "response_hours" not in plan.campaign
        assert plan.columns and not plan.columns & set(METHOD_COLUMNS)
        assert plan.goal is None
