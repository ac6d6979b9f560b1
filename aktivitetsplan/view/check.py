"""`aktplan sjekk` output: one linter line per issue, then a summary."""

from __future__ import annotations

import re

from ..i18n import Translator
from ..plan.model import Issue, ReadResult, severity_counts

_CELL = re.compile(r"!([A-Z]+)(\d+)$")


def issue_order(issue: Issue) -> tuple:
    """File, then row, then column: the order a person reads a sheet in."""
    match = _CELL.search(issue.cell)
    row, width, letters = (int(match[2]), len(match[1]), match[1]) if match else (0, 0, "")
    return (issue.file, issue.cell.split("!")[0], row, width, letters)


def check_lines(result: ReadResult, tr: Translator) -> list[str]:
    """`plan.xlsx:Aktivitetsplan!J14: feil: ukjent status «ferdig?» (…)`, sorted by file and row."""
    issues = sorted(result.issues, key=issue_order)
    return [f"{i.file}:{i.cell}: {tr('severity.' + i.severity)}: {i.message}" for i in issues]


def check_summary(result: ReadResult, tr: Translator) -> str:
    counts = severity_counts(result.issues)
    return tr(
        "sjekk.summary_infos" if counts["info"] else "sjekk.summary",
        files=result.files,
        plans=len(result.plans),
        activities=sum(len(p.table) for p in result.plans),
        errors=counts["error"],
        warnings=counts["warning"],
        infos=counts["info"],
    )
