"""The method in the terminal: the department goal, the year's experiments, readiness and
the digital tail, right after the headline.

Every title, sentence and cell comes from `view.method` (the HTML and Markdown reports
read the same); each section is printed only when its view is there, so a report over
plans without the method's fields looks as it always did.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..view.method import Section
from ..view.report import ReportView
from .text import TONES, _cut, _table


def _sentences(console: Console, sentences: list[str], tone: str = "neutral") -> None:
    for sentence in sentences:
        console.print(Text(sentence, style=TONES[tone]))


def _section_table(
    view: ReportView,
    section: Section,
    *,
    title: str = "",
    numeric: Sequence[int] = (),
    flags: Sequence[bool] = (),
) -> Table:
    """A section's rows as a table; `numeric`: the columns set flush right; `flags`: one
    bool per row, a flagged row's last cell (its note) in the overdue colour."""
    columns = [(c, "right" if i in numeric else "left") for i, c in enumerate(section.columns)]
    table = _table(title, *columns)
    for i, cells in enumerate(_cut(table, section.rows, view)):
        if flags and flags[i]:
            cells = [*cells[:-1], Text(cells[-1], style=f"bold {TONES['bad']}")]
        table.add_row(*cells)
    return table


def print_method(console: Console, view: ReportView) -> None:
    """The method's sections in the report's order: goal, experiments, readiness, tail."""
    print_goal(console, view)
    print_experiments(console, view)
    print_readiness(console, view)
    print_tail(console, view)


def print_goal(console: Console, view: ReportView) -> None:
    goal = view.goal
    if goal is None:
        return
    console.print(Text(goal.title, style="bold"))
    _sentences(console, goal.sentences)
    facts = _table("", ("", "left"), ("", "right"))
    facts.show_header = False
    for label, value in goal.facts:
        facts.add_row(label, value)
    console.print(facts)
    for part, numeric in ((goal.carriers, (2, 3, 4)), (goal.others, ())):
        if part.rows:
            title = f"{part.title} ({len(part.rows)})"
            console.print(_section_table(view, part, title=title, numeric=numeric))


def print_experiments(console: Console, view: ReportView) -> None:
    """The sentences, the twelve months (a month without an experiment shows «–», in the
    overdue colour once it is over, amber while it is ahead), then the two lists."""
    year = view.experiment_year
    if year is None:
        return
    console.print(Text(year.title, style="bold"))
    _sentences(console, year.sentences)
    months = _table("", *[(m.label, "center") for m in year.months])
    cells = [
        Text("–", style=f"bold {TONES['bad' if m.past else 'warn']}")
        if m.empty
        else Text(view.fmt.number(m.count))
        for m in year.months
    ]
    months.add_row(*cells)
    console.print(months)
    for part in (year.undecided, year.decided):
        if part.rows:
            title = f"{part.title} ({len(part.rows)})"
            console.print(_section_table(view, part, title=title))


def print_readiness(console: Console, view: ReportView) -> None:
    readiness = view.readiness
    if readiness is not None:
        flags = [r.flagged for r in readiness.shown]
        tone = "bad" if readiness.flagged else "neutral"
        _print_section(console, view, readiness.section, (3,), flags, tone)


def print_tail(console: Console, view: ReportView) -> None:
    if view.tail is not None:
        _print_section(console, view, view.tail.section, (1, 2, 3, 4, 5))


def _print_section(
    console: Console,
    view: ReportView,
    section: Section,
    numeric: Sequence[int],
    flags: Sequence[bool] = (),
    tone: str = "neutral",
) -> None:
    """A section's title, its sentences (the first in `tone`) and its table."""
    console.print(Text(section.title, style="bold"))
    _sentences(console, section.sentences[:1], tone)
    _sentences(console, section.sentences[1:])
    if section.rows:
        console.print(_section_table(view, section, numeric=numeric, flags=flags))
    else:
        console.print()
