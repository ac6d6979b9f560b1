"""The calendars: `aktplan oppgaver --format ics` and `aktplan årshjul -o hjul.ics`.

Each file is parsed back with icalendar (`Calendar.from_ical`) and its raw bytes are
checked against RFC 5545's form: CRLF line ends, lines folded at 75 octets, text
escaped, UTF-8 letters whole.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import fill_plan, run_aktplan, write_template
from icalendar import Calendar

from aktivitetsplan.formats.ics import render_ics
from aktivitetsplan.view.people import CalendarEvent

DATE = "2026-03-31"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = write_template(tmp_path / "innholdsmotor.xlsx")
    fill_plan(
        path,
        [
            {"ID": "M1", "Aktivitet": "Nyhetsbrev, mars; utgave 3", "Type": "Program",
             "Beskrivelse": "Linje én\nLinje to", "Ansvarlig": "Kari Nordmann",
             "Utfører": "Ola", "Start": date(2026, 3, 2), "Frist": date(2026, 3, 25),
             "Status": "I produksjon"},
            {"Aktivitet": "Blogg om særøye tjenester", "Ansvarlig": "Kari Nordmann",
             "Frist": date(2026, 4, 10), "Status": "Å gjøre"},
            {"ID": "M3", "Aktivitet": "Messe", "Ansvarlig": "Kari Nordmann",
             "Frist": date(2026, 5, 1), "Status": "Avlyst"},
            {"ID": "M4", "Aktivitet": "Uten frist", "Ansvarlig": "Kari Nordmann",
             "Status": "Å gjøre"},
        ],
        {"Kampanje": "Innholdsmotor"},
    )  # fmt: skip
    return path


def calendar_of(plan: Path, *args: str) -> tuple[bytes, Calendar]:
    out = plan.parent / "kari.ics"
    code, _out, err = run_aktplan(
        "oppgaver", str(plan), "--dato", DATE, "--person", "kari", "-o", str(out),
        "--overskriv", *args,
    )  # fmt: skip
    assert code == 0, err
    raw = out.read_bytes()
    return raw, Calendar.from_ical(raw)


def events(calendar: Calendar) -> dict[str, object]:
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_person_calendar_events_dates_and_fields(plan):
    _raw, calendar = calendar_of(plan)
    assert str(calendar["x-wr-calname"]) == "Oppgaver – Kari Nordmann"
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"]).startswith("-//aktplan//")
    found = events(calendar)
    assert sorted(found) == ["Blogg om særøye tjenester", "Messe", "Nyhetsbrev, mars; utgave 3"]
    letter = found["Nyhetsbrev, mars; utgave 3"]
    assert letter.decoded("dtstart") == date(2026, 3, 25)  # a date: an all-day event
    assert letter.decoded("dtend") == date(2026, 3, 26)
    assert letter["dtstamp"] is not None
    assert str(letter["status"]) == "CONFIRMED"
    assert letter["categories"].cats == ["I produksjon", "Program"]
    description = str(letter["description"])
    assert "Kampanje: Innholdsmotor" in description
    assert "Status: I produksjon" in description
    assert "Ansvarlig: Kari Nordmann" in description
    assert "Utfører: Ola" in description
    assert "Finnes i: innholdsmotor.xlsx: Aktivitetsplan rad 14" in description
    assert "Linje én\nLinje to" in description
    assert str(found["Messe"]["status"]) == "CANCELLED"
    assert found["Messe"]["categories"].cats == ["Avlyst"]


def test_span_runs_from_start_to_deadline(plan):
    _raw, calendar = calendar_of(plan, "--spenn")
    letter = events(calendar)["Nyhetsbrev, mars; utgave 3"]
    assert letter.decoded("dtstart") == date(2026, 3, 2)
    assert letter.decoded("dtend") == date(2026, 3, 26)  # the day after Frist
    blog = events(calendar)["Blogg om særøye tjenester"]  # no Start: its deadline alone
    assert blog.decoded("dtend") - blog.decoded("dtstart") == timedelta(days=1)


def test_uids_stable_over_two_runs_and_different_per_activity(plan):
    _raw, first = calendar_of(plan)
    _raw, second = calendar_of(plan, "--spenn")
    uids = {name: str(event["uid"]) for name, event in events(first).items()}
    again = {name: str(event["uid"]) for name, event in events(second).items()}
    assert uids == again
    assert len(set(uids.values())) == len(uids)
    assert all(re.fullmatch(r"[0-9a-f]{40}@aktplan", uid) for uid in uids.values())


def test_uid_follows_the_id_not_the_row(plan, tmp_path):
    _raw, before = calendar_of(plan)
    fill_plan(plan, [{"Aktivitet": "Nytt navn"}], first_row=14)  # M1 renamed, same ID
    _raw, after = calendar_of(plan)
    old = str(events(before)["Nyhetsbrev, mars; utgave 3"]["uid"])
    assert str(events(after)["Nytt navn"]["uid"]) == old


def test_rfc5545_form_on_the_raw_bytes(plan):
    raw, _calendar = calendar_of(plan)
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert b"\n" not in raw.replace(b"\r\n", b"")  # every line ends in CRLF
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # the description is folded
    unfolded = raw.replace(b"\r\n ", b"").decode("utf-8")  # folded on whole letters
    assert "SUMMARY:Nyhetsbrev\\, mars\\; utgave 3\r\n" in unfolded
    assert "Linje én\\nLinje to" in unfolded
    assert "SUMMARY:Blogg om særøye tjenester\r\n" in unfolded
    assert "DTSTART;VALUE=DATE:20260325\r\n" in unfolded
    assert "DTEND;VALUE=DATE:20260326\r\n" in unfolded
    assert "STATUS:CANCELLED\r\n" in unfolded
    assert re.search(r"DTSTAMP:\d{8}T\d{6}Z\r\n", unfolded)
    assert "X-WR-CALNAME:Oppgaver – Kari Nordmann\r\n" in unfolded


def test_long_norwegian_text_folds_without_splitting_a_letter():
    text = "æøå" * 60
    event = CalendarEvent("x@aktplan", text, date(2026, 1, 5), date(2026, 1, 5), text, (), False)
    raw = render_ics([event], "Kalender")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # a fold inside a letter would not decode
    parsed = next(iter(Calendar.from_ical(raw).walk("VEVENT")))
    assert str(parsed["summary"]) == text


def test_a_recurrence_rule_is_written_when_an_event_has_one():
    event = CalendarEvent(
        "r@aktplan", "Nyhetsbrev", date(2026, 1, 5), date(2026, 1, 5), "", (), False,
        rrule={"freq": "monthly", "until": date(2026, 12, 31)},
    )  # fmt: skip
    raw = render_ics([event], "Kalender")
    assert b"RRULE:FREQ=MONTHLY;UNTIL=20261231\r\n" in raw


def test_wheel_calendar_from_ics_ending(plan, tmp_path):
    code, out, err = run_aktplan(
        "årshjul", str(plan), "--år", "2026", "--dato", DATE, "-o", str(tmp_path / "hjul.ics")
    )
    assert code == 0, err
    assert "hjul.ics" in out
    assert not (tmp_path / "hjul.xlsx").exists() and not (tmp_path / "hjul.svg").exists()
    calendar = Calendar.from_ical((tmp_path / "hjul.ics").read_bytes())
    assert str(calendar["x-wr-calname"]) == "Årshjul 2026"
    found = events(calendar)
    # Every dated activity of the year, whatever its phase; the undated one is left out.
    assert sorted(found) == ["Blogg om særøye tjenester", "Messe", "Nyhetsbrev, mars; utgave 3"]
    assert str(found["Messe"]["status"]) == "CANCELLED"
    _raw, person = calendar_of(plan)  # the same activity has the same UID in both
    assert str(events(person)["Messe"]["uid"]) == str(found["Messe"]["uid"])


def test_wheel_format_ics_is_the_ics_ending(plan, tmp_path):
    """`årshjul --format ics` (the issue's words) writes the same calendar as `-o x.ics`;
    an ending that says another format is refused before anything is read."""
    base = tmp_path / "hjul"
    code, _out, err = run_aktplan(
        "årshjul", str(plan), "--år", "2026", "--dato", DATE, "--format", "ics", "-o", str(base)
    )
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("hjul")) == ["hjul.ics"]
    ending = run_aktplan("årshjul", str(plan), "--dato", DATE, "-o", str(tmp_path / "x.ics"))
    assert ending.returncode == 0
    same = Calendar.from_ical((tmp_path / "x.ics").read_bytes())
    mine = Calendar.from_ical((tmp_path / "hjul.ics").read_bytes())
    assert sorted(events(mine)) == sorted(events(same))
    refused = run_aktplan("årshjul", str(plan), "--format", "ics", "-o", str(tmp_path / "h.pdf"))
    assert refused.returncode == 2
    assert refused.stderr == (
        f"Feil: {tmp_path / 'h.pdf'}: endelsen .pdf passer ikke med --format ics; "
        "gi filen endelsen .ics, eller utelat --format\n"
    )
    assert not (tmp_path / "h.pdf").exists()


def test_wheel_calendar_span_and_year(plan, tmp_path):
    target = tmp_path / "hjul.ics"
    code, _out, err = run_aktplan(
        "årshjul", str(plan), "--år", "2026", "--spenn", "-o", str(target)
    )  # fmt: skip
    assert code == 0, err
    letter = events(Calendar.from_ical(target.read_bytes()))["Nyhetsbrev, mars; utgave 3"]
    assert letter.decoded("dtstart") == date(2026, 3, 2)
    code, _out, err = run_aktplan("årshjul", str(plan), "--år", "2027", "-o", str(target))
    assert code == 2 and err.startswith("Feil: ")  # exists: needs --overskriv
    code, _out, err = run_aktplan(
        "årshjul", str(plan), "--år", "2027", "-o", str(target), "--overskriv"
    )
    assert code == 0, err
    assert not list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))


def test_everyones_calendar_on_stdout(plan):
    code, out, err = run_aktplan("oppgaver", str(plan), "--dato", DATE, "--format", "ics")
    assert code == 0, err
    calendar = Calendar.from_ical(out.encode("utf-8"))
    assert str(calendar["x-wr-calname"]) == "Oppgaver"
    assert len(list(calendar.walk("VEVENT"))) == 3
