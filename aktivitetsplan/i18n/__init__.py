"""The user-facing text catalogues, one per language (`nb.py`, `en.py`).

Every message, label, help text and template string shown to a user lives in
those two files; code refers to them by key.
"""

from __future__ import annotations

import math
import os
from functools import cache
from importlib import import_module

from ..plan.schema import LANGUAGES

DEFAULT_LANGUAGE = "nb"


@cache
def catalogue(language: str) -> dict[str, str]:
    """The message catalogue of a language."""
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    return import_module(f"{__name__}.{language}").MESSAGES


@cache
def click_texts(language: str) -> dict[str, str]:
    """click's own texts in a language, by click's English message id."""
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    return import_module(f"{__name__}.{language}").CLICK


def t(key: str, language: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The text for `key` in `language`, with `values` filled in."""
    text = catalogue(language)[key]
    return text.format(**values) if values else text


def help_language() -> str:
    """The language of --help texts: `AKTPLAN_SPRAK=en` switches them to English."""
    value = os.environ.get("AKTPLAN_SPRAK", os.environ.get("AKTPLAN_SPRÅK", DEFAULT_LANGUAGE))
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


class Translator:
    """A language bound to the catalogue: `tr("key", name=...)`."""

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        self.language = language if language in LANGUAGES else DEFAULT_LANGUAGE

    def __call__(self, key: str, /, **values: object) -> str:
        cell = self.cell
        local = {n: cell(v) if v.__class__ in (bool, float) else v for n, v in values.items()}
        return t(key, self.language, **local)

    def cell(self, value: object) -> object:
        """A cell's number or truth value as a spreadsheet in this language shows it
        (`1234,5` and `SANN` in Norwegian, `1234.5` and `TRUE` in English); else as is."""
        if isinstance(value, bool):
            return t("value.true" if value else "value.false", self.language)
        if isinstance(value, float) and math.isfinite(value):
            text = str(int(value)) if value.is_integer() else repr(value)
            return text.replace(".", ",") if self.language == "nb" else text
        return value
