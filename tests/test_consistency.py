"""«Figures you can trust»: every format shows the JSON's counts, shares and amounts.

One portfolio of three plans (written by our writer, filled with openpyxl) holds
cancelled activities with a budget and a cost, unknown and blank statuses, a plan with
a blank campaign `Budsjett`, and shares that land on .5: 57 of 200 activities in
distribution (28.5 %), 73 in production (36.5 %), a goal at 57 of 200 (28.5 %), 57 000 kr
spent of 200 000 kr (28.5 %), one plan with 1 of 8 active activities done (12.5 %).

The report is rendered as text, JSON, HTML, Markdown and Excel; each is read back as a
person's tools would (text tables split into columns, the HTML parsed into a tree, the
Markdown tables split into cells, the workbook opened with openpyxl) and compared with
the JSON, the one place each figure is computed. A shown percentage is the JSON's share
rounded half up, written here without the code under test: 28.5 → `29 %`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import openpyxl
import pytest
from conftest import fill_plan, write_template
from test_report_formats import (
    make_report,
    md_tables,
    parse_html,
    section,
    table_records,
    unescape_md,
)

from aktivitetsplan.formats.html import render_html
from aktivitetsplan.formats.markdown import render_markdown
from aktivitetsplan.formats.report import render_json
from aktivitetsplan.formats.text import render_text
from aktivitetsplan.i18n import Translator
from aktivitetsplan.plan.schema import ALL_PHASES, PHASE_LABELS
from aktivitetsplan.workbooks.report_xlsx import write_report_xlsx

NBSP = "\u00a0"
tr = Translator("nb")
PHASE_OF = {label: phase for phase, label in PHASE_LABELS["nb"].items()}

# --- the portfolio ---------------------------------------------------------------------------

SMALL = {
    "campaign": {
        "Kampanje": "Liten",
        "KPI": "Leads",
        "Måltall": 200,
        "Budsjett": 80_000,
        "Start": date(2026, 3, 1),
        "Slutt": date(2026, 6, 30),
    },
    "rows": [
        {
            "ID": "A1",
            "Aktivitet": "Landingsside",
            "Kanal": "Nettside",
            "Ansvarlig": "Kari",
            "Frist": date(2026, 3, 10),
            "Status": "I distribusjon",
            "Budsjett (kr)": 30_000,
            "Kostnad (kr)": 18_000,
            "KPI": "Leads",
            "Resultat": 50,
        },
        {
            "ID": "A2",
            "Aktivitet": "LinkedIn-annonser",
            "Kanal": "LinkedIn",
            "Ansvarlig": "Ola",
            "Frist": date(2026, 3, 20),
            "Status": "I produksjon",
            "Budsjett (kr)": 8_000,
            "Kostnad (kr)": 1_000,  # 1 000 of 8 000: the channel's burn is 12.5 %
            "Resultat": 7,  # 50 + 7 = 57 of the goal's 200: 28.5 %
        },
        {
            "ID": "A3",
            "Aktivitet": "Podkast",
            "Kanal": "Video",
            "Ansvarlig": "Kari",
            "Status": "Avlyst",
            "Budsjett (kr)": 5_000,  # not planned
            "Kostnad (kr)": 1_000,  # but spent
        },
        {
            "ID": "A4",
            "Aktivitet": "Nyhetsbrev",
            "Kanal": "Nyhetsbrev",
            "Ansvarlig": "Kari",
            "Frist": date(2026, 4, 5),
            "Status": "Å gjøre",
            "Budsjett (kr)": 4_000,
        },
        {
            "ID": "A5",
            "Aktivitet": "Webinar",
            "Kanal": "Arrangement",
            "Ansvarlig": "Ola",
            "Frist": date(2026, 3, 25),
            "Status": "Å gjøre",
            "Budsjett (kr)": 6_000,
            "Kostnad (kr)": 1_000,
        },
        {"ID": "A6", "Aktivitet": "Kundecase", "Kanal": "Blogg", "Status": "Å gjøre"},
        {"ID": "A7", "Aktivitet": "SEO", "Kanal": "Nettside", "Status": "Å gjøre"},
        {
            "ID": "A8",
            "Aktivitet": "Video-teaser",
            "Kanal": "Video",
            "Ansvarlig": "Kari",
            "Status": "pågår",
            "Budsjett (kr)": 2_000,
        },
        {"ID": "A9", "Aktivitet": "Uten status", "Kanal": "Blogg", "Ansvarlig": "Ola"},
    ],
}

BLANK_BUDGET = {
    "campaign": {  # no Budsjett: the total is what is planned
        "Kampanje": "Uten budsjett",
        "Start": date(2026, 3, 1),
        "Slutt": date(2026, 5, 31),
    },
    "rows": [
        {
            "ID": "B1",
            "Aktivitet": "Messe",
            "Kanal": "Arrangement",
            "Ansvarlig": "Ingrid",
            "Frist": date(2026, 3, 15),
            "Status": "I produksjon",
            "Budsjett (kr)": 12_000,
            "Kostnad (kr)": 4_000,
        },
        {
            "ID": "B2",
            "Aktivitet": "Brosjyre",
            "Kanal": "Trykk",
            "Ansvarlig": "Ingrid",
            "Status": "Å gjøre",
            "Budsjett (kr)": 8_000,
        },
        {
            "ID": "B3",
            "Aktivitet": "Invitasjoner",
            "Kanal": "E-post",
            "Ansvarlig": "Ola",
            "Frist": date(2026, 4, 10),
            "Status": "Å gjøre",
        },
        {"ID": "B4", "Aktivitet": "Pressemelding", "Ansvarlig": "Ola", "Status": "ferdig"},
        {
            "ID": "B5",
            "Aktivitet": "Radio",
            "Kanal": "Radio",
            "Ansvarlig": "Ola",
            "Status": "Avlyst",
            "Budsjett (kr)": 10_000,
            "Kostnad (kr)": 2_000,
        },
        {"ID": "B6", "Aktivitet": "Stand", "Kanal": "Arrangement", "Status": "halvveis"},
    ],
}


def big_rows() -> list[dict[str, Any]]:
    """55 distributed, 70 in production, 57 to do, 3 blank, 2 unknown, 1 cancelled."""
    statuses = (
        ["I distribusjon"] * 55
        + ["I produksjon"] * 70
        + ["Å gjøre"] * 57
        + [None] * 3
        + ["uklar"] * 2
        + ["Avlyst"]
    )
    channels, people = ("SoMe", "Blogg", "Nettside", "E-post"), ("Kari", "Ola", "Ingrid", "Per")
    rows = []
    for number, status in enumerate(statuses, start=1):
        cost = {"Avlyst": 2_500, "I distribusjon": 500}.get(status)
        rows.append(
            {
                "ID": f"C{number}",
                "Aktivitet": f"Innlegg {number}",
                "Type": "Program",
                "Kanal": channels[number % 4],
                "Ansvarlig": people[number % 4],
                "Frist": date(2026, 1, 5) + timedelta(days=2 * number),
                "Status": status,
                "Budsjett (kr)": 1_000 if status == "Avlyst" else 500,
                "Kostnad (kr)": cost,
            }
        )
    return rows


BIG = {
    "campaign": {
        "Kampanje": "Året rundt",
        "Budsjett": 100_000,
        "Start": "01.01.2026",
        "Slutt": "31.12.2026",
    },
    "rows": big_rows(),
}

PLANS = {"liten.xlsx": SMALL, "uten-budsjett.xlsx": BLANK_BUDGET, "stor.xlsx": BIG}


# --- how a figure is shown, written without the code under test ------------------------------


def whole(value: float) -> int:
    """Half up, from the number as written (28.5 → 29)."""
    return int(Decimal(repr(float(value))).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def grouped(value: int) -> str:
    return f"{value:,}".replace(",", NBSP)


def pct(value: float | None) -> str:
    return "–" if value is None else f"{grouped(whole(value))}{NBSP}%"


def money(value: float | None) -> str:
    return "–" if value is None else f"{grouped(whole(value))}{NBSP}kr"


def nb(text: str) -> str:
    """Our figures keep the number and its unit together with a no-break space."""
    return text.replace(" ", NBSP)


def count(text: str) -> int:
    """A shown count (`1 234`) as a number."""
    assert re.fullmatch(r"\d{1,3}(\xa0\d{3})*", text), text
    return int(text.replace(NBSP, ""))


def excel_pct(cell) -> str:
    """What Excel shows for a `0 %` cell: the value to 15 digits, ×100, half up."""
    assert cell.number_format == "0 %", cell.number_format
    return "–" if cell.value is None else pct(float(f"{cell.value * 100:.15g}"))


def excel_share(cell, share: float | None) -> str:
    """The cell holds the JSON's share (not one of its own) and shows it as `pct`."""
    if share is None:
        assert cell.value is None
    else:
        assert cell.value == pytest.approx(share / 100, rel=1e-12, abs=1e-15)
    return excel_pct(cell)


