"""Where a report goes: stdout or a file, in the asked format. Files are written atomically."""

from __future__ import annotations

import json
from pathlib import Path

from ..compute.report import Report
from ..errors import OutputError
from ..i18n import t
from ..save import atomic_output, check_output, write_text

FILE_ONLY = ("xlsx",)


def check_target(fmt: str, output: Path | None, overwrite: bool, inputs, lang: str) -> None:
    """Refuse a bad output before any plan is read."""
    if output is None:
        if fmt in FILE_ONLY:
            raise OutputError(t("output.needs_file", lang, format=fmt))
        return
    check_output(output, overwrite=overwrite, inputs=[Path(p) for p in inputs], lang=lang)


# One encoder for every item: json.dumps() with options builds a new one per call.
# allow_nan=False: NaN or Infinity is no JSON; a figure that is not finite fails loudly
# here instead of printing a document no JSON parser accepts.
_encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode


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
        f"  {_encode(key)}: {_json_block(value, '  ')}" for key, value in report.to_dict().items()
    )
    return f"{{\n{lines}\n}}\n"


def render_string(report: Report, fmt: str, *, color: bool = False) -> str:
    """The report as text in a text format (tekst, json, html, markdown)."""
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
) -> Path | None:
    """Write the report to `output` (None: the caller prints it)."""
    if output is None:
        return None
    inputs = [Path(p) for p in inputs]
    lang = report.settings.language
    if fmt == "xlsx":
        from ..workbooks.report_xlsx import write_report_xlsx

        with atomic_output(output, overwrite=overwrite, inputs=inputs, lang=lang) as temp:
            write_report_xlsx(report, temp)
        return output
    return write_text(
        output,
        render_string(report, fmt),
        overwrite=overwrite,
        inputs=inputs,
        lang=lang,
    )
