"""Parse the values people type: Norwegian dates, amounts, numbers, statuses, types.

Every parser returns `(value, problem)`. `problem` is None, or a `Problem`
(severity, catalogue key, values for the message); the reader turns it into an
Issue with the file and cell. No parser raises on user input.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from difflib import get_close_matches
from functools import lru_cache
from typing import NamedTuple

from .schema import fold


class Problem(NamedTuple):
    """Something wrong with one value, before it knows its file and cell."""

    severity: str  # "error" | "warning" | "info" (a merknad: what aktplan assumed)
    key: str  # catalogue key, e.g. "value.bad_date"
    values: dict


def error(key: str, **values: object) -> Problem:
    return Problem("error", key, values)


def warning(key: str, **values: object) -> Problem:
    return Problem("warning", key, values)


def info(key: str, **values: object) -> Problem:
    return Problem("info", key, values)


def show(value: object) -> object:
    """A short, single-line rendering of a cell value for a message.

    Numbers and truth values are kept as they are: the Translator writes them the way a
    spreadsheet in the user's language shows them (`1234,5`, `SANN`), not as Python does.
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"≈{'-' if value < 0 else ''}1e{int(value.bit_length() * math.log10(2))}"
    if isinstance(value, (bool, int, float)):
        return value
    text = str(value).replace("\n", " ").strip()
    return text if len(text) <= 60 else text[:57] + "…"


# --- dates ------------------------------------------------------------------------

MONTHS = {
    "januar": 1, "jan": 1, "january": 1,
    "februar": 2, "feb": 2, "february": 2,
    "mars": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "desember": 12, "des": 12, "december": 12, "dec": 12,
}  # fmt: skip

_DMY = re.compile(r"^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4}|\d{2})$")
_DMY_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY_TIME = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?$")
_NAMED = re.compile(r"^(\d{1,2})\.?\s*([a-zæøå]+)\.?,?\s*(\d{4})$")
_NAMED_EN = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_WEEKDAY = re.compile(
    r"^(mandag|tirsdag|onsdag|torsdag|fredag|lordag|sondag|man|tir|ons|tor|fre|lor|son)\.?,?\s+"
)
# Without a year (the text is folded: a trailing "." is gone, å is a, ø is o).
_DM = re.compile(r"^(\d{1,2})\s*[./]\s*(\d{1,2})$")
_NAMED_DM = re.compile(r"^(\d{1,2})\.?\s*([a-z]+)$")
_NAMED_MD = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?$")
_WEEK = re.compile(r"^(?:uke|u|week|wk|w)\s*\.?\s*(\d{1,3})(?:\s*[\s/,]\s*(\d{4}))?$")
_YEAR_WEEK = re.compile(r"^(\d{4})\s*-?\s*w\s*(\d{1,3})$")  # ISO 2026-W14
_FLOAT_DM = re.compile(r"^(\d{1,2})\.(\d{1,2})$")

# Excel serial day numbers that plausibly are dates (1995-01-01 .. 2099-12-31).
_SERIAL_MIN, _SERIAL_MAX = 34700, 73415
_EXCEL_EPOCH = date(1899, 12, 30)


def _make_date(year: int, month: int, day: int, raw: object) -> tuple[date | None, Problem | None]:
    if year < 100:
        year += 2000
    try:
        return date(year, month, day), None
    except ValueError:
        return None, error("value.bad_date", value=show(raw))


@dataclass(frozen=True)
class DateContext:
    """What a date without a year is read against: the plan's period and the report date."""

    today: date
    period_start: date | None = None
    period_end: date | None = None

    def year_for(self, candidate: Callable[[int], date | None]) -> date | None:
        """`candidate(year)` in the year that puts it inside the period (the one nearest
        `today` when several do); with no period, or none fitting, the one nearest `today`
        of last year, this year and next year. None when none of those years has the date
        (29 February, ISO week 53). A tie goes to the later date."""
        start, end = _day(self.period_start), _day(self.period_end)
        if start is not None and end is not None and start <= end:
            centre = min(max(self.today.year, start.year), end.year)
            years = range(max(start.year, centre - 8), min(end.year, centre + 8) + 1)
            found = self._nearest(candidate, years, start, end)
            if found is not None:
                return found
        years = range(self.today.year - 1, self.today.year + 2)
        return self._nearest(candidate, years, date.min, date.max)

    def _nearest(
        self, candidate: Callable[[int], date | None], years: range, start: date, end: date
    ) -> date | None:
        best: date | None = None
        for year in years:
            if not 1 <= year <= 9999:
                continue
            found = candidate(year)
            if found is None or not start <= found <= end:
                continue
            today = _day(self.today)
            if best is None or abs((found - today).days) <= abs((best - today).days):
                best = found
        return best


