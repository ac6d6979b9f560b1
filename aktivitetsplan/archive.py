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

import html
import posixpath
import re
import struct
import zipfile
import zlib
from array import array
from collections.abc import Iterator
from typing import BinaryIO

from .formulas import marked

MAX_ROWS = 150_000
MAX_COLUMNS = 16_384
MAX_CELLS = 3_000_000
MAX_TEXT_MB = 100
MAX_SHARED_STRINGS = MAX_CELLS
MAX_ACTIVITIES = 100_000  # what MAX_ROWS promises, with room for a title and campaign block

DEFLATE_RATIO = 1032  # deflate's largest expansion: a member can never unpack to more
_IN_CHUNK = 1 << 16
_OUT_CHUNK = 1 << 20
_MAX_TAG = 4 << 20  # an unfinished tag (or text without any '<') longer than this: damage
_FAST_ROWS, _FAST_COLUMNS = 99_999, 26  # what the plain-tag test proves
_LOCAL_HEADER = struct.Struct("<4s22xHH")
_DTD = (b"<!DOCTYPE", b"<!ENTITY")
_ELEMENT = re.compile(rb"<[A-Za-z_:]")
_WHOLE_TAG = re.compile(rb"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")

assert _FAST_ROWS * _FAST_COLUMNS <= MAX_CELLS and _FAST_ROWS <= MAX_ROWS


class Refused(Exception):
    """A file refused before parsing: a catalogue key and the values for its message."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


# --- inflating members, counted ---------------------------------------------------------


class Budget:
    """The bytes the archive may still unpack to; `spend` refuses beyond."""

    def __init__(self, limit_mb: int) -> None:
        self.limit_mb = limit_mb
        self.left = limit_mb * 1024 * 1024

    @classmethod
    def unlimited(cls) -> Budget:
        """For a second look at a part already counted."""
        return cls(1 << 40)

    def spend(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise Refused("input.zip_bomb_stream", limit=self.limit_mb)


def _raw(handle: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A member's stored bytes, from its local header on, at most its compressed size."""
    handle.seek(info.header_offset)
    head = handle.read(_LOCAL_HEADER.size)
    if len(head) < _LOCAL_HEADER.size or head[:4] != b"PK\x03\x04":
        raise Refused("input.truncated")
    name_length, extra_length = _LOCAL_HEADER.unpack(head)[1:]
    handle.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
    left = info.compress_size
    while left > 0:
        block = handle.read(min(_IN_CHUNK, left))
        if not block:
            raise Refused("input.truncated")
        left -= len(block)
        yield block


def unpacked(handle: BinaryIO, info: zipfile.ZipInfo, budget: Budget) -> Iterator[bytes]:
    """A member's content in pieces of at most 1 MB, each counted against `budget`.

    The pieces are inflated here, not by zipfile (which stops at the size the header
    claims): a header that understates the content cannot hide it. A member whose real
    size is not its header's is refused as damaged when it ends.
    """
    size = 0
    if info.compress_type == zipfile.ZIP_STORED:
        pieces: Iterator[bytes] = _raw(handle, info)
    else:
        pieces = _inflated(handle, info, info.filename)
    for piece in pieces:
        size += len(piece)
        budget.spend(len(piece))
        yield piece
    if size != info.file_size:
        raise Refused("input.size_mismatch", part=info.filename)


def _inflated(handle: BinaryIO, info: zipfile.ZipInfo, part: str) -> Iterator[bytes]:
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        for block in _raw(handle, info):
            data = inflater.decompress(block, _OUT_CHUNK)
            while True:
                if data:
                    yield data
                if not inflater.unconsumed_tail:
                    break
                data = inflater.decompress(inflater.unconsumed_tail, _OUT_CHUNK)
            if inflater.eof:
                return
    except zlib.error as exc:
        raise Refused("input.bad_deflate", part=part, error=str(exc)) from None
    raise Refused("input.bad_deflate", part=part, error="incomplete deflate stream")


