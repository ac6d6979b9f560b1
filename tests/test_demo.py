"""`aktplan demo`'s plans are data: `aktivitetsplan/demo/plans.toml`, read by the demo package."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from importlib import resources

import openpyxl
import pytest

from aktivitetsplan.demo import DATA_FILE, MESSY, load_demo, parse_demo, write_demo
from aktivitetsplan.plan.schema import (
    CAMPAIGN_BY_KEY,
    COLUMN_BY_KEY,
    COLUMNS,
    FIRST_FIELD_ROW,
    HEADER_ROW,
)
from aktivitetsplan.settings import Settings

TODAY = date(2026, 11, 22)


def raw() -> dict:
    return tomllib.loads(
        resources.files("aktivitetsplan.demo").joinpath(DATA_FILE).read_text("utf-8")
    )


def test_the_data_file_loads_and_names_only_known_fields_and_columns():
    data = raw()
    demo = load_demo()
    assert [p.file for p in demo.plans] == [
        "lansering-sensorpakke.xlsx",
        "innholdsmotor.xlsx",
        "messe-maskin-industri.xlsx",
    ]
    assert sum(len(p.rows) for p in demo.plans) == 34
    assert "Byrå: Fjord Digital" in demo.people
    for plan in data["plans"]:
        assert set(plan) == {"file", "campaign", "rows"}
        assert set(plan["campaign"]) <= set(CAMPAIGN_BY_KEY), plan["file"]
        for row in plan["rows"]:
            assert row["activity"], plan["file"]
            unknown = set(row) - set(COLUMN_BY_KEY) - {MESSY}
            assert not unknown, (plan["file"], row["activity"], unknown)
            assert "id" not in row  # numbered by demo.py
            for key, value in row.items():
                if key != MESSY and COLUMN_BY_KEY[key].kind == "date":
                    assert type(value) is int, (row["activity"], key, value)


def test_a_typo_in_the_data_is_an_error_not_an_empty_cell():
    data = raw()
    data["plans"][0]["rows"][0]["dealine"] = 3
    with pytest.raises(
        ValueError, match=r"lansering-sensorpakke\.xlsx row 1: unknown key 'dealine'"
    ):
        parse_demo(data)
    data = raw()
    data["plans"][1]["campaign"]["start"] = "i fjor"
    with pytest.raises(ValueError, match="start must be a day offset"):
        parse_demo(data)


def test_offsets_become_dates_and_messy_rows_are_typed_as_text(tmp_path):
    [first, *_] = write_demo(tmp_path, Settings(report_date=TODAY))
    plan = load_demo().plans[0]
    sheet = openpyxl.load_workbook(first).worksheets[0]
    col = {c.key: i + 1 for i, c in enumerate(COLUMNS)}

    def cell(row: int, key: str):
        return sheet.cell(row=row, column=col[key]).value

    day = lambda offset: TODAY + timedelta(days=offset)  # noqa: E731
    assert sheet.cell(row=FIRST_FIELD_ROW, column=2).value == plan.campaign["name"]
    start = sheet.cell(row=FIRST_FIELD_ROW + 6, column=2).value
    assert start.date() == day(plan.campaign["start"])

    tidy = HEADER_ROW + 1  # A01
    assert cell(tidy, "id") == "A01"
    assert cell(tidy, "deadline").date() == day(plan.rows[0]["deadline"])
    messy = HEADER_ROW + 2  # A02
    assert plan.rows[1][MESSY] is True
    assert cell(messy, "start") == day(plan.rows[1]["start"]).strftime("%d.%m.%Y")
    assert cell(messy, "deadline") == "13. oktober 2026"  # -40 days
    assert cell(messy, "budget") == "60 000 kr"
    # A blank row before the sixth activity, as people leave them.
    assert all(cell(HEADER_ROW + 6, c.key) is None for c in COLUMNS)
    assert cell(HEADER_ROW + 7, "id") == "A06"
