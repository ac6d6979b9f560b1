"""«Siden forrige rapport» and the trend: what changed since a snapshot, month by month.

`ChangesView` words the comparison with the history store's snapshot (`Report.changes`)
and `TrendView` the months before (`Report.trend`), each once for every format: the
terminal, HTML, Markdown, Excel and `aktplan endringer` lay out the same titles,
figures and rows. A report without history has neither (`ReportView.changes` is None);
a report with history but no earlier snapshot says so in one line (`ChangesView.empty`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from ..compute import model
from ..compute.report import Report
from .summary import slip_sentence
from .tiles import Tile

if TYPE_CHECKING:
    from .report import ReportView

# The task lists of the section, in the order they are shown (and counted in the tiles).
TASK_LISTS = ("finished", "started", "cancelled", "added", "removed", "became_overdue")


@dataclass(frozen=True)
class ChangeGroup:
    """One list of activities that changed (finished, started, …) with its heading."""

    key: str
    title: str
    items: list[model.Task]
    days_title: str | None = None  # the days column's header: days overdue, for the newly late


@dataclass(frozen=True, slots=True)
class MovedCells:
    """An activity whose deadline moved: the old and the new date, and by how many days."""

    record: model.MovedTask
    activity: str | None
    person: str
    campaign: str
    old: str
    new: str
    days: str  # signed: `+12` later, `-3` earlier


@dataclass(frozen=True, slots=True)
class BudgetChangeCells:
    """A plan whose total budget changed: before, now and the change (signed)."""

    record: model.BudgetChange
    name: str
    before: str
    after: str
    change: str


@dataclass(frozen=True, slots=True)
class ResultChangeCells:
    """A plan whose goal result changed: before, now, the gain, and the share of the target."""

    record: model.ResultChange
    name: str
    kpi: str
    before: str
    after: str
    gained: str
    target: str
    share: str


@dataclass(frozen=True, slots=True)
class TrendCells:
    """One month of the trend as shown: `month` as the tables say it (this report's own
    marked), `name` the month alone, `tick` the month on a chart's axis, `source` whether
    the figures are a snapshot's or this report's."""

    record: model.TrendPoint
    month: str
    name: str
    tick: str
    source: str
    distributed: str
    overdue: str
    burn: str
    elapsed: str
    spent: str


def with_changes(report: Report) -> Report:
    """The report as `aktplan endringer` shows it: one built without history (a caller's
    slip) says, as one with no earlier snapshot does, that there is nothing to compare."""
    if report.changes is not None:
        return report
    empty = model.Changes(None, [], [], [], [], [], [], 0, [], None, [], [])
    return dataclasses.replace(report, changes=empty)


def signed(text: str, value: float) -> str:
    """A change as shown: `+` before a rise (a fall has its minus already)."""
    return f"+{text}" if value > 0 else text


class ChangesView:
    """The «Siden forrige rapport» section: every title, figure and row of it."""

    def __init__(self, view: ReportView, changes: model.Changes) -> None:
        self.view = view
        self.changes = changes
        self.tr, self.fmt = view.tr, view.fmt

    @cached_property
    def title(self) -> str:
        return self.tr("mgmt.section.changes")

    @property
    def since(self) -> date | None:
        return self.changes.since

    @cached_property
    def empty(self) -> str | None:
        """The one line of a report with nothing to compare with; None when there is."""
        return None if self.since else self.tr("mgmt.changes.none")

    @cached_property
    def lead(self) -> str | None:
        """`Sammenlignet med planene slik de var 31.10.2026.`"""
        return self.tr("mgmt.changes.lead", date=self.fmt.date(self.since)) if self.since else None

    def days(self, count: int) -> str:
        """Days moved, signed: `+12 dager`, `-1 dag`."""
        text = self.view.days(abs(count))
        return f"-{text}" if count < 0 else signed(text, count)

    @cached_property
    def slip(self) -> str | None:
        """The headline's sentence on moved deadlines, repeated above their list."""
        return slip_sentence(self.changes, self.tr, self.fmt, self.view.report.date.year)

    @cached_property
    def tiles(self) -> list[Tile]:
        """Each list's count, the deadlines moved (with the total slip) and the spend."""
        if not self.since:
            return []
        tr, fmt, changes = self.tr, self.fmt, self.changes
        tiles = []
        for key in TASK_LISTS:
            count = len(getattr(changes, key))
            tone = "neutral"
            if key == "finished" and count:
                tone = "good"
            elif key == "became_overdue":
                tone = "bad" if count else "good"
            note = tr(f"mgmt.changes.note.{key}")
            tiles.append(Tile(key, tr(f"mgmt.changes.{key}"), fmt.number(count), note, tone))
        moved = changes.moved
        tiles.append(
            Tile(
                "moved",
                tr("mgmt.changes.moved"),
                fmt.number(len(moved)),
                tr("mgmt.changes.note.moved", days=self.days(changes.slip_days)) if moved else "",
                "warn" if changes.slip_days > 0 else "neutral",
            )
        )
        tiles.append(
            Tile(
                "spent",
                tr("mgmt.changes.spent"),
                fmt.money(changes.spent),
                tr(
                    "mgmt.changes.note.spent",
                    since=fmt.date(self.since),
                    date=fmt.date(self.view.report.date),
                ),
            )
        )
        return tiles

    @cached_property
    def groups(self) -> list[ChangeGroup]:
        """The lists with something in them (the tiles count the empty ones)."""
        days = self.tr("mgmt.col.days_late")
        return [
            ChangeGroup(
                key,
                self.tr(f"mgmt.changes.{key}"),
                getattr(self.changes, key),
                days if key == "became_overdue" else None,
            )
            for key in TASK_LISTS
            if getattr(self.changes, key)
        ]

    @cached_property
    def moved_title(self) -> str:
        return self.tr("mgmt.changes.moved")

    def moved(self, items: list[model.MovedTask] | None = None) -> list[MovedCells]:
        """The moved deadlines as shown (all, or the first `items` a layout shows)."""
        view, date_text = self.view, self.fmt.date
        return [
            MovedCells(
                item,
                item.activity,
                view.person(item.responsible),
                view.campaign(item),
                date_text(item.old_deadline),
                date_text(item.deadline),
                signed(self.fmt.number(item.days_moved), item.days_moved),
            )
            for item in (self.changes.moved if items is None else items)
        ]

    @cached_property
    def budgets_title(self) -> str:
        return self.tr("mgmt.changes.budgets")

    @cached_property
    def budgets(self) -> list[BudgetChangeCells]:
        money = self.fmt.money
        return [
            BudgetChangeCells(
                item,
                self.view.campaign(item),
                money(item.before),
                money(item.after),
                signed(money(item.change), item.change),
            )
            for item in self.changes.budgets
        ]

    @cached_property
    def results_title(self) -> str:
        return self.tr("mgmt.changes.results")

    @cached_property
    def results(self) -> list[ResultChangeCells]:
        number = self.fmt.number
        return [
            ResultChangeCells(
                item,
                self.view.campaign(item),
                item.kpi or "–",
                number(item.before),
                number(item.after),
                "–" if item.gained is None else signed(number(item.gained), item.gained),
                number(item.target),
                self.fmt.pct(item.pct),
            )
            for item in self.changes.results
        ]


