"""The terminal report: the view's titles, sentences and rows laid out as rich tables.

Nothing is counted or worded here. Every title, sentence and cell comes from
`view.report.ReportView`, the object the HTML, Markdown and Excel reports read, so
the terminal says what they say. A long list shows its first rows and how many more
there are: the terminal is no place for a thousand rows, the files have them all.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..compute import model
from ..compute.report import Report
from ..plan.palette import PHASE_STRONG_COLOURS
from ..view.report import SHOWN_PHASES, ReportView

MAX_ROWS = 15
# The view's tones as terminal colours: the terminal's own green, yellow and red.
TONES = {"good": "green", "warn": "yellow", "bad": "red", "neutral": ""}


def _table(title: str, *columns: tuple[str, str]) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD)
    for name, justify in columns:
        table.add_column(name, justify=justify)
    return table


def _cut(table: Table, items: Sequence, view: ReportView) -> Sequence:
    """The first MAX_ROWS items; the table's caption says how many were left out."""
    if len(items) > MAX_ROWS:
        table.caption = view.more(len(items) - MAX_ROWS)
    return items[:MAX_ROWS]


def _counted(title: str, count: int) -> str:
    return f"{title} ({count})"


def text_console(width: int | None, color: bool | None) -> tuple[Console, io.StringIO]:
    """A rich console that writes into a string: the terminal's colours only when asked
    (`color=False` for a file or a pipe), 110 columns unless told."""
    out = io.StringIO()
    console = Console(
        file=out,
        width=width or 110,
        force_terminal=bool(color),
        no_color=not color,
        highlight=False,
        emoji=False,
    )
    return console, out


def render_text(report: Report, *, width: int | None = None, color: bool | None = None) -> str:
    """The report as the terminal shows it; `color=False` for a file."""
    console, out = text_console(width, color)
    print_report(console, report)
    return out.getvalue()


def print_report(console: Console, report: Report) -> None:
    """The report's sections in the terminal's order, each from the view."""
    view = ReportView(report)
    print_header(console, view)
    if view.goal or view.experiment_year or view.readiness or view.tail:
        from .text_method import print_method  # it builds on this module's tables

        print_method(console, view)
    print_changes(console, view)
    print_trend(console, view)
    print_status(console, view)
    print_budget(console, view)
    if len(report.plans) > 1:
        print_plans(console, view)
    print_goals(console, view)
    if view.month:
        print_month(console, view)
    print_late_and_next(console, view)
    print_people_and_channels(console, view)
    print_closing(console, view)


def print_title(console: Console, view: ReportView, title: str) -> None:
    """The title, then the subtitle, the plans and where the figures come from (dim)."""
    lines = [Text(title, style="bold"), Text(view.subtitle, style="dim")]
    if view.plan_list:
        lines.append(Text(view.plan_list, style="dim"))
    if view.source_note:
        lines.append(Text(view.source_note, style="dim"))
    console.print(*lines, sep="\n")
    console.print()


def print_header(console: Console, view: ReportView) -> None:
    print_title(console, view, view.doc_title)
    for sentence in view.headline:
        console.print(f"• {sentence}")
    console.print()


def print_changes(console: Console, view: ReportView) -> None:
    """«Siden forrige rapport»: the counts, then each list that has something in it."""
    changes = view.changes
    if changes is None:
        return
    tr = view.tr
    console.print(Text(changes.title, style="bold"))
    if changes.empty:
        console.print(Text(changes.empty))
        console.print()
        return
    console.print(Text(changes.lead or "", style="dim"))
    figures = _table("", ("", "left"), ("", "right"), ("", "left"))
    figures.show_header = False
    for tile in changes.tiles:
        figures.add_row(tile.label, Text(tile.value, style=TONES[tile.tone]), tile.note)
    console.print(figures)
    for group in changes.groups:
        title = _counted(group.title, len(group.items))
        console.print(_tasks(view, title, group.items, days=group.days_title))
    moved = changes.changes.moved
    if moved:
        console.print(Text(changes.slip or ""))
        table = _table(
            _counted(changes.moved_title, len(moved)),
            (tr("col.activity"), "left"),
            (tr("col.responsible"), "left"),
            (tr("mgmt.col.old_deadline"), "left"),
            (tr("mgmt.col.new_deadline"), "left"),
            (tr("mgmt.col.days_moved"), "right"),
            (tr("col.campaign"), "left"),
        )
        for row in changes.moved(_cut(table, moved, view)):
            table.add_row(row.activity, row.person, row.old, row.new, row.days, row.campaign)
        console.print(table)
    if changes.budgets:
        table = _table(
            changes.budgets_title,
            (tr("col.campaign"), "left"),
            (tr("mgmt.col.before"), "right"),
            (tr("mgmt.col.now"), "right"),
            (tr("mgmt.col.change"), "right"),
        )
        for row in changes.budgets:
            table.add_row(row.name, row.before, row.after, row.change)
        console.print(table)
    if changes.results:
        table = _table(
            changes.results_title,
            (tr("col.campaign"), "left"),
            ("KPI", "left"),
            (tr("mgmt.col.before"), "right"),
            (tr("mgmt.col.now"), "right"),
            (tr("mgmt.col.gained"), "right"),
            (tr("col.target"), "right"),
            (tr("col.share"), "right"),
        )
        for row in changes.results:
            table.add_row(
                row.name, row.kpi, row.before, row.after, row.gained, row.target, row.share
            )
        console.print(table)


