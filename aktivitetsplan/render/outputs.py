"""Where a report goes: stdout or a file, in the asked format. Files are written atomically."""

from __future__ import annotations

import json
from pathlib import Path

from ..config import Config
from ..errors import OutputError
from ..i18n import t
from ..output import atomic_output, check_output, write_text
from ..report import Report

FILE_ONLY = ("xlsx",)


def check_target(fmt: str, output: Path | None, overwrite: bool, inputs, lang: str) -> None:
    """Refuse a bad output before any plan is read."""
    if output is None:
        if fmt in FILE_ONLY:
            raise OutputError(t("output.needs_file", lang, format=fmt))
        return
    check_output(output, overwrite=overwrite, inputs=[Path(p) for p in inputs], lang=lang)


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_string(
    report: Report, fmt: str, *, color: bool = False, config: Config | None = None
) -> str:
    """The report as text in a text format (tekst, json, html, markdown)."""
    if fmt == "json":
        return render_json(report)
    if fmt == "tekst":
        from .text import render_text

        return render_text(report, color=color)
    if fmt == "html":
        from .html import render_html

        return render_html(report, config=config)
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown(report, config=config)
    raise ValueError(fmt)


def render_stdout(report: Report, fmt: str) -> str:
    import sys

    return render_string(report, fmt, color=fmt == "tekst" and sys.stdout.isatty())


def write_report(
    report: Report,
    fmt: str,
    output: Path | None,
    *,
    overwrite: bool,
    inputs,
    config: Config | None = None,
) -> Path | None:
    """Write the report to `output` (None: the caller prints it)."""
    if output is None:
        return None
    inputs = [Path(p) for p in inputs]
    lang = report.options.language
    if fmt == "xlsx":
        from ..writers.report_xlsx import write_report_xlsx

        with atomic_output(output, overwrite=overwrite, inputs=inputs, lang=lang) as temp:
            write_report_xlsx(report, temp, config=config)
        return output
    return write_text(
        output,
        render_string(report, fmt, config=config),
        overwrite=overwrite,
        inputs=inputs,
        lang=lang,
    )
