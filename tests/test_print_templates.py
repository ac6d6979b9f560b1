"""The workbooks in maler/ print well: LibreOffice exports each to PDF, as a new user
would, and poppler's `pdftotext` reads the pages back.

Each page's footer names its sheet (`&A`), so the PDF of a whole workbook is split by
sheet from the footer line. Checked per sheet: the page count, that the text of the
guide and the lists comes out whole (every catalogue sentence found, no word split
across cells or pages), and on the plan's first page a readable text height: the
median height of the word boxes `pdftotext -bbox` reports is at least 7 pt on an A4
page (11 pt text gives 14.3 pt boxes unscaled; 7 pt is a scale of about one half).
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from itertools import pairwise
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import IN_CI, convert

from aktivitetsplan import build_maler
from aktivitetsplan.plan.schema import PHASE_LABELS, REPEAT_LABELS, SHEETS
from aktivitetsplan.settings import Settings
from aktivitetsplan.workbooks.plan_template import method_guide
from aktivitetsplan.workbooks.rules import status_dropdown

pytestmark = pytest.mark.libreoffice

A4_LANDSCAPE = (841.89, 595.30)  # points, width first
MIN_WORD_HEIGHT = 7.0  # points, median over the words of the plan's first page
# Pages per sheet of each workbook in maler/, by sheet key (schema.SHEETS). LibreOffice
# leaves out pages without content, so the blank plan is one page; the årshjul's week
# grid frames its 150 empty rows, so they print (two pages). The guide's method section
# takes it to a second page.
PAGES = {
    "aktivitetsplan": {"plan": 1, "lists": 1, "guide": 2, "competitors": 1},
    "arshjul": {"wheel_table": 2, "wheel_chart": 1, "goal": 1, "lists": 1},
}
LANGUAGES = {"aktivitetsplan.xlsx": "nb", "aktivitetsplan-en.xlsx": "en"}
LANGUAGES |= {"arshjul.xlsx": "nb", "arshjul-en.xlsx": "en"}


def poppler(tool: str) -> str:
    """A poppler-utils binary; under CI its absence is a failure, never a skip."""
    found = shutil.which(tool)
    if found:
        return found
    if IN_CI:
        pytest.fail(f"{tool} (poppler-utils) is missing under CI=true; .ci/run must install it")
    pytest.skip(f"{tool} (poppler-utils) is not installed")


def page_texts(pdf: Path) -> list[str]:
    """The `pdftotext -layout` text of each page (pages end in a form feed)."""
    out = subprocess.run(
        [poppler("pdftotext"), "-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    return out.split("\f")[:-1]


def page_words(pdf: Path, page: int) -> tuple[tuple[float, float], list[dict]]:
    """The page size and the words of 1-based `page` with their boxes (`pdftotext -bbox`)."""
    out = subprocess.run(
        [poppler("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    root = ElementTree.fromstring(re.sub(r'\sxmlns="[^"]*"', "", out, count=1))
    node = root.find(".//page")
    size = (float(node.get("width")), float(node.get("height")))
    words = [
        {
            "text": w.text or "",
            **{k: float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")},
        }
        for w in node.iter("word")
    ]
    return size, words


def footer_sheet(text: str, names: list[str]) -> str:
    """The sheet a page belongs to: the name its footer line starts with."""
    footer = [line.strip() for line in text.splitlines() if line.strip()][-1]
    found = [name for name in names if re.match(re.escape(name) + r"\s{2,}", footer)]
    assert len(found) == 1, f"no sheet name in footer {footer!r}"
    return found[0]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    """Every workbook in maler/ exported to PDF by LibreOffice headless."""
    folder = tmp_path_factory.mktemp("print")
    return {
        name: convert(build_maler.MALER / name, "pdf", folder)
        for name, _write in build_maler.entries()
    }


def sheet_pages(pdf: Path, language: str) -> dict[str, list[int]]:
    """Sheet key → the 1-based pages it printed on."""
    names = SHEETS[language]
    by_name = {name: key for key, name in names.items()}
    pages: dict[str, list[int]] = {}
    for number, text in enumerate(page_texts(pdf), start=1):
        key = by_name[footer_sheet(text, list(by_name))]
        pages.setdefault(key, []).append(number)
    return pages


@pytest.mark.parametrize("name", list(LANGUAGES))
def test_pages_per_sheet(pdfs, name):
    pages = sheet_pages(pdfs[name], LANGUAGES[name])
    expected = PAGES[name.removesuffix(".xlsx").removesuffix("-en")]
    assert {key: len(found) for key, found in pages.items()} == expected
    texts = page_texts(pdfs[name])
    for number in range(1, len(texts) + 1):
        size, _words = page_words(pdfs[name], number)
        assert size == pytest.approx(A4_LANDSCAPE, abs=0.5), (number, size)


@pytest.mark.parametrize("name", ["arshjul.xlsx", "arshjul-en.xlsx"])
def test_calendar_rows_repeat_on_every_page(pdfs, name):
    language = LANGUAGES[name]
    months = Settings(language=language).fmt.month_names()
    texts = page_texts(pdfs[name])
    for number in sheet_pages(pdfs[name], language)["wheel_table"]:
        text = texts[number - 1]
        assert all(month in text for month in months), number
        assert re.search(r"\b1\s+2\s+3\s+4\b", text), number  # the week numbers


@pytest.mark.parametrize("name", ["aktivitetsplan.xlsx", "aktivitetsplan-en.xlsx"])
def test_guide_prints_whole(pdfs, name):
    language = LANGUAGES[name]
    tr = Settings(language=language).tr
    texts = page_texts(pdfs[name])
    printed = flat(" ".join(texts[n - 1] for n in sheet_pages(pdfs[name], language)["guide"]))
    guide = tr("guide.text", **PHASE_LABELS[language])
    guide += tr("guide.repeat", **REPEAT_LABELS[language]) + method_guide(tr)
    lines = [line.removeprefix("# ") for line in guide.strip().splitlines() if line.strip()]
    assert len(lines) > 26
    for line in lines:
        assert flat(line) in printed, line


def note_text(pdf: Path, page: int, note: str) -> str:
    """The words of the note column on `page`, in reading order.

    The note stands right of the lists, so `-layout` puts list values and note lines
    on the same text lines; the word boxes separate them by position.
    """
    size_words = page_words(pdf, page)
    words = size_words[1]
    first, second = note.split()[:2]
    starts = [
        w["xMin"]
        for w, after in pairwise(words)
        if w["text"] == first and after["text"] == second and abs(after["yMin"] - w["yMin"]) < 1
    ]
    assert starts, f"the note's first words {first!r} {second!r} are not on page {page}"
    size, words = size_words
    column = [w for w in words if w["xMin"] >= max(starts) - 0.5 and w["yMax"] < size[1] - 40]
    column.sort(key=lambda w: (round(w["yMin"]), w["xMin"]))
    return " ".join(w["text"] for w in column)


@pytest.mark.parametrize("name", list(LANGUAGES))
def test_lists_print_whole_on_one_page(pdfs, name):
    language = LANGUAGES[name]
    settings = Settings(language=language)
    tr = settings.tr
    (page,) = sheet_pages(pdfs[name], language)["lists"]
    printed = page_texts(pdfs[name])[page - 1]
    wheel = name.startswith("arshjul")
    values = list(settings.channel_list()) + status_dropdown(settings)
    values += list(settings.category_list() if wheel else settings.type_list())
    for value in values:
        assert re.search(rf"(^|\s){re.escape(value)}(\s|$)", printed, re.MULTILINE), value
    note = tr("wheel.lists.note" if wheel else "lists.note")
    assert note_text(pdfs[name], page, note) == flat(note)


@pytest.mark.parametrize("name", ["aktivitetsplan.xlsx", "aktivitetsplan-en.xlsx"])
def test_plan_first_page_is_readable(pdfs, name):
    (first, *_rest) = sheet_pages(pdfs[name], LANGUAGES[name])["plan"]
    size, words = page_words(pdfs[name], first)
    assert size == pytest.approx(A4_LANDSCAPE, abs=0.5)
    assert len(words) > 40  # title, campaign labels, all 17 headers, header and footer
    height = statistics.median(w["yMax"] - w["yMin"] for w in words)
    assert height >= MIN_WORD_HEIGHT, f"median word height {height:.2f} pt"
    text = page_texts(pdfs[name])[first - 1]
    assert not re.search(r"\d{1,2}/\d{1,2}/\d{4}", text), "a US date in the page header"


@pytest.mark.parametrize("name", ["arshjul.xlsx", "arshjul-en.xlsx"])
def test_goal_sheet_prints_whole_on_one_page(pdfs, name):
    from aktivitetsplan.plan.schema import GOAL_FIELDS

    language = LANGUAGES[name]
    tr = Settings(language=language).tr
    (page,) = sheet_pages(pdfs[name], language)["goal"]
    printed = page_texts(pdfs[name])[page - 1]
    assert flat(tr("goal.sheet.text")) in flat(printed)
    assert tr("goal.sheet.title", year=build_maler.WHEEL_YEAR) in printed
    for field in GOAL_FIELDS:
        assert re.search(rf"^\s*{re.escape(field.label(language))}\b", printed, re.M), field.key
    assert "01.01.2027" in printed and "31.12.2027" in printed
