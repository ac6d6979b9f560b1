"""The management report in HTML, Markdown and Excel: the figures in each, and hostile text.

Each format is rendered from the `portfolio` fixture (report date 2026-03-31, month
2026-03) and read back the way a person's tools would: the HTML parsed into a tree,
the Markdown tables split into cells (and rendered by markdown-it), the workbook
opened with openpyxl and its chart parts read from the zip.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import REPORT_DATE, fill_plan, write_template
from markdown_it import MarkdownIt

from aktivitetsplan import build_report, read_plans
from aktivitetsplan.cli import cli
from aktivitetsplan.formats.html import inline_svg, render_html
from aktivitetsplan.formats.markdown import escape, escape_line, render_markdown
from aktivitetsplan.settings import Settings
from aktivitetsplan.workbooks.report_xlsx import write_report_xlsx

NBSP = "\u00a0"
SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://example.com","x")'
MARCH = (2026, 3)


def nb(text: str) -> str:
    """Our figures keep the number and its unit together with a no-break space."""
    return text.replace(" ", NBSP)


# --- a small HTML tree ------------------------------------------------------------------

VOID = {"meta", "link", "br", "hr", "img", "input", "col", "source", "wbr", "area", "base"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return re.sub(r"[ \t\r\n\f]+", " ", "".join(parts)).strip(" \t\r\n\f")

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def matches(self, key: str, value: str) -> bool:
        """`class_="x"` matches one of the classes; any other attribute matches exactly."""
        name = key.rstrip("_").replace("_", "-")
        actual = self.attrs.get(name)
        if actual is None:
            return False
        return value in actual.split() if name == "class" else actual == value

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        return [
            node
            for node in self.iter()
            if node.tag == tag and all(node.matches(k, v) for k, v in attrs.items())
        ]

    def find(self, tag: str, **attrs: str) -> Node:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag} {attrs}>"
        return found[0]


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root
        self.doctype = None

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag, attrs) -> None:
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs) -> None:
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag) -> None:
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        assert node is not self.root, f"stray </{tag}>"
        self.current = node.parent

    def handle_data(self, data) -> None:
        self.current.children.append(data)


def parse_html(text: str) -> Node:
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    assert builder.current is builder.root, f"unclosed <{builder.current.tag}>"
    assert builder.doctype and builder.doctype.lower() == "doctype html"
    return builder.root


def table_rows(table: Node, part: str = "tbody") -> list[list[str]]:
    section = table.find(part)
    return [[cell.text() for cell in row.find_all("td")] for row in section.find_all("tr")]


def headers(table: Node) -> list[str]:
    return [cell.text() for cell in table.find("thead").find_all("th")]


def section(doc: Node, ident: str) -> Node:
    return doc.find("section", id=ident)


# --- Markdown tables ----------------------------------------------------------------------

_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescape_md(text: str) -> str:
    return _UNESCAPE.sub(r"\1", text)


def md_tables(text: str) -> dict[str, list[dict[str, str]]]:
    """Every table under its nearest heading: rows as header → unescaped cell text."""
    tables: dict[str, list[dict[str, str]]] = {}
    heading, lines = None, text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("#"):
            heading = unescape_md(line.lstrip("#").strip())
        if line.startswith("|") and index + 1 < len(lines) and lines[index + 1].startswith("| -"):
            head = [c.strip() for c in _CELL_SPLIT.split(line.strip().strip("|"))]
            rows = []
            index += 2
            while index < len(lines) and lines[index].startswith("|"):
                cells = [c.strip() for c in _CELL_SPLIT.split(lines[index].strip()[1:-1])]
                assert len(cells) == len(head), f"row breaks its table: {lines[index]!r}"
                rows.append(
                    {unescape_md(h): unescape_md(c) for h, c in zip(head, cells, strict=True)}
                )
                index += 1
            assert heading not in tables, heading
            tables[heading] = rows
            continue
        index += 1
    return tables


# --- fixtures ----------------------------------------------------------------------------


def make_report(folder: Path, *, month=MARCH, language: str = "nb", day: date = REPORT_DATE):
    config = Settings(language=language, report_date=day)
    result = read_plans([folder], config)
    return build_report(result, config, month=month)


@pytest.fixture
def report(portfolio: Path):
    return make_report(portfolio)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A plan whose activity, channel and campaign texts try to become markup or formulas."""
    folder = tmp_path / "fiendtlig"
    folder.mkdir()
    path = write_template(folder / "plan.xlsx")
    rows = [
        {
            "ID": "X1",
            "Aktivitet": SCRIPT,
            "Kanal": "<b>Kanal</b>",
            "Ansvarlig": "Kari | Ola",
            "Frist": date(2026, 3, 20),
            "Status": "I produksjon",
            "Budsjett (kr)": 10_000,
            "Kostnad (kr)": 4_000,
        },
        {
            "ID": "X2",
            "Aktivitet": FORMULA,
            "Kanal": "www.example.com",
            "Ansvarlig": "- Per",
            "Frist": date(2026, 3, 25),
            "Status": "Å gjøre",
            "Budsjett (kr)": 5_000,
        },
        {
            "ID": "X3",
            "Aktivitet": "**fet** [lenke](http://evil.example) & &amp; #1",
            "Ansvarlig": "Kari | Ola",
            "Frist": date(2026, 4, 2),
            "Status": "Å gjøre",
        },
    ]
    campaign = {
        "Kampanje": "Kampanje <i>&</i>",
        "Budsjett": 50_000,
        "Start": date(2026, 3, 1),
        "Slutt": date(2026, 4, 30),
    }
    fill_plan(path, rows, campaign)
    # openpyxl stores a text starting with "=" as a formula; make it the typed text it
    # is in Excel when a user writes '=HYPERLINK(…) (or pastes it as text).
    workbook = openpyxl.load_workbook(path)
    for row in workbook.worksheets[0].iter_rows():
        for cell in row:
            if cell.value == FORMULA:
                cell.data_type = "s"
    workbook.save(path)
    return folder


