"""The report with history (issue 14): «Siden forrige rapport» and the trend in every format.

The report is the `portfolio` fixture's (report date 2026-03-31, month 2026-03) with the
history parts set from its own activities (`dataclasses.replace`), so every figure the
formats must show is known here: one activity finished, two added, one removed (whose
texts try to become markup, a link or a formula), two deadlines moved by 14 and 19 days,
two newly overdue, 45 000 kr spent in the period, one budget and one result changed,
and three months of trend. Each format is read back as a person's tools would (the
terminal's tables split into columns, the HTML parsed into a tree, the Markdown tables
split into cells, the workbook opened with openpyxl) and compared with the model. The
same portfolio read on two dates through `build_report(history=…)` checks the formats
against the JSON the compute layer wrote. A report made without history is unchanged.
"""

from __future__ import annotations

import dataclasses
import json
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import fill_plan
from markdown_it import MarkdownIt
from test_consistency import check_same_sentences, html_cells, text_headline, text_table
from test_report_formats import (
    FORMULA,
    SCRIPT,
    chart_kinds,
    make_report,
    md_tables,
    nb,
    parse_html,
    section,
    table_records,
    table_rows,
)

from aktivitetsplan import build_report, read_plans
from aktivitetsplan.compute import model
from aktivitetsplan.compute.changes import HistoryInput, PastPlans
from aktivitetsplan.compute.trend import PastFigures, snapshot_figures
from aktivitetsplan.formats.changes import render_changes
from aktivitetsplan.formats.html import render_html
from aktivitetsplan.formats.markdown import render_markdown
from aktivitetsplan.formats.report import render_json
from aktivitetsplan.formats.text import render_text
from aktivitetsplan.settings import Settings
from aktivitetsplan.view.report import ReportView
from aktivitetsplan.workbooks.report_xlsx import write_changes_xlsx, write_report_xlsx

SINCE = date(2026, 2, 28)
OLD_DEADLINE = date(2026, 3, 1)
HOSTILE_CAMPAIGN = "<b>Kampanje</b>"


def as_task(item: model.Task) -> model.Task:
    """A report's task item as a plain `Task` (its list's extra fields dropped)."""
    return model.Task(**{f.name: getattr(item, f.name) for f in dataclasses.fields(model.Task)})


def moved(item: model.Task) -> model.MovedTask:
    fields = {f.name: getattr(item, f.name) for f in dataclasses.fields(model.Task)}
    days = (item.deadline - OLD_DEADLINE).days
    return model.MovedTask(**fields, old_deadline=OLD_DEADLINE, days_moved=days)


def with_history(report: model.Report, *, trend_months: int = 3) -> model.Report:
    """The report with known changes since 28.02.2026 and `trend_months` months of trend."""
    overdue = report.overdue  # Stand (16 days late, Høstmesse), LinkedIn-annonser (11)
    removed = dataclasses.replace(
        as_task(report.upcoming[0]),
        activity=SCRIPT,
        responsible="Kari | Ola",
        campaign=HOSTILE_CAMPAIGN,
        id="X9",
        deadline=date(2026, 2, 20),
    )
    shifts = sorted((moved(item) for item in overdue), key=lambda m: -abs(m.days_moved))
    changes = model.Changes(
        since=SINCE,
        finished=[as_task(overdue[0])],
        started=[],
        cancelled=[],
        added=[as_task(item) for item in report.upcoming],
        removed=[removed],
        moved=shifts,
        slip_days=sum(m.days_moved for m in shifts),
        became_overdue=list(overdue),
        spent=45_000.0,
        budgets=[
            model.BudgetChange("host.xlsx", "Aktivitetsplan", FORMULA, 90_000, 100_000, 10_000)
        ],
        results=[
            model.ResultChange(
                "vaar.xlsx", "Aktivitetsplan", "Vårkampanje", "Leads", 100, 20, 42, 22, 42.0
            )
        ],
    )
    budget = report.budget
    points = [
        model.TrendPoint("2026-01", date(2026, 1, 31), 0, 0, 5.0, None, 5_000, False),
        model.TrendPoint("2026-02", SINCE, 1, 1, 20.0, 0.0, 61_500, False),
        model.TrendPoint(
            "2026-03",
            report.date,
            report.status["distributed"],
            len(report.overdue),
            budget.burn_pct,
            budget.elapsed_pct,
            budget.spent,
            True,
        ),
    ]
    return dataclasses.replace(report, changes=changes, trend=points[-trend_months:])


