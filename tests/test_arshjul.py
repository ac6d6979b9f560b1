"""The årshjul: the ISO-week calendar, holidays, the year built from plans, and the CLI.

The plans are real workbooks written by our template writer and filled with
openpyxl; the CLI runs in-process (`conftest.run_aktplan`, click's CliRunner) with
stdout, stderr and the exit code apart, so each is checked exactly.
"""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from conftest import fill_plan, write_template
from conftest import run_aktplan as run
from hypothesis import given
from hypothesis import strategies as st

from aktivitetsplan.compute.wheel import (
    WheelActivity,
    assign_lanes,
    build_year,
    default_template_year,
    easter_sunday,
    month_spans,
    parse_year,
    public_holidays,
    week_grid,
    week_index,
    weeks_in_year,
    wheel_weeks,
)
from aktivitetsplan.errors import InputError
from aktivitetsplan.read.reader import read_plans
from aktivitetsplan.settings import Settings

TODAY = date(2026, 6, 1)  # a Monday, week 23
SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x","y")'

# Month → (first, last) ISO week number, a week counted in the month of its Thursday.
MONTH_WEEKS = {
    2026: [(1, 5), (6, 9), (10, 13), (14, 18), (19, 22), (23, 26), (27, 31), (32, 35),
           (36, 39), (40, 44), (45, 48), (49, 53)],
    2027: [(1, 4), (5, 8), (9, 12), (13, 17), (18, 21), (22, 25), (26, 30), (31, 34),
           (35, 39), (40, 43), (44, 47), (48, 52)],
}  # fmt: skip

SPRING = [
    {"Aktivitet": "Nyhetsbrev", "Type": "Program", "Kanal": "Nyhetsbrev", "Ansvarlig": "Kari",
     "Start": date(2026, 1, 5), "Frist": date(2026, 12, 18), "Status": "I produksjon"},
    {"Aktivitet": "Landingsside", "Type": "Kampanje", "Kanal": "Nettside", "Ansvarlig": "Ola",
     "Start": date(2026, 3, 1), "Frist": date(2026, 3, 31), "Status": "I distribusjon",
     "Måltall": 100, "Resultat": 40},
    {"Aktivitet": "LinkedIn-annonser", "Type": "Kampanje", "Kanal": "LinkedIn",
     "Ansvarlig": "Ola", "Start": date(2026, 3, 15), "Frist": date(2026, 4, 15),
     "Status": "pågår"},
    {"Aktivitet": "Podkast", "Type": "Eksperiment", "Kanal": "Video", "Ansvarlig": "Kari",
     "Frist": date(2026, 5, 20), "Status": "Å gjøre"},
    {"Aktivitet": "Julekampanje", "Type": "Kampanje", "Kanal": "Google Ads",
     "Ansvarlig": "Ingrid", "Start": date(2026, 12, 1), "Frist": date(2027, 1, 15),
     "Status": "Å gjøre"},
    {"Aktivitet": "Fjorårets kampanje", "Type": "Kampanje", "Start": date(2025, 10, 1),
     "Frist": date(2025, 11, 1), "Status": "ferdig"},
    {"Aktivitet": "Idé uten dato", "Type": "Eksperiment", "Status": "Å gjøre"},
    {"Aktivitet": SCRIPT, "Type": "Kampanje", "Kanal": "PR", "Ansvarlig": "Ingrid",
     "Start": date(2026, 6, 1), "Frist": date(2026, 6, 30), "Status": "Å gjøre"},
    {"Aktivitet": FORMULA, "Type": "Eksperiment", "Kanal": "E-post", "Ansvarlig": "Ola",
     "Start": date(2026, 8, 3), "Frist": date(2026, 8, 14), "Status": "Å gjøre"},
]  # fmt: skip
AUTUMN = [
    {"Aktivitet": "Stand", "Type": "Kampanje", "Kanal": "Arrangement", "Ansvarlig": "Ingrid",
     "Start": date(2026, 9, 1), "Frist": date(2026, 10, 15), "Status": "Avlyst"},
    {"Aktivitet": "Invitasjoner", "Type": "Kampanje", "Kanal": "E-post", "Ansvarlig": "Kari",
     "Start": date(2026, 9, 10), "Frist": date(2026, 9, 30), "Status": "Å gjøre"},
    {"Aktivitet": "Messedager", "Type": "Hendelse", "Kanal": "Arrangement",
     "Ansvarlig": "Ingrid", "Start": date(2026, 10, 20), "Frist": date(2026, 10, 22),
     "Status": "Å gjøre"},
]  # fmt: skip