def _xml_pieces(pieces: Iterator[bytes], part: str) -> Iterator[bytes]:
    """The pieces again, each cut before its last `<`, so that no tag is split; the
    first one checked for a DTD."""
    carry = b""
    first = True
    for piece in pieces:
        data = carry + piece if carry else piece
        if first:
            first = False
            _no_dtd(data, part)
        cut = data.rfind(b"<")
        if cut < 0:
            cut = len(data)
        carry = data[cut:]
        if len(carry) > _MAX_TAG:  # a long text after its tag, or a tag that never ends
            if not _WHOLE_TAG.match(carry):
                raise Refused("input.corrupt", error=f"{part}: a tag over {_MAX_TAG >> 20} MB")
            cut, carry = len(data), b""
        if cut:
            yield data[:cut]
    if carry:
        yield carry


def _no_dtd(head: bytes, part: str) -> None:
    """Refuse a DTD (`<!DOCTYPE`, `<!ENTITY`) before the root element."""
    root = _ELEMENT.search(head)
    end = root.start() if root else len(head)
    at = head.find(b"<!", 0, end)
    while at >= 0:
        if head.startswith(_DTD, at):
            raise Refused("input.xml_dtd", part=part)
        at = head.find(b"<!", at + 2, end)


# --- the archive ---------------------------------------------------------------------------


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


def _read_small(handle, info: zipfile.ZipInfo | None, budget: Budget) -> bytes:
    if info is None:
        return b""
    return b"".join(_xml_pieces(unpacked(handle, info, budget), info.filename))


