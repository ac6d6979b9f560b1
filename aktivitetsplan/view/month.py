"""`--måned`: the month's key figures and its lists (finished, due, experiments, next, started).

Every format shows the same five lists under the same headings, and the same
figures above them; the lists' order and the dates they are about are set here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..compute import model
from .tiles import Tile

if TYPE_CHECKING:
    from .report import ReportView


@dataclass(frozen=True)
class MonthGroup:
    """One list of the month view (finished, started, …) with its heading."""

    key: str
    title: str
    items: list[model.Task]
    date_key: str = "deadline"  # the date the list is about: `start` for what started


def month_groups(view: ReportView) -> list[MonthGroup]:
    month = view.month
    if not month:
        return []
    tr = view.tr
    next_name = view.fmt.month(month.next_month)
    return [
        MonthGroup("finished", tr("mgmt.month.finished"), month.finished),
        MonthGroup("due_open", tr("mgmt.month.due_open"), month.due_open),
        MonthGroup("experiments", tr("mgmt.month.experiments"), month.experiments),
        MonthGroup("due_next", tr("mgmt.month.next", month=next_name), month.due_next),
        MonthGroup("started", tr("mgmt.month.started"), month.started, "start"),
    ]


def month_tiles(view: ReportView) -> list[Tile]:
    month = view.month
    if not month:
        return []
    tr, fmt = view.tr, view.fmt
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
