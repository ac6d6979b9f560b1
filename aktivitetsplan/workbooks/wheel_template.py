"""The årshjul workbook: blank (`aktplan mal årshjul`) or filled from plans (`aktplan årshjul`).

Sheet `Årshjul`: an activity table on the left, a week grid on the right (one
column per ISO week under merged month headers). Conditional formats draw each
row's bar from Start to Slutt in the colour of its Kategori, live in Excel and
LibreOffice: they compare a row of week-start dates (Mondays) with the row's
dates, in plain A1 formulas. Sheet `Hjul`: a doughnut chart of the year to
print. Sheet `Lister`: the lists behind the dropdowns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from xlsxwriter.utility import xl_col_to_name

from ..compute.wheel import (
    Week,
    WheelYear,
    days_in_year,
    month_names,
    month_spans,
    public_holidays,
    week_grid,
    wheel_weeks,
)
from ..plan.schema import LIST_NAMES, PHASE_COLOURS, PHASES, SHEETS, WHEEL_TABLE
from ..settings import Settings
from .common import (
    DATE_FORMAT,
    Formats,
    add_entry_checks,
    excel_text,
    mark_generated,
    new_workbook,
    write_lists,
)
from .plan_template import status_dropdown, status_names

# Bar colours by position in the Kategori list (Program, Kampanje, Eksperiment, Hendelse, …).
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
OTHER_COLOUR = "#A6A6A6"  # a bar whose Kategori is blank or not in the list
TODAY_COLOUR = "#C00000"
HOLIDAY_COLOUR = "#C00000"
SCHOOL_COLOUR = "#FFF2CC"
MONTH_COLOURS = ("#1F3864", "#2F5597")
QUARTER_COLOURS = ("#DAE3F3", "#E2F0D9", "#FBE5D6", "#EDE7F6")
WEEK_COLOURS = ("#F2F2F2", "#DDEBF7")

# Layout of the `Årshjul` sheet (0-based rows).
TITLE_ROW, SUBTITLE_ROW = 0, 1
MONTH_ROW, WEEK_START_ROW, HOLIDAY_ROW, HEADER_ROW = 2, 3, 4, 5
FIRST_ROW = HEADER_ROW + 1
TEMPLATE_ROWS = 150  # empty rows in the blank template
SPARE_ROWS = 40  # empty rows below the activities in a filled workbook
WEEK_WIDTH = 3.6

# The activity table: key → (catalogue key of the header, width).
TABLE = (
    ("category", 13),
    ("activity", 32),
    ("start", 11),
    ("end", 11),
    ("responsible", 15),
    ("channel", 13),
    ("status", 13),
)
CAMPAIGN_COLUMN = ("campaign", 30)


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


@dataclass(frozen=True)
class Layout:
    """Where things are on the `Årshjul` sheet."""

    columns: tuple[tuple[str, int], ...]
    weeks: tuple[Week, ...]
    rows: int  # data rows

    @property
    def col(self) -> dict[str, int]:
        return {key: i for i, (key, _w) in enumerate(self.columns)}

    @property
    def last_table_col(self) -> int:
        return len(self.columns) - 1

    @property
    def first_week_col(self) -> int:
        return len(self.columns) + 1  # one narrow spacer column

    @property
    def last_week_col(self) -> int:
        return self.first_week_col + len(self.weeks) - 1

    @property
    def last_row(self) -> int:
        return FIRST_ROW + self.rows - 1

    def week_col(self, index: int) -> int:
        return self.first_week_col + index

    def letter(self, key: str) -> str:
        return xl_col_to_name(self.col[key])


def category_colour(position: int) -> str:
    """The bar colour of the `position`-th (0-based) Kategori in the list."""
    return CATEGORY_COLOURS[position % len(CATEGORY_COLOURS)]


def _any_of(cell: str, values: list[str]) -> str:
    return "OR(" + ",".join(f"{cell}={excel_text(v)}" for v in dict.fromkeys(values)) + ")"


def bar_formula(layout: Layout, category: int | None) -> str:
    """The conditional-format rule for a bar: a week cell lies between the row's dates.

    The week's Monday (row 4) is on or after the Monday of the first date and on
    or before the last date. One date alone lights its week. `category` is the
    1-based position in the Kategori list the row must name, or None for any row.
    """
    row = FIRST_ROW + 1
    week = f"{xl_col_to_name(layout.first_week_col)}${WEEK_START_ROW + 1}"
    start, end = layout.letter("start"), layout.letter("end")
    dates = f"${start}{row}:${end}{row}"
    first = f"MIN({dates})"
    parts = [f"COUNT({dates})>0", f"{week}>={first}-WEEKDAY({first},2)+1", f"{week}<=MAX({dates})"]
    if category is not None:
        cell = f"${layout.letter('category')}{row}"
        name = LIST_NAMES["category"][0]
        parts = [f'{cell}<>""', f"{cell}=INDEX({name},{category})", *parts]
    return "=AND(" + ",".join(parts) + ")"


def today_formula(layout: Layout) -> str:
    """True in the column of the current week (TODAY() falls Monday to Sunday)."""
    week = f"{xl_col_to_name(layout.first_week_col)}${WEEK_START_ROW + 1}"
    return f"=AND({week}<=TODAY(),TODAY()<{week}+7)"


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


def write_wheel_workbook(path: Path, wheel: WheelYear, settings: Settings) -> None:
    """Write the årshjul filled with the activities of `wheel` (the caller makes it atomic)."""
    tr = settings.tr
    labels = {ring.key: ring.label for ring in wheel.rings}
    rows = [
        WheelRow(
            category=labels[a.ring] if a.ring else None,
            activity=a.activity,
            start=a.planned_start,
            end=a.deadline,
            responsible=a.responsible,
            channel=a.channel,
            status=a.status,
            campaign=a.plan,
        )
        for a in wheel.activities
    ]
    subtitle = tr(
        "wheel.xlsx.subtitle_filled",
        date=settings.fmt.date(wheel.today),
        activities=len(rows),
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
) -> None:
    language, tr, config = settings.language, settings.tr, settings
    names = SHEETS[language]
    workbook = new_workbook(path, tr("wheel.title", year=year))
    if generated:  # made from plans: skipped when read back; the template is a plan
        mark_generated(workbook, "årshjul")
    fmt = Formats(workbook, config.currency)
    sheet = workbook.add_worksheet(names["wheel_table"])
    chart_sheet = workbook.add_worksheet(names["wheel_chart"])
    lists = workbook.add_worksheet(names["lists"])
    sheet.activate()

    columns = TABLE + ((CAMPAIGN_COLUMN,) if with_campaign else ())
    layout = Layout(
        columns=columns,
        weeks=week_grid(year, language),
        rows=max(TEMPLATE_ROWS, len(rows) + SPARE_ROWS) if rows else TEMPLATE_ROWS,
    )
    _write_calendar(workbook, sheet, layout, year, language, tr, fmt, subtitle)
    _write_table(workbook, sheet, layout, rows, tr, fmt)
    _write_rules(workbook, sheet, layout, categories, config, language, tr)
    _write_print_setup(sheet, layout, tr, year)
    _write_chart(workbook, chart_sheet, year, language, tr, fmt)
    write_lists(
        workbook,
        lists,
        {
            "category": categories,
            "person": list(config.people),
            "channel": list(config.channel_list()),
            "status": status_dropdown(settings),
        },
        fmt.header,
        tr("wheel.lists.note"),
        language,
    )
    for position in range(max(len(categories), len(CATEGORY_COLOURS))):
        swatch = workbook.add_format({"bg_color": category_colour(position)})
        swatch_text = workbook.add_format(
            {"bg_color": category_colour(position), "font_color": "#FFFFFF", "bold": True}
        )
        if position < len(categories):
            lists.write_string(position + 1, 0, categories[position], swatch_text)
        else:
            lists.write_blank(position + 1, 0, None, swatch)
    workbook.close()


def _write_calendar(workbook, sheet, layout: Layout, year, language, tr, fmt, subtitle) -> None:
    """Title, month headers, week-start dates, holiday marks, week numbers, the grid."""
    sheet.set_row(TITLE_ROW, 28)
    sheet.write_string(TITLE_ROW, 0, tr("wheel.title", year=year), fmt.title)
    sheet.write_string(SUBTITLE_ROW, 0, subtitle, fmt.subtitle)
    for col, (_key, width) in enumerate(layout.columns):
        sheet.set_column(col, col, width)
    sheet.set_column(layout.first_week_col - 1, layout.first_week_col - 1, 1.5)
    sheet.set_column(layout.first_week_col, layout.last_week_col, WEEK_WIDTH)

    label = workbook.add_format(
        {"align": "right", "valign": "vcenter", "font_color": "#595959", "italic": True}
    )
    last = layout.last_table_col
    sheet.write_string(MONTH_ROW, last, tr("wheel.xlsx.month_row"), label)
    sheet.write_string(WEEK_START_ROW, last, tr("wheel.xlsx.week_start_row"), label)
    sheet.write_string(HOLIDAY_ROW, last, tr("wheel.xlsx.holiday_row"), label)

    months = month_names(language)
    for index, span in enumerate(month_spans(layout.weeks)):
        month_format = workbook.add_format(
            {
                "bold": True,
                "align": "center",
                "valign": "vcenter",
                "font_color": "#FFFFFF",
                "bg_color": MONTH_COLOURS[index % 2],
                "border": 1,
                "border_color": "#FFFFFF",
            }
        )
        first, last_col = layout.week_col(span.first), layout.week_col(span.last)
        sheet.merge_range(MONTH_ROW, first, MONTH_ROW, last_col, "", month_format)
        sheet.write_string(MONTH_ROW, first, months[span.month - 1], month_format)
    sheet.set_row(MONTH_ROW, 20)

    start_format = workbook.add_format(
        {
            "num_format": "dd.mm",
            "rotation": 90,
            "font_size": 7,
            "font_color": "#595959",
            "align": "center",
        }
    )
    sheet.set_row(WEEK_START_ROW, 30)
    holiday_format = workbook.add_format(
        {"align": "center", "font_color": HOLIDAY_COLOUR, "bold": True}
    )
    school_format = workbook.add_format({"align": "center", "bg_color": SCHOOL_COLOUR})
    school_holiday_format = workbook.add_format(
        {
            "align": "center",
            "font_color": HOLIDAY_COLOUR,
            "bold": True,
            "bg_color": SCHOOL_COLOUR,
        }
    )
    week_format = workbook.add_format(
        {
            "bold": True,
            "align": "center",
            "valign": "vcenter",
            "font_color": "#FFFFFF",
            "bg_color": "#1F3864",
            "font_size": 9,
        }
    )
    month_firsts = {span.first for span in month_spans(layout.weeks)}
    body_formats: dict[tuple[bool, bool], object] = {}
    for index, week in enumerate(layout.weeks):
        col = layout.week_col(index)
        monday = datetime(week.monday.year, week.monday.month, week.monday.day)
        sheet.write_datetime(WEEK_START_ROW, col, monday, start_format)
        notes = [
            tr("wheel.xlsx.week_note", week=week.number, monday=week.monday, sunday=week.sunday)
        ]
        notes += [f"{day:%d.%m.%Y} {name}" for day, name in week.holidays]
        if week.school:
            notes.append(tr(f"wheel.school.{week.school}"))
        if week.holidays:
            cell_format = school_holiday_format if week.school else holiday_format
            sheet.write_string(HOLIDAY_ROW, col, "●", cell_format)
        elif week.school:
            sheet.write_blank(HOLIDAY_ROW, col, None, school_format)
        if week.holidays or week.school:
            sheet.write_comment(
                HOLIDAY_ROW,
                col,
                "\n".join(notes),
                {"author": "aktplan", "x_scale": 2.2, "y_scale": 1.2},
            )
        sheet.write_number(HEADER_ROW, col, week.number, week_format)
        key = (index in month_firsts, bool(week.school))
        if key not in body_formats:
            body_formats[key] = workbook.add_format(
                {
                    "left": 1,
                    "left_color": "#8EA9DB" if key[0] else "#E7E6E6",
                    "bottom": 1,
                    "bottom_color": "#F2F2F2",
                    **({"bg_color": SCHOOL_COLOUR} if key[1] else {}),
                }
            )
        for row in range(FIRST_ROW, layout.last_row + 1):
            sheet.write_blank(row, col, None, body_formats[key])
    sheet.set_row(HEADER_ROW, 30)


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
        for key in ("category", "activity", "responsible", "channel", "status", "campaign"):
            value = getattr(item, key)
            if value and key in col:
                sheet.write_string(row, col[key], value)
        for key in ("start", "end"):
            value = getattr(item, key)
            if value:
                sheet.write_datetime(
                    row, col[key], datetime(value.year, value.month, value.day), date_format
                )


def _write_rules(workbook, sheet, layout: Layout, categories, config, language, tr) -> None:
    """Dropdowns, date checks, the bars, the current week, status colours, overdue rows."""
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
            ("status", "status", True),
        ],
        ("start", "end"),
        lambda key: tr(f"wheel.col.{key}.hint"),
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
                {"bg_color": TODAY_COLOUR, "font_color": "#FFFFFF", "bold": True}
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
    names_by_phase = status_names(config)
    status_cell = f"${layout.letter('status')}{first + 1}"
    for phase in PHASES:
        sheet.conditional_format(
            *whole("status"),
            {
                "type": "formula",
                "criteria": "=" + _any_of(status_cell, names_by_phase[phase]),
                "format": workbook.add_format(
                    {"bg_color": PHASE_COLOURS[phase], "font_strikeout": phase == "cancelled"}
                ),
            },
        )
    end_cell = f"${layout.letter('end')}{first + 1}"
    finished = names_by_phase["distributed"] + names_by_phase["cancelled"]
    sheet.conditional_format(
        first,
        0,
        last,
        layout.last_table_col,
        {
            "type": "formula",
            "criteria": f"=AND(ISNUMBER({end_cell}),{end_cell}<TODAY(),"
            f"NOT({_any_of(status_cell, finished)}))",
            "format": workbook.add_format({"font_color": "#C00000"}),
        },
    )


def _write_print_setup(sheet, layout: Layout, tr, year: int) -> None:
    sheet.freeze_panes(FIRST_ROW, layout.col["activity"] + 1)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(MONTH_ROW, HEADER_ROW)
    sheet.set_margins(left=0.3, right=0.3, top=0.5, bottom=0.5)
    sheet.set_header(f'&L&"-,Bold"{tr("wheel.title", year=year)}&R&D')
    sheet.set_footer(f"&L&F&R{tr('print.page')} &P / &N")
    sheet.print_area(0, 0, layout.last_row, layout.last_week_col)


# --- the `Hjul` sheet: a doughnut chart of the year ------------------------------------------


def chart_rings(year: int, language: str, tr) -> dict[str, list[tuple[str, int]]]:
    """The chart's rings from the inside out, each as (label, days) slices of the year."""
    quarters = [(tr("wheel.quarter", quarter=q), 0) for q in range(1, 5)]
    months = []
    for month, name in enumerate(month_names(language), start=1):
        days = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
        months.append((name, days))
        quarter = (month - 1) // 3
        quarters[quarter] = (quarters[quarter][0], quarters[quarter][1] + days)
    weeks = []
    for week in wheel_weeks(year, language):
        first = max(week.monday, date(year, 1, 1))
        last = min(week.sunday, date(year, 12, 31))
        weeks.append((str(week.number), (last - first).days + 1))
    assert sum(d for _n, d in weeks) == days_in_year(year)
    return {"quarter": quarters, "week": weeks, "month": months}


