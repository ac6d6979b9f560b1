"""The options the commands share, and option values turned into what the library takes.

Every value a user types is parsed here with the library's own parsers (a date as a
plan's date cell is read, an amount as a budget cell), so `--start 15.03.2026` and a
date in the plan mean the same; a value that cannot be read is an InputError in the
user's language.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import InputError
from .base import LocalArgument, LocalOption

if TYPE_CHECKING:  # the library loads inside the commands: `aktplan --help` stays light
    from ..errors import HistoryError
    from ..i18n import Translator
    from ..memory import Saved
    from ..plan.model import ReadResult
    from ..read.reader import Inputs
    from ..settings import Settings

FORMATS = ("tekst", "json", "html", "markdown", "xlsx", "pdf")
FORMAT_ALIASES = {"text": "tekst"}  # `--format text` in both languages; `tekst` inside
PROGRESS_FROM = 5  # files: fewer are read before a progress bar would be seen

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def option(*decls: str, help_key: str, metavar_key: str | None = None, **kwargs: Any) -> Decorator:
    """`click.option` with its help text and metavar as catalogue keys."""
    return click.option(
        *decls, cls=LocalOption, help_key=help_key, metavar_key=metavar_key, **kwargs
    )


def _inherit_language(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A command's `--språk`, else the one given before it (`aktplan --språk en rapport`)."""
    if value is None and ctx.parent is not None:
        return ctx.find_root().params.get("language")
    return value


def language_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--språk` on the group and on every command; the command's own wins."""
    return option(
        "--språk",
        "--sprak",
        "language",
        type=click.Choice(["nb", "en"]),
        default=None,
        callback=_inherit_language,
        help_key="help.opt.sprak",
    )(func)


def config_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help_key="help.opt.config",
        metavar_key="cli.metavar.file",
    )(func)


def year_option(help_key: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--år` (also `--ar`): a year, parsed by the command with `parse_year`; each command
    says in its own help what the year is for."""
    return option(
        "--år", "--ar", "year", default=None, help_key=help_key, metavar_key="cli.metavar.year"
    )


def date_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--dato`: the report date, parsed by `command_settings` in the user's language."""
    return option(
        "--dato",
        "report_date",
        default=None,
        help_key="help.opt.dato",
        metavar_key="cli.metavar.date",
    )(func)