def first_report(report: model.Report) -> model.Report:
    """History on, but no earlier snapshot: the section is one line, the trend one month."""
    changes = model.Changes(None, [], [], [], [], [], [], 0, [], None, [], [])
    return dataclasses.replace(with_history(report, trend_months=1), changes=changes, snapshot=None)


@pytest.fixture
def plain(portfolio: Path) -> model.Report:
    return make_report(portfolio)


@pytest.fixture
def report(plain: model.Report) -> model.Report:
    return with_history(plain)


def text_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def rows_after(text: str, line: str) -> list[list[str]]:
    """The rows of the title-less table right under `line` (the section's lead)."""
    lines = text.splitlines()
    start = next(i for i, shown in enumerate(lines) if shown.strip() == line)
    rows = []
    for shown in lines[start + 2 :]:  # the lead, then the box's blank top line
        if not shown.strip():
            break
        rows.append(re.split(r"\s{2,}", shown.strip()))
    return rows


# --- the headline ---------------------------------------------------------------------------


def test_headline_says_how_far_deadlines_moved(report):
    sentences = ReportView(report).headline
    slip = "2 frister er flyttet siden 28.02., til sammen 33 dager."
    assert slip in sentences
    # after what is late, before the goal: the order a director asks in
    assert sentences.index(slip) == 3
    assert sentences[2].startswith("2 aktiviteter er forsinket")
    english = with_history(make_report_like(report, "en"))
    assert (
        "2 deadlines have moved since 28.02., 33 days later in all." in ReportView(english).headline
    )


def make_report_like(report: model.Report, language: str) -> model.Report:
    return dataclasses.replace(report, settings=report.settings.but(language=language))


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ([14], "1 frist er flyttet siden 28.02., 14 dager senere."),
        ([1], "1 frist er flyttet siden 28.02., 1 dag senere."),
        ([-3], "1 frist er flyttet siden 28.02., 3 dager tidligere."),
        ([5, -9], "2 frister er flyttet siden 28.02., til sammen 4 dager tidligere."),
        ([5, -5], "2 frister er flyttet siden 28.02., like mye fram som tilbake."),
        ([], None),
    ],
)
def test_slip_sentence_singular_and_direction(report, days, expected):
    items = [dataclasses.replace(report.changes.moved[0], days_moved=d) for d in days]
    changes = dataclasses.replace(report.changes, moved=items, slip_days=sum(days))
    sentences = ReportView(dataclasses.replace(report, changes=changes)).headline
    slips = [s for s in sentences if "frist" in s and "flyttet" in s]
    assert slips == ([expected] if expected else [])


def test_no_slip_sentence_without_an_earlier_snapshot(plain):
    assert not [s for s in ReportView(first_report(plain)).headline if "flyttet" in s]


# --- text --------------------------------------------------------------------------------------


