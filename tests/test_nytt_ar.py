"""`aktplan nytt-år`: 2026's plan becomes 2027's, read back exactly.

The 2026 plan is written with our own template writer and filled with openpyxl
(conftest); the CLI runs in-process. The dates are chosen so each rule is seen:
Monday of week 13 lands on Easter Monday 2027 and Monday of week 20 on 17 May
2027 (both moved to the Tuesday), Thursday 31.12.2026 is in week 53 (2027 has 52
weeks), Tuesday of week 12 stays Tuesday of week 12.
"""

from __future__ import annotations

import hashlib
import math
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from conftest import convert, fill_plan, write_template

from aktivitetsplan.compute.next_year import move_date, plan_year, working_day
from aktivitetsplan.read.reader import read_plans
from aktivitetsplan.settings import Settings

ROWS = [
    {
        "ID": "A01",
        "Aktivitet": "Kickoff",
        "Ansvarlig": "Kari Nordmann",
        "Start": date(2026, 1, 1),  # Thursday, week 1 (a holiday in 2026, not in 2027)
        "Frist": date(2026, 3, 17),  # Tuesday, week 12
        "Status": "ferdig",
        "Budsjett (kr)": 10000,
        "Kostnad (kr)": 12000,
        "Timer": 5,
        "Måltall": 3,
        "Resultat": 4,
        "Kommentar": "Gikk bra",
    },
    {
        "ID": "A02",
        "Aktivitet": "Påskekampanje",
        "Utfører": "Ola Hansen",
        "Start": date(2026, 3, 17),
        "Frist": date(2026, 3, 23),  # Monday, week 13 → Easter Monday 2027
        "Status": "I produksjon",
        "Budsjett (kr)": 25000,
        "Kostnad (kr)": 5000,
    },
    {
        "ID": "A03",
        "Aktivitet": "Messe i mai",
        "Start": date(2026, 5, 4),
        "Frist": date(2026, 5, 11),
        "Status": "Avlyst",
        "Budsjett (kr)": 80000,
    },
    {
        "ID": "A04",
        "Aktivitet": "Nyttårshilsen",
        "Ansvarlig": "Kari Nordmann",
        "Start": date(2026, 12, 28),  # Monday, week 53
        "Frist": date(2026, 12, 31),  # Thursday, week 53
        "Status": "Å gjøre",
        "Budsjett (kr)": 2000,
        "Kommentar": "Husk logo",
    },
    {
        "ID": "A05",
        "Aktivitet": "Bursdagsmail",
        "Frist": date(2026, 5, 11),  # Monday, week 20 → 17 May 2027 → Tuesday 18 May
        "Status": "Ferdig",
        "Resultat": 120,
    },
]
CAMPAIGN = {
    "Kampanje": "Årshjul-kampanje",
    "Mål": "Flere leads",
    "Budsjett": 150000,
    "Start": date(2026, 1, 5),  # Monday, week 2
    "Slutt": date(2026, 12, 31),  # Thursday, week 53
    "Ansvarlig": "Kari Nordmann",
}
# (start, deadline) in 2027, by activity; A03 (cancelled) is left out.
EXPECTED_DATES = {
    "Kickoff": (date(2027, 1, 7), date(2027, 3, 23)),
    "Påskekampanje": (date(2027, 3, 23), date(2027, 3, 30)),
    "Nyttårshilsen": (date(2027, 12, 27), date(2027, 12, 30)),
    "Bursdagsmail": (None, date(2027, 5, 18)),
}
EXPECTED_BUDGETS = {"Kickoff": 10000, "Påskekampanje": 25000, "Nyttårshilsen": 2000}


def make_plan(path: Path, language: str = "nb") -> Path:
    write_template(path, language)
    return fill_plan(path, ROWS, CAMPAIGN)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def blank(value: object) -> bool:
    if isinstance(value, np.datetime64):
        return bool(np.isnat(value))
    return value is None or (isinstance(value, float) and math.isnan(value))


def day(value) -> date | None:
    return None if value is None or str(value) == "NaT" else value.astype(object)


def read_one(path: Path, language: str = "nb"):
    result = read_plans([path], Settings(language=language))
    assert not result.unreadable, result.unreadable
    [plan] = result.plans
    return plan


