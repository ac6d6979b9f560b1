"""Fuzzing the reader (issue #12): one bad file at a time beside two good plans.

A department's shared drive holds half-synced files, truncated copies, an old .xls, a
file from another tool. Every case here puts one such file beside the two good plans
of `conftest.PORTFOLIO` and runs `aktplan rapport MAPPE --format json`, then asserts:
no traceback or Rust panic text; exit code 0, 1 or 2; stdout strict JSON (no NaN, no
Infinity) holding both good plans; the bad file named in a `Feil:` line (or read as a
plan, when the mutation left it one); every stderr line one clean line; the bad file's
bytes unchanged.

The cases are made from our own template and plans: byte flips, truncations, zip
members with an unsupported method or corrupt deflate data or the encryption flag,
DTDs and entities, lying headers, far-away cells, repeated .ods rows, non-finite and
huge numbers, wrong endings, a FIFO. The ones that found a bug are named generators
(`REGRESSIONS`); the rest are seeded, so every run sees the same files. Most run
in-process (click's CliRunner, with the file descriptors captured too, since Rust
writes its panic text there); the memory-hungry ones run in a child process whose
peak memory is measured and must stay under 300 MB.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import PORTFOLIO, convert, fill_plan, run_aktplan, soffice, write_template

from aktivitetsplan.cli import cli
from aktivitetsplan.read.archive import MAX_ACTIVITIES, MAX_ROWS

REPORT_DATE = "2026-03-31"
GOOD = tuple(PORTFOLIO)  # vaar.xlsx, host.xlsx
PANIC_MARKS = ("Traceback", "panicked", "PanicException", "RUST_BACKTRACE", "pyo3")
MEMORY_LIMIT_MB = 300
_JSON = ("--format", "json", "--dato", REPORT_DATE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


# --- seeds: the files the bad ones are made from --------------------------------------------


@dataclass
class Seeds:
    folder: Path  # the two good plans
    plan: bytes  # vaar.xlsx, filled by openpyxl (inline strings, dates, amounts)
    formulas: bytes  # a plan with formula cells
    template: bytes  # the blank template, as xlsxwriter writes it (shared strings)
    ods: bytes | None = None  # vaar as LibreOffice saves it
    xls: bytes | None = None  # vaar as an old .xls
    xls_far: bytes | None = None  # an .xls with a value in its last cell, IV65536


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Seeds:
    root = tmp_path_factory.mktemp("fuzz-seeds")
    folder = root / "good"
    folder.mkdir()
    for name, spec in PORTFOLIO.items():
        fill_plan(write_template(folder / name), spec["rows"], spec["campaign"])
    formulas = fill_plan(
        write_template(root / "formler.xlsx"),
        [
            {"Aktivitet": "Annonser", "Frist": "01.04.2026", "Budsjett (kr)": "=1500*4"},
            {"Aktivitet": "Stand", "Frist": "02.04.2026", "Budsjett (kr)": "=L14*2"},
        ],
    )
    found = Seeds(
        folder=folder,
        plan=(folder / "vaar.xlsx").read_bytes(),
        formulas=formulas.read_bytes(),
        template=write_template(root / "mal.xlsx").read_bytes(),
    )
    try:
        soffice()
    except pytest.skip.Exception:  # the LibreOffice seeds only; the rest runs anyway
        return found
    found.ods = convert(folder / "vaar.xlsx", "ods", root / "lo").read_bytes()
    found.xls = convert(folder / "vaar.xlsx", "xls", root / "lo").read_bytes()
    workbook = openpyxl.load_workbook(folder / "vaar.xlsx")
    workbook.worksheets[0]["IV65536"] = 1
    workbook.save(root / "langt-ute.xlsx")
    found.xls_far = convert(root / "langt-ute.xlsx", "xls", root / "lo").read_bytes()
    return found


# --- running one case ---------------------------------------------------------------------


def _strict(constant: str):
    raise ValueError(f"not JSON: {constant}")


def check_outcome(
    code: int, stdout: str, stderr: str, bad: Path | None, before: bytes | None
) -> dict:
    """The invariants of every case; returns the JSON report."""
    output = stdout + stderr
    assert code in (0, 1, 2), output[-2000:]
    for mark in PANIC_MARKS:
        assert mark not in output, output[-2000:]
    report = json.loads(stdout, parse_constant=_strict)
    files = [Path(plan["file"]).name for plan in report["plans"]]
    assert set(GOOD) <= set(files), (files, stderr)
    lines = stderr.splitlines()
    for line in lines:
        assert line.startswith(("Feil: ", "Merk: ")), line
        assert not _CONTROL.search(line), repr(line)
        assert len(line) <= 1200, line
    if bad is not None:
        named = any(bad.name in line for line in lines)
        assert named or bad.name in files, (bad.name, files, stderr)
        if before is not None and bad.is_file():
            assert bad.read_bytes() == before, "the input file was written to"
    return report


def run_in_process(folder: Path, capfd) -> tuple[int, str, str]:
    capfd.readouterr()
    result = CliRunner().invoke(
        cli, ["rapport", "--uten-historikk", str(folder), "--format", "json", "--dato", REPORT_DATE]
    )
    leaked = capfd.readouterr()  # what went past Python: Rust's panic text, for one
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout + leaked.out, result.stderr + leaked.err


# A small launcher runs aktplan as its child and reports the child's peak memory (from
# wait4): RUSAGE_CHILDREN of the test process would be the largest of every child it
# ever had (LibreOffice among them).
_LAUNCHER = """
import os, sys
out, err, *args = sys.argv[1:]
pid = os.fork()
if pid == 0:
    os.dup2(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), 1)
    os.dup2(os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), 2)
    os.execv(sys.executable, [sys.executable, "-m", "aktivitetsplan", *args])