def test_text_shows_the_changes_and_the_trend(report):
    text = render_text(report, width=200, color=False)
    lines = text_lines(text)
    assert "Siden forrige rapport" in lines
    lead = "Sammenlignet med planene slik de var 28.02.2026."
    assert lead in lines
    figures = {row[0]: row[1:] for row in rows_after(text, lead)}
    assert figures == {
        "Ferdige": ["1", "nå i distribusjon"],
        "Startet": ["0", "nå i produksjon"],
        "Avlyst": ["0", "nå avlyst"],
        "Nye aktiviteter": ["2", "ikke i planene da"],
        "Fjernet fra planene": ["1", "ikke i planene nå"],
        "Nye forsinkelser": ["2", "forsinket nå, ikke da"],
        "Flyttede frister": ["2", "til sammen +33 dager"],
        "Brukt i perioden": [nb("45 000 kr"), "fra 28.02.2026 til 31.03.2026"],
    }
    _, finished = text_table(text, "Ferdige (1)")
    assert finished == [["Stand", "Ingrid", "15.03.2026", "I produksjon", "Høstmesse"]]
    _, added = text_table(text, "Nye aktiviteter (2)")
    assert [row[0] for row in added] == ["Nyhetsbrev", "Invitasjoner"]
    _, removed = text_table(text, "Fjernet fra planene (1)")
    assert removed == [[SCRIPT, "Kari | Ola", "20.02.2026", "Å gjøre", HOSTILE_CAMPAIGN]]
    head, late = text_table(text, "Nye forsinkelser (2)")
    assert head[0] == "Dager over" and [row[:2] for row in late] == [
        ["16", "Stand"],
        ["11", "LinkedIn-annonser"],
    ]
    assert "2 frister er flyttet siden 28.02., til sammen 33 dager." in lines
    head, shifts = text_table(text, "Flyttede frister (2)")
    assert head == [
        "Aktivitet",
        "Ansvarlig",
        "Forrige frist",
        "Ny frist",
        "Dager flyttet",
        "Kampanje",
    ]
    assert shifts == [
        ["LinkedIn-annonser", "Ola", "01.03.2026", "20.03.2026", "+19", "Vårkampanje"],
        ["Stand", "Ingrid", "01.03.2026", "15.03.2026", "+14", "Høstmesse"],
    ]
    _, budgets = text_table(text, "Endret budsjett")
    assert budgets == [[FORMULA, nb("90 000 kr"), nb("100 000 kr"), nb("+10 000 kr")]]
    _, results = text_table(text, "Resultater mot målet")
    assert results == [["Vårkampanje", "Leads", "20", "42", "+22", "100", nb("42 %")]]
    head, months = text_table(text, "Utvikling måned for måned")
    assert head == ["Måned", "I distribusjon", "Forsinket", "Forbruk", "Tid gått", "Brukt"]
    assert months == [
        ["januar 2026", "0", "0", nb("5 %"), "–", nb("5 000 kr")],
        ["februar 2026", "1", "1", nb("20 %"), nb("0 %"), nb("61 500 kr")],
        ["mars 2026 (denne rapporten)", "2", "2", nb("36 %"), nb("42 %"), nb("106 500 kr")],
    ]
    # the section comes first, right under the headline: what a monthly reader asks first
    assert lines.index("Siden forrige rapport") < lines.index("Status per fase")


# --- HTML --------------------------------------------------------------------------------------


def test_html_shows_the_changes(report):
    doc = parse_html(render_html(report))
    part = section(doc, "endringer")
    assert part.find("h2").text() == "Siden forrige rapport"
    assert (
        part.find("p", class_="intro").text() == "Sammenlignet med planene slik de var 28.02.2026."
    )
    tiles = {t.attrs["data-key"]: t for t in part.find("ul", class_="tiles").find_all("li")}
    values = {key: tile.find("div", class_="value").text() for key, tile in tiles.items()}
    assert values == {
        "finished": "1",
        "started": "0",
        "cancelled": "0",
        "added": "2",
        "removed": "1",
        "became_overdue": "2",
        "moved": "2",
        "spent": nb("45 000 kr"),
    }
    assert "bad" in tiles["became_overdue"].attrs["class"].split()
    assert tiles["moved"].find("div", class_="note").text() == "til sammen +33 dager"
    groups = {g.attrs["data-group"]: g for g in part.find_all("div", class_="change-group")}
    assert list(groups) == [
        "finished",
        "added",
        "removed",
        "became_overdue",
        "moved",
        "budgets",
        "results",
    ]
    assert table_rows(groups["finished"].find("table")) == [
        ["Stand Høstmesse", "Ingrid", "15.03.2026", "I produksjon"]
    ]
    assert table_rows(groups["became_overdue"].find("table"))[0][:2] == ["16", "Stand Høstmesse"]
    assert groups["moved"].find("p").text() == (
        "2 frister er flyttet siden 28.02., til sammen 33 dager."
    )
    assert table_rows(groups["moved"].find("table")) == [
        ["LinkedIn-annonser Vårkampanje", "Ola", "01.03.2026", "20.03.2026", "+19"],
        ["Stand Høstmesse", "Ingrid", "01.03.2026", "15.03.2026", "+14"],
    ]
    assert table_rows(groups["budgets"].find("table")) == [
        [FORMULA, nb("90 000 kr"), nb("100 000 kr"), nb("+10 000 kr")]
    ]
    assert table_rows(groups["results"].find("table")) == [
        ["Vårkampanje", "Leads", "20", "42", "+22", "100", nb("42 %")]
    ]
    headline = [s.text() for s in doc.find("p", class_="headline").find_all("span")]
    assert "2 frister er flyttet siden 28.02., til sammen 33 dager." in headline


