"""The SVG wheel: valid XML, one arc per activity in its ring, angles that match
the dates, lanes that keep overlapping activities apart, and user text as text.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import struct
import subprocess
import zlib
from datetime import date
from itertools import pairwise
from pathlib import Path
from xml.etree import ElementTree

import pytest
from test_arshjul import FORMULA, SCRIPT, TODAY, wheel_of, write_plan

from aktivitetsplan.formats.wheel_svg import CX, CY, render_svg, shorten
from aktivitetsplan.plan.schema import OVERDUE_COLOUR, PHASE_STRONG_COLOURS

SVG = "{http://www.w3.org/2000/svg}"
NUMBER = r"-?\d+(?:\.\d+)?"


@pytest.fixture
def year_plans(tmp_path: Path) -> Path:
    from test_arshjul import AUTUMN, SPRING

    folder = tmp_path / "planer"
    folder.mkdir()
    write_plan(folder / "var.xlsx", SPRING, "Vårkampanje")
    write_plan(folder / "host.xlsx", AUTUMN, "Høstmesse")
    return folder


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg.encode("utf-8"))


def rings(root: ElementTree.Element) -> dict[str, ElementTree.Element]:
    return {g.get("data-ring"): g for g in root.iter(f"{SVG}g") if g.get("class") == "ring"}


def activities(ring: ElementTree.Element) -> list[ElementTree.Element]:
    return [g for g in ring.iter(f"{SVG}g") if g.get("class") == "activity"]


def title(element: ElementTree.Element) -> str:
    return element.find(f"{SVG}title").text


def arc_of(activity: ElementTree.Element) -> ElementTree.Element:
    return next(p for p in activity.iter(f"{SVG}path") if p.get("class") == "arc")


def angle(x: float, y: float) -> float:
    """Degrees clockwise from twelve o'clock around the wheel's centre."""
    return math.degrees(math.atan2(x - CX, CY - y)) % 360


def arc_geometry(path: ElementTree.Element) -> tuple[float, float, float, float]:
    """(start angle, end angle, outer radius, inner radius) of an annular sector path."""
    d = path.get("d")
    move = re.match(rf"M ({NUMBER}) ({NUMBER})", d)
    line = re.search(rf"L ({NUMBER}) ({NUMBER})", d)
    x0, y0 = float(move[1]), float(move[2])
    x1, y1 = float(line[1]), float(line[2])
    return (
        angle(x0, y0),
        angle(x1, y1),
        math.hypot(x0 - CX, y0 - CY),
        math.hypot(x1 - CX, y1 - CY),
    )


def by_name(root: ElementTree.Element) -> dict[str, ElementTree.Element]:
    return {title(g).splitlines()[0]: g for ring in rings(root).values() for g in activities(ring)}


def test_the_svg_is_an_a4_page(year_plans):
    svg = render_svg(wheel_of(year_plans))
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert (root.get("width"), root.get("height")) == ("210mm", "297mm")
    assert root.get("viewBox") == "0 0 1000 1414"
    assert root.find(f"{SVG}title").text == "Årshjul 2026"
    # Self-contained: no scripts, images or links to anything outside the file.
    tags = {e.tag.removeprefix(SVG) for e in root.iter()}
    assert not tags & {"script", "image", "foreignObject", "a"}
    assert [e.text for e in root.iter(f"{SVG}style")] == ["@page { size: A4 portrait; margin: 0 }"]
    hrefs = [e.get("href") for e in root.iter() if e.get("href")]
    assert hrefs and all(h.startswith("#") for h in hrefs)
    assert "url(" not in svg


def test_one_arc_per_activity_in_its_ring(year_plans):
    root = parse(render_svg(wheel_of(year_plans)))
    found = rings(root)
    assert list(found) == ["program", "campaign", "experiment", "hendelse"]
    assert {key: len(activities(g)) for key, g in found.items()} == {
        "program": 1,
        "campaign": 6,
        "experiment": 2,
        "hendelse": 1,
    }
    assert [g.get("data-label") for g in found.values()] == [
        "Program",
        "Kampanje",
        "Eksperiment",
        "Hendelse",
    ]
    # Twelve months, every week touching the year, every holiday.
    months = [p for p in root.iter(f"{SVG}path") if p.get("class") == "month"]
    weeks = [p for p in root.iter(f"{SVG}path") if (p.get("class") or "").startswith("week")]
    holidays = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "holiday"]
    assert len(months) == 12 and len(weeks) == 53 and len(holidays) == 12


@pytest.mark.parametrize(
    ("name", "start", "end"),
    [
        ("Landingsside", date(2026, 3, 1), date(2026, 4, 1)),
        ("Podkast", date(2026, 5, 18), date(2026, 5, 25)),  # only a Frist: its week
        ("Julekampanje", date(2026, 12, 1), date(2027, 1, 1)),  # clipped at 31.12.
        ("Nyhetsbrev", date(2026, 1, 5), date(2026, 12, 19)),
    ],
)
def test_arc_angles_match_the_dates(year_plans, name, start, end):
    root = parse(render_svg(wheel_of(year_plans)))
    a0, a1, _outer, _inner = arc_geometry(arc_of(by_name(root)[name]))
    expected0 = (start - date(2026, 1, 1)).days / 365 * 360
    expected1 = (end - date(2026, 1, 1)).days / 365 * 360 % 360
    assert a0 == pytest.approx(expected0, abs=0.01)
    assert a1 == pytest.approx(expected1, abs=0.01)


def test_lanes_keep_overlapping_activities_apart(year_plans):
    root = parse(render_svg(wheel_of(year_plans)))
    named = by_name(root)
    pairs = [("Landingsside", "LinkedIn-annonser"), ("Stand", "Invitasjoner")]
    for first, second in pairs:
        a, b = named[first], named[second]
        assert a.get("data-lane") != b.get("data-lane")
        _s, _e, a_out, a_in = arc_geometry(arc_of(a))
        _s, _e, b_out, b_in = arc_geometry(arc_of(b))
        assert a_in >= b_out or b_in >= a_out, f"{first} and {second} overlap radially"
    # Activities that do not overlap in time share a lane.
    assert named["Landingsside"].get("data-lane") == named["Stand"].get("data-lane") == "0"
    # Rings do not overlap either.
    radii = []
    for ring in rings(root).values():
        band = next(p for p in ring.iter(f"{SVG}path") if p.get("class") == "ring-band")
        radii.append(sorted({round(v, 1) for v in arc_geometry(band)[2:]}))
    for inner, outer in pairwise(radii):
        assert inner[-1] <= outer[0]


def test_colours_by_phase_and_overdue_in_red(year_plans):
    root = parse(render_svg(wheel_of(year_plans)))
    named = by_name(root)
    fill = {name: arc_of(g).get("fill") for name, g in named.items()}
    assert fill["Landingsside"] == PHASE_STRONG_COLOURS["distributed"]
    assert fill["Nyhetsbrev"] == PHASE_STRONG_COLOURS["in_production"]
    assert fill["Invitasjoner"] == PHASE_STRONG_COLOURS["todo"]
    assert fill["Stand"] == PHASE_STRONG_COLOURS["cancelled"]
    assert fill["Podkast"] == fill["LinkedIn-annonser"] == OVERDUE_COLOUR
    assert named["Podkast"].get("data-overdue") == "true"
    assert "Forsinket med 12 dager" in title(named["Podkast"])


def test_user_text_is_escaped(year_plans):
    svg = render_svg(wheel_of(year_plans))
    root = parse(svg)  # well-formed despite the names
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    named = by_name(root)
    assert SCRIPT in named and FORMULA in named
    assert title(named[FORMULA]).splitlines()[1] == "Kampanje: Vårkampanje"
    assert title(named[SCRIPT]).splitlines()[0] == SCRIPT
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    # Labels on the arcs are text too (shortened where the arc is short).
    label = "".join(named[SCRIPT].find(f"{SVG}text").itertext())
    assert label and SCRIPT.startswith(label.rstrip("…"))


def test_characters_xml_cannot_hold_are_dropped(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    # Excel stores a vertical tab as `_x000B_`; the reader gives it back as "\x0b".
    rows = [
        {"Aktivitet": "Vertikal_x000B_tab & «anførsel» \"sitat\"", "Type": "Kampanje",
         "Start": date(2026, 2, 2), "Frist": date(2026, 2, 20), "Status": "Å gjøre"},
    ]  # fmt: skip
    write_plan(folder / "a.xlsx", rows, "Kampanje <b>")
    root = parse(render_svg(wheel_of(folder)))
    (activity,) = by_name(root).values()
    assert title(activity).splitlines()[:2] == [
        'Vertikaltab & «anførsel» "sitat"',
        "Kampanje: Kampanje <b>",
    ]


def test_long_names_are_shortened_with_the_full_name_in_the_tooltip(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    name = "En svært lang aktivitet om prediktivt vedlikehold i norsk industri " * 2
    rows = [
        {"Aktivitet": name.strip(), "Type": "Kampanje", "Start": date(2026, 2, 2),
         "Frist": date(2026, 3, 20), "Status": "Å gjøre"},
    ]  # fmt: skip
    write_plan(folder / "a.xlsx", rows, "K")
    root = parse(render_svg(wheel_of(folder)))
    (activity,) = by_name(root).values()
    assert title(activity).splitlines()[0] == name.strip()
    label = "".join(activity.find(f"{SVG}text").itertext())
    assert label.endswith("…") and name.startswith(label[:-1])
    assert shorten("abcdef", 4) == "abc…" and shorten("abc", 4) == "abc"


def test_the_wheel_and_the_report_charts_share_one_svg_helper():
    """One escaper and one `shorten` (formats/svg.py) for every SVG we draw."""
    from aktivitetsplan.formats import charts, svg, wheel_svg
    from aktivitetsplan.i18n.fmt import Formatter

    assert charts.shorten is svg.shorten is wheel_svg.shorten
    assert charts.esc is svg.esc is wheel_svg.esc
    assert svg.esc("a<b>&\"c\x0b'd") == "a&lt;b&gt;&amp;&#34;c'd"
    assert svg.attr('sa "hei"') == '"sa &#34;hei&#34;"'
    assert svg.shorten("a  b\n c\x0c", 10) == "a b c" and svg.shorten("abcdef", 1) == "a…"
    # A channel name XML cannot hold as it is leaves the report's bar chart well-formed.
    bars = charts.channel_bars(
        [charts.Bar('Kanal\x0b <b>"x"</b>', 100.0, 40.0)],
        fmt=Formatter("nb"),
        title='Forbruk "per" kanal',
        planned_label="Planlagt",
        spent_label="Brukt",
    )
    root = ElementTree.fromstring(str(bars))
    assert root.find("title").text == 'Forbruk "per" kanal'
    assert root.find("g/title").text.startswith('Kanal <b>"x"</b>: ')


def test_the_svg_speaks_through_the_wheels_settings(year_plans):
    """Month names, dates and words come from the wheel's own settings (`settings.fmt`,
    `settings.tr`): the SVG makes no translator or formatter of its own."""
    from aktivitetsplan.compute.wheel import build_year
    from aktivitetsplan.i18n.fmt import Formatter
    from aktivitetsplan.read.reader import read_plans
    from aktivitetsplan.settings import Settings

    class Marked(Formatter):
        def month_names(self) -> tuple[str, ...]:
            return tuple(f"Måned{n}" for n in range(1, 13))

    wheel = wheel_of(year_plans)
    wheel.settings.__dict__["fmt"] = Marked("nb")  # the formatter these settings cached
    texts = {t.text for t in parse(render_svg(wheel)).iter(f"{SVG}textPath")}
    assert {f"Måned{n}" for n in range(1, 13)} <= texts
    english = Settings(language="en", report_date=TODAY)
    svg = render_svg(build_year(read_plans([year_plans]).plans, english, year=2026))
    texts = {t.text for t in parse(svg).iter(f"{SVG}textPath")}
    assert {"January", "December"} <= texts and "januar" not in texts
    assert "To do (" in svg and "Å gjøre" not in svg.split('<g class="legend">')[1]


def test_today_marker_and_its_absence(year_plans):
    root = parse(render_svg(wheel_of(year_plans)))
    (today,) = [g for g in root.iter(f"{SVG}g") if g.get("class") == "today"]
    assert today.get("data-date") == "2026-06-01"
    line = today.find(f"{SVG}line")
    x2, y2 = float(line.get("x2")), float(line.get("y2"))
    expected = ((TODAY - date(2026, 1, 1)).days + 0.5) / 365 * 360
    assert angle(x2, y2) == pytest.approx(expected, abs=0.01)
    later = parse(render_svg(wheel_of(year_plans, today=date(2027, 2, 1))))
    assert not [g for g in later.iter(f"{SVG}g") if g.get("class") == "today"]


def test_a_dense_year_keeps_every_activity_visible(tmp_path):
    """220 activities in three plans: every one has an arc, none overlaps another."""
    folder = tmp_path / "mange"
    folder.mkdir()
    types = ("Program", "Kampanje", "Kampanje", "Kampanje", "Eksperiment")
    for plan in range(4):
        rows = []
        for i in range(55):
            start = date(2026, 1, 1).toordinal() + (i * 37 + plan * 11) % 350
            length = 200 if i % 5 == 0 else 4 + (i * 13) % 40
            rows.append(
                {
                    "Aktivitet": f"Aktivitet {plan}-{i}",
                    "Type": types[i % 5],
                    "Start": date.fromordinal(start),
                    "Frist": date.fromordinal(start + length),
                    "Status": ("Å gjøre", "I produksjon", "I distribusjon", "Avlyst")[i % 4],
                }
            )
        write_plan(folder / f"plan{plan}.xlsx", rows, f"Plan {plan}")
    wheel = wheel_of(folder, today=date(2026, 6, 15))
    root = parse(render_svg(wheel))
    groups = [g for ring in rings(root).values() for g in activities(ring)]
    assert len(groups) == len(wheel.activities) >= 200
    radii_of_lane: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for ring_key, ring in rings(root).items():
        for g in activities(ring):
            _s, _e, outer, inner = arc_geometry(arc_of(g))
            assert outer - inner > 1.0, "an arc too thin to see"
            radii_of_lane.setdefault((ring_key, g.get("data-lane")), []).append((outer, inner))
    lanes = []
    for radii in radii_of_lane.values():  # one lane, one radius (to the 2 decimals written)
        outers, inners = [o for o, _i in radii], [i for _o, i in radii]
        assert max(outers) - min(outers) < 0.05 and max(inners) - min(inners) < 0.05
        lanes.append((min(inners), max(outers)))
    lanes.sort()
    for (_inner, outer), (inner, _outer) in pairwise(lanes):
        assert outer <= inner + 0.05, "two lanes overlap"


# --- the pictures: resvg's PNG and Chromium's printout ---------------------------------------


def png_pixels(data: bytes) -> list[bytearray]:
    """Rows of RGBA bytes of an 8-bit RGBA, non-interlaced PNG (what resvg writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _c, _f, interlace = struct.unpack(">IIBBBBB", body)
            assert (depth, colour, interlace) == (8, 6, 0)
        elif kind == b"IDAT":
            idat += body
    raw, stride, rows = zlib.decompress(idat), width * 4, []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for x in range(stride):
            left = line[x - 4] if x >= 4 else 0
            up, corner = previous[x], previous[x - 4] if x >= 4 else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (
                    line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)
                ) & 255
        rows.append(line)
        previous = line
    return rows


