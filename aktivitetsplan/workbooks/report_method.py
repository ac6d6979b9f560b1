"""«Mål og metode»: the report workbook's sheet of the planning method (issue 17).

Only a report with one of the method's figures has it (`has_method`): the department
goal (its facts as numbers, the campaigns that carry it and those that do not), the
year's experiments (the twelve months in one row, months without any standing out;
the decisions taken and the finished experiments without one), readiness (a live
campaign nobody answers for stands out) and the digital tail per campaign.

The titles, sentences, headers and worded cells are the view's (`view.method`), as in
every other format; counts, shares, targets and dates are the report's own numbers,
typed, so a reader can compute with them. Text is always written as a string.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..plan.palette import OVER_BUDGET_FILL, OVER_BUDGET_TEXT, PALE_AMBER
from ..view.method import Section
from ..view.report import ReportView
from .report_sheets import Column, SheetWriter

GAP = 2  # empty rows between two parts of the sheet
FIRST_ROW = 3  # under the title and the subtitle
# Excel's «Bad» cell style: a live campaign nobody answers for, a month gone by without
# an experiment. A month still to come without one is a gap to fill: amber.
BAD = {"bg_color": OVER_BUDGET_FILL, "font_color": OVER_BUDGET_TEXT}
GAP_AHEAD = {"bg_color": PALE_AMBER}
# Column widths: labels, campaigns and activities in A; the hypothesis in E.
WIDTHS = ((0, 0, 44), (1, 1, 26), (2, 3, 13), (4, 4, 34), (5, 12, 12))

# A typed column of a section's table: (kind, the value from the record).
Typed = dict[int, tuple[str, Callable[[Any], Any]]]


def has_method(view: ReportView) -> bool:
    """Whether the report has any of the method's figures (and so the sheet)."""
    parts = (view.goal, view.experiment_year, view.readiness, view.tail)
    return any(part is not None for part in parts)


def _text(sheet, row: int, title: str, sentences: Sequence[str], heading) -> int:
    """A part's title and its sentences; returns the row after them."""
    sheet.write_string(row, 0, title, heading)
    for sentence in sentences:
        row += 1
        sheet.write_string(row, 0, sentence)
    return row + 1


def _table(
    writer: SheetWriter,
    sheet,
    row: int,
    name: str,
    section: Section,
    records: Sequence[Any],
    typed: Typed,
    mark: Callable[[Any], dict[str, str] | None] | None = None,
) -> int:
    """`section`'s table at `row`: the view's words in the text columns, the record's
    numbers in the `typed` ones. Nothing for a section without rows (its sentences say
    so); returns the row after the table."""
    if not section.rows:
        return row
    items = list(zip(records, section.rows, strict=True))
    columns = []
    for index, header in enumerate(section.columns):
        if index in typed:
            kind, pick = typed[index]
            columns.append(Column(header, kind, 0, lambda item, pick=pick: pick(item[0])))
        else:
            columns.append(Column(header, "text", 0, lambda item, i=index: item[1][i]))
    picked = (lambda item: mark(item[0])) if mark is not None else None
    _, last = writer.table(sheet, name, columns, items, first_row=row, widths=False, mark=picked)
    return last + 1


def _subtable(writer, sheet, row, name, section, records, typed) -> int:
    """A titled table under a part (the goal's carriers, the decisions …)."""
    if not section.rows:
        return row
    sheet.write_string(row, 0, section.title, writer.formats.heading)
    return _table(writer, sheet, row + 1, name, section, records, typed) + 1