def polyline_points(svg) -> list[list[tuple[float, float]]]:
    return [
        [tuple(map(float, pair.split(","))) for pair in line.attrs["points"].split()]
        for line in svg.find_all("polyline")
    ]


def test_html_trend_as_line_charts(report):
    doc = parse_html(render_html(report))
    part = section(doc, "trend")
    assert part.find("h2").text() == "Utvikling måned for måned"
    assert [h.text() for h in part.find_all("h3")] == [
        "I distribusjon og forsinket",
        "Forbruk mot tid gått",
        "Brukt så langt",
    ]
    progress, burn, spent = part.find_all("svg", class_="line")
    months = len(report.trend)
    # one point per month in each line; January has no time elapsed, so that line is shorter
    assert [len(p) for p in polyline_points(progress)] == [months, months]
    assert [len(p) for p in polyline_points(burn)] == [months, months - 1]
    assert [len(p) for p in polyline_points(spent)] == [months]
    # left to right in month order, the spend rising (SVG's y grows downwards)
    (line,) = polyline_points(spent)
    assert [x for x, _ in line] == sorted(x for x, _ in line)
    assert [y for _, y in line] == sorted((y for _, y in line), reverse=True)
    tooltips = [t.text() for t in spent.find_all("title")]
    assert f"Brukt, mar 2026: {nb('106 500 kr')}" in tooltips
    assert [t.text() for t in progress.find_all("text") if t.text().endswith("2026")] == [
        "jan 2026",
        "feb 2026",
        "mar 2026",
    ]
    assert table_rows(part.find("table")) == [
        ["januar 2026", "0", "0", nb("5 %"), "–", nb("5 000 kr")],
        ["februar 2026", "1", "1", nb("20 %"), nb("0 %"), nb("61 500 kr")],
        ["mars 2026 (denne rapporten)", "2", "2", nb("36 %"), nb("42 %"), nb("106 500 kr")],
    ]
    assert part.find("tr", class_="current").find("td").text() == "mars 2026 (denne rapporten)"


def test_html_hostile_text_in_the_changes_stays_text(report):
    text = render_html(report)
    assert "<script" not in text.lower() and "<b>Kampanje</b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    doc = parse_html(text)
    assert not doc.find_all("script") and not doc.find_all("b") and not doc.find_all("a")
    removed = next(
        g
        for g in section(doc, "endringer").find_all("div", class_="change-group")
        if g.attrs["data-group"] == "removed"
    )
    assert table_rows(removed.find("table")) == [
        [f"{SCRIPT} {HOSTILE_CAMPAIGN}", "Kari | Ola", "20.02.2026", "Å gjøre"]
    ]


def test_text_and_html_say_the_same_sentences(report):
    for language in ("nb", "en"):
        shown = with_history(make_report_like(report, language))
        text = render_text(shown, width=400, color=False)
        doc = parse_html(render_html(shown))
        check_same_sentences(text, doc)  # the headline (with the slip), status, lists …
        lines = text_lines(text)
        view = ReportView(shown)
        part = section(doc, "endringer")
        assert part.find("h2").text() in lines
        lead = part.find("p", class_="intro").text()
        assert lead == view.changes.lead and lead in lines
        tiles = [
            [t.find("div", class_="label").text(), t.find("div", class_="value").text()]
            for t in part.find("ul", class_="tiles").find_all("li")
        ]
        assert tiles == [row[:2] for row in rows_after(text, lead)]
        for group in part.find_all("div", class_="change-group"):
            title = group.find("h3")
            heading = f"{title.children[0].strip()} ({title.find('span').text()})"
            if group.attrs["data-group"] in ("budgets", "results"):
                heading = title.children[0].strip()
            _, rows = text_table(text, heading)
            cells = html_cells(group.find("table"))
            key = group.attrs["data-group"]
            if key in ("budgets", "results"):
                assert rows == cells
            elif key == "moved":
                assert group.find("p").text() in lines  # the slip sentence
                assert [[f"{r[0]} {r[5]}", *r[1:5]] for r in rows] == cells
            elif key == "became_overdue":
                assert [[r[0], f"{r[1]} {r[5]}", *r[2:5]] for r in rows] == cells
            else:
                assert [[f"{r[0]} {r[4]}", *r[1:4]] for r in rows] == cells
        trend = section(doc, "trend")
        _, rows = text_table(text, trend.find("h2").text())
        assert rows == html_cells(trend.find("table"))
        assert trend.find("p", class_="note").text() in lines


