"""The year's wheel as one self-contained SVG, sized for an A4 page.

January starts at twelve o'clock and the year runs clockwise at an even pace.
From the outside in: months, ISO weeks (school holidays shaded, public holidays
as red dots), then one ring per group (type, channel or person) with an arc per
activity from its start to its end, coloured by phase (overdue in red).
Overlapping activities sit in separate lanes of their ring. Every arc carries a
`<title>` tooltip with the full name, dates and status; a label is drawn along
the arc where it fits, shortened with an ellipsis where it does not.

All user text is escaped (`xml.sax.saxutils`), and characters XML cannot hold
are dropped, so an activity named `<script>` is only ever text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from xml.sax.saxutils import escape, quoteattr

from ..compute.wheel import WheelActivity, WheelYear, angle_of, month_names
from ..i18n import Translator
from ..i18n.fmt import Formatter
from ..plan.schema import OVERDUE_COLOUR, PHASE_LABELS, PHASE_STRONG_COLOURS, PHASES, fold

# The page: A4 portrait, 1 unit = 0.21 mm.
WIDTH, HEIGHT = 1000, 1414
CX, CY = 500.0, 590.0
R_MONTH_OUT, R_MONTH_IN = 455.0, 420.0
R_WEEK_IN = 392.0
R_RINGS_OUT, R_RINGS_MIN = 386.0, 92.0
RING_GAP = 4.0
LABEL_BAND = 13.0  # the band at a ring's outer edge holding its name
MAX_LANE = 26.0
MIN_LABEL_FONT = 5.5
CHAR_WIDTH = 0.6  # average glyph width in em (DejaVu Sans, the widest of the fonts listed)
FONT = "'Segoe UI', Arial, Helvetica, 'Liberation Sans', 'DejaVu Sans', sans-serif"
INK = "#1F3864"
MUTED = "#595959"
GRID = "#C9D3E3"
MONTH_FILLS = ("#1F3864", "#2F5597")
WEEK_FILLS = ("#F2F2F2", "#E4EAF4")
SCHOOL_FILL = "#FFE699"
HOLIDAY_DOT = "#C00000"
TODAY = "#C00000"
# Printed from a browser, the file is one A4 page (its size is the page's).
PRINT_CSS = "@page { size: A4 portrait; margin: 0 }"
CANCELLED_OPACITY = 0.55
RING_FILLS = ("#EDF1F7", "#F7F8FB")

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: object) -> str:
    """Text without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", str(text))


def esc(text: object) -> str:
    """Escaped element content."""
    return escape(clean(text))


def attr(value: object) -> str:
    """A quoted, escaped attribute value."""
    return quoteattr(clean(value))


def shorten(text: str, limit: int) -> str:
    """`text`, or its first `limit - 1` characters and an ellipsis."""
    text = " ".join(clean(text).split())
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 1)].rstrip() + "…"


def point(radius: float, degrees: float) -> tuple[float, float]:
    """The point at `radius` and `degrees` clockwise from twelve o'clock."""
    rad = math.radians(degrees)
    return CX + radius * math.sin(rad), CY - radius * math.cos(rad)


def _xy(radius: float, degrees: float) -> str:
    x, y = point(radius, degrees)
    return f"{x:.2f} {y:.2f}"


def _arc_to(radius: float, a0: float, a1: float) -> str:
    """Arc commands from a0 to a1 (either direction), in steps of at most 180°."""
    steps = max(1, math.ceil(abs(a1 - a0) / 180.0 - 1e-9))
    sweep = 1 if a1 >= a0 else 0
    parts = []
    for step in range(1, steps + 1):
        angle = a0 + (a1 - a0) * step / steps
        parts.append(f"A {radius:.2f} {radius:.2f} 0 0 {sweep} {_xy(radius, angle)}")
    return " ".join(parts)


def sector(r_in: float, r_out: float, a0: float, a1: float) -> str:
    """Path data of an annular sector: outer arc a0→a1, then the inner arc back."""
    return (
        f"M {_xy(r_out, a0)} {_arc_to(r_out, a0, a1)} L {_xy(r_in, a1)} {_arc_to(r_in, a1, a0)} Z"
    )


def circle_path(radius: float, a0: float, a1: float) -> str:
    """An open arc path (for text along it)."""
    return f"M {_xy(radius, a0)} {_arc_to(radius, a0, a1)}"


