"""Look inside a workbook's zip archive the way calamine will, before calamine does.

calamine believes what a file says and allocates for it: a cell at XFD1048576 asks for
17 billion cells (the process aborts), a cell at Q1048576 for 18 million (790 MB), an
.ods row repeated a million times for 1.3 GB, a shared string used by 2,000 cells is
held 2,000 times (30 kB on disk, 400 MB read), a size header that understates a member
lets gigabytes through. So `check` reads the archive first and refuses, with a catalogue
key and its values (`Refused`, translated by `files.vet`), whatever would go beyond:

- `maks_utpakket_mb` (aktplan.toml, default 200): the archive's content as it really
  unpacks: members are inflated here in pieces and counted, their size headers never
  believed (a member whose real size differs from its header is damaged);
- MAX_ROWS rows per sheet, to its last filled row: a plan of MAX_ACTIVITIES activities
  fits, with its title and campaign block;
- MAX_COLUMNS columns (XFD, the grid of Excel and LibreOffice): a cell beyond is damage;
- MAX_CELLS cells per sheet, as the reader holds them: every row × every column from A1
  to the last filled cell (empty cells do not count, however far away: calamine skips
  them too);
- MAX_TEXT_MB megabytes of text per sheet that calamine makes more of than the file
  spells out: each use of a shared string, each repeat of a repeated .ods cell, each
  `<text:s text:c="…"/>` run of spaces;
- MAX_SHARED_STRINGS for the shared-string table's `uniqueCount` header (calamine
  reserves room for that many before it reads one), four times that for `count`.

A sheet's `<dimension ref>` header is not used: calamine sizes a sheet by its cells,
not by it (measured: `A1:XFD1048576` over 13 filled rows costs nothing), so a lying one
neither harms nor proves anything. Only stored and deflated members are accepted (all
Excel, LibreOffice and Google Sheets write), no encrypted member, and no XML part with
a DTD (`<!DOCTYPE`, `<!ENTITY`), which no spreadsheet program writes. Members other
than the sheets and the shared strings are not inflated when their compressed size
bounds them safely (deflate expands at most 1032:1).

Cost: each sheet is inflated once more and searched with a few regular expressions that
only look where a cell tag starts. A sheet whose every cell tag is the plain
`<c r="A1" …>`, with a one-letter column and a row below 100,000, is within the row and
cell limits without counting (99,999 × 26 < MAX_CELLS); with six-digit rows, the last
row and column are looked up. Any other sheet (cells without `r`, prefixed tags, far
cells) is walked tag by tag as calamine walks it. An .ods's content.xml is counted row
by row. Binary workbooks (.xls, .xlsb) are tried in a child process (`files.probe`).
"""

from __future__ import annotations

import zipfile
from typing import BinaryIO

from .limits import (
    MAX_ACTIVITIES,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SHARED_STRINGS,
    MAX_TEXT_MB,
    Extent,
    Refused,
    cell_name,
)
from .members import DEFLATE_RATIO, Budget, unpacked
from .ods import _OdsScan
from .sheets import _SheetScan
from .workbook import _sheet_names, _Strings, _xlsx_parts, date_styles

__all__ = [
    "DEFLATE_RATIO",
    "MAX_ACTIVITIES",
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MAX_SHARED_STRINGS",
    "MAX_TEXT_MB",
    "Budget",
    "Extent",
    "Refused",
    "cell_name",
    "check",
    "date_styles",
    "unpacked",
]


def check(
    handle: BinaryIO, archive: zipfile.ZipFile, kind: str, limit_mb: int
) -> tuple[frozenset[str], frozenset[str] | None]:
    """Refuse (raise Refused) a workbook archive that is damaged or beyond the limits.

    `handle`: the file the archive was opened from, read here directly (not through
    zipfile, which believes the size headers). Returns the names of the sheets calamine
    would panic on (a far negative number in a cell that may be a date), to be read
    another way; and, for .xlsx, the sheet parts holding a formula or an error cell (as
    every sheet is read here anyway, `formulas` need not read them again; None for .ods).
    """
    members = archive.infolist()
    for info in members:
        if info.flag_bits & 0x1:
            raise Refused("input.password")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Refused("input.compression", part=info.filename, method=info.compress_type)
    by_name = {info.filename: info for info in members}
    budget = Budget(limit_mb)
    panics: set[str] = set()
    with_formulas: set[str] | None = None
    if kind == "ods":
        scanned = {"content.xml"} & by_name.keys()
        for name in scanned:
            _OdsScan(name).run(handle, by_name[name], budget)
    else:
        sheets, strings = _xlsx_parts(handle, by_name, budget)
        lengths = _Strings(handle, [by_name[part] for part in strings], budget)
        scanned = {*sheets, *strings, "xl/_rels/workbook.xml.rels"}
        names = None
        with_formulas = set()
        for part in sheets:
            scan = _SheetScan(part, lengths)
            try:
                scan.run(handle, by_name[part], budget)
            except Refused as refused:
                if "sheet" in refused.values:  # name the sheet, not its part
                    names = names or _sheet_names(handle, by_name, Budget.unlimited())
                    refused.values["sheet"] = names.get(part, part)
                raise
            if scan.formulas:
                with_formulas.add(part)
            if scan.far_negative:
                dates = date_styles(handle, by_name.get("xl/styles.xml"))
                if scan.far_negative & (dates | {-1}):
                    names = names or _sheet_names(handle, by_name, Budget.unlimited())
                    panics.add(names.get(part, part))
    # The rest: counted by what they can unpack to at most; inflated only when that
    # bound does not leave them inside the budget.
    rest = [info for name, info in by_name.items() if name not in scanned]
    bound = sum(info.compress_size * (DEFLATE_RATIO if info.compress_type else 1) for info in rest)
    if bound > budget.left:
        for info in sorted(rest, key=lambda i: -i.compress_size):
            for _piece in unpacked(handle, info, budget):
                pass
    return frozenset(panics), None if with_formulas is None else frozenset(with_formulas)