def history_file_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--historikk FIL`: the history database, instead of the one beside the plans."""
    return option(
        "--historikk",
        "history",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help_key="help.opt.historikk",
        metavar_key="cli.metavar.file",
    )(func)


def history_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """`aktplan rapport`'s history: where (`--historikk`), none (`--uten-historikk`), and
    which snapshot to compare with (`--sammenlign DATO`)."""
    func = option(
        "--sammenlign",
        "compare",
        default=None,
        help_key="help.opt.sammenlign",
        metavar_key="cli.metavar.date",
    )(func)
    func = option(
        "--uten-historikk", "no_history", is_flag=True, help_key="help.opt.uten_historikk"
    )(func)
    return history_file_option(func)


def overwrite_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return option("--overskriv", "overwrite", is_flag=True, help_key="help.opt.overskriv")(func)


def output_option(
    help_key: str = "help.opt.output",
    metavar_key: str = "cli.metavar.file",
    *,
    required: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`-o`/`--output`: where a command writes; each command says in its help what."""
    return option(
        "-o",
        "--output",
        "output",
        type=click.Path(path_type=Path),
        default=None,
        required=required,
        help_key=help_key,
        metavar_key=metavar_key,
    )


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    return output_option()(overwrite_option(func))


def inputs_argument(func: Callable[..., Any]) -> Callable[..., Any]:
    """The plans to read (files and folders) and `--rekursiv`."""
    func = option("--rekursiv", "recursive", is_flag=True, help_key="help.opt.rekursiv")(func)
    return click.argument(
        "paths",
        nargs=-1,
        required=True,
        type=click.Path(path_type=Path),
        cls=LocalArgument,
        metavar_key="cli.metavar.paths",
    )(func)


class FormatChoice(click.Choice):
    """The report formats; `text` is taken for `tekst` (one key inside)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str):
            value = FORMAT_ALIASES.get(value.strip().lower(), value)
        return super().convert(value, param, ctx)


# --- option values ----------------------------------------------------------------------


def parse_date_option(value: str | None, option: str, tr: Translator) -> date | None:
    """A date option as a plan's date cell is read; a date it only guesses is refused."""
    from ..plan.values import parse_date

    if value is None:
        return None
    parsed, problem = parse_date(value)
    if parsed is None or (problem and problem.severity == "error"):
        raise InputError(tr("error.bad_date_option", value=value, option=option))
    return parsed


def parse_amount_option(value: str | None, option: str, tr: Translator) -> float | None:
    """An amount as a budget cell is read (`250 000 kr`); a negative one is refused."""
    from ..plan.values import parse_amount

    if value is None:
        return None
    parsed, problem = parse_amount(value)
    if parsed is None or problem or parsed < 0:
        raise InputError(tr("error.bad_amount_option", value=value, option=option))
    return parsed


def parse_month_option(value: str | None, settings: Settings) -> tuple[int, int] | None:
    """`--måned ÅÅÅÅ-MM`; a month that has not begun by the report date is refused."""
    if value is None:
        return None
    tr = settings.tr
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", value.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise InputError(tr("error.bad_month_option", value=value, option="--måned"))
    year, month = int(match[1]), int(match[2])
    today = settings.today()
    if date(year, month, 1) > today:
        shown = settings.fmt.date(today)
        raise InputError(tr("error.month_not_started", month=f"{year}-{month:02d}", date=shown))
    return year, month


def command_settings(
    config_path: Path | None,
    language: str | None,
    *,
    report_date: str | None = None,
    dated: bool = False,
    upcoming_days: int | None = None,
    history: Path | None = None,
    use_history: bool = True,
) -> Settings:
    """The command's one settings object: `aktplan.toml` (or `--config`), then the
    command line on top.

    `--dato` is read in the settings' language (the file may say English); a command
    that reports (`dated`) reports for today when it is not given. `history` is
    `--historikk FIL`; `use_history` False is `--uten-historikk`.
    """
    from ..settings import load_settings

    settings = load_settings(
        config_path,
        language=language,
        upcoming_days=upcoming_days,
        history=history,
        use_history=None if use_history else False,
    )
    given = parse_date_option(report_date, "--dato", settings.tr)
    return settings.but(report_date=given or (date.today() if dated else None))


# --- reading ----------------------------------------------------------------------------


def open_inputs(
    ctx: click.Context, paths: tuple[Path, ...], settings: Settings, recursive: bool
) -> Inputs:
    """The plans' files, expanded once, with the read-ahead started before pandas loads.

    The read-ahead is only a head start (whatever goes wrong there, the reader reads the
    file itself); it is stopped when the command ends.
    """
    from ..read.reader import Inputs

    inputs = Inputs.expand(paths, settings, recursive=recursive)
    ctx.call_on_close(inputs.close)
    inputs.start_prefetch()
    return inputs


def progress_bar(total: int) -> tuple[Any, Callable[[int, int, str], None] | None]:
    """A rich progress bar on stderr, only when stderr is a terminal and there are many files."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        return None, None
    from rich.console import Console
    from rich.progress import Progress

    progress = Progress(console=Console(stderr=True), transient=True)
    state: dict[str, int] = {}

    def update(index: int, total: int, name: str) -> None:
        if "task" not in state:
            progress.start()
            state["task"] = progress.add_task("", total=total)
        progress.update(state["task"], completed=index, description=Path(name).name[:30])

    return progress, update


def read_inputs(inputs: Inputs, settings: Settings) -> ReadResult:
    """Read every plan, with a progress bar in a terminal."""
    from ..read.reader import read_plans

    progress, callback = progress_bar(len(inputs))
    try:
        return read_plans(inputs, settings, progress=callback)
    finally:
        if progress is not None:
            progress.stop()


@contextmanager
def bulk_work() -> Iterator[None]:
    """Fewer garbage collections while plans are read and reported on.

    Reading builds many small objects that live until the end (cells, rows, frames,
    task dicts): the collector would scan them again and again for nothing. The objects
    of the imports are frozen out of its scans, and generation 0 runs less often;
    both are put back afterwards (the CLI also runs in-process, in tests).
    """
    import gc

    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], 50_000), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def report_unreadable(result: ReadResult, settings: Settings) -> None:
    """A note per skipped file, one `Feil:` line per file that could not be read (with
    --debug, its traceback first), and one when there was nothing to read."""
    from ..i18n import t
    from ..read.files import clean  # one line each, whatever a message quotes

    tr = settings.tr
    prefix = t("error.prefix", "nb")  # `Feil:` in both languages, as every error line
    debug = click.get_current_context().find_root().params.get("debug", False)
    for item in result.skipped:
        click.echo(f"{tr('note.prefix')}: {clean(item.message, 1000)}", err=True)
    if not result.plans and not result.unreadable:
        click.echo(f"{prefix}: {tr('input.no_plans')}", err=True)
    for item in result.unreadable:
        if debug and item.error is not None:
            import traceback

            click.echo("".join(traceback.format_exception(item.error)), err=True, nl=False)
        click.echo(f"{prefix}: {clean(item.message, 1000)}", err=True)


def snapshot_count(count: int, tr: Translator) -> str:
    """`1 øyeblikksbilde`, `3 øyeblikksbilder`."""
    return tr("history.count_one") if count == 1 else tr("history.count", count=count)


def report_history(saved: Saved | None, problem: HistoryError | None, settings: Settings) -> bool:
    """The history's line on stderr after the report: the snapshot saved (where, and how
    many the file holds), a warning when it could not be written, or a `Feil:` line that
    says what to do. True for the `Feil:` line: the command then exits with 2."""
    from ..errors import HistoryUnwritable
    from ..i18n import t

    tr = settings.tr
    if saved is not None:
        day, count = settings.fmt.date(saved.day), snapshot_count(saved.count, tr)
        key = "history.not_saved" if saved.unread else "history.saved"
        click.echo(tr(key, date=day, file=saved.path, count=count, unread=saved.unread), err=True)
    if problem is None:
        return False
    if isinstance(problem, HistoryUnwritable):
        click.echo(f"{tr('warning.prefix')}: {problem.format_message()}", err=True)
        return False
    click.echo(f"{t('error.prefix', 'nb')}: {problem.format_message()}", err=True)
    return True
