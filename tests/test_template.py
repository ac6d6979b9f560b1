"""`aktplan mal aktivitetsplan`: the blank activity-plan workbook, read back with openpyxl.

The workbooks are written through the CLI (click's CliRunner) with the options a
user would pass, then inspected as Excel would see them: sheets, the campaign
block, the `Aktiviteter` table, number formats, dropdowns, date validation,
conditional formats, view and print settings, and the raw XML where openpyxl
could hide a formula.
"""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils import column_index_from_string, get_column_letter

from aktivitetsplan.cli import cli
from aktivitetsplan.i18n import t
from aktivitetsplan.plan.schema import COLUMNS, PHASE_COLOURS, PHASE_LABELS, PHASES
from aktivitetsplan.settings import DEFAULT_CHANNELS, Settings

NB_HEADERS = [
    "ID",
    "Aktivitet",
    "Beskrivelse",
    "Type",
    "Kanal",
    "Ansvarlig",
    "Utfører",
    "Start",
    "Frist",
    "Status",
    "Timer",
    "Budsjett (kr)",
    "Kostnad (kr)",
    "KPI",
    "Måltall",
    "Resultat",
    "Kommentar",
    "Gjentas",
    "Hypotese",
    "Beslutning",
    "Digital hale",
]
EN_HEADERS = [
    "ID",
    "Activity",
    "Description",
    "Type",
    "Channel",
    "Owner",
    "Assignee",
    "Start",
    "Deadline",
    "Status",
    "Hours",
    "Budget (kr)",
    "Cost (kr)",
    "KPI",
    "Target",
    "Result",
    "Comment",
    "Repeats",
    "Hypothesis",
    "Decision",
    "Digital tail",
]
NB_LABELS = [
    "Kampanje",
    "Mål",
    "KPI",
    "Måltall",
    "Målgruppe",
    "Budsjett",
    "Start",
    "Slutt",
    "Ansvarlig",
]
EN_LABELS = ["Campaign", "Goal", "KPI", "Target", "Audience", "Budget", "Start", "End", "Owner"]
FIRST, LAST = 14, 213  # the table's data rows, under the header on row 13
INJECTION = '=HYPERLINK("http://x","klikk")'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def col(key: str) -> str:
    """The column letter of activity column `key` in the template."""
    return get_column_letter([c.key for c in COLUMNS].index(key) + 1)


def data_range(key: str) -> str:
    return f"{col(key)}{FIRST}:{col(key)}{LAST}"


def make(tmp: Path, name: str, *args: str) -> Path:
    """Run `aktplan mal aktivitetsplan -o tmp/name ARGS` and return the file."""
    out = tmp / name
    result = CliRunner().invoke(cli, ["mal", "aktivitetsplan", "-o", str(out), *args])
    assert result.exit_code == 0, (result.output, result.stderr, result.exception)
    assert result.stderr == ""
    return out


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("mal")


@pytest.fixture(scope="module")
def nb_path(folder: Path) -> Path:
    return make(
        folder,
        "plan.xlsx",
        "--kampanje",
        INJECTION,
        "--start",
        "01.03.2026",
        "--slutt",
        "2026-06-30",
        "--budsjett",
        "250 000 kr",
    )