# --- Markdown ----------------------------------------------------------------------------------


def test_markdown_shows_the_changes_and_the_trend(report):
    text = render_markdown(report)
    tables = md_tables(text)
    figures = {row["Nøkkeltall"]: row["Verdi"] for row in tables["Siden forrige rapport"]}
    assert figures["Ferdige"] == "1" and figures["Fjernet fra planene"] == "1"
    assert figures["Brukt i perioden"] == nb("45 000 kr")
    assert "Sammenlignet med planene slik de var 28.02.2026." in text.splitlines()
    assert [r["Aktivitet"] for r in tables["Nye aktiviteter (2)"]] == ["Nyhetsbrev", "Invitasjoner"]
    assert tables["Fjernet fra planene (1)"] == [
        {
            "Aktivitet": SCRIPT,
            "Ansvarlig": "Kari | Ola",
            "Frist": "20.02.2026",
            "Fase": "Å gjøre",
            "Kampanje": HOSTILE_CAMPAIGN,
        }
    ]
    assert [(r["Dager over"], r["Aktivitet"]) for r in tables["Nye forsinkelser (2)"]] == [
        ("16", "Stand"),
        ("11", "LinkedIn-annonser"),
    ]
    assert [
        (r["Forrige frist"], r["Ny frist"], r["Dager flyttet"])
        for r in tables["Flyttede frister (2)"]
    ] == [
        ("01.03.2026", "20.03.2026", "+19"),
        ("01.03.2026", "15.03.2026", "+14"),
    ]
    assert tables["Endret budsjett (1)"][0]["Kampanje"] == FORMULA
    assert tables["Resultater mot målet (1)"][0]["Økning"] == "+22"
    months = tables["Utvikling måned for måned"]
    assert [r["Måned"] for r in months] == [
        "januar 2026",
        "februar 2026",
        "mars 2026 (denne rapporten)",
    ]
    assert [r["Brukt"] for r in months] == [nb("5 000 kr"), nb("61 500 kr"), nb("106 500 kr")]

    html = MarkdownIt("commonmark").enable("table").render(text)
    doc = parse_html("<!DOCTYPE html><html><body>" + html + "</body></html>")
    assert not doc.find_all("script") and not doc.find_all("a") and not doc.find_all("b")
    cells = {td.text() for td in doc.find_all("td")}
    assert {SCRIPT, FORMULA, HOSTILE_CAMPAIGN, "Kari | Ola"} <= cells


# --- Excel -------------------------------------------------------------------------------------