def _day(value: object) -> date | None:
    """A date as a plain date (a datetime loses its time); anything else None."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _day_month(day: int, month: int) -> Callable[[int], date | None]:
    def candidate(year: int) -> date | None:
        try:
            return date(year, month, day)
        except ValueError:
            return None

    return candidate


def _iso_week(week: int, weekday: int) -> Callable[[int], date | None]:
    def candidate(year: int) -> date | None:
        try:
            return date.fromisocalendar(year, week, weekday)
        except ValueError:
            return None

    return candidate


def _without_year(
    day: int, month: int, raw: object, context: DateContext
) -> tuple[date | None, Problem | None]:
    """`day.month` in the year `context` picks, with a merknad naming it."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None, error("value.bad_date", value=show(raw))
    value = context.year_for(_day_month(day, month))
    if value is None:
        return None, error("value.bad_date", value=show(raw))
    return value, info("value.assumed_year", value=show(raw), date=value)


def _week(
    week: int, year: int | None, raw: object, context: DateContext, role: str
) -> tuple[date | None, Problem | None]:
    """An ISO week: a start is its Monday, anything else its Friday."""
    candidate = _iso_week(week, 1 if role == "start" else 5)
    if not 1 <= week <= 53:
        return None, error("value.bad_week", value=show(raw))
    if year is not None:
        value = candidate(year)
        if value is None:
            return None, error("value.bad_week", value=show(raw))
        return value, info("value.week", value=show(raw), date=value, week=week)
    value = context.year_for(candidate)
    if value is None:
        return None, error("value.bad_week", value=show(raw))
    return value, info("value.week_assumed_year", value=show(raw), date=value, week=week)


def _float_as_day_month(
    raw: float, context: DateContext
) -> tuple[date | None, Problem | None] | None:
    """A number such as 15.3 typed where `d.m` was meant; None when it is no such thing."""
    match = _FLOAT_DM.match(repr(raw))
    if not match:
        return None
    day, month = int(match[1]), int(match[2])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    if match[2] == "1":  # 1.10 is stored as 1.1: January or October?
        return None, error("value.ambiguous_date", value=show(raw), day=day)
    return _without_year(day, month, raw, context)


def parse_date(
    raw: object, context: DateContext | None = None, *, role: str = "deadline"
) -> tuple[date | None, Problem | None]:
    """A date cell, or text `d.m.yyyy`, `d.m.yy`, `yyyy-mm-dd`, `d/m/yyyy`, `15. mars 2026`.

    Day-first always: `03/04/2026` is 3 April, never March 4. Without a year (`15.3`,
    `1. april`) or as a week (`uke 14`: its Friday, or its Monday when `role` is
    `start`) the year is the one `context` picks, with a merknad (`info`) saying so.
    """
    if raw is None or raw == "":
        return None, None
    if isinstance(raw, datetime):
        return raw.date(), None
    if isinstance(raw, date):
        return raw, None
    if isinstance(raw, bool):
        return None, error("value.bad_date", value=show(raw))
    if context is None:
        context = DateContext(date.today())
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not math.isfinite(raw):
            return None, error("value.bad_date", value=show(raw))
        if _SERIAL_MIN <= raw <= _SERIAL_MAX:
            value = _EXCEL_EPOCH + timedelta(days=int(raw))
            return value, warning("value.serial_date", value=show(raw), date=value.isoformat())
        if isinstance(raw, float) and not raw.is_integer():
            read = _float_as_day_month(raw, context)
            if read is not None:
                return read
        return None, error("value.number_as_date", value=show(raw))
    if isinstance(raw, (time, timedelta)):
        return None, error("value.bad_date", value=show(raw))
    text = fold(str(raw)) if isinstance(raw, str) else ""
    if not text or text == "-":
        return None, None
    text = _WEEKDAY.sub("", text.translate(str.maketrans("", "", "\u200b")))
    if match := _ISO.match(text):
        return _make_date(int(match[1]), int(match[2]), int(match[3]), raw)
    if match := (_DMY.match(text) or _DMY_SLASH.match(text) or _DMY_TIME.match(text)):
        return _make_date(int(match[3]), int(match[2]), int(match[1]), raw)
    if match := _NAMED.match(text):
        month = MONTHS.get(match[2].translate(str.maketrans("", "", ".")))
        if month:
            return _make_date(int(match[3]), month, int(match[1]), raw)
    if match := _NAMED_EN.match(text):
        month = MONTHS.get(match[1])
        if month:
            return _make_date(int(match[3]), month, int(match[2]), raw)
    if match := _DM.match(text):
        return _without_year(int(match[1]), int(match[2]), raw, context)
    if (match := _NAMED_DM.match(text)) and (month := MONTHS.get(match[2])):
        return _without_year(int(match[1]), month, raw, context)
    if (match := _NAMED_MD.match(text)) and (month := MONTHS.get(match[1])):
        return _without_year(int(match[2]), month, raw, context)
    if match := _WEEK.match(text):
        year = int(match[2]) if match[2] else None
        return _week(int(match[1]), year, raw, context, role)
    if match := _YEAR_WEEK.match(text):
        return _week(int(match[2]), int(match[1]), raw, context, role)
    return None, error("value.bad_date", value=show(raw))


