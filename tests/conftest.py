"""Shared fixtures: templates written by our own writer, filled with openpyxl.

`fill_plan` writes by header text, so a test can shuffle columns, add title
rows or rename headers and still fill the right cells.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import NamedTuple

import openpyxl
import pytest
from click.testing import CliRunner

from aktivitetsplan.cli import cli
from aktivitetsplan.settings import Settings
from aktivitetsplan.workbooks.plan_template import CampaignPrefill, write_plan_template

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
REPORT_DATE = date(2026, 3, 31)


def soffice() -> str:
    """The LibreOffice binary; under CI its absence is a failure, never a skip."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if IN_CI:
        pytest.fail("LibreOffice (soffice) is missing under CI=true; .ci/run must install it")
    pytest.skip("LibreOffice (soffice) is not installed")


def convert(source: Path, fmt: str, outdir: Path) -> Path:
    """Re-save `source` with LibreOffice headless as `fmt` (xlsx or ods) into `outdir`."""
    binary = soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / ".lo-profile"
    subprocess.run(
        [
            binary,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = outdir / f"{source.stem}.{fmt}"
    assert converted.is_file(), f"LibreOffice wrote no {converted}"
    return converted


class Run(NamedTuple):
    """What a command line gave: exit code, stdout, stderr (a tuple, or by name)."""

    returncode: int
    stdout: str
    stderr: str


def run_aktplan(*args: str, cwd: Path | None = None) -> Run:
    """`aktplan ARGS` in-process, as a user runs it: Norwegian help (no `AKTPLAN_*` from
    the environment), stdout and stderr apart, the `Feil:` lines as the command prints
    them (click's own standalone handling, through click's CliRunner).

    An exception that is no error of aktplan's propagates, with its traceback, rather
    than being turned into a line (that is `main()`'s last line of defence).
    """
    unset = dict.fromkeys((k for k in os.environ if k.startswith("AKTPLAN_")), None)
    folder = contextlib.chdir(cwd) if cwd is not None else contextlib.nullcontext()
    with folder:
        result = CliRunner().invoke(cli, list(args), env=unset, prog_name="aktplan")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception.with_traceback(result.exc_info[2])
    return Run(result.exit_code, result.stdout, result.stderr)


def run_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`python -m aktivitetsplan ARGS` in a child process: only for what needs a real
    process (the entry point itself, imports at start-up, signals)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AKTPLAN_")}
    return subprocess.run(
        [sys.executable, "-m", "aktivitetsplan", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=180,
        check=False,
    )


@pytest.fixture
def aktplan(monkeypatch, tmp_path):
    """`aktplan ARGS` in `tmp_path`, in-process: (exit code, stdout, stderr)."""
    monkeypatch.chdir(tmp_path)
    return run_aktplan


def write_template(
    path: Path, language: str = "nb", config: Settings | None = None, **options
) -> Path:
    settings = (config or Settings()).but(language=language)
    write_plan_template(path, settings, CampaignPrefill(**options))
    return path


def fill_plan(
    path: Path,
    rows: list[dict],
    campaign: dict | None = None,
    *,
    sheet: str | None = None,
    first_row: int | None = None,
) -> Path:
    """Fill `rows` (header text → value) below the header row, and campaign labels → values."""
    workbook = openpyxl.load_workbook(path)
    ws = workbook[sheet] if sheet else workbook.worksheets[0]
    header_row, headers = None, {}
    for row in ws.iter_rows(min_row=1, max_row=40):
        texts = {str(c.value).strip(): c.column for c in row if isinstance(c.value, str)}
        if any(k in texts for k in ("Aktivitet", "Activity", "Oppgave", "Task")):
            header_row, headers = row[0].row, texts
            break
    assert header_row, "no header row found"
    labels = {}
    for row in ws.iter_rows(min_row=1, max_row=header_row - 1):
        for c in row:
            if isinstance(c.value, str):
                labels[c.value.strip().rstrip(":")] = (c.row, c.column)
    for label, value in (campaign or {}).items():
        r, col = labels[label]
        ws.cell(row=r, column=col + 1, value=value)
    start = first_row or header_row + 1
    for offset, values in enumerate(rows):
        for header, value in values.items():
            if value is None:
                continue
            col = headers[header]
            cell = ws.cell(row=start + offset, column=col, value=value)
            if isinstance(value, date):
                cell.number_format = "dd.mm.yyyy"
    workbook.save(path)
    return path


def pytest_configure(config):
    """Markers declared here rather than in pyproject.toml, beside the helpers they need."""
    config.addinivalue_line(
        "markers", "pdf: needs WeasyPrint and poppler-utils; must run under CI=true"
    )


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/cases/*.json from the current output (review the diff!)",
    )


@pytest.fixture
def template(tmp_path: Path) -> Path:
    """A blank Norwegian activity plan written by our writer."""
    return write_template(tmp_path / "plan.xlsx")


# A small portfolio with known figures, for the report and renderer tests.
PORTFOLIO = {
    "vaar.xlsx": {
        "campaign": {
            "Kampanje": "Vårkampanje",
            "KPI": "Leads",
            "Måltall": 100,
            "Budsjett": 200_000,
            "Start": date(2026, 3, 1),
            "Slutt": date(2026, 4, 30),
        },
        "rows": [
            {
                "ID": "V1",
                "Aktivitet": "Landingsside",
                "Type": "Kampanje",
                "Kanal": "Nettside",
                "Ansvarlig": "Kari",
                "Frist": date(2026, 3, 10),
                "Status": "I distribusjon",
                "Budsjett (kr)": 50_000,
                "Kostnad (kr)": 55_000,
                "KPI": "Leads",
                "Måltall": 60,
                "Resultat": 30,
            },
            {
                "ID": "V2",
                "Aktivitet": "LinkedIn-annonser",
                "Type": "Kampanje",
                "Kanal": "LinkedIn",
                "Ansvarlig": "Ola",
                "Start": date(2026, 3, 5),
                "Frist": "20.03.2026",
                "Status": "pågår",
                "Budsjett (kr)": "40 000 kr",
                "Kostnad (kr)": 20_000,
                "Resultat": 12,
            },
            {
                "ID": "V3",
                "Aktivitet": "Nyhetsbrev",
                "Type": "Program",
                "Kanal": "Nyhetsbrev",
                "Ansvarlig": "Kari",
                "Frist": date(2026, 4, 5),
                "Status": "Å gjøre",
                "Budsjett (kr)": 10_000,
            },
            {
                "ID": "V4",
                "Aktivitet": "A/B-test",
                "Type": "Eksperiment",
                "Kanal": "E-post",
                "Ansvarlig": "Ola",
                "Start": date(2026, 3, 20),
                "Frist": date(2026, 3, 25),
                "Status": "ferdig",
                "Budsjett (kr)": 2_000,
                "Kostnad (kr)": 1_500,
                # The method's template asks an experiment for both (issue 17).
                "Hypotese": "Kortere emnefelt gir flere åpninger",
                "Beslutning": "Forsterk",
            },
            {
                "ID": "V5",
                "Aktivitet": "Podkast",
                "Type": "Eksperiment",
                "Kanal": "Video",
                "Ansvarlig": "Kari",
                "Frist": date(2026, 3, 1),
                "Status": "Avlyst",
                "Budsjett (kr)": 5_000,
            },
        ],
    },
    "host.xlsx": {
        "campaign": {
            "Kampanje": "Høstmesse",
            "Budsjett": "100 000",
            "Start": "01.03.2026",
            "Slutt": "30.06.2026",
        },
        "rows": [
            {
                "ID": "H1",
                "Aktivitet": "Stand",
                "Type": "Kampanje",
                "Kanal": "Arrangement",
                "Ansvarlig": "Ingrid",
                "Frist": date(2026, 3, 15),
                "Status": "I produksjon",
                "Budsjett (kr)": 60_000,
                "Kostnad (kr)": 30_000,
            },
            {
                "ID": "H2",
                "Aktivitet": "Invitasjoner",
                "Type": "Kampanje",
                "Kanal": "E-post",
                "Ansvarlig": "Ola",
                "Frist": date(2026, 4, 10),
                "Status": "Å gjøre",
                "Budsjett (kr)": 5_000,
            },
        ],
    },
}


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    """A folder with two filled plans (figures known, see PORTFOLIO), report date 2026-03-31."""
    folder = tmp_path / "planer"
    folder.mkdir()
    for name, spec in PORTFOLIO.items():
        path = write_template(folder / name)
        fill_plan(path, spec["rows"], spec["campaign"])
    return folder
