"""`--format pdf` and `årshjul -o hjul.pdf`: the PDFs WeasyPrint writes, read back with
poppler-utils (pdftotext, pdfinfo, pdffonts, pdfimages, pdftoppm) as a reader would see them.

Under CI (CI=true) these tests must run: a missing WeasyPrint or poppler is a failure,
never a skip (as the LibreOffice and browser tests).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from conftest import REPORT_DATE, fill_plan, write_template

from aktivitetsplan import build_report, read_plans
from aktivitetsplan.formats.report import PARTS
from aktivitetsplan.settings import Settings
from aktivitetsplan.view.report import ReportView

pytestmark = pytest.mark.pdf

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
DAY = "31.03.2026"  # REPORT_DATE as typed on the command line
# The short report: the conftest portfolio (2 plans, 7 activities, a few rows per list)
# takes five A4 pages: 1 masthead, key figures, the method's experiments and readiness;
# 2 the digital tail, status, budget; 3 overdue, upcoming, goals, campaigns; 4 people,
# channels, types, the issues; 5 the wheel, which always starts a page of its own.
SHORT_PAGES = 5
# The long report: 150 overdue activities in one plan take eleven pages: 1 masthead, key
# figures and the method (experiments, readiness, digital tail); 2 status, budget and the
# start of the overdue list; 3-9 the rest of it (some 24 rows a page, its header repeated
# on each), upcoming, goals, people, channels; 10 the issues; 11 the wheel.
LONG_ROWS = 150
LONG_PAGES = 11
A4 = (595, 842)  # points, rounded as pdfinfo prints them
A3 = (842, 1191)


def need_pdf_tools() -> None:
    """WeasyPrint and poppler-utils; under CI their absence is a failure, never a skip."""
    missing = [t for t in ("pdftotext", "pdfinfo", "pdffonts", "pdftoppm") if not shutil.which(t)]
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):  # OSError: pango missing
        missing.append("weasyprint")
    if not missing:
        return
    message = f"{', '.join(missing)} missing"
    if IN_CI:
        pytest.fail(f"{message} under CI=true; .ci/run must install them")
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _tools() -> None:
    need_pdf_tools()


def poppler(*args: str | Path) -> str:
    result = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=120, check=True
    )
    return result.stdout


def text_of(pdf: Path, page: int | None = None) -> str:
    """The PDF's text with every run of white space (no-break spaces too) as one space."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return re.sub(r"\s+", " ", poppler("pdftotext", *pages, pdf, "-"))


def info(pdf: Path) -> dict[str, str]:
    lines = poppler("pdfinfo", pdf).splitlines()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines)}


def page_count(pdf: Path) -> int:
    return int(info(pdf)["Pages"])


def page_size(pdf: Path) -> tuple[int, int]:
    width, height = re.match(r"([\d.]+) x ([\d.]+) pts", info(pdf)["Page size"]).groups()
    return round(float(width)), round(float(height))