def text_colour(fill: str, opacity: float = 1.0) -> str:
    """Black or white, whichever reads better on `fill` (at `opacity`, over white)."""
    r, g, b = (int(fill[i : i + 2], 16) / 255 * opacity + 1 - opacity for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#1A1A1A" if luminance > 0.5 else "#FFFFFF"


def _upright(mid: float) -> bool:
    """Text along an arc reads upside down on the lower half: run it the other way."""
    return not 90.0 < mid % 360.0 < 270.0


@dataclass(frozen=True)
class RingBand:
    """Where a ring sits: its radii, lane height and the band holding its name."""

    key: str
    label: str
    r_in: float
    r_out: float
    lane: float
    lanes: int
    band: float = LABEL_BAND

    def lane_radii(self, lane: int) -> tuple[float, float]:
        """Lane 0 just inside the label band at the ring's outer edge."""
        top = self.r_out - self.band - lane * self.lane
        return top - self.lane, top

    @property
    def label_radius(self) -> float:
        return self.r_out - self.band / 2


def layout_rings(wheel: WheelYear) -> list[RingBand]:
    """Rings from the inside out, each as many lanes high as it needs; outermost last.

    All lanes are equally high (at most MAX_LANE); with many rings the name bands
    and gaps get thinner so the lanes keep their room.
    """
    rings = wheel.rings
    if not rings:
        return []
    lanes = [max(1, ring.lanes) for ring in rings]
    many = len(rings) > 5
    band, gap = (10.0, 2.0) if many else (LABEL_BAND, RING_GAP)
    space = R_RINGS_OUT - R_RINGS_MIN - gap * (len(rings) - 1) - band * len(rings)
    lane = min(MAX_LANE, max(space, 1.0) / sum(lanes))
    bands = []
    r_out = R_RINGS_OUT
    for ring, count in reversed(list(zip(rings, lanes, strict=True))):
        r_in = r_out - band - count * lane
        bands.append(RingBand(ring.key, ring.label, r_in, r_out, lane, count, band))
        r_out = r_in - gap
    return list(reversed(bands))


def activity_angles(activity: WheelActivity, year: int) -> tuple[float, float]:
    """The arc of an activity: from the start of its first day to the end of its last."""
    return angle_of(activity.start, year), angle_of(activity.end + timedelta(days=1), year)


class _Svg:
    """Collects the markup; ids are generated, never taken from user text."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.defs: list[str] = []
        self._ids = 0

    def add(self, markup: str) -> None:
        self.parts.append(markup)

    def new_id(self, prefix: str) -> str:
        self._ids += 1
        return f"{prefix}{self._ids}"

    def text_on_arc(
        self,
        radius: float,
        a0: float,
        a1: float,
        text: str,
        *,
        size: float,
        fill: str,
        weight: str = "normal",
        css: str = "",
    ) -> None:
        """`text` centred along the arc a0→a1 at `radius`, upright on either half."""
        mid = (a0 + a1) / 2
        if _upright(mid):
            path = circle_path(radius - size * 0.35, a0, a1)
        else:
            path = circle_path(radius + size * 0.35, a1, a0)
        ref = self.new_id("p")
        self.defs.append(f'<path id="{ref}" d="{path}"/>')
        self.add(
            f'<text font-size="{size:.1f}" fill="{fill}" font-weight="{weight}"'
            f"{f' class={attr(css)}' if css else ''}>"
            f'<textPath href="#{ref}" startOffset="50%" text-anchor="middle">{esc(text)}'
            "</textPath></text>"
        )

    def markup(self) -> str:
        return "\n".join(self.parts)


def render_svg(wheel: WheelYear) -> str:
    """The wheel of `wheel.year` as an SVG document (a string)."""
    tr = Translator(wheel.language)
    fmt = Formatter(wheel.language)
    svg = _Svg()
    _header(svg, wheel, tr, fmt)
    _months(svg, wheel)
    _weeks(svg, wheel, tr, fmt)
    bands = layout_rings(wheel)
    _rings(svg, wheel, bands, tr, fmt)
    _today(svg, wheel, bands, tr, fmt)
    _centre(svg, wheel, bands, tr)
    _legend(svg, wheel, tr, fmt)
    title = tr("wheel.title", year=wheel.year)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="210mm" height="297mm"'
        f' viewBox="0 0 {WIDTH} {HEIGHT}" font-family={attr(FONT)}'
        f' data-year="{wheel.year}" data-ring-by={attr(wheel.ring_by)}>\n'
        f"<title>{esc(title)}</title>\n"
        f"<desc>{esc(summary_line(wheel, tr))}</desc>\n"
        f"<style>{PRINT_CSS}</style>\n"
        f"<defs>\n{chr(10).join(svg.defs)}\n</defs>\n"
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#FFFFFF"/>\n'
        f"{svg.markup()}\n</svg>\n"
    )


def summary_line(wheel: WheelYear, tr: Translator) -> str:
    """One line: what is on the wheel and what was left out."""
    line = tr(
        "wheel.summary",
        year=wheel.year,
        activities=len(wheel.activities),
        plans=wheel.plans,
    )
    if wheel.left_out:
        line += " " + tr(
            "wheel.left_out", outside=wheel.outside, undated=wheel.undated, year=wheel.year
        )
    return line


def _header(svg: _Svg, wheel: WheelYear, tr: Translator, fmt: Formatter) -> None:
    svg.add(
        f'<text x="{CX}" y="62" font-size="34" font-weight="bold" fill="{INK}"'
        f' text-anchor="middle">{esc(tr("wheel.title", year=wheel.year))}</text>'
    )
    subtitle = tr(
        "wheel.svg.subtitle",
        date=fmt.date(wheel.today),
        activities=len(wheel.activities),
        plans=wheel.plans,
        rings=tr(f"wheel.ring_by.{wheel.ring_by}"),
    )
    svg.add(
        f'<text x="{CX}" y="92" font-size="15" fill="{MUTED}" text-anchor="middle">'
        f"{esc(subtitle)}</text>"
    )


def _months(svg: _Svg, wheel: WheelYear) -> None:
    year = wheel.year
    names = month_names(wheel.language)
    svg.add('<g class="months">')
    for month in range(1, 13):
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        a0, a1 = angle_of(first, year), angle_of(following, year)
        fill = MONTH_FILLS[month % 2]
        svg.add(
            f'<path class="month" data-month="{month}" d="{sector(R_MONTH_IN, R_MONTH_OUT, a0, a1)}"'
            f' fill="{fill}" stroke="#FFFFFF" stroke-width="1"/>'
        )
        svg.text_on_arc(
            (R_MONTH_IN + R_MONTH_OUT) / 2,
            a0,
            a1,
            names[month - 1],
            size=15,
            fill="#FFFFFF",
            weight="bold",
        )
    svg.add("</g>")


def _weeks(svg: _Svg, wheel: WheelYear, tr: Translator, fmt: Formatter) -> None:
    year = wheel.year
    first_day, last_day = date(year, 1, 1), date(year, 12, 31)
    svg.add('<g class="weeks">')
    for index, week in enumerate(wheel.weeks):
        start = max(week.monday, first_day)
        end = min(week.sunday, last_day)
        a0, a1 = angle_of(start, year), angle_of(end + timedelta(days=1), year)
        fill = SCHOOL_FILL if week.school else WEEK_FILLS[index % 2]
        tip = [tr("wheel.svg.week", week=week.number, first=fmt.date(start), last=fmt.date(end))]
        if week.school:
            tip.append(tr(f"wheel.school.{week.school}"))
        tip += [f"{fmt.date(day)} {name}" for day, name in week.holidays]
        svg.add(
            f'<path class="week{" school" if week.school else ""}" data-week="{week.number}"'
            f' d="{sector(R_WEEK_IN, R_MONTH_IN, a0, a1)}" fill="{fill}"'
            f' stroke="#FFFFFF" stroke-width="0.8"><title>{esc(chr(10).join(tip))}</title></path>'
        )
        if (end - start).days >= 1:
            x, y = point((R_WEEK_IN + R_MONTH_IN) / 2 + 1, (a0 + a1) / 2)
            svg.add(
                f'<text x="{x:.2f}" y="{y:.2f}" font-size="9.5" fill="{MUTED}"'
                f' text-anchor="middle" dominant-baseline="central">{week.number}</text>'
            )
    for day, name in wheel.holidays:
        x, y = point(R_MONTH_IN - 4.5, angle_of(day, year) + 180.0 / 365)
        svg.add(
            f'<circle class="holiday" data-date="{day.isoformat()}" cx="{x:.2f}" cy="{y:.2f}"'
            f' r="3" fill="{HOLIDAY_DOT}"><title>{esc(f"{fmt.date(day)} {name}")}</title></circle>'
        )
    svg.add("</g>")


def _tooltip(activity: WheelActivity, wheel: WheelYear, tr: Translator, fmt: Formatter) -> str:
    lines = [activity.activity, f"{tr('col.campaign')}: {activity.plan}"]
    if activity.planned_start and activity.deadline:
        lines.append(
            tr(
                "wheel.svg.dates",
                start=fmt.date(activity.planned_start),
                end=fmt.date(activity.deadline),
            )
        )
    elif activity.deadline:
        lines.append(f"{tr('col.deadline')}: {fmt.date(activity.deadline)}")
    else:
        lines.append(f"{tr('col.start')}: {fmt.date(activity.planned_start)}")
    phase = PHASE_LABELS[wheel.language].get(activity.phase, activity.phase)
    status = activity.status or phase
    lines.append(f"{tr('wheel.svg.status')}: {status}" + (f" ({phase})" if status != phase else ""))
    if activity.overdue:
        lines.append(tr("wheel.svg.overdue", days=activity.days_overdue))
    for key, value in (
        ("col.responsible", activity.responsible),
        ("col.channel", activity.channel),
    ):
        if value:
            lines.append(f"{tr(key)}: {value}")
    if activity.clipped_before or activity.clipped_after:
        lines.append(tr("wheel.svg.clipped", year=wheel.year))
    lines.append(f"{activity.file} ({activity.sheet}!{activity.row})")
    return "\n".join(lines)


def _rings(svg: _Svg, wheel: WheelYear, bands: list[RingBand], tr, fmt) -> None:
    rings = {ring.key: ring for ring in wheel.rings}
    for index, band in enumerate(bands):
        ring = rings[band.key]
        svg.add(
            f'<g class="ring" data-ring={attr(band.key)} data-label={attr(band.label)}'
            f' data-lanes="{ring.lanes}">'
        )
        svg.add(
            f'<path class="ring-band" d="{sector(band.r_in, band.r_out, 0, 360)}"'
            f' fill="{RING_FILLS[index % 2]}" stroke="{GRID}" stroke-width="0.6"/>'
        )
        # Where each month begins, faint (quarters a little stronger), under the arcs.
        for month in range(1, 13):
            a = angle_of(date(wheel.year, month, 1), wheel.year)
            x0, y0 = point(band.r_in, a)
            x1, y1 = point(band.r_out, a)
            svg.add(
                f'<line class="month-line" x1="{x0:.2f}" y1="{y0:.2f}" x2="{x1:.2f}"'
                f' y2="{y1:.2f}" stroke="{GRID}" stroke-width="{1.4 if month % 3 == 1 else 0.7}"/>'
            )
        svg.text_on_arc(
            band.label_radius,
            -60,
            60,
            f"{band.label} ({len(ring.activities)})",
            size=band.band * 0.77,
            fill=INK,
            weight="bold",
            css="ring-label",
        )
        for activity in sorted(ring.activities, key=lambda a: (a.lane, a.start)):
            _activity(svg, activity, band, wheel, tr, fmt)
        svg.add("</g>")


def _activity(svg: _Svg, activity: WheelActivity, band: RingBand, wheel, tr, fmt) -> None:
    a0, a1 = activity_angles(activity, wheel.year)
    r_in, r_out = band.lane_radii(activity.lane)
    pad = min(0.9, band.lane * 0.12)
    fill = (
        OVERDUE_COLOUR if activity.overdue else PHASE_STRONG_COLOURS.get(activity.phase, "#888888")
    )
    faded = activity.phase == "cancelled"
    opacity = f' fill-opacity="{CANCELLED_OPACITY}"' if faded else ""
    svg.add(
        f'<g class="activity" data-lane="{activity.lane}" data-phase="{activity.phase}"'
        f' data-start="{activity.start.isoformat()}" data-end="{activity.end.isoformat()}"'
        f' data-overdue="{str(activity.overdue).lower()}">'
        f"<title>{esc(_tooltip(activity, wheel, tr, fmt))}</title>"
        f'<path class="arc" d="{sector(r_in + pad, r_out - pad, a0, a1)}" fill="{fill}"{opacity}'
        ' stroke="#FFFFFF" stroke-width="0.5"/>'
    )
    size = min((r_out - r_in) * 0.62, 11.0)
    radius = (r_in + r_out) / 2
    length = radius * math.radians(a1 - a0) - 6
    limit = int(length / (size * CHAR_WIDTH)) if size >= MIN_LABEL_FONT else 0
    if limit >= 4:
        svg.text_on_arc(
            radius,
            a0,
            a1,
            shorten(activity.activity, limit),
            size=size,
            fill=text_colour(fill, CANCELLED_OPACITY if faded else 1.0),
            css="label",
        )
    svg.add("</g>")


def _today(svg: _Svg, wheel: WheelYear, bands: list[RingBand], tr, fmt) -> None:
    if wheel.today.year != wheel.year:
        return
    angle = angle_of(wheel.today, wheel.year) + 180.0 / 365
    inner = bands[0].r_in - 4 if bands else R_RINGS_MIN
    x0, y0 = point(inner, angle)
    x1, y1 = point(R_MONTH_OUT + 6, angle)
    tip_l, tip_r, tip = (
        point(R_MONTH_OUT + 16, angle - 1.4),
        point(R_MONTH_OUT + 16, angle + 1.4),
        (x1, y1),
    )
    label_x, label_y = point(R_MONTH_OUT + 28, angle)
    anchor = "start" if 5 < angle < 175 else "end" if 185 < angle < 355 else "middle"
    svg.add(
        f'<g class="today" data-date="{wheel.today.isoformat()}">'
        f"<title>{esc(tr('wheel.svg.today', date=fmt.date(wheel.today)))}</title>"
        f'<line x1="{x0:.2f}" y1="{y0:.2f}" x2="{x1:.2f}" y2="{y1:.2f}" stroke="#FFFFFF"'
        ' stroke-width="4.5" stroke-linecap="round"/>'
        f'<line x1="{x0:.2f}" y1="{y0:.2f}" x2="{x1:.2f}" y2="{y1:.2f}" stroke="{TODAY}"'
        ' stroke-width="2.2" stroke-linecap="round"/>'
        f'<path d="M {tip[0]:.2f} {tip[1]:.2f} L {tip_l[0]:.2f} {tip_l[1]:.2f}'
        f' L {tip_r[0]:.2f} {tip_r[1]:.2f} Z" fill="{TODAY}"/>'
        f'<text x="{label_x:.2f}" y="{label_y:.2f}" font-size="13" font-weight="bold"'
        f' fill="{TODAY}" text-anchor="{anchor}" dominant-baseline="central">'
        f"{esc(tr('wheel.svg.today_short', date=f'{wheel.today:%d.%m.}'))}</text></g>"
    )


def _centre(svg: _Svg, wheel: WheelYear, bands: list[RingBand], tr) -> None:
    radius = (bands[0].r_in if bands else R_RINGS_MIN) - 6
    size = max(16.0, min(54.0, radius * 0.55))
    svg.add(
        f'<text x="{CX}" y="{CY:.2f}" font-size="{size:.1f}" font-weight="bold" fill="{INK}"'
        f' text-anchor="middle" dominant-baseline="central">{wheel.year}</text>'
    )
    if wheel.today.year == wheel.year and radius > 40:
        week = wheel.today.isocalendar().week
        svg.add(
            f'<text x="{CX}" y="{CY + size * 0.85:.2f}" font-size="{size * 0.3:.1f}"'
            f' fill="{MUTED}" text-anchor="middle" dominant-baseline="central">'
            f"{esc(tr('wheel.svg.week_now', week=week))}</text>"
        )


def _swatch(x: float, y: float, fill: str, label: str, *, opacity: float = 1.0) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="16" height="12" rx="2" fill="{fill}"'
        f' fill-opacity="{opacity}"/>'
        f'<text x="{x + 22:.1f}" y="{y:.1f}" font-size="13" fill="#262626">{esc(label)}</text>'
    )


def wrap_items(lead: str, items: list[str], width: int, separator: str = " · ") -> list[str]:
    """`lead` and the items joined by `separator`, broken into lines between items."""
    lines = [lead.rstrip()]
    for index, item in enumerate(items):
        piece = item + (separator.rstrip() if index < len(items) - 1 else "")
        if len(lines[-1]) + 1 + len(piece) > width and lines[-1].strip():
            lines.append(piece)
        else:
            lines[-1] = f"{lines[-1]} {piece}".strip()
    return lines


def _legend(svg: _Svg, wheel: WheelYear, tr: Translator, fmt: Formatter) -> None:
    counts = wheel.phase_counts()
    y = 1092.0
    left = 60.0
    svg.add('<g class="legend">')
    items = [
        (
            PHASE_STRONG_COLOURS[p],
            f"{PHASE_LABELS[wheel.language][p]} ({counts.get(p, 0)})",
            CANCELLED_OPACITY if p == "cancelled" else 1.0,
        )
        for p in PHASES
    ]
    if counts.get("unknown"):
        items.append(
            (
                PHASE_STRONG_COLOURS["unknown"],
                f"{PHASE_LABELS[wheel.language]['unknown']} ({counts['unknown']})",
                1.0,
            )
        )
    items.append((OVERDUE_COLOUR, f"{tr('col.overdue')} ({wheel.overdue})", 1.0))
    x = left
    for fill, label, opacity in items:
        svg.add(_swatch(x, y, fill, label, opacity=opacity))
        x += 40 + len(label) * 13 * 0.56
    y += 26
    x = left
    svg.add(
        f'<line x1="{x + 8:.1f}" y1="{y - 12:.1f}" x2="{x + 8:.1f}" y2="{y + 2:.1f}"'
        f' stroke="{TODAY}" stroke-width="2.2"/>'
        f'<text x="{x + 22:.1f}" y="{y:.1f}" font-size="13" fill="#262626">'
        f"{esc(tr('wheel.svg.today', date=fmt.date(wheel.today)))}</text>"
    )
    x += 40 + len(tr("wheel.svg.today", date=fmt.date(wheel.today))) * 13 * 0.56
    svg.add(
        f'<circle cx="{x + 8:.1f}" cy="{y - 4:.1f}" r="3.5" fill="{HOLIDAY_DOT}"/>'
        f'<text x="{x + 22:.1f}" y="{y:.1f}" font-size="13" fill="#262626">'
        f"{esc(tr('wheel.svg.holiday'))}</text>"
    )
    x += 40 + len(tr("wheel.svg.holiday")) * 13 * 0.56
    svg.add(_swatch(x, y, SCHOOL_FILL, tr("wheel.svg.school")))
    y += 26
    items = [f"{ring.label} ({len(ring.activities)})" for ring in wheel.rings]
    for line in wrap_items(tr("wheel.svg.rings", rings=""), items, 118)[:4]:
        svg.add(f'<text x="{left}" y="{y:.1f}" font-size="13" fill="#262626">{esc(line)}</text>')
        y += 19
    y += 3
    svg.add(
        f'<text x="{left}" y="{y:.1f}" font-size="13" fill="{MUTED}">'
        f"{esc(summary_line(wheel, tr))}</text>"
    )
    y += 34
    svg.add(
        f'<text x="{left}" y="{y:.1f}" font-size="14" font-weight="bold" fill="{INK}">'
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
            f' fill="#262626">{esc(entry)}</text>'
        )
    y += per_column * 17 + 16
    _overdue_list(svg, wheel, tr, left, y)
    svg.add(
        f'<text x="{WIDTH - 40}" y="{HEIGHT - 12}" font-size="10" fill="{MUTED}"'
        f' text-anchor="end">{esc(tr("wheel.svg.footer"))}</text>'
    )
    svg.add("</g>")


def _overdue_list(svg: _Svg, wheel: WheelYear, tr: Translator, left: float, y: float) -> None:
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
                f'<text x="{x:.1f}" y="{top:.1f}" font-size="12" fill="#262626"{weight}>'
                f"{esc(shorten(name, 34))}</text>"
                f'<text x="{x + 245:.1f}" y="{top:.1f}" font-size="12" fill="#262626"{weight}>'
                f"{esc(shorten(plan, 22))}</text>"
                f'<text x="{x + 425:.1f}" y="{top:.1f}" font-size="12" fill="#262626"'
                f' text-anchor="end"{weight}>{esc(days)}</text>'
            )
