"""«Endringer»: the report workbook's sheet of what changed since the last report.

The counts first (as numbers a reader can compute with), then every activity that
changed as one filtered table (its list in the first column, the moved deadlines with
their old date and days moved), then the plans whose budget or goal result changed.
The words are the view's (`view.changes.ChangesView`), as in every other format.
`write_changes_xlsx` writes this sheet alone: `aktplan endringer -o endringer.xlsx`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..compute import model
from ..compute.report import Report
from ..view.changes import TASK_LISTS, ChangesView, with_changes
from ..view.report import ReportView
from .common import Formats, mark_generated, new_workbook
from .report_sheets import Column, SheetWriter, task_columns

# Below the activities' table, the budget and result tables start after this gap (rows).
GAP = 2


def _figures(changes: ChangesView) -> list[tuple[str, str, Any, str]]:
    """(label, kind, value, note) of each count in the section's order, and the spend."""
    data = changes.changes
    values: dict[str, tuple[str, Any]] = {
        key: ("int", len(getattr(data, key))) for key in TASK_LISTS
    }
    values["moved"] = ("int", len(data.moved))
    values["spent"] = ("money", data.spent)
    return [(tile.label, *values[tile.key], tile.note) for tile in changes.tiles]


def activity_columns(view: ReportView) -> list[Column]:
    """The changed activities' columns: the list each is in, the activity, and what only
    some lists say (the old deadline and days moved; the days overdue)."""
    tr = view.tr
    return [
        Column(tr("mgmt.col.group"), "text", 22, lambda pair: pair[0]),
        *[c.of(lambda pair: pair[1]) for c in task_columns(view, None)],
        Column(
            tr("mgmt.col.old_deadline"),
            "date",
            14,
            lambda pair: getattr(pair[1], "old_deadline", None),
        ),
        Column(
            tr("mgmt.col.days_moved"), "int", 13, lambda pair: getattr(pair[1], "days_moved", None)
        ),
        Column(
            tr("mgmt.col.days_late"), "int", 11, lambda pair: getattr(pair[1], "days_overdue", None)
        ),
    ]


def write_changes_sheet(writer: SheetWriter, view: ReportView, title: str):
    """The «Endringer» sheet; with no earlier snapshot, its one line."""
    changes = view.changes
    assert changes is not None, "a report without history has no changes sheet"
    tr, formats = view.tr, writer.formats
    sheet = writer.workbook.add_worksheet(title)
    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.write_string(0, 0, changes.title, formats.title)
    if changes.empty:
        sheet.write_string(1, 0, changes.empty)
        return sheet
    sheet.write_string(1, 0, changes.lead or "", formats.subtitle)

    # The counts and the spend, typed; the note beside each.
    row = 3
    for col, header in enumerate(("mgmt.col.figure", "mgmt.col.value", "mgmt.col.note")):
        sheet.write_string(row, col, tr(header), formats.header)
    for label, kind, value, note in _figures(changes):
        row += 1
        sheet.write_string(row, 0, label)
        writer.cell(sheet, row, 1, kind, value)
        sheet.write_string(row, 2, note)
    if changes.slip:
        row += 2
        sheet.write_string(row, 0, changes.slip)

    # Every activity that changed, in one table: (its list's title, the activity).
    items: list[tuple[str, model.Task]] = [
        (group.title, item) for group in changes.groups for item in group.items
    ]
    items += [(changes.moved_title, item) for item in changes.changes.moved]
    if items:
        row += GAP
        sheet.write_string(row, 0, tr("col.activities"), formats.heading)
        _, row = writer.table(sheet, "Endringer", activity_columns(view), items, first_row=row + 1)
    sheet.set_column(1, 2, 16)  # the counts' value and note, wider than the table's ID column
    if changes.budgets:
        row += GAP
        sheet.write_string(row, 0, changes.budgets_title, formats.heading)
        _, row = writer.table(
            sheet,
            "Budsjettendringer",
            [
                Column(tr("col.campaign"), "text", 0, lambda c: view.campaign(c)),
                Column(tr("mgmt.col.before"), "money", 0, lambda c: c.before),
                Column(tr("mgmt.col.now"), "money", 0, lambda c: c.after),
                Column(tr("mgmt.col.change"), "money", 0, lambda c: c.change),
                Column(tr("col.file"), "text", 0, lambda c: c.file),
            ],
            changes.changes.budgets,
            first_row=row + 1,
            widths=False,
        )
    if changes.results:
        row += GAP
        sheet.write_string(row, 0, changes.results_title, formats.heading)
        writer.table(
            sheet,
            "Resultatendringer",
            [
                Column(tr("col.campaign"), "text", 0, lambda c: view.campaign(c)),
                Column("KPI", "text", 0, lambda c: c.kpi),
                Column(tr("mgmt.col.before"), "number", 0, lambda c: c.before),
                Column(tr("mgmt.col.now"), "number", 0, lambda c: c.after),
                Column(tr("mgmt.col.gained"), "number", 0, lambda c: c.gained),
                Column(tr("col.target"), "number", 0, lambda c: c.target),
                Column(tr("col.share"), "pct", 0, lambda c: c.pct),
                Column(tr("col.file"), "text", 0, lambda c: c.file),
            ],
            changes.changes.results,
            first_row=row + 1,
            widths=False,
        )
    sheet.freeze_panes(1, 0)
    return sheet


def write_changes_xlsx(report: Report, path: Path) -> Path:
    """A workbook with only the «Endringer» sheet (`aktplan endringer`); the caller makes
    the write atomic. A report built without history says there is nothing to compare."""
    view = ReportView(with_changes(report))
    workbook = new_workbook(path, f"{view.tr('mgmt.section.changes')} – {view.title}")
    mark_generated(workbook, "rapport")  # skipped when found beside the plans
    writer = SheetWriter(workbook, Formats(workbook, view.fmt.currency))
    write_changes_sheet(writer, view, view.tr("mgmt.sheet.changes"))
    workbook.close()
    return path