def test_the_png_shows_the_arcs_in_their_colours(year_plans):
    from aktivitetsplan.formats.wheel import svg_to_png

    wheel = wheel_of(year_plans)
    svg = render_svg(wheel)
    png = svg_to_png(svg, dpi=96.0)
    assert png is not None, "resvg-py is an install requirement"
    rows = png_pixels(png)
    scale = len(rows[0]) / 4 / 1000  # pixels per viewBox unit
    root = parse(svg)
    for name in ("Landingsside", "Nyhetsbrev", "Stand", "Podkast"):
        arc = arc_of(by_name(root)[name])
        a0, _a1, outer, inner = arc_geometry(arc)
        radius = (outer + inner) / 2
        # Off the label: 2 units in from the arc's start, where no label reaches (labels
        # keep 3 units clear at each end, `LABEL_PAD`).
        mid = math.radians(a0 + math.degrees(2.0 / radius))
        x = int((CX + radius * math.sin(mid)) * scale)
        y = int((CY - radius * math.cos(mid)) * scale)
        r, g, b, _a = rows[y][x * 4 : x * 4 + 4]
        expected = arc.get("fill")
        opacity = float(arc.get("fill-opacity", "1"))
        want = [int(expected[i : i + 2], 16) * opacity + 255 * (1 - opacity) for i in (1, 3, 5)]
        got = [r, g, b]
        assert all(abs(w - v) < 40 for w, v in zip(want, got, strict=True)), (name, got, want)


IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    if IN_CI:
        pytest.fail("Chromium is missing under CI=true; .ci/run must install it (apt chromium)")
    pytest.skip("Chromium is not installed")


@pytest.mark.browser
def test_a_browser_prints_the_wheel_on_one_a4_page(year_plans, tmp_path):
    page = tmp_path / "hjul.svg"
    page.write_text(render_svg(wheel_of(year_plans)), encoding="utf-8")
    pdf = tmp_path / "hjul.pdf"
    command = [
        chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", f"--user-data-dir={tmp_path / 'profile'}",
        "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri(),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    data = pdf.read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) == 1
    (box,) = set(re.findall(rb"/MediaBox\s*\[([^\]]*)\]", data))
    width, height = (float(v) for v in box.split()[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