HOSTILE_TEXTS = (SCRIPT, FORMULA, "**fet** [lenke](http://evil.example) & &amp; #1")


# --- HTML ------------------------------------------------------------------------------------


def test_html_shows_the_figures(report):
    doc = parse_html(render_html(report))
    assert doc.find("html").attrs["lang"] == "nb"
    assert doc.find("title").text() == "Månedsrapport – Mars 2026"
    assert doc.find("h1").text() == "Mars 2026"
    assert "Per 31. mars 2026 · 2 planer · 7 aktiviteter" in doc.find("header").text()

    headline = doc.find("p", class_="headline").text()
    assert headline == (
        "2 av 6 aktiviteter er i distribusjon, og 2 er i produksjon. "
        f"Budsjettet er {nb('36 %')} brukt ved {nb('42 %')} av perioden, og prognosen på "
        f"{nb('274 000 kr')} er innenfor budsjettet på {nb('300 000 kr')}. "
        "2 aktiviteter er forsinket, den eldste med 16 dager. "
        f"Resultatet er 42 av måltallet 100 Leads ({nb('42 %')})."
    )

    tiles = {t.attrs["data-key"]: t for t in doc.find("ul", class_="tiles").find_all("li")}
    assert list(tiles) == ["progress", "burn", "forecast", "overdue", "goal"]
    value = {k: t.find("div", class_="value").text() for k, t in tiles.items()}
    assert value == {
        "progress": "2 av 6",
        "burn": nb("36 %"),
        "forecast": nb("274 000 kr"),
        "overdue": "2",
        "goal": nb("42 %"),
    }
    assert nb("106 500 kr") in tiles["burn"].text()
    assert "16 dager" in tiles["overdue"].text()
    assert "bad" in tiles["overdue"].attrs["class"].split()

    status = section(doc, "status").find("table")
    assert table_rows(status) == [
        ["Å gjøre", "2", nb("33 %")],
        ["I produksjon", "2", nb("33 %")],
        ["I distribusjon", "2", nb("33 %")],
        ["Avlyst", "1", ""],
    ]

    budget = dict(
        row
        for table in section(doc, "budsjett").find_all("table", class_="figures")
        for row in table_rows(table)
    )
    assert budget["Budsjett"] == nb("300 000 kr")
    assert budget["Planlagt"] == nb("167 000 kr")  # not the cancelled Podkast's 5 000 kr
    assert budget["Brukt"] == nb("106 500 kr")
    assert budget["Gjenstår"] == nb("193 500 kr")
    assert budget["Prognose ved slutt"] == nb("274 000 kr")
    assert budget["Periode"] == "01.03.2026 – 30.06.2026"
    over = section(doc, "budsjett").find_all("table")[-1]
    assert table_rows(over) == [
        ["Landingsside Vårkampanje", "Kari", nb("50 000 kr"), nb("55 000 kr"), nb("5 000 kr")]
    ]

    overdue = section(doc, "forsinket").find("table")
    assert headers(overdue) == ["Dager over", "Aktivitet", "Ansvarlig", "Frist", "Fase"]
    assert table_rows(overdue) == [
        ["16", "Stand Høstmesse", "Ingrid", "15.03.2026", "I produksjon"],
        ["11", "LinkedIn-annonser Vårkampanje", "Ola", "20.03.2026", "I produksjon"],
    ]
    upcoming = section(doc, "kommende")
    assert upcoming.find("h2").text() == "Kommende 14 dager (2)"
    assert [r[:3] for r in table_rows(upcoming.find("table"))] == [
        ["5", "Nyhetsbrev Vårkampanje", "Kari"],
        ["10", "Invitasjoner Høstmesse", "Ola"],
    ]

    goals = table_rows(section(doc, "maal").find("table"))
    assert goals == [["Vårkampanje", "Leads", "42", "100", "", nb("42 %"), nb("50 %")]]

    campaigns = section(doc, "kampanjer").find("table")
    rows = {r[0]: r for r in table_rows(campaigns)}
    assert rows["Vårkampanje"][1] == "5" and rows["Høstmesse"][1] == "2"
    assert rows["Vårkampanje"][3:5] == [nb("76 500 kr"), nb("200 000 kr")]
    assert rows["Høstmesse"][6] == "1"
    total = table_rows(campaigns, "tfoot")[0]
    assert total[0] == "Sum" and total[3:5] == [nb("106 500 kr"), nb("300 000 kr")]

    people = table_rows(section(doc, "personer").find("table"))
    assert people == [
        ["Ingrid", "0", "1", "0", "1"],
        ["Ola", "1", "1", "1", "1"],
        ["Kari", "1", "0", "1", "0"],
    ]
    channels = table_rows(section(doc, "kanaler").find("table"))
    assert channels[0] == ["Nettside", "1", nb("50 000 kr"), nb("55 000 kr"), nb("110 %")]
    assert [r[0] for r in channels] == [r.channel for r in report.by_channel]

    assert section(doc, "avvik").find("p").text() == "Ingen feil eller advarsler i planene."


