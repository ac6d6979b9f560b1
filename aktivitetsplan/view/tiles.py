"""The key-figure band at the top of the report: progress, spend, forecast, late, goals.

Each tile is a label, a big value, a short note and a tone (good, warn, bad) the
layout colours it by; the thresholds for the tone are decided here, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .report import ReportView


@dataclass(frozen=True)
class Tile:
    """One key figure in the band at the top: a label, a big value, a short note."""

    key: str
    label: str
    value: str
    note: str
    tone: str = "neutral"  # neutral | good | warn | bad


def _progress(view: ReportView) -> Tile:
    tr, fmt, report = view.tr, view.fmt, view.report
    done, active = report.status.get("distributed", 0), report.active
    return Tile(
        "progress",
        view.phase("distributed"),
        view.of(fmt.number(done), fmt.number(active)),
        tr(
            "mgmt.tile.progress_note",
            pct=fmt.pct(report.status_pct.get("distributed")),
            production=fmt.number(report.status.get("in_production", 0)),
        ),
        "good" if active and done == active else "neutral",
    )


def _burn(view: ReportView) -> Tile:
    tr, fmt, budget = view.tr, view.fmt, view.report.budget
    burn, elapsed = budget.burn_pct, budget.elapsed_pct
    if burn is None:
        return Tile("burn", tr("budget.spent"), fmt.money(budget.spent), "", "neutral")
    note = tr("mgmt.tile.burn_note", spent=fmt.money(budget.spent), total=fmt.money(budget.total))
    if elapsed is not None:
        note += " · " + tr("mgmt.tile.elapsed_note", elapsed=fmt.pct(elapsed))
    tone = "neutral"
    if elapsed is not None and burn > elapsed + 10:
        tone = "warn"
    if burn > 100:
        tone = "bad"
    return Tile("burn", tr("mgmt.tile.burn"), fmt.pct(burn), note, tone)


def _forecast(view: ReportView) -> Tile | None:
    tr, fmt, budget = view.tr, view.fmt, view.report.budget
    forecast, total = budget.forecast, budget.total or 0
    if forecast is None or total <= 0:
        return None
    over = forecast - total
    key = "mgmt.tile.forecast_over" if over > 0 else "mgmt.tile.forecast_under"
    return Tile(
        "forecast",
        tr("budget.forecast"),
        fmt.money(forecast),
        tr(key, amount=fmt.money(abs(over))),
        "bad" if over > 0 else "good",
    )


def _overdue(view: ReportView) -> Tile:
    tr, overdue = view.tr, view.report.overdue
    return Tile(
        "overdue",
        tr("col.overdue"),
        view.fmt.number(len(overdue)),
        tr("mgmt.tile.overdue_note", days=view.days(overdue[0].days_overdue))
        if overdue
        else tr("mgmt.tile.overdue_none"),
        "bad" if overdue else "good",
    )


def _goal(view: ReportView) -> Tile | None:
    tr, fmt = view.tr, view.fmt
    measured = [k for k in view.report.kpi if k.pct is not None]
    if len(measured) == 1:
        goal = measured[0]
        note = tr(
            "mgmt.tile.goal_note",
            result=fmt.number(goal.result),
            target=fmt.number(goal.target),
            kpi=goal.kpi or "",
        ).strip()
        tone = {True: "good", False: "warn", None: "neutral"}[goal.on_track]
        return Tile("goal", tr("mgmt.tile.goal"), fmt.pct(goal.pct), note, tone)
    if not measured:
        return None
    paced = [k for k in measured if k.on_track is not None]
    on = sum(1 for k in paced if k.on_track)
    return Tile(
        "goal",
        tr("mgmt.tile.goals"),
        view.of(on, len(paced)) if paced else "–",
        tr("mgmt.tile.goals_note"),
        "good" if paced and on == len(paced) else "warn",
    )


def key_tiles(view: ReportView) -> list[Tile]:
    """Progress, spend (burn against time when there is a budget), the forecast when
    there is a budget to hold it against, what is late, and the goals when measured."""
    tiles = [_progress(view), _burn(view), _forecast(view), _overdue(view), _goal(view)]
    return [tile for tile in tiles if tile is not None]
