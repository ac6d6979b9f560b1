"""The method in the text, Markdown and HTML reports: the department goal right after the
headline and the key figures, then the year's experiments, readiness and the digital tail.

Two plans written by our writer and filled with openpyxl, a goal of 400 leads in 2026 from
`aktplan.toml` (`[maal]`), report date 30 September 2026:

- «Vårkampanjen» (KPI Leads, Beredskap Kari, Svartid «2 timer»): experiment Test A
  (February, hypothesis, «Forsterk», tail «Innhold», 50 leads), experiment Test B (May,
  finished, no hypothesis, no decision, tail «Ingen», 40 leads), campaign activity C.
- «<script>alert(1)</script>» (KPI Følgere: does not count toward the goal, nobody on
  Beredskap while it is live): experiment Test D (June, finished, decision «kanskje»).

So 90 of 400 leads (22.5 % → «23 %») with 273 of 365 days gone (→ «75 %»): behind; three
experiments in February, May and June, the nine other months empty (January to August are
over, September to December still ahead); one of three finished activities left a tail.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import fill_plan, write_template
from markdown_it import MarkdownIt
from test_report_formats import md_tables, parse_html, section, table_rows, unescape_md

from aktivitetsplan import build_report, read_plans
from aktivitetsplan.compute.report import Report
from aktivitetsplan.formats.html import render_html
from aktivitetsplan.formats.markdown import render_markdown
from aktivitetsplan.formats.text import render_text
from aktivitetsplan.i18n import Translator
from aktivitetsplan.settings import Settings, parse_config
from aktivitetsplan.view.report import ReportView

NBSP = "\u00a0"
SCRIPT = "<script>alert(1)</script>"
DAY = date(2026, 9, 30)
GOAL = {"maal": {"navn": "400 leads", "kpi": "leads", "maaltall": 400, "periode": 2026}}
CASES = Path(__file__).parent / "cases"

GOAL_SENTENCE = (
    f"90 av 400 leads (23{NBSP}%) ved 75{NBSP}% av året: bak skjema. Vårkampanjen står for 90."
)
# The goal section's own sentences (its opening one is the headline's, not repeated).
GOAL_SENTENCES = [
    "1 kampanje og 1 av 4 aktiviteter peker ikke mot målet (0 uten KPI, 1 måler noe annet).",
]
EXPERIMENT_SENTENCES = [
    "3 eksperimenter i 2026.",
    "9 av årets 12 måneder har ingen eksperimenter: januar, mars, april, juli, august,"
    " september, oktober, november og desember.",
    "Beslutninger: 1 forsterk, 0 fortsett og 0 dropp.",
    "1 beslutning kunne ikke leses.",
    "1 eksperiment er ferdig uten beslutning.",
    "1 eksperiment mangler hypotese.",
]
READINESS_SENTENCES = [f"1 kampanje er i gang uten noen som svarer på henvendelsene: {SCRIPT}."]
TAIL_SENTENCES = [
    f"1 av 3 ferdige aktiviteter (33{NBSP}%) har etterlatt en digital hale.",
    "Hva de etterlot: Innhold (1).",
]
MONTHS = ["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"]
COUNTS = ["–", "1", "–", "–", "1", "1", "–", "–", "–", "–", "–", "–"]
CARRIERS = [["Vårkampanjen", "Leads", "200", "90", f"100{NBSP}%"]]
OTHERS = [[SCRIPT, "Følgere", "måler noe annet"]]
UNDECIDED = [["Test B", "Vårkampanjen", "10.05.2026", "I distribusjon", "–", "–"]]
DECIDED = [
    [
        "Test A",
        "Vårkampanjen",
        "10.02.2026",
        "I distribusjon",
        "Kundehistorier gir flere leads",
        "Forsterk",
    ],
    ["Test D", SCRIPT, "10.06.2026", "I distribusjon", "x", "(kan ikke leses)"],
]
READINESS = [
    [SCRIPT, "Ja", "–", "–", "Mangler beredskap"],
    ["Vårkampanjen", "Ja", "Kari", "2 t", ""],
]
TAIL = [
    [SCRIPT, "1", "0", f"0{NBSP}%", "0", "1", "–"],
    ["Vårkampanjen", "2", "1", f"50{NBSP}%", "1", "0", "Innhold (1)"],
]
TITLES = ["Målet: 400 leads", "Eksperimenter 2026", "Beredskap", "Digital hale"]


def method_plans(folder: Path) -> Path:
    """The two plans above, in `folder`."""
    folder.mkdir()
    spring = [
        {
            "Aktivitet": "Test A",
            "Type": "Eksperiment",
            "Status": "I distribusjon",
            "Frist": date(2026, 2, 10),
            "Hypotese": "Kundehistorier gir flere leads",
            "Beslutning": "Forsterk",
            "Digital hale": "Innhold",
            "Resultat": 50,
        },
        {
            "Aktivitet": "Test B",
            "Type": "Eksperiment",
            "Status": "Ferdig",
            "Frist": date(2026, 5, 10),
            "Digital hale": "Ingen",
            "Resultat": 40,
        },
        {
            "Aktivitet": "Kampanje C",
            "Type": "Kampanje",
            "Status": "I produksjon",
            "Frist": date(2026, 10, 5),
        },
    ]
    campaign = {
        "Kampanje": "Vårkampanjen",
        "KPI": "Leads",
        "Måltall": 200,
        "Start": date(2026, 3, 1),
        "Slutt": date(2026, 12, 31),
        "Beredskap": "Kari",
        "Svartid (timer)": "2 timer",
    }
    fill_plan(write_template(folder / "vaar.xlsx"), spring, campaign)
    other = [
        {
            "Aktivitet": "Test D",
            "Type": "Eksperiment",
            "Status": "Ferdig",
            "Frist": date(2026, 6, 10),
            "Hypotese": "x",
            "Beslutning": "kanskje",
            "Resultat": 10,
        }
    ]
    campaign = {
        "Kampanje": SCRIPT,
        "KPI": "Følgere",
        "Start": date(2026, 6, 1),
        "Slutt": date(2026, 12, 31),
    }
    fill_plan(write_template(folder / "skript.xlsx"), other, campaign)
    return folder


def method_settings(language: str = "nb", *, goal: bool = True) -> Settings:
    base = parse_config(GOAL, "aktplan.toml") if goal else Settings()
    return base.but(report_date=DAY, language=language)


def method_report(folder: Path, language: str = "nb", *, goal: bool = True) -> Report:
    settings = method_settings(language, goal=goal)
    return build_report(read_plans([folder], settings), settings)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return method_plans(tmp_path_factory.mktemp("metode") / "planer")


@pytest.fixture(scope="module")
def report(folder) -> Report:
    return method_report(folder)


def split_row(line: str) -> list[str]:
    """A rich table row: cells apart by two or more spaces."""
    return re.split(r" {2,}", line.strip())


# --- text ------------------------------------------------------------------------------------


def test_text_shows_the_method_after_the_headline(report):
    lines = render_text(report, width=300, color=False).splitlines()
    bullets = [i for i, line in enumerate(lines) if line.startswith("• ")]
    assert lines[bullets[0]] == f"• {GOAL_SENTENCE}"  # the report opens with the goal
    order = [lines.index(title) for title in TITLES]
    status = next(i for i, line in enumerate(lines) if line.startswith("Status per fase"))
    assert bullets[-1] < order[0] and order == sorted(order) and order[-1] < status
    method = [line.strip() for line in lines[order[0] : status]]
    for sentence in GOAL_SENTENCES + EXPERIMENT_SENTENCES + READINESS_SENTENCES + TAIL_SENTENCES:
        assert sentence in method
    rows = [split_row(line) for line in lines[order[0] : status]]
    assert ["Resultat", "90"] in rows and ["Satt i", "aktplan.toml"] in rows
    assert rows[rows.index(MONTHS) + 2] == COUNTS  # under the month names and the rule
    for row in CARRIERS + OTHERS + UNDECIDED + DECIDED + TAIL:
        assert row in rows
    assert READINESS[0] in rows and READINESS[1][:4] in rows  # an empty note is no cell
    assert "Kampanjer som bærer målet (1)" in method
    assert "Kampanjer som ikke teller mot målet (1)" in method
    assert "Ferdige uten beslutning (1)" in method and "Beslutninger tatt (2)" in method


def test_text_colours_the_empty_months_and_the_flagged_campaign(report):
    text = render_text(report, width=300, color=True)
    past, ahead = r"\x1b\[1;31m *– *\x1b\[0m", r"\x1b\[1;33m *– *\x1b\[0m"  # bold red, yellow
    assert len(re.findall(past, text)) == 5  # January, March, April, July, August: over
    assert len(re.findall(ahead, text)) == 4  # September to December: still ahead
    assert re.search(r"\x1b\[1;31mMangler beredskap *\x1b\[0m", text)
    assert f"\x1b[31m{READINESS_SENTENCES[0]}\x1b[0m" in text


# --- HTML ------------------------------------------------------------------------------------


def spans(node) -> list[str]:
    return [span.text() for span in node.find("p", class_="sentences").find_all("span")]


def test_html_shows_the_method_after_the_key_figures(report):
    page = render_html(report)
    doc = parse_html(page)
    headline = doc.find("p", class_="headline").find_all("span")
    assert headline[0].text() == GOAL_SENTENCE
    ids = [node.attrs.get("id") for node in doc.find_all("section")]
    assert ids[:5] == ["avdelingsmaal", "eksperimenter", "beredskap", "digital-hale", "status"]
    titles = [node.find("h2").text() for node in doc.find_all("section", class_="method")]
    assert titles == TITLES
    numbers = [node.text() for node in doc.find_all("span", class_="number")]
    assert numbers[:5] == ["01", "02", "03", "04", "05"]

    goal = section(doc, "avdelingsmaal")
    assert spans(goal) == GOAL_SENTENCES
    facts = [row for table in goal.find_all("table", class_="figures") for row in table_rows(table)]
    assert facts[:4] == [
        ["KPI", "leads"],
        ["Måltall", "400"],
        ["Resultat", "90"],
        ["Nådd", f"23{NBSP}%"],
    ]
    assert facts[7] == ["Satt i", "aktplan.toml"]
    meter = goal.find("div", class_="goal-meter")
    assert "behind" in meter.attrs["class"].split()
    assert meter.find("span", class_="fill").attrs["style"] == "width: 22.5%"
    assert table_rows(goal.find("table", data_table="carriers")) == CARRIERS
    assert table_rows(goal.find("table", data_table="others")) == OTHERS

    experiments = section(doc, "eksperimenter")
    assert spans(experiments) == EXPERIMENT_SENTENCES
    months = experiments.find("ol", class_="months").find_all("li")
    assert [m.find("span", class_="label").text() for m in months] == MONTHS
    assert [m.find("span", class_="value").text() for m in months] == COUNTS
    classes = [m.attrs["class"] for m in months]
    assert classes == (
        ["month empty past", "month", "month empty past", "month empty past"]
        + ["month", "month", "month empty past", "month empty past"]
        + ["month empty"] * 4
    )
    assert [m.attrs.get("title") for m in months[:2]] == [None, "Test A"]
    assert table_rows(experiments.find("table", data_table="undecided")) == UNDECIDED
    assert table_rows(experiments.find("table", data_table="decided")) == DECIDED

    readiness = section(doc, "beredskap")
    assert spans(readiness) == READINESS_SENTENCES
    assert readiness.find("p", class_="sentences").attrs["class"] == "sentences callout bad"
    table = readiness.find("table", data_table="readiness")
    assert table_rows(table) == READINESS
    flagged = table.find_all("tr", class_="flagged")
    assert len(flagged) == 1 and flagged[0].find("td", class_="late").text() == "Mangler beredskap"

    tail = section(doc, "digital-hale")
    assert spans(tail) == TAIL_SENTENCES
    assert table_rows(tail.find("table", data_table="tail")) == TAIL
    # The CSS that draws them comes along; the plan's <script> stays text.
    assert ".month.empty.past {" in page and "tr.flagged td {" in page
    assert SCRIPT not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not doc.find_all("script")


def test_html_leaves_out_what_is_empty(tmp_path):
    """Every campaign points at the goal and no experiment is undecided: those tables go."""
    folder = tmp_path / "planer"
    folder.mkdir()
    rows = [
        {
            "Aktivitet": "Test A",
            "Type": "Eksperiment",
            "Status": "I distribusjon",
            "Frist": date(2026, 2, 10),
            "Hypotese": "h",
            "Beslutning": "Dropp",
            "Resultat": 12,
        }
    ]
    campaign = {"Kampanje": "Vår", "KPI": "Leads", "Start": date(2026, 1, 1), "Beredskap": "Kari"}
    fill_plan(write_template(folder / "vaar.xlsx"), rows, campaign)
    doc = parse_html(render_html(method_report(folder)))
    goal = section(doc, "avdelingsmaal")
    assert spans(goal) == ["Alle kampanjer og aktiviteter peker mot målet."]
    assert [t.attrs["data-table"] for t in goal.find_all("table", class_="method-table")] == [
        "carriers"
    ]
    experiments = section(doc, "eksperimenter")
    tables = experiments.find_all("table", class_="method-table")
    assert [t.attrs["data-table"] for t in tables] == ["decided"]
    assert table_rows(tables[0])[0][-1] == "Dropp"
    readiness = section(doc, "beredskap")
    assert readiness.find("p", class_="sentences").attrs["class"] == "sentences"
    assert not readiness.find_all("tr", class_="flagged")


# --- Markdown --------------------------------------------------------------------------------


def test_markdown_shows_the_method_after_the_key_figures(report):
    text = render_markdown(report)
    lines = text.splitlines()
    quote = next(line for line in lines if line.startswith("> "))
    assert quote.startswith(f"> {GOAL_SENTENCE} ")
    heads = [lines.index(f"## {title}") for title in TITLES]
    assert lines.index("## Nøkkeltall") < heads[0] and heads == sorted(heads)
    assert heads[-1] < lines.index("## Status per fase")
    paragraphs = {unescape_md(line) for line in lines}
    for sentences in (GOAL_SENTENCES, EXPERIMENT_SENTENCES, READINESS_SENTENCES, TAIL_SENTENCES):
        assert " ".join(sentences) in paragraphs

    head = lines.index("| " + " | ".join(MONTHS) + " |")
    assert lines[head + 1] == "| " + " | ".join([":---:"] * 12) + " |"
    cells = [c.strip() for c in lines[head + 2].strip("|").split("|")]
    assert cells == [c if c != "–" else "**–**" for c in COUNTS]

    tables = md_tables(text)
    facts = {row["Nøkkeltall"]: row["Verdi"] for row in tables["Målet: 400 leads"]}
    assert facts["Resultat"] == "90" and facts["Status"] == "bak skjema"

    def cells_of(title: str) -> list[list[str]]:
        return [list(row.values()) for row in tables[title]]

    assert cells_of("Kampanjer som bærer målet (1)") == CARRIERS
    assert cells_of("Kampanjer som ikke teller mot målet (1)") == OTHERS
    assert cells_of("Ferdige uten beslutning (1)") == UNDECIDED
    assert cells_of("Beslutninger tatt (2)") == DECIDED
    readiness = cells_of("Beredskap")
    assert readiness == [[*READINESS[0][:4], "**Mangler beredskap**"], READINESS[1]]
    assert cells_of("Digital hale") == TAIL


def test_markdown_renders_the_method_without_markup_from_plans(report):
    html = MarkdownIt("commonmark").enable("table").render(render_markdown(report))
    doc = parse_html("<!DOCTYPE html><html><body>" + html + "</body></html>")
    assert not doc.find_all("script")
    strong = [s.text() for s in doc.find_all("strong")]
    assert strong == ["–"] * 9 + ["Mangler beredskap", "Sum"]  # "Sum": the portfolio's total
    cells = [td.text() for td in doc.find_all("td")]
    # the method's four (others, decided, readiness, tail), then goals, activity goals, campaigns
    assert cells.count(SCRIPT) == 7
    for table in doc.find_all("table"):
        width = len(table.find("thead").find_all("th"))
        assert all(len(r.find_all("td")) == width for r in table.find("tbody").find_all("tr"))


# --- the formats agree ------------------------------------------------------------------------


def method_sentences(view: ReportView) -> list[str]:
    return [
        *view.goal.sentences,
        *view.experiment_year.sentences,
        *view.readiness.section.sentences,
        *view.tail.section.sentences,
    ]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_text_html_and_markdown_carry_the_same_method_sentences(folder, language):
    report = method_report(folder, language)
    sentences = method_sentences(ReportView(report))
    assert len(sentences) == 10
    html = [
        span.text()
        for node in parse_html(render_html(report)).find_all("p", class_="sentences")
        for span in node.find_all("span")
    ]
    assert html == sentences
    text = {line.strip() for line in render_text(report, width=400, color=False).splitlines()}
    assert [s for s in sentences if s in text] == sentences
    markdown = {unescape_md(line) for line in render_markdown(report).splitlines()}
    assert [s for s in sentences if any(s in line for line in markdown)] == sentences


def test_english_method_titles(folder):
    report = method_report(folder, "en")
    doc = parse_html(render_html(report))
    titles = [node.find("h2").text() for node in doc.find_all("section", class_="method")]
    assert titles == ["The goal: 400 leads", "Experiments 2026", "Readiness", "Digital tail"]
    months = doc.find("ol", class_="months").find_all("span", class_="label")
    assert [m.text() for m in months][:3] == ["Jan", "Feb", "Mar"]
    legend = Translator("en")("method.exp.legend")
    assert legend in render_html(report) and legend.startswith("Months without an experiment")


# --- without the method, the report is what it was ----------------------------------------------


def method_markers(language: str) -> list[str]:
    tr = Translator(language)
    return [
        tr("method.goal.title"),
        tr("method.exp.title", year=2026),
        tr("method.exp.legend"),
        tr("method.ready.title"),
        tr("method.tail.title"),
        tr("method.goal.carriers_title"),
    ]


@pytest.mark.parametrize("case", sorted(CASES.glob("*.xlsx")), ids=lambda p: p.stem)
def test_golden_cases_show_no_method(case):
    language = "en" if case.stem.startswith("english") else "nb"
    settings = Settings(report_date=date(2026, 3, 31), language=language)
    report = build_report(read_plans(case, settings), settings)
    view = ReportView(report)
    assert (view.goal, view.experiment_year, view.readiness, view.tail) == (None,) * 4
    html = render_html(report)
    assert 'class="method' not in html and '<ol class="months' not in html
    assert ".month.empty" not in html and "/* --- the method" not in html
    assert "sentences" not in html and "flagged" not in html
    for text in (render_text(report, width=300, color=False), render_markdown(report), html):
        for marker in method_markers(language):
            assert marker not in text


def strip_method_html(page: str) -> str:
    """The page without its method sections and their CSS, the sections unnumbered."""
    page = re.sub(r'<section class="method[^"]*".*?</section>\n\n', "", page, flags=re.S)
    page = re.sub(r"/\* --- the method.*?(?=/\* --- charts)", "", page, flags=re.S)
    return re.sub(r'<span class="number">\d+</span>', "", page)


def test_the_method_adds_its_sections_and_nothing_else(folder):
    """The same report with the method's figures taken out renders exactly as the report
    with them, less the method's sections: the text, the Markdown and the HTML."""
    report = method_report(folder, goal=False)  # the goal would change the headline too
    assert report.experiment_year and report.readiness and report.digital_tail
    plain = dataclasses.replace(report, experiment_year=None, readiness=None, digital_tail=None)

    text, before = render_text(report, color=False), render_text(plain, color=False)
    start, end = text.index("Eksperimenter 2026\n"), text.index("Status per fase")
    assert "Eksperimenter 2026" not in before and text[:start] + text[end:] == before

    markdown, before = render_markdown(report), render_markdown(plain)
    start, end = markdown.index("\n## Eksperimenter 2026"), markdown.index("\n## Status per fase")
    assert "## Beredskap" not in before and markdown[:start] + markdown[end:] == before

    page, before = render_html(report), render_html(plain)
    assert strip_method_html(page) != page and "/* --- the method" not in before
    assert strip_method_html(page) == strip_method_html(before)