_, status, usage = os.wait4(pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run_measured(folder: Path, timeout: float = 180) -> tuple[int, str, str, float]:
    """`python -m aktivitetsplan rapport FOLDER --format json` in a child process, as a
    user runs it: exit code, stdout, stderr and the child's peak memory in MB."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AKTPLAN_")}
    out, err = folder.parent / f"{folder.name}.out", folder.parent / f"{folder.name}.err"
    launcher = subprocess.Popen(
        [
            sys.executable,
            "-c",
            _LAUNCHER,
            str(out),
            str(err),
            "rapport",
            "--uten-historikk",
            str(folder),
            *_JSON,
        ],
        stdout=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    try:
        report, _ = launcher.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(launcher.pid, 9)
        launcher.communicate()
        pytest.fail(f"aktplan did not finish within {timeout} s")
    maxrss, code = report.split()
    return int(code), out.read_text(), err.read_text(), int(maxrss) / 1024


def folder_with(seeds: Seeds, tmp_path: Path, name: str, data: bytes | None) -> Path:
    """A folder with the two good plans and the bad file `name` (holding `data`)."""
    folder = tmp_path / "mappe"
    folder.mkdir()
    for good in GOOD:
        (folder / good).write_bytes((seeds.folder / good).read_bytes())
    if data is not None:
        (folder / name).write_bytes(data)
    return folder


# --- making bad files -----------------------------------------------------------------------


def rezip(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """The archive with each member passed through `change` (None: left out)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            new = change(info.filename, source.read(info))
            if new is not None:
                target.writestr(info.filename, new)
    return out.getvalue()


def in_part(part: str, change: Callable[[bytes], bytes]) -> Callable[[str, bytes], bytes]:
    return lambda name, data: change(data) if name == part else data


SHEET = "xl/worksheets/sheet1.xml"


def patch_member(data: bytes, member: str, *, flags=None, method=None, size=None) -> bytes:
    """Change a member's flags, compression method or uncompressed size in both its
    local header and its central directory entry (the bytes stay as they are)."""
    buf = bytearray(data)
    local = zipfile.ZipFile(io.BytesIO(data)).getinfo(member).header_offset
    central = buf.find(b"PK\x01\x02")
    while central >= 0:
        length = struct.unpack_from("<H", buf, central + 28)[0]
        if buf[central + 46 : central + 46 + length] == member.encode():
            break
        central = buf.find(b"PK\x01\x02", central + 4)
    assert central >= 0, member
    for value, at_local, at_central, fmt in (
        (flags, 6, 8, "<H"),
        (method, 8, 10, "<H"),
        (size, 22, 24, "<L"),
    ):
        if value is not None:
            struct.pack_into(fmt, buf, local + at_local, value)
            struct.pack_into(fmt, buf, central + at_central, value)
    return bytes(buf)


def compressed_range(data: bytes, member: str) -> tuple[int, int]:
    """Where a member's compressed bytes are in the archive."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    return start, start + info.compress_size


def add_rows(xml: str) -> Callable[[bytes], bytes]:
    return lambda data: data.replace(b"</sheetData>", xml.encode() + b"</sheetData>", 1)


def set_cell(ref: str, value: str) -> Callable[[bytes], bytes]:
    """The cell `ref` (I14: Frist, L14: Budsjett of vaar.xlsx) holding the raw number text."""

    def change(data: bytes) -> bytes:
        pattern = re.compile(rb'<c r="%s"([^>]*?)(?:/>|>.*?</c>)' % ref.encode(), re.S)
        match = pattern.search(data)
        assert match, ref
        attributes = re.sub(rb'\s*t="[^"]*"', b"", match[1]).rstrip(b" /")
        cell = b'<c r="%s"%s><v>%s</v></c>' % (ref.encode(), attributes, value.encode())
        return data[: match.start()] + cell + data[match.end() :]

    return change


def with_dtd(dtd: str) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        head, sep, rest = data.partition(b"?>")
        if not sep:
            head, rest = b"", data
        return (head + sep if sep else b"") + dtd.encode() + rest

    return change


def ods(extra: str = "", *, budget: str = 'office:value-type="float" office:value="5000"') -> bytes:
    """A small .ods plan written by hand (LibreOffice's layout), with `extra` XML appended
    to its table: for the repeats calamine multiplies out."""

    def cell(text: str) -> str:
        return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'

    header = "".join(
        cell(h) for h in ("ID", "Aktivitet", "Ansvarlig", "Frist", "Status", "Budsjett")
    )
    row = (
        cell("O1")
        + cell("Nyhetsbrev")
        + cell("Kari")
        + '<table:table-cell office:value-type="date" office:date-value="2026-04-01"><text:p>01.04.2026</text:p></table:table-cell>'
        + cell("Å gjøre")
        + f"<table:table-cell {budget}><text:p>x</text:p></table:table-cell>"
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        "<office:body><office:spreadsheet>"
        '<table:table table:name="Aktivitetsplan">'
        f"<table:table-row>{header}</table:table-row>"
        f"<table:table-row>{row}</table:table-row>"
        f"{extra}"
        '<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def zeros_member(data: bytes, megabytes: int, *, claimed: int) -> bytes:
    """The plan with a member of `megabytes` MB of zeros whose size header says `claimed`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            for info in source.infolist():
                archive.writestr(info.filename, source.read(info))
        with archive.open("xl/media/image1.png", "w") as member:
            block = bytes(1 << 20)
            for _ in range(megabytes):
                member.write(block)
    return patch_member(out.getvalue(), "xl/media/image1.png", size=claimed)


def foreign_workbook() -> bytes:
    """Another tool's workbook: control characters (an escape sequence, a bell, line
    breaks) and a very long row in its first rows, which the `Feil:` line quotes."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Eksport ESC fra CRM BEL", "linje NL to", "tab TAB her"])
    sheet.append(["felt" + "x" * 50] * 2000)
    sheet.append(["\u202eslutt"])
    out = io.BytesIO()
    workbook.save(out)
    raw = {b"ESC": b"\x1b[31m", b"BEL": b"\x07", b"NL": b"\r\n", b"TAB": b"\t\x0b"}

    def control(data: bytes) -> bytes:
        for mark, byte in raw.items():
            data = data.replace(b" " + mark + b" ", b" " + byte + b" ")
        return data

    return rezip(
        out.getvalue(),
        lambda name, data: control(data) if "sheet" in name or "shared" in name else data,
    )


# --- the named cases: each found a bug --------------------------------------------------------

NASTY_NUMBERS = ("inf", "-inf", "nan", "1e309", "1e308", "-1e308", "9" * 400, "1e999", "-0")


def _regressions() -> dict[str, tuple[str, Callable[[Seeds], bytes]]]:
    cases: dict[str, tuple[str, Callable[[Seeds], bytes]]] = {
        # zip members: unsupported or corrupt compression, the encryption flag
        "zip_method_shrink": (
            "xlsx",
            lambda s: patch_member(s.plan, SHEET, method=1),
        ),
        "zip_method_99": ("xlsx", lambda s: patch_member(s.plan, SHEET, method=99)),
        "zip_method_in_formula_plan": (
            "xlsx",
            lambda s: patch_member(s.formulas, "xl/workbook.xml", method=12),
        ),
        "zip_encrypted_flag": ("xlsx", lambda s: patch_member(s.plan, SHEET, flags=1)),
        "zip_encrypted_flag_workbook": (
            "xlsx",
            lambda s: patch_member(s.formulas, "xl/workbook.xml", flags=1),
        ),
        "zip_corrupt_deflate": ("xlsx", lambda s: _corrupt_deflate(s.plan, SHEET)),
        "zip_corrupt_deflate_formulas": (
            "xlsx",
            lambda s: _corrupt_deflate(s.formulas, SHEET),
        ),
        "zip_size_says_more": (
            "xlsx",
            lambda s: patch_member(s.plan, SHEET, size=10_000_000),
        ),
        # DTDs and entities (an unused entity, in a workbook with formulas)
        "dtd_unused_entity_formulas": (
            "xlsx",
            lambda s: rezip(s.formulas, in_part(SHEET, with_dtd('<!DOCTYPE x [<!ENTITY a "b">]>'))),
        ),
        "dtd_in_workbook_xml": (
            "xlsx",
            lambda s: rezip(
                s.formulas, in_part("xl/workbook.xml", with_dtd('<!DOCTYPE x [<!ENTITY a "b">]>'))
            ),
        ),
        "dtd_external": (
            "xlsx",
            lambda s: rezip(
                s.plan, in_part(SHEET, with_dtd('<!DOCTYPE x SYSTEM "http://example.com/x">'))
            ),
        ),
        # lying headers
        "sst_unique_count_2_31": (
            "xlsx",
            lambda s: rezip(
                s.template,
                in_part(
                    "xl/sharedStrings.xml",
                    lambda d: re.sub(rb'uniqueCount="\d+"', b'uniqueCount="2147483648"', d),
                ),
            ),
        ),
        "sst_count_2_31": (
            "xlsx",
            lambda s: rezip(
                s.template,
                in_part(
                    "xl/sharedStrings.xml",
                    lambda d: re.sub(rb' count="\d+"', b' count="2147483648"', d),
                ),
            ),
        ),
        "dimension_claims_the_grid": (
            "xlsx",
            lambda s: rezip(
                s.plan,
                in_part(
                    SHEET,
                    lambda d: re.sub(
                        rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', d
                    ),
                ),
            ),
        ),
        # far-away cells
        "cell_XFD1048576": (
            "xlsx",
            lambda s: rezip(
                s.plan,
                in_part(SHEET, add_rows('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')),
            ),
        ),
        "cell_Q1048576": (
            "xlsx",
            lambda s: rezip(
                s.plan,
                in_part(SHEET, add_rows('<row r="1048576"><c r="Q1048576"><v>1</v></c></row>')),
            ),
        ),
        "cell_Q1048576_in_row_5": (
            "xlsx",
            lambda s: rezip(
                s.plan, in_part(SHEET, add_rows('<row r="300"><c r="Q1048576"><v>1</v></c></row>'))
            ),
        ),
        "cell_beyond_grid": (
            "xlsx",
            lambda s: rezip(
                s.plan, in_part(SHEET, add_rows('<row r="300"><c r="AAAA300"><v>1</v></c></row>'))
            ),
        ),
        "cell_prefixed_far": (
            "xlsx",
            lambda s: rezip(
                s.plan,
                in_part(
                    SHEET,
                    add_rows(
                        '<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="300">'
                        '<x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row>'
                    ),
                ),
            ),
        ),
        "cells_without_r_after_far_column": (
            "xlsx",
            lambda s: rezip(
                s.plan,
                in_part(
                    SHEET,
                    add_rows(
                        '<row r="300"><c r="XFC300"><v>1</v></c>' + "<c><v>2</v></c>" * 3 + "</row>"
                    ),
                ),
            ),
        ),
        "row_without_r_far_down": (
            "xlsx",
            lambda s: rezip(
                s.plan, in_part(SHEET, add_rows('<row r="1048576"><c><v>1</v></c></row>'))
            ),
        ),
        "empty_styled_cell_far_away": (  # costs calamine nothing: still a readable plan
            "xlsx",
            lambda s: rezip(
                s.plan, in_part(SHEET, add_rows('<row r="1048576"><c r="XFD1048576" s="1"/></row>'))
            ),
        ),
        # numbers
        **{
            f"budget_{_slug(value)}": ("xlsx", _number_case("L14", value))
            for value in NASTY_NUMBERS
        },
        **{f"cost_{_slug(value)}": ("xlsx", _number_case("M14", value)) for value in NASTY_NUMBERS},
        **{f"date_{_slug(value)}": ("xlsx", _number_case("I14", value)) for value in NASTY_NUMBERS},
        "budget_1e308_twice": (
            "xlsx",
            lambda s: rezip(
                s.plan,
                in_part(SHEET, lambda d: set_cell("M15", "1e308")(set_cell("M14", "1e308")(d))),
            ),
        ),
        "campaign_budget_1e308": (
            "xlsx",
            lambda s: rezip(s.plan, in_part(SHEET, _campaign_budget("1e308"))),
        ),
        "ods_budget_1e999": (
            "ods",
            lambda s: ods(budget='office:value-type="float" office:value="1e999"'),
        ),
        "ods_budget_nan": (
            "ods",
            lambda s: ods(budget='office:value-type="float" office:value="NaN"'),
        ),
        "ods_budget_minus_inf": (
            "ods",
            lambda s: ods(budget='office:value-type="float" office:value="-inf"'),
        ),
        "ods_date_nonsense": (
            "ods",
            lambda s: ods(budget='office:value-type="date" office:date-value="-999999-99-99"'),
        ),
        # repeats
        "ods_row_repeated_a_million_times": (
            "ods",
            lambda s: ods(
                '<table:table-row table:number-rows-repeated="1000000">'
                '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
                "</table:table-row>"
            ),
        ),
        "ods_cell_repeated_across": (
            "ods",
            lambda s: ods(
                '<table:table-row table:number-rows-repeated="100"><table:table-cell office:value-type="float" '
                'office:value="1" table:number-columns-repeated="16384"/></table:table-row>'
            ),
        ),
        "ods_empty_rows_then_a_value": (
            "ods",
            lambda s: ods(
                '<table:table-row table:number-rows-repeated="900000"><table:table-cell/></table:table-row>'
                '<table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row>'
            ),
        ),
        "ods_spaces_a_billion": (
            "ods",
            lambda s: ods(
                '<table:table-row><table:table-cell office:value-type="string">'
                '<text:p><text:s text:c="1000000000"/></text:p></table:table-cell></table:table-row>'
            ),
        ),
        "ods_trailing_empty_rows_as_libreoffice_writes": ("ods", lambda s: ods()),  # readable
        # endings
        "xlsx_named_ods": ("ods", lambda s: s.plan),
        "xlsx_named_xls": ("xls", lambda s: s.plan),
        "xlsm_named_xlsx": ("xlsm", lambda s: s.plan),
        "ods_named_xlsx": ("xlsx", lambda s: ods()),
        "text_named_xlsx": ("xlsx", lambda s: b"ID;Aktivitet;Frist\n1;Blogg;01.04.2026\n"),
        "empty_named_ods": ("ods", lambda s: b""),
        # foreign files
        "foreign_workbook_control_characters": ("xlsx", lambda s: foreign_workbook()),
        "truncated_at_central_directory": (
            "xlsx",
            lambda s: s.plan[: s.plan.rfind(b"PK\x01\x02") + 10],
        ),
        # binary workbooks: read in a child first (calamine: 1 GB for this one)
        "xls_far_cell": ("xls", lambda s: _needs(s.xls_far)),
        "xls_truncated": ("xls", lambda s: _needs(s.xls)[: len(s.xls) * 2 // 3]),
        "xls_named_xlsx": ("xlsx", lambda s: _needs(s.xls)),
        "truncated_mid_sheet": (
            "xlsx",
            lambda s: s.plan[: sum(compressed_range(s.plan, SHEET)) // 2],
        ),
    }
    return cases


def _needs(data: bytes | None) -> bytes:
    if data is None:
        pytest.skip("LibreOffice is needed for this seed")
    return data


def _slug(value: str) -> str:
    if len(value) > 20:
        return f"{len(value)}_digits"
    return value.replace("-", "minus_").replace(".", "_")


def _number_case(ref: str, value: str) -> Callable[[Seeds], bytes]:
    return lambda s: rezip(s.plan, in_part(SHEET, set_cell(ref, value)))


def _campaign_budget(value: str) -> Callable[[bytes], bytes]:
    """The value of the campaign block's `Budsjett` (the cell right of its label)."""

    def change(data: bytes) -> bytes:
        label = re.search(rb'<c r="A(\d+)"[^>]*><is><t>Budsjett</t>', data)
        assert label, "no Budsjett label in column A"
        return set_cell(f"B{int(label[1])}", value)(data)

    return change


def _corrupt_deflate(data: bytes, member: str) -> bytes:
    start, end = compressed_range(data, member)
    buf = bytearray(data)
    for at in range(start + (end - start) // 3, start + (end - start) // 3 + 16):
        buf[at] ^= 0xFF
    return bytes(buf)


REGRESSIONS = _regressions()


@pytest.mark.parametrize("case", sorted(REGRESSIONS))
def test_regression(case, seeds, tmp_path, capfd):
    suffix, make = REGRESSIONS[case]
    name = f"fuzz-{case}.{suffix}"
    data = make(seeds)
    folder = folder_with(seeds, tmp_path, name, data)
    if case in IN_A_CHILD:  # a regression could make calamine abort the process
        code, stdout, stderr, peak = run_measured(folder)
        assert peak < MEMORY_LIMIT_MB, f"{case}: {peak:.0f} MB"
    else:
        code, stdout, stderr = run_in_process(folder, capfd)
    report = check_outcome(code, stdout, stderr, folder / name, data)
    files = [Path(plan["file"]).name for plan in report["plans"]]
    if case in READABLE:
        assert name in files, stderr
    if case in REFUSED:
        assert name not in files
        assert any(line.startswith(f"Feil: {folder / name}: ") for line in stderr.splitlines())
    if case not in IN_A_CHILD:
        # Alone, the read-ahead has one reader, and the formula scan its own thread.
        check_alone(folder / name, capfd, refused=case in REFUSED)


def check_alone(bad: Path, capfd, *, refused: bool) -> None:
    capfd.readouterr()
    result = CliRunner().invoke(cli, ["rapport", "--uten-historikk", str(bad), *_JSON])
    leaked = capfd.readouterr()
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    output = result.stdout + result.stderr + leaked.out + leaked.err
    for mark in PANIC_MARKS:
        assert mark not in output, output[-2000:]
    assert result.exit_code in (0, 1, 2)
    if refused:
        assert result.stdout == ""
        assert result.stderr.startswith(f"Feil: {bad}: "), result.stderr
        assert result.stderr.count("\n") == 1, result.stderr
    elif result.stdout:
        json.loads(result.stdout, parse_constant=_strict)


# Cases that ask calamine for more memory than there is, if the checks before it fail:
# run in a child process, their peak memory measured.
IN_A_CHILD = {
    case
    for case in REGRESSIONS
    if case.startswith(("cell_", "cells_", "row_", "sst_", "ods_row", "ods_cell", "ods_empty"))
    or case in ("ods_spaces_a_billion", "empty_styled_cell_far_away", "dimension_claims_the_grid")
    or case.startswith("xls_")
}

# Cases that must come out as a plan, and ones that must be refused.
READABLE = {
    "xls_named_xlsx",
    "xlsx_named_ods",
    "xlsx_named_xls",
    "xlsm_named_xlsx",
    "ods_named_xlsx",
    "empty_styled_cell_far_away",
    "dimension_claims_the_grid",
    "ods_trailing_empty_rows_as_libreoffice_writes",
    *(f"budget_{_slug(v)}" for v in NASTY_NUMBERS),
    *(f"cost_{_slug(v)}" for v in NASTY_NUMBERS),
    "budget_1e308_twice",
    "campaign_budget_1e308",
    "ods_budget_1e999",
    "ods_budget_nan",
    "ods_budget_minus_inf",
}
REFUSED = {
    "xls_far_cell",
    "xls_truncated",
    "zip_method_shrink",
    "zip_method_99",
    "zip_method_in_formula_plan",
    "zip_encrypted_flag",
    "zip_encrypted_flag_workbook",
    "zip_corrupt_deflate",
    "zip_corrupt_deflate_formulas",
    "zip_size_says_more",
    "dtd_unused_entity_formulas",
    "dtd_in_workbook_xml",
    "dtd_external",
    "sst_unique_count_2_31",
    "sst_count_2_31",
    "cell_XFD1048576",
    "cell_Q1048576",
    "cell_Q1048576_in_row_5",
    "cell_beyond_grid",
    "cell_prefixed_far",
    "cells_without_r_after_far_column",
    "row_without_r_far_down",
    "ods_row_repeated_a_million_times",
    "ods_cell_repeated_across",
    "ods_empty_rows_then_a_value",
    "ods_spaces_a_billion",
    "text_named_xlsx",
    "empty_named_ods",
    "foreign_workbook_control_characters",
    "truncated_at_central_directory",
    "truncated_mid_sheet",
}


# --- seeded families ----------------------------------------------------------------------------


def _flip(data: bytes, rng: random.Random, count: int) -> bytes:
    buf = bytearray(data)
    for _ in range(count):
        at = rng.randrange(len(buf))
        buf[at] ^= 1 << rng.randrange(8)
    return bytes(buf)


def _flip_inside(data: bytes, rng: random.Random, count: int) -> bytes:
    """Flips in the unpacked XML of a sheet (the archive stays sound)."""
    part = rng.choice([SHEET, "xl/workbook.xml", "xl/styles.xml", "xl/worksheets/sheet2.xml"])
    return rezip(data, in_part(part, lambda d: _flip(d, rng, count)))


def _numbers(data: bytes, rng: random.Random, count: int) -> bytes:
    """Random number cells of the plan replaced by nasty numbers."""

    def change(sheet: bytes) -> bytes:
        values = list(re.finditer(rb"<v>[^<]*</v>", sheet))
        for match in rng.sample(values, min(count, len(values)))[::-1]:
            nasty = rng.choice([*NASTY_NUMBERS, "1e15", "-1e15", "1e-320", "2958466", "-1e11"])
            sheet = (
                sheet[: match.start()] + b"<v>" + nasty.encode() + b"</v>" + sheet[match.end() :]
            )
        return sheet

    return rezip(data, in_part(SHEET, change))


def _family_cases() -> list[tuple[str, str, str, int, int]]:
    """(family, seed file, suffix, seed, count): a few hundred cases in all."""
    cases = []
    for n in range(70):
        cases.append(("flip", "plan", "xlsx", n, 1 + n % 6))
    for n in range(30):
        cases.append(("flip", "template", "xlsx", n, 1 + n % 4))
    for n in range(40):
        cases.append(("flip", "ods", "ods", n, 1 + n % 5))
    for n in range(15):
        cases.append(("flip", "xls", "xls", n, 1 + n % 4))
    for n in range(40):
        cases.append(("truncate", "plan" if n % 3 else "ods", "xlsx" if n % 3 else "ods", n, 0))
    for n in range(12):
        cases.append(("truncate", "xls", "xls", n, 0))
    for n in range(45):
        cases.append(("inside", "plan" if n % 2 else "formulas", "xlsx", n, 1 + n % 8))
    for n in range(30):
        cases.append(("numbers", "plan", "xlsx", n, 1 + n % 5))
    return cases


FAMILIES = _family_cases()


def make_family_case(seeds: Seeds, family: str, seed_file: str, seed: int, count: int) -> bytes:
    data = getattr(seeds, seed_file)
    if data is None:
        pytest.skip(f"LibreOffice is needed for the {seed_file} seed")
    rng = random.Random(f"{family}-{seed_file}-{seed}")
    if family == "flip":
        return _flip(data, rng, count)
    if family == "truncate":
        return data[: rng.randrange(1, len(data))]
    if family == "inside":
        return _flip_inside(data, rng, count)
    return _numbers(data, rng, count)


@pytest.mark.parametrize(
    ("family", "seed_file", "suffix", "seed", "count"),
    FAMILIES,
    ids=[f"{f}-{s}-{n}" for f, s, _x, n, _c in FAMILIES],
)
def test_family(family, seed_file, suffix, seed, count, seeds, tmp_path, capfd):
    data = make_family_case(seeds, family, seed_file, seed, count)
    name = f"fuzz-{family}-{seed}.{suffix}"
    folder = folder_with(seeds, tmp_path, name, data)
    code, stdout, stderr = run_in_process(folder, capfd)
    check_outcome(code, stdout, stderr, folder / name, data)


# --- in a child process: memory, hangs ---------------------------------------------------------


def _rows(count: int) -> bytes:
    """A plan sheet with `count` real activity rows (made as XML: quick to write)."""
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>A{r}</t></is></c>'
        f'<c r="B{r}" t="inlineStr"><is><t>Aktivitet {r}</t></is></c>'
        f'<c r="F{r}" t="inlineStr"><is><t>Kari</t></is></c>'
        f'<c r="J{r}" t="inlineStr"><is><t>Å gjøre</t></is></c></row>'
        for r in range(14, 14 + count)
    )
    return rows


def _plan_with_rows(seeds: Seeds, count: int) -> bytes:
    def change(sheet: bytes) -> bytes:
        head = sheet[: sheet.index(b'<row r="14"')]
        tail = sheet[sheet.index(b"</sheetData>") :]
        return head + _rows(count).encode() + tail

    return rezip(seeds.template, in_part(SHEET, change))


# More cases for the child process (with the regressions IN_A_CHILD).
MEMORY_CASES: dict[str, tuple[str, Callable[[Seeds], bytes]]] = {
    # 400 MB of zeros whose size header says 1 kB: the header sum passes, the content not
    "size_header_understates": ("xlsx", lambda s: zeros_member(s.plan, 400, claimed=1024)),
    # one 100 kB shared string used by 2,000 cells: 30 kB on disk, 400 MB in calamine
    "shared_string_used_2000_times": ("xlsx", lambda s: _shared_string_bomb(s.template)),
    # more rows than a plan may have
    "rows_beyond_the_limit": ("xlsx", lambda s: _plan_with_rows(s, MAX_ROWS + 10)),
}


def _shared_string_bomb(template: bytes) -> bytes:
    def change(name: str, data: bytes) -> bytes:
        if name == "xl/sharedStrings.xml":
            count = int(re.search(rb'uniqueCount="(\d+)"', data)[1])
            data = data.replace(b"</sst>", b"<si><t>" + b"x" * 100_000 + b"</t></si></sst>")
            return data.replace(b'uniqueCount="%d"' % count, b'uniqueCount="%d"' % (count + 1))
        if name == SHEET:
            count = int(
                re.search(
                    rb'uniqueCount="(\d+)"',
                    zipfile.ZipFile(io.BytesIO(template)).read("xl/sharedStrings.xml"),
                )[1]
            )
            rows = "".join(
                f'<row r="{r}"><c r="R{r}" t="s"><v>{count}</v></c></row>' for r in range(300, 2300)
            )
            return add_rows(rows)(data)
        return data

    return rezip(template, change)


@pytest.mark.parametrize("case", sorted(MEMORY_CASES))
def test_memory_stays_small(case, seeds, tmp_path):
    suffix, make = MEMORY_CASES[case]
    name = f"fuzz-{case}.{suffix}"
    data = make(seeds)
    folder = folder_with(seeds, tmp_path, name, data)
    code, stdout, stderr, peak = run_measured(folder)
    check_outcome(code, stdout, stderr, folder / name, data)
    assert f"Feil: {folder / name}: " in stderr
    assert peak < MEMORY_LIMIT_MB, f"{case}: {peak:.0f} MB"


def test_a_fifo_named_like_a_plan_is_named_not_waited_for(seeds, tmp_path):
    folder = folder_with(seeds, tmp_path, "unused", None)
    os.mkfifo(folder / "plan.xlsx")
    code, stdout, stderr, _peak = run_measured(folder, timeout=120)
    check_outcome(code, stdout, stderr, folder / "plan.xlsx", None)
    assert stderr == (
        f"Feil: {folder / 'plan.xlsx'}: er ikke en vanlig fil, men et navngitt rør (FIFO); "
        "aktplan leser bare vanlige filer (lagre planen som .xlsx eller .ods)\n"
    )
    assert code == 2


def test_a_fifo_given_as_the_file(tmp_path):
    os.mkfifo(tmp_path / "plan.xlsx")
    folder = tmp_path / "tom"
    folder.mkdir()
    run = run_aktplan("rapport", "--uten-historikk", "plan.xlsx", "--format", "json", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.startswith("Feil: plan.xlsx: er ikke en vanlig fil, men et navngitt rør")


@pytest.mark.slow
def test_the_largest_plan_is_read(seeds, tmp_path):
    """MAX_ACTIVITIES activities are read (the documented maximum), within a few seconds."""
    folder = tmp_path / "stor"
    folder.mkdir()
    (folder / "stor.xlsx").write_bytes(_plan_with_rows(seeds, MAX_ACTIVITIES))
    code, stdout, stderr, peak = run_measured(folder, timeout=300)
    report = json.loads(stdout, parse_constant=_strict)
    assert report["activities"] == MAX_ACTIVITIES, stderr
    assert code in (0, 1)
    assert peak < 1024, f"{peak:.0f} MB"