class TrendView:
    """The trend section: one row per month, and the words of its three charts."""

    def __init__(self, view: ReportView, points: list[model.TrendPoint]) -> None:
        self.view = view
        self.points = points
        self.tr, self.fmt = view.tr, view.fmt

    @cached_property
    def title(self) -> str:
        return self.tr("mgmt.section.trend")

    @cached_property
    def lead(self) -> str:
        return self.tr("mgmt.trend.lead")

    @cached_property
    def month_header(self) -> str:
        return self.tr("mgmt.col.month")

    def tick(self, month: str) -> str:
        """`okt 2026`: a month short enough for a chart's axis."""
        year, number = month.split("-")
        return f"{self.fmt.month_names()[int(number) - 1][:3]} {year}"

    @cached_property
    def rows(self) -> list[TrendCells]:
        tr, fmt = self.tr, self.fmt
        rows = []
        for point in self.points:
            month = fmt.month(point.month)
            rows.append(
                TrendCells(
                    point,
                    tr("mgmt.trend.current", month=month) if point.current else month,
                    month,
                    self.tick(point.month),
                    tr(
                        "mgmt.trend.source_report"
                        if point.current
                        else "mgmt.trend.source_snapshot"
                    ),
                    fmt.number(point.distributed),
                    fmt.number(point.overdue),
                    fmt.pct(point.burn_pct),
                    fmt.pct(point.elapsed_pct),
                    fmt.money(point.spent),
                )
            )
        return rows

    @property
    def charted(self) -> bool:
        """A line needs two months: with one, the table says it all."""
        return len(self.points) > 1