# --- the report in every format --------------------------------------------------------------


@dataclass
class Rendered:
    data: dict[str, Any]
    text: str
    html: Any  # the parsed tree
    markdown: str
    workbook: openpyxl.Workbook

    @property
    def plans(self) -> dict[str, dict[str, Any]]:
        return {p["campaign"]: p for p in self.data["plans"]}

    @property
    def kpi(self) -> dict[str, Any]:
        measured = [k for k in self.data["kpi"] if k["pct"] is not None]
        assert len(measured) == 1
        return measured[0]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Rendered:
    folder = tmp_path_factory.mktemp("samsvar") / "planer"
    folder.mkdir()
    for name, spec in PLANS.items():
        fill_plan(write_template(folder / name), spec["rows"], spec["campaign"])
    report = make_report(folder, month=None)
    path = write_report_xlsx(report, folder.parent / "rapport.xlsx")
    return Rendered(
        data=json.loads(render_json(report)),
        text=render_text(report, width=400, color=False),
        html=parse_html(render_html(report)),
        markdown=render_markdown(report),
        workbook=openpyxl.load_workbook(path),
    )


# --- the JSON: the fixture's figures, and the definitions ------------------------------------


def test_json_figures(rendered):
    data = rendered.data
    assert data["activities"] == 9 + 6 + 188 == sum(data["status"].values())
    assert data["status"] == {
        "todo": 5 + 2 + 60,
        "in_production": 2 + 1 + 70,
        "distributed": 1 + 1 + 55,
        "cancelled": 1 + 1 + 1,
        "unknown": 0 + 1 + 2,
    }
    # active: every phase but cancelled, unknown included; each share is of the active
    assert data["active"] == data["activities"] - data["status"]["cancelled"] == 200
    assert data["status_pct"] == {
        "todo": 33.5,
        "in_production": 36.5,
        "distributed": 28.5,
        "cancelled": None,
        "unknown": 1.5,
    }
    plans = rendered.plans
    assert plans["Liten"]["active"] == 8 and plans["Liten"]["status_pct"]["distributed"] == 12.5
    for plan in data["plans"]:
        assert plan["active"] == plan["activities"] - plan["status"]["cancelled"]

    # planned leaves out the cancelled activities' budgets; spent keeps their costs
    assert plans["Liten"]["budget"]["planned"] == 30_000 + 8_000 + 4_000 + 6_000 + 2_000
    assert plans["Liten"]["budget"]["spent"] == 18_000 + 1_000 + 1_000 + 1_000
    blank = plans["Uten budsjett"]["budget"]
    assert blank["planned"] == blank["total"] == 20_000  # not the cancelled radio's 10 000
    assert blank["spent"] == 6_000 and blank["burn_pct"] == 30.0
    assert plans["Året rundt"]["budget"]["planned"] == 187 * 500
    budget = data["budget"]
    assert budget["planned"] == 50_000 + 20_000 + 93_500
    assert (budget["total"], budget["spent"], budget["burn_pct"]) == (200_000, 57_000, 28.5)
    # 21 000 of 80 000 is 26.25 %: half up to one decimal
    assert plans["Liten"]["budget"]["burn_pct"] == 26.3
    assert rendered.kpi["pct"] == 28.5
    linkedin = next(c for c in data["by_channel"] if c["channel"] == "LinkedIn")
    assert linkedin["burn_pct"] == 12.5
    video = next(c for c in data["by_channel"] if c["channel"] == "Video")
    assert (video["planned"], video["spent"]) == (2_000, 1_000)  # the podcast's 5 000 is out