def _goal(writer: SheetWriter, sheet, view: ReportView, row: int) -> int:
    goal = view.goal
    assert goal is not None
    record, tr, formats = goal.record, view.tr, writer.formats
    # The sheet stands alone (the summary is another sheet): it opens with the goal too.
    row = _text(sheet, row, goal.title, [goal.sentence, *goal.sentences], formats.heading)

    # The facts: the view's labels, the goal's numbers (a whole number without decimals).
    typed: dict[str, tuple[str, Any]] = {
        tr("method.goal.target"): ("number", record.target),
        tr("method.goal.result"): ("number", record.result),
        tr("method.goal.share"): ("pct", record.pct),
        tr("method.goal.elapsed"): ("pct", record.elapsed_pct),
    }
    period = tr("method.goal.period_label")
    row += 1
    sheet.write_string(row, 0, tr("mgmt.col.figure"), formats.header)
    sheet.write_string(row, 1, tr("mgmt.col.value"), formats.header)
    for label, text in goal.facts:
        row += 1
        sheet.write_string(row, 0, label)
        if label == period:  # the first and the last day, as dates
            writer.cell(sheet, row, 1, "date", record.period_start)
            writer.cell(sheet, row, 2, "date", record.period_end)
        elif label in typed:
            kind, value = typed[label]
            whole = kind == "number" and value is not None and float(value).is_integer()
            writer.cell(sheet, row, 1, kind, value, formats.integer if whole else None)
        else:
            writer.cell(sheet, row, 1, "text", text)
    row += GAP
    share: Typed = {
        2: ("number", lambda c: c.target),
        3: ("number", lambda c: c.result),
        4: ("pct", lambda c: c.share_pct),
    }
    row = _subtable(writer, sheet, row, "MaalKampanjer", goal.carriers, record.contributing, share)
    return _subtable(writer, sheet, row, "MaalAndre", goal.others, record.not_contributing, {})


def _experiments(writer: SheetWriter, sheet, view: ReportView, row: int) -> int:
    year = view.experiment_year
    assert year is not None
    tr, formats = view.tr, writer.formats
    row = _text(sheet, row, year.title, year.sentences, formats.heading)

    # The twelve months in one row, the count under each; an empty month stands out.
    row += 1
    sheet.write_string(row, 0, tr("mgmt.col.month"), formats.header)
    sheet.write_string(row + 1, 0, tr("col.count"))
    for col, month in enumerate(year.months, start=1):
        sheet.write_string(row, col, month.label, formats.header)
        style = (BAD if month.past else GAP_AHEAD) if month.empty else None
        fmt = writer.marked("int", style) if style else None
        writer.cell(sheet, row + 1, col, "int", month.count, fmt)
    row += 2 + GAP
    deadline: Typed = {2: ("date", lambda item: item.deadline)}
    undecided = year.record.finished_undecided
    row = _subtable(writer, sheet, row, "UtenBeslutning", year.undecided, undecided, deadline)
    return _subtable(
        writer, sheet, row, "Beslutninger", year.decided, year.record.decided, deadline
    )


def _readiness(writer: SheetWriter, sheet, view: ReportView, row: int) -> int:
    ready = view.readiness
    assert ready is not None
    section = ready.section
    row = _text(sheet, row, section.title, section.sentences, writer.formats.heading) + 1
    hours: Typed = {3: ("number", lambda r: r.response_hours)}

    def flagged(record) -> dict[str, str] | None:
        return BAD if record.flagged else None

    return _table(writer, sheet, row, "Beredskap", section, ready.shown, hours, flagged) + 1


def _tail(writer: SheetWriter, sheet, view: ReportView, row: int) -> int:
    tail = view.tail
    assert tail is not None
    section = tail.section
    row = _text(sheet, row, section.title, section.sentences, writer.formats.heading) + 1
    figures: Typed = {
        1: ("int", lambda r: r.finished),
        2: ("int", lambda r: r.with_tail),
        3: ("pct", lambda r: r.pct),
        4: ("int", lambda r: r.without_tail),
        5: ("int", lambda r: r.unstated),
    }
    return _table(writer, sheet, row, "DigitalHale", section, tail.record.campaigns, figures) + 1


def write_method_sheet(writer: SheetWriter, view: ReportView, title: str):
    """The «Mål og metode» sheet: each of the method's parts the report has, in turn."""
    assert has_method(view), "a report without the method's figures has no method sheet"
    formats = writer.formats
    sheet = writer.workbook.add_worksheet(title)
    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.hide_gridlines(2)
    for first, last, width in WIDTHS:
        sheet.set_column(first, last, width)
    sheet.write_string(0, 0, title, formats.title)
    sheet.write_string(1, 0, view.subtitle, formats.subtitle)
    row = FIRST_ROW
    parts = (
        (view.goal, _goal),
        (view.experiment_year, _experiments),
        (view.readiness, _readiness),
        (view.tail, _tail),
    )
    for part, write in parts:
        if part is not None:
            row = write(writer, sheet, view, row) + 1
    return sheet
