"""Find the cells whose value the file does not hold: error values and unsaved formulas.

Excel, LibreOffice and Google Sheets store each formula's computed value when they
save, and calamine returns that stored value: it is what the user sees, and aktplan
reads it like any other value. Two kinds of cell are different, and found here:

- error values (`#N/A`, `#DIV/0!`), typed or computed: calamine reads them as blank;
- formulas with no stored value: a file written by a script (openpyxl, xlsxwriter)
  and never opened in a spreadsheet. Such a file either leaves the value out or asks
  the application to recompute everything on load (`fullCalcOnLoad`, with 0 as a
  placeholder), so nothing in it is a computed value.

The quick byte search keeps the common case (no formulas) fast; only a sheet that
has formulas or error values is parsed.
"""

from __future__ import annotations

import ast
import operator
import posixpath
import re
import zipfile
from pathlib import Path

from defusedxml import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_CELL_REF = re.compile(r"^([A-Z]+)(\d+)$")

Formulas = dict[tuple[int, int], str]


def _col_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


def _xlsx_sheet_parts(archive: zipfile.ZipFile, data: bytes) -> dict[str, str]:
    """Each worksheet's name → its part in the archive (`xl/worksheets/sheet1.xml`)."""
    workbook = ElementTree.fromstring(data)
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{_PKG_REL}Relationship")}
    parts: dict[str, str] = {}
    for node in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(node.get(f"{_REL}id"), "")
        if target.startswith("/"):
            parts[node.get("name")] = target.lstrip("/")
        else:
            parts[node.get("name")] = posixpath.normpath(posixpath.join("xl", target))
    return parts


# A formula (<f>…</f>, <f t="shared" …/>) or an error cell (t="e") in a sheet part.
# Plain substring tests: a regular expression is ten times slower on XML's many «<».
_MARKERS = (b"<f>", b"<f ", b't="e"')
_CHUNK = 1 << 20


def marked(data: bytes) -> bool:
    """Whether sheet XML holds a formula or an error cell (no tag split across `data`)."""
    return any(marker in data for marker in _MARKERS)


