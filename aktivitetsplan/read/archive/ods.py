"""An OpenDocument spreadsheet's content.xml counted as calamine reads it."""

from __future__ import annotations

import re
import zipfile

from .limits import Extent
from .members import _MAX_TAG, Budget, _no_dtd, _value, _xml_pieces, unpacked

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
