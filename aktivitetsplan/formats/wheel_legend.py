"""The text below the wheel: the key to its colours, the rings, the public holidays and
the most overdue activities by name; the key to the numbered arcs in the page's corners;
and the one-line summary the CLI prints too. Widths are measured (`text_width`), so
no line runs off the page.
"""

from __future__ import annotations

import math
from datetime import date

from ..compute.wheel import WheelYear
from ..i18n import Translator
from ..i18n.fmt import Formatter
from ..plan.palette import (
    GREY_TEXT,
    HOLIDAY,
    LEGEND_TEXT,
    NAVY,
    OVERDUE_COLOUR,
    PHASE_STRONG_COLOURS,
    SCHOOL_WEEK,
    TODAY,
)
from ..plan.schema import PHASE_LABELS, PHASES, fold
from .svg import esc, shorten
from .wheel_geometry import (
    CANCELLED_OPACITY,
    HEIGHT,
    KEY_BOXES,
    KEY_FONT,
    KEY_ROWS,
    MARGIN,
    WIDTH,
    Canvas,
    LabelPlan,
    fit_text,
    key_slots,
    text_width,
)

LEGEND_FONT = 13.0


def marker_keys(wheel: WheelYear) -> tuple[str, str]:
    """The catalogue keys of the date marker (long, short): «I dag» only when the report
    date is today's date; a report dated otherwise (`--dato`) is «Per» that date."""
    if wheel.today == date.today():
        return "wheel.svg.today", "wheel.svg.today_short"
    return "wheel.svg.as_of", "wheel.svg.as_of_short"


def arc_key(svg: Canvas, labels: LabelPlan, tr: Translator) -> int:
    """The names of the numbered arcs, row by row in the corner boxes, and how many arcs
    have no name on the wheel at all; the number of boxes used (0 without a key)."""
    rows = [(str(n), a.activity) for n, a in enumerate(labels.key, start=1)]
    if labels.bare:
        rows.append(("", tr("wheel.svg.key.bare", count=len(labels.bare))))
    if not rows:
        return 0
    width = KEY_BOXES[0][2] - KEY_BOXES[0][0]
    number_room = text_width(str(len(labels.key)), KEY_FONT, bold=True) + 5
    svg.add('<g class="arc-key">')
    for (number, name), (x, y) in zip(rows, key_slots(len(rows)), strict=True):
        room = width - number_room if number else width
        svg.add(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{KEY_FONT:g}" fill="{LEGEND_TEXT}">'
            + (f'<tspan font-weight="bold">{number}</tspan> ' if number else "")
            + f"{esc(fit_text(name, room, KEY_FONT))}</text>"
        )
    svg.add("</g>")
    return -(-len(rows) // KEY_ROWS)


def summary_line(wheel: WheelYear, tr: Translator) -> str:
    """One line: what is on the wheel and what was left out."""
    line = tr(
        "wheel.summary",
        year=wheel.year,
        activities=len(wheel.distinct()),  # a series counts once, however often it runs
        plans=wheel.plans,
    )
    if wheel.left_out:
        line += " " + tr(
            "wheel.left_out", outside=wheel.outside, undated=wheel.undated, year=wheel.year
        )
    return line


def _swatch(x: float, y: float, fill: str, label: str, *, opacity: float = 1.0) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="16" height="12" rx="2" fill="{fill}"'
        f' fill-opacity="{opacity}"/>'
        f'<text x="{x + 22:.1f}" y="{y:.1f}" font-size="13" fill="{LEGEND_TEXT}">{esc(label)}</text>'
    )


def wrap_items(
    lead: str, items: list[str], width: float, separator: str = " · ", size: float = LEGEND_FONT
) -> list[str]:
    """`lead` and the items joined by `separator`, broken into lines between items so no
    line is wider than `width` (measured at `size`); a single item too wide is shortened."""
    lines = [lead.rstrip()]
    for index, item in enumerate(items):
        piece = item + (separator.rstrip() if index < len(items) - 1 else "")
        piece = fit_text(piece, width, size)
        if text_width(f"{lines[-1]} {piece}", size) > width and lines[-1].strip():
            lines.append(piece)
        else:
            lines[-1] = f"{lines[-1]} {piece}".strip()
    return lines


