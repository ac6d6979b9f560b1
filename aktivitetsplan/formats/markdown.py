"""The management report as Markdown tables, for e-mail, Teams or a wiki.

Every text that came from a plan goes through `escape`, so a plan cannot add
markup, links or table cells to the report.
"""

from __future__ import annotations

import re
from typing import Any

from ..compute.report import Report
from ..view.report import ReportView
from .templating import get_template

TEMPLATE = "report.md.j2"

# Characters that start inline markup anywhere in a line (CommonMark + GFM tables).
_INLINE = re.compile(r"([\\`*_\[\]<>|~#])")
# Entity references (`&amp;`, `&#60;`) would be decoded by a renderer.
_ENTITY = re.compile(r"&(?=#?\w+;)")
# Bare links that GFM turns into anchors: `http://…`, `www.…`.
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto)(:)|\b(www)(\.)")
# What starts a block at the beginning of a line: lists, setext headings, rules.
_BLOCK_START = re.compile(r"^([-+=])")
_ORDERED_START = re.compile(r"^(\d+)([.)])")
_BREAKS = re.compile(r"\s*[\r\n\t\v\f\u2028\u2029]+\s*")


def escape(value: Any) -> str:
    """Plain text that renders as itself inside a Markdown line: a table cell, a heading."""
    if value is None:
        return ""
    text = _BREAKS.sub(" ", str(value)).strip()
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    return _AUTOLINK.sub(lambda m: f"{m[1] or m[3]}\\{m[2] or m[4]}", text)


def escape_line(value: Any) -> str:
    """Plain text that starts a line: also no list, heading or rule may begin it."""
    text = escape(value)
    text = _BLOCK_START.sub(r"\\\1", text)
    return _ORDERED_START.sub(r"\1\\\2", text)


def row(*cells: Any) -> str:
    """One table row; the cells are already escaped (or our own text, escaped here too)."""
    return "| " + " | ".join(str(c) for c in cells) + " |"


def render_markdown(report: Report) -> str:
    """The report as one Markdown document."""
    view = ReportView(report)
    template = get_template(TEMPLATE, html=False)
    text = template.render(
        v=view,
        r=report,
        tr=view.tr,
        md=escape,
        md_line=escape_line,
        row=row,
    )
    # Collapse the blank lines jinja leaves around optional blocks.
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
