"""The headline: three or four sentences generated from the figures.

Progress, budget against time (with the forecast), what is late, and the goal:
the order a director asks in.
"""

from __future__ import annotations

from ..i18n import Translator
from ..report import Report
from .fmt import Formatter


def _days(count: int, tr: Translator) -> str:
    return tr("mgmt.days_one") if count == 1 else tr("mgmt.days", count=count)


def _budget(report: Report, tr: Translator, fmt: Formatter) -> str | None:
    budget = report.budget
    burn, elapsed = budget.get("burn_pct"), budget.get("elapsed_pct")
    if burn is None or elapsed is None:
        spent = budget.get("spent")
        return tr("summary.spent", spent=fmt.money(spent)) if spent else None
    forecast, total = budget.get("forecast"), budget.get("total") or 0
    if forecast is None or total <= 0:
        return tr("summary.budget", burn=fmt.pct(burn), elapsed=fmt.pct(elapsed))
    over = forecast - total
    return tr(
        "mgmt.summary.budget_over" if over > 0 else "mgmt.summary.budget_ok",
        burn=fmt.pct(burn),
        elapsed=fmt.pct(elapsed),
        forecast=fmt.money(forecast),
        total=fmt.money(total),
        over=fmt.money(abs(over)),
    )


def _overdue(report: Report, tr: Translator) -> str:
    if not report.overdue:
        return tr("summary.no_overdue")
    days = _days(report.overdue[0]["days_overdue"], tr)
    if len(report.overdue) == 1:
        return tr("mgmt.summary.overdue_one", days=days)
    return tr("mgmt.summary.overdue", count=len(report.overdue), days=days)


def _goal(report: Report, tr: Translator, fmt: Formatter) -> str | None:
    measured = [k for k in report.kpi if k.get("pct") is not None]
    if len(measured) == 1:
        goal = measured[0]
        values = {
            "result": fmt.number(goal["result"]),
            "target": fmt.number(goal["target"]),
            "pct": fmt.pct(goal["pct"]),
        }
        if goal.get("kpi"):
            return tr("summary.kpi", kpi=goal["kpi"], **values)
        return tr("mgmt.summary.kpi_plain", **values)
    paced = [k for k in measured if k.get("on_track") is not None]
    if len(paced) > 1:
        on = sum(1 for k in paced if k["on_track"])
        return tr("mgmt.summary.goals", on=on, count=len(paced))
    return None


def headline(report: Report, tr: Translator, fmt: Formatter) -> list[str]:
    """Sentences a director reads first: progress, budget, what is late, the goal."""
    status = report.status
    active = report.activities - status.get("cancelled", 0)
    sentences = [
        tr(
            "summary.progress_one" if active == 1 else "summary.progress",
            done=fmt.number(status.get("distributed", 0)),
            total=fmt.number(active),
            production=fmt.number(status.get("in_production", 0)),
        )
    ]
    for sentence in (_budget(report, tr, fmt), _overdue(report, tr), _goal(report, tr, fmt)):
        if sentence:
            sentences.append(sentence)
    return sentences