# --- text ------------------------------------------------------------------------------------


def text_table(text: str, title: str) -> tuple[list[str], list[list[str]]]:
    """The rich table under `title`: (header cells, rows of cells); cells split on 2+ spaces."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == title)
    body = []
    for line in lines[start + 2 :]:  # the title, then the box's blank top line
        if not line.strip():
            break
        body.append(line)
    rule = next((i for i, line in enumerate(body) if set(line.strip()) == {"─"}), None)
    head = re.split(r"\s{2,}", body[0].strip()) if rule is not None else []
    first = rule + 1 if rule is not None else 0  # a table without a header starts at once
    rows = [re.split(r"\s{2,}", line.strip()) for line in body[first:]]
    width = max(len(head), *(len(r) for r in rows))
    return head, [r + [""] * (width - len(r)) for r in rows]


def text_headline(text: str) -> list[str]:
    return [line[2:] for line in text.splitlines() if line.startswith("• ")]


def test_text_shows_the_json_figures(rendered):
    data, text = rendered.data, rendered.text
    subtitle = text.splitlines()[1]  # the HTML's and Markdown's subtitle
    match = re.search(r"· (\d+) planer · ([\d\xa0]+) aktiviteter$", subtitle)
    assert match, subtitle
    assert int(match[1]) == len(data["plans"]) == 3
    assert count(match[2]) == data["activities"]

    head, rows = text_table(text, tr("text.status"))
    assert head == [tr("col.phase"), tr("col.count"), tr("col.share")]
    status = {PHASE_OF[label]: (count(n), share) for label, n, share in rows}
    assert status == {
        phase: (
            data["status"][phase],
            pct(data["status_pct"][phase]) if phase != "cancelled" else "",
        )
        for phase in ALL_PHASES
    }
    assert sum(n for n, _ in status.values()) == data["activities"]  # header = table
    assert status["distributed"][1] == nb("29 %") and status["in_production"][1] == nb("37 %")

    check_progress(text_headline(text), data)

    _, rows = text_table(text, tr("mgmt.section.budget"))
    budget, b = dict(rows), data["budget"]
    check_budget_rows(budget, b)  # the rows the HTML and Markdown reports list
    assert budget[tr("budget.planned")] == nb("163 500 kr")

    head, rows = text_table(text, tr("text.portfolio"))
    table = {row[0]: dict(zip(head, row, strict=True)) for row in rows}
    for name, source in [*rendered.plans.items(), (tr("text.total"), data)]:
        row = table[name]
        assert count(row[tr("col.activities")]) == source["activities"]
        assert count(row[PHASE_LABELS["nb"]["distributed"]]) == source["status"]["distributed"]
        assert row[tr("budget.spent")] == money(source["budget"]["spent"])
        assert row[tr("budget.total")] == money(source["budget"]["total"])
        assert row[tr("budget.burn")] == pct(source["budget"]["burn_pct"])
        assert row[tr("budget.elapsed")] == pct(source["budget"]["elapsed_pct"])
    assert sum(count(table[p][tr("col.activities")]) for p in rendered.plans) == data["activities"]

    head, rows = text_table(text, tr("text.kpi"))
    goals = {row[0]: dict(zip(head, row, strict=True)) for row in rows}
    assert goals["Liten"][tr("col.share")] == pct(rendered.kpi["pct"]) == nb("29 %")
    assert goals["Liten"][tr("budget.elapsed")] == pct(rendered.kpi["elapsed_pct"])

    head, rows = text_table(text, tr("text.by_channel"))
    channels = {row[0]: dict(zip(head, row, strict=True)) for row in rows}
    for channel in data["by_channel"]:
        row = channels[channel["channel"] or tr("text.none")]
        assert count(row[tr("col.activities")]) == channel["activities"]
        assert row[tr("budget.planned")] == money(channel["planned"])
        assert row[tr("budget.spent")] == money(channel["spent"])
        assert row[tr("budget.burn")] == pct(channel["burn_pct"])


def check_progress(sentences: list[str], data: dict[str, Any]) -> None:
    """The headline's «X av Y aktiviteter er i distribusjon, og Z er i produksjon.»"""
    pattern = r"([\d\xa0]+) av ([\d\xa0]+) aktiviteter er i distribusjon, og ([\d\xa0]+) er i produksjon\."
    found = [m for s in sentences if (m := re.fullmatch(pattern, s))]
    assert len(found) == 1, sentences
    done, active, production = (count(found[0][i]) for i in (1, 2, 3))
    assert done == data["status"]["distributed"]
    assert active == data["active"]
    assert production == data["status"]["in_production"]


