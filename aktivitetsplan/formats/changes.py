"""`aktplan endringer`: only the «Siden forrige rapport» section, as text, JSON, Markdown or HTML.

The section is the report's own (`view.changes.ChangesView`, laid out by the same
terminal printer and the same template partials as the full report), so a quick look
or a Teams message says what the monthly report says. The workbook with only the
changes sheet is `workbooks.report_changes.write_changes_xlsx` (formats write no
workbooks).
"""

from __future__ import annotations

import json
import re

from ..compute.model import SCHEMA, Report
from ..view.changes import with_changes
from ..view.report import ReportView
from .templating import get_template

FORMATS = ("tekst", "json", "markdown", "html")


def changes_json(report: Report) -> str:
    """`{"schema": …, "date": …, "changes": …}`: the report's `changes` key on its own."""
    data = report.to_json()
    document = {"schema": SCHEMA, "date": data["date"], "changes": data.get("changes")}
    return json.dumps(document, ensure_ascii=False, allow_nan=False, indent=2) + "\n"


def changes_text(report: Report, *, width: int | None = None, color: bool = False) -> str:
    """The section as the terminal shows it, under the plans' title and the report date."""

    from .text import print_changes, print_title, text_console

    view = ReportView(report)
    console, out = text_console(width, color)
    print_title(console, view, view.title)
    print_changes(console, view)
    return out.getvalue()


def changes_markdown(report: Report) -> str:
    from .markdown import escape, escape_line, row

    view = ReportView(report)
    text = get_template("changes_page.md.j2", html=False).render(
        v=view, r=report, tr=view.tr, md=escape, md_line=escape_line, row=row
    )
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def changes_html(report: Report) -> str:
    from .html import page_context

    view = ReportView(report)
    return get_template("changes_page.html.j2", html=True).render(
        v=view, r=report, tr=view.tr, **page_context()
    )


def render_changes(report: Report, fmt: str, *, color: bool = False) -> str:
    """Only «Siden forrige rapport» of `report` in a text format (tekst, json, markdown,
    html); `color` asks for terminal colours in `tekst`, as `formats.report.render` does."""
    report = with_changes(report)
    if fmt == "json":
        return changes_json(report)
    if fmt == "tekst":
        return changes_text(report, color=color)
    if fmt == "markdown":
        return changes_markdown(report)
    if fmt == "html":
        return changes_html(report)
    raise ValueError(fmt)


__all__ = ["FORMATS", "render_changes"]
