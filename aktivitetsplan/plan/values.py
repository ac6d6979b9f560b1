"""Parse the values people type: Norwegian dates, amounts, numbers, statuses, types.

Every parser returns `(value, problem)`. `problem` is None, or a `Problem`
(severity, catalogue key, values for the message); the reader turns it into an
Issue with the file and cell. No parser raises on user input.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from difflib import get_close_matches
from functools import lru_cache

from .dates import MONTHS, DateContext, parse_date
from .problem import Problem, error, info, show, warning
from .schema import DECISION_LABELS, base_decision_map, base_repeat_map, fold

__all__ = [
    "MONTHS",
    "DateContext",
    "Problem",
    "error",
    "info",
    "parse_amount",
    "parse_date",
    "parse_repeat",
    "parse_status",
    "parse_text",
    "parse_type",
    "show",
    "warning",
]

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
        # The phase it counts as, shown by the reader in the user's language (`suggestion`).
        return "todo", warning("value.blank_status", suggest_phase="todo")
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


def parse_repeat(raw: object) -> tuple[str | None, Problem | None]:
    """The repeat key of a `Gjentas` cell (`månedlig`, `hver uke`, `Every other week` …),
    None for blank. Unknown text is a warning and reads as not repeating: a typo must not
    make a one-off activity a series, nor drop the row."""
    text = parse_text(raw)
    if text is None:
        return None, None
    key = base_repeat_map().get(fold(text))
    if key is None:
        return None, warning("value.unknown_repeat", value=show(text))
    return key, None


def parse_decision(raw: object) -> tuple[str | None, Problem | None]:
    """The decision key of a `Beslutning` cell (`Forsterk`, `fortsette`, `Drop` …), None
    for blank. Unknown text is a warning and reads as `unknown`: something was decided,
    but aktplan cannot say what, so the experiment is not counted as undecided either."""
    text = parse_text(raw)
    if text is None:
        return None, None
    key = base_decision_map().get(fold(text))
    if key is None:
        valid = ", ".join(
            f"{DECISION_LABELS['nb'][k]}/{DECISION_LABELS['en'][k]}" for k in DECISION_LABELS["nb"]
        )
        return DECISION_UNKNOWN, warning("value.unknown_decision", value=show(text), valid=valid)
    return key, None


DECISION_UNKNOWN = "unknown"  # a decision typed that aktplan cannot read

_HOURS = re.compile(
    r"^(?:innen\s+|within\s+)?(\d+(?:[.,]\d+)?)\s*"
    r"(t|timer|time|h|hr|hrs|hour|hours|d|dag|dager|døgn|day|days|min|minutt|minutter|minutes)?$"
)
_HOUR_UNITS = {"d": 24.0, "dag": 24.0, "dager": 24.0, "døgn": 24.0, "day": 24.0, "days": 24.0}
_MINUTE_UNITS = {"min", "minutt", "minutter", "minutes"}


def parse_hours(raw: object) -> tuple[float | None, Problem | None]:
    """A response time in hours (`Svartid`): a number, or `2 timer`, `24 t`, `1 dag`,
    `30 min`; anything else is an error at the cell."""
    if raw is None or raw == "":
        return None, None
    if isinstance(raw, bool):
        return None, error("value.bad_hours", value=show(raw))
    if isinstance(raw, (int, float)):
        if math.isfinite(raw) and raw >= 0:
            return float(raw), None
        return None, error("value.bad_hours", value=show(raw))
    text = parse_text(raw)
    if text is None:
        return None, None
    match = _HOURS.match(text.lower())
    if match is None:
        return None, error("value.bad_hours", value=show(text))
    number = float(match[1].replace(",", "."))
    unit = match[2] or "t"
    if unit in _MINUTE_UNITS:
        return number / 60, None
    return number * _HOUR_UNITS.get(unit, 1.0), None