def test_html_month_view(report):
    doc = parse_html(render_html(report))
    month = section(doc, "maaned")
    assert month.find("h2").text() == "Måneden: mars 2026"
    tiles = {
        t.attrs["data-key"]: t.find("div", class_="value").text()
        for t in month.find("ul", class_="tiles").find_all("li")
    }
    assert tiles == {
        "finished": "2",
        "started": "2",
        "due_open": "2",
        "spent_due": nb("106 500 kr"),
        "experiments": "1",
    }
    groups = {g.attrs["data-group"]: g for g in month.find_all("div", class_="month-group")}
    assert list(groups) == ["finished", "due_open", "experiments", "due_next", "started"]
    activities = {
        key: [row[0].split(" ")[0] for row in table_rows(group.find("table"))]
        for key, group in groups.items()
    }
    assert activities == {
        "finished": ["Landingsside", "A/B-test"],
        "due_open": ["Stand", "LinkedIn-annonser"],
        "experiments": ["A/B-test"],
        "due_next": ["Nyhetsbrev", "Invitasjoner"],
        "started": ["LinkedIn-annonser", "A/B-test"],
    }
    assert groups["due_next"].find("h3").text() == "Frist i april 2026 2"
    # what started is listed by its start, the rest by their deadline
    started_head = [th.text() for th in groups["started"].find_all("th")]
    assert started_head == ["Aktivitet", "Ansvarlig", "Start", "Fase"]
    assert [row[2] for row in table_rows(groups["started"].find("table"))] == [
        "05.03.2026",
        "20.03.2026",
    ]
    assert [th.text() for th in groups["due_next"].find_all("th")][2] == "Frist"


def test_html_goals_per_campaign_and_per_activity(report):
    goals = section(parse_html(render_html(report)), "maal")
    tables = goals.find_all("table")
    assert len(tables) == 2
    assert table_rows(tables[0])[0][:4] == ["Vårkampanje", "Leads", "42", "100"]
    assert goals.find("h3").text() == "Måltall per aktivitet 2"
    rows = [row[:5] for row in table_rows(tables[1])]
    assert rows == [
        ["Landingsside Vårkampanje", "Leads", "30", "60", nb("50 %")],
        ["LinkedIn-annonser Vårkampanje", "–", "12", "–", "–"],
    ]


