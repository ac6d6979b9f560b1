"""A problem with one typed value, before it knows its file and cell.

Every parser (`values.py`, `dates.py`) returns `(value, problem)`; the reader turns the
problem into an Issue with the file and cell.
"""

from __future__ import annotations

import math
from typing import NamedTuple


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
