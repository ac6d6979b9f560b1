"""The year's wheel as an image: the SVG (`wheel_svg.render_svg`) rasterised to PNG.

Only producing bytes lives here; the files (`UT.xlsx`, `UT.svg`, `UT.png`) are
checked and written, all or none, by `save.write_wheel`.
"""

from __future__ import annotations

PNG_DPI = 200.0  # the A4 page at 1654 × 2339 pixels


def svg_to_png(svg: str, *, dpi: float = PNG_DPI) -> bytes | None:
    """Rasterise the SVG with resvg (a binary wheel, no system libraries); None without it.

    resvg-py is optional: without it the caller keeps the SVG and says why there is
    no PNG, instead of failing the whole wheel.
    """
    try:
        import resvg_py
    except ImportError:
        return None
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, dpi=dpi))
