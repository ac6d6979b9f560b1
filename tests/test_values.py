"""The value parsers: Norwegian dates, amounts, statuses, as people type them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from aktivitetsplan.config import Config
from aktivitetsplan.i18n import Translator
from aktivitetsplan.values import parse_amount, parse_date, parse_status, parse_text


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
        ("2026-03-15 00:00:00", date(2026, 3, 15)),
        (datetime(2026, 3, 15, 12, 30), date(2026, 3, 15)),
        (date(2026, 3, 15), date(2026, 3, 15)),
    ],
)
def test_dates_read(raw, expected):
    assert parse_date(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["31.02.2026", "15.13.2026", "neste uke", "ASAP", "15.03", True])
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
            "12,5 kroner",
            parse_amount,
            "ugyldig tall «12,5 kroner»; skriv f.eks. 12500 eller «12 500 kr»",
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


@pytest.mark.parametrize("raw", ["tolv tusen", "12 50 0", "12k", "#DIV/0!", "1.2.3", True])
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
    assert parse_status(raw, Config().status_map()) == (phase, None)


def test_blank_status_is_todo_with_warning():
    phase, problem = parse_status("", Config().status_map())
    assert phase == "todo" and problem.severity == "warning"


def test_unknown_status_is_an_error():
    phase, problem = parse_status("ferdig?", Config().status_map())
    assert phase == "unknown"
    assert problem.severity == "error" and problem.values["value"] == "ferdig?"


def test_configured_status_maps_to_its_phase():
    config = Config(extra_statuses={"Venter på kunde": "in_production"})
    assert parse_status("venter på kunde", config.status_map()) == ("in_production", None)


@pytest.mark.parametrize(
    ("raw", "text"),
    [(7.0, "7"), (7.5, "7.5"), ("  A1 ", "A1"), ("", None), (date(2026, 1, 2), "2026-01-02")],
)
def test_text(raw, text):
    assert parse_text(raw) == text
