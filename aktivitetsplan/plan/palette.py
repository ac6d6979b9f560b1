"""Every colour aktplan draws with, named once.

The templates, the wheel (workbook and SVG), the HTML report's charts and the report
workbook all take their colours from here, so a colour is changed in one place and
the outputs stay alike. `templates/report.css` repeats the report family's values
as CSS custom properties (CSS cannot import Python); keep the two in step.

Values are upper-case `#RRGGBB`: XlsxWriter, SVG and CSS all read that form. This
module imports nothing, so it sits at the bottom of the import order (plan/).
"""

from __future__ import annotations

# --- shared by every output ------------------------------------------------------------

WHITE = "#FFFFFF"
NAVY = "#1F3864"  # the accent: titles, headers, the wheel's ink, the report's spend
BLUE = "#2F5597"  # NAVY's partner: every other month on the wheel
RED = "#C00000"  # overdue, over budget, today, public holidays
TODAY = RED  # the current week, today's marker
HOLIDAY = RED  # a public holiday

# --- the HTML report, its charts and the report workbook (report.css mirrors these) ------

INK = "#1D2433"  # body text
MUTED = "#6B7280"  # secondary text, axis labels
FAINT = "#9AA4B2"  # the even-spend line
AXIS = "#B8C0CC"  # the time axis of the burn chart
GRID = "#E6E9EF"  # gridlines and rules (CSS --line)
TRACK = "#EEF1F6"  # the empty ring of the phase donut
PANEL = "#F6F7FA"  # panel background (CSS only)
ACCENT = NAVY
ACCENT_SOFT = "#C9D3E6"  # planned budget behind the spend (HTML)
ACCENT_MID = "#9DB0D3"  # planned budget in the report workbook (Excel's charts need more ink)
GOOD = "#3E8E41"  # a forecast within budget
WARN = "#D18F00"  # a warning (CSS only)
BAD = RED
PAGE = "#EEF0F4"  # the page behind the report's sheets (CSS only)
ERROR_PILL, ERROR_PILL_TEXT = "#F8D7D7", "#8A1010"  # a plan error's tag (CSS only)
WARNING_PILL, WARNING_PILL_TEXT = "#FFF0C2", "#6B4D00"  # a warning's tag (CSS only)

# --- the phases: a light fill for cells, a strong one for arcs, bars and legends ---------

PALE_AMBER = "#FFE699"  # in production; a school-holiday week on the wheel
PHASE_COLOURS = {
    "todo": "#DCE6F2",
    "in_production": PALE_AMBER,
    "distributed": "#C6E0B4",
    "cancelled": "#D9D9D9",
    "unknown": "#F4B183",
}
PHASE_STRONG_COLOURS = {
    "todo": "#5B7DB1",
    "in_production": "#E0A100",
    "distributed": "#4E9A44",
    "cancelled": "#9E9E9E",
    "unknown": "#C55A11",
}
NO_PHASE = "#888888"  # an arc whose phase has no colour (never expected)
OVERDUE_COLOUR = RED

# --- the workbooks (Office's own shades, so the sheets look at home in Excel) -----------

GREY_TEXT = "#595959"  # subtitles, row labels; the wheel's secondary text
FIELD = "#F2F2F2"  # a field to fill in; the light week shade; the grid's hairlines
FIELD_BORDER = "#BFBFBF"
OVER_BUDGET_TEXT = "#9C0006"  # Excel's "Bad" cell style: cost above budget
OVER_BUDGET_FILL = "#FFC7CE"
OVERDUE_FILL = "#FDE9E7"  # the plan's overdue rows (the text is OVERDUE_COLOUR)

# --- the year's wheel: week grid and doughnut (workbook), wheel (SVG) --------------------

# Bar colours by position in the Kategori list (Office's accent colours, then darker).
CATEGORY_COLOURS = (
    "#4472C4",
    "#ED7D31",
    "#70AD47",
    "#7030A0",
    "#FFC000",
    "#5B9BD5",
    "#264478",
    "#9E480E",
    "#43682B",
    "#FF66CC",
)
OTHER_CATEGORY = "#A6A6A6"  # a bar whose Kategori is blank or not in the list
MONTH_SHADES = (NAVY, BLUE)
QUARTER_SHADES = ("#DAE3F3", "#E2F0D9", "#FBE5D6", "#EDE7F6")
WEEK_SHADES = (FIELD, "#DDEBF7")  # the doughnut's week ring
SVG_WEEK_SHADES = (FIELD, "#E4EAF4")  # the SVG's week ring
SCHOOL_SHADE = "#FFF2CC"  # school-holiday weeks in the week grid
SCHOOL_WEEK = PALE_AMBER  # a school-holiday week on the doughnut and the SVG
HOLIDAY_WEEK = "#F8CBAD"  # a week with a public holiday on the doughnut
MONTH_LINE = "#8EA9DB"  # the grid line where a month begins
WEEK_LINE = "#E7E6E6"  # the grid line between weeks
WHEEL_GRID = "#C9D3E3"  # the SVG's ring outlines and month lines
RING_SHADES = ("#EDF1F7", "#F7F8FB")  # the SVG's rings, alternating
LEGEND_TEXT = "#262626"  # the SVG's legend and lists
DARK_LABEL = "#1A1A1A"  # a label on a light arc (WHITE on a dark one)
