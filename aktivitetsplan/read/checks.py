"""Plan rules beyond single values: duplicate IDs, deadline before start, and so on."""

from __future__ import annotations

import numpy as np

from ..i18n import Translator
from ..plan.cells import cell_name
from ..plan.model import Issue, Plan
from ..plan.schema import UNSETTLED_PHASES
from ..plan.values import show


def _fmt_date(value: np.datetime64) -> str:
    return value.item().strftime("%d.%m.%Y")


def check_plan(plan: Plan, tr: Translator, by_col: dict[str, int]) -> list[Issue]:
    """Issues for the rules `aktplan sjekk` enforces, each with its cell."""
    table = plan.table
    issues: list[Issue] = []
    # Masks on numpy arrays and positions from np.flatnonzero: cheap per plan when most
    # plans have few or no findings.
    rows = table["row"]

    def add(row: int, key: str, severity: str, message: str) -> None:
        col = by_col.get(key, by_col["activity"])
        issues.append(Issue(plan.file, cell_name(plan.sheet, row - 1, col), severity, message))

    if "id" in by_col:
        seen: dict[str, int] = {}
        for row, value in zip(rows.tolist(), table["id"].tolist(), strict=True):
            if value is None:
                continue
            if value in seen:
                add(
                    row,
                    "id",
                    "error",
                    tr("check.duplicate_id", value=show(value), first=seen[value]),
                )
            else:
                seen[value] = row
    if "start" in by_col and "deadline" in by_col:
        start, deadline = table["start"], table["deadline"]
        for i in np.flatnonzero(deadline < start).tolist():  # NaT compares False
            message = tr(
                "check.deadline_before_start",
                deadline=_fmt_date(deadline[i]),
                start=_fmt_date(start[i]),
            )
            add(int(rows[i]), "deadline", "error", message)
    for key in ("hours", "budget", "cost", "target", "result"):
        if key in by_col:
            values = table[key]
            for i in np.flatnonzero(values < 0).tolist():  # NaN compares False
                add(int(rows[i]), key, "error", tr("check.negative", value=show(values[i].item())))
    open_rows = table.is_in("phase", UNSETTLED_PHASES)
    # A value typed but unreadable already has its issue: don't also call it missing.
    unreadable = {cell for _row, _key, cell in plan.unreadable_cells}
    activities = table["activity"]
    for key, message in (
        ("responsible", "check.no_responsible"),
        ("deadline", "check.no_deadline"),
    ):
        if key in by_col:
            for i in np.flatnonzero(table.blank(key) & open_rows).tolist():
                row = int(rows[i])
                if cell_name(plan.sheet, row - 1, by_col[key]) not in unreadable:
                    add(row, key, "warning", tr(message, activity=show(activities[i])))
    if "cost" in by_col:
        unbudgeted = (table["cost"] > 0) & table.blank("budget")  # NaN > 0 is False
        unread = {row for row, key, _cell in plan.unreadable_cells if key == "budget"}
        for i in np.flatnonzero(unbudgeted).tolist():
            if int(rows[i]) in unread:  # a budget was typed: its error says why it is blank
                continue
            message = tr("check.cost_without_budget", activity=show(activities[i]))
            add(int(rows[i]), "cost", "warning", message)
    if "hypothesis" in by_col or "decision" in by_col:
        _experiment_checks(table, by_col, tr, add)
    return issues


def _experiment_checks(table, by_col: dict[str, int], tr: Translator, add) -> None:
    """The method's template asks an experiment for a hypothesis and, once finished, a
    decision: a warning at the cell (through `add`) when it has none."""
    rows, activities = table["row"], table["activity"]
    experiments = table["type"] == "experiment"
    if not experiments.any():
        return
    if "hypothesis" in by_col:  # the method's template: an experiment says what it tests
        missing = experiments & (table["phase"] != "cancelled") & table.blank("hypothesis")
        for i in np.flatnonzero(missing).tolist():
            message = tr("check.experiment_no_hypothesis", activity=show(activities[i]))
            add(int(rows[i]), "hypothesis", "warning", message)
    if "decision" in by_col:  # … and, finished, what was decided
        undecided = experiments & (table["phase"] == "distributed") & table.blank("decision")
        for i in np.flatnonzero(undecided).tolist():
            message = tr("check.experiment_no_decision", activity=show(activities[i]))
            add(int(rows[i]), "decision", "warning", message)
