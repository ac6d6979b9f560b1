"""The wheel's page and geometry: radii, angles, annular sectors, ring lanes.

January starts at twelve o'clock and the year runs clockwise at an even pace. This
module knows where things go on the A4 page; `wheel_svg` draws them and
`wheel_legend` writes the text below the wheel. `Canvas` collects the markup.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from ..compute.wheel import WheelActivity, WheelYear, angle_of
from ..plan.palette import DARK_LABEL, WHITE
from .svg import attr, esc

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
