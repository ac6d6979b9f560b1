"""The wheel on paper: every text inside the page for a date in any month, the date
marker's words, readable labels in a crowded year, and a PNG that holds the whole page.

Text boxes are estimated with `text_width` (an upper bound of DejaVu Sans, checked
here against resvg's rendering) and placed from the SVG itself: its anchors,
rotations and the arcs its labels run along.
"""

from __future__ import annotations

import math
import re
import struct
from datetime import date, timedelta
from itertools import combinations, pairwise
from xml.etree import ElementTree

import pytest
from test_arshjul_svg import png_pixels

from aktivitetsplan.compute.wheel import build_year
from aktivitetsplan.formats.wheel import svg_to_png
from aktivitetsplan.formats.wheel_geometry import (
    ASCENT,
    CX,
    CY,
    DESCENT,
    MIN_LABEL_CHARS,
    MIN_LABEL_FONT,
    text_width,
)
from aktivitetsplan.formats.wheel_svg import render_svg
from aktivitetsplan.plan.model import Plan
from aktivitetsplan.plan.table import TABLE_COLUMNS, Table
from aktivitetsplan.settings import Settings

SVG = "{http://www.w3.org/2000/svg}"
TYPES = ("program", "campaign", "campaign", "experiment")
PHASES = ("todo", "in_production", "distributed", "cancelled")
NAMES = ("Invitasjoner til kundekveld", "Pressemelding om lansering", "Nyhetsbrev",
         "Webinar: prediktivt vedlikehold", "Kundecase", "LinkedIn-annonser for messen")  # fmt: skip


def plans_of(rows_per_plan: list[list[dict]]) -> list[Plan]:
    """Plans as `build_year` reads them (a typed table per plan), without writing workbooks."""
    return [
        Plan(
            file=f"plan{n}.xlsx",
            sheet="Aktivitetsplan",
            campaign={"name": f"Plan {n}"},
            table=Table.from_lists({key: [r.get(key) for r in rows] for key in TABLE_COLUMNS}),
        )
        for n, rows in enumerate(rows_per_plan)
    ]


def row(i: int, name: str, start: date, days: int, kind: str) -> dict:
    return {"row": i + 2, "activity": name, "type": kind, "channel": None, "responsible": None,
            "start": start, "deadline": start + timedelta(days=days), "status": None,
            "phase": PHASES[i % 4]}  # fmt: skip


def crowded_year() -> list[Plan]:
    """224 activities of one to three weeks over 2026, and a November with 40 more."""
    plans = []
    for plan in range(4):
        rows = []
        for i in range(46):
            start = date(2026, 1, 1) + timedelta(days=(i * 53 + plan * 17) % 350)
            name = f"{NAMES[(i + plan) % len(NAMES)]} {plan}-{i}"
            rows.append(row(i, name, start, 6 + (i * 5) % 15, TYPES[(i + plan) % 4]))
        for i in range(46, 56):
            start = date(2026, 11, 2) + timedelta(days=(i * 3 + plan) % 24)
            rows.append(row(i, f"{NAMES[i % len(NAMES)]} nov {plan}-{i}", start, 5, TYPES[i % 4]))
        plans.append(rows)
    return plans_of(plans)


def wheel_svg(plans, today: date, language: str = "nb") -> ElementTree.Element:
    wheel = build_year(plans, Settings(language=language, report_date=today), year=2026)
    return ElementTree.fromstring(render_svg(wheel).encode("utf-8"))


# --- reading the boxes back from the SVG ---------------------------------------------------


def content(text: ElementTree.Element) -> str:
    return "".join(text.itertext())


def plain_box(text: ElementTree.Element) -> tuple[float, float, float, float]:
    """The box of a `<text x y>`: its anchor, baseline (alphabetic or central), rotation."""
    size = float(text.get("font-size"))
    bold = text.get("font-weight") == "bold"
    width = text_width(content(text), size, bold=bold)
    x, y = float(text.get("x")), float(text.get("y"))
    left = {"start": 0.0, "middle": -width / 2, "end": -width}[text.get("text-anchor", "start")]
    if text.get("dominant-baseline") == "central":
        top, bottom = -size * (ASCENT + DESCENT) / 2, size * (ASCENT + DESCENT) / 2
    else:
        top, bottom = -size * ASCENT, size * DESCENT
    turn = 0.0
    if text.get("transform"):
        found = re.fullmatch(r"rotate\(([-\d.]+) ([-\d.]+) ([-\d.]+)\)", text.get("transform"))
        turn = math.radians(float(found[1]))
        assert (float(found[2]), float(found[3])) == (x, y)
    corners = [
        (
            x + dx * math.cos(turn) - dy * math.sin(turn),
            y + dx * math.sin(turn) + dy * math.cos(turn),
        )
        for dx in (left, left + width)
        for dy in (top, bottom)
    ]
    return (min(c[0] for c in corners), min(c[1] for c in corners),
            max(c[0] for c in corners), max(c[1] for c in corners))  # fmt: skip


