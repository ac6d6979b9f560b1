"""A zip member's content as it really unpacks, counted against the budget, and the
same cut into XML pieces that never split a tag (a DTD refused); small markup helpers."""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from .limits import Refused

DEFLATE_RATIO = 1032  # deflate's largest expansion: a member can never unpack to more
_IN_CHUNK = 1 << 16
_OUT_CHUNK = 1 << 20
_MAX_TAG = 4 << 20  # an unfinished tag (or text without any '<') longer than this: damage
_LOCAL_HEADER = struct.Struct("<4s22xHH")
_DTD = (b"<!DOCTYPE", b"<!ENTITY")
_ELEMENT = re.compile(rb"<[A-Za-z_:]")
_WHOLE_TAG = re.compile(rb"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


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


def _read_small(handle, info: zipfile.ZipInfo | None, budget: Budget) -> bytes:
    if info is None:
        return b""
    return b"".join(_xml_pieces(unpacked(handle, info, budget), info.filename))


_ATTRIBUTE = re.compile(rb"""([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attributes(text: bytes) -> dict[bytes, bytes]:
    return {m[1]: m[2] if m[2] is not None else m[3] for m in _ATTRIBUTE.finditer(text)}


def _value(match: re.Match) -> bytes:
    return match[1] if match[1] is not None else match[2]
