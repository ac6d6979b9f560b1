"""Property tests: whatever a person types into whatever cell, the reader never raises.

Each value either reads back as the same value, or becomes an Issue at its cell.
"""

from __future__ import annotations

import math
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import write_template
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell

from aktivitetsplan import read_plans
from aktivitetsplan.plan.schema import COLUMNS, HEADER_ROW
from aktivitetsplan.plan.values import MONTHS, DateContext, parse_date

COL = {c.key: i + 1 for i, c in enumerate(COLUMNS)}
LETTER = {c.key: openpyxl.utils.get_column_letter(i + 1) for i, c in enumerate(COLUMNS)}
FIRST = HEADER_ROW + 1

texts = st.text(max_size=40).filter(lambda s: not ILLEGAL_CHARACTERS_RE.search(s))
values = st.one_of(
    st.none(),
    texts,
    st.sampled_from(
        [
            "12 500 kr",
            "15.03.2026",
            "15. mars 2026",
            "ferdig",
            "-",
            "=1+2",
            "=A1",
            "#N/A",
            "kr 1.000,-",
            "31.02.2026",
        ]
    ),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 12, 31)),
    st.booleans(),
)
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    return write_template(tmp_path_factory.mktemp("prop") / "blank.xlsx")


def write(blank: Path, tmp_path: Path, cells: list[tuple[int, int, object]]) -> Path:
    path = tmp_path / "plan.xlsx"
    shutil.copy(blank, path)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    for row, col, value in cells:
        if not isinstance(ws.cell(row=row, column=col), MergedCell):  # as in Excel: read-only
            ws.cell(row=row, column=col, value=value)
    wb.save(path)
    return path


@SETTINGS
@given(cells=st.lists(st.tuples(st.integers(1, 40), st.integers(1, 22), values), max_size=25))
def test_any_value_in_any_cell_never_raises(blank, tmp_path, cells):
    result = read_plans(write(blank, tmp_path, cells))
    assert len(result.plans) + len(result.unreadable) >= 1
    for item in result.unreadable:
        assert item.message.startswith(str(tmp_path / "plan.xlsx"))
    for plan in result.plans:
        for issue in plan.issues:
            assert issue.severity in ("error", "warning", "info") and issue.message


@SETTINGS
@given(
    key=st.sampled_from(["start", "deadline", "budget", "cost", "hours", "target", "result"]),
    value=values,
)
def test_a_typed_value_reads_back_or_becomes_an_issue_at_its_cell(blank, tmp_path, key, value):
    path = write(blank, tmp_path, [(FIRST, COL["activity"], "Aktivitet"), (FIRST, COL[key], value)])
    (plan,) = read_plans(path).plans
    got = plan.activities[key].iloc[0]
    cell = f"Aktivitetsplan!{LETTER[key]}{FIRST}"
    issues = [i for i in plan.issues if i.cell == cell]
    kind = next(c.kind for c in COLUMNS if c.key == key)
    if value is None or (isinstance(value, str) and value.strip() in ("", "-")):
        assert pd.isna(got)
    elif kind == "date" and isinstance(value, (date, datetime)) and not isinstance(value, bool):
        expected = value.date() if isinstance(value, datetime) else value
        assert got.date() == expected
        assert not issues
    elif (
        kind in ("amount", "number")
        and isinstance(value, (int, float))
        and not isinstance(value, bool)
        and abs(value) <= 1e15  # larger is no amount or count: an error at its cell
    ):
        assert math.isclose(got, float(value), rel_tol=1e-6, abs_tol=1e-6)
    else:
        # text, a formula, a boolean, or a number in a date column: a value or an issue
        assert not pd.isna(got) or issues, (value, got)


@settings(max_examples=300, deadline=None)
@given(
    start=st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 1, 1)),
    length=st.integers(min_value=0, max_value=366),  # 1 March to 1 March over a 29 February
    offset=st.floats(min_value=0, max_value=1),
    today=st.dates(min_value=date(1985, 1, 1), max_value=date(2105, 12, 31)),
    named=st.booleans(),
    data=st.data(),
)
def test_a_day_and_month_without_a_year_lands_in_the_plan_period(
    start, length, offset, today, named, data
):
    """`d.m` or `d. <month>` of any day in a period of up to 12 months reads back inside it,
    whatever the report date."""
    end = start + timedelta(days=length)
    typed = start + timedelta(days=round(offset * length))
    if named:
        names = sorted(name for name, month in MONTHS.items() if month == typed.month)
        raw = f"{typed.day}. {data.draw(st.sampled_from(names))}"
    else:
        raw = f"{typed.day}.{typed.month}"
    value, problem = parse_date(raw, DateContext(today, start, end))
    assert start <= value <= end, (raw, value)
    assert problem.severity == "info" and problem.key == "value.assumed_year"
    days = (start + timedelta(days=i) for i in range(length + 1))
    assert value in [d for d in days if (d.month, d.day) == (typed.month, typed.day)]
