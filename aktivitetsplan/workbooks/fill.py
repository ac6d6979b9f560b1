"""A fresh template, filled in: the demo's plans and årshjul, and `aktplan nytt-år`'s plans.

Each writes our own template (`plan_template.write_plan_template`,
`wheel_template.write_wheel_template`) and then types the values into it with
openpyxl, as a person would in Excel, so the result has every dropdown, check and
colour of a blank template; an old file is never copied. The values are given ready
to write: whatever makes them messy (the demo) or moves them (next year's plan) is
the caller's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

from ..plan.schema import (
    BLOCK_FIELDS,
    COLUMNS,
    FIRST_FIELD_ROW,
    GOAL_FIELDS,
    HEADER_ROW,
    PLAN_TABLE,
    SHEETS,
    SIDE_FIELDS,
    SIDE_LABEL_COL,
    WHEEL_TABLE,
)
from ..settings import Settings
from .common import DATE_FORMAT
from .plan_template import write_plan_template
from .wheel_grid import FIRST_ROW as WHEEL_FIRST_ROW
from .wheel_grid import TABLE as WHEEL_TABLE_COLUMNS
from .wheel_template import write_wheel_template

# A row of the activity table: column key → value (text, number or date); None for a
# blank row left in the table, as people leave them.
Row = Mapping[str, object] | None


def fill_plan(path: Path, campaign: Mapping[str, object], rows: Iterable[Row]) -> None:
    """Type the campaign fields and the activity rows into the written template at `path`.

    The campaign's keys are the block's (`name` … `owner`, value in column B) and the
    side fields' (`readiness`, `response_hours`, value in column H). A key that names
    no campaign field or column is an error (a typo would otherwise leave a cell empty
    without a word). The activity table grows when there are more rows than the
    template's, so every row stays inside it.
    """
    fields = {field.key: (FIRST_FIELD_ROW + offset, 2) for offset, field in enumerate(BLOCK_FIELDS)}
    fields |= {
        field.key: (FIRST_FIELD_ROW + offset, SIDE_LABEL_COL + 2)
        for offset, field in enumerate(SIDE_FIELDS)
    }
    columns = {column.key: index + 1 for index, column in enumerate(COLUMNS)}
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    for key, value in campaign.items():
        if key not in fields:
            raise KeyError(f"no campaign field {key!r}")
        _write(sheet, *fields[key], value)
    row = HEADER_ROW
    for activity in rows:
        row += 1
        for key, value in (activity or {}).items():
            if key not in columns:
                raise KeyError(f"no activity column {key!r}")
            _write(sheet, row, columns[key], value)
    table = sheet.tables[PLAN_TABLE]
    last_column = get_column_letter(len(COLUMNS))
    if row > range_boundaries(table.ref)[3]:
        table.ref = f"A{HEADER_ROW}:{last_column}{row}"
        if table.autoFilter is not None:
            table.autoFilter.ref = table.ref
    workbook.save(path)


def _write(sheet, row: int, column: int, value: object) -> None:
    """One value; blank values leave the template's empty cell as it is."""
    if value is None or value == "":
        return
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT


def write_filled_plan(
    path: Path, settings: Settings, campaign: Mapping[str, object], rows: Iterable[Row]
) -> None:
    """Write a fresh template to `path` in `settings`' language and lists, then fill it.

    The caller makes it atomic (`save.atomic_output`).
    """
    write_plan_template(path, settings)
    fill_plan(path, campaign, rows)


def fill_goal(path: Path, values: Mapping[str, object]) -> None:
    """Type the department goal into the `Mål` sheet of the årshjul template at `path`.

    `values` by GOAL_FIELDS key: `name`, `kpi` (text), `target` (a number), `start`,
    `end` (dates; the template has the year's first and last day already), `aliases`
    (text, or a list of names written comma-separated). A key that names no goal field
    is an error; a blank value leaves the template's cell as it is.
    """
    rows = {field.key: FIRST_FIELD_ROW + offset for offset, field in enumerate(GOAL_FIELDS)}
    workbook = openpyxl.load_workbook(path)
    names = {SHEETS[lang]["goal"] for lang in SHEETS}
    [sheet] = [ws for ws in workbook.worksheets if ws.title in names]
    for key, value in values.items():
        if key not in rows:
            raise KeyError(f"no goal field {key!r}")
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(part) for part in value)
        _write(sheet, rows[key], 2, value)
    workbook.save(path)


# A row of the årshjul's table: wheel column key (`category`, `activity`, `start`,
# `end`, `responsible`, `channel`, `status`, `repeat`) → value.
WheelRow = Mapping[str, object]


def write_filled_wheel(
    path: Path,
    settings: Settings,
    year: int,
    goal: Mapping[str, object] | None = None,
    rows: Iterable[WheelRow] = (),
) -> None:
    """Write the årshjul template of `year` to `path`, then type the department goal into
    its `Mål` sheet (`fill_goal`) and `rows` into its activity table, as a team fills it.

    At most the template's rows (150); a key that names no column of the table is an
    error. The caller makes it atomic (`save.atomic_output`).
    """
    write_wheel_template(path, settings, year)
    if goal:
        fill_goal(path, goal)
    rows = list(rows)
    if not rows:
        return
    columns = {key: index + 1 for index, (key, _width) in enumerate(WHEEL_TABLE_COLUMNS)}
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    first = WHEEL_FIRST_ROW + 1  # 1-based
    last = range_boundaries(sheet.tables[WHEEL_TABLE].ref)[3]
    if first + len(rows) - 1 > last:
        raise ValueError(f"{len(rows)} rows: the årshjul template holds {last - first + 1}")
    for offset, row in enumerate(rows):
        for key, value in row.items():
            if key not in columns:
                raise KeyError(f"no årshjul column {key!r}")
            _write(sheet, first + offset, columns[key], value)
    workbook.save(path)