def test_xlsx_changes_and_trend_sheets(report, tmp_path):
    path = write_report_xlsx(report, tmp_path / "rapport.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[:5] == [
        "Sammendrag",
        "Mål og metode",
        "Endringer",
        "Trend",
        "Måneden",
    ]
    summary = workbook["Sammendrag"]
    sentences = [summary.cell(row=r, column=1).value for r in range(5, 11)]
    assert "2 frister er flyttet siden 28.02., til sammen 33 dager." in sentences

    sheet = workbook["Endringer"]
    assert sheet["A1"].value == "Siden forrige rapport"
    assert sheet["A2"].value == "Sammenlignet med planene slik de var 28.02.2026."
    figures = {
        row[0].value: row[1]
        for row in sheet.iter_rows(min_row=5, max_row=12, max_col=2)
        if row[0].value
    }
    assert {k: c.value for k, c in figures.items()} == {
        "Ferdige": 1,
        "Startet": 0,
        "Avlyst": 0,
        "Nye aktiviteter": 2,
        "Fjernet fra planene": 1,
        "Nye forsinkelser": 2,
        "Flyttede frister": 2,
        "Brukt i perioden": 45_000,
    }
    assert figures["Brukt i perioden"].number_format == '#,##0 "kr"'
    assert set(sheet.tables) == {"Endringer", "Budsjettendringer", "Resultatendringer"}
    for table in sheet.tables.values():
        assert table.autoFilter is not None and table.autoFilter.ref == table.ref
    items = table_records(sheet, "Endringer")
    assert [(r["Gruppe"], r["Aktivitet"]) for r in items] == [
        ("Ferdige", "Stand"),
        ("Nye aktiviteter", "Nyhetsbrev"),
        ("Nye aktiviteter", "Invitasjoner"),
        ("Fjernet fra planene", SCRIPT),
        ("Nye forsinkelser", "Stand"),
        ("Nye forsinkelser", "LinkedIn-annonser"),
        ("Flyttede frister", "LinkedIn-annonser"),
        ("Flyttede frister", "Stand"),
    ]
    shifted = [r for r in items if r["Gruppe"] == "Flyttede frister"]
    assert [(r["Forrige frist"], r["Frist"], r["Dager flyttet"]) for r in shifted] == [
        (datetime(2026, 3, 1), datetime(2026, 3, 20), 19),
        (datetime(2026, 3, 1), datetime(2026, 3, 15), 14),
    ]
    assert [r["Dager over"] for r in items if r["Gruppe"] == "Nye forsinkelser"] == [16, 11]
    assert table_records(sheet, "Budsjettendringer") == [
        {"Kampanje": FORMULA, "Før": 90_000, "Nå": 100_000, "Endring": 10_000, "Fil": "host.xlsx"}
    ]
    (result,) = table_records(sheet, "Resultatendringer")
    assert (result["Før"], result["Nå"], result["Økning"], result["Måltall"]) == (20, 42, 22, 100)
    assert result["Andel"] == pytest.approx(0.42)

    trend = workbook["Trend"]
    months = table_records(trend, "Trend")
    assert [(r["Måned"], r["Kilde"]) for r in months] == [
        ("januar 2026", "Øyeblikksbilde"),
        ("februar 2026", "Øyeblikksbilde"),
        ("mars 2026", "Denne rapporten"),
    ]
    assert [r["Brukt"] for r in months] == [5_000, 61_500, 106_500]
    assert months[0]["Tid gått"] is None
    assert months[2]["Forbruk"] == pytest.approx(report.budget.burn_pct / 100)
    # three native line charts, each reading the months and its columns from the table
    lines = [name for name, kinds in chart_kinds(path).items() if kinds == ["lineChart"]]
    with zipfile.ZipFile(path) as archive:
        refs = [re.findall(r"<c:f>([^<]*)</c:f>", archive.read(n).decode()) for n in lines]
    assert [[r for r in chart if r.endswith("$7") and "$A$" not in r] for chart in refs] == [
        ["Trend!$D$5:$D$7", "Trend!$E$5:$E$7"],  # distributed, overdue
        ["Trend!$F$5:$F$7", "Trend!$G$5:$G$7"],  # burn, time elapsed
        ["Trend!$H$5:$H$7"],  # spent
    ]
    assert all("Trend!$A$5:$A$7" in chart for chart in refs)  # the months along the bottom


def test_xlsx_writes_the_changes_text_as_strings(report, tmp_path):
    path = write_report_xlsx(report, tmp_path / "rapport.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Endringer"]
    texts = [c for row in sheet.iter_rows() for c in row if c.value in (SCRIPT, FORMULA)]
    assert len(texts) == 2 and all(c.data_type == "s" for c in texts)


def test_write_changes_xlsx_holds_the_changes_sheet_alone(report, tmp_path):
    path = write_changes_xlsx(report, tmp_path / "endringer.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Endringer"]
    assert set(workbook["Endringer"].tables) == {
        "Endringer",
        "Budsjettendringer",
        "Resultatendringer",
    }


# --- no earlier snapshot: one line --------------------------------------------------------------

NONE_LINE = (
    "Ingen tidligere rapport å sammenligne med ennå: fra neste måned viser rapporten her "
    "hva som har endret seg."
)


