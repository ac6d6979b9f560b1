"""The year's wheel: `UT.xlsx`, `UT.svg`, `UT.png`, `UT.pdf` or `UT.ics`, all or none."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError
from ..settings import Settings
from .files import atomic_output, check_output

if TYPE_CHECKING:
    from ..compute.wheel import WheelYear


# --- the year's wheel: `UT.xlsx`, `UT.svg` and, when asked for, `UT.png`; or `UT.pdf` --

WHEEL_SUFFIXES = (".xlsx", ".svg", ".png", ".pdf", ".ics")


def wheel_targets(
    base: Path, settings: Settings, *, png: bool = False, default: str | None = None
) -> dict[str, Path]:
    """`UT` (or `UT.xlsx`, `UT.svg`, `UT.png`, `UT.pdf`) → the files to write, by kind.

    An existing folder gets the files under the `default` base name inside it. `UT.png`
    asks for the PNG as `--png` does. `UT.pdf` asks for the page to print and nothing
    else (a user who names a PDF expects one file, not a workbook and an SVG beside it;
    `--png` still adds the PNG). Any other ending is refused (as `rapport -o` does):
    `-o hjul.ods` would otherwise write `hjul.ods.xlsx` and `hjul.ods.svg`.
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
    # `UT.ics`, like `UT.pdf`, asks for that one file: the calendar (`write_calendar`).
    kinds = (suffix[1:],) if suffix in (".pdf", ".ics") else ("xlsx", "svg")
    kinds += ("png",) if png else ()
    return {kind: base.with_name(f"{base.name}.{kind}") for kind in kinds}


def with_format(base: Path, fmt: str, settings: Settings, *, default: str) -> Path:
    """`årshjul --format ics|pdf`: the output named with that ending (`-o hjul` →
    `hjul.ics`; an existing folder gets the default name inside); an ending that says
    something else is refused, as `rapport` refuses one."""
    base = Path(base)
    if base.is_dir():
        base = base / default
    expected = f".{fmt}"
    if base.suffix and base.suffix.lower() != expected:
        raise OutputError(
            settings.tr(
                "output.format_conflict",
                file=base,
                suffix=base.suffix,
                format=fmt,
                expected=expected,
            )
        )
    return base if base.suffix else base.with_name(base.name + expected)


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
    paper: str = "A4",
) -> WrittenWheel:
    """Write the targets (workbook, SVG, PNG, PDF on `paper`), all or none.

    Every file is written to its temporary path first; they are moved into place only
    when all of them were written, so a failure leaves none of them half-new.
    """
    from ..formats.wheel import svg_to_png
    from ..formats.wheel_svg import render_svg
    from ..workbooks.wheel_template import write_wheel_workbook

    inputs = list(inputs)
    svg = render_svg(wheel)
    targets = dict(targets)
    problem = None
    png = None
    if "png" in targets:
        png = svg_to_png(svg)
        if png is None:  # resvg-py missing: the SVG is there instead
            shown = targets.get("svg") or targets["pdf"]  # `-o hjul.pdf --png`: no SVG file
            problem = settings.tr("wheel.png_missing", svg=shown)
            del targets["png"]
    with ExitStack() as stack:
        temps = {
            kind: stack.enter_context(
                atomic_output(path, settings, overwrite=overwrite, inputs=inputs)
            )
            for kind, path in targets.items()
        }
        if "xlsx" in temps:
            write_wheel_workbook(temps["xlsx"], wheel)
        if "svg" in temps:
            temps["svg"].write_text(svg, encoding="utf-8")
        if "pdf" in temps:
            from ..formats.pdf import render_wheel_pdf

            temps["pdf"].write_bytes(render_wheel_pdf(wheel, paper, svg))
        if png is not None:
            temps["png"].write_bytes(png)
    return WrittenWheel(list(targets.values()), problem)