def _write_chart(workbook, sheet, year: int, language: str, tr, fmt) -> None:
    """A doughnut of the year: quarters inside, weeks in the middle, months outside."""
    sheet.write_string(0, 0, tr("wheel.title", year=year), fmt.title)
    sheet.write_string(1, 0, tr("wheel.chart.note"), fmt.subtitle)
    sheet.set_row(0, 28)
    rings = chart_rings(year, language, tr)
    weeks = wheel_weeks(year, language)
    data_col = 12  # the data the chart reads, to the right of the print area
    sheet.write_string(0, data_col, tr("wheel.chart.data"), fmt.heading)
    chart = workbook.add_chart({"type": "doughnut"})
    for offset, (kind, slices) in enumerate(rings.items()):
        label_col, value_col = data_col + offset * 3, data_col + offset * 3 + 1
        sheet.write_string(1, label_col, tr(f"wheel.chart.{kind}"), fmt.header)
        sheet.write_string(1, value_col, tr("wheel.chart.days"), fmt.header)
        for row, (label, days) in enumerate(slices, start=2):
            sheet.write_string(row, label_col, label)
            sheet.write_number(row, value_col, days)
        sheet.set_column(label_col, label_col, 11)
        sheet.set_column(value_col, value_col, 6)
        last_row = 1 + len(slices)
        font = {
            "size": 10 if kind == "month" else 7 if kind == "week" else 12,
            "bold": kind != "week",
            "color": "#FFFFFF" if kind == "month" else "#1F3864",
        }
        if kind == "month":
            colours = [MONTH_COLOURS[i % 2] for i in range(len(slices))]
        elif kind == "quarter":
            colours = list(QUARTER_COLOURS)
        else:
            colours = []
            for i, week in enumerate(weeks):
                if week.holidays:
                    colours.append("#F8CBAD")
                elif week.school:
                    colours.append("#FFE699")
                else:
                    colours.append(WEEK_COLOURS[i % 2])
        chart.add_series(
            {
                "name": tr(f"wheel.chart.{kind}"),
                "categories": [sheet.name, 2, label_col, last_row, label_col],
                "values": [sheet.name, 2, value_col, last_row, value_col],
                "points": [
                    {"fill": {"color": c}, "border": {"color": "#FFFFFF", "width": 0.75}}
                    for c in colours
                ],
                # Each point's label as its own text: Excel and LibreOffice alike
                # show exactly it (LibreOffice reads absent label flags as "on").
                "data_labels": {
                    "value": True,
                    "custom": [{"value": label, "font": font} for label, _days in slices],
                },
            }
        )
    chart.set_title({"name": tr("wheel.title", year=year)})
    chart.set_legend({"none": True})
    chart.set_hole_size(20)
    chart.set_rotation(0)
    chart.set_size({"width": 760, "height": 760})
    chart.set_chartarea({"border": {"none": True}})
    sheet.insert_chart(3, 0, chart, {"x_offset": 10, "y_offset": 5})
    sheet.write_string(42, 0, tr("wheel.chart.legend"), fmt.subtitle)
    row = 44
    sheet.write_string(row, 0, tr("wheel.svg.holidays", year=year), fmt.heading)
    holidays = public_holidays(date(year, 1, 1), date(year, 12, 31), language)
    for offset, (day, name) in enumerate(holidays):
        column, line = divmod(offset, (len(holidays) + 1) // 2)
        target = row + 1 + line
        sheet.write_datetime(target, column * 5, datetime(day.year, day.month, day.day), fmt.date)
        sheet.write_string(target, column * 5 + 1, name)
    last_row = row + 1 + (len(holidays) + 1) // 2
    sheet.set_column(0, 0, 11)
    sheet.set_column(5, 5, 11)
    sheet.set_portrait()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 1)
    sheet.print_area(0, 0, last_row, 10)
    sheet.hide_gridlines(2)