def write_plan(path: Path, rows: list[dict], campaign: str) -> Path:
    """A plan written by our writer, filled with openpyxl; `=…` text stays text."""
    write_template(path)
    fill_plan(path, rows, {"Kampanje": campaign})
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":  # openpyxl stored the typed text as a formula
                cell.data_type = "s"
    workbook.save(path)
    return path


@pytest.fixture
def year_plans(tmp_path: Path) -> Path:
    """Two plans for 2026: known spans, overlaps, one undated, one outside, odd names."""
    folder = tmp_path / "planer"
    folder.mkdir()
    write_plan(folder / "var.xlsx", SPRING, "Vårkampanje")
    write_plan(folder / "host.xlsx", AUTUMN, "Høstmesse")
    return folder


def wheel_of(folder: Path, ring: str = "type", today: date = TODAY, year: int = 2026):
    result = read_plans([folder])
    assert not result.unreadable
    return build_year(result.plans, Settings(report_date=today), year=year, ring=ring)


def test_the_wheel_carries_its_settings(year_plans):
    """The renderers take language, translator and formatter from `wheel.settings`."""
    settings = Settings(language="en", currency="EUR", report_date=TODAY)
    wheel = build_year(read_plans([year_plans]).plans, settings, year=2026)
    assert wheel.settings is settings and wheel.today == TODAY
    assert not hasattr(wheel, "language")


# --- the calendar ------------------------------------------------------------------------------


def test_iso_weeks_of_2026_and_2027():
    grid26, grid27 = week_grid(2026), week_grid(2027)
    assert weeks_in_year(2026) == len(grid26) == 53
    assert weeks_in_year(2027) == len(grid27) == 52
    assert [w.number for w in grid26] == list(range(1, 54))
    assert [w.number for w in grid27] == list(range(1, 53))
    # Week 1 holds the first Thursday: 2026 starts on Monday 29.12.2025.
    assert grid26[0].monday == date(2025, 12, 29) and grid26[0].thursday == date(2026, 1, 1)
    assert grid26[-1].monday == date(2026, 12, 28) and grid26[-1].sunday == date(2027, 1, 3)
    assert grid27[0].monday == date(2027, 1, 4)
    assert grid27[-1].sunday == date(2028, 1, 2)
    for week in (*grid26, *grid27):
        assert week.monday.weekday() == 0
        assert week.monday.isocalendar()[:2] == (week.iso_year, week.number)


@pytest.mark.parametrize(
    ("day", "year", "week"),
    [
        (date(2025, 12, 29), 2026, 1),  # late December in next year's week 1
        (date(2026, 1, 1), 2026, 1),
        (date(2026, 12, 31), 2026, 53),
        (date(2027, 1, 3), 2026, 53),  # early January in last year's week 53
        (date(2027, 1, 4), 2027, 1),
        (date(2027, 12, 31), 2027, 52),
        (date(2028, 1, 2), 2027, 52),
        (date(2024, 12, 30), 2025, 1),
    ],
)
def test_dates_land_in_the_right_week_year(day, year, week):
    grid = week_grid(year)
    index = week_index(grid, day)
    assert index is not None and grid[index].number == week and grid[index].contains(day)


def test_days_outside_the_grid_have_no_week():
    assert week_index(week_grid(2027), date(2027, 1, 3)) is None  # 2026's week 53
    assert week_index(week_grid(2026), date(2025, 12, 28)) is None


@pytest.mark.parametrize("year", [2026, 2027])
def test_month_spans_follow_the_thursday(year):
    grid = week_grid(year)
    spans = month_spans(grid)
    assert [s.month for s in spans] == list(range(1, 13))
    assert [(grid[s.first].number, grid[s.last].number) for s in spans] == MONTH_WEEKS[year]
    assert sum(s.weeks for s in spans) == len(grid)