# --- amounts and numbers -------------------------------------------------------

_GROUPED_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_GROUPED_SPACE = re.compile(r"^\d{1,3}(?: \d{3})+(?:[,.]\d+)?$")
_PLAIN = re.compile(r"^\d+(?:[,.]\d+)?$")
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "'": " "})
_NOT_LETTER = r"(?![a-zæøå])"
# Before the number: `ca.`/`~`, `kr`/`NOK`, a sign, in any order.
_APPROX = re.compile(rf"^(?:(?:ca|cirka|circa|omtrent|rundt){_NOT_LETTER}\.?|~|≈)\s*")
_CURRENCY_PREFIX = re.compile(rf"^(?:kr|nok|kroner){_NOT_LETTER}\.?\s*")
_NUMBER_HEAD = re.compile(r"^\d[\d .,]*")
# After it: a multiplier and a currency mark, in any order.
_MULTIPLIERS = (
    (re.compile(rf"^(?:mnok|mill|millioner|million|mln){_NOT_LETTER}\.?\s*"), Decimal(10**6)),
    (re.compile(rf"^(?:k|tusen){_NOT_LETTER}\.?\s*"), Decimal(1000)),
)
_CURRENCY_TAIL = re.compile(rf"^(?:(?:kr|nok|kroner){_NOT_LETTER}\.?|,-|,–|\.-)\s*")
_RANGE = re.compile(
    rf"^(?:[-–—]|til{_NOT_LETTER}|to{_NOT_LETTER})\s*(?:ca\.?\s*|kr\.?\s*|nok\s*)*\d"
)
# A tail that changes what the number means: VAT, a rate, a unit price.
_QUALIFIER = re.compile(
    r"^(?:"
    r"(?:eks|ekskl|eksl|ekskludert|eksklusive|excl|exkl|ex|inkl|incl|inkludert|inklusive"
    r"|med|uten|pluss|m/|u/|\+)\.?\s*(?:mva|moms|vat)"
    r"|(?:mva|moms|vat|per|pr|à|a|hver|each|every|månedlig|årlig|ukentlig|daglig|mnd|stk"
    r"|monthly|yearly|annually|weekly|daily)\b"
    r"|/\s*\S"
    r"|i\s+(?:måned|mnd|md|år|uk|time|dag|døgn|kvartal)"
    r"|[x×*]\s*\d"
    r")"
)
MAX_AMOUNT = 1e15  # beyond this a number is a typo or garbage, never a plan's figure


def _magnitude_problem(raw: object, value: float) -> Problem | None:
    if math.isnan(value):
        return error("value.bad_number", value=show(raw))
    if not math.isfinite(value) or abs(value) > MAX_AMOUNT:
        return error("value.too_large", value=show(raw))
    return None