def print_trend(console: Console, view: ReportView) -> None:
    """One row per month from the history store; the charts are the HTML's and Excel's."""
    trend = view.trend
    if trend is None:
        return
    tr = view.tr
    table = _table(
        trend.title,
        (trend.month_header, "left"),
        (view.phase("distributed"), "right"),
        (tr("col.overdue"), "right"),
        (tr("budget.burn"), "right"),
        (tr("budget.elapsed"), "right"),
        (tr("budget.spent"), "right"),
    )
    for row in trend.rows:
        table.add_row(
            row.month,
            row.distributed,
            row.overdue,
            row.burn,
            row.elapsed,
            row.spent,
            style="bold" if row.record.current else None,
        )
    table.caption = trend.lead
    console.print(table)
    console.print()


def print_status(console: Console, view: ReportView) -> None:
    tr = view.tr
    status = _table(
        tr("text.status"),
        (tr("col.phase"), "left"),
        (tr("col.count"), "right"),
        (tr("col.share"), "right"),
    )
    for row in view.status_rows:
        label = Text(row.label, style=PHASE_STRONG_COLOURS[row.phase])
        status.add_row(label, row.count_text, row.share_text)
    console.print(status)


def print_budget(console: Console, view: ReportView) -> None:
    tr = view.tr
    budget = _table(tr("mgmt.section.budget"), ("", "left"), ("", "right"))
    budget.show_header = False
    for label, value in view.budget_rows:
        budget.add_row(label, value)
    console.print(budget)
    items = view.report.over_budget
    if not items:
        return
    over = _table(
        _counted(tr("text.over_budget"), len(items)),
        (tr("col.activity"), "left"),
        (tr("col.responsible"), "left"),
        (tr("budget.planned"), "right"),
        (tr("budget.spent"), "right"),
        (tr("col.over"), "right"),
        (tr("col.campaign"), "left"),
    )
    for row in view.over_budget(_cut(over, items, view)):
        over.add_row(row.activity, row.person, row.planned, row.spent, row.over, row.campaign)
    console.print(over)


def print_plans(console: Console, view: ReportView) -> None:
    """Per campaign, and the portfolio's total under them."""
    tr = view.tr
    plans = _table(
        tr("text.portfolio"),
        (tr("col.campaign"), "left"),
        (tr("col.activities"), "right"),
        (view.phase("distributed"), "right"),
        (tr("budget.spent"), "right"),
        (tr("budget.total"), "right"),
        (tr("budget.burn"), "right"),
        (tr("budget.elapsed"), "right"),
        (tr("col.overdue"), "right"),
        (tr("col.errors"), "right"),
    )
    for row in [*view.plan_cells, view.plan_total]:
        plans.add_row(
            row.name,
            row.activities,
            row.distributed,
            row.spent,
            row.total,
            row.burn,
            row.elapsed,
            row.overdue,
            row.errors,
            style=None if row.record else "bold",
        )
    console.print(plans)


