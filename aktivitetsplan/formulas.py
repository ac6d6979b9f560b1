"""Find formula cells, so their cached values are never trusted.

calamine returns a formula cell's cached value: xlsxwriter caches 0, and
LibreOffice does not recalculate when it converts. The quick byte search keeps
the common case (no formulas) fast; only a sheet that has formulas is parsed.
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
_CELL_REF = re.compile(r"^([A-Z]+)(\d+)$")

Formulas = dict[tuple[int, int], str]


def _col_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


def _xlsx_sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet's name → its part in the archive (`xl/worksheets/sheet1.xml`)."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
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


def _marked(data: bytes) -> bool:
    return any(marker in data for marker in _MARKERS)


def _has_marker(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """Whether the sheet part has a formula or error cell: streamed, stops at the first."""
    if part.file_size <= _CHUNK:
        return _marked(archive.read(part))
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            data = tail + chunk
            if _marked(data):
                return True
            tail = data[-8:]
    return False


def _xlsx_formulas(path: Path, sheets: list[str]) -> dict[str, Formulas]:
    found: dict[str, Formulas] = {sheet: {} for sheet in sheets}
    with zipfile.ZipFile(path) as archive:
        # Most plans have no formula at all: then the workbook's sheet map is not needed.
        marked = {
            member.filename
            for member in archive.infolist()
            if member.filename.startswith("xl/worksheets/")
            and member.filename.endswith(".xml")
            and _has_marker(archive, member)
        }
        if not marked:
            return found
        parts = _xlsx_sheet_parts(archive)
        for sheet in sheets:
            part = parts.get(sheet)
            if part in marked:
                found[sheet] = _xlsx_sheet_formulas(archive.read(part))
        return found


def _xlsx_sheet_formulas(data: bytes) -> Formulas:
    found: Formulas = {}
    for cell in ElementTree.fromstring(data).iter(f"{_MAIN}c"):
        formula = cell.find(f"{_MAIN}f")
        if formula is not None:
            text = "=" + (formula.text or "…")
        elif cell.get("t") == "e":  # an error value typed or pasted: calamine reads it as ''
            text = cell.findtext(f"{_MAIN}v") or "#"
        else:
            continue
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
                formula = cell.get(f"{_TABLE}formula")
                if formula:
                    for offset in range(min(repeat, 1024)):
                        cells[(row, col + offset)] = formula.split(":", 1)[-1]
                col += repeat
            row += int(row_node.get(f"{_TABLE}number-rows-repeated", "1"))
    return found


def workbook_formulas(path: Path, kind: str, sheets: list[str]) -> dict[str, Formulas]:
    """Each of `sheets` → `(row, col)` (0-based) → formula text (`=…`) or error value
    (`#N/A`). One pass over the archive serves every sheet; a legacy .xls has none found."""
    try:
        if kind == "xlsx":
            return _xlsx_formulas(path, sheets)
        if kind == "ods":
            return _ods_formulas(path, sheets)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        pass
    return {sheet: {} for sheet in sheets}


def formula_cells(path: Path, kind: str, sheet: str) -> Formulas:
    """`(row, col)` (0-based) → formula text (`=…`) or error value (`#N/A`), per cell of `sheet`."""
    return workbook_formulas(path, kind, [sheet])[sheet]


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

    `=1500*4+2000` is computed here from what the user typed; anything that
    refers to cells or functions is not (its cached value is not trusted).
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
