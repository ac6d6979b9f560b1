"""Inline SVG charts for the HTML report: phase donut, budget burn against time, spend per channel.

The trend's month-by-month lines are in `line_chart.py`, drawn with the same helpers.

Each builder returns `Markup` holding one `<svg>` element: no xmlns (inline SVG in
HTML5 needs none), no scripts, no external references. Every text that may come
from a plan is escaped here (`svg.esc`, as the wheel does), because the template
cannot escape inside Markup. Colours come from `plan.palette`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from ..i18n.fmt import Formatter
from ..plan.palette import (
    ACCENT,
    ACCENT_SOFT,
    AXIS,
    BAD,
    FAINT,
    GOOD,
    GRID,
    INK,
    MUTED,
    TRACK,
    WHITE,
)
from .svg import esc, shorten


def _n(value: float) -> str:
    """A coordinate: one decimal, no trailing zeros."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _svg(
    width: float, height: float, title: str, css_class: str, body: list[str], desc: str = ""
) -> Markup:
    label = esc(title)
    description = f"<desc>{esc(desc)}</desc>" if desc else ""
    return Markup(
        f'<svg class="chart {css_class}" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'role="img" aria-label="{label}" preserveAspectRatio="xMidYMid meet">'
        f"<title>{label}</title>{description}" + "".join(body) + "</svg>"
    )


def _text(x: float, y: float, text: str, *, size: float = 11, anchor: str = "start",
          fill: str = MUTED, weight: int = 400, css: str = "") -> str:  # fmt: skip
    extra = f' class="{css}"' if css else ""
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" text-anchor="{anchor}" '
        f'fill="{fill}" font-weight="{weight}"{extra}>{esc(text)}</text>'
    )


# --- phase donut ------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    label: str
    value: float
    colour: str


def donut(
    segments: Sequence[Segment],
    *,
    centre_value: str,
    centre_label: str,
    title: str,
    size: float = 200,
    thickness: float = 28,
) -> Markup:
    """A ring split by value, drawn with dashed circles; the total in the middle."""
    radius = (size - thickness) / 2
    centre = size / 2
    circumference = 2 * math.pi * radius
    total = sum(max(s.value, 0) for s in segments)
    shown = [s for s in segments if s.value > 0]
    gap = 2.0 if len(shown) > 1 else 0.0
    ring = f'cx="{_n(centre)}" cy="{_n(centre)}" r="{_n(radius)}" fill="none" stroke-width="{_n(thickness)}"'
    body = [f'<circle {ring} stroke="{TRACK}"/>']
    offset = 0.0
    for segment in shown:
        length = segment.value / total * circumference
        dash = max(length - gap, 0.6)
        body.append(
            f'<circle {ring} stroke="{segment.colour}" '
            f'stroke-dasharray="{dash:.2f} {circumference - dash:.2f}" '
            f'stroke-dashoffset="{-offset:.2f}" transform="rotate(-90 {_n(centre)} {_n(centre)})">'
            f"<title>{esc(segment.label)}: {esc(_plain(segment.value))}</title></circle>"
        )
        offset += length
    body.append(
        _text(centre, centre + 6, centre_value, size=34, anchor="middle", fill=INK, weight=300)
    )
    body.append(_text(centre, centre + 26, centre_label, size=12, anchor="middle"))
    return _svg(size, size, title, "donut", body)


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# --- budget burn against time ----------------------------------------------------------------


def nice_step(span: float, ticks: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 × 10^k) that splits `span` into about `ticks` parts."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


@dataclass(frozen=True)
class BurnLabels:
    """The words of the burn chart, from the catalogue."""

    title: str
    budget: str
    even: str
    spent: str
    forecast: str
    today: str
    description: str = ""


