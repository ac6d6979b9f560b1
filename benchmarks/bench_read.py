"""Read benchmark: `aktplan rapport --format json` against bare calamine and naive pandas.

    python benchmarks/bench_read.py [--out DIR] [--repeat N] [--regenerate] [--skip-naive]

Generates (once, cached in `--out`) one plan with 50,000 activities and a folder of
200 plans of 100 activities, all in the layout of `aktplan mal aktivitetsplan`, then
times every case in a fresh child process, round-robin (best and median of N wall
times, least CPU time; peak memory is that child's own ru_maxrss, from os.wait4 in a
small launcher process so the benchmark's own memory does not leak into it):

* `aktplan rapport <input> --format json --dato 2026-06-30` (the installed CLI), with
  its history (a snapshot of 2026-05-31 is loaded and compared, and the day's snapshot
  saved) and with `--uten-historikk`, so the cost of the history shows;
* the floor: python-calamine reading the `Aktivitetsplan` sheet of each file,
  one file after another in one process;
* the naive read: `pandas.read_excel(engine="openpyxl", header=12)` per file.

Start-up (interpreter plus imports) is timed on its own, and every case is also
shown with its start-up subtracted. The targets are judged on the raw wall times:
that is what a user waits for, and both sides pay an interpreter start-up.
Exit status 1 when a target fails. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from aktivitetsplan.settings import DEFAULT_CHANNELS

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "out"
GENERATOR_VERSION = 2  # bump when the generated inputs change (2: the method's fields)
BIG_ROWS = 50_000
PORTFOLIO_FILES = 200
PORTFOLIO_ROWS = 100
REPORT_DATE = "2026-06-30"
PREVIOUS_DATE = "2026-05-31"  # the snapshot every timed report compares with
HISTORY_NAME = "aktplan-historikk.sqlite"  # beside the plans, as `aktplan rapport` makes it
SHEET = "Aktivitetsplan"
HEADER_INDEX = 12  # 0-based: row 13 as a user sees it
DATE_FORMAT = "dd.mm.yyyy"

# Targets from the issue, judged on raw best-of-N wall times.
TARGET_BIG_VS_FLOOR = 1.5  # report ≤ 1.5 × bare calamine
TARGET_BIG_VS_NAIVE = 5.0  # report ≥ 5 × faster than pandas+openpyxl
TARGET_PORTFOLIO_VS_FLOOR = 1.0  # report no slower than calamine one file after another

# --- realistic values ---------------------------------------------------------------

ACTIVITIES = (
    "Nyhetsbrev",
    "LinkedIn-annonser",
    "Landingsside",
    "Webinar",
    "Blogginnlegg",
    "Kundecase",
    "Messestand",
    "Pressemelding",
    "Produktvideo",
    "A/B-test av emnefelt",
    "SEO-artikkel",
    "Google Ads-kampanje",
    "Podkast-episode",
    "Instagram-serie",
    "Produktlansering",
    "Partnerarrangement",
)
PEOPLE = (
    "Kari",
    "Ola",
    "Ingrid",
    "Per",
    "Siri",
    "Jonas",
    "Nora",
    "Emil",
    "Marte",
    "Henrik",
    "Sofie",
    "Anders",
)
CHANNELS = DEFAULT_CHANNELS["nb"]
# Labels, synonyms and case variants; a blank and an unknown status now and then.
STATUSES = (
    ("Å gjøre", 20),
    ("I produksjon", 15),
    ("I distribusjon", 25),
    ("Avlyst", 3),
    ("pågår", 8),
    ("ferdig", 8),
    ("Ferdig", 4),
    ("ikke startet", 5),
    ("Planlagt", 3),
    ("publisert", 3),
    ("", 2),
    ("Venter på kunde", 0.5),
)
TYPES = (
    ("Kampanje", 40),
    ("Program", 30),
    ("Eksperiment", 15),
    ("test", 3),
    ("always on", 2),
    ("", 8),
    ("Event", 2),
)
KPIS = (("Leads", 30), ("Klikk", 10), ("Påmeldte", 5), ("", 55))
COMMENTS = (
    "Venter på tekst fra produkt",
    "Gjenbruk bilder fra i fjor",
    "Sjekk budsjett med økonomi",
    "Flyttet fra Q1",
)
MONTH_NAMES = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)
YEAR_START = date(2026, 1, 1)


def _weighted(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    values, weights = zip(*table, strict=True)
    return rng.choices(values, weights)[0]


def _date_cell(rng: random.Random, day: date) -> object:
    """Mostly a real date; sometimes typed as text the way people type dates."""
    roll = rng.random()
    if roll < 0.05:
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    if roll < 0.06:
        return f"{day.day}. {MONTH_NAMES[day.month - 1]} {day.year}"
    if roll < 0.065:
        return day.isoformat()
    return day


def _amount_cell(rng: random.Random, amount: float) -> object:
    """Mostly a number; sometimes `12 500 kr`, `kr 3 000,-` or `12.500`."""
    roll = rng.random()
    grouped = f"{amount:,.0f}".replace(",", " ")
    if roll < 0.04:
        return f"{grouped} kr"
    if roll < 0.05:
        return f"kr {grouped},-"
    if roll < 0.055:
        return f"{amount:,.0f}".replace(",", ".")
    return amount


TAILS = ["Innhold", "Listevekst", "Synlighet i søk", "Ingen", "Opptak på YouTube"]
DECISIONS = ["Forsterk", "Fortsett", "Dropp", "fortsette"]


def _method_cells(rng: random.Random, kind: str | None, done: bool) -> list[object]:
    """Hypotese, Beslutning, Digital hale: as the method's template asks for them, with
    the gaps people leave (an experiment without a hypothesis, a finished one without a
    decision, a finished activity whose tail nobody wrote down)."""
    experiment = kind is not None and kind.lower().startswith("eksperiment")
    hypothesis = "Vi tror at X gir flere leads; vi vet det når Y" if experiment else None
    if experiment and rng.random() < 0.2:
        hypothesis = None
    decision = rng.choice(DECISIONS) if experiment and done and rng.random() < 0.7 else None
    tail = rng.choice(TAILS) if done and rng.random() < 0.6 else None
    return [hypothesis, decision, tail]


def activity_rows(count: int, seed: int) -> Iterator[list[object]]:
    """`count` activity rows in schema.COLUMNS order; None is a blank cell."""
    rng = random.Random(seed)
    for index in range(1, count + 1):
        status = _weighted(rng, STATUSES)
        start = YEAR_START + timedelta(days=rng.randrange(365))
        deadline = start + timedelta(days=rng.randrange(0, 45))
        if rng.random() < 0.005:  # a real mistake: deadline before start
            deadline = start - timedelta(days=rng.randrange(1, 10))
        budget = float(rng.randrange(1, 200) * 500)
        done = status.lower() in ("i distribusjon", "ferdig", "publisert")
        cost = budget * rng.uniform(0.6, 1.3) if done or rng.random() < 0.3 else None
        kpi = _weighted(rng, KPIS)
        kind = _weighted(rng, TYPES) or None
        yield [
            f"A{index}" if rng.random() > 0.02 else None,
            f"{rng.choice(ACTIVITIES)} {index}",
            "Beskrivelse av aktiviteten, målgruppe og budskap" if rng.random() < 0.3 else None,
            kind,
            rng.choice(CHANNELS) if rng.random() > 0.03 else None,
            rng.choice(PEOPLE) if rng.random() > 0.04 else None,
            rng.choice(PEOPLE) if rng.random() > 0.4 else None,
            _date_cell(rng, start) if rng.random() > 0.15 else None,
            _date_cell(rng, deadline) if rng.random() > 0.03 else None,
            status or None,
            float(rng.randrange(1, 80)) if rng.random() > 0.3 else None,
            _amount_cell(rng, budget) if rng.random() > 0.05 else None,
            _amount_cell(rng, round(cost, 0)) if cost is not None else None,
            kpi or None,
            float(rng.randrange(10, 500)) if kpi else None,
            float(rng.randrange(0, 600)) if kpi and done else None,
            rng.choice(COMMENTS) if rng.random() < 0.1 else None,
            None,  # Gjentas
            *_method_cells(rng, kind, done),
        ]


def campaign_values(name: str, budget: float) -> dict[str, object]:
    """Campaign block values by field key (the labels come from the schema)."""
    return {
        "name": name,
        "goal": "Flere kvalifiserte leads fra bedriftsmarkedet",
        "kpi": "Leads",
        "target": 1000.0,
        "audience": "Markedssjefer i mellomstore bedrifter",
        "budget": budget,
        "start": date(2026, 1, 1),
        "end": date(2026, 12, 31),
        "owner": "Kari",
        "readiness": "Innesalg: Kari",
        "response_hours": 4.0,
    }


# --- input generation ----------------------------------------------------------------


def write_template(path: Path) -> None:
    from aktivitetsplan.settings import Settings
    from aktivitetsplan.workbooks.plan_template import write_plan_template

    write_plan_template(path, Settings())


def write_big_plan(path: Path, template: Path, rows: int) -> None:
    """The template layout (campaign block, header row 13, table) written with xlsxwriter.

    Not in constant_memory mode: that mode writes inline strings, while Excel and
    our template use the shared-string table (and a table over the activities).
    It is as fast here (about 4 s, 120 MB). The other sheets of the template
    (lists, guide, competitors) are copied as values, so a reader sees the same
    visible sheets as in a real filled plan.
    """
    import python_calamine

    from aktivitetsplan.plan.schema import (
        BLOCK_FIELDS,
        COLUMNS,
        FIRST_FIELD_ROW,
        PLAN_TABLE,
        SIDE_FIELDS,
        SIDE_LABEL_COL,
    )
    from aktivitetsplan.workbooks.common import new_workbook

    source = python_calamine.CalamineWorkbook.from_path(str(template))
    others = {
        name: source.get_sheet_by_name(name).to_python()
        for name in source.sheet_names
        if name != SHEET
    }
    title = source.get_sheet_by_name(SHEET).to_python()[:2]
    source.close()

    workbook = new_workbook(path, str(title[0][0]))  # as our writers make one
    date_format = workbook.add_format({"num_format": DATE_FORMAT})
    money_format = workbook.add_format({"num_format": '#,##0 "kr"'})
    header_format = workbook.add_format({"bold": True})
    sheet = workbook.add_worksheet(SHEET)
    for name in others:
        workbook.add_worksheet(name)
    sheet.activate()

    sheet.write_string(0, 0, str(title[0][0]))
    sheet.write_string(1, 0, str(title[1][0]))
    values = campaign_values("Storkampanje 2026", rows * 50_000.0)
    for offset, campaign_field in enumerate(BLOCK_FIELDS):
        row = FIRST_FIELD_ROW - 1 + offset
        sheet.write_string(row, 0, campaign_field.label("nb"))
        _write_cell(sheet, row, 1, values[campaign_field.key], date_format, money_format)
    for offset, campaign_field in enumerate(SIDE_FIELDS):  # beside the block, G3:H4
        row = FIRST_FIELD_ROW - 1 + offset
        sheet.write_string(row, SIDE_LABEL_COL, campaign_field.label("nb"))
        _write_cell(sheet, row, SIDE_LABEL_COL + 1, values[campaign_field.key], None, None)
    sheet.add_table(
        HEADER_INDEX,
        0,
        HEADER_INDEX + rows,
        len(COLUMNS) - 1,
        {
            "name": PLAN_TABLE,
            "columns": [
                {"header": c.header("nb"), "header_format": header_format} for c in COLUMNS
            ],
            "style": "Table Style Medium 2",
        },
    )
    amount_cols = {i for i, c in enumerate(COLUMNS) if c.kind == "amount"}
    for offset, values_row in enumerate(activity_rows(rows, seed=50_000)):
        row = HEADER_INDEX + 1 + offset
        for col, value in enumerate(values_row):
            if value is not None:
                number_format = money_format if col in amount_cols else None
                _write_cell(sheet, row, col, value, date_format, number_format)

    for name, cells in others.items():
        other = workbook.get_worksheet_by_name(name)
        for row, row_values in enumerate(cells):
            for col, value in enumerate(row_values):
                if value not in ("", None):
                    other.write_string(row, col, str(value))
    workbook.close()


def _write_cell(sheet, row: int, col: int, value: object, date_format, number_format) -> None:
    if isinstance(value, str):
        sheet.write_string(row, col, value)
    elif isinstance(value, date):
        sheet.write_datetime(row, col, datetime(value.year, value.month, value.day), date_format)
    else:
        sheet.write_number(row, col, float(value), number_format)


def write_small_plan(path: Path, index: int, rows: int) -> None:
    """Our template, filled with openpyxl the way the test suite fills plans."""
    import openpyxl

    from aktivitetsplan.plan.schema import (
        BLOCK_FIELDS,
        FIRST_FIELD_ROW,
        SIDE_FIELDS,
        SIDE_LABEL_COL,
    )
    from aktivitetsplan.settings import Settings
    from aktivitetsplan.workbooks.plan_template import write_plan_template

    write_plan_template(path, Settings())
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[SHEET]
    values = campaign_values(f"Kampanje {index:03d}", rows * 50_000.0)
    places = [(f, FIRST_FIELD_ROW + i, 2) for i, f in enumerate(BLOCK_FIELDS)]
    places += [(f, FIRST_FIELD_ROW + i, SIDE_LABEL_COL + 2) for i, f in enumerate(SIDE_FIELDS)]
    for campaign_field, row, column in places:
        cell = sheet.cell(row=row, column=column, value=values[campaign_field.key])
        if isinstance(cell.value, date):
            cell.number_format = DATE_FORMAT
    for offset, values_row in enumerate(activity_rows(rows, seed=index)):
        row = HEADER_INDEX + 2 + offset  # 1-based
        for col, value in enumerate(values_row, start=1):
            if value is not None:
                cell = sheet.cell(row=row, column=col, value=value)
                if isinstance(value, date):
                    cell.number_format = DATE_FORMAT
    workbook.save(path)


def generate(out: Path, regenerate: bool) -> tuple[Path, Path]:
    """The big plan and the portfolio folder, reused when the manifest matches."""
    out.mkdir(parents=True, exist_ok=True)
    big = out / "big.xlsx"
    folder = out / "portfolio"
    manifest_path = out / "manifest.json"
    manifest = {
        "version": GENERATOR_VERSION,
        "big_rows": BIG_ROWS,
        "portfolio_files": PORTFOLIO_FILES,
        "portfolio_rows": PORTFOLIO_ROWS,
    }
    small = [folder / f"plan-{i:03d}.xlsx" for i in range(PORTFOLIO_FILES)]
    cached = (
        not regenerate
        and manifest_path.is_file()
        and json.loads(manifest_path.read_text()) == manifest
        and big.is_file()
        and all(p.is_file() for p in small)
        and len(list(folder.glob("*.xlsx"))) == PORTFOLIO_FILES
    )
    if cached:
        print(f"inputs: cached in {out} (--regenerate to rebuild)")
        return big, folder
    manifest_path.unlink(missing_ok=True)
    started = time.perf_counter()
    template = out / "template.xlsx"
    write_template(template)
    write_big_plan(big, template, BIG_ROWS)
    print(f"inputs: {big.name} ({BIG_ROWS:,} rows) in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    for index, path in enumerate(small):
        write_small_plan(path, index, PORTFOLIO_ROWS)
    print(
        f"inputs: {folder.name}/ ({PORTFOLIO_FILES} × {PORTFOLIO_ROWS} rows) "
        f"in {time.perf_counter() - started:.1f} s"
    )
    manifest_path.write_text(json.dumps(manifest))
    return big, folder


# --- measurement ------------------------------------------------------------------------

CALAMINE_CHILD = """
import sys, time
t0 = time.perf_counter()
from python_calamine import CalamineWorkbook
t1 = time.perf_counter()
rows = 0
for path in sys.argv[1:]:
    workbook = CalamineWorkbook.from_path(path)
    rows += len(workbook.get_sheet_by_name("Aktivitetsplan").to_python(skip_empty_area=False))
    workbook.close()
