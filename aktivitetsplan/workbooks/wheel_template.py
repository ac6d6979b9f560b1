"""The årshjul workbook: blank (`aktplan mal årshjul`) or filled from plans (`aktplan årshjul`).

Sheet `Årshjul`: an activity table on the left, a week grid on the right (one
column per ISO week under merged month headers). Conditional formats draw each
row's bar from Start to Slutt in the colour of its Kategori, live in Excel and
LibreOffice: they compare a row of week-start dates (Mondays) with the row's
dates, in plain A1 formulas. Sheet `Hjul`: a doughnut chart of the year to
print. Sheet `Mål` (the blank template only): the department's goal for the year.
Sheet `Lister`: the lists behind the dropdowns.

This module writes the workbook, the table and the rules on it; the grid and its
formulas are in `wheel_grid`, the doughnut in `wheel_chart`, the status and
overdue rules shared with the plan template in `rules`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..compute.wheel import WheelYear, week_grid
from ..plan.palette import CATEGORY_COLOURS, OTHER_CATEGORY, TODAY, WHITE
from ..plan.schema import REPEAT_LABELS, SHEETS, WHEEL_TABLE
from ..settings import Settings
from .common import (
    DATE_FORMAT,
    Formats,
    mark_generated,
    new_workbook,
    print_setup,
    write_lists,
)
from .goal_sheet import write_goal_sheet
from .rules import (
    add_entry_checks,
    add_overdue_format,
    add_phase_formats,
    status_dropdown,
    status_names,
)
from .wheel_chart import write_chart
from .wheel_grid import (
    CAMPAIGN_COLUMN,
    FIRST_ROW,
    HEADER_ROW,
    MONTH_ROW,
    SPARE_ROWS,
    TABLE,
    TEMPLATE_ROWS,
    Layout,
    bar_formula,
    category_colour,
    today_formula,
    write_calendar,
)

# The names the tests (and earlier callers) know these colours by; the values are in palette.
OTHER_COLOUR = OTHER_CATEGORY  # a bar whose Kategori is blank or not in the list
TODAY_COLOUR = TODAY


@dataclass(frozen=True)
class WheelRow:
    """One row of the activity table (a filled workbook)."""

    category: str | None
    activity: str
    start: date | None
    end: date | None
    responsible: str | None
    channel: str | None
    status: str | None
    campaign: str | None = None
    repeat: str | None = None  # the `Gjentas` label (an occurrence's row of a series)


def write_wheel_template(path: Path, settings: Settings, year: int) -> None:
    """Write the blank årshjul of `year` to `path` (the caller makes it atomic)."""
    _write(
        path,
        settings,
        year=year,
        rows=[],
        categories=list(settings.category_list()),
        subtitle=settings.tr("wheel.xlsx.subtitle"),
        with_campaign=False,
    )


def write_wheel_workbook(path: Path, wheel: WheelYear) -> None:
    """Write the årshjul filled with the activities of `wheel` (the caller makes it atomic),
    in the language and with the lists of the settings the wheel was built with."""
    settings = wheel.settings
    tr = settings.tr
    labels = {ring.key: ring.label for ring in wheel.rings}
    repeats = REPEAT_LABELS[settings.language]
    # A recurring activity is one row per occurrence: its bar lights that week.
    rows = [
        WheelRow(
            category=labels[a.ring] if a.ring else None,
            activity=a.activity,
            start=a.occurrence or a.planned_start,
            end=a.occurrence or a.deadline,
            responsible=a.responsible,
            channel=a.channel,
            status=a.status,
            campaign=a.plan,
            repeat=repeats[a.repeat] if a.repeat else None,
        )
        for a in wheel.activities
    ]
    subtitle = tr(
        "wheel.xlsx.subtitle_filled",
        date=settings.fmt.date(wheel.today),
        activities=len(wheel.distinct()),  # a series once, however many rows
        plans=wheel.plans,
    )
    _write(
        path,
        settings,
        year=wheel.year,
        rows=rows,
        categories=wheel.categories,
        subtitle=subtitle,
        with_campaign=True,
        generated=True,
        print_date=settings.fmt.date(wheel.today),
    )


def _write(
    path: Path,
    settings: Settings,
    *,
    year: int,
    rows: list[WheelRow],
    categories: list[str],
    subtitle: str,
    with_campaign: bool,
    generated: bool = False,
    print_date: str | None = None,
) -> None:
    language, tr, config = settings.language, settings.tr, settings
    names = SHEETS[language]
    workbook = new_workbook(path, tr("wheel.title", year=year))
    if generated:  # made from plans: skipped when read back; the template is a plan
        mark_generated(workbook, "årshjul")
    fmt = Formats(workbook, config.currency)
    sheet = workbook.add_worksheet(names["wheel_table"])
    chart_sheet = workbook.add_worksheet(names["wheel_chart"])
    # The department's goal, typed once a year: in the template a team fills in; a
    # wheel built from plans is skipped when read, so a goal there would count for nothing.
    goal_sheet = None if generated else workbook.add_worksheet(names["goal"])
    lists = workbook.add_worksheet(names["lists"])
    sheet.activate()

    columns = TABLE + ((CAMPAIGN_COLUMN,) if with_campaign else ())
    layout = Layout(
        columns=columns,
        weeks=week_grid(year, language),
        rows=max(TEMPLATE_ROWS, len(rows) + SPARE_ROWS) if rows else TEMPLATE_ROWS,
    )
    write_calendar(workbook, sheet, layout, settings, year, fmt, subtitle)
    _write_table(workbook, sheet, layout, rows, tr, fmt)
    _write_rules(workbook, sheet, layout, categories, settings)
    _write_print_setup(sheet, layout, tr, year, print_date)
    write_chart(workbook, chart_sheet, settings, year, fmt, print_date)
    if goal_sheet is not None:
        write_goal_sheet(workbook, goal_sheet, settings, year, fmt)
    write_lists(
        workbook,
        lists,
        {
            "category": categories,
            "person": list(config.people),
            "channel": list(config.channel_list()),
            "status": status_dropdown(settings),
            "repeat": list(REPEAT_LABELS[language].values()),
        },
        fmt,
        tr("wheel.lists.note"),
        settings,
        tr("wheel.title", year=year),
    )
    for position in range(max(len(categories), len(CATEGORY_COLOURS))):
        swatch = workbook.add_format({"bg_color": category_colour(position)})
        swatch_text = workbook.add_format(
            {"bg_color": category_colour(position), "font_color": WHITE, "bold": True}
        )
        if position < len(categories):
            lists.write_string(position + 1, 0, categories[position], swatch_text)
        else:
            lists.write_blank(position + 1, 0, None, swatch)
    workbook.close()


def _write_table(workbook, sheet, layout: Layout, rows: list[WheelRow], tr, fmt) -> None:
    """The activity table (an Excel table, `Arshjul`) and, when filled, its rows."""
    date_format = workbook.add_format({"num_format": DATE_FORMAT, "align": "center"})
    column_formats = {"start": date_format, "end": date_format, "activity": fmt.text}
    table_columns = []
    for key, _width in layout.columns:
        spec = {"header": tr(f"wheel.col.{key}")}
        if key in column_formats:
            spec["format"] = column_formats[key]
        table_columns.append(spec)
    sheet.add_table(
        HEADER_ROW,
        0,
        layout.last_row,
        layout.last_table_col,
        {
            "name": WHEEL_TABLE,
            "columns": table_columns,
            "style": "Table Style Light 1",
            "autofilter": True,
        },
    )
    col = layout.col
    # A table column's format reaches only rows Excel adds later: format the empty
    # date cells too, so a typed date shows as one.
    for key in ("start", "end"):
        for row in range(FIRST_ROW, layout.last_row + 1):
            sheet.write_blank(row, col[key], None, date_format)
    for offset, item in enumerate(rows):
        row = FIRST_ROW + offset
        for key in (
            "category",
            "activity",
            "repeat",
            "responsible",
            "channel",
            "status",
            "campaign",
        ):
            value = getattr(item, key)
            if value and key in col:
                sheet.write_string(row, col[key], value)
        for key in ("start", "end"):
            value = getattr(item, key)
            if value:
                sheet.write_datetime(
                    row, col[key], datetime(value.year, value.month, value.day), date_format
                )


def _write_rules(
    workbook, sheet, layout: Layout, categories: list[str], settings: Settings
) -> None:
    """Dropdowns, date checks, the bars, the current week, status colours, overdue rows."""
    tr = settings.tr
    first, last = FIRST_ROW, layout.last_row
    col = layout.col

    def whole(key: str) -> tuple[int, int, int, int]:
        return first, col[key], last, col[key]

    add_entry_checks(
        sheet,
        first,
        last,
        col,
        [
            ("category", "category", False),
            ("responsible", "person", False),
            ("channel", "channel", False),
            ("repeat", "repeat", False),  # a synonym (`hver uke`) is read too: warn only
            ("status", "status", True),
        ],
        ("start", "end"),
        lambda key: tr(f"wheel.col.{key}.hint", phases=settings.fmt.phase_list()),
        tr,
    )

    # The bars: one rule per Kategori position, then any other row in grey.
    grid = (first, layout.first_week_col, last, layout.last_week_col)
    for position in range(max(len(categories), len(CATEGORY_COLOURS))):
        colour = category_colour(position)
        sheet.conditional_format(
            *grid,
            {
                "type": "formula",
                "criteria": bar_formula(layout, position + 1),
                "format": workbook.add_format({"bg_color": colour, "pattern": 1}),
            },
        )
    sheet.conditional_format(
        *grid,
        {
            "type": "formula",
            "criteria": bar_formula(layout, None),
            "format": workbook.add_format({"bg_color": OTHER_COLOUR, "pattern": 1}),
        },
    )

    # The current week: its number highlighted, its column outlined. After the
    # bars: LibreOffice applies only the first true rule of a cell (so a bar wins
    # there), Excel applies them all (so the outline shows on the bars too).
    sheet.conditional_format(
        HEADER_ROW,
        layout.first_week_col,
        HEADER_ROW,
        layout.last_week_col,
        {
            "type": "formula",
            "criteria": today_formula(layout),
            "format": workbook.add_format(
                {"bg_color": TODAY_COLOUR, "font_color": WHITE, "bold": True}
            ),
        },
    )
    sheet.conditional_format(
        *grid,
        {
            "type": "formula",
            "criteria": today_formula(layout),
            "format": workbook.add_format(
                {
                    "left": 1,
                    "right": 1,
                    "left_color": TODAY_COLOUR,
                    "right_color": TODAY_COLOUR,
                }
            ),
        },
    )

    # Status in the colour of its phase; overdue rows in red.
    names_by_phase = status_names(settings)
    status_cell = f"${layout.letter('status')}{first + 1}"
    add_phase_formats(workbook, sheet, whole("status"), status_cell, names_by_phase)
    end_cell = f"${layout.letter('end')}{first + 1}"
    overdue_cells = (first, 0, last, layout.last_table_col)
    add_overdue_format(workbook, sheet, overdue_cells, end_cell, status_cell, names_by_phase)


def _write_print_setup(sheet, layout: Layout, tr, year: int, print_date: str | None) -> None:
    """The year on the page width, the calendar rows on every page.

    The print area holds every row of the table, so a filled wheel prints all its
    activities; blank, the empty rows (framed by the week grid) are lines to write on.
    """
    sheet.freeze_panes(FIRST_ROW, layout.col["activity"] + 1)
    title = tr("wheel.title", year=year)
    print_setup(sheet, tr, title, repeat=(MONTH_ROW, HEADER_ROW), date_text=print_date)
    sheet.print_area(0, 0, layout.last_row, layout.last_week_col)
