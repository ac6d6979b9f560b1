"""Reports: the format an output ending says, and writing a report."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError
from ..settings import Settings
from .files import atomic_output, check_output, write_file

if TYPE_CHECKING:
    from ..compute.report import Report


# --- reports ---------------------------------------------------------------------

# The report format each output ending says (`-o rapport.html` is HTML), and back.
# The text formats' endings, shared with `oppgaver` (save/people.py).
TEXT_SUFFIXES = {
    ".txt": "tekst",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
}
REPORT_SUFFIXES = {**TEXT_SUFFIXES, ".xlsx": "xlsx", ".pdf": "pdf"}
FORMAT_SUFFIXES = {
    "tekst": ".txt",
    "json": ".json",
    "html": ".html",
    "markdown": ".md",
    "xlsx": ".xlsx",
    "pdf": ".pdf",
}
FILE_ONLY = ("xlsx", "pdf")  # formats that are no text and so cannot go to stdout


def report_format(
    fmt: str | None,
    output: Path | None,
    settings: Settings,
    *,
    suffixes: dict[str, str] = REPORT_SUFFIXES,
    endings: dict[str, str] = FORMAT_SUFFIXES,
) -> str:
    """The report's format: `--format`, else what `-o`'s ending says, else text.

    An ending aktplan does not write, or one that says another format than `--format`,
    is refused (before any plan is read). A name without an ending, or a folder (which
    `check_output` refuses), takes `--format` or text. `suffixes` (ending → format) and
    `endings` (format → ending) are another command's, for `aktplan oppgaver`.
    """
    if output is None or not output.suffix or output.is_dir():
        return fmt or "tekst"
    tr = settings.tr
    suffix = output.suffix.lower()
    named = suffixes.get(suffix)
    if named is None:
        known = ", ".join(dict.fromkeys(endings.values()))
        raise OutputError(
            tr("output.unknown_format", file=output, suffix=output.suffix, suffixes=known)
        )
    if fmt is not None and fmt != named:
        shown = "text" if fmt == "tekst" and settings.language == "en" else fmt
        raise OutputError(
            tr(
                "output.format_conflict",
                file=output,
                suffix=output.suffix,
                format=shown,
                expected=endings[fmt],
            )
        )
    return named


def check_report_target(
    fmt: str,
    output: Path | None,
    settings: Settings,
    *,
    overwrite: bool,
    inputs: Iterable[str | Path],
) -> None:
    """Refuse a bad report output before any plan is read (stdout takes text only)."""
    if output is None:
        if fmt in FILE_ONLY:
            raise OutputError(settings.tr("output.needs_file", format=fmt))
        return
    check_output(output, settings, overwrite=overwrite, inputs=inputs)


def write_report(
    report: Report,
    fmt: str,
    output: Path | None,
    *,
    overwrite: bool,
    inputs: Iterable[str | Path],
) -> Path | None:
    """Write the report to `output` in `fmt`; None when `output` is None (the caller prints).

    The messages follow the report's own settings, the ones it was built with.
    """
    if output is None:
        return None
    settings = report.settings
    inputs = list(inputs)
    if fmt == "xlsx":
        from ..workbooks.report_xlsx import write_report_xlsx

        with atomic_output(output, settings, overwrite=overwrite, inputs=inputs) as temp:
            write_report_xlsx(report, temp)
        return Path(output)
    if fmt == "pdf":
        from ..formats.pdf import render_pdf

        return write_file(output, render_pdf(report), settings, overwrite=overwrite, inputs=inputs)
    from ..formats.report import render

    text = render(report, fmt)  # no colour: escape codes do not belong in a file
    return write_file(output, text, settings, overwrite=overwrite, inputs=inputs)
