"""The value parsers: Norwegian dates, amounts, statuses, as people type them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from aktivitetsplan.i18n import Translator
from aktivitetsplan.plan.schema import PHASE_SYNONYMS
from aktivitetsplan.plan.values import (
    DateContext,
    parse_amount,
    parse_date,
    parse_status,
    parse_text,
)
from aktivitetsplan.read.reader import SheetReader
from aktivitetsplan.settings import Settings


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("15.03.2026", date(2026, 3, 15)),
        ("5.3.2026", date(2026, 3, 5)),
        ("05.03.26", date(2026, 3, 5)),
        ("2026-03-15", date(2026, 3, 15)),
        ("15/3/2026", date(2026, 3, 15)),
        ("03/04/2026", date(2026, 4, 3)),  # day first, never month first
        ("15. mars 2026", date(2026, 3, 15)),
        ("15 mars 2026", date(2026, 3, 15)),
        ("1. des. 2026", date(2026, 12, 1)),
        ("17. Mai 2026", date(2026, 5, 17)),
        ("  15.03.2026 ", date(2026, 3, 15)),
        ("mandag 16. mars 2026", date(2026, 3, 16)),
        ("lørdag 14. mars 2026", date(2026, 3, 14)),
        ("søn. 15.03.2026", date(2026, 3, 15)),
        ("2026-03-15 00:00:00", date(2026, 3, 15)),
        (datetime(2026, 3, 15, 12, 30), date(2026, 3, 15)),
        (date(2026, 3, 15), date(2026, 3, 15)),
    ],
)
def test_dates_read(raw, expected):
    assert parse_date(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["31.02.2026", "15.13.2026", "neste uke", "ASAP", "15.13", True])
def test_bad_dates_are_errors(raw):
    value, problem = parse_date(raw)
    assert value is None
    assert problem.severity == "error"
    assert problem.key == "value.bad_date"


def test_serial_number_is_a_date_with_a_warning():
    value, problem = parse_date(46096.0)
    assert value == date(2026, 3, 15)
    assert problem.severity == "warning"


def test_small_number_is_not_a_date():
    value, problem = parse_date(42.0)
    assert value is None and problem.key == "value.number_as_date"


@pytest.mark.parametrize(
    ("language", "raw", "parse", "message"),
    [
        ("nb", 42.0, parse_date, "tallet «42» er ingen dato; skriv f.eks. 15.03.2026"),
        ("en", 42.0, parse_date, 'the number "42" is not a date; write e.g. 15.03.2026'),
        (
            "nb",
            46096.0,
            parse_date,
            "tallet «46096» er tolket som datoen 2026-03-15; formater cellen som dato",
        ),
        ("nb", True, parse_date, "ugyldig dato «SANN»; skriv f.eks. 15.03.2026"),
        ("en", False, parse_amount, 'invalid number "FALSE"; write e.g. 12500 or "12 500 kr"'),
        (
            "nb",
            "12,5 kroneis",
            parse_amount,
            "ugyldig tall «12,5 kroneis»; skriv f.eks. 12500 eller «12 500 kr»",
        ),
    ],
)
def test_messages_show_cell_values_as_the_spreadsheet_does(language, raw, parse, message):
    """No Python spellings (`42.0`, `True`) in what the user reads."""
    _, problem = parse(raw)
    assert Translator(language)(problem.key, **problem.values) == message


@pytest.mark.parametrize(
    ("language", "value", "text"),
    [("nb", -1234.5, "-1234,5"), ("en", -1234.5, "-1234.5"), ("nb", 3.0, "3"), ("nb", 7, 7)],
)
def test_translator_writes_numbers_the_local_way(language, value, text):
    assert Translator(language).cell(value) == text


@pytest.mark.parametrize(("raw", "expected"), [("", None), (None, None), ("-", None)])
def test_blank_date(raw, expected):
    assert parse_date(raw) == (expected, None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (12500, 12500.0),
        (12500.5, 12500.5),
        ("12 500 kr", 12500.0),
        ("12\u00a0500 kr", 12500.0),
        ("12\u202f500", 12500.0),
        ("12.500", 12500.0),
        ("12.500,50", 12500.5),
        ("1 234 567,89 NOK", 1234567.89),
        ("kr 8.000,-", 8000.0),
        ("NOK 3000", 3000.0),
        ("1 200,-", 1200.0),
        ("1,5", 1.5),
        ("kr. 450", 450.0),
        ("-500", -500.0),
        ("- 1 500 kr", -1500.0),
        ("0", 0.0),
    ],
)
def test_amounts_read(raw, expected):
    assert parse_amount(raw) == (expected, None)


@pytest.mark.parametrize(("raw",), [("",), ("-",), (None,), ("  ",)])
def test_blank_amounts(raw):
    assert parse_amount(raw) == (None, None)


@pytest.mark.parametrize("raw", ["tolv tusen", "12 50 0", "12kk", "#DIV/0!", "1.2.3", True])
def test_bad_amounts_are_errors(raw):
    value, problem = parse_amount(raw)
    assert value is None and problem.severity == "error"


@pytest.mark.parametrize(
    ("raw", "phase"),
    [
        ("Å gjøre", "todo"),
        ("å  GJØRE.", "todo"),
        ("a gjore", "todo"),
        ("Ikke startet", "todo"),
        ("I produksjon", "in_production"),
        ("pågår", "in_production"),
        ("Under arbeid", "in_production"),
        ("In progress", "in_production"),
        ("I distribusjon", "distributed"),
        ("Ferdig", "distributed"),
        ("published", "distributed"),
        ("Avlyst", "cancelled"),
        ("kansellert", "cancelled"),
        ("Utgår", "cancelled"),
    ],
)
def test_status_synonyms(raw, phase):
    assert parse_status(raw, Settings().status_map()) == (phase, None)


def test_blank_status_is_todo_with_warning():
    phase, problem = parse_status("", Settings().status_map())
    assert phase == "todo" and problem.severity == "warning"
    # The phase, not its label: the reader names it in the user's language.
    assert problem.key == "value.blank_status" and problem.values == {"suggest_phase": "todo"}


def test_unknown_status_is_an_error():
    phase, problem = parse_status("ferdig?", Settings().status_map())
    assert phase == "unknown"
    assert problem.severity == "error" and problem.values["value"] == "ferdig?"


def test_configured_status_maps_to_its_phase():
    config = Settings(extra_statuses={"Venter på kunde": "in_production"})
    assert parse_status("venter på kunde", config.status_map()) == ("in_production", None)


@pytest.mark.parametrize(
    ("raw", "text"),
    [(7.0, "7"), (7.5, "7.5"), ("  A1 ", "A1"), ("", None), (date(2026, 1, 2), "2026-01-02")],
)
def test_text(raw, text):
    assert parse_text(raw) == text


# --- dates without a year, week numbers ----------------------------------------------

SUMMER = DateContext(date(2026, 6, 10))  # no period: the year nearest the report date
WINTER = DateContext(date(2026, 12, 1), date(2026, 11, 1), date(2027, 3, 31))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("15.3", date(2026, 3, 15)),
        ("15/3", date(2026, 3, 15)),
        ("15.3.", date(2026, 3, 15)),
        ("15 mars", date(2026, 3, 15)),
        ("15. mars", date(2026, 3, 15)),
        ("15. Mars", date(2026, 3, 15)),
        ("søndag 15. mars", date(2026, 3, 15)),
        ("1. april", date(2026, 4, 1)),
        ("1. apr.", date(2026, 4, 1)),
        ("March 15", date(2026, 3, 15)),
        ("15.12", date(2025, 12, 15)),  # 177 days before 10 June, not 188 after
        ("1.12", date(2026, 12, 1)),  # 174 days after, not 191 before
    ],
)
def test_a_date_without_a_year_takes_the_nearest_year(raw, expected):
    assert parse_date(raw, SUMMER) == (
        expected,
        ("info", "value.assumed_year", {"value": raw, "date": expected}),
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("15.1", date(2027, 1, 15)),
        ("15.12", date(2026, 12, 15)),
        ("1.11", date(2026, 11, 1)),
        ("31.3", date(2027, 3, 31)),
        ("1. april", date(2027, 4, 1)),  # outside the period: nearest to 1 Dec 2026
        ("1.6", date(2027, 6, 1)),  # outside: 182 days after beats 183 before
    ],
)
def test_a_date_without_a_year_lands_in_the_plan_period(raw, expected):
    assert parse_date(raw, WINTER)[0] == expected


def test_several_years_in_the_period_take_the_one_nearest_the_report_date():
    context = DateContext(date(2027, 2, 1), date(2026, 1, 1), date(2027, 12, 31))
    assert parse_date("1.3", context)[0] == date(2027, 3, 1)
    assert parse_date("1.12", context)[0] == date(2026, 12, 1)


def test_a_period_ending_before_it_starts_is_ignored():
    context = DateContext(date(2026, 6, 10), date(2027, 3, 31), date(2026, 11, 1))
    assert parse_date("15.1", context)[0] == date(2026, 1, 15)


def test_29_february_takes_a_leap_year():
    assert parse_date("29.2", DateContext(date(2027, 6, 1)))[0] == date(2028, 2, 29)
    leap_period = DateContext(date(2026, 6, 1), date(2027, 11, 1), date(2028, 3, 31))
    assert parse_date("29. feb", leap_period)[0] == date(2028, 2, 29)
    value, problem = parse_date("29.2", DateContext(date(2026, 6, 1)))  # 2025–2027: none
    assert value is None and problem == ("error", "value.bad_date", {"value": "29.2"})
    assert parse_date("29.02.2028", SUMMER) == (date(2028, 2, 29), None)


def test_without_a_context_the_year_is_the_nearest_to_today():
    value, problem = parse_date("15.3")
    assert (value.month, value.day) == (3, 15)
    assert abs(value.year - date.today().year) <= 1
    assert problem.severity == "info" and problem.key == "value.assumed_year"


@pytest.mark.parametrize(
    "raw", ["15.03.2026", "15. mars 2026", "2026-03-15", "03/04/2026", "05.03.26"]
)
def test_a_full_date_ignores_the_context(raw):
    assert parse_date(raw, WINTER) == parse_date(raw)
    assert parse_date(raw, WINTER)[1] is None


@pytest.mark.parametrize("raw", ["32.3", "15.13", "0.3", "31.4", "15.3.5", "15-3"])
def test_impossible_days_without_a_year_are_errors(raw):
    value, problem = parse_date(raw, SUMMER)
    assert value is None and problem == ("error", "value.bad_date", {"value": raw})


@pytest.mark.parametrize(
    "raw", ["uke 14", "Uke 14", "UKE 14", "u14", "u 14", "u.14", "U. 14", "week 14", "w14"]
)
def test_a_week_is_its_friday_or_for_a_start_its_monday(raw):
    friday, monday = date(2026, 4, 3), date(2026, 3, 30)
    values = {"value": raw, "week": 14}
    assert parse_date(raw, SUMMER) == (
        friday,
        ("info", "value.week_assumed_year", {**values, "date": friday}),
    )
    assert parse_date(raw, SUMMER, role="start") == (
        monday,
        ("info", "value.week_assumed_year", {**values, "date": monday}),
    )


@pytest.mark.parametrize("raw", ["uke 14 2027", "uke 14/2027", "Uke 14, 2027", "2027-W14"])
def test_a_week_with_a_year(raw):
    friday, monday = date(2027, 4, 9), date(2027, 4, 5)
    assert parse_date(raw, SUMMER) == (
        friday,
        ("info", "value.week", {"value": raw, "week": 14, "date": friday}),
    )
    assert parse_date(raw, SUMMER, role="start")[0] == monday


def test_a_week_lands_in_the_plan_period():
    assert parse_date("uke 2", WINTER)[0] == date(2027, 1, 15)
    assert parse_date("uke 50", WINTER, role="start")[0] == date(2026, 12, 7)


def test_week_53():
    assert parse_date("uke 53", SUMMER)[0] == date(2027, 1, 1)  # 2026 has a week 53
    assert parse_date("uke 53", SUMMER, role="start")[0] == date(2026, 12, 28)
    assert parse_date("uke 53 2026", SUMMER)[0] == date(2027, 1, 1)
    for raw, context in [("uke 53 2027", SUMMER), ("uke 53", DateContext(date(2029, 6, 1)))]:
        assert parse_date(raw, context) == (None, ("error", "value.bad_week", {"value": raw}))


@pytest.mark.parametrize("raw", ["uke 0", "uke 54", "u99", "week 0 2026", "uke 14 0000"])
def test_impossible_weeks_are_errors(raw):
    assert parse_date(raw, SUMMER) == (None, ("error", "value.bad_week", {"value": raw}))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(15.3, date(2026, 3, 15)), (1.12, date(2026, 12, 1)), (31.12, date(2025, 12, 31))],
)
def test_a_number_typed_as_day_month(raw, expected):
    assert parse_date(raw, SUMMER) == (
        expected,
        ("info", "value.assumed_year", {"value": raw, "date": expected}),
    )


@pytest.mark.parametrize(("raw", "day"), [(1.1, 1), (15.1, 15), (31.1, 31)])
def test_a_number_ending_in_1_could_be_january_or_october(raw, day):
    assert parse_date(raw, SUMMER) == (
        None,
        ("error", "value.ambiguous_date", {"value": raw, "day": day}),
    )


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        (15.13, "value.number_as_date"),  # no month 13
        (0.5, "value.number_as_date"),
        (-15.3, "value.number_as_date"),
        (15.0, "value.number_as_date"),
        (15, "value.number_as_date"),
        (1e-05, "value.number_as_date"),
        (31.2, "value.bad_date"),  # 31 February in no year
        (10**400, "value.number_as_date"),
    ],
)
def test_other_numbers_are_no_dates(raw, key):
    value, problem = parse_date(raw, SUMMER)
    assert value is None and problem.severity == "error" and problem.key == key


def test_a_serial_number_with_a_time_is_still_a_serial_date():
    value, problem = parse_date(46096.5, SUMMER)
    assert value == date(2026, 3, 15) and problem.key == "value.serial_date"


@pytest.mark.parametrize(
    ("language", "raw", "role", "message"),
    [
        ("nb", "15.3", "deadline", "«15.3» lest som 15.03.2026 (året er antatt)"),
        ("nb", 15.3, "deadline", "«15,3» lest som 15.03.2026 (året er antatt)"),
        ("en", "15.3", "deadline", '"15.3" read as 15.03.2026 (year assumed)'),
        (
            "nb",
            "uke 14",
            "start",
            "«uke 14» lest som 30.03.2026 (året er antatt; start er ukas mandag, frist ukas fredag)",
        ),
        (
            "en",
            "uke 14 2027",
            "deadline",
            '"uke 14 2027" read as 09.04.2027 (a start is the week\'s Monday, a deadline its Friday)',
        ),
        (
            "nb",
            "uke 54",
            "deadline",
            "ugyldig uke «uke 54»; uker går fra 1 til 52 (53 i noen år), skriv f.eks. «uke 14»",
        ),
        (
            "nb",
            1.1,
            "deadline",
            "tallet «1,1» kan bety både 1.1 og 1.10; skriv hele datoen, f.eks. 15.03.2026",
        ),
        (
            "en",
            15.1,
            "deadline",
            'the number "15.1" could mean 15.1 or 15.10; write the full date, e.g. 15.03.2026',
        ),
    ],
)
def test_date_merknader_read_well(language, raw, role, message):
    _, problem = parse_date(raw, SUMMER, role=role)
    assert Translator(language)(problem.key, **problem.values) == message


# --- amounts as people type them -------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12,5k", 12500.0),
        ("12.5k", 12500.0),
        ("12 k", 12000.0),
        ("12K", 12000.0),
        ("12k", 12000.0),
        ("1 mill", 1000000.0),
        ("1,2 mill.", 1200000.0),
        ("1,2 millioner", 1200000.0),
        ("1,15 mill", 1150000.0),  # not 1149999.9999999998
        ("2 MNOK", 2000000.0),
        ("2 mnok", 2000000.0),
        ("kr 1,2 mill.", 1200000.0),
        ("1,2 mill. kr", 1200000.0),
        ("kr 12.500,-", 12500.0),
        ("NOK 12 500", 12500.0),
        ("12 500 NOK", 12500.0),
        ("12 500 kr", 12500.0),
        ("12 500 kroner", 12500.0),
        ("12 500kr", 12500.0),
        ("kr -500", -500.0),
        ("-12k", -12000.0),
        ("1000000000000000", 1e15),
        (1e15, 1e15),
        (-(10**15), -1e15),
    ],
)
def test_amount_shorthands(raw, expected):
    assert parse_amount(raw) == (expected, None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ca. 5000", 5000.0),
        ("ca 5000", 5000.0),
        ("Ca. 5 000", 5000.0),
        ("~5000", 5000.0),
        ("~ 5000", 5000.0),
        ("cirka 5 000 kr", 5000.0),
        ("kr ca. 5000", 5000.0),
        ("ca. 12,5k", 12500.0),
    ],
)
def test_an_approximate_amount_is_read_with_a_merknad(raw, expected):
    assert parse_amount(raw) == (
        expected,
        ("info", "value.approximate", {"value": raw, "amount": expected}),
    )


@pytest.mark.parametrize(
    "raw",
    ["5 000–7 000", "5000-7000", "5 000 - 7 000 kr", "5 000 kr – 7 000 kr", "5k-7k", "ca. 5-7000"],
)
def test_a_range_is_an_error(raw):
    assert parse_amount(raw) == (None, ("error", "value.amount_range", {"value": raw}))


@pytest.mark.parametrize(
    ("raw", "tail"),
    [
        ("12 500 eks. mva", "eks. mva"),
        ("12 500 inkl. mva", "inkl. mva"),
        ("12 500 Ekskl. MVA", "Ekskl. MVA"),
        ("12 500 kr + mva", "+ mva"),
        ("12 500 per mnd", "per mnd"),
        ("12 500/mnd", "/mnd"),
        ("12 500 kr/mnd", "/mnd"),
        ("500 pr. stk", "pr. stk"),
        ("12 500 i måneden", "i måneden"),
        ("500 x 3", "x 3"),
        ("4 000 månedlig", "månedlig"),
    ],
)
def test_a_qualifying_tail_is_an_error_quoting_it(raw, tail):
    assert parse_amount(raw) == (
        None,
        ("error", "value.amount_qualifier", {"value": raw, "tail": tail}),
    )


@pytest.mark.parametrize(
    "raw", ["12 500 i alt", "12 500 kr ca", "12 500 apekatter", "1e308", "12k k", "kr", "ca."]
)
def test_other_text_stays_a_bad_number(raw):
    assert parse_amount(raw) == (None, ("error", "value.bad_number", {"value": raw}))


@pytest.mark.parametrize(
    ("raw", "key", "shown"),
    [
        (1e308, "value.too_large", 1e308),
        (float("inf"), "value.too_large", float("inf")),
        (float("-inf"), "value.too_large", float("-inf")),
        (1e16, "value.too_large", 1e16),
        (10**16, "value.too_large", 10**16),
        (10**400, "value.too_large", "≈1e400"),
        (-(10**400), "value.too_large", "≈-1e400"),
        ("9" * 400, "value.too_large", "9" * 57 + "…"),
        ("9" * 5000 + " mill", "value.too_large", "9" * 57 + "…"),
        ("2 000 000 000 mill", "value.too_large", "2 000 000 000 mill"),
    ],
)
def test_a_huge_number_is_never_a_value(raw, key, shown):
    value, problem = parse_amount(raw)
    assert value is None and problem.severity == "error" and problem.key == key
    assert problem.values["value"] == shown


def test_nan_is_not_a_number():
    value, problem = parse_amount(float("nan"))
    assert value is None and problem.key == "value.bad_number"


@pytest.mark.parametrize(("raw", "expected"), [("7,5", 7.5), ("ca. 8", 8.0), (3, 3.0), ("2k", 2e3)])
def test_plain_numbers_use_the_same_reading(raw, expected):
    # hours, target and result go through parse_amount too
    assert parse_amount(raw)[0] == expected


@pytest.mark.parametrize(
    ("language", "raw", "message"),
    [
        ("nb", "ca. 12,5k", "«ca. 12,5k» er lest som et omtrentlig tall; 12500 er brukt"),
        ("en", "~1 234,5", '"~1 234,5" was read as an approximate number; 1234.5 is used'),
        ("nb", "~1 234,5", "«~1 234,5» er lest som et omtrentlig tall; 1234,5 er brukt"),
        (
            "nb",
            "5 000–7 000",
            "«5 000–7 000» er et spenn, og et spenn kan ikke summeres; skriv ett beløp",
        ),
        (
            "en",
            "5000-7000",
            '"5000-7000" is a range, and a range cannot be summed; type one amount',
        ),
        (
            "nb",
            "12 500 eks. mva",
            "«12 500 eks. mva»: «eks. mva» endrer hva tallet betyr, og rapporten summerer "
            "rene tall; skriv totalen",
        ),
        (
            "en",
            "12 500/mnd",
            '"12 500/mnd": "/mnd" changes what the number means, and the report sums plain '
            "numbers; type the total",
        ),
        ("nb", 1e16, "tallet «10000000000000000» er for stort til å være et beløp eller antall"),
        ("en", 10**400, 'the number "≈1e400" is too large to be an amount or a count'),
    ],
)
def test_amount_messages_read_well(language, raw, message):
    _, problem = parse_amount(raw)
    assert Translator(language)(problem.key, **problem.values) == message


# --- statuses: the words people use, percentages, a suggestion ----------------------------

DESIGN_STATUSES = {
    "todo": "ikke startet, ikke påbegynt, ikke begynt, planlagt, ny, idé, venter, på vent, "
    "kommer, todo, not started, planned, backlog, on hold",
    "in_production": "pågår, under arbeid, i arbeid, jobbes med, i gang, startet, "
    "under produksjon, utkast, til godkjenning, til gjennomgang, til korrektur, in progress, "
    "doing, wip, in review",
    "distributed": "ferdigstilt, ferdig, fullført, gjennomført, distribuert, publisert, "
    "lansert, sendt, sendt ut, live, levert, done, completed, finished, published, launched, sent",
    "cancelled": "kansellert, utgår, droppet, avbrutt, strøket, canceled, dropped",
}


@pytest.mark.parametrize("phase", list(DESIGN_STATUSES))
def test_the_synonyms_are_exactly_the_design_table(phase):
    expected = DESIGN_STATUSES[phase].split(", ")
    assert sorted(PHASE_SYNONYMS[phase]) == sorted(expected)
    status_map = Settings().status_map()
    for name in expected:
        for typed in (name, name.upper(), f" {name.capitalize()}. ", name.replace(" ", "  ")):
            assert parse_status(typed, status_map) == (phase, None), typed


@pytest.mark.parametrize("raw", ["Ide", "IDE", "pa vent", "Fullfort", "stroket", "Utgar"])
def test_status_folding(raw):
    assert parse_status(raw, Settings().status_map())[1] is None


@pytest.mark.parametrize(
    ("raw", "phase"),
    [
        ("0 %", "todo"),
        ("0%", "todo"),
        ("50 %", "in_production"),
        ("1%", "in_production"),
        ("99,9 %", "in_production"),
        ("50,5 %", "in_production"),
        ("50.5%", "in_production"),
        ("100%", "distributed"),
        ("100 %", "distributed"),
        (0, "todo"),
        (0.0, "todo"),
        (0.5, "in_production"),  # 50 % in a percent-formatted cell
        (0.01, "in_production"),
        (1.0, "distributed"),  # 100 %
        (1, "distributed"),
        (50, "in_production"),
        (50.5, "in_production"),
        (100, "distributed"),
        (100.0, "distributed"),
    ],
)
def test_a_percentage_is_progress(raw, phase):
    assert parse_status(raw, Settings().status_map()) == (phase, None)


@pytest.mark.parametrize(
    "raw", ["101 %", "150%", 100.5, 101, -1, -0.5, float("nan"), float("inf"), 10**400]
)
def test_a_percentage_outside_0_to_100_is_an_error(raw):
    phase, problem = parse_status(raw, Settings().status_map())
    assert phase == "unknown" and problem.severity == "error" and problem.key == "value.bad_status"


@pytest.mark.parametrize(
    ("raw", "phase"),
    [
        ("Ferdg", "distributed"),
        ("ferdig?", "distributed"),
        ("I produksjonn", "in_production"),
        ("kanselert", "cancelled"),
        ("Plnlagt", "todo"),
    ],
)
def test_an_unknown_status_suggests_the_closest(raw, phase):
    assert parse_status(raw, Settings().status_map()) == (
        "unknown",
        ("error", "value.bad_status_hint", {"value": raw, "suggest_phase": phase}),
    )


def test_an_unknown_status_without_a_close_one_has_no_suggestion():
    assert parse_status("xyz", Settings().status_map()) == (
        "unknown",
        ("error", "value.bad_status", {"value": "xyz"}),
    )


@pytest.mark.parametrize(
    ("language", "raw", "message"),
    [
        (
            "nb",
            "Ferdg",
            "ukjent status «Ferdg» – mente du «I distribusjon»? "
            "(gyldige: Å gjøre, I produksjon, I distribusjon, Avlyst)",
        ),
        (
            "en",
            "Ferdg",
            'unknown status "Ferdg" – did you mean "Distributed"? '
            "(valid: To do, In production, Distributed, Cancelled)",
        ),
        (
            "nb",
            "xyz",
            "ukjent status «xyz» (gyldige: Å gjøre, I produksjon, I distribusjon, Avlyst)",
        ),
    ],
)
def test_the_reader_shows_the_suggestion_in_its_language(language, raw, message):
    reader = SheetReader("plan.xlsx", "Ark", [[""]], Settings(language=language), {})
    _, problem = parse_status(raw, reader.status_map)
    reader.add(0, 0, problem)
    (issue,) = reader.issues
    assert (issue.cell, issue.severity, issue.message) == ("Ark!A1", "error", message)


def test_a_context_of_datetimes_works_as_dates():
    context = DateContext(datetime(2026, 12, 1, 9), datetime(2026, 11, 1, 8), datetime(2027, 3, 31))
    assert parse_date("15.1", context)[0] == date(2027, 1, 15)