def parse_amount(raw: object) -> tuple[float | None, Problem | None]:
    """A number, or text such as `12 500 kr`, `12.500,50`, `NOK 3000`, `1 200,-`, `12,5k`,
    `1,2 mill.`, `2 MNOK`; `-` is empty. `ca. 5000` is read with a merknad; a range
    (`5000–7000`) or a qualifying tail (`eks. mva`, `per mnd`) is an error saying why."""
    if raw is None or raw == "":
        return None, None
    if isinstance(raw, bool):
        return None, error("value.bad_number", value=show(raw))
    if isinstance(raw, int):
        if abs(raw) > MAX_AMOUNT:
            return None, error("value.too_large", value=show(raw))
        return float(raw), None
    if isinstance(raw, float):
        problem = _magnitude_problem(raw, raw)
        return (None, problem) if problem else (float(raw), None)
    if not isinstance(raw, str):
        return None, error("value.bad_number", value=show(raw))
    typed = raw.translate(_SPACES).strip()
    text = typed.lower()
    if text in ("", "-", "–", "—"):
        return None, None
    if text.startswith("#"):
        return None, error("value.formula_error", value=show(raw))
    approximate, sign = False, 1
    previous = None
    while previous != text:  # `ca. kr -1 200`: every mark before the number
        previous = text
        if match := _APPROX.match(text):
            approximate, text = True, text[match.end() :]
        if match := _CURRENCY_PREFIX.match(text):
            text = text[match.end() :]
        if text[:1] in ("-", "−", "–") and sign > 0:
            sign, text = -1, text[1:].lstrip()
    head = _NUMBER_HEAD.match(text)
    if head is None:
        return None, error("value.bad_number", value=show(raw))
    number = head[0].rstrip(" .,")  # `12.500,-`: the `,` belongs to `,-`
    tail = text[len(number) :].strip()
    factor = None
    previous = None
    while previous != tail:  # `1,2 mill. kr`, `12 500 kr,-`
        previous = tail
        for pattern, multiplier in _MULTIPLIERS:
            if factor is None and (match := pattern.match(tail)):
                factor, tail = multiplier, tail[match.end() :]
        if match := _CURRENCY_TAIL.match(tail):
            tail = tail[match.end() :]
    if tail:
        if _RANGE.match(tail):
            return None, error("value.amount_range", value=show(raw))
        if _QUALIFIER.match(tail):
            shown = typed[len(typed) - len(tail) :] if len(typed) == len(text) else tail
            return None, error("value.amount_qualifier", value=show(raw), tail=show(shown))
        return None, error("value.bad_number", value=show(raw))
    number = re.sub(r"\s+", " ", number)
    if _GROUPED_DOT.match(number):
        number = number.replace(".", "").replace(",", ".")
    elif _GROUPED_SPACE.match(number) or _PLAIN.match(number):
        number = number.replace(" ", "").replace(",", ".")
    else:
        return None, error("value.bad_number", value=show(raw))
    try:
        value = float(sign * Decimal(number) * (factor or 1))
    except (InvalidOperation, OverflowError):
        return None, error("value.too_large", value=show(raw))
    if problem := _magnitude_problem(raw, value):
        return None, problem
    if approximate:
        return value, info("value.approximate", value=show(raw), amount=value)
    return value, None


# --- text ------------------------------------------------------------------------


def parse_text(raw: object) -> str | None:
    """Any cell as text: integers without `.0`, dates as ISO, blank as None."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        text = raw.strip()
        return text or None
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == time() else raw.isoformat(" ")
    if isinstance(raw, date):
        return raw.isoformat()
    return str(raw)


# --- statuses and types -------------------------------------------------------------


_PERCENT = re.compile(r"^(\d{1,3}(?:[.,]\d+)?)\s*%$")


def _progress(percent: float, raw: object) -> tuple[str, Problem | None]:
    """The phase of a progress percentage: 0 to do, 100 distributed, between in production."""
    if not 0 <= percent <= 100:
        return "unknown", error("value.bad_status", value=show(raw))
    if percent == 0:
        return "todo", None
    return ("distributed" if percent == 100 else "in_production"), None


@lru_cache(maxsize=1024)  # the same misspellings recur plan after plan in a folder
def _closest(key: str, statuses: tuple[str, ...]) -> list[str]:
    return get_close_matches(key, statuses, n=1, cutoff=0.6)


def parse_status(raw: object, status_map: dict[str, str]) -> tuple[str, Problem | None]:
    """The phase of a status text or a progress percentage (`50 %`, or 0.5 in a percent
    cell); blank is `todo` with a warning, unknown text an error suggesting the closest."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if isinstance(raw, float) and not math.isfinite(raw):
            return "unknown", error("value.bad_status", value=show(raw))
        return _progress(raw * 100 if 0 <= raw <= 1 else raw, raw)
    text = parse_text(raw)
    if text is None:
        return "todo", warning("value.blank_status")
    key = fold(text)
    phase = status_map.get(key)
    if phase is not None:
        return phase, None
    if match := _PERCENT.match(key):
        return _progress(float(match[1].replace(",", ".")), text)
    close = _closest(key, tuple(status_map))
    if close:
        return "unknown", error(
            "value.bad_status_hint", value=show(text), suggest_phase=status_map[close[0]]
        )
    return "unknown", error("value.bad_status", value=show(text))


def parse_type(raw: object, type_map: dict[str, str]) -> tuple[str | None, Problem | None]:
    """The type key (`program`, `campaign`, `experiment`, or a configured type as typed)."""
    text = parse_text(raw)
    if text is None:
        return None, None
    key = type_map.get(fold(text))
    if key is None:
        return text, warning("value.unknown_type", value=show(text))
    return key, None
