"""Plan rules beyond single values: duplicate IDs, deadline before start, and so on."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .cells import cell_name
from .i18n import Translator
from .model import Issue, Plan
from .values import show


def _fmt_date(value) -> str:
    return pd.Timestamp(value).strftime("%d.%m.%Y")


def phase_in(frame: pd.DataFrame, phases) -> np.ndarray:
    """`frame["phase"].isin(phases)` as a numpy mask; on the category codes when it can."""
    phase = frame["phase"]
    if isinstance(phase.dtype, pd.CategoricalDtype):
        wanted = [code for code, name in enumerate(phase.cat.categories) if name in phases]
        return np.isin(phase.cat.codes.to_numpy(), wanted)
    return phase.isin(list(phases)).to_numpy()


def check_plan(plan: Plan, tr: Translator, by_col: dict[str, int]) -> list[Issue]:
    """Issues for the rules `aktplan sjekk` enforces, each with its cell."""
    frame = plan.activities
    issues: list[Issue] = []
    # Masks on numpy arrays and positions from np.flatnonzero: far cheaper per plan than
    # frame.loc[mask, cols].itertuples() when most plans have few or no findings.
    rows = frame["row"].to_numpy()

    def add(row: int, key: str, severity: str, message: str) -> None:
        col = by_col.get(key, by_col["activity"])
        issues.append(Issue(plan.file, cell_name(plan.sheet, row - 1, col), severity, message))

    if "id" in by_col:
        seen: dict[str, int] = {}
        for row, value in zip(rows.tolist(), frame["id"].tolist(), strict=True):
            if value is None or pd.isna(value):
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
        start, deadline = frame["start"].to_numpy(), frame["deadline"].to_numpy()
        for i in np.flatnonzero(deadline < start).tolist():  # NaT compares False
            message = tr(
                "check.deadline_before_start",
                deadline=_fmt_date(deadline[i]),
                start=_fmt_date(start[i]),
            )
            add(int(rows[i]), "deadline", "error", message)
    for key in ("hours", "budget", "cost", "target", "result"):
        if key in by_col:
            values = frame[key].to_numpy()
            for i in np.flatnonzero(values < 0).tolist():  # NaN compares False
                add(int(rows[i]), key, "error", tr("check.negative", value=show(values[i].item())))
    open_rows = phase_in(frame, ("todo", "in_production", "unknown"))
    # A value typed but unreadable already has its error: don't also call it missing.
    unreadable = {i.cell for i in plan.issues if i.severity == "error"}
    activities = frame["activity"].to_numpy()
    for key, message in (
        ("responsible", "check.no_responsible"),
        ("deadline", "check.no_deadline"),
    ):
        if key in by_col:
            missing = pd.isna(frame[key].to_numpy()) & open_rows
            for i in np.flatnonzero(missing).tolist():
                row = int(rows[i])
                if cell_name(plan.sheet, row - 1, by_col[key]) not in unreadable:
                    add(row, key, "warning", tr(message, activity=show(activities[i])))
    if "cost" in by_col:
        cost = frame["cost"].to_numpy()
        unbudgeted = (cost > 0) & pd.isna(frame["budget"].to_numpy())  # NaN > 0 is False
        for i in np.flatnonzero(unbudgeted).tolist():
            message = tr("check.cost_without_budget", activity=show(activities[i]))
            add(int(rows[i]), "cost", "warning", message)
    return issues