def test_html_is_self_contained(report):
    text = render_html(report)
    assert "http://" not in text and "https://" not in text
    doc = parse_html(text)
    for tag in ("script", "link", "img", "iframe", "object", "embed"):
        assert not doc.find_all(tag), tag
    assert "url(" not in doc.find("style").text()
    assert "@import" not in text
    svgs = doc.find_all("svg")
    assert {s.attrs.get("class", "") for s in svgs} >= {
        "chart donut",
        "chart burn",
        "chart bars",
    }
    for svg in svgs:
        assert not any(name.startswith("xmlns") for name in svg.attrs), svg.attrs
    for node in doc.iter():
        for name, value in node.attrs.items():
            assert not name.startswith("on"), (node.tag, name)
            assert "javascript:" not in (value or ""), (node.tag, name)
    assert "@media print" in text and "break-before: page" in text
    # one page rule, the report's own (A4, with its footer's margin boxes): the wheel's A4
    # rule with no margins is not carried in
    assert len(re.findall(r"@page\b", text)) == 1
    assert "size: A4;" in text and "size: A4 portrait; margin: 0" not in text


def test_html_charts_carry_the_figures(report):
    doc = parse_html(render_html(report))
    donut = doc.find("svg", class_="donut")
    slices = {t.text() for t in donut.find_all("title")}
    assert {"Å gjøre: 2", "I produksjon: 2", "I distribusjon: 2", "Avlyst: 1"} <= slices
    burn = doc.find("svg", class_="burn")
    labels = [t.text() for t in burn.find_all("text")]
    assert nb("106 500 kr") in labels and nb("274 000 kr") in labels
    assert nb("300 000 kr") in labels and "Per 31.03.2026" in labels
    bars = doc.find("svg", class_="bars")
    names = [g.find("title").text() for g in bars.find_all("g")]
    assert names[0] == f"Nettside: {nb('55 000 kr')} / {nb('50 000 kr')}"
    # a channel with nothing planned or spent (Video: its one activity was cancelled) has no bar
    assert len(names) == len([c for c in report.by_channel if c.planned or c.spent]) == 5


def test_html_hostile_text_is_plain_text(hostile):
    report = make_report(hostile)
    text = render_html(report)
    assert "<script" not in text.lower()
    assert "<b>Kanal</b>" not in text and "<i>&</i>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    doc = parse_html(text)
    assert not doc.find_all("script") and not doc.find_all("b") and not doc.find_all("a")
    overdue = [row[1] for row in table_rows(section(doc, "forsinket").find("table"))]
    assert overdue == [f"{SCRIPT} Kampanje <i>&</i>", f"{FORMULA} Kampanje <i>&</i>"]
    upcoming = table_rows(section(doc, "kommende").find("table"))[0]
    assert upcoming[1:3] == [f"{HOSTILE_TEXTS[2]} Kampanje <i>&</i>", "Kari | Ola"]
    # Inside the SVG chart too: the channel name is text, not a <b> element.
    bars = doc.find("svg", class_="bars")
    assert "<b>Kanal</b>" in [t.text() for t in bars.find_all("text")]
    assert doc.find("h1").text() == "Mars 2026"
    assert "Kampanje <i>&</i>" in [n.text() for n in doc.find("div", class_="plans").find_all("li")]


def test_html_status_report_without_month_or_period(tmp_path):
    """No --måned, one plan without dates or budget: no month section, no burn chart."""
    folder = tmp_path / "enkel"
    folder.mkdir()
    rows = [
        {"Aktivitet": "Blogginnlegg", "Status": "Å gjøre", "Ansvarlig": "Kari"},
        {"Aktivitet": "Nyhetsbrev", "Status": "ferdig", "Ansvarlig": "Ola"},
    ]
    fill_plan(write_template(folder / "plan.xlsx"), rows, {"Kampanje": "Innhold"})
    report = make_report(folder, month=None)
    doc = parse_html(render_html(report))
    assert doc.find("title").text() == "Statusrapport – Innhold"
    assert not doc.find_all("section", id="maaned")
    assert not doc.find_all("section", id="kampanjer")  # one plan: no portfolio table
    assert not doc.find_all("svg", class_="burn")
    assert "kan ikke måles mot tiden" in section(doc, "budsjett").text()
    assert section(doc, "forsinket").find("p").text() == "Ingen forsinkede aktiviteter."
    assert "Planene har ingen måltall" in section(doc, "maal").text()
    assert {"progress", "burn", "overdue"} == {
        t.attrs["data-key"] for t in doc.find("ul", class_="tiles").find_all("li")
    }