def test_no_earlier_snapshot_is_one_line_in_every_format(plain, tmp_path):
    report = first_report(plain)
    text = render_text(report, width=200, color=False)
    lines = text_lines(text)
    title = lines.index("Siden forrige rapport")
    assert lines[title + 1] == NONE_LINE and lines[title + 2] == ""

    part = section(parse_html(render_html(report)), "endringer")
    assert [p.text() for p in part.find_all("p")] == [NONE_LINE]
    assert not part.find_all("table") and not part.find_all("ul")

    markdown = render_markdown(report)
    block = markdown.split("## Siden forrige rapport\n\n", 1)[1].split("\n\n", 1)[0]
    assert block == NONE_LINE

    path = write_report_xlsx(report, tmp_path / "rapport.xlsx")
    sheet = openpyxl.load_workbook(path)["Endringer"]
    assert [c.value for row in sheet.iter_rows() for c in row if c.value] == [
        "Siden forrige rapport",
        NONE_LINE,
    ]
    assert not sheet.tables

    # one month of trend: its row, and no line to draw yet
    doc = parse_html(render_html(report))
    trend = section(doc, "trend")
    assert not trend.find_all("svg")
    assert table_rows(trend.find("table"))[0][0] == "mars 2026 (denne rapporten)"
    assert "Since the last report" in render_text(
        make_report_like(report, "en"), width=200, color=False
    )


# --- the month's source ------------------------------------------------------------------------


def source_lines(report: model.Report, tmp_path: Path) -> list[str | None]:
    """The source note as the text, HTML, Markdown and Excel reports show it."""
    text = render_text(report, width=200, color=False).splitlines()
    doc = parse_html(render_html(report))
    found = doc.find_all("p", class_="source")
    markdown = [
        line[1:-1]
        for line in render_markdown(report).splitlines()
        if line.startswith("*Hist") or line.startswith("*Tall")
    ]
    sheet = openpyxl.load_workbook(write_report_xlsx(report, tmp_path / "r.xlsx"))["Sammendrag"]
    return [
        next((line for line in text[:5] if line.startswith(("Historikken", "Tallene"))), None),
        found[0].text() if found else None,
        markdown[0] if markdown else None,
        sheet["A4"].value,
    ]


def test_month_report_says_where_its_statuses_come_from(report, plain, tmp_path):
    from_snapshot = dataclasses.replace(report, snapshot=date(2026, 3, 30))
    note = "Tallene er hentet fra øyeblikksbildet av planene 30.03.2026 i historikken."
    assert source_lines(from_snapshot, tmp_path) == [note] * 4
    today = (
        "Historikken har ikke noe øyeblikksbilde fra mars 2026 eller før, så statusene er "
        "slik de står i planene i dag."
    )
    assert source_lines(report, tmp_path) == [today] * 4
    # without history, or a status report (no month): nothing to say
    assert source_lines(plain, tmp_path) == [None] * 4
    status = dataclasses.replace(report, month=None)
    assert ReportView(status).source_note is None


# --- `aktplan endringer` -----------------------------------------------------------------------


def test_render_changes_in_each_format(report):
    report = dataclasses.replace(report, month=None)  # `endringer` reports the plans now
    data = json.loads(render_changes(report, "json"))
    assert data == {
        "schema": "aktplan.rapport/1",
        "date": "2026-03-31",
        "changes": report.to_json()["changes"],
    }
    assert data["changes"]["slip_days"] == 33 and data["changes"]["spent"] == 45_000

    text = render_changes(report, "tekst")
    lines = text_lines(text)
    assert lines[:2] == ["Markedsaktiviteter", "Per 31. mars 2026 · 2 planer · 7 aktiviteter"]
    assert "Siden forrige rapport" in lines and "Status per fase" not in lines
    _, shifts = text_table(text, "Flyttede frister (2)")
    assert [row[4] for row in shifts] == ["+19", "+14"]
    assert not text_headline(text)

    doc = parse_html(render_changes(report, "html"))
    assert doc.find("title").text() == "Siden forrige rapport – Markedsaktiviteter"
    assert [s.attrs["id"] for s in doc.find_all("section")] == ["endringer"]
    assert not doc.find_all("script")
    assert "&lt;script&gt;" in render_changes(report, "html")

    markdown = render_changes(report, "markdown")
    assert markdown.startswith("# Markedsaktiviteter\n")
    tables = md_tables(markdown)
    assert tables["Fjernet fra planene (1)"][0]["Aktivitet"] == SCRIPT
    assert "Status per fase" not in markdown
    with pytest.raises(ValueError):
        render_changes(report, "xlsx")


