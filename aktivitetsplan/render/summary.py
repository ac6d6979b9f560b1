"""The headline: three or four sentences generated from the figures."""

from __future__ import annotations

from ..i18n import Translator
from ..report import Report
from .fmt import Formatter


def headline(report: Report, tr: Translator, fmt: Formatter) -> list[str]:
    """Sentences a director reads first: progress, budget, what is late, the goal."""
    status, budget = report.status, report.budget
    active = report.activities - status.get("cancelled", 0)
    sentences = [
        tr(
            "summary.progress",
            done=fmt.number(status.get("distributed", 0)),
            total=fmt.number(active),
            production=fmt.number(status.get("in_production", 0)),
        )
    ]
    if budget.get("burn_pct") is not None and budget.get("elapsed_pct") is not None:
        sentences.append(
            tr(
                "summary.budget",
                burn=fmt.pct(budget["burn_pct"]),
                elapsed=fmt.pct(budget["elapsed_pct"]),
            )
        )
        if budget.get("forecast") is not None and budget["total"] > 0:
            key = (
                "summary.forecast_over"
                if budget["forecast"] > budget["total"]
                else "summary.forecast_ok"
            )
            sentences.append(
                tr(key, forecast=fmt.money(budget["forecast"]), total=fmt.money(budget["total"]))
            )
    elif budget.get("spent"):
        sentences.append(tr("summary.spent", spent=fmt.money(budget["spent"])))
    if report.overdue:
        sentences.append(
            tr(
                "summary.overdue",
                count=len(report.overdue),
                days=report.overdue[0]["days_overdue"],
            )
            if len(report.overdue) > 1
            else tr("summary.overdue_one", days=report.overdue[0]["days_overdue"])
        )
    else:
        sentences.append(tr("summary.no_overdue"))
    goals = [k for k in report.kpi if k.get("target") and k.get("result") is not None]
    if len(goals) == 1:
        goal = goals[0]
        sentences.append(
            tr(
                "summary.kpi",
                result=fmt.number(goal["result"]),
                target=fmt.number(goal["target"]),
                kpi=goal.get("kpi") or tr("kpi.default"),
                pct=fmt.pct(goal["pct"]),
            )
        )
    return sentences