# --- HTML ------------------------------------------------------------------------------------


def test_html_shows_the_json_figures(rendered):
    data, doc = rendered.data, rendered.html
    subtitle = doc.find("p", class_="subtitle").text()
    match = re.search(r"· (\d+) planer · ([\d\xa0]+) aktiviteter$", subtitle)
    assert match, subtitle
    assert int(match[1]) == len(data["plans"]) and count(match[2]) == data["activities"]

    sentences = [s.text() for s in doc.find("p", class_="headline").find_all("span")]
    assert sentences == text_headline(rendered.text)  # the same headline as the terminal's
    check_progress(sentences, data)

    tiles = {t.attrs["data-key"]: t for t in doc.find("ul", class_="tiles").find_all("li")}
    value = {key: tile.find("div", class_="value").text() for key, tile in tiles.items()}
    note = {key: tile.find("div", class_="note").text() for key, tile in tiles.items()}
    assert value["progress"] == f"{grouped(data['status']['distributed'])} av {data['active']}"
    assert note["progress"] == tr(
        "mgmt.tile.progress_note",
        pct=pct(data["status_pct"]["distributed"]),
        production=grouped(data["status"]["in_production"]),
    )
    assert value["burn"] == pct(data["budget"]["burn_pct"]) == nb("29 %")
    assert value["goal"] == pct(rendered.kpi["pct"]) == nb("29 %")

    table = section(doc, "status").find("table", class_="figures")
    rows = {}
    for row in table.find("tbody").find_all("tr"):
        label, number, share = (cell.text() for cell in row.find_all("td"))
        assert PHASE_OF[label] == row.attrs["data-phase"]
        rows[row.attrs["data-phase"]] = (count(number), share)
    assert rows == {
        phase: (
            data["status"][phase],
            pct(data["status_pct"][phase]) if phase != "cancelled" else "",
        )
        for phase in ALL_PHASES
    }
    # the tile's share is the table's: one figure
    assert pct(data["status_pct"]["distributed"]) in note["progress"]
    assert rows["distributed"][1] in note["progress"]
    assert sum(n for n, _ in rows.values()) == data["activities"]
    assert sum(n for p, (n, _) in rows.items() if p != "cancelled") == data["active"]

    budget = {
        cells[0].text(): cells[1].text()
        for table in section(doc, "budsjett").find_all("table", class_="figures")
        for cells in (row.find_all("td") for row in table.find("tbody").find_all("tr"))
    }
    check_budget_rows(budget, data["budget"])

    campaigns = section(doc, "kampanjer").find("table")
    bars = {}
    for row in campaigns.find("tbody").find_all("tr"):
        cells = row.find_all("td")
        name = cells[0].children[0].strip()
        plan = rendered.plans[name]
        assert count(cells[1].text()) == plan["activities"]
        # the status bar: each phase at the plan's share of its active activities
        bar = bars[name] = {
            span.attrs["class"]: (span.attrs["style"], span.attrs["title"])
            for span in cells[2].find("div", class_="stack").find_all("span")
        }
        assert bar == {
            phase: (
                f"width: {plan['status_pct'][phase]:.1f}%",
                f"{PHASE_LABELS['nb'][phase]}: {plan['status'][phase]}",
            )
            for phase in ("todo", "in_production", "distributed", "unknown")
            if plan["status"][phase]
        }
        assert cells[2].find("span", class_="sub").text() == tr(
            "mgmt.portfolio.done", done=grouped(plan["status"]["distributed"])
        )
        b = plan["budget"]
        assert (cells[3].text(), cells[4].text()) == (money(b["spent"]), money(b["total"]))
        assert cells[5].text() == tr(
            "text.burn_vs", burn=pct(b["burn_pct"]), elapsed=pct(b["elapsed_pct"])
        )
    assert bars["Liten"]["distributed"] == ("width: 12.5%", "I distribusjon: 1")  # 1 of 8
    total = [cell.text() for cell in campaigns.find("tfoot").find_all("td")]
    assert count(total[1]) == data["activities"]
    assert total[3:6] == [
        money(data["budget"]["spent"]),
        money(data["budget"]["total"]),
        pct(data["budget"]["burn_pct"]),
    ]

    goal = section(doc, "maal").find("table").find("tbody").find_all("tr")
    cells = [cell.text() for cell in goal[0].find_all("td")]
    assert cells[0].startswith("Liten")
    assert cells[5:7] == [pct(rendered.kpi["pct"]), pct(rendered.kpi["elapsed_pct"])]

    channels = section(doc, "kanaler").find("table")
    shown = {
        cells[0]: cells[1:]
        for cells in (
            [cell.text() for cell in row.find_all("td")]
            for row in channels.find("tbody").find_all("tr")
        )
    }
    assert shown == {
        c["channel"] or tr("text.none"): [
            grouped(c["activities"]),
            money(c["planned"]),
            money(c["spent"]),
            pct(c["burn_pct"]),
        ]
        for c in data["by_channel"]
    }
    assert shown["LinkedIn"][3] == nb("13 %")


