"""One exception hierarchy for every problem a user can fix.

`AktplanError` is a click exception: click's own standalone handling (the `aktplan`
command, and click's `CliRunner` in tests, in-process) prints it as exactly one line
`Feil: <message>` on stderr and exits with code 2. The library raises these; the CLI
formats nothing itself.
"""

from __future__ import annotations

from typing import IO, Any

import click

from .outcome import UNUSABLE


class AktplanError(click.ClickException):
    """Base class: a problem the user can fix; its message is already translated."""

    exit_code = UNUSABLE

    def __init__(self, message: object = "") -> None:
        super().__init__(str(message))

    def show(self, file: IO[Any] | None = None) -> None:
        """One line, `Feil: <message>`: the prefix is Norwegian in both languages (the
        line a script or a colleague searches for is the same), the message is in the
        user's language."""
        from .i18n import t  # i18n imports the plan schema, which may import this module

        click.echo(f"{t('error.prefix', 'nb')}: {self.format_message()}", file=file, err=True)


class InputError(AktplanError):
    """An input file, folder or option value that cannot be read or understood."""


class CommandLineError(InputError):
    """A command line click could not parse (an unknown option, a bad `--format`)."""


class ConfigError(InputError):
    """A configuration file with an unknown key or a bad value."""


class PlanError(AktplanError):
    """A plan workbook that breaks the rules (for example, it has no plan table)."""


class NotAPlan(AktplanError):
    """A workbook aktplan wrote itself (an årshjul, a report): skipped with a note, not an error."""


class OutputError(AktplanError):
    """An output file that cannot or must not be written."""


class HistoryError(AktplanError):
    """The history database cannot be used (from a newer aktplan, not a SQLite database,
    corrupt, someone else's): one `Feil:` line, and the report is still made."""


class HistoryUnwritable(HistoryError):
    """The history cannot be saved where it is to go (a read-only folder or file, a full
    disk): the CLI prints one warning and goes on, since nothing the user asked for failed."""
