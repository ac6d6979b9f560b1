"""What every SVG we draw shares: text made safe for XML, and labels shortened to fit.

Both the wheel (`wheel_svg`, a standalone document) and the report's charts
(`charts`, inline in HTML) put plan text into markup, so both use these helpers:
a name such as `<script>` or `"sitat"` is only ever text, and characters XML 1.0
cannot hold (a vertical tab from an `_x000B_` cell, a lone surrogate) are dropped,
so the document stays well-formed.

Every attribute we write is double-quoted, so escaping `&`, `<`, `>` and `"` is
enough for element content and attribute values alike (`'` stays as it is).
"""

from __future__ import annotations

import re

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# `&#34;` as markupsafe writes it: the report's inline charts read as before.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;"})


def clean(text: object) -> str:
    """Text without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", str(text))


def esc(text: object) -> str:
    """Text escaped for element content or a double-quoted attribute value."""
    return clean(text).translate(_ESCAPES)


def attr(value: object) -> str:
    """A double-quoted, escaped attribute value (`name={attr(value)}`)."""
    return f'"{esc(value)}"'


def shorten(text: object, limit: int) -> str:
    """`text` on one line, or its first `limit - 1` characters and an ellipsis.

    White space is collapsed first: SVG shows a run of spaces or a line break as one
    space anyway, so the limit counts what is seen.
    """
    line = " ".join(clean(text).split())
    if len(line) <= limit:
        return line
    return line[: max(limit - 1, 1)].rstrip() + "…"
