"""A report as text: JSON, or the text, HTML and Markdown views.

Only turning a report into a string lives here; whether and where it is written is
`save.write_report`'s business (stdout is the CLI's).
"""

from __future__ import annotations

import json

from ..compute.report import Report

# One encoder for every item: json.dumps() with options builds a new one per call.
# allow_nan=False: NaN or Infinity is no JSON; a figure that is not finite fails loudly
# here instead of printing a document no JSON parser accepts.
_encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode

# What each format shows beyond the JSON figures (compute.report.PARTS): the report is
# built with just these, so `--format json` does not pay for a wheel it never draws.
PARTS: dict[str, frozenset[str]] = {
    "tekst": frozenset(),
    "json": frozenset(),
    "markdown": frozenset({"activity_goals"}),
    "xlsx": frozenset({"activity_goals"}),
    "html": frozenset({"wheel", "activity_goals"}),
    "pdf": frozenset({"wheel", "activity_goals"}),  # the HTML, laid out for paper
}


def _json_block(value: object, indent: str) -> str:
    """A list one item per line, a dict one key per line, each item compact.

    `indent=` would force json's pure-Python encoder (several times slower on a big
    report); this keeps the C encoder per item and the document readable.
    """
    inner = indent + "  "
    if isinstance(value, list) and value:
        lines = ",\n".join([inner + _encode(item) for item in value])
        return f"[\n{lines}\n{indent}]"
    if isinstance(value, dict) and value:
        lines = ",\n".join(
            [f"{inner}{_encode(str(key))}: {_encode(item)}" for key, item in value.items()]
        )
        return f"{{\n{lines}\n{indent}}}"
    return _encode(value)


def render_json(report: Report) -> str:
    """The report as JSON: top-level keys one per line, then their items one per line."""
    lines = ",\n".join(
        f"  {_encode(key)}: {_json_block(value, '  ')}" for key, value in report.to_json().items()
    )
    return f"{{\n{lines}\n}}\n"


def render(report: Report, fmt: str, *, color: bool = False) -> str:
    """The report in a text format (tekst, json, html, markdown).

    `color` asks for terminal colours in the text format (the CLI's choice, for a
    terminal only); the other formats ignore it. The views load on demand: a JSON
    report need not import jinja2.
    """
    if fmt == "json":
        return render_json(report)
    if fmt == "tekst":
        from .text import render_text

        return render_text(report, color=color)
    if fmt == "html":
        from .html import render_html

        return render_html(report)
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown(report)
    raise ValueError(fmt)
