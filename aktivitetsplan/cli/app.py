"""The `aktplan` entry point: what only a real process needs, around the click group.

Every error a user can fix is an `AktplanError`, which click's own standalone handling
prints as one `Feil:` line (exit code 2), in-process too; Ctrl-C is exit code 130
(`AppGroup.invoke`). What is left for `main` is the last line of defence: an
unexpected exception is one `Feil:` line as well, never a traceback without `--debug`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from ..i18n import t
from ..outcome import INTERRUPTED, UNUSABLE
from .commands import cli


def main(argv: Sequence[str] | None = None) -> None:
    """Run `aktplan` with `argv` (default: the process's arguments) and exit."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        cli.main(args=args, prog_name="aktplan")
    except KeyboardInterrupt:  # outside a command (click's own parsing)
        sys.exit(INTERRUPTED)
    except Exception as exc:  # the last line of defence: never a traceback without --debug
        if "--debug" in args:
            raise
        click.echo(f"{t('error.prefix', 'nb')}: {t('error.internal', 'nb', error=exc)}", err=True)
        sys.exit(UNUSABLE)
