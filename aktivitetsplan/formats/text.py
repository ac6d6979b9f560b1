"""The terminal report (rich tables, Norwegian number and date formats)."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..compute.report import Report
from ..i18n import Translator
from ..plan.schema import ALL_PHASES, PHASE_LABELS, PHASE_STRONG_COLOURS, PHASES, TYPE_LABELS
from ..view.report import ReportView
from ..view.summary import headline

MAX_ROWS = 15


def _table(title: str, *columns: tuple[str, str]) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD)
    for name, justify in columns:
        table.add_column(name, justify=justify)
    return table


def _more(table: Table, items: list, tr: Translator) -> None:
    if len(items) > MAX_ROWS:
        table.caption = tr("text.more", count=len(items) - MAX_ROWS)


def render_text(report: Report, *, width: int | None = None, color: bool | None = None) -> str:
    """The report as the terminal shows it; `color=False` for a file."""
    out = io.StringIO()
    console = Console(
        file=out,
        width=width or 110,
        force_terminal=bool(color),
        no_color=not color,
        highlight=False,
        emoji=False,
    )
    print_report(console, report)
    return out.getvalue()


def print_report(console: Console, report: Report) -> None:
    lang = report.settings.language
    view = ReportView(report)
    tr, fmt = view.tr, view.fmt
    labels = PHASE_LABELS[lang]
    console.print(
        Text(tr("text.title", date=fmt.date(report.date)), style="bold"),
        Text(
            tr(
                "text.subtitle",
                plans=len(report.plans),
                files=report.files,
                activities=fmt.number(report.activities),
            ),
            style="dim",
        ),
        sep="\n",
    )
    console.print()
    for sentence in headline(report, tr, fmt):
        console.print(f"• {sentence}")
    console.print()

    status = _table(
        tr("text.status"),
        (tr("col.phase"), "left"),
        (tr("col.count"), "right"),
        (tr("col.share"), "right"),
    )
    for phase in ALL_PHASES:
        count = report.status[phase]
        if phase in ("cancelled", "unknown") and not count:
            continue
        # the report's share of the active activities; none for cancelled
        share = report.status_pct.get(phase)
        share = fmt.pct(share) if share is not None else ""
        status.add_row(
            Text(labels[phase], style=PHASE_STRONG_COLOURS[phase]), fmt.number(count), share
        )
    console.print(status)

    b = report.budget
    budget = _table(tr("text.budget"), ("", "left"), ("", "right"))
    budget.show_header = False
    for key in ("total", "planned", "spent", "remaining"):
        budget.add_row(tr(f"budget.{key}"), fmt.money(getattr(b, key)))
    budget.add_row(
        tr("budget.burn"),
        tr("text.burn_vs", burn=fmt.pct(b.burn_pct), elapsed=fmt.pct(b.elapsed_pct)),
    )
    budget.add_row(tr("budget.forecast"), fmt.money(b.forecast))
    console.print(budget)
    if report.over_budget:
        over = _table(
            tr("text.over_budget"),
            (tr("col.activity"), "left"),
            (tr("budget.planned"), "right"),
            (tr("budget.spent"), "right"),
            (tr("col.over"), "right"),
        )
        for item in report.over_budget[:MAX_ROWS]:
            over.add_row(
                item.activity,
                fmt.money(item.budget),
                fmt.money(item.cost),
                fmt.money(item.over),
            )
        _more(over, report.over_budget, tr)
        console.print(over)

    if len(report.plans) > 1:
        plans = _table(
            tr("text.portfolio"),
            (tr("col.campaign"), "left"),
            (tr("col.activities"), "right"),
            (labels["distributed"], "right"),
            (tr("budget.spent"), "right"),
            (tr("budget.total"), "right"),
            (tr("budget.burn"), "right"),
            (tr("col.overdue"), "right"),
            (tr("col.errors"), "right"),
        )
        for plan in report.plans:
            pb = plan.budget
            plans.add_row(
                plan.campaign or plan.file,
                fmt.number(plan.activities),
                fmt.number(plan.status["distributed"]),
                fmt.money(pb.spent),
                fmt.money(pb.total),
                fmt.pct(pb.burn_pct),
                fmt.number(plan.overdue),
                fmt.number(plan.errors),
            )
        plans.add_row(
            Text(tr("text.total"), style="bold"),
            fmt.number(report.activities),
            fmt.number(report.status["distributed"]),
            fmt.money(b.spent),
            fmt.money(b.total),
            fmt.pct(b.burn_pct),
            fmt.number(len(report.overdue)),
            fmt.number(report.errors),
            style="bold",
        )
        console.print(plans)

    goals = [k for k in report.kpi if k.target or k.result is not None]
    if goals:
        kpi = _table(
            tr("text.kpi"),
            (tr("col.campaign"), "left"),
            ("KPI", "left"),
            (tr("col.target"), "right"),
            (tr("col.result"), "right"),
            (tr("col.share"), "right"),
        )
        for goal in goals:
            kpi.add_row(
                goal.campaign or goal.file,
                goal.kpi or "–",
                fmt.number(goal.target),
                fmt.number(goal.result),
                fmt.pct(goal.pct),
            )
        console.print(kpi)

    if report.month:
        print_month(console, report)

    overdue = _table(
        tr("text.overdue", count=len(report.overdue)),
        (tr("col.days_late"), "right"),
        (tr("col.activity"), "left"),
        (tr("col.responsible"), "left"),
        (tr("col.deadline"), "left"),
        (tr("col.phase"), "left"),
        (tr("col.campaign"), "left"),
    )
    for item in report.overdue[:MAX_ROWS]:
        overdue.add_row(
            str(item.days_overdue),
            item.activity,
            item.responsible or "–",
            fmt.date(item.deadline),
            labels[item.phase],
            item.campaign or item.file,
        )
    _more(overdue, report.overdue, tr)
    console.print(overdue if report.overdue else Text(tr("text.no_overdue"), style="green"))
    console.print()

    upcoming = _table(
        tr("text.upcoming", days=report.settings.upcoming_days, count=len(report.upcoming)),
        (tr("col.days_left"), "right"),
        (tr("col.activity"), "left"),
        (tr("col.responsible"), "left"),
        (tr("col.deadline"), "left"),
        (tr("col.phase"), "left"),
        (tr("col.campaign"), "left"),
    )
    for item in report.upcoming[:MAX_ROWS]:
        upcoming.add_row(
            str(item.days_left),
            item.activity,
            item.responsible or "–",
            fmt.date(item.deadline),
            labels[item.phase],
            item.campaign or item.file,
        )
    _more(upcoming, report.upcoming, tr)
    console.print(upcoming)

    people = _table(
        tr("text.by_person"),
        (tr("col.person"), "left"),
        *[(labels[p], "right") for p in PHASES[:3]],
        (tr("col.overdue"), "right"),
    )
    for row in report.by_person[:MAX_ROWS]:
        people.add_row(
            row.person or tr("text.none"),
            *[fmt.number(row.in_phase(p)) for p in PHASES[:3]],
            fmt.number(row.overdue),
        )
    _more(people, report.by_person, tr)
    console.print(people)

    channels = _table(
        tr("text.by_channel"),
        (tr("col.channel"), "left"),
        (tr("col.activities"), "right"),
        (tr("budget.planned"), "right"),
        (tr("budget.spent"), "right"),
    )
    for row in report.by_channel[:MAX_ROWS]:
        channels.add_row(
            row.channel or tr("text.none"),
            fmt.number(row.activities),
            fmt.money(row.planned),
            fmt.money(row.spent),
        )
    _more(channels, report.by_channel, tr)
    console.print(channels)

    exp = report.experiments
    key = "text.experiments_ok" if exp.count else "text.experiments_none"
    console.print(
        Text(
            tr(key, count=exp.count, month=fmt.month(exp.month)),
            style="green" if exp.count else "yellow",
        )
    )
    console.print()
    if report.issues:
        console.print(
            Text(tr("text.issues", errors=report.errors, warnings=report.warnings), style="yellow")
        )
    else:
        console.print(Text(tr("text.no_issues"), style="green"))
    for item in report.unreadable:
        console.print(Text(tr("text.unreadable", file=item.file), style="red"))


def print_month(console: Console, report: Report) -> None:
    """`--måned`: the month's figures and lists, from the view HTML and Markdown show."""
    view = ReportView(report)
    tr, fmt = view.tr, view.fmt
    console.print(Text(tr("mgmt.section.month", month=view.month_name), style="bold"))
    console.print(Text(tr("mgmt.month.lead"), style="dim"))
    figures = _table("", ("", "left"), ("", "right"))
    figures.show_header = False
    for tile in view.month_tiles:
        figures.add_row(tile.label, tile.value)
    console.print(figures)
    for group in view.month_groups:
        items = group.items
        table = _table(
            f"{group.title} ({len(items)})",
            (tr(f"col.{group.date_key}"), "left"),
            (tr("col.activity"), "left"),
            (tr("col.responsible"), "left"),
            (tr("col.phase"), "left"),
            (tr("col.campaign"), "left"),
        )
        for item in items[:MAX_ROWS]:
            table.add_row(
                fmt.date(getattr(item, group.date_key)),
                item.activity,
                view.person(item.responsible),
                view.phase(item.phase),
                view.campaign(item),
            )
        _more(table, items, tr)
        if items:
            console.print(table)
        else:
            console.print(Text(f"{group.title}: {tr('mgmt.none')}"))
            console.print()


def type_label(key: str | None, lang: str) -> str:
    return TYPE_LABELS[lang].get(key, key) if key else "–"