def value_grid(left: float, width: float, y_max: float, step: float, y, label) -> list[str]:
    """The value axis's horizontal grid lines, each with its figure (`label(value)`) at
    the left: every chart with a value axis draws it this way."""
    lines: list[str] = []
    tick = 0.0
    while tick <= y_max + step / 2:
        lines.append(
            f'<line x1="{left}" x2="{_n(left + width)}" y1="{_n(y(tick))}" y2="{_n(y(tick))}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        lines.append(_text(left - 10, y(tick) + 4, label(tick), size=11, anchor="end"))
        tick += step
    return lines


def burn_chart(
    *,
    start: date,
    end: date,
    today: date,
    total: float,
    spent: float,
    forecast: float | None,
    fmt: Formatter,
    labels: BurnLabels,
    width: float = 680,
    height: float = 290,
) -> Markup:
    """Spend to date against the even-spend line and the budget, projected to the period's end."""
    left, right, top, bottom = 92, 150, 44, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    days = max((end - start).days, 1)
    peak = max(total, spent, forecast or 0, 1)
    step = nice_step(peak * 1.05)
    y_max = step * math.ceil(peak * 1.05 / step)

    def x(day: date) -> float:
        share = min(max((day - start).days / days, 0.0), 1.0)
        return left + share * plot_w

    def y(value: float) -> float:
        return top + plot_h - max(value, 0) / y_max * plot_h

    body = value_grid(left, plot_w, y_max, step, y, fmt.money)
    x0, x1, xt = x(start), x(end), x(today)
    y0 = y(0)
    # Even spend: where the money would be if spent evenly over the period.
    body.append(
        f'<line x1="{_n(x0)}" y1="{_n(y0)}" x2="{_n(x1)}" y2="{_n(y(total))}" '
        f'stroke="{FAINT}" stroke-width="1.5" stroke-dasharray="2 4"/>'
    )
    # Budget ceiling.
    body.append(
        f'<line x1="{_n(x0)}" y1="{_n(y(total))}" x2="{_n(x1)}" y2="{_n(y(total))}" '
        f'stroke="{INK}" stroke-width="1.5" stroke-dasharray="6 4"/>'
    )
    # Report date.
    body.append(
        f'<line x1="{_n(xt)}" y1="{top}" x2="{_n(xt)}" y2="{_n(y0)}" stroke="{MUTED}" '
        f'stroke-width="1" stroke-dasharray="1 3"/>'
    )
    # Spend to date (area + line + dot).
    body.append(
        f'<polygon points="{_n(x0)},{_n(y0)} {_n(xt)},{_n(y(spent))} {_n(xt)},{_n(y0)}" '
        f'fill="{ACCENT}" fill-opacity="0.10"/>'
    )
    body.append(
        f'<line x1="{_n(x0)}" y1="{_n(y0)}" x2="{_n(xt)}" y2="{_n(y(spent))}" '
        f'stroke="{ACCENT}" stroke-width="3" stroke-linecap="round"/>'
    )
    right_labels: list[tuple[float, str, str, str]] = [
        (y(total), labels.budget, fmt.money(total), INK)
    ]
    if forecast is not None:
        colour = BAD if forecast > total else GOOD
        body.append(
            f'<line x1="{_n(xt)}" y1="{_n(y(spent))}" x2="{_n(x1)}" y2="{_n(y(forecast))}" '
            f'stroke="{colour}" stroke-width="2.5" stroke-dasharray="7 5" stroke-linecap="round"/>'
        )
        body.append(f'<circle cx="{_n(x1)}" cy="{_n(y(forecast))}" r="4.5" fill="{colour}"/>')
        right_labels.append((y(forecast), labels.forecast, fmt.money(forecast), colour))
    body.append(
        f'<circle cx="{_n(xt)}" cy="{_n(y(spent))}" r="5.5" fill="{ACCENT}" stroke="{WHITE}" '
        f'stroke-width="2"/>'
    )
    # Label the spend beside its dot, on whichever side has room.
    anchor, dx = ("end", -12) if xt - x0 > 150 else ("start", 12)
    body.append(
        _text(xt + dx, y(spent) - 16, labels.spent, size=11, anchor=anchor, fill=ACCENT, weight=600)
    )
    body.append(
        _text(xt + dx, y(spent) - 2, fmt.money(spent), size=13, anchor=anchor, fill=INK, weight=600)
    )
    # Right-hand labels, pushed apart when they would overlap.
    right_labels.sort(key=lambda item: item[0])
    placed: list[float] = []
    for ly, name, value, colour in right_labels:
        if placed and ly - placed[-1] < 32:
            ly = placed[-1] + 32
        placed.append(ly)
        body.append(_text(x1 + 12, ly - 3, name, size=11, fill=colour, weight=600))
        body.append(_text(x1 + 12, ly + 12, value, size=12, fill=INK))
    # Time axis: start, report date, end.
    axis_y = y0 + 22
    body.append(f'<line x1="{_n(x0)}" x2="{_n(x1)}" y1="{_n(y0)}" y2="{_n(y0)}" stroke="{AXIS}"/>')
    body.append(_text(xt, axis_y, labels.today, size=11, anchor="middle", fill=INK, weight=600))
    if xt - x0 > 90:
        body.append(_text(x0, axis_y, fmt.date(start), size=11, anchor="start"))
    if x1 - xt > 90:
        body.append(_text(x1, axis_y, fmt.date(end), size=11, anchor="end"))
    body.extend(_burn_legend(left, labels, BAD if forecast and forecast > total else GOOD))
    return _svg(width, height, labels.title, "burn", body, labels.description)


def _burn_legend(x: float, labels: BurnLabels, forecast_colour: str) -> list[str]:
    """Line samples above the plot: spent, forecast, even spend, budget."""
    items = [
        (labels.spent, ACCENT, "3", ""),
        (labels.forecast, forecast_colour, "2.5", "7 5"),
        (labels.even, FAINT, "1.5", "2 4"),
        (labels.budget, INK, "1.5", "6 4"),
    ]
    parts = []
    for label, colour, stroke, dash in items:
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{_n(x)}" y1="12" x2="{_n(x + 26)}" y2="12" stroke="{colour}" '
            f'stroke-width="{stroke}"{dashes}/>'
        )
        parts.append(_text(x + 32, 16, label, size=11, fill=INK))
        x += 46 + 6.4 * len(label)
    return parts


