"""The management report's content, bound to one language: what HTML, Markdown and Excel show.

`ReportView` turns a `Report` into titles, the headline, the key-figure band and the
rows of every section. The renderers only lay it out, so the three formats say the
same thing with the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from ..compute import model
from ..compute.report import Report
from ..plan.model import Issue
from ..plan.schema import ALL_PHASES, PHASE_LABELS, PHASES, TYPE_LABELS
from .summary import headline

# Phases shown in the report's status views even when empty.
SHOWN_PHASES = PHASES[:3]
# How many issues the HTML and Markdown reports list (the workbook has them all).
MAX_ISSUES = 25


@dataclass(frozen=True)
class Tile:
    """One key figure in the band at the top: a label, a big value, a short note."""

    key: str
    label: str
    value: str
    note: str
    tone: str = "neutral"  # neutral | good | warn | bad


@dataclass(frozen=True)
class MonthGroup:
    """One list of the month view (finished, started, …) with its heading."""

    key: str
    title: str
    items: list[model.Task]
    date_key: str = "deadline"  # the date the list is about: `start` for what started


@dataclass(frozen=True)
class PhaseRow:
    """One phase in the status table: its count and its share of the active activities."""

    phase: str
    label: str
    count: int
    share: float | None


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

    # --- small helpers used by the templates ---------------------------------------

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
        return name or self.tr("text.none")

    def type_label(self, key: str | None) -> str:
        return self.type_labels.get(key, key) if key else "–"

    def phase(self, key: str) -> str:
        return self.phase_labels.get(key, key)

    def on_track(self, value: bool | None) -> str:
        return "–" if value is None else self.tr("mgmt.yes" if value else "mgmt.no")

    def of(self, part: Any, whole: Any) -> str:
        return self.tr("mgmt.of", part=part, whole=whole)

    # --- header ----------------------------------------------------------------

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
    def headline(self) -> list[str]:
        return headline(self.report, self.tr, self.fmt)

    # --- key figures -------------------------------------------------------------

    @cached_property
    def active(self) -> int:
        """Activities that count toward progress: every phase but cancelled (the report's)."""
        return self.report.active

    @cached_property
    def goals(self) -> list[model.Goal]:
        """Plans with a target or a result: the KPI table."""
        return [k for k in self.report.kpi if k.target or k.result is not None]

    @property
    def activity_goals(self) -> list[model.ActivityGoal]:
        """Activities with their own target or result (`Måltall`/`Resultat`)."""
        return self.report.activity_goals

    @cached_property
    def tiles(self) -> list[Tile]:
        tr, fmt, report = self.tr, self.fmt, self.report
        status, budget = report.status, report.budget
        done = status.get("distributed", 0)
        tiles = [
            Tile(
                "progress",
                self.phase("distributed"),
                self.of(fmt.number(done), fmt.number(self.active)),
                tr(
                    "mgmt.tile.progress_note",
                    pct=fmt.pct(report.status_pct.get("distributed")),
                    production=fmt.number(status.get("in_production", 0)),
                ),
                "good" if self.active and done == self.active else "neutral",
            )
        ]
        burn, elapsed = budget.burn_pct, budget.elapsed_pct
        if burn is not None:
            note = tr(
                "mgmt.tile.burn_note",
                spent=fmt.money(budget.spent),
                total=fmt.money(budget.total),
            )
            if elapsed is not None:
                note += " · " + tr("mgmt.tile.elapsed_note", elapsed=fmt.pct(elapsed))
            tone = "neutral"
            if elapsed is not None and burn > elapsed + 10:
                tone = "warn"
            if burn > 100:
                tone = "bad"
            tiles.append(Tile("burn", tr("mgmt.tile.burn"), fmt.pct(burn), note, tone))
        else:
            tiles.append(Tile("burn", tr("budget.spent"), fmt.money(budget.spent), "", "neutral"))
        forecast, total = budget.forecast, budget.total or 0
        if forecast is not None and total > 0:
            over = forecast - total
            key = "mgmt.tile.forecast_over" if over > 0 else "mgmt.tile.forecast_under"
            tiles.append(
                Tile(
                    "forecast",
                    tr("budget.forecast"),
                    fmt.money(forecast),
                    tr(key, amount=fmt.money(abs(over))),
                    "bad" if over > 0 else "good",
                )
            )
        overdue = report.overdue
        tiles.append(
            Tile(
                "overdue",
                tr("col.overdue"),
                fmt.number(len(overdue)),
                tr("mgmt.tile.overdue_note", days=self.days(overdue[0].days_overdue))
                if overdue
                else tr("mgmt.tile.overdue_none"),
                "bad" if overdue else "good",
            )
        )
        measured = [k for k in report.kpi if k.pct is not None]
        if len(measured) == 1:
            goal = measured[0]
            note = tr(
                "mgmt.tile.goal_note",
                result=fmt.number(goal.result),
                target=fmt.number(goal.target),
                kpi=goal.kpi or "",
            ).strip()
            tone = {True: "good", False: "warn", None: "neutral"}[goal.on_track]
            tiles.append(Tile("goal", tr("mgmt.tile.goal"), fmt.pct(goal.pct), note, tone))
        elif measured:
            paced = [k for k in measured if k.on_track is not None]
            on = sum(1 for k in paced if k.on_track)
            tiles.append(
                Tile(
                    "goal",
                    tr("mgmt.tile.goals"),
                    self.of(on, len(paced)) if paced else "–",
                    tr("mgmt.tile.goals_note"),
                    "good" if paced and on == len(paced) else "warn",
                )
            )
        return tiles

    # --- status ------------------------------------------------------------------

    @cached_property
    def status_rows(self) -> list[PhaseRow]:
        """One row per phase (cancelled and unknown only when there are some): the count
        and the report's share of the active activities (`status_pct`; none for cancelled)."""
        status, shares = self.report.status, self.report.status_pct
        rows = []
        for phase in ALL_PHASES:
            count = status.get(phase, 0)
            if phase not in SHOWN_PHASES and not count:
                continue
            rows.append(PhaseRow(phase, self.phase(phase), count, shares.get(phase)))
        return rows

    @cached_property
    def experiments_sentence(self) -> str:
        exp = self.report.experiments
        key = "text.experiments_ok" if exp.count else "text.experiments_none"
        return self.tr(key, count=exp.count, month=self.fmt.month(exp.month))

    # --- budget ------------------------------------------------------------------

    @cached_property
    def budget_rows(self) -> list[tuple[str, str]]:
        b, tr, fmt = self.report.budget, self.tr, self.fmt
        rows = [
            (tr(f"budget.{key}"), fmt.money(getattr(b, key)))
            for key in ("total", "planned", "spent", "remaining")
        ]
        rows += [
            (tr("budget.burn"), fmt.pct(b.burn_pct)),
            (tr("budget.elapsed"), fmt.pct(b.elapsed_pct)),
            (tr("budget.forecast"), fmt.money(b.forecast)),
        ]
        if b.period_start and b.period_end:
            rows.append(
                (
                    tr("mgmt.budget.period"),
                    f"{fmt.date(b.period_start)} – {fmt.date(b.period_end)}",
                )
            )
        return rows

    @cached_property
    def has_period(self) -> bool:
        b = self.report.budget
        return bool(b.period_start and b.period_end and b.total)

    # --- month view --------------------------------------------------------------

    @cached_property
    def month_groups(self) -> list[MonthGroup]:
        month = self.month
        if not month:
            return []
        tr = self.tr
        next_name = self.fmt.month(month.next_month)
        return [
            MonthGroup("finished", tr("mgmt.month.finished"), month.finished),
            MonthGroup("due_open", tr("mgmt.month.due_open"), month.due_open),
            MonthGroup("experiments", tr("mgmt.month.experiments"), month.experiments),
            MonthGroup("due_next", tr("mgmt.month.next", month=next_name), month.due_next),
            MonthGroup("started", tr("mgmt.month.started"), month.started, "start"),
        ]

    @cached_property
    def month_tiles(self) -> list[Tile]:
        month = self.month
        if not month:
            return []
        tr, fmt = self.tr, self.fmt
        experiments = len(month.experiments)
        return [
            Tile("finished", tr("mgmt.month.finished"), fmt.number(len(month.finished)), ""),
            Tile("started", tr("mgmt.month.started"), fmt.number(len(month.started)), ""),
            Tile(
                "due_open",
                tr("mgmt.month.due_open"),
                fmt.number(len(month.due_open)),
                "",
                "warn" if month.due_open else "good",
            ),
            Tile("spent_due", tr("mgmt.month.spent_due"), fmt.money(month.spent_due), ""),
            Tile(
                "experiments",
                tr("mgmt.month.experiments"),
                fmt.number(experiments),
                tr("mgmt.month.experiments_goal"),
                "good" if experiments else "warn",
            ),
        ]

    # --- portfolio, KPI, people, channels --------------------------------------------

    @property
    def plan_rows(self) -> list[model.PlanFigures]:
        return self.report.plans

    def owner(self, plan: model.PlanFigures) -> str | None:
        """The campaign's owner (`Ansvarlig` in the campaign block), if given."""
        return plan.campaign_fields.get("owner")

    def segments(self, plan: model.PlanFigures) -> list[tuple[str, int, float]]:
        """The plan's status bar: (phase, count, share) for each active phase, at its
        share of the active activities (`status_pct`)."""
        status, shares = plan.status, plan.status_pct
        return [(p, status.get(p, 0), shares.get(p) or 0) for p in (*SHOWN_PHASES, "unknown")]

    @cached_property
    def person_rows(self) -> list[model.PersonRow]:
        # Activities without an owner go last, however the report sorted a blank name.
        return sorted(self.report.by_person, key=lambda row: not row.person)

    @property
    def channel_rows(self) -> list[model.ChannelRow]:
        return self.report.by_channel

    def channel(self, name: str | None) -> str:
        """A channel's name as shown; `Ingen` for activities without one."""
        return name or self.tr("text.none")

    @property
    def type_rows(self) -> list[model.TypeRow]:
        return self.report.by_type

    def type_name(self, key: str | None) -> str:
        """An activity type's label as shown; `Ingen` for activities without one."""
        return self.type_label(key) if key else self.tr("text.none")

    # --- issues --------------------------------------------------------------------

    @cached_property
    def issues_sentence(self) -> str:
        report = self.report
        if not report.issues:
            return self.tr("text.no_issues")
        return self.tr("text.issues", errors=report.errors, warnings=report.warnings)

    @cached_property
    def shown_issues(self) -> list[Issue]:
        order = {"error": 0, "warning": 1}
        issues = sorted(self.report.issues, key=lambda i: order.get(i.severity, 2))
        return issues[:MAX_ISSUES]

    @cached_property
    def hidden_issues(self) -> int:
        return max(0, len(self.report.issues) - MAX_ISSUES)

    def severity(self, key: str) -> str:
        return capitalise(self.tr(f"severity.{key}"))

    # --- footer --------------------------------------------------------------------

    @cached_property
    def footer(self) -> str:
        from .. import __version__

        return self.tr(
            "mgmt.footer", version=__version__, date=self.fmt.long_date(self.report.date)
        )

    @property
    def report_date(self) -> date:
        return self.report.date