def test_html_in_english(portfolio):
    report = make_report(portfolio, language="en")
    doc = parse_html(render_html(report))
    assert doc.find("html").attrs["lang"] == "en"
    assert doc.find("title").text() == "Monthly report – March 2026"
    assert section(doc, "budsjett").find("h2").text() == "Budget and spend"
    assert section(doc, "maaned").find("h2").text() == "The month: March 2026"
    assert headers(section(doc, "forsinket").find("table")) == [
        "Days late",
        "Activity",
        "Owner",
        "Deadline",
        "Phase",
    ]
    assert (
        doc.find("p", class_="headline")
        .text()
        .startswith("2 of 6 activities are distributed, and 2 are in production.")
    )
    assert "106,500" in doc.find("ul", class_="tiles").text()


def test_inline_svg_drops_namespaces_and_page_size():
    svg = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="210mm" height="297mm" '
        'viewBox="0 0 10 10"><style>@page { size: A4 portrait; margin: 0 }</style>\n'
        "<text>x</text></svg>\n"
    )
    assert inline_svg(svg) == '<svg version="1.1" viewBox="0 0 10 10"><text>x</text></svg>\n'


# --- Markdown ----------------------------------------------------------------------------------


def test_markdown_tables_hold_the_figures(report):
    text = render_markdown(report)
    assert text.startswith("# Månedsrapport – Mars 2026\n")
    tables = md_tables(text)
    figures = {row["Nøkkeltall"]: row["Verdi"] for row in tables["Nøkkeltall"]}
    assert figures == {
        "I distribusjon": "2 av 6",
        "Budsjett brukt": nb("36 %"),
        "Prognose ved slutt": nb("274 000 kr"),
        "Forsinket": "2",
        "Måloppnåelse": nb("42 %"),
    }
    assert [(r["Fase"], r["Antall"]) for r in tables["Status per fase"]] == [
        ("Å gjøre", "2"),
        ("I produksjon", "2"),
        ("I distribusjon", "2"),
        ("Avlyst", "1"),
    ]
    budget = {r["Nøkkeltall"]: r["Verdi"] for r in tables["Budsjett og forbruk"]}
    assert budget["Brukt"] == nb("106 500 kr") and budget["Budsjett"] == nb("300 000 kr")
    assert budget["Periode"] == "01.03.2026 – 30.06.2026"
    overdue = tables["Forsinket (2)"]
    assert [(r["Dager over"], r["Aktivitet"], r["Ansvarlig"], r["Frist"]) for r in overdue] == [
        ("16", "Stand", "Ingrid", "15.03.2026"),
        ("11", "LinkedIn-annonser", "Ola", "20.03.2026"),
    ]
    assert [r["Aktivitet"] for r in tables["Kommende 14 dager (2)"]] == [
        "Nyhetsbrev",
        "Invitasjoner",
    ]
    month = {r["Nøkkeltall"]: r["Verdi"] for r in tables["Måneden: mars 2026"]}
    assert month["Ferdig i måneden"] == "2"
    assert month["Forbruk, frist i måneden"] == nb("106 500 kr")
    assert [r["Aktivitet"] for r in tables["Ferdig i måneden (2)"]] == ["Landingsside", "A/B-test"]
    assert [r["Aktivitet"] for r in tables["Frist i april 2026 (2)"]] == [
        "Nyhetsbrev",
        "Invitasjoner",
    ]
    assert tables["Mål og resultat"] == [
        {
            "Kampanje": "Vårkampanje",
            "KPI": "Leads",
            "Resultat": "42",
            "Måltall": "100",
            "Andel": nb("42 %"),
            "Tid gått": nb("50 %"),
            "I rute": "Nei",
        }
    ]
    assert [
        (r["Aktivitet"], r["KPI"], r["Resultat"], r["Måltall"], r["Andel"])
        for r in tables["Måltall per aktivitet (2)"]
    ] == [
        ("Landingsside", "Leads", "30", "60", nb("50 %")),
        ("LinkedIn-annonser", "–", "12", "–", "–"),
    ]
    started = tables["Startet i måneden (2)"]
    assert [(r["Aktivitet"], r["Start"]) for r in started] == [
        ("LinkedIn-annonser", "05.03.2026"),
        ("A/B-test", "20.03.2026"),
    ]
    campaigns = tables["Per kampanje"]
    assert campaigns[-1]["Kampanje"] == "**Sum**"
    assert campaigns[-1]["Brukt"] == nb("106 500 kr")
    assert [r["Person"] for r in tables["Per person (ansvarlig)"]] == ["Ingrid", "Ola", "Kari"]
    assert [r["Kanal"] for r in tables["Per kanal"]] == [c.channel for c in report.by_channel]
    assert "Ingen feil eller advarsler i planene." in text