def test_render_changes_without_history_says_there_is_nothing_to_compare(plain, tmp_path):
    assert NONE_LINE in text_lines(render_changes(plain, "tekst"))
    assert json.loads(render_changes(plain, "json"))["changes"]["since"] is None
    sheet = openpyxl.load_workbook(write_changes_xlsx(plain, tmp_path / "e.xlsx"))["Endringer"]
    assert sheet["A2"].value == NONE_LINE


# --- reports without history are unchanged ------------------------------------------------------


def test_a_report_without_history_shows_none_of_it(plain, tmp_path):
    text = render_text(plain, width=200, color=False)
    assert "Siden forrige rapport" not in text and "Utvikling måned for måned" not in text
    doc = parse_html(render_html(plain))
    assert not doc.find_all("section", id="endringer") and not doc.find_all("section", id="trend")
    assert not doc.find_all("p", class_="source")
    assert "Siden forrige rapport" not in render_markdown(plain)
    assert "changes" not in json.loads(render_json(plain))
    names = openpyxl.load_workbook(write_report_xlsx(plain, tmp_path / "r.xlsx")).sheetnames
    assert "Endringer" not in names and "Trend" not in names


# --- through compute: the portfolio on two dates -------------------------------------------------


def test_formats_show_what_compute_found(portfolio):
    """Read on 28.02, then with a status, a deadline and a cost changed, on 31.03:
    `build_report(history=…)` finds the changes, and each format shows the JSON's."""
    then_settings = Settings(report_date=SINCE)
    then = read_plans([portfolio], then_settings)
    past = make_report_from(then, then_settings)
    figures, _ = snapshot_figures(past)
    files = [Path(plan.file).name for plan in then.plans]
    fill_plan(  # Nyhetsbrev (V3) starts; its deadline moves a week later
        portfolio / "vaar.xlsx",
        [{"Status": "I produksjon", "Frist": date(2026, 4, 12)}],
        first_row=row_of(then, "V3"),
    )
    now_settings = Settings(report_date=date(2026, 3, 31))
    now = read_plans([portfolio], now_settings)
    history = HistoryInput(
        previous=PastPlans(SINCE, list(then.plans), files),
        past=[PastFigures(SINCE, figures)],
        current_files=[Path(plan.file).name for plan in now.plans],
    )
    report = build_report(now, now_settings, month=(2026, 3), history=history)
    data = report.to_json()["changes"]
    assert [t["activity"] for t in data["started"]] == ["Nyhetsbrev"]
    assert [(t["activity"], t["days_moved"]) for t in data["moved"]] == [("Nyhetsbrev", 7)]
    text = render_text(report, width=200, color=False)
    _, started = text_table(text, "Startet (1)")
    assert started[0][0] == "Nyhetsbrev"
    _, shifts = text_table(text, "Flyttede frister (1)")
    assert shifts == [["Nyhetsbrev", "Kari", "05.04.2026", "12.04.2026", "+7", "Vårkampanje"]]
    slip = "1 frist er flyttet siden 28.02., 7 dager senere."
    assert slip in text_headline(text)
    doc = parse_html(render_html(report))
    check_same_sentences(render_text(report, width=400, color=False), doc)
    counts = {
        t.attrs["data-key"]: t.find("div", class_="value").text()
        for t in section(doc, "endringer").find("ul", class_="tiles").find_all("li")
    }
    for key in ("finished", "started", "cancelled", "added", "removed", "became_overdue", "moved"):
        assert counts[key] == str(len(data[key])), key
    assert [p["month"] for p in report.to_json()["trend"]] == ["2026-02", "2026-03"]
    months = [row[0] for row in table_rows(section(doc, "trend").find("table"))]
    assert months == ["februar 2026", "mars 2026 (denne rapporten)"]


def make_report_from(result, settings):
    return build_report(result, settings)


def row_of(result, activity_id: str) -> int:
    """The sheet row of the activity with `activity_id` (the plan's first data row + index)."""
    for plan in result.plans:
        ids = plan.table["id"].tolist()
        if activity_id in ids:
            return int(plan.table["row"][ids.index(activity_id)])
    raise AssertionError(activity_id)


def test_the_slip_sentence_names_the_year_only_when_it_is_another():
    from aktivitetsplan.i18n.fmt import Formatter

    fmt = Formatter("nb")
    assert fmt.short_date(date(2026, 10, 31), 2026) == "31.10."
    assert fmt.short_date(date(2025, 12, 31), 2026) == "31.12.2025"