def rows_of(plan) -> dict[str, dict]:
    table = plan.table
    keys = ("start", "deadline", "status", "phase", "cost", "result", "comment", "budget")
    return {
        name: {key: table[key][i] for key in (*keys, "hours", "target", "id", "responsible")}
        for i, name in enumerate(table["activity"].tolist())
    }


# --- the rules, on their own ----------------------------------------------------------


def test_the_same_iso_week_and_weekday_then_off_a_holiday():
    assert move_date(date(2026, 3, 17), 1).new == date(2027, 3, 23)  # Tue week 12
    easter = move_date(date(2026, 3, 23), 1)
    assert (easter.new, easter.holiday_day, easter.holiday) == (
        date(2027, 3, 30),
        date(2027, 3, 29),
        "Andre påskedag",
    )
    may = move_date(date(2026, 5, 11), 1, "en")
    assert may.new == date(2027, 5, 18) and "Constitution Day" in may.holiday
    late = move_date(date(2026, 12, 31), 1)
    assert (late.new, late.week53, late.holiday) == (date(2027, 12, 30), True, None)
    # Week 53 is kept when the new year has one (2026 from 2020: both have 53).
    assert move_date(date(2020, 12, 31), 6) == move_date(date(2020, 12, 31), 6)
    assert move_date(date(2020, 12, 31), 6).new == date(2026, 12, 31)
    assert not move_date(date(2020, 12, 31), 6).week53


def test_a_holiday_before_a_weekend_or_another_holiday_moves_past_them():
    # Maundy Thursday 2027 → Good Friday, Saturday, Easter Sunday, Monday: Tuesday.
    assert working_day(date(2027, 3, 25)) == (date(2027, 3, 30), "Skjærtorsdag", date(2027, 3, 25))
    assert working_day(date(2027, 3, 24)) == (date(2027, 3, 24), None, None)


def test_the_plan_year_is_its_period_else_its_dates_else_the_report_date(tmp_path):
    plan = read_one(make_plan(tmp_path / "p.xlsx"))
    assert plan_year(plan, date(2030, 1, 1)) == 2026
    plan.campaign = {k: v for k, v in plan.campaign.items() if k not in ("start", "end")}
    assert plan_year(plan, date(2030, 1, 1)) == 2026  # most activity dates are in 2026
    empty = write_template(tmp_path / "empty.xlsx")
    fill_plan(empty, [{"Aktivitet": "Uten dato"}])
    assert plan_year(read_one(empty), date(2030, 6, 1)) == 2030


# --- the command ------------------------------------------------------------------------


def test_2026_becomes_2027_read_back_exactly(aktplan, tmp_path):
    source = make_plan(tmp_path / "plan-2026.xlsx")
    before = digest(source)
    code, out, err = aktplan("nytt-år", str(source), "-o", "plan-2027.xlsx")
    assert code == 0, err
    assert digest(source) == before  # the input is never touched
    plan = read_one(tmp_path / "plan-2027.xlsx")
    assert plan.campaign["start"] == date(2027, 1, 11)
    assert plan.campaign["end"] == date(2027, 12, 30)
    assert plan.campaign["budget"] == 150000
    assert plan.campaign["name"] == "Årshjul-kampanje"
    assert plan.campaign["owner"] == "Kari Nordmann"
    rows = rows_of(plan)
    assert set(rows) == set(EXPECTED_DATES)  # the cancelled «Messe i mai» is left out
    for name, (start, deadline) in EXPECTED_DATES.items():
        row = rows[name]
        assert (day(row["start"]), day(row["deadline"])) == (start, deadline), name
        assert row["status"] == "Å gjøre" and row["phase"] == "todo", name
        assert blank(row["cost"]) and blank(row["result"]) and row["comment"] is None, name
    assert {name: row["budget"] for name, row in rows.items() if not blank(row["budget"])} == (
        EXPECTED_BUDGETS
    )
    kickoff = rows["Kickoff"]
    assert (kickoff["id"], kickoff["hours"], kickoff["target"]) == ("A01", 5, 3)
    assert kickoff["responsible"] == "Kari Nordmann"
    assert "plan-2027.xlsx (2027)" in out
    assert "4 aktiviteter overført, 2 flyttet fra helligdag, 1 utelatt" in out
    assert "Påskekampanje (Frist, rad 15) 29.03.2027 (Andre påskedag) → 30.03.2027" in out
    assert "uke 53 finnes ikke i 2027: kampanjens Slutt 31.12.2026 → 30.12.2027" in out
    assert "A04 Nyttårshilsen (Frist, rad 17) 31.12.2026 → 30.12.2027 (uke 52)" in out
    assert "utelatt (avlyst): A03 Messe i mai, rad 16" in out
    assert "A05 Bursdagsmail (Frist, rad 18) 17.05.2027 (Andre pinsedag / Grunnlovsdag)" in out
    assert "Kickoff" not in out  # 07.01.2027 and 23.03.2027 are working days: nothing to say

    code, out, err = aktplan("sjekk", "plan-2027.xlsx")
    assert code == 0, out + err
    assert "0 feil" in out