def test_the_wheel_weeks_cover_the_calendar_year():
    weeks = wheel_weeks(2027)
    assert (weeks[0].iso_year, weeks[0].number) == (2026, 53)  # 1.–3. January 2027
    assert (weeks[-1].iso_year, weeks[-1].number) == (2027, 52)
    assert weeks[0].monday <= date(2027, 1, 1) and weeks[-1].sunday >= date(2027, 12, 31)
    assert len(wheel_weeks(2026)) == 53


@pytest.mark.parametrize(
    ("year", "sunday"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)),
     (2027, date(2027, 3, 28)), (2038, date(2038, 4, 25))],
)  # fmt: skip
def test_easter(year, sunday):
    assert easter_sunday(year) == sunday


def test_norwegian_holidays_of_2027():
    found = public_holidays(date(2027, 1, 1), date(2027, 12, 31))
    assert (date(2027, 3, 29), "Andre påskedag") in found
    assert (date(2027, 5, 17), "Grunnlovsdag") in found
    assert (date(2027, 5, 17), "Andre pinsedag") in found  # the same day in 2027
    assert (date(2027, 12, 25), "Første juledag") in found
    assert len(found) == 12
    english = dict(public_holidays(date(2027, 3, 29), date(2027, 3, 29), "en"))
    assert english == {date(2027, 3, 29): "Easter Monday"}


def test_holidays_mark_their_weeks():
    grid27 = {w.number: w for w in week_grid(2027)}
    assert (date(2027, 3, 29), "Andre påskedag") in grid27[13].holidays
    assert (date(2027, 5, 17), "Grunnlovsdag") in grid27[20].holidays
    grid26 = {w.number: w for w in week_grid(2026)}
    assert (date(2026, 5, 17), "Grunnlovsdag") in grid26[20].holidays  # a Sunday
    assert (date(2027, 1, 1), "Første nyttårsdag") in grid26[53].holidays
    assert (date(2026, 1, 1), "Første nyttårsdag") in grid26[1].holidays
    assert not grid26[30].holidays


def test_school_holiday_weeks():
    def school(year: int) -> dict[int, str]:
        return {w.number: w.school for w in week_grid(year) if w.school}

    assert school(2026) == {
        1: "christmas", 8: "winter", 9: "winter", 14: "easter", 40: "autumn",
        41: "autumn", 52: "christmas", 53: "christmas",
    }  # fmt: skip
    assert school(2027) == {
        8: "winter", 9: "winter", 12: "easter", 40: "autumn", 41: "autumn",
        51: "christmas", 52: "christmas",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("today", "year"),
    [(date(2026, 1, 15), 2026), (date(2026, 9, 30), 2026), (date(2026, 10, 1), 2027),
     (date(2026, 12, 31), 2027)],
)  # fmt: skip
def test_default_template_year(today, year):
    assert default_template_year(today) == year


TR = Settings().tr


def test_parse_year():
    assert parse_year(None, TR) is None
    assert parse_year(" 2027 ", TR) == 2027
    for bad in ("27", "1999", "2101", "neste", "2027.5"):
        with pytest.raises(InputError, match="ugyldig år"):
            parse_year(bad, TR)


# --- the year from the plans -------------------------------------------------------------------


def test_build_year_rings_counts_and_spans(year_plans):
    wheel = wheel_of(year_plans)
    assert [(r.key, r.label) for r in wheel.rings] == [
        ("program", "Program"),
        ("campaign", "Kampanje"),
        ("experiment", "Eksperiment"),
        ("hendelse", "Hendelse"),
    ]
    names = {r.key: sorted(a.activity for a in r.activities) for r in wheel.rings}
    assert names == {
        "program": ["Nyhetsbrev"],
        "campaign": sorted(
            [SCRIPT, "Invitasjoner", "Julekampanje", "Landingsside", "LinkedIn-annonser", "Stand"]
        ),
        "experiment": sorted([FORMULA, "Podkast"]),
        "hendelse": ["Messedager"],
    }
    assert (wheel.outside, wheel.undated, wheel.plans) == (1, 1, 2)
    assert wheel.categories == ["Program", "Kampanje", "Eksperiment", "Hendelse"]
    by_name = {a.activity: a for a in wheel.activities}
    # Only a Frist: the activity takes that date's week, Monday to Sunday.
    podcast = by_name["Podkast"]
    assert (podcast.start, podcast.end) == (date(2026, 5, 18), date(2026, 5, 24))
    assert podcast.planned_start is None and podcast.deadline == date(2026, 5, 20)
    # Running into next year: drawn to 31.12., its real end kept.
    christmas = by_name["Julekampanje"]
    assert (christmas.start, christmas.end) == (date(2026, 12, 1), date(2026, 12, 31))
    assert christmas.last == date(2027, 1, 15) and christmas.clipped_after
    assert by_name["Stand"].plan == "Høstmesse" and by_name["Podkast"].plan == "Vårkampanje"