def test_markdown_renders_as_tables_without_markup_from_plans(hostile):
    report = make_report(hostile)
    text = render_markdown(report)
    tables = md_tables(text)
    overdue = tables["Forsinket (2)"]
    assert [r["Aktivitet"] for r in overdue] == [SCRIPT, FORMULA]
    assert [r["Kampanje"] for r in overdue] == ["Kampanje <i>&</i>"] * 2
    assert overdue[0]["Ansvarlig"] == "Kari | Ola"
    assert tables["Kommende 14 dager (1)"][0]["Aktivitet"] == HOSTILE_TEXTS[2]
    assert {r["Kanal"] for r in tables["Per kanal"]} >= {"<b>Kanal</b>", "www.example.com"}
    assert not re.search(r"(?<!\\)<script", text) and not re.search(r"(?<!\\)\]\(", text)

    html = MarkdownIt("commonmark").enable("table").render(text)
    doc = parse_html("<!DOCTYPE html><html><body>" + html + "</body></html>")
    assert not doc.find_all("script") and not doc.find_all("a") and not doc.find_all("b")
    # "**fet**" stayed text; only the report's own marks are bold (a month without an
    # experiment, a campaign without readiness)
    assert {s.text() for s in doc.find_all("strong")} <= {"–", "Mangler beredskap"}
    cells = {td.text() for td in doc.find_all("td")}
    assert {SCRIPT, FORMULA, HOSTILE_TEXTS[2], "Kari | Ola", "- Per", "<b>Kanal</b>"} <= cells
    for table in doc.find_all("table"):
        width = len(table.find("thead").find_all("th"))
        assert all(len(r.find_all("td")) == width for r in table.find("tbody").find_all("tr"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b", "a \\| b"),
        ("<b>x</b>", "\\<b\\>x\\</b\\>"),
        ("*x* _y_ `z` [l](u) ~s~ #h", "\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\~s\\~ \\#h"),
        ("see http://x.no and www.x.no", "see http\\://x.no and www\\.x.no"),
        ("&amp; stays & text", "\\&amp; stays & text"),
        ("line\nbreak\r\nhere", "line break here"),
        ("back\\slash", "back\\\\slash"),
        (None, ""),
    ],
)
def test_markdown_escape(text, expected):
    assert escape(text) == expected


def test_markdown_escape_line_start():
    assert escape_line("- punkt") == "\\- punkt"
    assert escape_line("12. mai") == "12\\. mai"
    assert escape_line("+ x") == "\\+ x"
    assert escape("12. mai") == "12. mai"  # inside a cell a number is just a number


# --- Excel --------------------------------------------------------------------------------------


def chart_kinds(path: Path) -> dict[str, list[str]]:
    """Chart part → the chart types it holds, read from the xlsx zip."""
    with zipfile.ZipFile(path) as archive:
        return {
            name: re.findall(r"<c:(\w+Chart)>", archive.read(name).decode())
            for name in archive.namelist()
            if name.startswith("xl/charts/chart")
        }


def sheet_xml(path: Path, workbook: openpyxl.Workbook, title: str) -> str:
    index = workbook.sheetnames.index(title) + 1
    with zipfile.ZipFile(path) as archive:
        return archive.read(f"xl/worksheets/sheet{index}.xml").decode()


def table_records(sheet, name: str) -> list[dict]:
    table = sheet.tables[name]
    cells = list(sheet[table.ref])
    head = [c.value for c in cells[0]]
    return [dict(zip(head, [c.value for c in row], strict=True)) for row in cells[1:]]


