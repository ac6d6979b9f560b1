"""maler/: the committed blank workbooks match what `build_maler` produces.

The comparison is part by part inside the zip (as XlsxWriter's own tests do),
so a failure names the part and the first XML that differs. Every entry of
`build_maler.entries()` is covered: a template added there is checked too.
To fix a failure, run `python -m aktivitetsplan.build_maler` and commit maler/.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from aktivitetsplan import build_maler

ENTRIES = build_maler.entries()
NAMES = [name for name, _ in ENTRIES]
FIX = "run `python -m aktivitetsplan.build_maler` and commit maler/"
# Timestamps are fixed by the writers today; ignore them anyway, as XlsxWriter's tests do.
VOLATILE = {
    "docProps/core.xml": re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>"),
}


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        found = {name: archive.read(name) for name in archive.namelist()}
    for name, pattern in VOLATILE.items():
        if name in found:
            found[name] = pattern.sub(b"", found[name])
    return found


def first_difference(committed: bytes, fresh: bytes) -> str:
    """The first lines that differ, with the XML split one element per line."""

    def lines(data: bytes) -> list[str]:
        return data.decode("utf-8", "replace").replace("><", ">\n<").splitlines()

    diff = difflib.unified_diff(lines(committed), lines(fresh), "committed", "generated", n=1)
    return "\n".join(list(diff)[:20])


def differences(committed: Path, fresh: Path) -> list[str]:
    """What differs between two workbooks, part by part (empty: the same workbook)."""
    old, new = parts(committed), parts(fresh)
    if sorted(old) != sorted(new):
        return [f"{committed.name}: parts differ: {sorted(set(old) ^ set(new))}"]
    return [
        f"{committed.name}: {name} differs from the generator\n"
        + first_difference(old[name], new[name])
        for name in sorted(old)
        if old[name] != new[name]
    ]


def assert_same_workbook(committed: Path, fresh: Path) -> None:
    problems = differences(committed, fresh)
    if problems:
        pytest.fail(f"{FIX}\n" + "\n".join(problems), pytrace=False)


def test_entries_are_unique_xlsx_names():
    assert len(NAMES) == len(set(NAMES))
    assert all(name.endswith(".xlsx") and "/" not in name for name in NAMES)
    assert {"aktivitetsplan.xlsx", "aktivitetsplan-en.xlsx"} <= set(NAMES)


@pytest.mark.parametrize(("name", "write"), ENTRIES, ids=NAMES)
def test_committed_file_matches_generator(tmp_path, name, write):
    committed = build_maler.MALER / name
    assert committed.is_file(), f"maler/{name} is missing; {FIX}"
    fresh = tmp_path / name
    write(fresh)
    assert_same_workbook(committed, fresh)


@pytest.mark.parametrize(("name", "write"), ENTRIES, ids=NAMES)
def test_generator_is_deterministic(tmp_path, name, write):
    write(tmp_path / "a.xlsx")
    write(tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_no_stale_workbooks_in_maler():
    committed = sorted(p.name for p in build_maler.MALER.glob("*.xlsx"))
    assert committed == sorted(NAMES), f"maler/ holds files no entry writes; {FIX}"


def test_the_comparison_catches_a_change(tmp_path):
    """Guard against a comparison that passes everything."""
    name, write = ENTRIES[0]
    fresh = tmp_path / name
    write(fresh)
    changed = tmp_path / "changed.xlsx"
    wb = openpyxl.load_workbook(fresh)
    wb.worksheets[0]["A1"] = "Endret"
    wb.save(changed)
    problems = differences(changed, fresh)
    assert problems, "an edited workbook passed the comparison"
    assert any("xl/sharedStrings.xml" in p or "sheet1.xml" in p for p in problems)


def test_build_maler_module_writes_every_entry(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "aktivitetsplan.build_maler", str(tmp_path / "ut")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [str(tmp_path / "ut" / name) for name in NAMES]
    for name in NAMES:
        assert_same_workbook(build_maler.MALER / name, tmp_path / "ut" / name)


def test_maler_languages():
    assert openpyxl.load_workbook(build_maler.MALER / "aktivitetsplan.xlsx").sheetnames[:2] == [
        "Aktivitetsplan",
        "Lister",
    ]
    assert openpyxl.load_workbook(build_maler.MALER / "aktivitetsplan-en.xlsx").sheetnames[:2] == [
        "Activity plan",
        "Lists",
    ]


# That maler/ ships as package data is proven on a real (non-editable) install in
# test_packaging.py; under an editable install the resource is this same file.