def check_budget_rows(shown: dict[str, str], b: dict[str, Any]) -> None:
    """The budget figures as the HTML and Markdown reports list them."""
    for key in ("total", "planned", "spent", "remaining", "forecast"):
        assert shown[tr(f"budget.{key}")] == money(b[key]), key
    assert shown[tr("budget.burn")] == pct(b["burn_pct"])
    assert shown[tr("budget.elapsed")] == pct(b["elapsed_pct"])


# --- Markdown --------------------------------------------------------------------------------


def test_markdown_shows_the_json_figures(rendered):
    data, text = rendered.data, rendered.markdown
    lines = text.splitlines()
    subtitle = unescape_md(next(line for line in lines if line.startswith("*Per ")).strip("*"))
    match = re.search(r"· (\d+) planer · ([\d\xa0]+) aktiviteter$", subtitle)
    assert match, subtitle
    assert int(match[1]) == len(data["plans"]) and count(match[2]) == data["activities"]
    quote = unescape_md(next(line for line in lines if line.startswith("> "))[2:])
    assert quote == " ".join(text_headline(rendered.text))

    tables = md_tables(text)
    figures = {r[tr("mgmt.col.figure")]: r for r in tables[tr("mgmt.section.key_figures")]}
    progress = figures[PHASE_LABELS["nb"]["distributed"]]
    assert progress[tr("mgmt.col.value")] == f"{data['status']['distributed']} av {data['active']}"
    assert pct(data["status_pct"]["distributed"]) in progress[tr("mgmt.col.note")]
    assert figures[tr("mgmt.tile.burn")][tr("mgmt.col.value")] == pct(data["budget"]["burn_pct"])
    assert figures[tr("mgmt.tile.goal")][tr("mgmt.col.value")] == pct(rendered.kpi["pct"])

    status = {
        PHASE_OF[r[tr("col.phase")]]: (count(r[tr("col.count")]), r[tr("col.share")])
        for r in tables[tr("text.status")]
    }
    assert status == {
        phase: (
            data["status"][phase],
            pct(data["status_pct"][phase]) if phase != "cancelled" else "",
        )
        for phase in ALL_PHASES
    }
    assert sum(n for n, _ in status.values()) == data["activities"]

    budget = {
        r[tr("mgmt.col.figure")]: r[tr("mgmt.col.value")] for r in tables[tr("mgmt.section.budget")]
    }
    check_budget_rows(budget, data["budget"])

    campaigns = {r[tr("col.campaign")]: r for r in tables[tr("text.portfolio")]}
    for name, plan in [*rendered.plans.items(), (f"**{tr('text.total')}**", data)]:
        row, b = campaigns[name], plan["budget"]
        assert count(row[tr("col.activities")]) == plan["activities"]
        assert count(row[PHASE_LABELS["nb"]["distributed"]]) == plan["status"]["distributed"]
        assert row[tr("budget.spent")] == money(b["spent"])
        assert row[tr("budget.total")] == money(b["total"])
        assert row[tr("budget.burn")] == pct(b["burn_pct"])
        assert row[tr("budget.elapsed")] == pct(b["elapsed_pct"])

    goals = {r[tr("col.campaign")]: r for r in tables[tr("text.kpi")]}
    assert goals["Liten"][tr("col.share")] == pct(rendered.kpi["pct"])

    channels = {r[tr("col.channel")]: r for r in tables[tr("text.by_channel")]}
    for channel in data["by_channel"]:
        row = channels[channel["channel"] or tr("text.none")]
        assert count(row[tr("col.activities")]) == channel["activities"]
        assert row[tr("budget.planned")] == money(channel["planned"])
        assert row[tr("budget.spent")] == money(channel["spent"])


