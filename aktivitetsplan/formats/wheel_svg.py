"""The year's wheel as one self-contained SVG, sized for an A4 page.

January starts at twelve o'clock and the year runs clockwise at an even pace.
From the outside in: months, ISO weeks (school holidays shaded, public holidays
as red dots), then one ring per group (type, channel or person) with an arc per
activity from its start to its end, coloured by phase (overdue in red).
Overlapping activities sit in separate lanes of their ring. Every arc carries a
`<title>` tooltip with the full name, dates and status (a printout has no tooltips).
A label is drawn along the arc in the largest font that fits, down to a floor, and
shortened with an ellipsis only while enough of the name is left; an arc too short
for that gets a number, and the number's name stands in the key in the page's
corners (`wheel_geometry.plan_labels`). Every text is measured (`text_width`) and
kept inside the page, the today marker's label too.

All user text is escaped (`svg.esc`), and characters XML cannot hold are dropped,
so an activity named `<script>` is only ever text. The page's geometry is in
`wheel_geometry`, the text below the wheel in `wheel_legend`, colours in `plan.palette`.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from ..compute.wheel import WheelActivity, WheelYear, angle_of
from ..i18n import Translator
from ..i18n.fmt import Formatter
from ..plan.palette import (
    GREY_TEXT,
    HOLIDAY,
    MONTH_SHADES,
    NAVY,
    NO_PHASE,
    OVERDUE_COLOUR,
    PHASE_STRONG_COLOURS,
    RING_SHADES,
    SCHOOL_WEEK,
    SVG_WEEK_SHADES,
    TODAY,
    WHEEL_GRID,
    WHITE,
)
from ..plan.schema import PHASE_LABELS
from .svg import attr, esc, shorten
from .wheel_geometry import (
    CANCELLED_OPACITY,
    CX,
    CY,
    HEIGHT,
    KEY_BOXES,
    KEY_CAPACITY,
    LABEL_PAD,
    R_MONTH_IN,
    R_MONTH_OUT,
    R_RINGS_MIN,
    R_WEEK_IN,
    WIDTH,
    Canvas,
    LabelPlan,
    RingBand,
    activity_angles,
    activity_id,
    fit_text,
    layout_rings,
    place_today_label,
    plan_labels,
    point,
    sector,
    text_colour,
    text_width,
)
from .wheel_legend import arc_key, legend, marker_keys, summary_line

__all__ = ["CX", "CY", "render_svg", "shorten", "summary_line"]

FONT = "'Segoe UI', Arial, Helvetica, 'Liberation Sans', 'DejaVu Sans', sans-serif"
# Printed from a browser, the file is one A4 page (its size is the page's).
PRINT_CSS = "@page { size: A4 portrait; margin: 0 }"


def render_svg(wheel: WheelYear) -> str:
    """The wheel of `wheel.year` as an SVG document (a string).

    Its words and dates come from the settings the wheel was built with (`settings.tr`,
    `settings.fmt`): the one translator and formatter of the run, not new ones.
    """
    tr, fmt = wheel.settings.tr, wheel.settings.fmt
    svg = Canvas()
    _header(svg, wheel, tr, fmt)
    _months(svg, wheel, fmt)
    _weeks(svg, wheel, tr, fmt)
    bands = layout_rings(wheel)
    labels = plan_labels(wheel, bands, KEY_CAPACITY)
    _rings(svg, wheel, bands, labels, tr, fmt)
    used = arc_key(svg, labels, tr)
    _today(svg, wheel, bands, KEY_BOXES[:used], tr, fmt)
    _centre(svg, wheel, bands, tr)
    legend(svg, wheel, tr, fmt)
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
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{WHITE}"/>\n'
        f"{svg.markup()}\n</svg>\n"
    )


def _header(svg: Canvas, wheel: WheelYear, tr: Translator, fmt: Formatter) -> None:
    svg.add(
        f'<text x="{CX}" y="62" font-size="34" font-weight="bold" fill="{NAVY}"'
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
        f'<text x="{CX}" y="92" font-size="15" fill="{GREY_TEXT}" text-anchor="middle">'
        f"{esc(subtitle)}</text>"
    )


def _months(svg: Canvas, wheel: WheelYear, fmt: Formatter) -> None:
    year = wheel.year
    names = fmt.month_names()
    svg.add('<g class="months">')
    for month in range(1, 13):
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        a0, a1 = angle_of(first, year), angle_of(following, year)
        fill = MONTH_SHADES[month % 2]
        svg.add(
            f'<path class="month" data-month="{month}" d="{sector(R_MONTH_IN, R_MONTH_OUT, a0, a1)}"'
            f' fill="{fill}" stroke="{WHITE}" stroke-width="1"/>'
        )
        radius = (R_MONTH_IN + R_MONTH_OUT) / 2
        room = radius * math.radians(a1 - a0) - LABEL_PAD
        svg.text_on_arc(
            radius,
            a0,
            a1,
            fit_text(names[month - 1], room, 15, bold=True),
            size=15,
            fill=WHITE,
            weight="bold",
        )
    svg.add("</g>")


def _weeks(svg: Canvas, wheel: WheelYear, tr: Translator, fmt: Formatter) -> None:
    year = wheel.year
    first_day, last_day = date(year, 1, 1), date(year, 12, 31)
    svg.add('<g class="weeks">')
    for index, week in enumerate(wheel.weeks):
        start = max(week.monday, first_day)
        end = min(week.sunday, last_day)
        a0, a1 = angle_of(start, year), angle_of(end + timedelta(days=1), year)
        fill = SCHOOL_WEEK if week.school else SVG_WEEK_SHADES[index % 2]
        tip = [tr("wheel.svg.week", week=week.number, first=fmt.date(start), last=fmt.date(end))]
        if week.school:
            tip.append(tr(f"wheel.school.{week.school}"))
        tip += [f"{fmt.date(day)} {name}" for day, name in week.holidays]
        svg.add(
            f'<path class="week{" school" if week.school else ""}" data-week="{week.number}"'
            f' d="{sector(R_WEEK_IN, R_MONTH_IN, a0, a1)}" fill="{fill}"'
            f' stroke="{WHITE}" stroke-width="0.8"><title>{esc(chr(10).join(tip))}</title></path>'
        )
        if (end - start).days >= 1:
            x, y = point((R_WEEK_IN + R_MONTH_IN) / 2 + 1, (a0 + a1) / 2)
            svg.add(
                f'<text x="{x:.2f}" y="{y:.2f}" font-size="9.5" fill="{GREY_TEXT}"'
                f' text-anchor="middle" dominant-baseline="central">{week.number}</text>'
            )
    for day, name in wheel.holidays:
        x, y = point(R_MONTH_IN - 4.5, angle_of(day, year) + 180.0 / 365)
        svg.add(
            f'<circle class="holiday" data-date="{day.isoformat()}" cx="{x:.2f}" cy="{y:.2f}"'
            f' r="3" fill="{HOLIDAY}"><title>{esc(f"{fmt.date(day)} {name}")}</title></circle>'
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
    phase = PHASE_LABELS[wheel.settings.language].get(activity.phase, activity.phase)
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


def _rings(
    svg: Canvas, wheel: WheelYear, bands: list[RingBand], labels: LabelPlan, tr, fmt
) -> None:
    rings = {ring.key: ring for ring in wheel.rings}
    for index, band in enumerate(bands):
        ring = rings[band.key]
        svg.add(
            f'<g class="ring" data-ring={attr(band.key)} data-label={attr(band.label)}'
            f' data-lanes="{ring.lanes}">'
        )
        svg.add(
            f'<path class="ring-band" d="{sector(band.r_in, band.r_out, 0, 360)}"'
            f' fill="{RING_SHADES[index % 2]}" stroke="{WHEEL_GRID}" stroke-width="0.6"/>'
        )
        # Where each month begins, faint (quarters a little stronger), under the arcs.
        for month in range(1, 13):
            a = angle_of(date(wheel.year, month, 1), wheel.year)
            x0, y0 = point(band.r_in, a)
            x1, y1 = point(band.r_out, a)
            svg.add(
                f'<line class="month-line" x1="{x0:.2f}" y1="{y0:.2f}" x2="{x1:.2f}"'
                f' y2="{y1:.2f}" stroke="{WHEEL_GRID}" stroke-width="{1.4 if month % 3 == 1 else 0.7}"/>'
            )
        size = band.band * 0.77
        room = band.label_radius * math.radians(120) - LABEL_PAD
        svg.text_on_arc(
            band.label_radius,
            -60,
            60,
            fit_text(f"{band.label} ({len(ring.activities)})", room, size, bold=True),
            size=size,
            fill=NAVY,
            weight="bold",
            css="ring-label",
        )
        for activity in sorted(ring.activities, key=lambda a: (a.lane, a.start)):
            _activity(svg, activity, band, wheel, labels, tr, fmt)
        svg.add("</g>")


def _activity(
    svg: Canvas, activity: WheelActivity, band: RingBand, wheel, labels: LabelPlan, tr, fmt
) -> None:
    a0, a1 = activity_angles(activity, wheel.year)
    r_in, r_out = band.lane_radii(activity.lane)
    pad = min(0.9, band.lane * 0.12)
    fill = (
        OVERDUE_COLOUR if activity.overdue else PHASE_STRONG_COLOURS.get(activity.phase, NO_PHASE)
    )
    faded = activity.phase == "cancelled"
    opacity = f' fill-opacity="{CANCELLED_OPACITY}"' if faded else ""
    svg.add(
        f'<g class="activity" data-lane="{activity.lane}" data-phase="{activity.phase}"'
        f' data-start="{activity.start.isoformat()}" data-end="{activity.end.isoformat()}"'
        f' data-overdue="{str(activity.overdue).lower()}">'
        f"<title>{esc(_tooltip(activity, wheel, tr, fmt))}</title>"
        f'<path class="arc" d="{sector(r_in + pad, r_out - pad, a0, a1)}" fill="{fill}"{opacity}'
        f' stroke="{WHITE}" stroke-width="0.5"/>'
    )
    label = labels.labels.get(activity_id(activity))
    if label:
        svg.text_on_arc(
            (r_in + r_out) / 2,
            a0,
            a1,
            label.text,
            size=label.size,
            fill=text_colour(fill, CANCELLED_OPACITY if faded else 1.0),
            weight="bold" if label.number else "normal",
            css="label key-number" if label.number else "label",
        )
    svg.add("</g>")


def _today(svg: Canvas, wheel: WheelYear, bands: list[RingBand], avoid, tr, fmt) -> None:
    """The marker at the report date: «I dag» only when that is today's date, else
    «Per 15.04.» (a report dated with `--dato` is as of that day, not today)."""
    if wheel.today.year != wheel.year:
        return
    long_key, short_key = marker_keys(wheel)
    label = tr(short_key, date=fmt.short_date(wheel.today, wheel.year))
    angle = angle_of(wheel.today, wheel.year) + 180.0 / 365
    inner = bands[0].r_in - 4 if bands else R_RINGS_MIN
    x0, y0 = point(inner, angle)
    x1, y1 = point(R_MONTH_OUT + 6, angle)
    tip_l, tip_r, tip = (
        point(R_MONTH_OUT + 16, angle - 1.4),
        point(R_MONTH_OUT + 16, angle + 1.4),
        (x1, y1),
    )
    size = 13.0
    placed = place_today_label(angle, text_width(label, size, bold=True), size, list(avoid))
    turn = (
        f' transform="rotate({placed.rotate:.2f} {placed.x:.2f} {placed.y:.2f})"'
        if placed.rotate
        else ""
    )
    svg.add(
        f'<g class="today" data-date="{wheel.today.isoformat()}">'
        f"<title>{esc(tr(long_key, date=fmt.date(wheel.today)))}</title>"
        f'<line x1="{x0:.2f}" y1="{y0:.2f}" x2="{x1:.2f}" y2="{y1:.2f}" stroke="{WHITE}"'
        ' stroke-width="4.5" stroke-linecap="round"/>'
        f'<line x1="{x0:.2f}" y1="{y0:.2f}" x2="{x1:.2f}" y2="{y1:.2f}" stroke="{TODAY}"'
        ' stroke-width="2.2" stroke-linecap="round"/>'
        f'<path d="M {tip[0]:.2f} {tip[1]:.2f} L {tip_l[0]:.2f} {tip_l[1]:.2f}'
        f' L {tip_r[0]:.2f} {tip_r[1]:.2f} Z" fill="{TODAY}"/>'
        f'<text x="{placed.x:.2f}" y="{placed.y:.2f}" font-size="{size:g}" font-weight="bold"'
        f' fill="{TODAY}" text-anchor="{placed.anchor}" dominant-baseline="central"{turn}>'
        f"{esc(label)}</text></g>"
    )


def _centre(svg: Canvas, wheel: WheelYear, bands: list[RingBand], tr) -> None:
    radius = (bands[0].r_in if bands else R_RINGS_MIN) - 6
    size = max(16.0, min(54.0, radius * 0.55))
    svg.add(
        f'<text x="{CX}" y="{CY:.2f}" font-size="{size:.1f}" font-weight="bold" fill="{NAVY}"'
        f' text-anchor="middle" dominant-baseline="central">{wheel.year}</text>'
    )
    if wheel.today.year == wheel.year and radius > 40:
        week = wheel.today.isocalendar().week
        svg.add(
            f'<text x="{CX}" y="{CY + size * 0.85:.2f}" font-size="{size * 0.3:.1f}"'
            f' fill="{GREY_TEXT}" text-anchor="middle" dominant-baseline="central">'
            f"{esc(tr('wheel.svg.week_now', week=week))}</text>"
        )
