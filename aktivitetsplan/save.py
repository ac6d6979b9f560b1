"""The one module that writes files: reports, the year's wheel, templates, the demo.

Formats turn a report or a wheel into text or bytes; this module decides whether and
where they may be written, and writes them. The rules, for every file aktplan writes:
never overwrite without `--overskriv`, never onto an input file, an ending that says
what is in the file, and an atomic write (a temporary file beside the target, renamed
over it only when it was written in full), so a crash never leaves half a file.
Every refusal is an OutputError in the user's language (`settings.tr`).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import OutputError
from .settings import Settings

if TYPE_CHECKING:  # the report and wheel stacks load only when something is written
    from .compute.report import Report
    from .compute.wheel import WheelYear


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def check_output(
    path: Path, settings: Settings, *, overwrite: bool, inputs: Iterable[str | Path] = ()
) -> None:
    """Refuse an output that is an input, exists (without overwrite) or has no folder."""
    tr = settings.tr
    for source in inputs:
        if _same_file(path, Path(source)):
            raise OutputError(tr("output.is_input", file=path))
    if path.is_dir():
        raise OutputError(tr("output.is_dir", file=path))
    if path.exists() and not overwrite:
        raise OutputError(tr("output.exists", file=path))
    if path.parent.exists() and not path.parent.is_dir():  # `plan.xlsx/x.xlsx`
        error = os.strerror(errno.ENOTDIR)
        raise OutputError(tr("output.unwritable", file=path, error=error))
    if not path.parent.is_dir():
        raise OutputError(tr("output.no_folder", file=path, folder=path.parent))


def _file_mode(path: Path) -> int:
    """The permissions for `path`: those of the file it replaces, else 0o666 minus the umask.

    `mkstemp` creates its file private (0o600); without this the output would be
    unreadable to the rest of the team on a shared folder.
    """
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def check_suffix(path: Path, suffixes: tuple[str, ...], settings: Settings) -> None:
    """Refuse an output name whose ending does not say what is written in it.

    A folder is left to `check_output`, whose message fits it better.
    """
    if path.suffix.lower() not in suffixes and not path.is_dir():
        raise OutputError(settings.tr("output.bad_suffix", file=path, suffix=suffixes[0]))


@contextmanager
def atomic_output(
    path: str | Path,
    settings: Settings,
    *,
    overwrite: bool = False,
    inputs: Iterable[str | Path] = (),
) -> Iterator[Path]:
    """Yield a temporary path beside `path`; rename it over `path` only on success.

    Beside, not in /tmp: a rename within one folder is atomic, across file systems not.
    """
    path = Path(path)
    tr = settings.tr
    check_output(path, settings, overwrite=overwrite, inputs=inputs)
    try:
        handle, name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}"
        )
    except OSError as exc:
        raise OutputError(tr("output.unwritable", file=path, error=exc.strerror)) from None
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        with suppress(OSError):  # some shared drives do not do permissions
            os.chmod(temp, _file_mode(path))
        os.replace(temp, path)
    except OSError as exc:
        raise OutputError(tr("output.unwritable", file=path, error=exc.strerror)) from None
    finally:
        if temp.exists():
            temp.unlink()


def write_file(
    path: str | Path,
    data: str | bytes,
    settings: Settings,
    *,
    overwrite: bool = False,
    inputs: Iterable[str | Path] = (),
) -> Path:
    """Write a file atomically: text as UTF-8, bytes as they are."""
    with atomic_output(path, settings, overwrite=overwrite, inputs=inputs) as temp:
        if isinstance(data, str):
            temp.write_text(data, encoding="utf-8")
        else:
            temp.write_bytes(data)
    return Path(path)


def write_workbook(
    path: str | Path,
    fill: Callable[[Path], object],
    settings: Settings,
    *,
    overwrite: bool = False,
    inputs: Iterable[str | Path] = (),
) -> Path:
    """Write a workbook (a template) atomically: `fill(temp)` writes it, then it moves in place.

    The ending is checked first: `-o plan.ods` would otherwise hold xlsx bytes.
    """
    path = Path(path)
    check_suffix(path, (".xlsx",), settings)
    with atomic_output(path, settings, overwrite=overwrite, inputs=inputs) as temp:
        fill(temp)
    return path


# --- reports ---------------------------------------------------------------------

# The report format each output ending says (`-o rapport.html` is HTML), and back.
REPORT_SUFFIXES = {
    ".txt": "tekst",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".xlsx": "xlsx",
}
FORMAT_SUFFIXES = {
    "tekst": ".txt",
    "json": ".json",
    "html": ".html",
    "markdown": ".md",
    "xlsx": ".xlsx",
}
FILE_ONLY = ("xlsx",)  # formats that are no text and so cannot go to stdout


def report_format(fmt: str | None, output: Path | None, settings: Settings) -> str:
    """The report's format: `--format`, else what `-o`'s ending says, else text.

    An ending aktplan does not write, or one that says another format than `--format`,
    is refused (before any plan is read). A name without an ending, or a folder (which
    `check_output` refuses), takes `--format` or text.
    """
    if output is None or not output.suffix or output.is_dir():
        return fmt or "tekst"
    tr = settings.tr
    suffix = output.suffix.lower()
    named = REPORT_SUFFIXES.get(suffix)
    if named is None:
        endings = ", ".join(dict.fromkeys(FORMAT_SUFFIXES.values()))
        raise OutputError(
            tr("output.unknown_format", file=output, suffix=output.suffix, suffixes=endings)
        )
    if fmt is not None and fmt != named:
        shown = "text" if fmt == "tekst" and settings.language == "en" else fmt
        raise OutputError(
            tr(
                "output.format_conflict",
                file=output,
                suffix=output.suffix,
                format=shown,
                expected=FORMAT_SUFFIXES[fmt],
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
        from .workbooks.report_xlsx import write_report_xlsx

        with atomic_output(output, settings, overwrite=overwrite, inputs=inputs) as temp:
            write_report_xlsx(report, temp)
        return Path(output)
    from .formats.report import render

    text = render(report, fmt)  # no colour: escape codes do not belong in a file
    return write_file(output, text, settings, overwrite=overwrite, inputs=inputs)


# --- the year's wheel: `UT.xlsx`, `UT.svg` and, when asked for, `UT.png` ---------------

WHEEL_SUFFIXES = (".xlsx", ".svg", ".png")


def wheel_targets(
    base: Path, settings: Settings, *, png: bool = False, default: str | None = None
) -> dict[str, Path]:
    """`UT` (or `UT.xlsx`, `UT.svg`, `UT.png`) → the files to write, by kind.

    An existing folder gets the files under the `default` base name inside it. `UT.png`
    asks for the PNG as `--png` does; any other ending is refused (as `rapport -o` does):
    `-o hjul.pdf` would otherwise write `hjul.pdf.xlsx` and `hjul.pdf.svg`.
    """
    base = Path(base)
    if default and base.is_dir():
        base = base / default
    suffix = base.suffix.lower()
    if suffix and suffix not in WHEEL_SUFFIXES:
        raise OutputError(settings.tr("output.wheel_suffix", file=base))
    if suffix:
        png = png or suffix == ".png"
        base = base.with_suffix("")
    kinds = ("xlsx", "svg", "png") if png else ("xlsx", "svg")
    return {kind: base.with_name(f"{base.name}.{kind}") for kind in kinds}


def check_targets(
    targets: dict[str, Path],
    settings: Settings,
    *,
    overwrite: bool,
    inputs: Iterable[str | Path],
) -> None:
    """Refuse every bad target before any plan is read or any file written."""
    inputs = list(inputs)
    for path in targets.values():
        check_output(path, settings, overwrite=overwrite, inputs=inputs)


@dataclass(frozen=True)
class WrittenWheel:
    """The files written, and why the PNG was not (None when it was, or was not asked for)."""

    files: list[Path]
    png_problem: str | None = None


def write_wheel(
    wheel: WheelYear,
    targets: dict[str, Path],
    settings: Settings,
    *,
    overwrite: bool,
    inputs: Iterable[str | Path],
) -> WrittenWheel:
    """Write the workbook, the SVG and (if a target) the PNG, all or none.

    Every file is written to its temporary path first; they are moved into place only
    when all of them were written, so a failure leaves none of them half-new.
    """
    from .formats.wheel import svg_to_png
    from .formats.wheel_svg import render_svg
    from .workbooks.wheel_template import write_wheel_workbook

    inputs = list(inputs)
    svg = render_svg(wheel)
    targets = dict(targets)
    problem = None
    png = None
    if "png" in targets:
        png = svg_to_png(svg)
        if png is None:  # resvg-py missing: the SVG is there instead
            problem = settings.tr("wheel.png_missing", svg=targets["svg"])
            del targets["png"]
    with ExitStack() as stack:
        temps = {
            kind: stack.enter_context(
                atomic_output(path, settings, overwrite=overwrite, inputs=inputs)
            )
            for kind, path in targets.items()
        }
        write_wheel_workbook(temps["xlsx"], wheel)
        temps["svg"].write_text(svg, encoding="utf-8")
        if png is not None:
            temps["png"].write_bytes(png)
    return WrittenWheel(list(targets.values()), problem)