def test_overdue_is_an_open_activity_past_its_deadline(year_plans):
    wheel = wheel_of(year_plans)
    late = {a.activity: a.days_overdue for a in wheel.activities if a.overdue}
    assert late == {"Podkast": 12, "LinkedIn-annonser": 47}
    assert wheel.overdue == 2
    assert wheel.phase_counts()["distributed"] == 1  # Landingsside: done, not late


def test_lanes_separate_overlapping_activities(year_plans):
    wheel = wheel_of(year_plans)
    campaign = next(r for r in wheel.rings if r.key == "campaign")
    lanes = {a.activity: a.lane for a in campaign.activities}
    assert lanes == {
        "Landingsside": 0,
        "LinkedIn-annonser": 1,  # overlaps Landingsside
        SCRIPT: 0,
        "Stand": 0,
        "Invitasjoner": 1,  # overlaps Stand
        "Julekampanje": 0,
    }
    assert campaign.lanes == 2


def test_ring_by_channel_and_person(year_plans):
    by_channel = wheel_of(year_plans, ring="channel")
    # The configured channel order, then the rest.
    assert [r.label for r in by_channel.rings] == [
        "Nettside", "Google Ads", "LinkedIn", "Nyhetsbrev", "E-post", "Arrangement", "PR",
        "Video",
    ]  # fmt: skip
    by_person = wheel_of(year_plans, ring="responsible")
    assert [r.label for r in by_person.rings] == ["Ingrid", "Kari", "Ola"]
    assert sum(len(r.activities) for r in by_person.rings) == 10


def test_a_year_without_activities(year_plans):
    wheel = wheel_of(year_plans, year=2030)
    assert wheel.activities == [] and wheel.outside == 11 and wheel.undated == 1
    assert [r.key for r in wheel.rings] == ["program", "campaign", "experiment"]


def _activity(start: date, end: date, name: str = "a") -> WheelActivity:
    return WheelActivity(
        file="f.xlsx", sheet="s", row=1, plan="p", activity=name, ring="campaign",
        type="campaign", channel=None, responsible=None, status=None, phase="todo",
        planned_start=start, deadline=end, first=start, last=end, start=start, end=end,
        overdue=False, days_overdue=0,
    )  # fmt: skip


@given(st.lists(st.tuples(st.integers(0, 364), st.integers(0, 60)), min_size=0, max_size=40))
def test_lanes_never_overlap_and_are_as_few_as_possible(spans):
    first = date(2026, 1, 1)
    activities = [
        _activity(first + timedelta(days=s), first + timedelta(days=s + length), f"a{i}")
        for i, (s, length) in enumerate(spans)
    ]
    placed = assign_lanes(activities)
    assert sorted(a.activity for a in placed) == sorted(a.activity for a in activities)
    for a in placed:
        for b in placed:
            if a is not b and a.lane == b.lane:
                assert a.end < b.start or b.end < a.start
    busiest = max(
        (sum(1 for a in placed if a.start <= day <= a.end) for a in placed for day in (a.start,)),
        default=0,
    )
    assert (1 + max((a.lane for a in placed), default=-1)) == busiest


# --- the CLI -----------------------------------------------------------------------------------


def test_mal_arshjul_writes_the_template(tmp_path):
    result = run("mal", "årshjul", "--år", "2027", "-o", "hjul.xlsx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == (
        "Skrev hjul.xlsx\n"
        "Skriv én aktivitet per rad med kategori, start og slutt; stolpen i ukekalenderen "
        "kommer av seg selv. Arket «Hjul» er rammen du skriver ut.\n"
    )
    workbook = openpyxl.load_workbook(tmp_path / "hjul.xlsx")
    assert workbook.sheetnames == ["Årshjul", "Hjul", "Mål", "Lister"]
    assert workbook["Årshjul"]["A1"].value == "Årshjul 2027"