def test_xlsx_sheets_tables_and_charts(report, tmp_path):
    path = write_report_xlsx(report, tmp_path / "rapport.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == [
        "Sammendrag",
        "Mål og metode",  # the template has the method's columns (test_method_xlsx.py)
        "Måneden",
        "Forsinket",
        "Kommende",
        "Per kampanje",
        "Mål per aktivitet",
        "Per person",
        "Per kanal",
        "Over budsjett",
        "Avvik",
    ]
    for title in workbook.sheetnames[2:]:
        sheet = workbook[title]
        assert len(sheet.tables) == 1, title
        table = next(iter(sheet.tables.values()))
        assert table.autoFilter is not None and table.autoFilter.ref == table.ref, title

    summary = workbook["Sammendrag"]
    assert summary["A1"].value == "Månedsrapport – Mars 2026"
    assert summary["A5"].value == "2 av 6 aktiviteter er i distribusjon, og 2 er i produksjon."
    figures = {}
    for row in summary.iter_rows(min_col=1, max_col=2):
        if isinstance(row[0].value, str) and row[1].value is not None:
            figures.setdefault(row[0].value, row[1])
    assert figures["Aktiviteter"].value == 7
    assert figures["Budsjett"].value == 300_000 and figures["Brukt"].value == 106_500
    assert figures["Budsjett"].number_format == '#,##0 "kr"'
    assert figures["Forbruk"].value == pytest.approx(0.355)
    assert figures["Forbruk"].number_format == "0 %"
    assert figures["Prognose ved slutt"].value == 274_000
    assert figures["Forsinket"].value == 2
    assert figures["Ferdig i måneden"].value == 2
    assert figures["Forbruk, frist i måneden"].value == 106_500
    assert figures["Måloppnåelse: Vårkampanje"].value == pytest.approx(0.42)
    assert set(summary.tables) == {"Faser", "Forbruk"}
    phases = table_records(summary, "Faser")
    assert [(r["Fase"], r["Antall"]) for r in phases] == [
        ("Å gjøre", 2),
        ("I produksjon", 2),
        ("I distribusjon", 2),
        ("Avlyst", 1),
    ]
    burn = table_records(summary, "Forbruk")
    assert [r["Dato"] for r in burn] == [
        datetime(2026, 3, 1),
        datetime(2026, 3, 31),
        datetime(2026, 6, 30),
    ]
    assert [r["Brukt"] for r in burn] == [0, 106_500, None]
    assert [r["Prognose"] for r in burn] == [None, 106_500, 274_000]

    assert len(summary._charts) == 3
    kinds = sorted(k for found in chart_kinds(path).values() for k in found)
    assert kinds == ["barChart", "doughnutChart", "scatterChart"]

    overdue = table_records(workbook["Forsinket"], "Forsinket")
    assert [(r["Dager over"], r["ID"], r["Aktivitet"], r["Ansvarlig"]) for r in overdue] == [
        (16, "H1", "Stand", "Ingrid"),
        (11, "V2", "LinkedIn-annonser", "Ola"),
    ]
    assert overdue[0]["Frist"] == datetime(2026, 3, 15)
    assert overdue[0]["Fase"] == "I produksjon" and overdue[0]["Kampanje"] == "Høstmesse"
    upcoming = table_records(workbook["Kommende"], "Kommende")
    assert [(r["Dager igjen"], r["Aktivitet"]) for r in upcoming] == [
        (5, "Nyhetsbrev"),
        (10, "Invitasjoner"),
    ]
    goals = table_records(workbook["Mål per aktivitet"], "MaalPerAktivitet")
    assert [(g["Aktivitet"], g["Måltall"], g["Resultat"], g["Måloppnåelse"]) for g in goals] == [
        ("Landingsside", 60, 30, pytest.approx(0.5)),
        ("LinkedIn-annonser", None, 12, None),
    ]
    assert goals[0]["Plassering"] == "Aktivitetsplan!A14"
    people = table_records(workbook["Per person"], "PerPerson")
    assert [(r["Person"], r["Forsinket"]) for r in people] == [
        ("Ingrid", 1),
        ("Ola", 1),
        ("Kari", 0),
    ]
    channels = table_records(workbook["Per kanal"], "PerKanal")
    assert channels[0] == {
        "Kanal": "Nettside",
        "Aktiviteter": 1,
        "Planlagt": 50_000,
        "Brukt": 55_000,
        "Forbruk": pytest.approx(1.1),
    }
    campaigns = {r["Kampanje"]: r for r in table_records(workbook["Per kampanje"], "PerKampanje")}
    assert campaigns["Vårkampanje"]["Måltall"] == 100
    assert campaigns["Vårkampanje"]["Resultat"] == 42
    assert campaigns["Høstmesse"]["Brukt"] == 30_000
    month = table_records(workbook["Måneden"], "Maaned")
    assert [(r["Gruppe"], r["Aktivitet"]) for r in month][:2] == [
        ("Ferdig i måneden", "Landingsside"),
        ("Ferdig i måneden", "A/B-test"),
    ]
    issues = table_records(workbook["Avvik"], "Avvik")
    assert issues == [{"Alvor": None, "Fil": None, "Celle": None, "Melding": None}]


