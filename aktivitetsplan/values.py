"""Parse the values people type: Norwegian dates, amounts, numbers, statuses, types.

Every parser returns `(value, problem)`. `problem` is None, or a `Problem`
(severity, catalogue key, values for the message); the reader turns it into an
Issue with the file and cell. No parser raises on user input.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from .schema import fold


class Problem(NamedTuple):
    """Something wrong with one value, before it knows its file and cell."""

    severity: str  # "error" | "warning"
    key: str  # catalogue key, e.g. "value.bad_date"
    values: dict


def error(key: str, **values: object) -> Problem:
    return Problem("error", key, values)


def warning(key: str, **values: object) -> Problem:
    return Problem("warning", key, values)


def show(value: object) -> object:
    """A short, single-line rendering of a cell value for a message.

    Numbers and truth values are kept as they are: the Translator writes them the way a
    spreadsheet in the user's language shows them (`1234,5`, `SANN`), not as Python does.
    """
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
    r"^(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|man|tir|ons|tor|fre|lør|søn)\.?,?\s+"
)

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


def parse_date(raw: object) -> tuple[date | None, Problem | None]:
    """A date cell, or text `d.m.yyyy`, `d.m.yy`, `yyyy-mm-dd`, `d/m/yyyy`, `15. mars 2026`.

    Day-first always: `03/04/2026` is 3 April, never March 4.
    """
    if raw is None or raw == "":
        return None, None
    if isinstance(raw, datetime):
        return raw.date(), None
    if isinstance(raw, date):
        return raw, None
    if isinstance(raw, bool):
        return None, error("value.bad_date", value=show(raw))
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not math.isfinite(raw):
            return None, error("value.bad_date", value=show(raw))
        if _SERIAL_MIN <= raw <= _SERIAL_MAX:
            value = _EXCEL_EPOCH + timedelta(days=int(raw))
            return value, warning("value.serial_date", value=show(raw), date=value.isoformat())
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
    return None, error("value.bad_date", value=show(raw))


# --- amounts and numbers -------------------------------------------------------

_CURRENCY = re.compile(r"^(?:kr\.?|nok)\s*|\s*(?:kr\.?|nok|,-|,–|\.-)$")
_GROUPED_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_GROUPED_SPACE = re.compile(r"^\d{1,3}(?: \d{3})+(?:[,.]\d+)?$")
_PLAIN = re.compile(r"^\d+(?:[,.]\d+)?$")
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "'": " "})


def parse_amount(raw: object) -> tuple[float | None, Problem | None]:
    """A number, or text such as `12 500 kr`, `12.500,50`, `NOK 3000`, `1 200,-`; `-` is empty."""
    if raw is None or raw == "":
        return None, None
    if isinstance(raw, bool):
        return None, error("value.bad_number", value=show(raw))
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not math.isfinite(raw):
            return None, error("value.bad_number", value=show(raw))
        return float(raw), None
    if not isinstance(raw, str):
        return None, error("value.bad_number", value=show(raw))
    text = raw.translate(_SPACES).strip().lower()
    if text in ("", "-", "–", "—"):
        return None, None
    if text.startswith("#"):
        return None, error("value.formula_error", value=show(raw))
    sign = 1.0
    if text[0] in "-−–":
        sign, text = -1.0, text[1:].strip()
    previous = None
    while previous != text:  # `kr 1 200,-`: strip every currency mark
        previous = text
        text = _CURRENCY.sub("", text).strip()
    text = re.sub(r"\s+", " ", text)
    if text.startswith("-") and sign > 0:
        sign, text = -1.0, text[1:].strip()
    if _GROUPED_DOT.match(text):
        number = text.replace(".", "").replace(",", ".")
    elif _GROUPED_SPACE.match(text) or _PLAIN.match(text):
        number = text.replace(" ", "").replace(",", ".")
    else:
        return None, error("value.bad_number", value=show(raw))
    return sign * float(number), None


parse_number = parse_amount


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


def parse_status(raw: object, status_map: dict[str, str]) -> tuple[str, Problem | None]:
    """The phase of a status text; blank is `todo` with a warning, unknown text an error."""
    text = parse_text(raw)
    if text is None:
        return "todo", warning("value.blank_status")
    phase = status_map.get(fold(text))
    if phase is None:
        return "unknown", error("value.bad_status", value=show(text))
    return phase, None


def parse_type(raw: object, type_map: dict[str, str]) -> tuple[str | None, Problem | None]:
    """The type key (`program`, `campaign`, `experiment`, or a configured type as typed)."""
    text = parse_text(raw)
    if text is None:
        return None, None
    key = type_map.get(fold(text))
    if key is None:
        return text, warning("value.unknown_type", value=show(text))
    return key, None
