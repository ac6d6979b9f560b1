"""click's classes, fitted to aktplan: help texts by catalogue key, one-line errors.

- Help texts and metavars are catalogue keys, looked up when the help is shown, in the
  command line's language (`language.current`): `aktplan rapport --help --språk en`
  is English although `--help` is handled before `--språk` is parsed.
- Every error is one `Feil:` line on stderr and exit code 2, printed by click's own
  standalone handling (so `CliRunner` in tests sees exactly what a user sees): the
  library raises `AktplanError`s, which are click exceptions, and click's usage errors
  (an unknown option, a bad `--format`) become one as well.
- `-h` works as `--help`; `aktplan` and `aktplan mal` without a command show the help.
- Ctrl-C ends with exit code 130 and no message, as a shell expects.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click

from ..errors import AktplanError, CommandLineError
from ..outcome import INTERRUPTED
from .language import argv_language, speaking, text

CONTEXT = {"help_option_names": [], "max_content_width": 100}  # -h/--help: get_help_option
ALIASES = {
    "arshjul": "årshjul",
    "nytt-ar": "nytt-år",
}  # the ASCII spellings a command also answers to


@contextmanager
def one_line_usage_errors() -> Iterator[None]:
    """click's usage errors as one `Feil:` line, not usage line, hint and message.

    The message is taken here, while the command line's language is in force.
    """
    try:
        yield
    except click.UsageError as exc:
        raise CommandLineError(exc.format_message()) from exc


class KeyedHelp:
    """A help text that is a catalogue key (`help.opt.dato`), shown in the language in
    force when the help is printed: click assigns `help` in its constructor (None, a
    text, a docstring); the property takes the assignment and answers with the key's
    text instead."""

    help_key: str

    @property
    def help(self) -> str:
        return text(self.help_key)

    @help.setter
    def help(self, _value: str | None) -> None:
        """The key decides."""


class LocalOption(KeyedHelp, click.Option):
    """An option whose help text and metavar are catalogue keys."""

    def __init__(
        self, *args: Any, help_key: str, metavar_key: str | None = None, **kwargs: Any
    ) -> None:
        self.help_key = help_key
        self.metavar_key = metavar_key
        super().__init__(*args, **kwargs)

    @property
    def metavar(self) -> str | None:
        return text(self.metavar_key) if self.metavar_key else self._metavar

    @metavar.setter
    def metavar(self, value: str | None) -> None:
        self._metavar = value


class LocalArgument(click.Argument):
    """An argument whose metavar (`FIL|MAPPE...`) is a catalogue key."""

    def __init__(self, *args: Any, metavar_key: str, **kwargs: Any) -> None:
        self.metavar_key = metavar_key
        super().__init__(*args, **kwargs)

    @property
    def metavar(self) -> str:
        return text(self.metavar_key)

    @metavar.setter
    def metavar(self, _value: str | None) -> None:
        """The key decides."""


def _show_help(ctx: click.Context, _param: click.Parameter | None, value: bool) -> None:
    """`-h/--help`: the help in the command line's language, then exit 0."""
    if value and not ctx.resilient_parsing:
        click.echo(ctx.get_help(), color=ctx.color)
        ctx.exit()


class LocalCommandMixin(KeyedHelp):
    """A command whose help text is a catalogue key, with `-h/--help` and one-line
    usage errors."""

    def __init__(self, *args: Any, help_key: str, **kwargs: Any) -> None:
        self.help_key = help_key
        kwargs.setdefault("context_settings", dict(CONTEXT))
        super().__init__(*args, **kwargs)

    @property
    def options_metavar(self) -> str:
        return text("cli.metavar.options")

    @options_metavar.setter
    def options_metavar(self, _value: str | None) -> None:
        """`[VALG]`, `[OPTIONS]`: from the catalogue."""

    def get_help_option(self, ctx: click.Context) -> click.Option:
        return LocalOption(
            ["-h", "--help"],
            help_key="help.help",
            is_flag=True,
            is_eager=True,
            expose_value=False,
            callback=_show_help,
        )

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra
    ) -> click.Context:
        with one_line_usage_errors():
            return super().make_context(info_name, args, parent, **extra)


class LocalCommand(LocalCommandMixin, click.Command):
    """A command: `aktplan rapport`, `aktplan mal aktivitetsplan`."""


class LocalGroup(LocalCommandMixin, click.Group):
    """A group of commands (`aktplan mal`) that also answers to ASCII spellings
    (`arshjul` for `årshjul`) and shows its help when called without a command."""

    command_class = LocalCommand
    group_class = type  # subgroups are of this class too

    @property
    def subcommand_metavar(self) -> str:
        return text("cli.metavar.command")

    @subcommand_metavar.setter
    def subcommand_metavar(self, _value: str | None) -> None:
        """`KOMMANDO [ARG]...`: from the catalogue."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # click 8.2 makes a bare `aktplan` a usage error (exit 2, help on stderr); the
        # help on stdout and exit 0, as click 8.1 did and as `aktplan --help` does.
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            _show_help(ctx, None, True)
        return super().parse_args(ctx, args)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, ALIASES.get(cmd_name, cmd_name))

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        _name, command, rest = super().resolve_command(ctx, args)
        return command.name if command else None, command, rest

    def invoke(self, ctx: click.Context) -> Any:
        with one_line_usage_errors():
            return super().invoke(ctx)


class AppGroup(LocalGroup):
    """The `aktplan` group: the command line's language around the whole run, and the
    run's end for what is no `AktplanError`."""

    group_class = LocalGroup  # `aktplan mal`: the language and the run's end are set here

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra):
        args = list(sys.argv[1:] if args is None else args)
        with speaking(argv_language(args)):
            return super().main(args, prog_name, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AktplanError:
            if ctx.params.get("debug"):  # the traceback first, then the `Feil:` line
                click.echo(traceback.format_exc(), err=True, nl=False)
            raise
        except click.Abort:  # click says `Aborted!` and exits 1
            raise CommandLineError(text("error.aborted")) from None
        except KeyboardInterrupt:  # click says `Aborted!` and exits 1; a shell expects 130
            raise click.exceptions.Exit(INTERRUPTED) from None
