"""The trend's line chart for the HTML report: a value per month, one line per series.

Drawn as the other charts are (`charts.py`): one inline `<svg>` as `Markup`, no scripts,
every text escaped (`svg.esc`), colours from `plan.palette`. Each series is one
`<polyline>` with a point per month (a month without a value breaks the line), and a dot
per value whose tooltip gives the figure.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..plan.palette import AXIS, INK
from .charts import _n, _svg, _text, nice_step, value_grid
from .svg import esc


@dataclass(frozen=True)
class Line:
    """One series of a line chart: its name and one value per category (None: no value)."""

    label: str
    values: Sequence[float | None]
    colour: str
    dash: str = ""


def _runs(points: Sequence[tuple[float, float | None]]) -> list[list[tuple[float, float]]]:
    """The stretches of a series without a gap: a month without a value breaks the line."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, value in points:
        if value is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((x, value))
    return [run for run in runs if run]


def line_chart(
    categories: Sequence[str],
    lines: Sequence[Line],
    *,
    title: str,
    value_text: Callable[[float], str],
    floor: float = 0,
    whole: bool = False,
    desc: str = "",
    width: float = 680,
    height: float = 220,
) -> Markup:
    """One line per series across the categories (months), a dot per value with its figure
    as a tooltip, and the last value of each line at its end.

    `floor`: the value axis reaches at least this far (100 for shares, so 40 % looks like
    40 % of the whole); `whole`: the values are counts, so the axis steps by whole numbers.
    """
    left, right, top, bottom = 92, 96, 40, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    count = len(categories)
    values = [v for line in lines for v in line.values if v is not None]
    peak = max(max(values, default=0) * 1.05, floor, 1)  # a little room above the top
    step = nice_step(peak)
    if whole:
        step = max(step, 1.0)
    y_max = step * math.ceil(peak / step)

    def x(index: int) -> float:
        return left + (plot_w / 2 if count < 2 else index * plot_w / (count - 1))

    def y(value: float) -> float:
        return top + plot_h - max(value, 0) / y_max * plot_h

    body = value_grid(left, plot_w, y_max, step, y, value_text)
    body.append(
        f'<line x1="{left}" x2="{_n(left + plot_w)}" y1="{_n(y(0))}" y2="{_n(y(0))}" '
        f'stroke="{AXIS}"/>'
    )
    every = max(1, math.ceil(count / 8))  # no more than eight month names on the axis
    for index, name in enumerate(categories):
        if index % every == 0 or index == count - 1:
            body.append(_text(x(index), y(0) + 20, name, size=11, anchor="middle"))
    ends: list[tuple[float, str, str]] = []
    for line in lines:
        points = [(x(i), v) for i, v in enumerate(line.values[:count])]
        dashes = f' stroke-dasharray="{line.dash}"' if line.dash else ""
        for run in _runs(points):
            coords = " ".join(f"{_n(px)},{_n(y(value))}" for px, value in run)
            body.append(
                f'<polyline points="{coords}" fill="none" stroke="{line.colour}" '
                f'stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"{dashes}/>'
            )
        for index, value in enumerate(line.values[:count]):
            if value is None:
                continue
            body.append(
                f'<circle cx="{_n(x(index))}" cy="{_n(y(value))}" r="3.5" fill="{line.colour}">'
                f"<title>{esc(line.label)}, {esc(categories[index])}: "
                f"{esc(value_text(value))}</title></circle>"
            )
        last = next((v for v in reversed(line.values[:count]) if v is not None), None)
        if last is not None:
            ends.append((y(last), value_text(last), line.colour))
    # The last value of each line beside its end, pushed apart when they would overlap.
    placed: list[float] = []
    for ly, text, colour in sorted(ends):
        if placed and ly - placed[-1] < 16:
            ly = placed[-1] + 16
        placed.append(ly)
        body.append(_text(left + plot_w + 10, ly + 4, text, size=12, fill=colour, weight=600))
    body.extend(_line_legend(left, lines))
    return _svg(width, height, title, "line", body, desc)


def _line_legend(x: float, lines: Sequence[Line]) -> list[str]:
    """A sample of each line above the plot, with its name."""
    parts = []
    for line in lines:
        dashes = f' stroke-dasharray="{line.dash}"' if line.dash else ""
        parts.append(
            f'<line x1="{_n(x)}" y1="14" x2="{_n(x + 26)}" y2="14" stroke="{line.colour}" '
            f'stroke-width="2.5"{dashes}/>'
        )
        parts.append(_text(x + 32, 18, line.label, size=11, fill=INK))
        x += 46 + 6.4 * len(line.label)
    return parts