def _has_marker(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """Whether the sheet part has a formula or error cell: streamed, stops at the first."""
    if part.file_size <= _CHUNK:
        return marked(archive.read(part))
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            data = tail + chunk
            if marked(data):
                return True
            tail = data[-8:]
    return False


def _xlsx_formulas(
    path: Path, sheets: list[str], known: frozenset[str] | None
) -> dict[str, Formulas]:
    """`known`: the sheet parts with a formula or error cell, when `files.vet` found them
    already while it read every sheet (`Kind.marked`); else they are searched for here."""
    found: dict[str, Formulas] = {sheet: {} for sheet in sheets}
    with zipfile.ZipFile(path) as archive:
        # Most plans have no formula at all: then the workbook's sheet map is not needed.
        if known is not None:
            marked = known
        else:
            marked = {
                member.filename
                for member in archive.infolist()
                if member.filename.startswith("xl/worksheets/")
                and member.filename.endswith(".xml")
                and _has_marker(archive, member)
            }
        if not marked:
            return found
        workbook = archive.read("xl/workbook.xml")
        parts = _xlsx_sheet_parts(archive, workbook)
        unsaved = _recalculated_on_load(workbook)
        for sheet in sheets:
            part = parts.get(sheet)
            if part in marked:
                with archive.open(part) as stream:
                    found[sheet] = _xlsx_sheet_formulas(stream, unsaved)
        return found


def _recalculated_on_load(workbook: bytes) -> bool:
    """Whether the workbook asks to be recomputed when opened (`fullCalcOnLoad`): then it
    was written by a program that did not compute, and its formula values are placeholders."""
    start = workbook.find(b"<calcPr")
    if start < 0:
        return False
    tag = workbook[start : workbook.find(b">", start)]
    return re.search(rb'fullCalcOnLoad="(1|true)"', tag) is not None


def _xlsx_sheet_formulas(stream, unsaved: bool) -> Formulas:
    """The cells of one sheet part whose value the file does not hold (see the module).

    Streamed, each cell dropped once seen: a 50,000-row sheet with one `=SUM` is not
    held as a tree of a million elements."""
    found: Formulas = {}
    cell_tag, row_tag = f"{_MAIN}c", f"{_MAIN}row"
    for _event, cell in ElementTree.iterparse(stream, events=("end",)):
        if cell.tag == row_tag:
            cell.clear()
        if cell.tag != cell_tag:
            continue
        kind = cell.get("t")
        stored = cell.find(f"{_MAIN}v")
        if kind == "e":  # an error value, typed or computed: calamine reads it as ''
            text = (stored.text if stored is not None else None) or "#"
        else:
            formula = cell.find(f"{_MAIN}f")
            if formula is None:
                continue
            # Excel writes an empty string result as an empty <v> with t="str".
            has_value = stored is not None and (bool(stored.text) or kind == "str")
            if has_value and not unsaved:
                continue  # the value the spreadsheet application saved: calamine has it
            text = "=" + (formula.text or "…")
        match = _CELL_REF.match(cell.get("r", ""))
        if match:
            found[(int(match[2]) - 1, _col_index(match[1]))] = text
    return found


def _ods_formulas(path: Path, sheets: list[str]) -> dict[str, Formulas]:
    with zipfile.ZipFile(path) as archive:
        data = archive.read("content.xml")
    found: dict[str, Formulas] = {sheet: {} for sheet in sheets}
    if b"table:formula=" not in data:
        return found
    for table in ElementTree.fromstring(data).iter(f"{_TABLE}table"):
        cells = found.get(table.get(f"{_TABLE}name"))
        if cells is None:
            continue
        row = 0
        for row_node in table.iter(f"{_TABLE}table-row"):
            col = 0
            for cell in row_node:
                if cell.tag not in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                    continue
                repeat = int(cell.get(f"{_TABLE}number-columns-repeated", "1"))
                text = _ods_unstored(cell)
                if text:
                    for offset in range(min(repeat, 1024)):
                        cells[(row, col + offset)] = text
                col += repeat
            row += int(row_node.get(f"{_TABLE}number-rows-repeated", "1"))
    return found


def _ods_unstored(cell) -> str | None:
    """An ODS formula cell's error value (`#DIV/0!`), or its formula when no value was
    saved with it; None for every other cell (a saved value is read like any other)."""
    formula = cell.get(f"{_TABLE}formula")
    if not formula:
        return None
    if cell.get(f"{_CALCEXT}value-type") == "error":
        shown = cell.find(f"{_TEXT}p")
        return ("".join(shown.itertext()) if shown is not None else "") or "#"
    if cell.get(f"{_OFFICE}value-type"):
        return None
    text = formula.split(":", 1)[-1]  # `of:=[.A1]*2`
    return text if text.startswith("=") else "=" + text


def workbook_formulas(path: Path, kind: str, sheets: list[str]) -> dict[str, Formulas]:
    """Each of `sheets` → `(row, col)` (0-based) → the text of each cell whose value the
    file does not hold: an unsaved formula (`=…`) or an error value (`#N/A`).

    One pass over the archive serves every sheet; a legacy .xls has none found."""
    try:
        if kind == "xlsx":
            return _xlsx_formulas(path, sheets, getattr(kind, "marked", None))
        if kind == "ods":
            return _ods_formulas(path, sheets)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        pass
    return {sheet: {} for sheet in sheets}


_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
}


def evaluate_constant(formula: str) -> float | None:
    """The value of a formula made only of numbers and + - * / ( ), else None.

    For a formula with no saved value: `=1500*4+2000` is computed here from what the
    user typed; anything that refers to cells or functions cannot be.
    """
    text = formula.lstrip("=").replace(",", ".").strip()
    if not text or len(text) > 200 or not re.fullmatch(r"[\d\s.+\-*/()]+", text):
        return None
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        return None

    def walk(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](walk(node.operand))
        raise ValueError(formula)

    try:
        return walk(tree)
    except (ValueError, ZeroDivisionError, OverflowError):
        return None