def arc_span(root: ElementTree.Element, text: ElementTree.Element):
    """A label along an arc: (radius, path length, first and last angle it covers, size)."""
    paths = {p.get("id"): p.get("d") for p in root.iter(f"{SVG}path") if p.get("id")}
    text_path = text.find(f"{SVG}textPath")
    d = paths[text_path.get("href").lstrip("#")]
    numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
    x0, y0, radius = numbers[0], numbers[1], numbers[2]
    ends = [(x0, y0)] + [(numbers[i + 5], numbers[i + 6]) for i in range(2, len(numbers), 7)]
    angles = [math.degrees(math.atan2(x - CX, CY - y)) for x, y in ends]
    sweep = sum(((b - a + 180) % 360) - 180 for a, b in pairwise(angles))
    length = radius * math.radians(abs(sweep))
    size = float(text.get("font-size"))
    width = text_width(content(text), size, bold=text.get("font-weight") == "bold")
    middle = angles[0] + sweep / 2
    half = math.degrees(width / 2 / radius)
    return radius, length, width, (middle - half) % 360, 2 * half, size, sweep > 0


# --- 1. nothing cut off ------------------------------------------------------------------------

DATES = [date(2026, m, 15) for m in range(1, 13)]
DATES += [date(2026, 1, 1), date(2026, 1, 31), date(2026, 12, 1), date(2026, 12, 31)]


@pytest.mark.parametrize("today", DATES, ids=str)
def test_every_text_stays_inside_the_page(today):
    root = wheel_svg(crowded_year(), today)
    _x, _y, width, height = (float(v) for v in root.get("viewBox").split())
    plain = [t for t in root.iter(f"{SVG}text") if t.get("x") is not None]
    assert len(plain) > 60
    for text in plain:
        x0, y0, x1, y1 = plain_box(text)
        assert min(x0, y0) >= 0 and x1 <= width and y1 <= height, (content(text), today)
    on_arcs = [t for t in root.iter(f"{SVG}text") if t.find(f"{SVG}textPath") is not None]
    for text in on_arcs:  # text past the end of its path is not drawn: it must fit
        radius, length, label, _start, _span, size, _up = arc_span(root, text)
        assert label <= length + 0.01, content(text)
        assert CX - radius - size >= 0 and CX + radius + size <= width
    (marker,) = [g for g in root.iter(f"{SVG}g") if g.get("class") == "today"]
    label = marker.find(f"{SVG}text")
    box = plain_box(label)
    assert box[0] >= 8 and box[2] <= width - 8, "the marker's label keeps off the edge"
    for other in plain:  # …and off the title, the legend and the key
        if other is not label:
            o = plain_box(other)
            assert not (box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3]), (
                content(other)
            )