def ink_per_page(pdf: Path) -> list[int]:
    """Pixels darker than near-white on each page, rendered grey at 20 dpi (PGM from pdftoppm)."""
    data = subprocess.run(
        ["pdftoppm", "-gray", "-r", "20", str(pdf)], capture_output=True, timeout=120, check=True
    ).stdout
    counts, pos = [], 0
    header = re.compile(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s")
    while pos < len(data):
        match = header.match(data, pos)
        assert match, f"no PGM header at byte {pos}"
        width, height = int(match[1]), int(match[2])
        start = match.end()
        pixels = np.frombuffer(data, dtype=np.uint8, count=width * height, offset=start)
        counts.append(int((pixels < 250).sum()))
        pos = start + width * height
    return counts


def rapport(aktplan, *args: str) -> None:
    code, _out, err = aktplan("rapport", *args, "--dato", DAY, "--uten-historikk")
    assert code == 0, err


def long_plan(folder: Path) -> Path:
    """One plan of LONG_ROWS activities, all overdue on REPORT_DATE."""
    folder.mkdir()
    rows = [
        {
            "ID": f"L{i}",
            "Aktivitet": f"Aktivitet nummer {i}",
            "Type": "Kampanje",
            "Kanal": ("E-post", "Nettside", "LinkedIn")[i % 3],
            "Ansvarlig": ("Kari", "Ola", "Ingrid")[i % 3],
            "Frist": REPORT_DATE - timedelta(days=1 + i % 60),
            "Status": "Å gjøre",
            "Budsjett (kr)": 1_000,
        }
        for i in range(LONG_ROWS)
    ]
    campaign = {"Kampanje": "Lang plan", "Start": date(2026, 1, 1), "Slutt": date(2026, 6, 30)}
    fill_plan(write_template(folder / "lang.xlsx"), rows, campaign)
    return folder


# --- the report ---------------------------------------------------------------------------


def test_report_pdf_holds_the_headline_and_key_figures(aktplan, portfolio, tmp_path):
    rapport(aktplan, str(portfolio), "-o", "rapport.pdf")
    pdf = tmp_path / "rapport.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    settings = Settings().but(report_date=REPORT_DATE)
    files = sorted(portfolio.glob("*.xlsx"))
    view = ReportView(build_report(read_plans(files, settings), settings, parts=PARTS["pdf"]))
    text = text_of(pdf)
    for sentence in view.headline:
        assert re.sub(r"\s+", " ", sentence) in text
    for tile in view.tiles:
        assert re.sub(r"\s+", " ", tile.value) in text, tile.key
    assert "2 av 6" in text and "274 000 kr" in text and "42 %" in text
    assert "Høstmesse" in text and "Vårkampanje" in text


def test_format_pdf_takes_a_name_without_ending_and_refuses_stdout(aktplan, portfolio, tmp_path):
    rapport(aktplan, str(portfolio), "--format", "pdf", "-o", "rapport")
    assert (tmp_path / "rapport").read_bytes()[:5] == b"%PDF-"
    code, out, err = aktplan("rapport", str(portfolio), "--format", "pdf", "--dato", DAY)
    assert code == 2 and out == ""
    assert err.strip() == "Feil: formatet pdf skrives til fil: oppgi -o FIL"
    code, _out, err = aktplan("rapport", str(portfolio), "--format", "pdf", "-o", "r.html")
    assert code == 2 and "--format pdf" in err


def test_page_counts_short_and_long(aktplan, portfolio, tmp_path):
    rapport(aktplan, str(portfolio), "-o", "kort.pdf")
    rapport(aktplan, str(long_plan(tmp_path / "lang")), "-o", "lang.pdf")
    assert page_count(tmp_path / "kort.pdf") == SHORT_PAGES
    assert page_count(tmp_path / "lang.pdf") == LONG_PAGES
    text = text_of(tmp_path / "lang.pdf")
    for i in range(LONG_ROWS):  # every row of the long list, none lost at a page break
        assert f"Aktivitet nummer {i} " in text


def test_pages_are_a4_not_blank_and_vector(aktplan, portfolio, tmp_path):
    rapport(aktplan, str(portfolio), "-o", "rapport.pdf")
    pdf = tmp_path / "rapport.pdf"
    assert page_size(pdf) == A4
    ink = ink_per_page(pdf)
    assert len(ink) == SHORT_PAGES
    # A page with only its footer has some 200 dark pixels at 20 dpi; every page has more.
    assert min(ink) > 1_000, ink
    # The charts and the wheel are drawn as vectors: the PDF holds no raster image at all.
    images = poppler("pdfimages", "-list", pdf).splitlines()[2:]
    assert images == []


def test_fonts_are_embedded(aktplan, portfolio, tmp_path):
    rapport(aktplan, str(portfolio), "-o", "rapport.pdf")
    rows = poppler("pdffonts", tmp_path / "rapport.pdf").splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        columns = row.split()
        assert columns[-5] == "yes", row  # emb


def test_footer_has_title_date_and_page_numbers(aktplan, portfolio, tmp_path):
    rapport(aktplan, str(portfolio), "-o", "rapport.pdf")
    pdf = tmp_path / "rapport.pdf"
    for page in (1, SHORT_PAGES):
        text = text_of(pdf, page)
        assert "Statusrapport – Markedsaktiviteter · 31. mars 2026" in text
        assert f"Side {page} av {SHORT_PAGES}" in text
    assert info(pdf)["Title"] == "Statusrapport – Markedsaktiviteter"
    rapport(aktplan, str(portfolio), "-o", "report.pdf", "--språk", "en")
    text = text_of(tmp_path / "report.pdf", 1)
    assert f"Page 1 of {page_count(tmp_path / 'report.pdf')}" in text
    assert "Status report – " in text and "31 March 2026" in text


def test_script_in_a_plan_stays_text(aktplan, tmp_path):
    folder = tmp_path / "planer"
    folder.mkdir()
    name = "<script>alert('x')</script>"
    rows = [
        {"Aktivitet": name, "Ansvarlig": "Kari", "Frist": date(2026, 3, 10), "Status": "Å gjøre"}
    ]
    fill_plan(write_template(folder / "plan.xlsx"), rows, {"Kampanje": "<i>Kampanje</i> & co"})
    rapport(aktplan, str(folder), "-o", "rapport.pdf")
    pdf = tmp_path / "rapport.pdf"
    text = text_of(pdf)
    assert f"21 {name}" in text  # the overdue list: days late, then the activity
    assert "Statusrapport – <i>Kampanje</i> & co · 31. mars 2026" in text  # the footer
    assert poppler("pdfinfo", "-js", pdf).strip() == ""  # no JavaScript anywhere


def test_the_method_in_the_pdf(tmp_path):
    """The goal opens the report, its section follows the key figures; the months, the
    flagged campaign and a plan's <script> are there as text."""
    from test_method_report import (
        EXPERIMENT_SENTENCES,
        GOAL_SENTENCE,
        GOAL_SENTENCES,
        SCRIPT,
        TITLES,
        method_plans,
        method_report,
    )

    from aktivitetsplan.formats.pdf import render_pdf

    pdf = tmp_path / "metode.pdf"
    pdf.write_bytes(render_pdf(method_report(method_plans(tmp_path / "planer"))))
    first = text_of(pdf, 1)
    spaced = [re.sub(r"\s+", " ", s) for s in GOAL_SENTENCES + EXPERIMENT_SENTENCES]
    opening = re.sub(r"\s+", " ", GOAL_SENTENCE)  # the headline's first sentence
    # (the section number prints beside its title: poppler reads it before or after)
    assert first.index(opening) < first.index(TITLES[0]) < first.index(spaced[0])
    assert TITLES[1] in first
    text = text_of(pdf)
    months = "JAN FEB MAR APR MAI JUN JUL AUG SEP OKT NOV DES – 1 – – 1 1 – – – – – –"
    assert text.index(spaced[-1]) < text.index(months)  # the strip, row by row
    # (pdftotext reads the readiness table's right-hand columns after the next heading's
    # number: the order within it is poppler's, not the page's)
    assert TITLES[2] in text and TITLES[3] in text and "Mangler beredskap" in text
    assert f"{SCRIPT} Ja –" in text
    assert poppler("pdfinfo", "-js", pdf).strip() == ""


def test_nothing_outside_the_document_is_fetched(tmp_path):
    """A URL in the markup is not followed: not a local file, not the network."""
    from aktivitetsplan.formats.pdf import html_to_pdf

    picture = tmp_path / "hemmelig.svg"
    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>')
    html = f'<p>tekst</p><img src="{picture.as_uri()}"><img src="http://192.0.2.1/x.png">'
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(html_to_pdf(html))
    assert text_of(pdf).strip() == "tekst"
    assert poppler("pdfimages", "-list", pdf).splitlines()[2:] == []


# --- the wheel ----------------------------------------------------------------------------


@pytest.mark.parametrize(("paper", "size"), [(None, A4), ("A3", A3), ("a3", A3), ("A4", A4)])
def test_wheel_pdf_is_one_page_of_the_paper(aktplan, portfolio, tmp_path, paper, size):
    args = ["--papir", paper] if paper else []
    code, out, err = aktplan("årshjul", str(portfolio), "--dato", DAY, "-o", "hjul.pdf", *args)
    assert code == 0, err
    pdf = tmp_path / "hjul.pdf"
    assert page_count(pdf) == 1
    assert page_size(pdf) == size
    assert "Årshjul 2026" in text_of(pdf)
    assert ink_per_page(pdf)[0] > 1_000
    assert poppler("pdfimages", "-list", pdf).splitlines()[2:] == []  # vector
    # `-o hjul.pdf` asks for the PDF: no workbook or SVG beside it.
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["hjul.pdf"]
    assert out.splitlines()[0] == "Skrev hjul.pdf"


def test_wheel_without_ending_still_writes_workbook_and_svg(aktplan, portfolio, tmp_path):
    code, _out, err = aktplan("årshjul", str(portfolio), "--dato", DAY, "-o", "hjul")
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["hjul.svg", "hjul.xlsx"]


def test_wheel_refuses_an_unknown_paper(aktplan, portfolio):
    code, _out, err = aktplan("årshjul", str(portfolio), "-o", "hjul.pdf", "--papir", "A5")
    assert code == 2 and err.startswith("Feil: ")
