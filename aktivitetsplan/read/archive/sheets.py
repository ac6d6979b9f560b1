"""An .xlsx worksheet part scanned for the row, cell and text limits, the far negative
numbers calamine panics on, and its formula or error cells."""

from __future__ import annotations

import re
import zipfile

from ..formulas import marked
from .limits import MAX_CELLS, MAX_ROWS, MAX_TEXT_MB, Extent, Refused
from .members import Budget, _value, _xml_pieces, unpacked
from .workbook import _Strings

_FAST_ROWS, _FAST_COLUMNS = 99_999, 26  # what the plain-tag test proves

assert _FAST_ROWS * _FAST_COLUMNS <= MAX_CELLS and _FAST_ROWS <= MAX_ROWS


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


def _column_index(letters: bytes) -> int:
    index = 0
    for char in letters.upper():
        index = index * 26 + char - 64
    return index


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