@pytest.fixture(scope="module")
def nb(nb_path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(nb_path)


@pytest.fixture(scope="module")
def en(folder: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(make(folder, "plan-en.xlsx", "--språk", "en"))


@pytest.fixture(scope="module")
def blank(folder: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(make(folder, "blank.xlsx"))


def validations(ws) -> dict[str, object]:
    """Data validations by their cell range (`D14:D213`)."""
    found = {}
    for dv in ws.data_validations.dataValidation:
        for rng in str(dv.sqref).split():
            assert rng not in found, f"two validations on {rng}"
            found[rng] = dv
    return found


def cf_rules(ws) -> list[tuple[str, object]]:
    return [
        (str(rng.sqref), rule)
        for rng, rules in ws.conditional_formatting._cf_rules.items()
        for rule in rules
    ]


def width_of(ws, letter: str) -> float | None:
    index = column_index_from_string(letter)
    for dim in ws.column_dimensions.values():
        if dim.min and dim.max and dim.min <= index <= dim.max:
            return dim.width
    return None


def column_values(ws, letter: str) -> list[str]:
    """The header and the non-empty values under it in one column of the lists sheet."""
    values = [ws[f"{letter}{row}"].value for row in range(1, ws.max_row + 1)]
    return [v for v in values if v is not None]


def resolve_list(wb, name: str) -> tuple[str, list[str]]:
    """Follow a defined name to its column on the lists sheet: (header, values)."""
    target = wb.defined_names[name].attr_text
    match = re.fullmatch(r"'?(.+?)'?!\$([A-Z]+)\$2:\$\2\$(\d+)", target)
    assert match, f"{name} → {target}: not one column from row 2"
    sheet, letter, last = match.groups()
    assert int(last) >= 201, f"{name} leaves no room to grow: {target}"
    ws = wb[sheet]
    values = column_values(ws, letter)
    return values[0], values[1:]


# --- sheets -----------------------------------------------------------------------------


def test_sheets_in_order_all_visible_plan_first(nb, en):
    assert nb.sheetnames == ["Aktivitetsplan", "Lister", "Veiledning", "Konkurrenter"]
    assert en.sheetnames == ["Activity plan", "Lists", "Guide", "Competitors"]
    for wb in (nb, en):
        assert [ws.sheet_state for ws in wb.worksheets] == ["visible"] * 4
        assert wb.active.title == wb.sheetnames[0]


# --- the campaign block ---------------------------------------------------------------------


def test_campaign_labels_in_a3_to_a11(nb, en):
    assert [nb["Aktivitetsplan"][f"A{r}"].value for r in range(3, 12)] == NB_LABELS
    assert [en["Activity plan"][f"A{r}"].value for r in range(3, 12)] == EN_LABELS


def test_campaign_values_prefilled_from_options(nb):
    ws = nb["Aktivitetsplan"]
    values = {label: ws[f"B{r}"] for r, label in enumerate(NB_LABELS, start=3)}
    assert values["Kampanje"].value == INJECTION
    assert values["Budsjett"].value == 250_000
    assert values["Budsjett"].number_format == '#,##0 "kr"'
    assert values["Start"].value == datetime(2026, 3, 1)
    assert values["Slutt"].value == datetime(2026, 6, 30)
    for label in ("Start", "Slutt"):
        assert values[label].number_format == "dd.mm.yyyy"
    for label in ("Mål", "KPI", "Måltall", "Målgruppe", "Ansvarlig"):
        assert values[label].value is None, label


def test_campaign_values_blank_without_options(blank):
    ws = blank["Aktivitetsplan"]
    assert [ws[f"B{r}"].value for r in range(3, 12)] == [None] * 9
    # the empty value cells are still formatted for what belongs in them
    assert ws["B8"].number_format == '#,##0 "kr"'
    assert ws["B9"].number_format == ws["B10"].number_format == "dd.mm.yyyy"


def test_campaign_name_that_looks_like_a_formula_stays_text(nb, nb_path):
    cell = nb["Aktivitetsplan"]["B3"]
    assert cell.value == INJECTION
    assert cell.data_type == "s"
    # openpyxl could hide a formula behind a cached value: look at the XML itself
    with zipfile.ZipFile(nb_path) as archive:
        sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
        strings = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
        rels = [n for n in archive.namelist() if n.startswith("xl/worksheets/_rels/")]
        links = "".join(archive.read(n).decode() for n in rels)
    [b3] = sheet.findall(f".//{{{MAIN}}}c[@r='B3']")
    assert b3.find(f"{{{MAIN}}}f") is None
    assert sheet.findall(f".//{{{MAIN}}}f") == []  # no formula anywhere on the sheet
    assert b3.get("t") == "s"
    shared = strings.findall(f"{{{MAIN}}}si")[int(b3.find(f"{{{MAIN}}}v").text)]
    assert "".join(shared.itertext()) == INJECTION
    assert sheet.find(f"{{{MAIN}}}hyperlinks") is None
    assert "hyperlink" not in links


@pytest.mark.parametrize(
    "name",
    ["+SUM(1,2)", "-2+3", "@SUM(A1)", "http://example.com", "0123", "1e5", "  mellomrom  "],
)
def test_campaign_name_is_never_a_formula_link_or_number(tmp_path, name):
    path = make(tmp_path, "plan.xlsx", "--kampanje", name)
    cell = openpyxl.load_workbook(path)["Aktivitetsplan"]["B3"]
    assert cell.value == name
    assert cell.data_type == "s"
    assert cell.hyperlink is None


# --- the activity table -----------------------------------------------------------------------


def test_table_aktiviteter_with_design_columns_in_order(nb, en):
    for wb, headers in ((nb, NB_HEADERS), (en, EN_HEADERS)):
        ws = wb.worksheets[0]
        assert list(ws.tables) == ["Aktiviteter"]
        table = ws.tables["Aktiviteter"]
        assert table.ref == "A13:U213"
        assert [c.name for c in table.tableColumns] == headers
        assert [c.value for c in ws[13]] == headers
        assert table.headerRowCount in (None, 1)
        assert not table.totalsRowCount


def test_table_has_room_for_200_activities_all_empty(blank):
    ws = blank["Aktivitetsplan"]
    first, last = re.fullmatch(r"A(\d+):U(\d+)", ws.tables["Aktiviteter"].ref).groups()
    assert int(last) - int(first) >= 200
    assert all(c.value is None for row in ws.iter_rows(min_row=14, max_row=213) for c in row)


@pytest.mark.parametrize(
    ("key", "number_format"),
    [
        ("start", "dd.mm.yyyy"),
        ("deadline", "dd.mm.yyyy"),
        ("budget", '#,##0 "kr"'),
        ("cost", '#,##0 "kr"'),
    ],
)
def test_data_cells_are_preformatted(blank, nb, key, number_format):
    for wb in (blank, nb):
        ws = wb["Aktivitetsplan"]
        formats = {ws[f"{col(key)}{row}"].number_format for row in range(FIRST, LAST + 1)}
        assert formats == {number_format}, f"{key}: {formats}"
        # the table column carries the same format for rows Excel adds below the table
        table = ws.tables["Aktiviteter"]
        column = table.tableColumns[[c.key for c in COLUMNS].index(key)]
        dxf = wb._differential_styles[column.dataDxfId]
        assert dxf.numFmt is not None and dxf.numFmt.formatCode == number_format


def test_money_format_follows_configured_currency(tmp_path):
    (tmp_path / "valuta.toml").write_text('valuta = "NOK"\n', encoding="utf-8")
    path = make(tmp_path, "plan.xlsx", "--config", str(tmp_path / "valuta.toml"))
    ws = openpyxl.load_workbook(path)["Aktivitetsplan"]
    assert ws[f"{col('budget')}13"].value == "Budsjett (NOK)"
    assert ws[f"{col('cost')}13"].value == "Kostnad (NOK)"
    assert ws[f"{col('cost')}{FIRST}"].number_format == '#,##0 "NOK"'
    assert ws["B8"].number_format == '#,##0 "NOK"'


# --- dropdowns and validation ----------------------------------------------------------------


DROPDOWNS = {
    "type": "Liste_Type",
    "channel": "Liste_Kanal",
    "responsible": "Liste_Person",
    "executor": "Liste_Person",
    "status": "Liste_Status",
}


@pytest.mark.parametrize(("key", "name"), DROPDOWNS.items())
def test_dropdown_sourced_from_defined_name(nb, en, key, name):
    for wb in (nb, en):
        dv = validations(wb.worksheets[0])[data_range(key)]
        assert dv.type == "list"
        assert dv.formula1 == name
        assert dv.showDropDown in (None, False)  # False means: show the arrow
        assert dv.allow_blank


def test_defined_names_point_at_columns_on_visible_lists_sheet(nb, en):
    for wb, sheet in ((nb, "Lister"), (en, "Lists")):
        for name in sorted(set(DROPDOWNS.values())):
            target = wb.defined_names[name].attr_text
            assert target.split("!")[0].strip("'") == sheet
        assert wb[sheet].sheet_state == "visible"
        letters = {wb.defined_names[n].attr_text.split("!")[1] for n in set(DROPDOWNS.values())}
        assert len(letters) == 4, "each list has its own column"


def test_lists_hold_the_default_values(nb, en):
    assert resolve_list(nb, "Liste_Type") == ("Type", ["Program", "Kampanje", "Eksperiment"])
    assert resolve_list(nb, "Liste_Status") == (
        "Status",
        ["Å gjøre", "I produksjon", "I distribusjon", "Avlyst"],
    )
    assert resolve_list(nb, "Liste_Kanal") == ("Kanal", list(DEFAULT_CHANNELS["nb"]))
    assert resolve_list(nb, "Liste_Kanal")[1][:3] == ["Nettside", "Blogg", "SEO"]
    assert resolve_list(nb, "Liste_Person") == ("Personer", [])
    assert resolve_list(en, "Liste_Type") == ("Type", ["Program", "Campaign", "Experiment"])
    assert resolve_list(en, "Liste_Status") == (
        "Status",
        ["To do", "In production", "Distributed", "Cancelled"],
    )
    assert resolve_list(en, "Liste_Person") == ("People", [])
    # English workbooks get English channels, not the Norwegian ones
    english = resolve_list(en, "Liste_Kanal")
    assert english == (english[0], list(DEFAULT_CHANNELS["en"]))
    assert english[1][:3] == ["Website", "Blog", "SEO"] and "Newsletter" in english[1]
    assert not {"Nettside", "Nyhetsbrev", "E-post", "Arrangement"} & set(english[1])


@pytest.mark.parametrize("key", ["start", "deadline"])
def test_date_validation_with_norwegian_messages(nb, key):
    dv = validations(nb["Aktivitetsplan"])[data_range(key)]
    assert dv.type == "date"
    assert dv.operator in (None, "between")
    assert (int(dv.formula1), int(dv.formula2)) == (36526, 73415)  # 01.01.2000–31.12.2100
    assert dv.showInputMessage and dv.showErrorMessage
    assert dv.promptTitle == "Dato"
    assert dv.prompt == t(f"col.{key}.hint", "nb")
    assert "f.eks. 15.03.2026" in dv.prompt or "f.eks. 01.03.2026" in dv.prompt
    assert dv.error == "Skriv en gyldig dato mellom 2000 og 2100, f.eks. 15.03.2026."
    assert dv.errorStyle in (None, "stop")


def test_date_validation_in_english_workbook_is_english(en):
    dv = validations(en.worksheets[0])[data_range("deadline")]
    assert dv.type == "date"
    assert dv.error == t("dv.date.error", "en")
    assert dv.error != t("dv.date.error", "nb")


def test_campaign_block_validations(nb):
    found = validations(nb["Aktivitetsplan"])
    assert found["B9"].type == found["B10"].type == "date"
    assert found["B8"].type == "decimal"
    assert (found["B11"].type, found["B11"].formula1) == ("list", "Liste_Person")


# --- conditional formats ---------------------------------------------------------------------


def fill_colour(rule) -> str:
    fill = rule.dxf.fill
    colour = fill.bgColor.rgb if fill.bgColor is not None and fill.bgColor.rgb else None
    return (colour or fill.fgColor.rgb)[-6:].upper()


def status_rules(ws) -> list:
    return [rule for rng, rule in cf_rules(ws) if rng == data_range("status")]


def test_one_colour_per_status_phase(nb, en):
    for wb, lang in ((nb, "nb"), (en, "en")):
        rules = status_rules(wb.worksheets[0])
        assert len(rules) == 4
        for phase, rule in zip(PHASES, rules, strict=True):
            assert rule.type == "expression"
            label = PHASE_LABELS[lang][phase]
            assert f'${col("status")}{FIRST}="{label}"' in rule.formula[0], (phase, rule.formula)
            assert fill_colour(rule) == PHASE_COLOURS[phase].lstrip("#").upper()
        assert len({fill_colour(r) for r in rules}) == 4


def test_overdue_rows_in_red(nb):
    ws = nb["Aktivitetsplan"]
    [(rng, rule)] = [(rng, r) for rng, r in cf_rules(ws) if "TODAY()" in r.formula[0]]
    assert rng == f"A{FIRST}:U{LAST}"  # the whole row
    formula = rule.formula[0]
    deadline, status = f"${col('deadline')}{FIRST}", f"${col('status')}{FIRST}"
    assert f"{deadline}<TODAY()" in formula
    finished = re.search(r"NOT\((.*)\)\)?$", formula)
    assert finished, formula
    for label in ("I distribusjon", "Avlyst", "Distributed", "Cancelled", "ferdig"):
        assert f'{status}="{label}"' in finished.group(1)
    for label in ("Å gjøre", "I produksjon"):
        assert f'"{label}"' not in formula
    assert rule.dxf.font.color.rgb[-6:].upper() == "C00000"


def test_cost_above_budget_flagged(nb):
    ws = nb["Aktivitetsplan"]
    [rule] = [r for rng, r in cf_rules(ws) if rng == data_range("cost")]
    cost, budget = f"${col('cost')}{FIRST}", f"${col('budget')}{FIRST}"
    assert f"{cost}>{budget}" in rule.formula[0]
    assert f"ISNUMBER({budget})" in rule.formula[0]
    assert fill_colour(rule) == "FFC7CE"


def test_configured_statuses_take_their_phase_colour(tmp_path):
    config = tmp_path / "aktplan.toml"
    config.write_text(
        '[statuser]\n"Venter på kunde" = "I produksjon"\n"Publisert på nett" = "distributed"\n',
        encoding="utf-8",
    )
    wb = openpyxl.load_workbook(make(tmp_path, "plan.xlsx", "--config", str(config)))
    ws = wb["Aktivitetsplan"]
    todo, production, distributed, _cancelled = status_rules(ws)
    assert '"Venter på kunde"' in production.formula[0]
    assert '"Venter på kunde"' not in todo.formula[0]
    assert '"Publisert på nett"' in distributed.formula[0]
    [overdue] = [r for _rng, r in cf_rules(ws) if "TODAY()" in r.formula[0]]
    assert '"Publisert på nett"' in overdue.formula[0]
    assert '"Venter på kunde"' not in overdue.formula[0]
    assert resolve_list(wb, "Liste_Status")[1] == [
        "Å gjøre",
        "I produksjon",
        "I distribusjon",
        "Avlyst",
        "Venter på kunde",
        "Publisert på nett",
    ]


# --- view and print ------------------------------------------------------------------------------


def test_header_frozen_and_autofilter(nb):
    ws = nb["Aktivitetsplan"]
    match = re.fullmatch(r"([A-Z]+)(\d+)", ws.freeze_panes or "")
    assert match and int(match.group(2)) == FIRST, ws.freeze_panes
    assert ws.tables["Aktiviteter"].autoFilter.ref == "A13:U213"


def test_column_widths(nb):
    ws = nb["Aktivitetsplan"]
    widths = {c.key: width_of(ws, col(c.key)) for c in COLUMNS}
    assert all(w is not None and w >= 6 for w in widths.values()), widths
    # The widest are the ones people write sentences in (they wrap besides).
    widest = sorted(widths, key=widths.get, reverse=True)[:3]
    assert widest == ["activity", "comment", "hypothesis"], widths
    assert widths["activity"] > widths["id"]
    assert widths["start"] >= 11 and widths["deadline"] >= 11  # room for 15.03.2026
    # All 21 on one A4 landscape page at a legible scale (test_print_templates.py):
    # XlsxWriter stores a width as (7 w + 5) / 7 characters, LibreOffice fits them at 66 %.
    assert sum(round(w - 5 / 7) for w in widths.values()) <= 216, widths


def test_print_setup(nb):
    ws = nb["Aktivitetsplan"]
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1)  # absent means 1
    assert ws.page_setup.fitToHeight == 0  # as many pages down as needed
    assert ws.print_title_rows == "$13:$13"
    assert ws.print_area == "'Aktivitetsplan'!$A$1:$U$213"  # every row of the table
    assert ws.page_setup.paperSize == 9  # A4


def test_every_sheet_prints_on_a4_landscape_with_sheet_name_and_page(nb, en):
    for wb in (nb, en):
        for ws in wb.worksheets:
            assert ws.page_setup.orientation == "landscape", ws.title
            assert ws.page_setup.paperSize == 9, ws.title
            assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
            assert ws.page_setup.fitToWidth in (None, 1), ws.title
            # No `&D`: a blank template has no date, and Excel and LibreOffice print
            # `&D` in the viewer's locale (11/30/2026).
            assert "&D" not in str(ws.oddHeader.right.text or ""), ws.title
            assert ws.oddFooter.left.text == "&A", ws.title
            assert "&P / &N" in ws.oddFooter.right.text, ws.title
    assert nb["Lister"].page_setup.fitToHeight in (None, 1)  # one page
    assert nb["Veiledning"].page_setup.fitToHeight == 0


def test_guide_rows_are_as_tall_as_their_wrapped_text(nb):
    """LibreOffice does not grow a wrapped row: a long paragraph gets its height here."""
    ws = nb["Veiledning"]
    long_rows = [
        row for row in range(1, ws.max_row + 1) if len(str(ws.cell(row, 1).value or "")) > 125
    ]
    assert long_rows  # section 7's first paragraph
    for row in long_rows:
        assert ws.row_dimensions[row].height >= 30, row


# --- the other sheets ----------------------------------------------------------------------


def sheet_text(ws) -> str:
    return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)


def test_guide_explains_method_and_report(nb):
    text = sheet_text(nb["Veiledning"])
    for phrase in (
        "Å gjøre",
        "I produksjon",
        "I distribusjon",
        "Program",
        "Kampanje",
        "Eksperiment",
        "Én plan per kampanje",
        "aktplan rapport plan.xlsx",
    ):
        assert phrase in text, phrase
    assert re.search(r"tre faser", text, re.IGNORECASE)


def test_guide_in_english(en):
    text = sheet_text(en["Guide"])
    for phrase in ("Program", "Campaign", "Experiment", "aktplan rapport", "In production"):
        assert phrase in text, phrase
    assert "Slik bruker du" not in text


def test_competitor_table(nb, en):
    for wb, sheet, headers in (
        (
            nb,
            "Konkurrenter",
            ["Konkurrent", "Kanal", "Hva de gjør", "Styrke", "Hvordan vi skiller oss ut"],
        ),
        (en, "Competitors", ["Competitor", "Channel", "What they do", "Strength", "How we differ"]),
    ):
        ws = wb[sheet]
        [table] = ws.tables.values()
        assert [c.name for c in table.tableColumns] == headers
        first = re.fullmatch(r"A(\d+):E(\d+)", table.ref)
        assert first and int(first.group(2)) - int(first.group(1)) >= 10


# --- English -----------------------------------------------------------------------------


def test_english_workbook_has_no_norwegian_labels(en):
    ws = en["Activity plan"]
    assert ws["A1"].value == t("plan.title", "en")
    texts = set()
    for sheet in ("Activity plan", "Lists", "Competitors"):
        texts |= {c.value for row in en[sheet].iter_rows() for c in row if isinstance(c.value, str)}
    for norwegian in (*NB_LABELS[:2], "Aktivitet", "Frist", "Å gjøre", "I produksjon", "Personer"):
        assert norwegian not in texts, norwegian


# --- the template reads back as an empty plan ---------------------------------------------------


def test_reader_finds_the_prefilled_campaign_and_no_activities(nb_path):
    from aktivitetsplan.read.reader import read_plans

    result = read_plans([nb_path], Settings())
    assert result.unreadable == []
    [plan] = result.plans
    assert plan.sheet == "Aktivitetsplan"
    assert plan.header_row == 13
    assert plan.campaign["name"] == INJECTION
    assert plan.campaign["budget"] == 250_000
    assert len(plan.activities) == 0
    assert [i for i in plan.issues if i.severity == "error"] == []


# --- colours: every one named once, in plan/palette.py ------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
# A colour typed as a string: "#1F3864", '#fff' (not "issue #139" in a comment).
TYPED_COLOUR = re.compile(r"(?<=[\"'])#(?:[0-9A-Fa-f]{3}){1,2}(?=[\"'])")
# Still types its own colours; its owner moves them to palette.py (then drop it here).
NOT_YET_ON_THE_PALETTE: set[str] = set()


def test_every_colour_is_named_once_in_the_palette():
    text = (ROOT / "aktivitetsplan" / "plan" / "palette.py").read_text(encoding="utf-8")
    values = TYPED_COLOUR.findall(text)
    assert values and all(v == v.upper() and len(v) == 7 for v in values)
    assert sorted(v for v in set(values) if values.count(v) > 1) == []


def test_no_module_but_the_palette_types_a_colour():
    package = ROOT / "aktivitetsplan"
    typed = {}
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package).as_posix()
        if name != "plan/palette.py" and name not in NOT_YET_ON_THE_PALETTE:
            found = TYPED_COLOUR.findall(path.read_text(encoding="utf-8"))
            if found:
                typed[name] = found
    assert typed == {}, "name these colours in aktivitetsplan/plan/palette.py"


def test_the_report_css_mirrors_the_palette():
    """CSS cannot import Python: report.css repeats palette values, and only those."""
    from aktivitetsplan.plan import palette

    named = {v for v in vars(palette).values() if isinstance(v, str) and v.startswith("#")}
    css = (ROOT / "templates" / "report.css").read_text(encoding="utf-8")
    used = {v.upper() for v in re.findall(r"#[0-9A-Fa-f]{6}\b", css)}
    assert used and used <= named, sorted(used - named)