def print_goals(console: Console, view: ReportView) -> None:
    if not view.goal_cells:
        return
    tr = view.tr
    goals = _table(
        tr("text.kpi"),
        (tr("col.campaign"), "left"),
        ("KPI", "left"),
        (tr("col.result"), "right"),
        (tr("col.target"), "right"),
        (tr("col.share"), "right"),
        (tr("budget.elapsed"), "right"),
        (tr("mgmt.col.on_track"), "left"),
    )
    for row in view.goal_cells:
        goals.add_row(
            row.name, row.kpi, row.result, row.target, row.share, row.elapsed, row.on_track
        )
    console.print(goals)


def _tasks(
    view: ReportView,
    title: str,
    items: Sequence[model.Task],
    *,
    days: str | None = None,
    date_key: str = "deadline",
) -> Table:
    """A list of activities as every format lists them; `days`: the days column's header."""
    tr = view.tr
    columns = [
        (tr("col.activity"), "left"),
        (tr("col.responsible"), "left"),
        (tr(f"col.{date_key}"), "left"),
        (tr("col.phase"), "left"),
        (tr("col.campaign"), "left"),
    ]
    table = _table(title, *([(days, "right")] if days else []), *columns)
    for row in view.tasks(_cut(table, items, view)):
        cells = [row.activity, row.person, getattr(row, date_key), row.phase, row.campaign]
        table.add_row(*([row.days] if days else []), *cells)
    return table


def print_month(console: Console, view: ReportView) -> None:
    """`--måned`: the month's figures and its lists."""
    tr = view.tr
    console.print(Text(view.month_title or "", style="bold"))
    console.print(Text(tr("mgmt.month.lead"), style="dim"))
    figures = _table("", ("", "left"), ("", "right"))
    figures.show_header = False
    for tile in view.month_tiles:
        figures.add_row(tile.label, tile.value)
    console.print(figures)
    for group in view.month_groups:
        if group.items:
            title = _counted(group.title, len(group.items))
            console.print(_tasks(view, title, group.items, date_key=group.date_key))
        else:
            console.print(Text(f"{group.title}: {tr('mgmt.none')}"))
            console.print()


def print_late_and_next(console: Console, view: ReportView) -> None:
    """What is late, then what falls due in the coming days; each says so when empty."""
    report, tr = view.report, view.tr
    if report.overdue:
        days = tr("mgmt.col.days_late")
        console.print(_tasks(view, view.overdue_title, report.overdue, days=days))
    else:
        console.print(Text(view.overdue_title, style="bold"))
        console.print(Text(view.overdue_empty, style=TONES["good"]))
        console.print()
    if report.upcoming:
        days = tr("mgmt.col.days_left")
        console.print(_tasks(view, view.upcoming_title, report.upcoming, days=days))
    else:
        console.print(Text(view.upcoming_title, style="bold"))
        console.print(Text(view.upcoming_empty))
        console.print()


def print_people_and_channels(console: Console, view: ReportView) -> None:
    tr = view.tr
    people = _table(
        tr("text.by_person"),
        (tr("col.person"), "left"),
        *[(view.phase(p), "right") for p in SHOWN_PHASES],
        (tr("col.overdue"), "right"),
    )
    for row in _cut(people, view.person_cells, view):
        people.add_row(row.name, *row.counts, row.overdue)
    console.print(people)

    money = ((tr("budget.planned"), "right"), (tr("budget.spent"), "right"))
    channels = _table(
        tr("text.by_channel"),
        (tr("col.channel"), "left"),
        (tr("col.activities"), "right"),
        *money,
        (tr("budget.burn"), "right"),
    )
    for row in _cut(channels, view.channel_cells, view):
        channels.add_row(row.name, row.activities, row.planned, row.spent, row.burn)
    console.print(channels)

    if view.type_cells:
        types = _table(
            tr("mgmt.section.by_type"),
            (tr("col.type"), "left"),
            (tr("col.activities"), "right"),
            *money,
        )
        for row in _cut(types, view.type_cells, view):
            types.add_row(row.name, row.activities, row.planned, row.spent)
        console.print(types)


def print_closing(console: Console, view: ReportView) -> None:
    """The experiments of the month, the plans' issues and the files not read."""
    console.print(Text(view.experiments_sentence, style=TONES[view.experiments_tone]))
    console.print()
    console.print(Text(view.issues_sentence, style=TONES[view.issues_tone]))
    for line in view.unreadable_lines:
        console.print(Text(line, style=TONES["bad"]))