# --- Excel -----------------------------------------------------------------------------------


def test_excel_shows_the_json_figures(rendered):
    data, workbook = rendered.data, rendered.workbook
    summary = workbook["Sammendrag"]
    match = re.search(r"· (\d+) planer · ([\d\xa0]+) aktiviteter$", summary["A2"].value)
    assert match, summary["A2"].value
    assert int(match[1]) == len(data["plans"]) and count(match[2]) == data["activities"]
    sentences = []
    for row in range(5, 5 + 10):
        if summary.cell(row=row, column=1).value is None:
            break
        sentences.append(summary.cell(row=row, column=1).value)
    assert sentences == text_headline(rendered.text)

    figures = {}
    for label, value in summary.iter_rows(min_col=1, max_col=2):
        if isinstance(label.value, str) and value.value is not None:
            figures.setdefault(label.value, value)
    assert figures[tr("col.activities")].value == data["activities"]
    for phase in ALL_PHASES:
        assert figures[PHASE_LABELS["nb"][phase]].value == data["status"][phase]
    b = data["budget"]
    for key in ("total", "planned", "spent", "remaining", "forecast"):
        assert figures[tr(f"budget.{key}")].value == pytest.approx(b[key]), key
    assert figures[tr("budget.planned")].value == 163_500
    assert excel_share(figures[tr("budget.burn")], b["burn_pct"]) == nb("29 %")
    assert excel_share(figures[tr("budget.elapsed")], b["elapsed_pct"]) == pct(b["elapsed_pct"])
    goal = figures[tr("mgmt.fig.goal", campaign="Liten")]
    assert excel_share(goal, rendered.kpi["pct"]) == nb("29 %")

    phases = {}
    share_column = [c.value for c in header_cells(summary, "Faser")].index(tr("col.share"))
    for record, cells in zip(
        table_records(summary, "Faser"), table_cells(summary, "Faser"), strict=True
    ):
        phases[PHASE_OF[record[tr("col.phase")]]] = (record[tr("col.count")], cells[share_column])
    assert {p: n for p, (n, _) in phases.items()} == data["status"]
    for phase, (_, cell) in phases.items():
        share = data["status_pct"][phase]
        assert excel_share(cell, share) == pct(share), phase
    assert excel_pct(phases["distributed"][1]) == nb("29 %")
    assert sum(n for n, _ in phases.values()) == data["activities"]

    sheet = workbook["Per kampanje"]
    for record, cells in zip(
        table_records(sheet, "PerKampanje"), table_cells(sheet, "PerKampanje"), strict=True
    ):
        plan = rendered.plans[record[tr("col.campaign")]]
        assert record[tr("col.activities")] == plan["activities"]
        for phase in ("todo", "in_production", "distributed", "cancelled"):
            assert record[PHASE_LABELS["nb"][phase]] == plan["status"][phase]
        column = {cell.value: i for i, cell in enumerate(header_cells(sheet, "PerKampanje"))}
        assert record[tr("budget.total")] == plan["budget"]["total"]
        assert record[tr("budget.spent")] == plan["budget"]["spent"]
        for key in ("burn", "elapsed"):
            share = plan["budget"][f"{key}_pct"]
            assert excel_share(cells[column[tr(f"budget.{key}")]], share) == pct(share)

    sheet = workbook["Per kanal"]
    column = {cell.value: i for i, cell in enumerate(header_cells(sheet, "PerKanal"))}
    shown = {
        record[tr("col.channel")]: (
            record[tr("col.activities")],
            record[tr("budget.planned")],
            record[tr("budget.spent")],
            cells[column[tr("budget.burn")]],
        )
        for record, cells in zip(
            table_records(sheet, "PerKanal"), table_cells(sheet, "PerKanal"), strict=True
        )
    }
    by_name = {c["channel"] or tr("text.none"): c for c in data["by_channel"]}
    shown = {
        name: (*figures[:3], excel_share(figures[3], by_name[name]["burn_pct"]))
        for name, figures in shown.items()
    }
    assert shown == {
        c["channel"] or tr("text.none"): (
            c["activities"],
            c["planned"],
            c["spent"],
            pct(c["burn_pct"]),
        )
        for c in data["by_channel"]
    }