# --- spend per channel ----------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    planned: float
    spent: float


def channel_bars(
    bars: Sequence[Bar],
    *,
    fmt: Formatter,
    title: str,
    planned_label: str,
    spent_label: str,
    width: float = 680,
    row: float = 30,
) -> Markup:
    """One row per channel: the planned budget as a track, the spend drawn over it."""
    label_w, value_w, top = 170, 190, 30
    bar_w = width - label_w - value_w
    peak = max([max(b.planned, b.spent) for b in bars] + [1])
    height = top + row * len(bars) + 6

    def w(value: float) -> float:
        return max(value, 0) / peak * bar_w

    body = [
        f'<rect x="{label_w}" y="6" width="12" height="10" rx="2" fill="{ACCENT_SOFT}"/>',
        _text(label_w + 18, 15, planned_label, size=11),
        f'<rect x="{label_w + 110}" y="6" width="12" height="10" rx="2" fill="{ACCENT}"/>',
        _text(label_w + 128, 15, spent_label, size=11),
    ]
    for index, bar in enumerate(bars):
        y = top + index * row
        mid = y + row / 2
        body.append(
            f"<g><title>{esc(bar.label)}: {esc(fmt.money(bar.spent))} / "
            f"{esc(fmt.money(bar.planned))}</title>"
        )
        body.append(
            _text(label_w - 12, mid + 4, shorten(bar.label, 24), size=12, anchor="end", fill=INK)
        )
        body.append(
            f'<rect x="{label_w}" y="{_n(mid - 7)}" width="{_n(w(bar.planned))}" height="14" '
            f'rx="3" fill="{ACCENT_SOFT}"/>'
        )
        spent_w = w(min(bar.spent, bar.planned)) if bar.planned else w(bar.spent)
        if spent_w > 0:
            body.append(
                f'<rect x="{label_w}" y="{_n(mid - 7)}" width="{_n(spent_w)}" height="14" '
                f'rx="3" fill="{ACCENT}"/>'
            )
        if bar.planned and bar.spent > bar.planned:
            body.append(
                f'<rect x="{_n(label_w + w(bar.planned))}" y="{_n(mid - 7)}" '
                f'width="{_n(w(bar.spent) - w(bar.planned))}" height="14" rx="3" fill="{BAD}"/>'
            )
        body.append(
            _text(
                width - value_w + 12, mid + 4, fmt.money(bar.spent), size=12, fill=INK, weight=600
            )
        )
        body.append(_text(width, mid + 4, fmt.money(bar.planned), size=11, anchor="end"))
        body.append("</g>")
    return _svg(width, height, title, "bars", body)
