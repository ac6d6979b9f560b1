"""Plan rules beyond single values: duplicate IDs, deadline before start, and so on."""

from __future__ import annotations

import pandas as pd

from .cells import cell_name
from .i18n import Translator
from .model import Issue, Plan
from .values import show


def _fmt_date(value) -> str:
    return pd.Timestamp(value).strftime("%d.%m.%Y")


def check_plan(plan: Plan, tr: Translator, by_col: dict[str, int]) -> list[Issue]:
    """Issues for the rules `aktplan sjekk` enforces, each with its cell."""
    frame = plan.activities
    issues: list[Issue] = []

    def add(row: int, key: str, severity: str, message: str) -> None:
        col = by_col.get(key, by_col["activity"])
        issues.append(Issue(plan.file, cell_name(plan.sheet, row - 1, col), severity, message))

    if "id" in by_col:
        ids = frame["id"]
        seen: dict[str, int] = {}
        for row, value in zip(frame["row"], ids, strict=True):
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
        late = frame["deadline"] < frame["start"]
        for row, start, deadline in frame.loc[late, ["row", "start", "deadline"]].itertuples(
            index=False
        ):
            message = tr(
                "check.deadline_before_start", deadline=_fmt_date(deadline), start=_fmt_date(start)
            )
            add(row, "deadline", "error", message)
    for key in ("hours", "budget", "cost", "target", "result"):
        if key in by_col:
            for row, value in frame.loc[frame[key] < 0, ["row", key]].itertuples(index=False):
                add(row, key, "error", tr("check.negative", value=show(value)))
    open_rows = frame["phase"].isin(["todo", "in_production", "unknown"])
    # A value typed but unreadable already has its error: don't also call it missing.
    unreadable = {i.cell for i in plan.issues if i.severity == "error"}
    for key, message in (
        ("responsible", "check.no_responsible"),
        ("deadline", "check.no_deadline"),
    ):
        if key in by_col:
            missing = frame[key].isna() & open_rows
            for row, activity in frame.loc[missing, ["row", "activity"]].itertuples(index=False):
                if cell_name(plan.sheet, row - 1, by_col[key]) not in unreadable:
                    add(row, key, "warning", tr(message, activity=show(activity)))
    if "cost" in by_col:
        unbudgeted = frame["cost"].notna() & (frame["cost"] > 0) & frame["budget"].isna()
        for row, activity in frame.loc[unbudgeted, ["row", "activity"]].itertuples(index=False):
            add(row, "cost", "warning", tr("check.cost_without_budget", activity=show(activity)))
    return issues