def header_cells(sheet, name: str) -> list:
    return next(iter(sheet[sheet.tables[name].ref]))


def table_cells(sheet, name: str) -> list[list]:
    return [list(row) for row in list(sheet[sheet.tables[name].ref])[1:]]


# --- text and HTML: one view, the same sentences ----------------------------------------------


def html_cells(table) -> list[list[str]]:
    return [
        [cell.text() for cell in row.find_all("td")] for row in table.find("tbody").find_all("tr")
    ]


def check_same_sentences(text: str, doc) -> None:
    """The terminal says what the HTML says, word for word: each title, sentence and cell
    is the view's, read from both documents as a reader sees them."""
    lines = [line.strip() for line in text.splitlines()]
    assert lines[0] == doc.find("title").text()  # «Statusrapport – Markedsaktiviteter»
    assert lines[1] == doc.find("p", class_="subtitle").text()
    sentences = [s.text() for s in doc.find("p", class_="headline").find_all("span")]
    assert text_headline(text) == sentences and sentences

    status = section(doc, "status")
    assert status.find("p", class_="note").text() in lines  # the experiments
    issues = section(doc, "avvik")
    assert issues.find("p", class_="callout").text() in lines
    for callout in issues.find_all("p", class_="callout")[1:]:  # the files not read
        assert callout.text() in lines

    _, rows = text_table(text, status.find("h2").text())
    assert rows == html_cells(status.find("table"))
    budget = section(doc, "budsjett")
    _, rows = text_table(text, budget.find("h2").text())
    assert rows == [
        cells for table in budget.find_all("table", class_="figures") for cells in html_cells(table)
    ]

    for ident in ("forsinket", "kommende"):
        part = section(doc, ident)
        heading = part.find("h2").text()
        assert heading in lines
        if not part.find_all("table"):  # an empty list says so, in the same words
            assert part.find("p").text() in lines
            continue
        _, rows = text_table(text, heading)
        for shown, cells in zip(rows, html_cells(part.find("table")), strict=False):
            # the HTML sets the campaign under the activity; the terminal in its own column
            days, activity, person, deadline, phase, campaign = shown
            assert [days, f"{activity} {campaign}", person, deadline, phase] == cells

    if doc.find_all("section", id="maaned"):
        month = section(doc, "maaned")
        assert month.find("h2").text() in lines
        for group in month.find_all("div", class_="month-group"):
            title = group.find("h3")
            name, shown = title.children[0].strip(), title.find("span").text()
            if not group.find_all("table"):
                assert f"{name}: {group.find('p').text()}" in lines
                continue
            _, rows = text_table(text, f"{name} ({shown})")
            for (activity, person, day, phase, campaign), cells in zip(
                rows, html_cells(group.find("table")), strict=False
            ):
                assert [f"{activity} {campaign}", person, day, phase] == cells

    goals = section(doc, "maal").find_all("table")
    if goals:
        _, rows = text_table(text, section(doc, "maal").find("h2").text())
        for shown, cells in zip(rows, html_cells(goals[0]), strict=True):
            assert cells[0].startswith(shown[0])  # the goal's own words follow in HTML
            assert shown[1:6] == [*cells[1:4], *cells[5:7]]

    for ident in ("personer", "kanaler"):
        part = section(doc, ident)
        _, rows = text_table(text, part.find("h2").text())
        assert rows == html_cells(part.find("table"))


