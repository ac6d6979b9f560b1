"""An .xlsx workbook's parts: which are sheets and shared strings, the sheets' names,
the date styles, and the shared-string table as far as the limits need it."""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from array import array

from .limits import MAX_SHARED_STRINGS, Refused
from .members import Budget, _attributes, _no_dtd, _read_small, _xml_pieces, unpacked

_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship\b([^>]*)>")


def _target(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(base, target))


def _xlsx_parts(handle, by_name, budget: Budget) -> tuple[list[str], list[str]]:
    """The parts calamine may read as worksheets, and as shared strings.

    The workbook's relationships say where its sheets are; every part they point at is
    scanned (and every xl/worksheets/*.xml part), so a sheet stored under another name
    is not missed.
    """
    rels = _read_small(handle, by_name.get("xl/_rels/workbook.xml.rels"), budget)
    workbook = by_name.get("xl/workbook.xml")
    if workbook is not None:  # its DTD, if it has one, named here (the part is small)
        _no_dtd(next(unpacked(handle, workbook, Budget.unlimited()), b""), workbook.filename)
    sheets = {
        name for name in by_name if name.startswith("xl/worksheets/") and name.endswith(".xml")
    }
    strings = {"xl/sharedStrings.xml"} & by_name.keys()
    for match in _RELATIONSHIP.finditer(rels):
        attributes = _attributes(match[1])
        target = attributes.get(b"Target", b"").decode("utf-8", "replace")
        name = _target("xl", target)
        if name not in by_name or name == "xl/workbook.xml":
            continue
        kind = attributes.get(b"Type", b"").rsplit(b"/", 1)[-1]
        if kind == b"sharedStrings":
            strings.add(name)
        elif kind in (b"worksheet", b"chartsheet", b"dialogsheet", b"xlMacrosheet"):
            sheets.add(name)
        elif not name.endswith((".xml", ".rels")) or kind in (b"styles", b"theme"):
            continue
        else:
            sheets.add(name)  # unknown kind: scanned like a sheet, to be safe
    return sorted(sheets), sorted(strings)


_SHEET = re.compile(rb"<(?:[\w.-]+:)?sheet\b([^>]*)>")


def _sheet_names(handle, by_name, budget: Budget) -> dict[str, str]:
    """Part → sheet name, for messages."""
    workbook = _read_small(handle, by_name.get("xl/workbook.xml"), budget)
    rels = _read_small(handle, by_name.get("xl/_rels/workbook.xml.rels"), budget)
    targets = {}
    for match in _RELATIONSHIP.finditer(rels):
        attributes = _attributes(match[1])
        target = attributes.get(b"Target", b"").decode("utf-8", "replace")
        targets[attributes.get(b"Id", b"")] = _target("xl", target)
    names = {}
    for match in _SHEET.finditer(workbook):
        attributes = _attributes(match[1])
        rid = next((v for k, v in attributes.items() if k.endswith(b":id")), b"")
        if rid in targets:
            names[targets[rid]] = attributes.get(b"name", b"").decode("utf-8", "replace")
    return names


_NUMBER_FORMAT = re.compile(rb"<(?:[\w.-]+:)?numFmt\b([^>]*)>")
_NUMBER_FORMATS = re.compile(rb"<(?:[\w.-]+:)?numFmts\b.*?</(?:[\w.-]+:)?numFmts>", re.S)
_CELL_FORMATS = re.compile(rb"<(?:[\w.-]+:)?cellXfs\b.*?</(?:[\w.-]+:)?cellXfs>", re.S)
_FORMAT = re.compile(rb"<(?:[\w.-]+:)?xf\b([^>]*)>")
# Excel's built-in date, time and duration formats (calamine reads these as dates).
_BUILTIN_DATES = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}
_QUOTED = re.compile(r'"[^"]*"|\\.|_.|\*.')
_BRACKETS = re.compile(r"\[([^\]]*)\]")


