"""The headline: three to five sentences generated from the figures.

Progress, budget against time (with the forecast), what is late, the deadlines moved
since the last report (with history), and the goal: the order a director asks in.
"""

from __future__ import annotations

from ..compute.model import Changes
from ..compute.report import Report
from ..i18n import Translator
from ..i18n.fmt import Formatter
from .method import goal_sentence, join_and


def _days(count: int, tr: Translator) -> str:
    return tr("mgmt.days_one") if count == 1 else tr("mgmt.days", count=count)


def _budget(report: Report, tr: Translator, fmt: Formatter) -> str | None:
    budget = report.budget
    burn, elapsed = budget.burn_pct, budget.elapsed_pct
    if burn is None or elapsed is None:
        spent = budget.spent
        return tr("summary.spent", spent=fmt.money(spent)) if spent else None
    forecast, total = budget.forecast, budget.total or 0
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
        uncertain = report.unreadable_values
        if uncertain.deadline or uncertain.status:  # never claim «none late»
            return tr("summary.no_overdue_uncertain")
        return tr("summary.no_overdue")
    days = _days(report.overdue[0].days_overdue, tr)
    if len(report.overdue) == 1:
        return tr("mgmt.summary.overdue_one", days=days)
    return tr("mgmt.summary.overdue", count=len(report.overdue), days=days)


def slip_sentence(changes: Changes | None, tr: Translator, fmt: Formatter, year: int) -> str | None:
    """`4 frister er flyttet siden 31.10., til sammen 38 dager.`: the deadlines moved
    since the snapshot compared with, and the days they add up to (None: none moved).
    The snapshot's date shows without its year when it is the report's year."""
    if changes is None or changes.since is None or not changes.moved:
        return None
    count, total = len(changes.moved), changes.slip_days
    if total == 0:  # as many days earlier as later
        key = "mgmt.summary.slip_even"
    else:
        one = "_one" if count == 1 else ""
        key = f"mgmt.summary.slip{one}{'_earlier' if total < 0 else ''}"
    return tr(
        key,
        count=fmt.number(count),
        since=fmt.short_date(changes.since, year),
        days=_days(abs(total), tr),
    )


def _goal(report: Report, tr: Translator, fmt: Formatter) -> str | None:
    measured = [k for k in report.kpi if k.pct is not None]
    if len(measured) == 1:
        goal = measured[0]
        values = {
            "result": fmt.number(goal.result),
            "target": fmt.number(goal.target),
            "pct": fmt.pct(goal.pct),
        }
        if goal.kpi:
            return tr("summary.kpi", kpi=goal.kpi, **values)
        return tr("mgmt.summary.kpi_plain", **values)
    paced = [k for k in measured if k.on_track is not None]
    if len(paced) > 1:
        on = sum(1 for k in paced if k.on_track)
        return tr("mgmt.summary.goals", on=on, count=len(paced))
    return None


SHOWN_CELLS = 4  # cells named in the headline; the rest are counted


def _cells(report: Report, tr: Translator) -> str:
    """`Aktivitetsplan!I14, Aktivitetsplan!I15 og 3 til` (with the file when several)."""
    cells = report.unreadable_values.cells
    several = len({c.file for c in cells}) > 1
    names = [f"{c.file}: {c.cell}" if several else c.cell for c in cells]
    shown = ", ".join(names[:SHOWN_CELLS])
    more = len(names) - SHOWN_CELLS
    return tr("summary.uncertain.more", cells=shown, more=more) if more > 0 else shown


def uncertain(report: Report, tr: Translator) -> str | None:
    """The sentence that says which figures rest on values aktplan could not read."""
    counts = report.unreadable_values
    if not counts.cells:
        return None
    figures = [
        tr(f"summary.figure.{name}")
        for name, keys in (
            ("overdue", ("deadline", "status")),
            ("status", ("status",)),
            ("planned", ("budget",)),
            ("spent", ("cost",)),
            ("goal", ("result",)),
            ("budget", ("campaign",)),
        )
        if any(counts.count(key) for key in keys)
    ]
    joined = ", ".join(figures[:-1]) + f" {tr('summary.and')} " + figures[-1]
    values = {
        "cells": _cells(report, tr),
        "figures": joined if len(figures) > 1 else figures[0],
        "count": counts.activities,
    }
    if not counts.activities:
        return tr("summary.uncertain_campaign", **values)
    return tr("summary.uncertain_one" if counts.activities == 1 else "summary.uncertain", **values)


def headline(report: Report, tr: Translator, fmt: Formatter) -> list[str]:
    """Sentences a director reads first: progress, budget, what is late, the goal; and,
    first of all when there is one, what could not be read and which figures it touches."""
    status = report.status
    active = report.active  # every phase but cancelled, as the status table's shares
    sentences = [
        tr(
            "summary.progress_one" if active == 1 else "summary.progress",
            done=fmt.number(status.get("distributed", 0)),
            total=fmt.number(active),
            production=fmt.number(status.get("in_production", 0)),
        )
    ]
    for sentence in (
        _budget(report, tr, fmt),
        _overdue(report, tr),
        slip_sentence(report.changes, tr, fmt, report.date.year),
        _goal(report, tr, fmt),
    ):
        if sentence:
            sentences.append(sentence)
    if report.department_goal is not None:  # the goal on top: every report opens with it
        sentences.insert(0, goal_sentence(report.department_goal, tr, fmt))
    # What could not be read comes before every figure it leaves out or makes uncertain.
    warnings = [w for w in (unread_files(report, tr), uncertain(report, tr)) if w]
    return [*warnings, *sentences]


SHOWN_FILES = 3  # files named in the headline; the rest are counted


def unread_files(report: Report, tr: Translator) -> str | None:
    """`2 filer kunne ikke leses og er ikke med i tallene: a.xlsx og b.xlsx.`: every
    figure (the goal's too) leaves them out; the report's end says why for each."""
    files = [item.file for item in report.unreadable]
    if not files:
        return None
    if len(files) > SHOWN_FILES:
        shown = ", ".join(files[:SHOWN_FILES])
        names = tr("summary.uncertain.more", cells=shown, more=len(files) - SHOWN_FILES)
    else:
        names = join_and(files, tr)
    key = "summary.unread_files_one" if len(files) == 1 else "summary.unread_files"
    return tr(key, count=len(files), files=names)
