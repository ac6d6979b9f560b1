"""Where the year's wheel goes: `UT.xlsx`, `UT.svg` and, when asked for, `UT.png`.

Every target is checked before anything is written (no overwrite without
`--overskriv`, never onto an input file); each file is written atomically, and
all of them are moved into place only when every one was written.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from ..compute.wheel import WheelYear
from ..errors import OutputError
from ..i18n import t
from ..save import atomic_output, check_output
from ..settings import Settings

SUFFIXES = (".xlsx", ".svg", ".png")
PNG_DPI = 200.0  # the A4 page at 1654 × 2339 pixels


def wheel_targets(
    base: Path, png: bool = False, default: str | None = None, lang: str = "nb"
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
    if suffix and suffix not in SUFFIXES:
        raise OutputError(t("output.wheel_suffix", lang, file=base))
    if suffix:
        png = png or suffix == ".png"
        base = base.with_suffix("")
    kinds = ("xlsx", "svg", "png") if png else ("xlsx", "svg")
    return {kind: base.with_name(f"{base.name}.{kind}") for kind in kinds}


def check_targets(
    targets: dict[str, Path], *, overwrite: bool, inputs: Iterable[Path], lang: str = "nb"
) -> None:
    """Refuse every bad target before any plan is read or any file written."""
    inputs = list(inputs)
    for path in targets.values():
        check_output(path, overwrite=overwrite, inputs=inputs, lang=lang)


def svg_to_png(svg: str, *, dpi: float = PNG_DPI) -> bytes | None:
    """Rasterise the SVG with resvg (a binary wheel, no system libraries); None without it."""
    try:
        import resvg_py
    except ImportError:
        return None
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, dpi=dpi))


@dataclass(frozen=True)
class WrittenWheel:
    """The files written, and why the PNG was not (None when it was, or was not asked for)."""

    files: list[Path]
    png_problem: str | None = None


def write_wheel(
    wheel: WheelYear,
    targets: dict[str, Path],
    *,
    overwrite: bool,
    inputs: Iterable[Path],
    settings: Settings,
) -> WrittenWheel:
    """Write the workbook, the SVG and (if a target) the PNG, all or none."""
    from ..workbooks.wheel_template import write_wheel_workbook
    from .wheel_svg import render_svg

    inputs = list(inputs)
    lang = wheel.language
    svg = render_svg(wheel)
    targets = dict(targets)
    problem = None
    png = None
    if "png" in targets:
        png = svg_to_png(svg)
        if png is None:
            problem = t("wheel.png_missing", lang, svg=targets["svg"])
            del targets["png"]
    with ExitStack() as stack:
        temps = {
            kind: stack.enter_context(
                atomic_output(path, overwrite=overwrite, inputs=inputs, lang=lang)
            )
            for kind, path in targets.items()
        }
        write_wheel_workbook(temps["xlsx"], wheel, settings)
        temps["svg"].write_text(svg, encoding="utf-8")
        if png is not None:
            temps["png"].write_bytes(png)
    return WrittenWheel(list(targets.values()), problem)
