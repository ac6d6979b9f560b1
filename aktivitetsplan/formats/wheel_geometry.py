"""The wheel's page and geometry: radii, angles, annular sectors, ring lanes.

January starts at twelve o'clock and the year runs clockwise at an even pace. This
module knows where things go on the A4 page; `wheel_svg` draws them and
`wheel_legend` writes the text below the wheel. `Canvas` collects the markup.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from ..compute.wheel import WheelActivity, WheelYear, angle_of
from ..plan.palette import DARK_LABEL, WHITE
from .svg import attr, esc, shorten

# The page: A4 portrait, 1 unit = 0.21 mm.
WIDTH, HEIGHT = 1000, 1414
CX, CY = 500.0, 590.0
R_MONTH_OUT, R_MONTH_IN = 455.0, 420.0
R_WEEK_IN = 392.0
R_RINGS_OUT, R_RINGS_MIN = 386.0, 92.0
RING_GAP = 4.0
LABEL_BAND = 13.0  # the band at a ring's outer edge holding its name
MAX_LANE = 26.0
CANCELLED_OPACITY = 0.55
# Where text may go: inside the page with a margin, below the subtitle and above the legend.
FRAME = (8.0, 98.0, WIDTH - 8.0, 1078.0)
MARGIN = 8.0

# --- text extents ------------------------------------------------------------------------
# Advance widths in em, the widest glyph of each class in DejaVu Sans (Book and Bold):
# DejaVu is the widest of the fonts the SVG names and the one CI and resvg fall back to,
# so an estimate from these is an upper bound for every font the wheel is shown in.
# The table is small on purpose: an estimate that is never short is what keeps text
# inside the page; tests/test_wheel_paper.py checks it against resvg's rendering.
_NARROW = frozenset("'ijlIJ .,·/:;f-()t!r|[]")
_WIDE = frozenset("mwMW%æÆ…—&+@œŒ")
_EM = {  # class → (regular, bold)
    "narrow": (0.42, 0.50),
    "small": (0.64, 0.72),  # lower case, most punctuation
    "tall": (0.79, 0.86),  # capitals and digits
    "wide": (1.0, 1.11),
}
# Between the font size and the glyphs' extent: DejaVu's ascender and descender.
ASCENT, DESCENT = 0.93, 0.24


@cache
def _glyph_class(char: str) -> str:
    if char in _NARROW:
        return "narrow"
    if char in _WIDE or unicodedata.east_asian_width(char) in ("W", "F"):
        return "wide"
    if char.isupper() or char.isdigit():
        return "tall"
    return "small"


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The advance width of `text` at `size` in DejaVu Sans (never less, see `_EM`)."""
    column = 1 if bold else 0
    return size * sum(_EM[_glyph_class(char)][column] for char in text)


def fit_text(text: str, room: float, size: float, *, bold: bool = False) -> str:
    """`text` as it is, or shortened with an ellipsis to fit `room`; "" when nothing fits."""
    whole = shorten(text, len(text) + 1)
    if text_width(whole, size, bold=bold) <= room:
        return whole
    low, high = 0, len(whole)  # the longest prefix that fits: binary search on the limit
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(shorten(whole, middle), size, bold=bold) <= room:
            low = middle
        else:
            high = middle - 1
    return shorten(whole, low) if low >= 2 else ""


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
    return DARK_LABEL if luminance > 0.5 else WHITE


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


class Canvas:
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


# --- labels on the arcs ------------------------------------------------------------------
MIN_LABEL_FONT = 5.5  # the floor: smaller text does not print legibly on A4
MAX_LABEL_FONT = 11.0
# A shortened label keeps at least 9 characters and the ellipsis: a prefix of 6 or 7
# letters («Invita…», «Pressem…») rarely tells a reader which activity it is, since
# Norwegian names start with long compounds; shorter than this, the arc gets a number
# and the name goes in the key below the wheel.
MIN_LABEL_CHARS = 10
# Rather than shrink towards the floor, a label may be shortened once this much shows.
READABLE_CHARS = 20
LABEL_PAD = 6.0  # kept free along an arc, so labels of touching arcs stay apart


@dataclass(frozen=True)
class ArcLabel:
    """What an arc says: its name (maybe shortened) or its number in the key, and how big."""

    text: str
    size: float
    number: int | None = None


def arc_room(activity: WheelActivity, band: RingBand, year: int) -> tuple[float, float]:
    """The length along the arc a label may take, and the largest font its lane holds."""
    a0, a1 = activity_angles(activity, year)
    r_in, r_out = band.lane_radii(activity.lane)
    length = (r_in + r_out) / 2 * math.radians(a1 - a0) - LABEL_PAD
    return length, min((r_out - r_in) * 0.62, MAX_LABEL_FONT)


def fit_label(name: str, room: float, largest: float) -> ArcLabel | None:
    """The name at the largest size from `largest` down to the floor where it fits whole,
    or shortened once `READABLE_CHARS` show; at the floor at least `MIN_LABEL_CHARS`;
    None when not even that fits (the arc gets a number in the key)."""
    size = math.floor(largest * 2) / 2
    while size >= MIN_LABEL_FONT:
        text = fit_text(name, room, size)
        if text == shorten(name, len(name) + 1) or len(text) >= READABLE_CHARS:
            return ArcLabel(text, size)
        size -= 0.5
    text = fit_text(name, room, MIN_LABEL_FONT)
    if len(text) >= MIN_LABEL_CHARS:
        return ArcLabel(text, MIN_LABEL_FONT)
    return None


