"""The figures a snapshot keeps, and the trend the report draws from them.

A snapshot stores its report's headline figures (`snapshot_figures`) beside the
plans, so the trend over a year of snapshots is read from a few numbers each and
never rebuilds a past report. The trend is one point per month: the last snapshot
of the month, or, for the report's own month, the report itself (`current`).

The figures are plain JSON (the store keeps them as text); a point is read with
defaults so a snapshot saved with fewer figures still gives one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from .model import Report, TrendPoint


@dataclass(frozen=True)
class PastFigures:
    """One stored snapshot's figures, as `snapshot_figures` made them, and its day."""

    day: date
    figures: dict[str, Any]


def snapshot_figures(report: Report) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """What to store with a snapshot (`Store.save(plans, day, *snapshot_figures(report))`):
    the portfolio's headline figures, and each plan's in the report's plan order."""
    return report_figures(report), plan_figures(report)


def report_figures(report: Report) -> dict[str, Any]:
    """The portfolio's headline figures: what the trend needs (distributed, overdue,
    the budget's burn, elapsed time and spend) and what `aktplan historikk` lists."""
    return {
        "activities": report.activities,
        "active": report.active,
        "status": dict(report.status),
        "distributed": report.status.get("distributed", 0),
        "overdue": len(report.overdue),
        "upcoming": len(report.upcoming),
        "over_budget": len(report.over_budget),
        "budget": report.budget.to_json(),
        "errors": report.errors,
        "warnings": report.warnings,
    }


def plan_figures(report: Report) -> list[dict[str, Any]]:
    """Each plan's figures in the report's plan order, with its goal: a look back at
    one plan without loading the snapshot's activities."""
    return [
        {
            "file": row.file,
            "sheet": row.sheet,
            "campaign": row.campaign,
            "activities": row.activities,
            "active": row.active,
            "status": dict(row.status),
            "overdue": row.overdue,
            "budget": row.budget.to_json(),
            "goal": {
                "kpi": goal.kpi,
                "target": goal.target,
                "result": goal.result,
                "pct": goal.pct,
            },
        }
        for row, goal in zip(report.plans, report.kpi, strict=True)
    ]


def _count(value: object) -> int:
    """A stored count (or, from a fuller figure, the length of its list)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return int(value)
    if isinstance(value, list):
        return len(value)
    return 0


def _share(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def trend_point(day: date, figures: dict[str, Any], *, current: bool = False) -> TrendPoint:
    """The trend point of one snapshot's figures (or, `current`, this report's)."""
    budget = figures.get("budget")
    budget = budget if isinstance(budget, dict) else {}
    status = figures.get("status")
    status = status if isinstance(status, dict) else {}
    distributed = figures.get("distributed", status.get("distributed", 0))
    return TrendPoint(
        month=day.strftime("%Y-%m"),
        day=day,
        distributed=_count(distributed),
        overdue=_count(figures.get("overdue", 0)),
        burn_pct=_share(budget.get("burn_pct")),
        elapsed_pct=_share(budget.get("elapsed_pct")),
        spent=_share(budget.get("spent")) or 0.0,
        current=current,
    )


def build_trend(past: Iterable[PastFigures], report: Report) -> list[TrendPoint]:
    """One point per month up to the report's: the month's last snapshot on or before
    the report date, and for the report's own month the report itself; by month.

    Snapshots after the report date are left out: a report dated in the past (`--dato`,
    to backfill) shows the trend as it stood then, not months it could not know.
    """
    last: dict[str, PastFigures] = {}
    for item in past:
        if item.day > report.date:
            continue
        month = item.day.strftime("%Y-%m")
        if month not in last or item.day >= last[month].day:
            last[month] = item
    points = {month: trend_point(item.day, item.figures) for month, item in last.items()}
    current = trend_point(report.date, report_figures(report), current=True)
    points[current.month] = current
    return [points[month] for month in sorted(points)]


__all__ = [
    "PastFigures",
    "build_trend",
    "plan_figures",
    "report_figures",
    "snapshot_figures",
    "trend_point",
]
