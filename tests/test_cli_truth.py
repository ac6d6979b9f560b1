"""The command line tells the truth: `-o`'s ending is the format, a month still to come is
refused, `sjekk` without a plan fails, `--språk` works before the command too.

Run in-process (the `aktplan` fixture: click's CliRunner, whose standalone handling
prints the `Feil:` lines as the installed command does), with stdout and stderr apart.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from aktivitetsplan.i18n.fmt import Formatter

NBSP = "\u00a0"


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- the format follows -o's ending ---------------------------------------------------------

ENDINGS = [
    ("r.html", "<!DOCTYPE html>"),
    ("r.htm", "<!DOCTYPE html>"),
    ("r.md", "# "),
    ("r.json", "{"),
    ("r.txt", "Statusrapport – Markedsaktiviteter"),
    ("r.xlsx", "PK"),
]


@pytest.mark.parametrize(("name", "start"), ENDINGS, ids=[n for n, _ in ENDINGS])
def test_output_ending_is_the_format(aktplan, portfolio, tmp_path, name, start):
    code, out, err = aktplan(
        "rapport", "--uten-historikk", str(portfolio), "--dato", "2026-03-31", "-o", name
    )
    assert (code, out, err) == (0, "", f"Skrev rapporten til {name}\n")
    written = (tmp_path / name).read_bytes()
    assert written.startswith(start.encode())
    if name.endswith(".json"):
        assert json.loads(written)["schema"] == "aktplan.rapport/1"


def test_an_ending_that_agrees_with_format_is_fine(aktplan, portfolio, tmp_path):
    args = ("rapport", "--uten-historikk", str(portfolio), "--dato", "2026-03-31")
    assert aktplan(*args, "--format", "markdown", "-o", "r.md")[0] == 0
    assert aktplan(*args, "--format", "text", "-o", "r.txt")[0] == 0
    assert aktplan(*args, "--format", "json", "-o", "r")[0] == 0  # no ending: --format says
    assert json.loads((tmp_path / "r").read_text(encoding="utf-8"))["date"] == "2026-03-31"


CONFLICTS = [
    (
        ["--format", "json", "-o", "r.md"],
        "Feil: r.md: endelsen .md passer ikke med --format json; gi filen endelsen .json, "
        "eller utelat --format\n",
    ),
    (
        ["--format", "tekst", "-o", "r.html"],
        "Feil: r.html: endelsen .html passer ikke med --format tekst; gi filen endelsen .txt, "
        "eller utelat --format\n",
    ),
    (
        ["-o", "r.docx"],
        "Feil: r.docx: aktplan skriver ikke .docx-filer; gi filen en av endelsene "
        ".txt, .json, .html, .md, .xlsx, .pdf\n",
    ),
    (
        ["--format", "html", "-o", "r.PDF"],
        "Feil: r.PDF: endelsen .PDF passer ikke med --format html; gi filen endelsen .html, "
        "eller utelat --format\n",
    ),
    (
        ["--språk", "en", "--format", "text", "-o", "r.xlsx"],
        "Feil: r.xlsx: the ending .xlsx does not match --format text; give the file the "
        "ending .txt, or leave out --format\n",
    ),
]


@pytest.mark.parametrize(("args", "error"), CONFLICTS, ids=[" ".join(a) for a, _ in CONFLICTS])
def test_a_contradicting_or_unknown_ending_is_refused_before_reading(
    aktplan, tmp_path, args, error
):
    # The plan does not exist: the ending is refused before anything is read.
    assert aktplan("rapport", "--uten-historikk", "finnes-ikke.xlsx", *args) == (2, "", error)
    assert listing(tmp_path) == []


@pytest.mark.parametrize("language", ["nb", "en"])
def test_format_text_is_format_tekst(aktplan, portfolio, language):
    args = (
        "rapport",
        "--uten-historikk",
        str(portfolio),
        "--dato",
        "2026-03-31",
        "--språk",
        language,
    )
    text = aktplan(*args, "--format", "text")
    assert text[0] == 0 and text[2] == ""
    assert text == aktplan(*args, "--format", "tekst") == aktplan(*args, "--format", "TEXT")
    assert text == aktplan(*args)


def test_format_text_written_to_a_file_has_no_colour(aktplan, portfolio, tmp_path):
    code, _out, _err = aktplan(
        "rapport",
        "--uten-historikk",
        str(portfolio),
        "--dato",
        "2026-03-31",
        "--format",
        "text",
        "-o",
        "r.txt",
    )
    assert code == 0
    text = (tmp_path / "r.txt").read_text(encoding="utf-8")
    assert text.startswith("Statusrapport – Markedsaktiviteter\n") and "\x1b[" not in text


# --- --måned -----------------------------------------------------------------------------------


def test_a_month_after_the_report_date_is_refused(aktplan, portfolio, tmp_path):
    args = ("rapport", "--uten-historikk", str(portfolio), "--format", "html", "-o", "r.html")
    assert aktplan(*args, "--dato", "2026-03-31", "--måned", "2026-04") == (
        2,
        "",
        "Feil: --måned 2026-04: måneden har ikke begynt per rapportdatoen 31.03.2026; "
        "velg en måned som har begynt, eller en senere --dato\n",
    )
    assert aktplan(*args, "--dato", "2026-03-31", "--måned", "2027-1", "--språk", "en") == (
        2,
        "",
        "Feil: --måned 2027-01: the month has not started by the report date 31.03.2026; "
        "pick a month that has begun, or a later --dato\n",
    )
    today = Formatter("nb").date(date.today())
    assert aktplan(*args, "--måned", f"{date.today().year + 1}-01") == (
        2,
        "",
        f"Feil: --måned {date.today().year + 1}-01: måneden har ikke begynt per rapportdatoen "
        f"{today}; velg en måned som har begynt, eller en senere --dato\n",
    )
    assert listing(tmp_path) == ["planer"]


def test_the_month_of_the_report_date_is_reported_up_to_that_day(aktplan, portfolio):
    code, out, err = aktplan(
        "rapport",
        "--uten-historikk",
        str(portfolio),
        "--dato",
        "2026-03-15",
        "--måned",
        "2026-03",
        "--format",
        "json",
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["date"], data["month"]["month"]) == ("2026-03-15", "2026-03")


def test_the_terminal_report_shows_the_month_view(aktplan, portfolio):
    code, out, err = aktplan(
        "rapport", "--uten-historikk", str(portfolio), "--dato", "2026-04-15", "--måned", "2026-03"
    )
    assert (code, err) == (0, "")
    lines = [" ".join(line.replace(NBSP, " ").split()) for line in out.splitlines()]
    start = lines.index("Måneden: mars 2026")
    assert lines[start + 1].startswith("Ferdig betyr i distribusjon med frist i måneden")
    month = lines[start:]
    for figure in (
        "Ferdig i måneden 2",
        "Startet i måneden 2",
        "Frist i måneden, ikke ferdig 2",
        "Forbruk, frist i måneden 106 500 kr",
        "Eksperimenter i måneden 1",
    ):
        assert figure in month
    finished = month.index("Ferdig i måneden (2)")
    # the columns of the HTML and Markdown lists, in their order
    assert month[finished + 2] == "Aktivitet Ansvarlig Frist Fase Kampanje"
    assert month[finished + 4].startswith("Landingsside Kari 10.03.2026 I distribusjon")
    assert month[finished + 5].startswith("A/B-test Ola 25.03.2026 I distribusjon")
    started = month.index("Startet i måneden (2)")
    assert month[started + 2].startswith("Aktivitet Ansvarlig Start")
    assert "Frist i april 2026 (2)" in month
    # The month comes before the overdue list, as in the HTML and Markdown reports.
    assert start < lines.index("Forsinket (2)")


def test_the_terminal_month_view_in_english(aktplan, portfolio):
    args = (
        "rapport",
        "--uten-historikk",
        str(portfolio),
        "--dato",
        "2026-04-15",
        "--måned",
        "2026-03",
    )
    code, out, _err = aktplan(*args, "--språk", "en")
    assert code == 0
    assert "The month: March 2026" in out and "Finished this month (2)" in out


def test_no_month_view_without_maned(aktplan, portfolio):
    code, out, _err = aktplan("rapport", "--uten-historikk", str(portfolio), "--dato", "2026-03-31")
    assert code == 0 and "Måneden:" not in out


# --- sjekk without a plan ----------------------------------------------------------------------


def test_sjekk_without_any_plan_exits_2(aktplan, portfolio, tmp_path):
    wheel = tmp_path / "hjul"
    wheel.mkdir()
    code, _out, _err = aktplan("årshjul", str(portfolio), "-o", "hjul/hjul", "--dato", "2026-03-31")
    assert code == 0
    assert aktplan("sjekk", "hjul") == (
        2,
        "",
        "Merk: hjul/hjul.xlsx: er et årshjul laget av «aktplan årshjul», ikke en "
        "aktivitetsplan; hoppet over\n"
        "Feil: fant ingen aktivitetsplaner å lese\n",
    )


# --- --språk before the command ----------------------------------------------------------------


def test_sprak_en_help_on_the_group(aktplan):
    code, out, err = aktplan("--språk", "en", "--help")
    assert (code, err) == (0, "")
    assert out.startswith("Usage: aktplan [OPTIONS] COMMAND [ARGS]...\n")
    assert "Show this help and exit." in out and "Language: nb (Norwegian bokmål)" in out
    assert "Write realistic example plans and show their report." in out
    assert "Vis denne" not in out
    command = aktplan("--sprak", "en", "rapport", "--uten-historikk", "-h")[1]
    assert command.startswith("Usage: aktplan rapport [OPTIONS] FILE|FOLDER...\n")
    assert "Also read plans in subfolders." in command
    # The next command line, in the same process, has its Norwegian help back.
    again = aktplan("--help")[1]
    assert again.startswith("Bruk: aktplan [VALG] KOMMANDO [ARG]...\n")
    assert "Vis denne hjelpeteksten og avslutt." in again


def test_sprak_on_the_group_is_the_default_for_the_command(aktplan, portfolio):
    plan = str(portfolio / "host.xlsx")
    english = aktplan("--språk", "en", "sjekk", plan)
    assert english[0] == 0
    assert english[1].splitlines()[-1].startswith("1 file(s), 1 plan(s), 2 activities")
    assert aktplan("sjekk", "--språk", "en", plan) == english
    norwegian = aktplan("--språk", "en", "sjekk", plan, "--språk", "nb")  # the command's wins
    assert norwegian[1].splitlines()[-1].startswith("1 fil(er), 1 plan(er), 2 aktiviteter")
    assert aktplan("--språk", "en", "rapport", "--uten-historikk", "finnes-ikke.xlsx") == (
        2,
        "",
        "Feil: finnes-ikke.xlsx: does not exist; check the name and the folder\n",
    )


# --- årshjul -o ------------------------------------------------------------------------------


def test_arshjul_refuses_an_ending_it_does_not_write(aktplan, portfolio, tmp_path):
    assert aktplan("årshjul", "finnes-ikke.xlsx", "-o", "hjul.docx") == (
        2,
        "",
        "Feil: hjul.docx: årshjulet skrives som .xlsx og .svg (og .png med --png), som .pdf "
        "eller som kalender (.ics); gi -o endelsen .xlsx, .svg, .png, .pdf eller .ics, "
        "eller ingen endelse\n",
    )
    assert listing(tmp_path) == ["planer"]


def test_arshjul_png_ending_writes_the_png(aktplan, portfolio, tmp_path):
    code, out, err = aktplan("årshjul", str(portfolio), "-o", "hjul.png", "--dato", "2026-03-31")
    assert (code, err) == (0, "")
    assert out.splitlines()[:3] == ["Skrev hjul.xlsx", "Skrev hjul.svg", "Skrev hjul.png"]
    assert (tmp_path / "hjul.png").read_bytes().startswith(b"\x89PNG")
