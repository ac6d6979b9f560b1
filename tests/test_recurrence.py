"""Recurring activities (issue 15): the `Gjentas` column read, its series computed once
(`compute/recurrence.py`, dateutil.rrule) and shown alike on the wheel, in the årshjul
workbook, in the report's upcoming list, in the per-person list and in the calendar.

The plans are written by our own template writer and filled with openpyxl
(`workbooks/fill.py`), as `aktplan nytt-år` and the demo write theirs.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import convert, run_aktplan
from dateutil.rrule import rrulestr
from icalendar import Calendar

from aktivitetsplan.compute.people import build_people
from aktivitetsplan.compute.recurrence import next_occurrence, occurrences
from aktivitetsplan.compute.report import build_report
from aktivitetsplan.compute.wheel import build_year
from aktivitetsplan.plan.schema import COLUMNS, REPEAT_LABELS
from aktivitetsplan.plan.values import parse_repeat
from aktivitetsplan.read.reader import read_plans
from aktivitetsplan.settings import Settings
from aktivitetsplan.workbooks.fill import write_filled_plan
from aktivitetsplan.workbooks.wheel_template import write_wheel_workbook

CAMPAIGN = {"name": "Innholdsmotor", "start": date(2026, 1, 1), "end": date(2026, 12, 31)}
NEWSLETTER = {
    "id": "P1",
    "activity": "Nyhetsbrev",
    "type": "Program",
    "responsible": "Kari Nordmann",
    "start": date(2026, 1, 15),
    "deadline": date(2026, 12, 15),
    "repeat": "månedlig",
    "status": "I produksjon",
}
MONTHLY = [date(2026, month, 15) for month in range(1, 13)]


def settings(day: date, language: str = "nb") -> Settings:
    return Settings(language=language, report_date=day)


def write(path: Path, rows: list[dict], language: str = "nb", **campaign: object) -> Path:
    write_filled_plan(path, Settings(language=language), {**CAMPAIGN, **campaign}, rows)
    return path


def read(path: Path, day: date = date(2026, 6, 30), language: str = "nb"):
    result = read_plans([path], settings(day, language))
    assert not result.unreadable
    return result


@pytest.fixture
def newsletter(tmp_path: Path) -> Path:
    return write(tmp_path / "innholdsmotor.xlsx", [NEWSLETTER])


# --- reading the column ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("ukentlig", "weekly"),
        ("Hver uke", "weekly"),
        ("annenhver uke", "biweekly"),
        ("2 uker", "biweekly"),
        ("Every other week", "biweekly"),
        ("MÅNEDLIG", "monthly"),
        ("hver måned", "monthly"),
        ("monthly", "monthly"),
        ("kvartalsvis", "quarterly"),
        ("hvert kvartal", "quarterly"),
        ("årlig", "yearly"),
        ("hvert år", "yearly"),
        ("yearly", "yearly"),
    ],
)
def test_values_and_synonyms(text, key):
    assert parse_repeat(text) == (key, None)


def test_blank_is_not_repeating_without_a_word():
    assert parse_repeat(None) == (None, None)
    assert parse_repeat("  ") == (None, None)


def test_the_column_reads_every_value_and_warns_at_an_unknown_one(tmp_path):
    rows = [
        {**NEWSLETTER, "id": f"P{n}", "activity": f"A{n}", "repeat": text}
        for n, text in enumerate(["ukentlig", "hver 2. uke", "Månedlig", "hvert kvartal",
                                  "årlig", None, "av og til"])
    ]  # fmt: skip
    plan = read(write(tmp_path / "plan.xlsx", rows)).plans[0]
    assert plan.table["repeat"].tolist() == [
        "weekly", "biweekly", "monthly", "quarterly", "yearly", None, None,
    ]  # fmt: skip
    column = [c.key for c in COLUMNS].index("repeat")
    cell = f"Aktivitetsplan!{chr(ord('A') + column)}20"  # the seventh row: 14 + 6
    warnings = [i for i in plan.issues if i.cell == cell]
    assert len(warnings) == 1 and warnings[0].severity == "warning"
    message = warnings[0].message
    assert "«av og til»" in message
    assert all(label in message for label in REPEAT_LABELS["nb"].values())
    assert not [i for i in plan.issues if i.cell != cell and i.severity != "info"]


def test_english_plan_and_english_message(tmp_path):
    row = {**NEWSLETTER, "status": "In progress", "repeat": "sometimes"}
    plan = read(write(tmp_path / "plan.xlsx", [row], "en"), language="en").plans[0]
    (warning,) = [i for i in plan.issues if i.severity == "warning"]
    assert '"sometimes"' in warning.message and "every other week" in warning.message


def test_a_plan_without_the_column_reads_as_before(tmp_path):
    """A plan written before the column existed: the table has the column, all blank."""
    path = write(tmp_path / "plan.xlsx", [{k: v for k, v in NEWSLETTER.items() if k != "repeat"}])
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    sheet.delete_cols(len(COLUMNS))  # the last column is `Gjentas`: gone, as in old plans
    table = sheet.tables["Aktiviteter"]
    table.ref = table.ref.replace("R", "Q")
    table.autoFilter.ref = table.ref
    del table.tableColumns[-1]
    workbook.save(path)
    plan = read(path).plans[0]
    assert plan.table["repeat"].tolist() == [None]
    assert not plan.issues
    report = build_report([plan], settings(date(2026, 12, 10))).to_json()
    (item,) = report["upcoming"]
    assert "repeat" not in item and "occurrence" not in item


# --- the series ------------------------------------------------------------------------


def test_occurrences_and_the_next_one():
    assert occurrences(date(2026, 1, 15), date(2026, 12, 15), "monthly") == MONTHLY
    assert occurrences(date(2026, 1, 5), date(2026, 2, 2), "biweekly") == [
        date(2026, 1, 5), date(2026, 1, 19), date(2026, 2, 2),
    ]  # fmt: skip
    assert occurrences(date(2026, 1, 15), date(2026, 12, 31), "quarterly") == [
        date(2026, 1, 15), date(2026, 4, 15), date(2026, 7, 15), date(2026, 10, 15),
    ]  # fmt: skip
    assert next_occurrence(date(2026, 1, 15), date(2026, 12, 15), "monthly", date(2026, 6, 30)) == (
        date(2026, 7, 15)
    )
    assert next_occurrence(date(2026, 1, 15), date(2026, 12, 15), "monthly", date(2026, 7, 15)) == (
        date(2026, 7, 15)
    )
    assert (
        next_occurrence(date(2026, 1, 15), date(2026, 12, 15), "monthly", date(2026, 12, 16))
        is None
    )


def test_twelve_occurrences_on_the_wheel(newsletter):
    wheel = build_year(read(newsletter).plans, settings(date(2026, 6, 30)), year=2026)
    drawn = [a for a in wheel.activities if a.activity == "Nyhetsbrev"]
    assert sorted(a.occurrence for a in drawn) == MONTHLY
    assert all(a.start == a.end == a.occurrence and a.repeat == "monthly" for a in drawn)
    assert {a.lane for a in drawn} == {0}  # a month apart: one lane
    assert sum(wheel.phase_counts().values()) == 1  # one activity, counted once
    assert not any(a.overdue for a in drawn)


def test_twelve_bars_in_the_filled_arshjul_workbook(newsletter, tmp_path):
    wheel = build_year(read(newsletter).plans, settings(date(2026, 6, 30)), year=2026)
    path = tmp_path / "arshjul.xlsx"
    write_wheel_workbook(path, wheel)
    sheet = openpyxl.load_workbook(path)["Årshjul"]
    headers = {sheet.cell(6, c).value: c for c in range(1, 12)}
    rows = [r for r in range(7, sheet.max_row + 1) if sheet.cell(r, headers["Aktivitet"]).value]
    assert len(rows) == 12
    starts = [sheet.cell(r, headers["Start"]).value for r in rows]
    ends = [sheet.cell(r, headers["Slutt"]).value for r in rows]
    assert starts == ends == [datetime.combine(d, datetime.min.time()) for d in MONTHLY]
    assert {sheet.cell(r, headers["Gjentas"]).value for r in rows} == {"månedlig"}
    # Each bar lights the week its day falls in: twelve different weeks of the grid.
    mondays = [sheet.cell(4, c).value for c in range(headers[1], headers[1] + 53)]
    lit = {max(i for i, monday in enumerate(mondays) if monday <= start) for start in starts}
    assert len(lit) == 12


def test_one_repeating_event_in_the_calendar(newsletter):
    out = newsletter.parent / "kari.ics"
    code, _out, err = run_aktplan(
        "oppgaver", str(newsletter), "--dato", "2026-06-30", "--person", "kari",
        "-o", str(out), "--overskriv",
    )  # fmt: skip
    assert code == 0, err
    raw = out.read_bytes()
    assert b"RRULE:FREQ=MONTHLY;UNTIL=20261215\r\n" in raw
    (event,) = Calendar.from_ical(raw).walk("VEVENT")
    assert event.decoded("dtstart") == date(2026, 1, 15)
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=datetime(2026, 1, 15))
    assert [moment.date() for moment in rule] == MONTHLY


@pytest.mark.parametrize(
    ("repeat", "rule"),
    [
        ("ukentlig", b"FREQ=WEEKLY;UNTIL=20261215"),
        ("annenhver uke", b"FREQ=WEEKLY;INTERVAL=2;UNTIL=20261215"),
        ("kvartalsvis", b"FREQ=MONTHLY;INTERVAL=3;UNTIL=20261215"),
        ("årlig", b"FREQ=YEARLY;UNTIL=20261215"),
    ],
)
def test_each_frequency_as_an_rrule(tmp_path, repeat, rule):
    path = write(tmp_path / "plan.xlsx", [{**NEWSLETTER, "repeat": repeat}])
    out = tmp_path / "hjul.ics"
    code, _out, err = run_aktplan("årshjul", str(path), "--år", "2026", "-o", str(out))
    assert code == 0, err
    (line,) = [x for x in out.read_bytes().split(b"\r\n") if x.startswith(b"RRULE:")]
    assert set(line.removeprefix(b"RRULE:").split(b";")) == set(rule.split(b";"))


# --- late or not, next, upcoming ---------------------------------------------------------------


def test_not_overdue_while_the_series_runs(newsletter):
    plans = read(newsletter).plans
    report = build_report(plans, settings(date(2026, 6, 30)))
    assert report.overdue == []
    people = build_people(plans, settings(date(2026, 6, 30)))
    (task,) = people.people[0].tasks
    assert not task.overdue and task.days_left == 15


def test_overdue_after_the_series_end_when_still_open(newsletter):
    plans = read(newsletter, date(2027, 1, 10)).plans
    report = build_report(plans, settings(date(2027, 1, 10)))
    (late,) = report.overdue
    assert late.activity == "Nyhetsbrev" and late.deadline == date(2026, 12, 15)
    (task,) = build_people(plans, settings(date(2027, 1, 10))).people[0].tasks
    assert task.overdue and task.occurrence is None and task.days_left == -26


def test_the_campaign_end_ends_a_series_without_a_deadline(tmp_path):
    row = {**NEWSLETTER, "deadline": None}
    path = write(tmp_path / "plan.xlsx", [row], end=date(2026, 3, 31))
    wheel = build_year(read(path).plans, settings(date(2026, 1, 1)), year=2026)
    assert [a.occurrence for a in wheel.activities] == MONTHLY[:3]


def test_the_next_occurrence_is_upcoming(newsletter):
    plans = read(newsletter).plans
    report = build_report(plans, settings(date(2026, 7, 6)))
    (item,) = report.upcoming
    assert item.occurrence == date(2026, 7, 15) and item.days_left == 9
    assert item.deadline == date(2026, 12, 15)  # the series' end stays its deadline
    data = report.to_json()["upcoming"][0]
    assert data["repeat"] == "monthly" and data["occurrence"] == "2026-07-15"
    assert data["deadline"] == "2026-12-15" and data["days_left"] == 9
    # Three weeks before the next one: not upcoming in the default 14 days.
    assert build_report(plans, settings(date(2026, 6, 24))).upcoming == []


def test_the_next_occurrence_in_the_person_list(newsletter):
    code, out, err = run_aktplan(
        "oppgaver", str(newsletter), "--dato", "2026-07-06", "--format", "json"
    )
    assert code == 0, err
    (person,) = json.loads(out)["people"]
    (task,) = person["tasks"]
    assert task["occurrence"] == "2026-07-15" and task["repeat"] == "monthly"
    assert task["days_left"] == 9 and task["deadline"] == "2026-12-15"
    code, text, err = run_aktplan("oppgaver", str(newsletter), "--dato", "2026-07-06")
    assert code == 0, err
    assert "15.07.2026 (månedlig)" in text


# --- LibreOffice ------------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_libreoffice_round_trip_reads_the_same(newsletter, tmp_path):
    rows = [
        {**NEWSLETTER, "id": "P1"},
        {**NEWSLETTER, "id": "P2", "activity": "Blogg", "repeat": "annenhver uke"},
        {**NEWSLETTER, "id": "P3", "activity": "Rapport", "repeat": "kvartalsvis"},
        {**NEWSLETTER, "id": "P4", "activity": "Én gang", "repeat": None},
    ]
    path = write(tmp_path / "plan.xlsx", rows)
    again = convert(path, "xlsx", tmp_path / "lo")
    before, after = read(path).plans[0], read(again).plans[0]
    assert after.table["repeat"].tolist() == before.table["repeat"].tolist() == [
        "monthly", "biweekly", "quarterly", None,
    ]  # fmt: skip
    assert [i.message for i in after.issues] == [i.message for i in before.issues]
    workbook = openpyxl.load_workbook(again)
    validations = [
        dv for dv in workbook.worksheets[0].data_validations.dataValidation
        if dv.formula1 == "Liste_Gjentas"
    ]  # fmt: skip
    assert len(validations) == 1


def test_the_history_snapshot_keeps_the_column(tmp_path):
    """The history codec stores every schema column: a series survives a snapshot."""
    from aktivitetsplan.history.codec import decode_plan, encode_plan

    rows = [NEWSLETTER, {**NEWSLETTER, "id": "P2", "activity": "Én gang", "repeat": None}]
    plan = read(write(tmp_path / "plan.xlsx", rows)).plans[0]
    table = decode_plan(encode_plan(plan).packed()).table
    assert table["repeat"].tolist() == ["monthly", None]