def test_xlsx_writes_plan_text_as_strings(hostile, tmp_path):
    report = make_report(hostile)
    path = write_report_xlsx(report, tmp_path / "rapport.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Forsinket"]
    cells = [sheet.cell(row=r, column=3) for r in (2, 3)]
    assert [c.value for c in cells] == [SCRIPT, FORMULA]
    assert all(c.data_type == "s" for c in cells)
    assert sheet.cell(row=3, column=4).value == "- Per"
    for title in workbook.sheetnames:
        xml = sheet_xml(path, workbook, title)
        assert "<f>" not in xml and "<f " not in xml, title
        assert "hyperlink" not in xml.lower(), title
    with zipfile.ZipFile(path) as archive:
        assert not [n for n in archive.namelist() if "externalLink" in n]
        strings = archive.read("xl/sharedStrings.xml").decode()
    assert "=HYPERLINK(&quot;http://example.com&quot;,&quot;x&quot;)" in strings or (
        '=HYPERLINK("http://example.com","x")' in strings
    )
    channels = [r["Kanal"] for r in table_records(workbook["Per kanal"], "PerKanal")]
    assert "<b>Kanal</b>" in channels and "www.example.com" in channels


def test_xlsx_in_english_and_without_a_period(tmp_path):
    folder = tmp_path / "en"
    folder.mkdir()
    rows = [{"Aktivitet": "Blog post", "Status": "Å gjøre"}]
    fill_plan(write_template(folder / "plan.xlsx"), rows, {"Kampanje": "Content"})
    report = make_report(folder, month=None, language="en")
    path = write_report_xlsx(report, tmp_path / "report.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == [
        "Summary",
        "Goal and method",
        "Overdue",
        "Upcoming",
        "By campaign",
        "By person",
        "By channel",
        "Issues",
    ]
    assert workbook["Summary"]["A1"].value == "Status report – Content"
    # No period and no spend: the phase chart only, plus the channel chart.
    assert sorted(k for v in chart_kinds(path).values() for k in v) == [
        "barChart",
        "doughnutChart",
    ]
    # An empty list is still a table (Excel needs one data row): a blank one.
    empty = table_records(workbook["Overdue"], "Forsinket")
    assert len(empty) == 1 and set(empty[0].values()) == {None}
    assert list(empty[0])[:3] == ["Days late", "ID", "Activity"]


# --- the command line ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "name"), [("html", "r.html"), ("markdown", "r.md"), ("xlsx", "r.xlsx")]
)
def test_cli_writes_each_format(portfolio, tmp_path, fmt, name):
    out = tmp_path / name
    args = ["rapport", str(portfolio), "--dato", "2026-04-15", "--måned", "2026-03"]
    result = CliRunner().invoke(cli, [*args, "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output + result.stderr
    assert result.stdout == ""
    assert result.stderr == f"Skrev rapporten til {out}\n"
    if fmt == "html":
        doc = parse_html(out.read_text(encoding="utf-8"))
        # --måned 2026-03 sets the report date to the month's last day.
        assert "Per 31. mars 2026" in doc.find("header").text()
    elif fmt == "markdown":
        assert "Forsinket (2)" in md_tables(out.read_text(encoding="utf-8"))
    else:
        assert openpyxl.load_workbook(out).sheetnames[0] == "Sammendrag"


def test_cli_english_html(portfolio, tmp_path):
    out = tmp_path / "r.html"
    args = ["rapport", str(portfolio), "--dato", "2026-03-31", "--språk", "en"]
    result = CliRunner().invoke(cli, [*args, "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output + result.stderr
    assert parse_html(out.read_text(encoding="utf-8")).find("title").text() == (
        "Status report – Marketing activities"
    )


def test_json_month_view(portfolio):
    """The JSON contract keeps its keys and adds the month view under `month`."""
    report = make_report(portfolio)
    data = report.to_json()
    assert data["schema"] == "aktplan.rapport/1"
    for key in ("plans", "status", "budget", "overdue", "upcoming", "by_person", "by_channel"):
        assert key in data
    month = data["month"]
    assert month["month"] == "2026-03" and month["next_month"] == "2026-04"
    assert (month["first"], month["last"]) == ("2026-03-01", "2026-03-31")
    assert month["spent_due"] == 106_500
    assert [i["activity"] for i in month["finished"]] == ["Landingsside", "A/B-test"]
    assert [i["activity"] for i in month["due_open"]] == ["Stand", "LinkedIn-annonser"]
    assert [i["activity"] for i in month["due_next"]] == ["Nyhetsbrev", "Invitasjoner"]
    goal = next(k for k in data["kpi"] if k["target"])
    # the target read from vaar.xlsx's campaign block (Måltall 100, Resultat 42)
    assert (goal["target"], goal["result"]) == (100, 42)
    assert (goal["pct"], goal["elapsed_pct"], goal["on_track"]) == (42.0, 50.0, False)
    assert "month" not in make_report(portfolio, month=None).to_json()