def number_label(number: int, room: float, largest: float) -> ArcLabel | None:
    """The arc's number in the key, as large as its lane allows; None if it does not fit."""
    text = str(number)
    size = min(largest, room / max(text_width(text, 1.0), 1e-9))
    return ArcLabel(text, math.floor(size * 10) / 10, number) if size >= MIN_LABEL_FONT else None


@dataclass
class LabelPlan:
    """Every arc's label, the activities named in the key by number, and those left bare."""

    labels: dict[tuple[str, str, int], ArcLabel]
    key: list[WheelActivity]
    bare: list[WheelActivity]


def activity_id(activity: WheelActivity) -> tuple[str, str, int]:
    return activity.file, activity.sheet, activity.row


def plan_labels(wheel: WheelYear, bands: list[RingBand], key_room: int) -> LabelPlan:
    """Fit every arc's label; the names that do not fit get numbers in date order, as
    many as the key has room for (`key_room`); the rest keep only their tooltip."""
    plan = LabelPlan({}, [], [])
    by_key = {band.key: band for band in bands}
    waiting = []
    for ring in wheel.rings:
        band = by_key[ring.key]
        for activity in ring.activities:
            room, largest = arc_room(activity, band, wheel.year)
            label = (
                fit_label(activity.activity, room, largest) if largest >= MIN_LABEL_FONT else None
            )
            if label:
                plan.labels[activity_id(activity)] = label
            else:
                waiting.append((activity, room, largest))
    waiting.sort(key=lambda item: (item[0].start, item[0].end, item[0].activity))
    for activity, room, largest in waiting:
        label = None
        if len(plan.key) < key_room:
            label = number_label(len(plan.key) + 1, room, largest)
        if label:
            plan.labels[activity_id(activity)] = label
            plan.key.append(activity)
        else:
            plan.bare.append(activity)
    return plan


# --- the key of numbered arcs, in the page's four corners around the wheel -----------------
# Each box lies wholly beyond KEY_CLEAR from the centre (clear of the rim, the today
# marker and its label along the rim) and within FRAME.
KEY_CLEAR = 480.0
KEY_FONT, KEY_ROW = 10.0, 13.0
_KEY_W = 220.0
_KEY_DY = math.sqrt(KEY_CLEAR**2 - (CX - FRAME[0] - _KEY_W) ** 2)
KEY_BOXES = (
    (FRAME[0], FRAME[1], FRAME[0] + _KEY_W, CY - _KEY_DY),
    (FRAME[2] - _KEY_W, FRAME[1], FRAME[2], CY - _KEY_DY),
    (FRAME[0], CY + _KEY_DY, FRAME[0] + _KEY_W, FRAME[3]),
    (FRAME[2] - _KEY_W, CY + _KEY_DY, FRAME[2], FRAME[3]),
)
KEY_ROWS = int((KEY_BOXES[0][3] - KEY_BOXES[0][1]) // KEY_ROW)
KEY_CAPACITY = KEY_ROWS * len(KEY_BOXES) - 1  # one row kept for «+N without a name»


def key_slots(count: int) -> list[tuple[float, float]]:
    """The baselines (x, y) of the key's first `count` rows, box after box."""
    slots = []
    for x0, y0, _x1, _y1 in KEY_BOXES:
        slots += [(x0, y0 + KEY_FONT * ASCENT + row * KEY_ROW) for row in range(KEY_ROWS)]
    return slots[:count]


# --- the today marker's label --------------------------------------------------------------
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Placed:
    """A one-line text: its anchor point, `text-anchor`, rotation about that point, box."""

    x: float
    y: float
    anchor: str
    rotate: float
    box: Box


def _inside(box: Box, frame: Box = FRAME) -> bool:
    return frame[0] <= box[0] and frame[1] <= box[1] and box[2] <= frame[2] and box[3] <= frame[3]


def _meets(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def rotated_box(x: float, y: float, width: float, size: float, anchor: str, rotate: float) -> Box:
    """The bounding box of a centrally aligned line of text, rotated about (x, y)."""
    start = {"start": 0.0, "middle": -width / 2, "end": -width}[anchor]
    half = size * (ASCENT + DESCENT) / 2
    rad = math.radians(rotate)
    corners = [
        (x + dx * math.cos(rad) - dy * math.sin(rad), y + dx * math.sin(rad) + dy * math.cos(rad))
        for dx in (start, start + width)
        for dy in (-half, half)
    ]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return min(xs), min(ys), max(xs), max(ys)


def place_today_label(angle: float, width: float, size: float, avoid: list[Box]) -> Placed:
    """Level and beyond the marker's tip where that stays inside the page and clear of
    `avoid`; else along the rim beside the tip, turned to read upright (the sides)."""
    x, y = point(R_MONTH_OUT + 28, angle)
    anchor = "start" if 5 < angle < 175 else "end" if 185 < angle < 355 else "middle"
    box = rotated_box(x, y, width, size, anchor, 0.0)
    if _inside(box) and not any(_meets(box, other) for other in avoid):
        return Placed(x, y, anchor, 0.0, box)
    radius = R_MONTH_OUT + 4 + size * (ASCENT + DESCENT) / 2
    upright = _upright(angle)
    offset = math.degrees((width / 2 + 10) / radius) * (1 if upright else -1)
    tries = []
    for side in (offset, -offset):  # after the tip in reading order, else before it
        x, y = point(radius, angle + side)
        rotate = (angle + side) if upright else (angle + side - 180)
        box = rotated_box(x, y, width, size, "middle", rotate)
        tries.append(Placed(x, y, "middle", rotate, box))
        if not any(_meets(box, other) for other in avoid):
            return tries[-1]
    return tries[0]
