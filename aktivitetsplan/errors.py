"""One exception hierarchy; the CLI turns these into `Feil:` lines and exit code 2."""

from __future__ import annotations


class AktplanError(Exception):
    """Base class: a problem the user can fix; its message is already translated."""


class InputError(AktplanError):
    """An input file, folder or option value that cannot be read or understood."""


class ConfigError(InputError):
    """A configuration file with an unknown key or a bad value."""


class PlanError(AktplanError):
    """A plan workbook that breaks the rules (for example, it has no plan table)."""


class NotAPlan(AktplanError):
    """A workbook aktplan wrote itself (an årshjul, a report): skipped with a note, not an error."""


class OutputError(AktplanError):
    """An output file that cannot or must not be written."""