def _is_date_format(code: str) -> bool:
    """Whether a custom number format may show a date, a time or a duration; guessing
    yes when in doubt (the cost is only a slower way to read the sheet)."""
    code = _QUOTED.sub("", code)
    for inside in _BRACKETS.findall(code):
        if re.fullmatch(r"(?i)h+|m+|s+", inside):
            return True
    code = _BRACKETS.sub("", code)
    return bool(re.search(r"(?i)[dmyhs]", code))


def date_styles(handle, info: zipfile.ZipInfo | None) -> set[int]:
    """The cell styles (indices into cellXfs) whose number format is a date's."""
    styles = _read_small(handle, info, Budget.unlimited())
    codes: dict[int, str] = {}
    formats = _NUMBER_FORMATS.search(styles)  # not the ones in <dxfs>
    for match in _NUMBER_FORMAT.finditer(formats[0] if formats else b""):
        attributes = _attributes(match[1])
        number = attributes.get(b"numFmtId", b"").strip()
        if number.isdigit():
            code = html.unescape(attributes.get(b"formatCode", b"").decode("utf-8", "replace"))
            codes[int(number)] = code
    dates: set[int] = set()
    section = _CELL_FORMATS.search(styles)
    for index, match in enumerate(_FORMAT.finditer(section[0] if section else b"")):
        number = _attributes(match[1]).get(b"numFmtId", b"0").strip()
        number = int(number) if number.isdigit() else 0
        if number in _BUILTIN_DATES or (number in codes and _is_date_format(codes[number])):
            dates.add(index)
    return dates


# --- shared strings ------------------------------------------------------------------------

_SST = re.compile(rb"<(?:[\w.-]+:)?sst\b([^>]*)>")
_SI = re.compile(rb"<(?:[\w.-]+:)?si(?=[\s/>])")


class _Strings:
    """The shared-string table as far as the limits need it: its longest entry in bytes
    (markup included, so never less than the text) and, asked for, each entry's length.

    Refuses a table whose count headers ask calamine to reserve beyond the limit.
    """

    def __init__(self, handle, infos: list[zipfile.ZipInfo], budget: Budget) -> None:
        self.handle, self.infos = handle, infos
        self.longest = 0
        self._lengths: array | None = None
        for info in infos:
            current = 0  # the entry that runs on into the next piece
            for number, piece in enumerate(
                _xml_pieces(unpacked(handle, info, budget), info.filename)
            ):
                if number == 0:
                    _check_counts(piece)
                pieces = piece.split(b"<si")  # a prefixed <x:si> gives one long entry:
                current += len(pieces[0])  # the bound is then loose, never too small
                if len(pieces) > 1:
                    self.longest = max(self.longest, current, *map(len, pieces[:-1]))
                    current = len(pieces[-1])
            self.longest = max(self.longest, current)

    def lengths(self) -> array:
        """Each entry's length, in order (a second look at the parts)."""
        if self._lengths is None:
            lengths = array("q")
            for info in self.infos:
                offset, last = 0, -1
                for piece in _xml_pieces(
                    unpacked(self.handle, info, Budget.unlimited()), info.filename
                ):
                    for match in _SI.finditer(piece):
                        start = offset + match.start()
                        if last >= 0:
                            lengths.append(start - last)
                        last = start
                    offset += len(piece)
                if last >= 0:
                    lengths.append(offset - last)
            self._lengths = lengths
        return self._lengths


def _check_counts(head: bytes) -> None:
    header = _SST.search(head)
    if header is None:
        return
    attributes = _attributes(header[1])
    for key, limit in ((b"uniqueCount", MAX_SHARED_STRINGS), (b"count", 4 * MAX_SHARED_STRINGS)):
        value = attributes.get(key, b"").strip()
        if value.isdigit() and int(value) > limit:
            raise Refused("input.too_many_strings", count=int(value), limit=limit)
