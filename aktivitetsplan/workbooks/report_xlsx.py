"""The management report as a workbook: key figures with native charts, then filtered tables.

`Sammendrag` holds the headline, the key figures and three charts (phase
distribution, budget burn against time, spend per channel); every list is its own
sheet as an Excel table with autofilter. Text from a plan is always written with
`write_string`: never a formula, never a link.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..compute.report import Report
from ..plan.model import Issue
from ..plan.schema import ALL_PHASES, PHASE_STRONG_COLOURS
from ..view.report import SHOWN_PHASES, ReportView
from .common import Formats, mark_generated, new_workbook

TABLE_STYLE = "Table Style Medium 2"
CHART_STYLE = {"name": "Calibri", "size": 10, "color": "#1D2433"}
ACCENT = "#1F3864"
ACCENT_SOFT = "#9DB0D3"
BAD = "#C00000"
GOOD = "#3E8E41"
GREY = "#9AA4B2"


@dataclass(frozen=True)
class Column:
    """One table column: header, value kind (text|int|number|money|pct|date) and width."""

    header: str
    kind: str
    width: float
    value: Callable[[Any], Any]

    def of(self, pick: Callable[[Any], Any]) -> Column:
        """The same column over items that hold its record: `pick` finds the record in
        an item (a blank cell when there is none)."""
        value = self.value

        def read(item: Any) -> Any:
            record = pick(item)
            return None if record is None else value(record)

        return Column(self.header, self.kind, self.width, read)


class SheetWriter:
    """Writes typed cells and tables; one instance per workbook."""

    def __init__(self, workbook, formats: Formats) -> None:
        self.workbook = workbook
        self.formats = formats
        self.pct = workbook.add_format({"num_format": "0 %"})
        self.pct1 = workbook.add_format({"num_format": "0.0 %"})
        self.kinds = {
            "text": None,
            "int": formats.integer,
            "number": formats.number,
            "money": formats.money,
            "pct": self.pct,
            "date": formats.date,
        }

    def cell(self, sheet, row: int, col: int, kind: str, value: Any, fmt=None) -> None:
        fmt = fmt if fmt is not None else self.kinds[kind]
        if value is None or value == "":
            sheet.write_blank(row, col, None, fmt)
        elif kind == "text":
            sheet.write_string(row, col, str(value), fmt)
        elif kind == "date":
            day = date.fromisoformat(value) if isinstance(value, str) else value
            sheet.write_datetime(row, col, datetime(day.year, day.month, day.day), fmt)
        elif kind == "pct":
            sheet.write_number(row, col, float(value) / 100, fmt)
        else:
            sheet.write_number(row, col, float(value), fmt)

    def table(
        self,
        sheet,
        name: str,
        columns: Sequence[Column],
        items: Sequence[Any],
        *,
        first_row: int = 0,
        first_col: int = 0,
        widths: bool = True,
    ) -> tuple[int, int]:
        """An Excel table with autofilter; returns (first data row, last data row)."""
        for offset, item in enumerate(items, start=1):
            for index, column in enumerate(columns):
                self.cell(
                    sheet, first_row + offset, first_col + index, column.kind, column.value(item)
                )
        last_row = first_row + max(len(items), 1)  # a table needs one data row, even blank
        sheet.add_table(
            first_row,
            first_col,
            last_row,
            first_col + len(columns) - 1,
            {
                "name": name,
                "style": TABLE_STYLE,
                "autofilter": True,
                "columns": [{"header": c.header, "format": self.kinds[c.kind]} for c in columns],
            },
        )
        if widths:
            for index, column in enumerate(columns):
                sheet.set_column(first_col + index, first_col + index, column.width)
        return first_row + 1, last_row

    def list_sheet(self, title: str, name: str, columns: Sequence[Column], items: Sequence[Any]):
        sheet = self.workbook.add_worksheet(title)
        self.table(sheet, name, columns, items)
        sheet.freeze_panes(1, 0)
        sheet.set_paper(9)  # A4
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0)
        return sheet


def task_columns(view: ReportView, days: tuple[str, str] | None) -> list[Column]:
    tr = view.tr
    columns = []
    if days:
        key, header = days
        columns.append(Column(header, "int", 10, lambda i, key=key: getattr(i, key)))
    columns += [
        Column(tr("mgmt.col.id"), "text", 8, lambda i: i.id),
        Column(tr("col.activity"), "text", 40, lambda i: i.activity),
        Column(tr("col.responsible"), "text", 18, lambda i: i.responsible),
        Column(tr("mgmt.col.executor"), "text", 18, lambda i: i.executor),
        Column(tr("col.channel"), "text", 14, lambda i: i.channel),
        Column(tr("col.start"), "date", 12, lambda i: i.start),
        Column(tr("col.deadline"), "date", 12, lambda i: i.deadline),
        Column(tr("col.phase"), "text", 15, lambda i: view.phase(i.phase)),
        Column(tr("mgmt.col.status"), "text", 15, lambda i: i.status),
        Column(tr("col.campaign"), "text", 30, lambda i: i.campaign),
        Column(tr("col.file"), "text", 28, lambda i: i.file),
        Column(tr("mgmt.col.cell"), "text", 18, lambda i: f"{i.sheet}!A{i.row}"),
    ]
    return columns


def write_summary(writer: SheetWriter, view: ReportView, sheet_names: dict[str, str]) -> None:
    tr, report, formats = view.tr, view.report, writer.formats
    workbook = writer.workbook
    sheet = workbook.add_worksheet(sheet_names["summary"])
    sheet.hide_gridlines(2)
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.set_column(0, 0, 36)
    sheet.set_column(1, 4, 16)
    sheet.set_column(5, 5, 3)
    sheet.write_string(0, 0, view.doc_title, formats.title)
    sheet.write_string(1, 0, view.subtitle, formats.subtitle)
    if len(view.plan_names) > 1:
        sheet.write_string(2, 0, " · ".join(view.plan_names), formats.subtitle)
    row = 4
    for sentence in view.headline:
        sheet.write_string(row, 0, sentence)
        row += 1

    # Key figures; the charts sit to their right, below the headline.
    row += 1
    chart_row = row
    sheet.write_string(row, 0, tr("mgmt.section.key_figures"), formats.heading)
    status, budget = report.status, report.budget
    figures: list[dict[str, Any]] = [
        {"label": tr("col.activities"), "kind": "int", "value": report.activities},
        *[
            {"label": view.phase(p), "kind": "int", "value": status.get(p, 0)}
            for p in ALL_PHASES
            if p in SHOWN_PHASES or status.get(p)
        ],
        {"label": tr("budget.total"), "kind": "money", "value": budget.total},
        {"label": tr("budget.planned"), "kind": "money", "value": budget.planned},
        {"label": tr("budget.spent"), "kind": "money", "value": budget.spent},
        {"label": tr("budget.remaining"), "kind": "money", "value": budget.remaining},
        {"label": tr("budget.burn"), "kind": "pct", "value": budget.burn_pct},
        {"label": tr("budget.elapsed"), "kind": "pct", "value": budget.elapsed_pct},
        {"label": tr("budget.forecast"), "kind": "money", "value": budget.forecast},
        {"label": tr("col.overdue"), "kind": "int", "value": len(report.overdue)},
        {
            "label": tr("mgmt.fig.upcoming", days=report.settings.upcoming_days),
            "kind": "int",
            "value": len(report.upcoming),
        },
        {
            "label": tr("mgmt.fig.experiments", month=view.fmt.month(report.experiments.month)),
            "kind": "int",
            "value": report.experiments.count,
        },
    ]
    for goal in report.kpi:
        if goal.pct is not None:
            figures.append(
                {
                    "label": tr("mgmt.fig.goal", campaign=view.campaign(goal)),
                    "kind": "pct",
                    "value": goal.pct,
                }
            )
    if report.month:
        month = report.month
        figures += [
            {"label": tile.label, "kind": kind, "value": value}
            for tile, kind, value in zip(
                view.month_tiles,
                ("int", "int", "int", "money", "int"),
                (
                    len(month.finished),
                    len(month.started),
                    len(month.due_open),
                    month.spent_due,
                    len(month.experiments),
                ),
                strict=True,
            )
        ]
    figures += [
        {"label": tr("mgmt.fig.errors"), "kind": "int", "value": report.errors},
        {"label": tr("mgmt.fig.warnings"), "kind": "int", "value": report.warnings},
    ]
    value_formats = {
        "int": formats.integer,
        "money": formats.money,
        "pct": writer.pct,
    }
    row += 1
    sheet.write_string(row, 0, tr("mgmt.col.figure"), formats.header)
    sheet.write_string(row, 1, tr("mgmt.col.value"), formats.header)
    for figure in figures:
        row += 1
        sheet.write_string(row, 0, figure["label"])
        writer.cell(sheet, row, 1, figure["kind"], figure["value"], value_formats[figure["kind"]])

    # Phase distribution: table + doughnut.
    row += 2
    sheet.write_string(row, 0, tr("text.status"), formats.heading)
    row += 1
    phases = [r for r in view.status_rows]
    first, last = writer.table(
        sheet,
        "Faser",
        [
            Column(tr("col.phase"), "text", 36, lambda r: r.label),
            Column(tr("col.count"), "int", 16, lambda r: r.count),
            Column(tr("col.share"), "pct", 16, lambda r: r.share),
        ],
        phases,
        first_row=row,
        widths=False,
    )
    donut = workbook.add_chart({"type": "doughnut"})
    donut.add_series(
        {
            "name": tr("mgmt.chart.phases"),
            "categories": [sheet.name, first, 0, last, 0],
            "values": [sheet.name, first, 1, last, 1],
            "points": [{"fill": {"color": PHASE_STRONG_COLOURS[r.phase]}} for r in phases],
            "data_labels": {"value": True, "font": {"color": "#FFFFFF", "bold": True}},
        }
    )
    donut.set_title({"name": tr("mgmt.chart.phases"), "name_font": {"size": 12}})
    donut.set_hole_size(55)
    donut.set_legend({"position": "right", "font": CHART_STYLE})
    donut.set_chartarea({"border": {"none": True}})
    sheet.insert_chart(chart_row, 6, donut, {"x_scale": 1.0, "y_scale": 1.0})
    row = last + 2

    # Budget burn against time: three dates, four lines.
    burn_chart = None
    if view.has_period:
        start, end = budget.period_start, budget.period_end
        today = min(max(report.date, start), end)
        total, spent, forecast = budget.total, budget.spent, budget.forecast
        even_today = total * ((today - start).days / max((end - start).days, 1))
        points = [
            {"date": start, "even": 0.0, "spent": 0.0, "forecast": None, "budget": total},
            {
                "date": today,
                "even": even_today,
                "spent": spent,
                "forecast": spent if forecast is not None else None,
                "budget": total,
            },
            {"date": end, "even": total, "spent": None, "forecast": forecast, "budget": total},
        ]
        sheet.write_string(row, 0, tr("mgmt.chart.burn"), formats.heading)
        row += 1
        columns = [
            Column(tr("mgmt.col.date"), "date", 36, lambda p: p["date"]),
            Column(tr("mgmt.chart.even"), "money", 16, lambda p: p["even"]),
            Column(tr("budget.spent"), "money", 16, lambda p: p["spent"]),
            Column(tr("mgmt.chart.forecast"), "money", 16, lambda p: p["forecast"]),
            Column(tr("budget.total"), "money", 16, lambda p: p["budget"]),
        ]
        first, last = writer.table(sheet, "Forbruk", columns, points, first_row=row, widths=False)
        burn_chart = workbook.add_chart({"type": "scatter", "subtype": "straight_with_markers"})
        styles = [
            (1, GREY, "dash", "none"),
            (2, ACCENT, "solid", "circle"),
            (3, BAD if forecast is not None and forecast > total else GOOD, "dash", "circle"),
            (4, "#1D2433", "long_dash", "none"),
        ]
        for col, colour, dash, marker in styles:
            burn_chart.add_series(
                {
                    "name": [sheet.name, row, col],
                    "categories": [sheet.name, first, 0, last, 0],
                    "values": [sheet.name, first, col, last, col],
                    "line": {"color": colour, "width": 2.25, "dash_type": dash},
                    "marker": {
                        "type": marker,
                        "size": 7,
                        "fill": {"color": colour},
                        "border": {"color": colour},
                    },
                }
            )
        burn_chart.set_title({"name": tr("mgmt.chart.burn"), "name_font": {"size": 12}})
        burn_chart.set_x_axis(
            {
                "date_axis": True,
                "num_format": "dd.mm.yyyy",
                "min": (start - date(1899, 12, 30)).days,
                "max": (end - date(1899, 12, 30)).days,
                "major_gridlines": {"visible": False},
                "num_font": CHART_STYLE,
            }
        )
        burn_chart.set_y_axis(
            {
                "num_format": '#,##0 "kr"',
                "min": 0,
                "major_gridlines": {"visible": True, "line": {"color": "#E6E9EF"}},
                "num_font": CHART_STYLE,
            }
        )
        burn_chart.show_blanks_as("gap")
        burn_chart.set_legend({"position": "bottom", "font": CHART_STYLE})
        burn_chart.set_chartarea({"border": {"none": True}})
        sheet.insert_chart(chart_row + 16, 6, burn_chart, {"x_scale": 1.3, "y_scale": 1.1})
    return sheet, chart_row + (34 if burn_chart else 16)


def channel_chart(workbook, view: ReportView, sheet_name: str, rows: int):
    """Planned and spent per channel, read from the `Per kanal` table."""
    tr = view.tr
    last = max(rows, 1)
    chart = workbook.add_chart({"type": "bar"})
    for col, colour in ((2, ACCENT_SOFT), (3, ACCENT)):
        chart.add_series(
            {
                "name": [sheet_name, 0, col],
                "categories": [sheet_name, 1, 0, last, 0],
                "values": [sheet_name, 1, col, last, col],
                "fill": {"color": colour},
                "border": {"none": True},
                "gap": 60,
            }
        )
    chart.set_title({"name": tr("mgmt.chart.channels"), "name_font": {"size": 12}})
    # In a bar chart the category axis is the vertical one: channels top-down in table
    # order, with the money axis kept at the bottom.
    chart.set_y_axis({"reverse": True, "crossing": "max", "num_font": CHART_STYLE})
    chart.set_x_axis(
        {
            "num_format": '#,##0 "kr"',
            "major_gridlines": {"visible": True, "line": {"color": "#E6E9EF"}},
            "num_font": CHART_STYLE,
        }
    )
    chart.set_legend({"position": "bottom", "font": CHART_STYLE})
    chart.set_chartarea({"border": {"none": True}})
    return chart


def sheet_names(view: ReportView) -> dict[str, str]:
    keys = (
        "summary",
        "month",
        "overdue",
        "upcoming",
        "by_campaign",
        "activity_goals",
        "by_person",
        "by_channel",
        "over_budget",
        "issues",
    )
    return {key: view.tr(f"mgmt.sheet.{key}") for key in keys}


def write_report_xlsx(report: Report, path: Path) -> Path:
    """Write the report workbook to `path` (the caller makes it atomic)."""
    view = ReportView(report)
    tr = view.tr
    names = sheet_names(view)
    workbook = new_workbook(path, view.doc_title)
    mark_generated(workbook, "rapport")  # skipped when found beside the plans
    formats = Formats(workbook, view.fmt.currency)
    writer = SheetWriter(workbook, formats)
    summary, channel_row = write_summary(writer, view, names)

    if report.month:
        # (the list's title, the task) for every task of every list of the month
        items = [(group.title, item) for group in view.month_groups for item in group.items]
        group_column = Column(tr("mgmt.col.group"), "text", 28, lambda pair: pair[0])
        columns = [c.of(lambda pair: pair[1]) for c in task_columns(view, None)]
        writer.list_sheet(names["month"], "Maaned", [group_column, *columns], items)
    writer.list_sheet(
        names["overdue"],
        "Forsinket",
        task_columns(view, ("days_overdue", tr("mgmt.col.days_late"))),
        report.overdue,
    )
    writer.list_sheet(
        names["upcoming"],
        "Kommende",
        task_columns(view, ("days_left", tr("mgmt.col.days_left"))),
        report.upcoming,
    )
    # (the plan's figures, its campaign goal) for every plan
    kpi = {(k.file, k.sheet): k for k in report.kpi}
    plans = [(p, kpi.get((p.file, p.sheet))) for p in report.plans]
    goal_columns = [
        Column("KPI", "text", 22, lambda g: g.kpi),
        Column(tr("col.target"), "number", 11, lambda g: g.target),
        Column(tr("col.result"), "number", 11, lambda g: g.result),
        Column(tr("mgmt.col.goal_pct"), "pct", 13, lambda g: g.pct),
    ]
    writer.list_sheet(
        names["by_campaign"],
        "PerKampanje",
        [
            Column(tr("col.campaign"), "text", 32, lambda p: p[0].campaign),
            Column(tr("col.responsible"), "text", 18, lambda p: view.owner(p[0])),
            Column(tr("col.activities"), "int", 12, lambda p: p[0].activities),
            *[
                Column(view.phase(ph), "int", 14, lambda p, ph=ph: p[0].status[ph])
                for ph in (*SHOWN_PHASES, "cancelled")
            ],
            Column(tr("budget.total"), "money", 14, lambda p: p[0].budget.total),
            Column(tr("budget.spent"), "money", 14, lambda p: p[0].budget.spent),
            Column(tr("budget.burn"), "pct", 11, lambda p: p[0].budget.burn_pct),
            Column(tr("budget.elapsed"), "pct", 11, lambda p: p[0].budget.elapsed_pct),
            Column(tr("budget.forecast"), "money", 16, lambda p: p[0].budget.forecast),
            Column(tr("col.overdue"), "int", 11, lambda p: p[0].overdue),
            *[c.of(lambda p: p[1]) for c in goal_columns],
            Column(tr("col.errors"), "int", 8, lambda p: p[0].errors),
            Column(tr("mgmt.fig.warnings"), "int", 12, lambda p: p[0].warnings),
            Column(tr("col.file"), "text", 28, lambda p: p[0].file),
        ],
        plans,
    )
    if view.activity_goals:
        writer.list_sheet(
            names["activity_goals"],
            "MaalPerAktivitet",
            [
                Column(tr("mgmt.col.id"), "text", 8, lambda g: g.id),
                Column(tr("col.activity"), "text", 40, lambda g: g.activity),
                Column("KPI", "text", 22, lambda g: g.kpi),
                Column(tr("col.target"), "number", 11, lambda g: g.target),
                Column(tr("col.result"), "number", 11, lambda g: g.result),
                Column(tr("mgmt.col.goal_pct"), "pct", 13, lambda g: g.pct),
                Column(tr("col.phase"), "text", 15, lambda g: view.phase(g.phase)),
                Column(tr("col.responsible"), "text", 18, lambda g: g.responsible),
                Column(tr("col.campaign"), "text", 30, lambda g: g.campaign),
                Column(tr("col.file"), "text", 28, lambda g: g.file),
                Column(tr("mgmt.col.cell"), "text", 18, lambda g: f"{g.sheet}!A{g.row}"),
            ],
            view.activity_goals,
        )
    writer.list_sheet(
        names["by_person"],
        "PerPerson",
        [
            Column(tr("col.person"), "text", 24, lambda r: view.person(r.person)),
            *[
                Column(view.phase(ph), "int", 14, lambda r, ph=ph: r.in_phase(ph))
                for ph in (*SHOWN_PHASES, "cancelled")
            ],
            Column(tr("col.overdue"), "int", 11, lambda r: r.overdue),
        ],
        report.by_person,
    )
    channels = writer.list_sheet(
        names["by_channel"],
        "PerKanal",
        [
            Column(tr("col.channel"), "text", 24, lambda r: view.channel(r.channel)),
            Column(tr("col.activities"), "int", 12, lambda r: r.activities),
            Column(tr("budget.planned"), "money", 14, lambda r: r.planned),
            Column(tr("budget.spent"), "money", 14, lambda r: r.spent),
            Column(tr("budget.burn"), "pct", 11, lambda r: r.burn_pct),
        ],
        report.by_channel,
    )
    if report.by_channel:
        chart = channel_chart(workbook, view, channels.name, len(report.by_channel))
        summary.insert_chart(channel_row, 6, chart, {"x_scale": 1.3, "y_scale": 1.3})
    if report.over_budget:
        writer.list_sheet(
            names["over_budget"],
            "OverBudsjett",
            [
                Column(tr("col.activity"), "text", 40, lambda i: i.activity),
                Column(tr("col.responsible"), "text", 18, lambda i: i.responsible),
                Column(tr("budget.planned"), "money", 14, lambda i: i.budget),
                Column(tr("budget.spent"), "money", 14, lambda i: i.cost),
                Column(tr("col.over"), "money", 14, lambda i: i.over),
                Column(tr("col.campaign"), "text", 30, lambda i: i.campaign),
                Column(tr("col.file"), "text", 28, lambda i: i.file),
            ],
            report.over_budget,
        )
    # Every issue, then every file not read at all (an error without a cell).
    issues = [*report.issues, *(Issue(u.file, "", "error", u.message) for u in report.unreadable)]
    writer.list_sheet(
        names["issues"],
        "Avvik",
        [
            Column(tr("col.severity"), "text", 12, lambda i: view.severity(i.severity)),
            Column(tr("col.file"), "text", 34, lambda i: i.file),
            Column(tr("col.cell"), "text", 22, lambda i: i.cell),
            Column(tr("col.message"), "text", 80, lambda i: i.message),
        ],
        issues,
    )
    summary.activate()
    workbook.close()
    return path