def test_text_and_html_say_the_same_sentences(rendered):
    check_same_sentences(rendered.text, rendered.html)
    assert "Planene har" in rendered.text  # errors and warnings, in the view's words


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("month", [(2026, 3), None])
def test_text_and_html_say_the_same_sentences_with_a_month(portfolio, language, month):
    report = make_report(portfolio, month=month, language=language)
    check_same_sentences(
        render_text(report, width=400, color=False), parse_html(render_html(report))
    )


# --- one rounding rule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [(28.5, "29 %"), (12.5, "13 %"), (0.5, "1 %"), (36.5, "37 %"), (28.4, "28 %"), (None, "–")],
)
def test_percentages_round_half_up(value, shown):
    from aktivitetsplan.i18n.fmt import Formatter

    assert Formatter("nb").pct(value) == nb(shown)


@pytest.mark.parametrize(
    ("part", "whole_", "share"), [(57, 200, 28.5), (1, 8, 12.5), (1, 3, 33.3), (2, 3, 66.7)]
)
def test_shares_round_half_up_to_one_decimal(part, whole_, share):
    from aktivitetsplan.compute.figures import status_shares

    shares = status_shares({"todo": whole_ - part, "distributed": part, "cancelled": 4})
    assert shares["distributed"] == share and shares["cancelled"] is None


def test_money_rounds_half_up():
    from aktivitetsplan.i18n.fmt import Formatter
    from aktivitetsplan.plan.rounding import round_half_up

    assert Formatter("nb").money(12_500.5) == nb("12 501 kr")
    assert round_half_up(2.675, 2) == 2.68  # the float 2.67499999… is read as written
    assert Formatter("nb").number(-0.4) == "0"
