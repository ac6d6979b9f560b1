"""What the reader hands to the report: plans, their activities and issues."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # neither is loaded by `aktplan --help`
    import pandas as pd

    from .table import Table


@dataclass(frozen=True)
class Issue:
    """One problem found in a file: where (`Aktivitetsplan!J14`), how bad, what."""

    file: str
    cell: str
    severity: str  # "error" | "warning" | "info" (a merknad: what aktplan assumed)
    message: str

    def to_dict(self) -> dict[str, str]:
        return {
            "file": self.file,
            "cell": self.cell,
            "severity": self.severity,
            "message": self.message,
        }


SEVERITIES = ("error", "warning", "info")


def severity_counts(issues) -> dict[str, int]:
    """How many issues of each severity (Issue objects or their JSON dicts)."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for issue in issues:
        severity = issue["severity"] if isinstance(issue, dict) else issue.severity
        counts[severity] += 1
    return counts


@dataclass(frozen=True)
class GoalSpec:
    """The department's quantified goal for a period: `[maal]` in aktplan.toml, or the
    `Mål` sheet of an årshjul workbook. A period left out is the report date's year."""

    name: str | None
    kpi: str | None
    target: float | None
    start: date | None = None
    end: date | None = None
    aliases: tuple[str, ...] = ()
    source: str = ""  # where it was set: the toml's path, or `fil: Mål`
    # The cell of each field on a `Mål` sheet (`fil: Mål!B5`), for messages; empty for the toml.
    cells: tuple[tuple[str, str], ...] = ()
    unreadable: tuple[str, ...] = ()  # the fields typed but not read (`target`, …)

    def cell(self, key: str) -> str | None:
        return dict(self.cells).get(key)


@dataclass
class Plan:
    """One plan table read from one sheet of one workbook.

    `table` holds the activities as typed numpy columns (what the report computes on);
    `activities` is the same as a pandas DataFrame, built on first use.
    """

    file: str
    sheet: str
    campaign: dict[str, Any]
    table: Table
    issues: list[Issue] = field(default_factory=list)
    header_row: int = 0
    # Cells a value was typed in that could not be read (an error at the cell, or a
    # formula with no saved value), as (1-based sheet row, field key, cell name). Field
    # keys are activity columns, or `campaign.<field>` for the campaign block (row 0 is
    # never used for those: the row is the label's). The report says which figures they
    # could change.
    unreadable_cells: list[tuple[int, str, str]] = field(default_factory=list)
    # The column keys the sheet's header names: the method's columns (`Hypotese`,
    # `Beslutning`, `Digital hale`) are reported only for plans that have them.
    columns: frozenset[str] = frozenset()
    # The department goal on the workbook's `Mål` sheet (the årshjul workbook), if any;
    # `goal_sheet`: the workbook has such a sheet (filled in or not): it is the
    # department's, not a campaign.
    goal: GoalSpec | None = None
    goal_sheet: bool = False
    other_goals: tuple[GoalSpec, ...] = ()  # more goal sheets in the workbook: not used

    @cached_property
    def activities(self) -> pd.DataFrame:
        """The activities: one row each, dates as datetime64, money as float, phase a category."""
        return self.table.to_frame()

    @property
    def holds_only_goal(self) -> bool:
        """An årshjul workbook whose `Mål` sheet is filled in and its calendar empty: it
        holds the department goal, and is no plan of activities."""
        return self.goal is not None and not len(self.table)

    @property
    def name(self) -> str:
        """The campaign name, else the file and sheet."""
        return self.campaign.get("name") or f"{self.file} ({self.sheet})"


@dataclass(frozen=True)
class Unreadable:
    """A file that could not be read at all, and why (one translated line)."""

    file: str
    message: str
    error: BaseException | None = field(default=None, repr=False, compare=False)


@dataclass
class ReadResult:
    """Everything `read_plans` found: the plans, the files it could not read or skipped."""

    plans: list[Plan] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)
    skipped: list[Unreadable] = field(default_factory=list)  # aktplan's own wheels and reports
    files: int = 0

    @property
    def sources(self) -> list[str]:
        """Every file read as a plan or found unreadable: inputs an output must never replace."""
        return list(dict.fromkeys([p.file for p in self.plans] + [u.file for u in self.unreadable]))

    @property
    def issues(self) -> list[Issue]:
        return [issue for plan in self.plans for issue in plan.issues]

    def __iter__(self):
        return iter(self.plans)

    def __len__(self) -> int:
        return len(self.plans)
