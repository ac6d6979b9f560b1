"""The language of the command line's own texts: help, metavars and click's messages.

A command's output follows its settings (`--språk`, else `aktplan.toml`). Its help
and click's usage errors are shown before any settings exist, so they follow the
language the command line asks for (`--språk en` anywhere in it, before or after the
command or `--help`), else `AKTPLAN_SPRAK`, else Norwegian. `AppGroup.main` sets it for
one command line at a time (`speaking`); every help text, metavar and click message
is looked up in it when shown, never when the commands are defined.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from ..i18n import click_texts, help_language, t
from ..plan.schema import LANGUAGES

# The language of the command line being run; None outside one (help_language then).
_LANGUAGE: ContextVar[str | None] = ContextVar("aktplan_cli_language", default=None)

LANGUAGE_OPTIONS = ("--språk", "--sprak")

# The click modules that look their texts up through gettext's `_`/`ngettext`.
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types")


def current() -> str:
    """The language help and click's texts are shown in right now."""
    return _LANGUAGE.get() or help_language()


def text(key: str) -> str:
    """A catalogue text (help, metavar) in the current language."""
    return t(key, current())


def argv_language(args: Sequence[str]) -> str | None:
    """The language a command line asks for (`--språk en`, `--sprak=en`), if any.

    Read from the raw arguments because `--help` is eager: it is shown while the
    command line is parsed, before `--språk` after it has been.
    """
    for index, arg in enumerate(args):
        name, _sep, value = arg.partition("=")
        if name in LANGUAGE_OPTIONS:
            value = value or (args[index + 1] if index + 1 < len(args) else "")
            if value in LANGUAGES:
                return value
    return None


@contextmanager
def speaking(language: str | None) -> Iterator[None]:
    """Show help and click's texts in `language` (None: the help language) meanwhile."""
    token = _LANGUAGE.set(language)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def _gettext(message: str) -> str:
    return click_texts(current()).get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def install_click_texts() -> None:
    """Give click's own texts (usage lines, section titles, usage errors) in the current
    language.

    click looks every text up through a module-level gettext `_` at the moment it uses
    it; rebinding that name puts the catalogue's `CLICK` table in front. A text missing
    from the table stays click's English.
    """
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext


def click_text(message: str) -> str:
    """One of click's texts (by its English id) in the current language."""
    return _gettext(message)


install_click_texts()  # before any command is defined: click reads a few texts then