_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship\b([^>]*)>")
_ATTRIBUTE = re.compile(rb"""([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attributes(text: bytes) -> dict[bytes, bytes]:
    return {m[1]: m[2] if m[2] is not None else m[3] for m in _ATTRIBUTE.finditer(text)}


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


# --- worksheets ----------------------------------------------------------------------------

# A cell tag that is not the plain kind (`<c r="A1"` with one letter and at most five
# digits), or a cell tag with a namespace prefix: the sheet is then walked tag by tag.
# (Row tags need no test: where every cell says its place, rows cannot move it.)
_ODD_CELL = re.compile(rb'<c(?: (?!r="[A-Z]\d{1,5}"[\s/>])|[\t\n\r/>])')
# The same with rows of six digits (100,000 and more: a large plan's last rows).
_ODD_CELL_6 = re.compile(rb'<c(?: (?!r="[A-Z]\d{1,6}"[\s/>])|[\t\n\r/>])')
_SIX_DIGIT_ROW = re.compile(rb'<c r="[A-Z](\d{6})"')
_LETTERS = [b'<c r="' + bytes([letter]) for letter in range(ord("Z"), ord("A") - 1, -1)]
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
# Every string cell's tag holds `"s"` or `'s'` (t="s"): counting those never counts too few.
_STRING_MARKS = (b'"s"', b"'s'")
_MIN_STRING_CELL = len('<c t="s"><v>0</v></c>')
_PLAIN_STRING_INDEX = re.compile(rb' t="s"[^>]*>\s*<v>\s*(\d+)\s*<')
# A value calamine panics on when its cell is formatted as a date or a duration
# (python-calamine issue #139): a day number below about -1.07e11 (chrono's limit), or
# -inf. Any negative value with eleven digits or more, an exponent, or not a number at all
# is taken for one; with the cell's tag before it, for its style.
_FAR_NEGATIVE = re.compile(rb"(?i)v>\s*-\s*(?:\d{11}|[\d.]*e|inf|nan|\.)")
_FAR_NEGATIVE_CELL = re.compile(
    rb"<(?:[\w.-]+:)?c\b([^>]*)>\s*(?:<(?:[\w.-]+:)?f\b[^>]*?(?:/>|>[^<]*</(?:[\w.-]+:)?f>)\s*)?"
    rb"<(?:[\w.-]+:)?v>\s*-\s*(?:\d{11}|[\d.]*[eE]|[iI][nN][fF]|[nN][aA][nN]|\.)"
)
_S = re.compile(rb"""(?:^|\s)s\s*=\s*(?:"\s*(\d+)\s*"|'\s*(\d+)\s*')""")

# Tag by tag: row and cell tags (any prefix), with their attributes (quotes respected).
_TAG = re.compile(rb"""<(/?)(?:[\w.-]+:)?(row|c)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_R = re.compile(rb"""(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_T = re.compile(rb"""(?:^|\s)t\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF = re.compile(rb"\s*([A-Za-z]*)(\d*)\s*")
_V = re.compile(rb"\s*<(?:[\w.-]+:)?v(?:\s[^>]*)?>\s*(\d+)\s*<")


def _value(match: re.Match) -> bytes:
    return match[1] if match[1] is not None else match[2]


def _column_index(letters: bytes) -> int:
    index = 0
    for char in letters.upper():
        index = index * 26 + char - 64
    return index


def cell_name(row: int, column: int) -> str:
    """A1-style name of a 1-based (row, column)."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


class Extent:
    """The last filled row and column of a sheet (1-based), and its text in bytes."""

    def __init__(self, sheet: str) -> None:
        self.sheet = sheet
        self.rows = 0
        self.columns = 0
        self.text = 0

    def cell(self, row: int, column: int) -> None:
        if row > 1_048_576 or column > MAX_COLUMNS:
            raise Refused("input.outside_grid", sheet=self.sheet, cell=cell_name(row, column))
        if row > MAX_ROWS:
            raise Refused(
                "input.too_many_rows",
                sheet=self.sheet,
                rows=row,
                limit=MAX_ROWS,
                activities=MAX_ACTIVITIES,
            )
        if row > self.rows:
            self.rows = row
        if column > self.columns:
            self.columns = column

    def finish(self) -> None:
        cells = self.rows * self.columns
        if cells > MAX_CELLS:
            raise Refused(
                "input.too_many_cells",
                sheet=self.sheet,
                rows=self.rows,
                columns=self.columns,
                cells=cells,
                cell=cell_name(self.rows, self.columns),
                limit=MAX_CELLS,
            )
        if self.text > MAX_TEXT_MB * 1024 * 1024:
            raise Refused(
                "input.too_much_text",
                sheet=self.sheet,
                size=-(-self.text // (1024 * 1024)),
                limit=MAX_TEXT_MB,
            )


class _SheetScan:
    """One worksheet part: plain cell tags are checked in one pass; else walked tag by tag."""

    def __init__(self, part: str, strings: _Strings) -> None:
        self.part = part
        self.strings = strings
        self.longest = strings.longest
        # The styles of cells holding a number calamine cannot make a date of (it panics
        # if the style is a date's); -1: a cell whose style could not be told.
        self.far_negative: set[int] = set()
        self.formulas = False  # a formula or error cell seen (`formulas.marked`)

    def _text_bound(self, string_cells: int) -> bool:
        return string_cells * self.longest <= MAX_TEXT_MB * 1024 * 1024

    def run(self, handle, info: zipfile.ZipInfo, budget: Budget) -> None:
        odd = long = False  # long: plain tags, rows of six digits among them
        size = marks = 0
        # Count the string cells only where the sheet could hold too much text otherwise.
        count = not self._text_bound(info.file_size // _MIN_STRING_CELL)
        plain = _ODD_CELL
        for piece in _xml_pieces(unpacked(handle, info, budget), self.part):
            size += len(piece)
            if not odd and _PREFIXED_CELL.search(piece):
                odd = True
            if not odd and plain.search(piece):
                if plain is _ODD_CELL and not _ODD_CELL_6.search(piece):
                    long, plain = True, _ODD_CELL_6
                else:
                    odd = True
            if count:
                marks += piece.count(_STRING_MARKS[0]) + piece.count(_STRING_MARKS[1])
            if not self.formulas and marked(piece):  # pieces never split a tag
                self.formulas = True
            if b"v>-" in piece and _FAR_NEGATIVE.search(piece):
                self._far_negative(piece)
        extent = Extent(self.part)
        if odd:  # read again (already counted against the budget)
            self._walk(handle, info, extent)
        elif long:
            self._long(handle, info, extent)
        if not odd and not self._text_bound(size // _MIN_STRING_CELL):
            if not count:  # the header understated the part: count now
                marks = self._marks(handle, info)
            if not self._text_bound(marks):
                extent.text = self._plain_text(handle, info, marks)
        extent.finish()  # plain tags: within the row and cell limits, as they proved

    def _long(self, handle, info, extent: Extent) -> None:
        """Plain tags, with rows from 100,000 on: the last row and the last column."""
        column = 0
        for piece in _xml_pieces(unpacked(handle, info, Budget.unlimited()), self.part):
            for row in _SIX_DIGIT_ROW.findall(piece):
                extent.cell(int(row), 1)
            for index, letters in enumerate(_LETTERS[: 26 - column]):
                if letters in piece:
                    column = 26 - index
                    break
        extent.cell(1, column)

    def _far_negative(self, piece: bytes) -> None:
        found = 0
        for match in _FAR_NEGATIVE_CELL.finditer(piece):
            style = _S.search(match[1])
            self.far_negative.add(int(_value(style)) if style else 0)
            found += 1
        if found < len(_FAR_NEGATIVE.findall(piece)):
            self.far_negative.add(-1)

    def _marks(self, handle, info) -> int:
        marks = 0
        for piece in _xml_pieces(unpacked(handle, info, Budget.unlimited()), self.part):
            marks += piece.count(_STRING_MARKS[0]) + piece.count(_STRING_MARKS[1])
        return marks

    def _plain_text(self, handle, info, marks: int) -> int:
        """The bytes of shared strings the cells use (each use counted), plain tags."""
        strings, longest = self.strings.lengths(), self.longest
        text = found = 0
        for piece in _xml_pieces(unpacked(handle, info, Budget.unlimited()), self.part):
            for match in _PLAIN_STRING_INDEX.finditer(piece):
                index = int(match[1])
                text += strings[index] if index < len(strings) else 0
                found += 1
        return text + max(0, marks - found) * longest

    def _walk(self, handle, info, extent: Extent) -> None:
        """calamine's walk: a row's `r` sets the row, `</row>` moves to the next one; a
        cell's `r` sets its place, a cell without one takes the next column. Self-closed
        tags (`<c r="Q9"/>`, `<row/>`) hold nothing and move nothing."""
        strings, longest = self.strings.lengths(), self.longest
        row = column = 0  # 0-based, as calamine counts
        for piece in _xml_pieces(unpacked(handle, info, Budget.unlimited()), self.part):
            for match in _TAG.finditer(piece):
                closing, name, attributes = match[1], match[2], match[3]
                if closing:
                    if name == b"row":
                        row += 1
                        column = 0
                    continue
                if attributes.rstrip().endswith(b"/"):
                    continue
                ref = _R.search(attributes)
                if name == b"row":
                    if ref:
                        digits = _value(ref).strip()
                        if digits.isdigit():  # else calamine refuses the sheet itself
                            row = int(digits) - 1 if len(digits) < 10 else 1 << 32
                    continue
                place = (row, column)
                if ref:
                    parts = _REF.fullmatch(_value(ref))
                    if parts is None or not parts[2]:
                        continue  # calamine refuses the sheet itself
                    letters, digits = parts[1], parts[2]
                    if len(letters) > 3 or len(digits) > 7:
                        raise Refused(
                            "input.outside_grid",
                            sheet=extent.sheet,
                            cell=(letters + digits).decode("ascii", "replace")[:20],
                        )
                    place = (int(digits) - 1, _column_index(letters) - 1)
                    column = place[1]
                extent.cell(place[0] + 1, place[1] + 1)
                column += 1
                kind = _T.search(attributes)
                if kind and _value(kind).strip() == b"s":
                    index = _V.match(piece, match.end())
                    if index is None:
                        extent.text += longest
                    else:
                        number = int(index[1])
                        extent.text += strings[number] if number < len(strings) else 0


# --- OpenDocument --------------------------------------------------------------------------

_ODS_TAG = re.compile(
    rb"<(/?)(table:table|table:table-row|table:table-cell|table:covered-table-cell|text:s)"
    rb"""(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>"""
)
_ROWS_REPEATED = re.compile(rb"""table:number-rows-repeated\s*=\s*["']\s*(\d+)""")
_COLUMNS_REPEATED = re.compile(rb"""table:number-columns-repeated\s*=\s*["']\s*(\d+)""")
_SPACES = re.compile(rb"""text:c\s*=\s*["']\s*(\d+)""")
_TABLE_NAME = re.compile(rb"""table:name\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_FILLED = (b"value", b"formula")  # office:value-type, office:*value, table:formula


_ODS_EVENT = re.compile(rb"<table:table(?:-row)?(?=[\s/>])|</table:table>")
_CELL_TAGS = (b"<table:table-cell", b"<table:covered-table-cell")
_NESTED_TABLE = re.compile(rb"<table:table[\s/>]")


class _Unusual(Exception):
    """A content.xml the row-by-row count does not take: walked tag by tag instead."""


def _tag_end(data: bytes, at: int) -> int:
    """The position just after the tag that goes on at `at` (quotes respected), or -1."""
    close = data.find(b">", at)
    if close < 0:
        return -1
    if data.count(b'"', at, close) % 2 == 0 and data.find(b"'", at, close) < 0:
        return close + 1  # the usual tag: no '>' inside a quoted value
    match = _TAG_REST.match(data, at)
    return match.end() if match else -1


_TAG_REST = re.compile(rb"""(?:[^>"']|"[^"]*"|'[^']*')*>""")


def _repeat(pattern: re.Pattern, attributes: bytes) -> int:
    match = pattern.search(attributes)
    return int(match[1]) if match else 1


class _OdsScan:
    """content.xml walked as calamine walks it: repeated rows and columns multiplied out.

    A row counts when it holds a filled cell (a value, a value type or a formula); empty
    rows and cells repeated at the end (LibreOffice writes a million of them) cost
    calamine nothing, and count for nothing here. Empty ones before a filled one count.
    """

    def __init__(self, part: str) -> None:
        self.part = part

    def run(self, handle, info: zipfile.ZipInfo, budget: Budget) -> None:
        try:
            self._rows(handle, info, budget)
        except _Unusual:  # walked tag by tag instead (already counted)
            self._walk(handle, info, Budget.unlimited())

    def _rows(self, handle, info: zipfile.ZipInfo, budget: Budget) -> None:
        """Row by row: a row's cells are counted with bytes operations, not one by one.

        The last filled cell of a row gives its width: the cells before it counted, with
        their repeats. A row's text is its bytes up to that cell, times its repeats (and
        the largest column repeat before it). Anything else (a table in a cell, a row
        over 4 MB) is left to `_walk`.
        """
        extent: Extent | None = None
        row = 0
        carry = b""
        first = True
        for piece in unpacked(handle, info, budget):
            data = carry + piece if carry else piece
            if first:
                first = False
                _no_dtd(data, self.part)
            at = 0
            while True:
                event = _ODS_EVENT.search(data, at)
                if event is None:
                    carry = data[max(at, len(data) - 64) :]
                    break
                start = event.start()
                if event[0] == b"</table:table>":
                    if extent is not None:
                        extent.finish()
                        extent = None
                    at = event.end()
                    continue
                end = _tag_end(data, event.end())
                if end < 0:
                    carry = data[start:]
                    break
                tag = data[start:end]
                if event[0] == b"<table:table":
                    title = _TABLE_NAME.search(tag)
                    extent = Extent(_value(title).decode("utf-8", "replace") if title else "?")
                    row = 0
                    at = end
                    continue
                repeat = _repeat(_ROWS_REPEATED, tag) if b"rows-repeated" in tag else 1
                if tag.endswith(b"/>"):  # an empty row
                    row += repeat
                    at = end
                    continue
                close = data.find(b"</table:table-row>", end)
                if close < 0:
                    carry = data[start:]
                    break
                if extent is not None:
                    self._row(extent, row, repeat, data, end, close)
                row += repeat
                at = close + len(b"</table:table-row>")
            if len(carry) > _MAX_TAG:
                raise _Unusual
        if extent is not None:
            extent.finish()

    @staticmethod
    def _row(extent: Extent, row: int, repeat: int, data: bytes, start: int, end: int) -> None:
        last = max(data.rfind(b"value", start, end), data.rfind(b"formula", start, end))
        if last < 0:
            return  # no filled cell: nothing calamine keeps, unless a filled row follows
        if _NESTED_TABLE.search(data, start, end):  # a table inside a cell
            raise _Unusual
        cell = data.rfind(b"<table:", start, last)
        if cell < 0 or not data.startswith(_CELL_TAGS, cell):
            raise _Unusual
        tag_end = _tag_end(data, cell + 1)
        if tag_end < 0 or tag_end > end:
            raise _Unusual
        before = data.count(b"<table:table-cell", start, cell) + data.count(
            b"<table:covered-table-cell", start, cell
        )
        widest = 1
        if data.find(b"columns-repeated", start, tag_end) >= 0:
            repeats = [int(n) for n in _COLUMNS_REPEATED.findall(data, start, cell)]
            before += sum(repeats) - len(repeats)
            own = _repeat(_COLUMNS_REPEATED, data[cell:tag_end])
            widest = max([own, *repeats])
        else:
            own = 1
        extent.cell(row + repeat, before + own)
        cell_end = data.find(b"</table:", tag_end, end)
        cell_end = end if cell_end < 0 else cell_end
        spaces = 0
        if data.find(b"text:c", start, cell_end) >= 0:
            spaces = sum(int(n) for n in _SPACES.findall(data, start, cell_end))
        weight = repeat * widest  # text written once is no more than the file holds
        extent.text += ((cell_end - start) * (weight > 1) + spaces) * weight

    def _walk(self, handle, info: zipfile.ZipInfo, budget: Budget) -> None:
        """Tag by tag, as calamine reads: the way for any content.xml `_rows` cannot do."""
        extent: Extent | None = None
        row = column = 0
        row_repeat, row_filled = 1, False
        cell_start, cell_weight, spaces = -1, 0, 0
        for piece in _xml_pieces(unpacked(handle, info, budget), self.part):
            for match in _ODS_TAG.finditer(piece):
                closing, name, attributes = match[1], match[2], match[3]
                closed = attributes.rstrip().endswith(b"/")
                if name == b"table:table":
                    if closing and extent is not None:
                        extent.finish()
                        extent = None
                    elif not closing:
                        title = _TABLE_NAME.search(attributes)
                        sheet = _value(title).decode("utf-8", "replace") if title else "?"
                        extent = Extent(sheet)
                        row = 0
                    continue
                if extent is None:
                    continue
                if name == b"table:table-row":
                    if closing or closed:
                        if not closing:  # <table:table-row/>: an empty row
                            row_repeat, row_filled = _repeat(_ROWS_REPEATED, attributes), False
                        if row_filled:
                            extent.cell(row + row_repeat, 0)
                        row += row_repeat
                    else:
                        row_repeat = _repeat(_ROWS_REPEATED, attributes)
                        row_filled = False
                        column = 0
                    continue
                if name == b"text:s":
                    spaces += _repeat(_SPACES, attributes) if not closing else 0
                    continue
                # a cell
                if closing:
                    if cell_start >= 0:
                        written = (match.start() - cell_start) * (cell_weight > 1)
                        extent.text += (written + spaces) * cell_weight
                        cell_start = -1
                    continue
                repeat = _repeat(_COLUMNS_REPEATED, attributes)
                if any(mark in attributes for mark in _FILLED):
                    row_filled = True
                    extent.cell(row + 1, column + repeat)
                    weight = repeat * row_repeat
                    if weight > 1:  # text written once is no more than the file holds
                        extent.text += len(attributes) * weight
                    if not closed:
                        cell_start, cell_weight, spaces = match.end(), weight, 0
                elif not closed:
                    cell_start, cell_weight, spaces = -1, 0, 0
                column += repeat
            if cell_start >= 0:  # the cell goes on in the next piece
                extent.text += (len(piece) - cell_start) * cell_weight * (cell_weight > 1)
                cell_start = 0
        if extent is not None:
            extent.finish()