t2 = time.perf_counter()
print(f"rows={rows} import={t1 - t0:.4f} work={t2 - t1:.4f}")
"""

PANDAS_CHILD = """
import sys, time
t0 = time.perf_counter()
import pandas as pd
import openpyxl
t1 = time.perf_counter()
rows = 0
for path in sys.argv[1:]:
    rows += len(pd.read_excel(path, sheet_name="Aktivitetsplan", engine="openpyxl", header=12))
t2 = time.perf_counter()
print(f"rows={rows} import={t1 - t0:.4f} work={t2 - t1:.4f}")
"""

# `read.reader` itself is light (the CLI starts the read-ahead from it); `read.workbook`
# is the reading stack: calamine, numpy, the sheet parser.
READ_STACK = "import aktivitetsplan.read.reader, aktivitetsplan.read.workbook"
REPORT_STACK = (
    "import aktivitetsplan.cli, aktivitetsplan.read.reader, aktivitetsplan.read.workbook, "
    "aktivitetsplan.compute.report, aktivitetsplan.formats.report"
)


@dataclass
class Case:
    key: str
    label: str
    argv: list[str]
    startup: str | None = None  # key of the start-up case subtracted for the net time
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peaks_kb: list[int] = field(default_factory=list)
    stdout: bytes = b""

    @property
    def best(self) -> float:
        return min(self.walls)

    @property
    def median(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        return min(self.cpus)

    @property
    def peak_mb(self) -> float:
        return max(self.peaks_kb) / 1024


# Peak memory: Linux carries the spawning process's RSS into a child's ru_maxrss
# (it is recorded at exec), so a large parent would inflate every reading. Each
# case is therefore spawned by this small launcher (≈11 MB), which also times it.
LAUNCHER = """
import os, sys, time
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
argv = sys.argv[2:]
started = time.perf_counter()
pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, fd, 1)])
_pid, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - started
print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run_child(argv: list[str]) -> tuple[float, float, int, bytes]:
    """Wall and CPU seconds, the child's own peak RSS (KiB, Linux ru_maxrss), its stdout."""
    with tempfile.NamedTemporaryFile() as out:
        launched = subprocess.run(
            [sys.executable, "-c", LAUNCHER, out.name, *argv],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
        stdout = Path(out.name).read_bytes()
    try:
        wall_text, cpu_text, peak_text, code_text = launched.stdout.split()
    except ValueError:
        code_text = "launcher failed"
    if code_text != b"0":
        raise SystemExit(
            f"{' '.join(argv[:4])} … exited with {code_text!r}:\n"
            f"{launched.stderr.decode(errors='replace')[-2000:]}"
        )
    return float(wall_text), float(cpu_text), int(peak_text), stdout


def aktplan_executable() -> str:
    beside = Path(sys.executable).with_name("aktplan")
    found = str(beside) if beside.is_file() else shutil.which("aktplan")
    if not found:
        raise SystemExit("aktplan is not installed: pip install -e . in this interpreter")
    return found


def build_cases(big: Path, folder: Path, skip_naive: bool) -> list[Case]:
    python, aktplan = sys.executable, aktplan_executable()
    files = [str(p) for p in sorted(folder.glob("*.xlsx"))]
    report = ["--format", "json", "--dato", REPORT_DATE]
    cases = [
        Case("py", "python -c pass", [python, "-c", "pass"]),
        Case("version", "aktplan --version", [aktplan, "--version"]),
        Case("imp_reader", "import reader (read.reader, read.workbook)", [python, "-c", READ_STACK]),
        Case("imp_stack", "import report stack (cli+reader+report+render)", [python, "-c", REPORT_STACK]),
        Case("imp_calamine", "import python_calamine", [python, "-c", "import python_calamine"]),
        Case("imp_pandas", "import pandas, openpyxl", [python, "-c", "import pandas, openpyxl"]),
        Case("big_report", "aktplan rapport --format json", [aktplan, "rapport", str(big), *report], "imp_stack"),
        Case("big_nohist", "  the same, --uten-historikk", [aktplan, "rapport", str(big), *report, "--uten-historikk"], "imp_stack"),
        Case("big_floor", "bare calamine (floor)", [python, "-c", CALAMINE_CHILD, str(big)], "imp_calamine"),
        Case("big_naive", "pandas read_excel openpyxl", [python, "-c", PANDAS_CHILD, str(big)], "imp_pandas"),
        Case("pf_report", "aktplan rapport --format json", [aktplan, "rapport", str(folder), *report], "imp_stack"),
        Case("pf_nohist", "  the same, --uten-historikk", [aktplan, "rapport", str(folder), *report, "--uten-historikk"], "imp_stack"),
        Case("pf_floor", "bare calamine, one after another", [python, "-c", CALAMINE_CHILD, *files], "imp_calamine"),
        Case("pf_naive", "pandas read_excel openpyxl", [python, "-c", PANDAS_CHILD, *files], "imp_pandas"),
    ]  # fmt: skip
    if skip_naive:
        cases = [c for c in cases if not c.key.endswith("_naive")]
    return cases


def seed_history(big: Path, folder: Path) -> None:
    """A fresh history beside each input with one snapshot, of PREVIOUS_DATE: every timed
    report then does what a monthly run does (load that snapshot, compare, save its own;
    from the second round on, replacing the day's snapshot)."""
    aktplan = aktplan_executable()
    for target in (big, folder):
        database = (target if target.is_dir() else target.parent) / HISTORY_NAME
        database.unlink(missing_ok=True)
        subprocess.run(
            [aktplan, "rapport", str(target), "--format", "json", "--dato", PREVIOUS_DATE],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
        )
        print(f"history: {database} seeded with the snapshot of {PREVIOUS_DATE}")


def measure(cases: list[Case], repeat: int) -> None:
    """Round-robin: each round runs every case once, so drift hits all cases alike."""
    for round_no in range(1, repeat + 1):
        for case in cases:
            wall, cpu, peak, stdout = run_child(case.argv)
            case.walls.append(wall)
            case.cpus.append(cpu)
            case.peaks_kb.append(peak)
            case.stdout = stdout
            print(
                f"  round {round_no}/{repeat}  {case.key:<13} {wall:8.3f} s wall {cpu:8.3f} s CPU",
                flush=True,
            )


def verify(cases: dict[str, Case]) -> list[str]:
    """What each case read, from its own output: the same rows everywhere."""
    notes = []
    for group, activities in (("big", BIG_ROWS), ("pf", PORTFOLIO_FILES * PORTFOLIO_ROWS)):
        report = json.loads(cases[f"{group}_report"].stdout)
        if report["activities"] != activities:
            raise SystemExit(f"{group}: the report has {report['activities']} activities")
        notes.append(
            f"{group}: report activities={report['activities']:,} issues={len(report['issues']):,} "
            f"overdue={len(report['overdue']):,} json={len(cases[f'{group}_report'].stdout) / 1e6:.1f} MB"
        )
        since = (report.get("changes") or {}).get("since")
        if since != PREVIOUS_DATE:
            raise SystemExit(f"{group}: the report compared with {since}, not {PREVIOUS_DATE}")
        plain = cases.get(f"{group}_nohist")
        if plain is not None and "changes" in json.loads(plain.stdout):
            raise SystemExit(f"{group}: --uten-historikk still shows changes")
        for kind in ("floor", "naive"):
            case = cases.get(f"{group}_{kind}")
            if case is None:
                continue
            fields = dict(item.split("=") for item in case.stdout.decode().split())
            notes.append(
                f"{group}: {kind} rows={int(fields['rows']):,} in-process import="
                f"{float(fields['import']):.3f} s work={float(fields['work']):.3f} s (last run)"
            )
    return notes


# --- the table ---------------------------------------------------------------------------


def _net(case: Case, cases: dict[str, Case]) -> float | None:
    return case.best - cases[case.startup].best if case.startup else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b is not None and b > 0 else None


def _fmt(value: float | None, spec: str = ".2f", suffix: str = "×") -> str:
    return "–" if value is None else f"{value:{spec}}{suffix}"


def print_table(cases: dict[str, Case], repeat: int) -> list[tuple[str, bool | None, str]]:
    head = (
        f"{'case':<48} {'best s':>7} {'median s':>8} {'CPU s':>7} {'net s':>7} {'peak MB':>7} "
        f"{'÷floor':>7} {'÷floor net':>10} {'naive÷':>7} {'naive÷ net':>10}"
    )
    print(f"\nWall time best/median of {repeat} runs, each in a fresh process. CPU s: least")
    print("user+sys CPU time of the child (less disturbed by other load than wall time).")
    print("net = best − best of its start-up row (aktplan: report stack; calamine: import")
    print("python_calamine; pandas: import pandas, openpyxl). ÷floor = case / bare calamine;")
    print("naive÷ = pandas openpyxl / case (how many times faster than the naive read).\n")
    print(head)
    print("-" * len(head))

    def line(case: Case, rest: str = "", net: float | None = None) -> None:
        print(
            f"  {case.label:<46} {case.best:7.3f} {case.median:8.3f} {case.cpu:7.3f} "
            f"{_fmt(net, '.3f', ''):>7} {case.peak_mb:7.1f} {rest}".rstrip()
        )

    print("start-up")
    for key in ("py", "version", "imp_reader", "imp_stack", "imp_calamine", "imp_pandas"):
        line(cases[key])
    verdicts: list[tuple[str, bool | None, str]] = []
    for group, title in (
        ("big", f"one plan, {BIG_ROWS:,} activities"),
        ("pf", f"portfolio, {PORTFOLIO_FILES} plans × {PORTFOLIO_ROWS} activities"),
    ):
        print(title)
        floor, naive = cases[f"{group}_floor"], cases.get(f"{group}_naive")
        for kind in ("report", "nohist", "floor", "naive"):
            case = cases.get(f"{group}_{kind}")
            if case is None:
                continue
            net = _net(case, cases)
            line(
                case,
                f"{_fmt(_ratio(case.best, floor.best)):>7} "
                f"{_fmt(_ratio(net, _net(floor, cases))):>10} "
                f"{_fmt(_ratio(naive.best, case.best) if naive else None):>7} "
                f"{_fmt(_ratio(_net(naive, cases), net) if naive else None):>10}",
                net,
            )
    big, big_floor, big_naive = cases["big_report"], cases["big_floor"], cases.get("big_naive")
    pf, pf_floor = cases["pf_report"], cases["pf_floor"]

    def verdict(name: str, raw: float | None, net: float | None, ok, target: str) -> None:
        passed = None if raw is None else ok(raw)
        net_passed = None if net is None else ok(net)
        word = {True: "PASS", False: "FAIL", None: "n/a"}
        detail = f"raw {_fmt(raw)} → {word[passed]}; start-up subtracted {_fmt(net)} → {word[net_passed]}"
        verdicts.append((name, passed, f"{target}: {detail}"))

    verdict(
        "50k report vs floor",
        _ratio(big.best, big_floor.best),
        _ratio(_net(big, cases), _net(big_floor, cases)),
        lambda r: r <= TARGET_BIG_VS_FLOOR,
        f"≤ {TARGET_BIG_VS_FLOOR}× bare calamine",
    )
    verdict(
        "50k report vs naive",
        _ratio(big_naive.best, big.best) if big_naive else None,
        _ratio(_net(big_naive, cases), _net(big, cases)) if big_naive else None,
        lambda r: r >= TARGET_BIG_VS_NAIVE,
        f"≥ {TARGET_BIG_VS_NAIVE}× faster than pandas+openpyxl",
    )
    verdict(
        "portfolio vs floor",
        _ratio(pf.best, pf_floor.best),
        _ratio(_net(pf, cases), _net(pf_floor, cases)),
        lambda r: r <= TARGET_PORTFOLIO_VS_FLOOR,
        f"≤ {TARGET_PORTFOLIO_VS_FLOOR}× calamine one file after another",
    )
    print("\nThe history (load the last month's snapshot, compare, save the day's):")
    for group in ("big", "pf"):
        with_history, plain = cases[f"{group}_report"], cases.get(f"{group}_nohist")
        if plain is None:
            continue
        wall, cpu = with_history.best - plain.best, with_history.cpu - plain.cpu
        print(
            f"  {group:<4} +{wall:.3f} s wall ({wall / with_history.best:.0%} of the run), "
            f"+{cpu:.3f} s CPU; peak {with_history.peak_mb:.1f} MB vs {plain.peak_mb:.1f} MB"
        )
    print("\nTargets (judged on the raw best wall times; the start-up-subtracted ratio is shown")
    print("for diagnosis only):")
    for name, passed, detail in verdicts:
        word = {True: "PASS", False: "FAIL", None: "n/a "}[passed]
        print(f"  {word}  {name:<22} {detail}")
    return verdicts


def environment(big: Path, folder: Path) -> str:
    from importlib.metadata import version

    packages = ", ".join(
        f"{name} {version(name)}"
        for name in ("aktplan", "python-calamine", "pandas", "numpy", "openpyxl")
    )
    small = sorted(folder.glob("*.xlsx"))
    sizes = sum(p.stat().st_size for p in small)
    return (
        f"python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs\n{packages}\n"
        f"{big.name}: {big.stat().st_size / 1e6:.1f} MB; "
        f"{folder.name}/: {len(small)} files, {sizes / 1e6:.1f} MB"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="input cache folder")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (best of N)")
    parser.add_argument("--regenerate", action="store_true", help="rebuild the inputs")
    parser.add_argument(
        "--skip-naive", action="store_true", help="leave out the (slow) pandas+openpyxl reads"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    big, folder = generate(args.out.resolve(), args.regenerate)
    print(environment(big, folder))
    cases = build_cases(big, folder, args.skip_naive)
    seed_history(big, folder)
    load_before = os.getloadavg()[0]
    measure(cases, args.repeat)
    print(
        f"load average (1 min): {load_before:.2f} before, {os.getloadavg()[0]:.2f} after "
        "(other processes on the machine add noise; the best of N resists it)"
    )
    by_key = {case.key: case for case in cases}
    print()
    for note in verify(by_key):
        print(note)
    verdicts = print_table(by_key, args.repeat)
    return 0 if all(passed is not False for _, passed, _ in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
