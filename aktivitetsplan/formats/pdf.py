"""The management report and the year's wheel as PDF, drawn by WeasyPrint.

The PDF is the report's own HTML (`render_html`) laid out for paper by `report.css`'s
print rules (A4, a footer with the title, date and page numbers, sections kept whole
where they fit), so the PDF and the HTML never say different things. The inline SVG
charts and the wheel stay vectors: WeasyPrint draws SVG itself, no raster in between.

WeasyPrint (and its pango) loads only when a PDF is written: `aktplan --help` and the
other formats do not pay for it. Whether and where the bytes are written is
`save.py`'s business.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..compute.report import Report
from ..compute.wheel import WheelYear

if TYPE_CHECKING:  # weasyprint loads inside the functions, for a PDF only
    from weasyprint.urls import URLFetcher

# Paper for the wheel (`aktplan årshjul --papir`): width and height in millimetres,
# portrait, both √2 tall as the wheel's own drawing is (wheel_geometry WIDTH × HEIGHT).
PAPER_SIZES: dict[str, tuple[int, int]] = {"A4": (210, 297), "A3": (297, 420)}
DEFAULT_PAPER = "A4"


def _no_fetching() -> URLFetcher:
    """A fetcher that fetches nothing: the report is self-contained (inline CSS and SVG).

    A plan's text is escaped and cannot name a URL, but should one ever reach the
    markup, WeasyPrint must neither read a local file nor call the network for it.
    """
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=())


def html_to_pdf(html: str, *, title: str | None = None) -> bytes:
    """An HTML document (inline CSS and SVG only) as PDF bytes, fonts embedded (subset)."""
    from weasyprint import HTML

    document = HTML(string=html, url_fetcher=_no_fetching()).render()
    if title is not None:
        document.metadata.title = title
    return document.write_pdf()


def render_pdf(report: Report) -> bytes:
    """The management report as PDF: the HTML report laid out by its print CSS."""
    from ..view.report import ReportView
    from .html import render_html

    return html_to_pdf(render_html(report), title=ReportView(report).doc_title)


def wheel_page(svg: str, paper: str = DEFAULT_PAPER) -> str:
    """A minimal HTML page that holds the wheel's SVG, sized to fill one sheet of `paper`.

    The SVG is drawn for A4 portrait with its own margins; on A3 it is scaled up whole,
    so the sheet is filled edge to edge and nothing spills onto a second page.
    """
    from .html import inline_svg

    width, height = PAPER_SIZES[paper]
    css = (
        f"@page {{ size: {width}mm {height}mm; margin: 0 }}"
        " html, body { margin: 0; padding: 0 }"
        f" svg {{ display: block; width: {width}mm; height: {height}mm }}"
    )
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<style>{css}</style></head>\n<body>{inline_svg(svg)}</body></html>\n"
    )


def render_wheel_pdf(wheel: WheelYear, paper: str = DEFAULT_PAPER, svg: str | None = None) -> bytes:
    """The wheel as a one-page PDF on `paper` (A4 or A3), vector.

    `svg` is the wheel's SVG when the caller has drawn it already (it writes the SVG
    file too); else it is drawn here.
    """
    if svg is None:
        from .wheel_svg import render_svg

        svg = render_svg(wheel)
    title = wheel.settings.tr("wheel.title", year=wheel.year)
    return html_to_pdf(wheel_page(svg, paper), title=title)