def test_the_estimate_is_never_short_of_dejavu_sans():
    """`text_width` against resvg's rendering of DejaVu Sans: at least the ink, not far more."""
    for sample in ("Invitasjoner til kundekveld", "WWMM mmww ÆØÅ", "1234567890", "iiil.,:;",
                   "Per 15.04.", "As of 15.04.", "Kampanje (19)"):  # fmt: skip
        for bold in (False, True):
            svg = (
                '<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="80">'
                '<rect width="1600" height="80" fill="#ffffff"/>'
                f'<text x="10" y="55" font-family="DejaVu Sans" font-size="40"'
                f' font-weight="{"bold" if bold else "normal"}">{sample}</text></svg>'
            )
            rows = png_pixels(svg_to_png(svg, dpi=96.0))
            inked = [x for r in rows for x in range(len(r) // 4) if r[x * 4] < 128]
            ink = max(inked) - min(inked)
            estimate = text_width(sample, 40, bold=bold)
            assert ink <= estimate, (sample, bold, ink, estimate)
            assert estimate <= ink * 1.45 + 40, (sample, bold, ink, estimate)


# --- 2. «I dag» only today --------------------------------------------------------------------


def marker_text(root: ElementTree.Element) -> tuple[str, str]:
    (marker,) = [g for g in root.iter(f"{SVG}g") if g.get("class") == "today"]
    return content(marker.find(f"{SVG}text")), marker.find(f"{SVG}title").text


def test_the_marker_says_today_only_on_the_day():
    today = date.today()
    plans = plans_of([[row(0, "Nyhetsbrev", date(today.year, 1, 5), 10, "campaign")]])
    wheel = build_year(plans, Settings(report_date=today), year=today.year)
    root = ElementTree.fromstring(render_svg(wheel).encode("utf-8"))
    assert marker_text(root) == (f"I dag {today:%d.%m.}", f"I dag ({today:%d.%m.%Y})")
    assert f"I dag ({today:%d.%m.%Y})" in "".join(root.find(f"{SVG}g[@class='legend']").itertext())
    past = wheel_svg(crowded_year(), date(2026, 4, 15))
    assert marker_text(past) == ("Per 15.04.", "Rapportdato (15.04.2026)")
    assert "I dag" not in ElementTree.tostring(past, encoding="unicode")
    english = wheel_svg(crowded_year(), date(2026, 4, 15), "en")
    assert marker_text(english)[0] == "As of 15.04."


# --- 3. a crowded year ------------------------------------------------------------------------


def test_a_crowded_year_keeps_its_labels_apart_and_readable():
    """No two labels overlap (their boxes in the frame of the ring they are drawn in: the
    angles they cover × the radii of their font), and a name is shortened to fewer than
    MIN_LABEL_CHARS characters only as a number listed in the key."""
    plans = crowded_year()
    root = wheel_svg(plans, date(2026, 11, 15))
    named = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "activity":
            named[group.find(f"{SVG}title").text.splitlines()[0]] = group
    assert len(named) >= 200
    key = {}
    for text in root.iter(f"{SVG}text"):
        if text.find(f"{SVG}tspan") is not None:
            number = text.find(f"{SVG}tspan").text
            key[number] = content(text)[len(number) + 1 :]
    boxes, whole, numbered, bare = [], 0, 0, 0
    for name, group in named.items():
        text = group.find(f"{SVG}text")
        if text is None:
            bare += 1
            continue
        label = content(text)
        radius, _length, _width, start, span, size, up = arc_span(root, text)
        assert size >= MIN_LABEL_FONT
        # Clockwise, the glyphs stand outwards from their path; the other way, inwards.
        below, above = (DESCENT, ASCENT) if up else (ASCENT, DESCENT)
        boxes.append((start, span, radius - size * below, radius + size * above, label))
        if label == name:
            whole += 1
        elif label.isdigit():
            numbered += 1
            assert key[label] == name or (
                key[label].endswith("…") and name.startswith(key[label][:-1])
            )
        else:
            assert label.endswith("…") and name.startswith(label[:-1])
            assert len(label) >= MIN_LABEL_CHARS, label
    # Most arcs carry a name or a number; the rest sit in lanes thinner than the floor font.
    assert len(named) - bare >= len(named) // 2 and whole and numbered, (whole, numbered, bare)
    if bare:
        assert f"+{bare} uten navn" in " ".join(key.values()) + " ".join(
            content(t) for t in root.iter(f"{SVG}text")
        )
    for a, b in combinations(boxes, 2):
        radial = a[2] < b[3] and b[2] < a[3]
        gap = (b[0] - a[0]) % 360
        angular = gap < a[1] or (360 - gap) < b[1]
        assert not (radial and angular), (a[4], b[4])


# --- 4. the PNG --------------------------------------------------------------------------------


@pytest.mark.parametrize("dpi", [96.0, 200.0])
def test_the_png_is_the_whole_page_with_nothing_at_its_edges(dpi):
    wheel = build_year(crowded_year(), Settings(report_date=date(2026, 4, 15)), year=2026)
    png = svg_to_png(render_svg(wheel), dpi=dpi)
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (round(210 / 25.4 * dpi), round(297 / 25.4 * dpi))
    rows = png_pixels(png)
    edge = max(2, int(dpi / 25.4))  # a millimetre round the page is blank: nothing cut there
    border = [r[: edge * 4] + r[-edge * 4 :] for r in rows] + rows[:edge] + rows[-edge:]
    # White (the page's last pixel is partly covered, so its alpha is not checked).
    assert all(value == 255 for line in border for i, value in enumerate(line) if i % 4 != 3)