def test_mal_arshjul_alias_default_name_and_english(tmp_path):
    year = default_template_year(date.today())
    result = run("mal", "arshjul", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Skrev arshjul-{year}.xlsx\n")
    result = run("mal", "arshjul", "--år", "2026", "--språk", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Wrote annual-wheel-2026.xlsx\n")
    workbook = openpyxl.load_workbook(tmp_path / "annual-wheel-2026.xlsx")
    assert workbook.sheetnames == ["Annual wheel", "Wheel", "Goal", "Lists"]


def test_mal_arshjul_refuses_to_overwrite_and_bad_years(tmp_path):
    (tmp_path / "hjul.xlsx").write_bytes(b"mine")
    result = run("mal", "årshjul", "-o", "hjul.xlsx", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "Feil: hjul.xlsx finnes allerede; bruk --overskriv for å erstatte den, "
        "eller velg et annet navn med -o\n"
    )
    assert (tmp_path / "hjul.xlsx").read_bytes() == b"mine"
    result = run("mal", "årshjul", "--år", "1999", "-o", "ny.xlsx", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "Feil: ugyldig år «1999» for --år: skriv et årstall mellom 2000 og 2100, f.eks. 2027\n"
    )
    assert not (tmp_path / "ny.xlsx").exists()
    result = run("mal", "årshjul", "--år", "2027", "-o", "hjul.xlsx", "--overskriv", cwd=tmp_path)
    assert result.returncode == 0
    assert openpyxl.load_workbook(tmp_path / "hjul.xlsx").sheetnames[0] == "Årshjul"


def test_arshjul_writes_xlsx_and_svg(year_plans, tmp_path):
    result = run("årshjul", str(year_plans), "-o", "ut", "--dato", "2026-06-01", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == (
        "Skrev ut.xlsx\n"
        "Skrev ut.svg\n"
        "Årshjul 2026: 10 aktiviteter fra 2 plan(er). Utelatt: 1 utenfor 2026, 1 uten dato.\n"
    )
    assert (tmp_path / "ut.svg").read_text(encoding="utf-8").startswith("<?xml")
    assert openpyxl.load_workbook(tmp_path / "ut.xlsx").sheetnames[0] == "Årshjul"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["planer", "ut.svg", "ut.xlsx"]


def test_arshjul_alias_strips_a_suffix_and_takes_a_year(year_plans, tmp_path):
    args = ("arshjul", str(year_plans / "var.xlsx"), "-o", "hjul.svg", "--år", "2025")
    result = run(*args, "--dato", "2026-06-01", "--ring", "ansvarlig", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Skrev hjul.xlsx",
        "Skrev hjul.svg",
        "Årshjul 2025: 1 aktiviteter fra 1 plan(er). Utelatt: 7 utenfor 2025, 1 uten dato.",
    ]


def test_arshjul_checks_every_output_before_writing_any(year_plans, tmp_path):
    (tmp_path / "ut.svg").write_text("old", encoding="utf-8")
    result = run("årshjul", str(year_plans), "-o", "ut", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "Feil: ut.svg finnes allerede; bruk --overskriv for å erstatte den, "
        "eller velg et annet navn med -o\n"
    )
    assert not (tmp_path / "ut.xlsx").exists()
    assert (tmp_path / "ut.svg").read_text(encoding="utf-8") == "old"
    result = run("årshjul", str(year_plans), "-o", "ut", "--overskriv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "ut.svg").read_text(encoding="utf-8").startswith("<?xml")


def test_arshjul_never_writes_onto_an_input(year_plans, tmp_path):
    target = year_plans / "var"
    result = run("årshjul", str(year_plans), "-o", str(target), "--overskriv", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        f"Feil: {target}.xlsx: utfilen er samme fil som en innfil; velg et annet navn med -o\n"
    )
    assert openpyxl.load_workbook(year_plans / "var.xlsx").sheetnames[0] == "Aktivitetsplan"
    assert not (year_plans / "var.svg").exists()


def test_wheels_and_reports_saved_beside_the_plans_are_skipped_not_read(year_plans, tmp_path):
    """A department keeps its wheel and reports in the plans' folder and runs again."""
    folder = str(year_plans)
    first = run("årshjul", folder, "-o", f"{folder}/hjul", "--dato", "2026-06-01", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    report = run(
        "rapport",
        "--uten-historikk",
        folder,
        "--måned",
        "2026-05",
        "--format",
        "xlsx",
        "-o",
        f"{folder}/rapport.xlsx",
    )
    assert report.returncode == 0, report.stderr
    sheets = openpyxl.load_workbook(f"{folder}/rapport.xlsx").sheetnames
    assert {"Måneden", "Mål per aktivitet", "Forsinket"} <= set(sheets)  # plan-like tables
    notes = [
        f"Merk: {folder}/hjul.xlsx: er et årshjul laget av «aktplan årshjul», ikke en "
        "aktivitetsplan; hoppet over",
        f"Merk: {folder}/rapport.xlsx: er en rapport laget av aktplan, ikke en aktivitetsplan; "
        "hoppet over",
    ]
    again = run("årshjul", folder, "-o", f"{folder}/hjul", "--overskriv", "--dato", "2026-06-01")
    assert again.returncode == 0, again.stderr
    assert again.stderr.splitlines() == notes
    assert again.stdout.splitlines()[-1] == first.stdout.splitlines()[-1]  # the same 10
    as_json = run("rapport", "--uten-historikk", folder, "--format", "json", "--dato", "2026-06-01")
    assert as_json.returncode == 0, as_json.stderr
    assert as_json.stderr.splitlines() == notes
    plans = json.loads(as_json.stdout)["plans"]
    assert sorted(p["file"] for p in plans) == [f"{folder}/host.xlsx", f"{folder}/var.xlsx"]
    only_wheel = run("rapport", "--uten-historikk", f"{folder}/hjul.xlsx")
    assert only_wheel.returncode == 2 and only_wheel.stdout == ""
    assert only_wheel.stderr.splitlines() == [notes[0], "Feil: fant ingen aktivitetsplaner å lese"]


def test_no_output_replaces_a_plan_found_in_a_folder(year_plans, tmp_path):
    before = (year_plans / "var.xlsx").read_bytes()
    target = year_plans / "var.xlsx"
    result = run(
        "rapport",
        "--uten-historikk",
        str(year_plans),
        "--format",
        "xlsx",
        "-o",
        str(target),
        "--overskriv",
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        f"Feil: {target}: utfilen er samme fil som en innfil; velg et annet navn med -o\n"
    )
    assert target.read_bytes() == before


def test_arshjul_unreadable_input_is_one_line_and_exit_2(year_plans, tmp_path):
    broken = year_plans / "notat.xlsx"
    broken.write_text("dette er ikke et regneark", encoding="utf-8")
    result = run("årshjul", str(year_plans), "-o", "ut", "--dato", "2026-06-01", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"Feil: {broken}: er ikke et regneark (.xlsx, .xlsm eller .ods); "
        "åpne den i Excel og lagre som .xlsx\n"
    )
    assert result.stdout.splitlines()[:2] == ["Skrev ut.xlsx", "Skrev ut.svg"]
    only_broken = tmp_path / "tom"
    only_broken.mkdir()
    (only_broken / "x.xlsx").write_text("nei", encoding="utf-8")
    result = run("årshjul", str(only_broken), "-o", "ut2", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert not (tmp_path / "ut2.xlsx").exists()


def test_arshjul_png(year_plans, tmp_path):
    result = run(
        "årshjul", str(year_plans), "-o", "ut", "--png", "--dato", "2026-06-01", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:3] == ["Skrev ut.xlsx", "Skrev ut.svg", "Skrev ut.png"]
    png = (tmp_path / "ut.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1654, 2339)  # A4 at 200 dpi


def test_arshjul_png_without_resvg_points_at_the_svg(year_plans, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "resvg_py", None)  # as if resvg-py were not installed
    args = ("årshjul", str(year_plans), "-o", "ut", "--png", "--dato", "2026-06-01")
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.splitlines()[:2] == ["Skrev ut.xlsx", "Skrev ut.svg"]
    assert result.stderr == (
        "Feil: kunne ikke lage PNG fordi pakken resvg-py mangler (installer den med "
        "«pip install resvg-py»); bruk ut.svg i stedet: åpne den i en nettleser og skriv ut "
        "eller lagre derfra\n"
    )
    assert not (tmp_path / "ut.png").exists()