def test_an_existing_output_needs_overskriv_and_the_year_can_be_chosen(aktplan, tmp_path):
    source = make_plan(tmp_path / "plan.xlsx")
    assert aktplan("nytt-ar", str(source), "-o", "ny.xlsx").returncode == 0  # the ASCII alias
    first = digest(tmp_path / "ny.xlsx")
    code, _out, err = aktplan("nytt-år", str(source), "-o", "ny.xlsx", "--år", "2028")
    assert code == 2 and "finnes allerede" in err and "--overskriv" in err
    assert digest(tmp_path / "ny.xlsx") == first
    code, out, err = aktplan("nytt-år", str(source), "-o", "ny.xlsx", "--år", "2028", "--overskriv")
    assert code == 0, err
    assert "(2028)" in out
    rows = rows_of(read_one(tmp_path / "ny.xlsx"))
    assert day(rows["Påskekampanje"]["deadline"]) == date(2028, 3, 27)  # Monday, week 13
    code, _out, err = aktplan("nytt-år", str(source), "-o", str(source), "--overskriv")
    assert code == 2 and "Feil:" in err  # never onto the input


def test_a_folder_gives_a_folder_with_the_same_names(aktplan, tmp_path):
    folder = tmp_path / "2026"
    folder.mkdir()
    make_plan(folder / "a.xlsx")
    make_plan(folder / "b.xlsx")
    code, _out, err = aktplan("nytt-år", "2026", "-o", "ny.xlsx")
    assert code == 2 and "gi en mappe" in err
    assert not (tmp_path / "ny.xlsx").exists()
    code, _out, err = aktplan("nytt-år", "2026", "-o", "2027")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "2027").iterdir()) == ["a.xlsx", "b.xlsx"]
    result = read_plans([tmp_path / "2027"], Settings())
    assert len(result.plans) == 2 and not result.unreadable
    for plan in result.plans:
        assert plan.campaign["end"] == date(2027, 12, 30)
    code, _out, err = aktplan("nytt-år", "2026", "-o", "2027")
    assert code == 2 and "finnes allerede" in err


def test_english_plans_start_at_to_do(aktplan, tmp_path):
    source = write_template(tmp_path / "en.xlsx", "en")
    fill_plan(source, [{"Activity": "Launch", "Deadline": date(2026, 5, 11), "Status": "Done"}])
    code, out, err = aktplan("nytt-år", "en.xlsx", "-o", "next.xlsx", "--språk", "en")
    assert code == 0, err
    assert "moved off a public holiday: Launch (Deadline, row 14) 17.05.2027" in out
    rows = rows_of(read_one(tmp_path / "next.xlsx", "en"))
    assert rows["Launch"]["status"] == "To do"
    assert day(rows["Launch"]["deadline"]) == date(2027, 5, 18)


@pytest.mark.libreoffice
def test_libreoffice_resave_of_the_new_plan_reads_back_the_same(aktplan, tmp_path):
    make_plan(tmp_path / "plan.xlsx")
    assert aktplan("nytt-år", "plan.xlsx", "-o", "ny.xlsx").returncode == 0
    resaved = convert(tmp_path / "ny.xlsx", "xlsx", tmp_path / "lo")
    ours, theirs = read_one(tmp_path / "ny.xlsx"), read_one(resaved)
    assert theirs.campaign == ours.campaign
    assert rows_of(theirs).keys() == rows_of(ours).keys()
    for name, row in rows_of(ours).items():
        other = rows_of(theirs)[name]
        for key, value in row.items():
            assert (blank(value) and blank(other[key])) or other[key] == value, (name, key)
    assert not [i for i in theirs.issues if i.severity == "error"]