def legend(svg: Canvas, wheel: WheelYear, tr: Translator, fmt: Formatter) -> None:
    """The key, the rings, the summary, the public holidays and the overdue list."""
    counts = wheel.phase_counts()
    y = 1092.0
    left = 60.0
    svg.add('<g class="legend">')
    items = [
        (
            PHASE_STRONG_COLOURS[p],
            f"{PHASE_LABELS[wheel.settings.language][p]} ({counts.get(p, 0)})",
            CANCELLED_OPACITY if p == "cancelled" else 1.0,
        )
        for p in PHASES
    ]
    if counts.get("unknown"):
        items.append(
            (
                PHASE_STRONG_COLOURS["unknown"],
                f"{PHASE_LABELS[wheel.settings.language]['unknown']} ({counts['unknown']})",
                1.0,
            )
        )
    items.append((OVERDUE_COLOUR, f"{tr('col.overdue')} ({wheel.overdue})", 1.0))
    x = left
    for fill, label, opacity in items:
        svg.add(_swatch(x, y, fill, label, opacity=opacity))
        x += 40 + text_width(label, LEGEND_FONT)
    y += 26
    x = left
    marker = tr(marker_keys(wheel)[0], date=fmt.date(wheel.today))
    svg.add(
        f'<line x1="{x + 8:.1f}" y1="{y - 12:.1f}" x2="{x + 8:.1f}" y2="{y + 2:.1f}"'
        f' stroke="{TODAY}" stroke-width="2.2"/>'
        f'<text x="{x + 22:.1f}" y="{y:.1f}" font-size="13" fill="{LEGEND_TEXT}">'
        f"{esc(marker)}</text>"
    )
    x += 40 + text_width(marker, LEGEND_FONT)
    svg.add(
        f'<circle cx="{x + 8:.1f}" cy="{y - 4:.1f}" r="3.5" fill="{HOLIDAY}"/>'
        f'<text x="{x + 22:.1f}" y="{y:.1f}" font-size="13" fill="{LEGEND_TEXT}">'
        f"{esc(tr('wheel.svg.holiday'))}</text>"
    )
    x += 40 + text_width(tr("wheel.svg.holiday"), LEGEND_FONT)
    svg.add(_swatch(x, y, SCHOOL_WEEK, tr("wheel.svg.school")))
    y += 26
    items = [f"{ring.label} ({len({a.source for a in ring.activities})})" for ring in wheel.rings]
    for line in wrap_items(tr("wheel.svg.rings", rings=""), items, WIDTH - MARGIN - left)[:4]:
        svg.add(
            f'<text x="{left}" y="{y:.1f}" font-size="13" fill="{LEGEND_TEXT}">{esc(line)}</text>'
        )
        y += 19
    y += 3
    svg.add(
        f'<text x="{left}" y="{y:.1f}" font-size="13" fill="{GREY_TEXT}">'
        f"{esc(summary_line(wheel, tr))}</text>"
    )
    y += 34
    svg.add(
        f'<text x="{left}" y="{y:.1f}" font-size="14" font-weight="bold" fill="{NAVY}">'
        f"{esc(tr('wheel.svg.holidays', year=wheel.year))}</text>"
    )
    y += 20
    names: dict[date, list[str]] = {}
    for day, name in wheel.holidays:
        names.setdefault(day, []).append(name)
    entries = [f"{day:%d.%m.}  {', '.join(found)}" for day, found in sorted(names.items())]
    per_column = math.ceil(len(entries) / 4) or 1
    for index, entry in enumerate(entries):
        column, line = divmod(index, per_column)
        svg.add(
            f'<text x="{left + column * 225:.1f}" y="{y + line * 17:.1f}" font-size="12"'
            f' fill="{LEGEND_TEXT}">{esc(entry)}</text>'
        )
    y += per_column * 17 + 16
    overdue_list(svg, wheel, tr, left, y)
    svg.add(
        f'<text x="{WIDTH - 40}" y="{HEIGHT - 12}" font-size="10" fill="{GREY_TEXT}"'
        f' text-anchor="end">{esc(tr("wheel.svg.footer"))}</text>'
    )
    svg.add("</g>")


def overdue_list(svg: Canvas, wheel: WheelYear, tr: Translator, left: float, y: float) -> None:
    """The most overdue activities by name, in two small tables, as many as there is room for."""
    late = sorted(
        (a for a in wheel.activities if a.overdue),
        key=lambda a: (-a.days_overdue, fold(a.activity)),
    )
    if not late:
        return
    svg.add(
        f'<text class="overdue-list" x="{left}" y="{y:.1f}" font-size="14" font-weight="bold"'
        f' fill="{OVERDUE_COLOUR}">{esc(tr("text.overdue", count=len(late)))}</text>'
    )
    y += 19
    rows = max(1, int((HEIGHT - 30 - y) // 17))  # below the column headers
    room = rows * 2
    shown = late if len(late) <= room else late[: room - 1]
    cells = [(a.activity, a.plan, str(a.days_overdue)) for a in shown]
    if len(shown) < len(late):
        cells.append((tr("text.more", count=len(late) - len(shown)), "", ""))
    head = (tr("col.activity"), tr("col.campaign"), tr("col.days_late"))
    for block in range(2 if len(cells) > rows else 1):
        x = left + block * 450
        part = cells[block * rows : (block + 1) * rows]
        for row, (name, plan, days) in enumerate([head, *part]):
            weight = ' font-weight="bold"' if row == 0 else ""
            top = y + row * 17
            svg.add(
                f'<text x="{x:.1f}" y="{top:.1f}" font-size="12" fill="{LEGEND_TEXT}"{weight}>'
                f"{esc(shorten(name, 34))}</text>"
                f'<text x="{x + 245:.1f}" y="{top:.1f}" font-size="12" fill="{LEGEND_TEXT}"{weight}>'
                f"{esc(shorten(plan, 22))}</text>"
                f'<text x="{x + 425:.1f}" y="{top:.1f}" font-size="12" fill="{LEGEND_TEXT}"'
                f' text-anchor="end"{weight}>{esc(days)}</text>'
            )
