"""Norwegian (or English) numbers, money, dates, month names and lists, via babel.

Numbers are rounded half up (`rounding.half_up`) before babel sees them: babel rounds
half to even, which showed 28.5 % as `28 %`. Month names and the "a, b or c" of a list
are language text too, so they come from the same locale as the dates, never from a
second locale map.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache

from babel.dates import format_date, get_month_names
from babel.lists import format_list
from babel.numbers import format_decimal

from ..plan.rounding import half_up
from ..plan.schema import PHASE_LABELS, PHASES

NBSP = "\u00a0"  # before the unit, so `60 %` and `12 500 kr` never wrap
LOCALES = {"nb": "nb_NO", "en": "en_GB"}


def _locale(language: str) -> str:
    return LOCALES.get(language, "nb_NO")


@cache
def _month_names(locale: str) -> tuple[str, ...]:
    names = get_month_names("wide", context="stand-alone", locale=locale)
    return tuple(names[m] for m in range(1, 13))


def or_list(items: Iterable[str], language: str = "nb") -> str:
    """`a, b, c eller d` (`a, b, c or d`): the items as a sentence in `language` offers them."""
    return format_list(list(items), style="or", locale=_locale(language))


@cache
def phase_list(language: str = "nb", labels: str | None = None) -> str:
    """The four phases as a message offers them: `Å gjøre, I produksjon, I distribusjon
    eller Avlyst`.

    The names are `PHASE_LABELS[labels]` (default: `language`), so no catalogue sentence
    spells them a second time; `labels="nb"` lists the Norwegian names in an English
    sentence, as the config error does (the status names a config file may use).
    """
    names = PHASE_LABELS[labels or language]
    return or_list((names[phase] for phase in PHASES), language)


class Formatter:
    """Formats figures for one language: `money(12500)` → `12 500 kr`."""

    def __init__(self, language: str = "nb", currency: str = "kr") -> None:
        self.language = language
        self.locale = _locale(language)
        self.currency = currency

    def number(self, value: float | int | None, digits: int = 0) -> str:
        if value is None:
            return "–"
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(half_up(value, digits), format=pattern, locale=self.locale)

    def money(self, value: float | None) -> str:
        if value is None:
            return "–"
        return f"{self.number(value)}{NBSP}{self.currency}"

    def pct(self, value: float | None) -> str:
        if value is None:
            return "–"
        return f"{self.number(value)}{NBSP}%"

    def date(self, value: date | str | None) -> str:
        if value is None:
            return "–"
        if isinstance(value, str):
            value = date.fromisoformat(value)
        return format_date(value, "dd.MM.yyyy", locale=self.locale)

    def short_date(self, value: date, year: int) -> str:
        """`31.10.` when the date falls in `year` (the year being reported on), else the
        whole date: a sentence about this year need not repeat it."""
        if value.year != year:
            return self.date(value)
        return format_date(value, "dd.MM.", locale=self.locale)

    def long_date(self, value: date | str | None) -> str:
        if value is None:
            return "–"
        if isinstance(value, str):
            value = date.fromisoformat(value)
        pattern = "d. MMMM yyyy" if self.language == "nb" else "d MMMM yyyy"
        return format_date(value, pattern, locale=self.locale)

    def month(self, value: date | str) -> str:
        if isinstance(value, str):
            value = date.fromisoformat(value + "-01" if len(value) == 7 else value)
        return format_date(value, "LLLL yyyy", locale=self.locale)

    def month_names(self) -> tuple[str, ...]:
        """The twelve month names as they stand alone (`januar`, `January`); cached per locale."""
        return _month_names(self.locale)

    def phase_list(self) -> str:
        """The four phases in this language, as a message lists them (see `phase_list`)."""
        return phase_list(self.language)
