"""The management report's content, bound to one language: what every format shows.

`ReportView` turns a `Report` into titles, the headline, the key-figure band, the
sentences and the rows of every section. The terminal, HTML, Markdown and Excel
renderers only lay it out, so the formats say the same thing with the same numbers.
The rows are built in `rows.py`, the key figures in `tiles.py`, the month's lists in
`month.py`; this class is the one object a renderer reads them from.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cached_property
from typing import Any

from ..compute import model
from ..compute.report import Report
from ..plan.model import Issue
from ..plan.schema import PHASE_LABELS, TYPE_LABELS
from . import rows
from .changes import ChangesView, TrendView
from .method import ExperimentsView, GoalView, ReadinessView, TailView
from .month import MonthGroup, month_groups, month_tiles
from .rows import SHOWN_PHASES, PhaseRow
from .summary import headline
from .tiles import Tile, key_tiles

# How many issues the HTML and Markdown reports list (the workbook has them all).
MAX_ISSUES = 25

__all__ = [
    "MAX_ISSUES",
    "SHOWN_PHASES",
    "ChangesView",
    "MonthGroup",
    "PhaseRow",
    "ReportView",
    "Tile",
    "TrendView",
]


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


class ReportView:
    """Everything the management report shows, computed once per render."""

    def __init__(self, report: Report) -> None:
        self.report = report
        settings = report.settings
        self.lang = settings.language
        self.tr = settings.tr
        self.fmt = settings.fmt
        self.phase_labels = PHASE_LABELS[self.lang]
        self.type_labels = TYPE_LABELS[self.lang]

    # --- how a name or a count is written, everywhere ----------------------------------

    def days(self, count: int) -> str:
        return self.tr("mgmt.days_one") if count == 1 else self.tr("mgmt.days", count=count)

    def activities_text(self, count: int) -> str:
        if count == 1:
            return self.tr("mgmt.activities_one")
        return self.tr("mgmt.activities", count=self.fmt.number(count))

    def campaign(self, item: model.Task | model.Goal | model.PlanFigures) -> str:
        """The campaign an item belongs to, else its file."""
        return item.campaign or item.file or "–"

    def person(self, name: str | None) -> str:
        """A person's name as shown; `(ikke satt)` for activities without an owner."""
        return name or self.tr("text.none")

    def channel(self, name: str | None) -> str:
        """A channel's name as shown; `(ikke satt)` for activities without one."""
        return name or self.tr("text.none")

    def type_label(self, key: str | None) -> str:
        return self.type_labels.get(key, key) if key else "–"

    def type_name(self, key: str | None) -> str:
        """An activity type's label as shown; `(ikke satt)` for activities without one."""
        return self.type_label(key) if key else self.tr("text.none")

    def phase(self, key: str) -> str:
        return self.phase_labels.get(key, key)

    def on_track(self, value: bool | None) -> str:
        return "–" if value is None else self.tr("mgmt.yes" if value else "mgmt.no")

    def of(self, part: Any, whole: Any) -> str:
        return self.tr("mgmt.of", part=part, whole=whole)

    def more(self, count: int) -> str:
        """`… og 3 til`: under a list cut short, how many rows it left out."""
        return self.tr("text.more", count=count)

    def severity(self, key: str) -> str:
        return capitalise(self.tr(f"severity.{key}"))

    def owner(self, plan: model.PlanFigures) -> str | None:
        """The campaign's owner (`Ansvarlig` in the campaign block), if given."""
        return plan.campaign_fields.get("owner")

    def segments(self, plan: model.PlanFigures) -> list[tuple[str, int, float]]:
        """The plan's status bar: (phase, count, share) for each active phase, at its
        share of the active activities (`status_pct`)."""
        status, shares = plan.status, plan.status_pct
        return [(p, status.get(p, 0), shares.get(p) or 0) for p in (*SHOWN_PHASES, "unknown")]

    def tasks(self, items: Iterable[model.Task]) -> list[rows.TaskCells]:
        """A list of activities as shown. A method, not a property: the terminal shows
        only the first rows of a long list, and formats no more than those."""
        return rows.task_cells(self, items)

    # --- header ------------------------------------------------------------------------

    @property
    def month(self) -> model.MonthView | None:
        return self.report.month

    @cached_property
    def month_name(self) -> str | None:
        return self.fmt.month(self.month.month) if self.month else None

    @cached_property
    def eyebrow(self) -> str:
        return self.tr("mgmt.eyebrow.month" if self.month else "mgmt.eyebrow.status")

    @cached_property
    def title(self) -> str:
        if self.month_name:
            return capitalise(self.month_name)
        if len(self.report.plans) == 1:
            return self.campaign(self.report.plans[0])
        return self.tr("mgmt.title.portfolio")

    @cached_property
    def doc_title(self) -> str:
        return f"{self.eyebrow} – {self.title}"

    @cached_property
    def subtitle(self) -> str:
        plans = len(self.report.plans)
        return self.tr(
            "mgmt.subtitle",
            date=self.fmt.long_date(self.report.date),
            plans=self.tr("mgmt.plans_one") if plans == 1 else self.tr("mgmt.plans", count=plans),
            activities=self.activities_text(self.report.activities),
        )

    @cached_property
    def plan_names(self) -> list[str]:
        return [self.campaign(p) for p in self.report.plans]

    @cached_property
    def plan_list(self) -> str | None:
        """`Planer: Høstmesse · Vårkampanje` under the subtitle, when there are several."""
        if len(self.plan_names) < 2:
            return None
        return f"{self.tr('mgmt.plans_list')}: {' · '.join(self.plan_names)}"

    @cached_property
    def source_note(self) -> str | None:
        """Where a month report's statuses come from, when the history store was asked:
        the snapshot it was rebuilt from, or (no snapshot that old) the plans today."""
        report = self.report
        if report.snapshot is not None:
            return self.tr("mgmt.source.snapshot", date=self.fmt.date(report.snapshot))
        if self.month and report.changes is not None:
            return self.tr("mgmt.source.today", month=self.month_name)
        return None

    @cached_property
    def headline(self) -> list[str]:
        return headline(self.report, self.tr, self.fmt)

    # --- the method: the goal on top, experiments, readiness, the digital tail -----------

    @cached_property
    def goal(self) -> GoalView | None:
        """The department goal (`[maal]` or a `Mål` sheet); None when none is set."""
        goal = self.report.department_goal
        return None if goal is None else GoalView(self, goal)

    @cached_property
    def experiment_year(self) -> ExperimentsView | None:
        """The year's experiments month by month; None without the method's columns."""
        year = self.report.experiment_year
        return None if year is None else ExperimentsView(self, year)

    @cached_property
    def readiness(self) -> ReadinessView | None:
        """Who answers each campaign's leads; None when no plan has `Beredskap`."""
        rows = self.report.readiness
        return None if rows is None else ReadinessView(self, rows)

    @cached_property
    def tail(self) -> TailView | None:
        """The digital tail per campaign; None when no plan has `Digital hale`."""
        tail = self.report.digital_tail
        return None if tail is None else TailView(self, tail)

    # --- history: since the last report, and the trend ----------------------------------

    @cached_property
    def changes(self) -> ChangesView | None:
        """«Siden forrige rapport»; None when the report was made without history."""
        changes = self.report.changes
        return None if changes is None else ChangesView(self, changes)

    @cached_property
    def trend(self) -> TrendView | None:
        """The months from the history store; None without history (or no month yet)."""
        points = self.report.trend
        return TrendView(self, points) if points else None

    # --- key figures -------------------------------------------------------------------

    @cached_property
    def active(self) -> int:
        """Activities that count toward progress: every phase but cancelled (the report's)."""
        return self.report.active

    @cached_property
    def tiles(self) -> list[Tile]:
        return key_tiles(self)

    # --- status ------------------------------------------------------------------------

    @cached_property
    def status_rows(self) -> list[PhaseRow]:
        return rows.status_rows(self)

    @cached_property
    def experiments_sentence(self) -> str:
        exp = self.report.experiments
        key = "text.experiments_ok" if exp.count else "text.experiments_none"
        return self.tr(key, count=exp.count, month=self.fmt.month(exp.month))

    @cached_property
    def experiments_tone(self) -> str:
        return "good" if self.report.experiments.count else "warn"

    # --- budget ------------------------------------------------------------------------

    @cached_property
    def budget_rows(self) -> list[tuple[str, str]]:
        b, tr, fmt = self.report.budget, self.tr, self.fmt
        budget_rows = [
            (tr(f"budget.{key}"), fmt.money(getattr(b, key)))
            for key in ("total", "planned", "spent", "remaining")
        ]
        budget_rows += [
            (tr("budget.burn"), fmt.pct(b.burn_pct)),
            (tr("budget.elapsed"), fmt.pct(b.elapsed_pct)),
            (tr("budget.forecast"), fmt.money(b.forecast)),
        ]
        if b.period_start and b.period_end:
            budget_rows.append(
                (
                    tr("mgmt.budget.period"),
                    f"{fmt.date(b.period_start)} – {fmt.date(b.period_end)}",
                )
            )
        return budget_rows

    @cached_property
    def has_period(self) -> bool:
        b = self.report.budget
        return bool(b.period_start and b.period_end and b.total)

    def over_budget(self, items: Iterable[model.OverBudgetTask]) -> list[rows.OverBudgetCells]:
        """Activities over budget as shown; a method for the reason `tasks` is one."""
        return rows.over_budget_cells(self, items)

    # --- the month, what is late, what is next -----------------------------------------

    @cached_property
    def month_title(self) -> str | None:
        return self.tr("mgmt.section.month", month=self.month_name) if self.month else None

    @cached_property
    def month_groups(self) -> list[MonthGroup]:
        return month_groups(self)

    @cached_property
    def month_tiles(self) -> list[Tile]:
        return month_tiles(self)

    @cached_property
    def overdue_title(self) -> str:
        return self.tr("text.overdue", count=len(self.report.overdue))

    @cached_property
    def overdue_empty(self) -> str:
        return self.tr("text.no_overdue")

    @cached_property
    def upcoming_title(self) -> str:
        days = self.report.settings.upcoming_days
        return self.tr("text.upcoming", days=days, count=len(self.report.upcoming))

    @cached_property
    def upcoming_empty(self) -> str:
        return self.tr("mgmt.upcoming.none", days=self.report.settings.upcoming_days)

    # --- goals, campaigns, people, channels, types --------------------------------------

    @cached_property
    def goals(self) -> list[model.Goal]:
        """Plans with a target or a result: the KPI table."""
        return [k for k in self.report.kpi if k.target or k.result is not None]

    @cached_property
    def goal_cells(self) -> list[rows.GoalCells]:
        return rows.goal_cells(self, self.goals)

    @property
    def activity_goals(self) -> list[model.ActivityGoal]:
        """Activities with their own target or result (`Måltall`/`Resultat`)."""
        return self.report.activity_goals

    @cached_property
    def activity_goal_cells(self) -> list[rows.GoalCells]:
        return rows.activity_goal_cells(self)

    @cached_property
    def plan_cells(self) -> list[rows.PlanCells]:
        return rows.plan_cells(self)

    @cached_property
    def plan_total(self) -> rows.PlanCells:
        return rows.plan_total(self)

    @cached_property
    def person_rows(self) -> list[model.PersonRow]:
        # Activities without an owner go last, however the report sorted a blank name.
        return sorted(self.report.by_person, key=lambda row: not row.person)

    @cached_property
    def person_cells(self) -> list[rows.PersonCells]:
        return rows.person_cells(self, self.person_rows)

    @property
    def channel_rows(self) -> list[model.ChannelRow]:
        return self.report.by_channel

    @cached_property
    def channel_cells(self) -> list[rows.SpendCells]:
        return rows.channel_cells(self)

    @cached_property
    def type_cells(self) -> list[rows.SpendCells]:
        return rows.type_cells(self)

    # --- issues ------------------------------------------------------------------------

    @cached_property
    def issues_sentence(self) -> str:
        report = self.report
        if not report.issues:
            return self.tr("text.no_issues")
        return self.tr("text.issues", errors=report.errors, warnings=report.warnings)

    @cached_property
    def issues_tone(self) -> str:
        """`warn` with errors, `good` with no issue at all; warnings alone are neutral."""
        if self.report.errors:
            return "warn"
        return "neutral" if self.report.issues else "good"

    @cached_property
    def shown_issues(self) -> list[Issue]:
        order = {"error": 0, "warning": 1}
        issues = sorted(self.report.issues, key=lambda i: order.get(i.severity, 2))
        return issues[:MAX_ISSUES]

    @cached_property
    def hidden_issues(self) -> int:
        return max(0, len(self.report.issues) - MAX_ISSUES)

    @cached_property
    def unreadable_lines(self) -> list[str]:
        """One line per file not read at all: its name and why (`Unreadable.message`)."""
        return [item.message for item in self.report.unreadable]

    # --- footer ------------------------------------------------------------------------

    @cached_property
    def footer(self) -> str:
        from .. import __version__

        return self.tr(
            "mgmt.footer", version=__version__, date=self.fmt.long_date(self.report.date)
        )

    @property
    def report_date(self) -> date:
        return self.report.date
