"""The command line: parse options, call the library, print, exit. No business rules here.

Heavy libraries (pandas, calamine, xlsxwriter, jinja2) are imported inside the
commands, so `aktplan --help` stays fast and does not import pandas.
"""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click

from . import __version__, outcome
from .errors import AktplanError, InputError
from .i18n import Translator, click_texts, help_language, t
from .plan.schema import LANGUAGES

H = help_language()
HELP_SHOWN = [H]  # the language the help texts are in now (`localize_help` switches it)
CONTEXT = {"help_option_names": [], "max_content_width": 100}
ALIASES = {"arshjul": "årshjul"}
FORMATS = ("tekst", "json", "html", "markdown", "xlsx")
FORMAT_ALIASES = {"text": "tekst"}  # `--format text` in both languages; `tekst` inside
# click 8.2+ raises this (a usage error) for a group called without a command.
NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())


def _h(key: str) -> str:
    return t(key, HELP_SHOWN[0])


# The click modules that look their texts up through gettext's `_`/`ngettext`.
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types")


def localize_click(language: str) -> None:
    """Give click's own texts (usage lines, section titles, usage errors) in `language`.

    click looks every text up through a module-level gettext `_`, at the moment it
    uses it; rebinding that name puts the catalogue's `CLICK` table in front. A text
    missing from the table stays click's English.
    """
    import importlib

    texts = click_texts(language)

    def gettext(message: str) -> str:
        return texts.get(message, message)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext


localize_click(H)  # main() switches again when the command line asks for --språk


def argv_language(args: list[str]) -> str:
    """The language a command line asks for (`--språk en`), else the help language."""
    for index, arg in enumerate(args):
        name, _sep, value = arg.partition("=")
        if name in ("--språk", "--sprak"):
            value = value or (args[index + 1] if index + 1 < len(args) else "")
            if value in LANGUAGES:
                return value
    return H


def localize_help(language: str) -> None:
    """Put the commands' own help texts in `language` (`aktplan --språk en --help`).

    They were written in the help language when the commands were defined: each is
    found by its text in that catalogue and replaced by the same key's text.
    """
    from .i18n import catalogue

    if language == HELP_SHOWN[0]:
        return
    keys = {
        text: key
        for key, text in catalogue(HELP_SHOWN[0]).items()
        if key.startswith(("help.", "cli.metavar."))
    }

    def swap(text):
        return t(keys[text], language) if isinstance(text, str) and text in keys else text

    def walk(command: click.Command) -> None:
        command.help = swap(command.help)
        command.options_metavar = swap(command.options_metavar)
        if isinstance(command, click.Group):
            command.subcommand_metavar = swap(command.subcommand_metavar)
            for sub in command.commands.values():
                walk(sub)
        for param in command.params:
            if isinstance(param, click.Option):
                param.help = swap(param.help)
            else:
                param.metavar = swap(param.metavar)

    walk(cli)
    HELP_SHOWN[0] = language


class HelpMixin:
    """`-h/--help` with a help text from the catalogue on every command, and click's
    usage metavar (`[VALG]`) in the help language."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", _h("cli.metavar.options"))
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context):
        return click.Option(
            ["-h", "--help"],
            is_flag=True,
            is_eager=True,
            expose_value=False,
            callback=lambda c, _p, v: (
                (click.echo(c.get_help(), color=c.color), c.exit()) if v else None
            ),
            help=_h("help.help"),
        )


class Command(HelpMixin, click.Command):
    """A command with Norwegian help on its help option."""


class AliasGroup(HelpMixin, click.Group):
    """A group that also answers to ASCII spellings (`arshjul` for `årshjul`)."""

    command_class = Command

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("subcommand_metavar", _h("cli.metavar.command"))
        super().__init__(*args, **kwargs)

    def get_command(self, ctx: click.Context, cmd_name: str):
        return super().get_command(ctx, ALIASES.get(cmd_name, cmd_name))

    def resolve_command(self, ctx: click.Context, args: list[str]):
        _name, command, rest = super().resolve_command(ctx, args)
        return command.name if command else None, command, rest


# --- shared option groups -------------------------------------------------------------


def _inherit_language(ctx: click.Context, _param, value: str | None) -> str | None:
    """A command's `--språk`, else the one given before it (`aktplan --språk en rapport`)."""
    if value is None and ctx.parent is not None:
        return ctx.find_root().params.get("language")
    return value


def language_option(func):
    """`--språk` on the group and on every command; the command's own wins."""
    return click.option(
        "--språk",
        "--sprak",
        "language",
        type=click.Choice(["nb", "en"]),
        default=None,
        callback=_inherit_language,
        help=_h("help.opt.sprak"),
    )(func)


class FormatChoice(click.Choice):
    """The report formats; `text` is taken for `tekst` (one key inside)."""

    def convert(self, value, param, ctx):
        if isinstance(value, str):
            value = FORMAT_ALIASES.get(value.strip().lower(), value)
        return super().convert(value, param, ctx)


def config_option(func):
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=_h("help.opt.config"),
    )(func)


def output_options(func):
    func = click.option("--overskriv", "overwrite", is_flag=True, help=_h("help.opt.overskriv"))(
        func
    )
    return click.option(
        "-o",
        "--output",
        "output",
        type=click.Path(path_type=Path),
        default=None,
        help=_h("help.opt.output"),
    )(func)


def inputs_argument(func):
    func = click.option("--rekursiv", "recursive", is_flag=True, help=_h("help.opt.rekursiv"))(func)
    return click.argument(
        "paths",
        nargs=-1,
        required=True,
        type=click.Path(path_type=Path),
        metavar=_h("cli.metavar.paths"),
    )(func)


# --- option values ----------------------------------------------------------------------


def load_settings(config_path: Path | None, language: str | None, **given):
    """The one settings object: `aktplan.toml` (or --config), then the command line."""
    from .settings import load_settings as load

    return load(config_path, language=language, **given)


def parse_date_option(value: str | None, option: str, lang: str) -> date | None:
    from .plan.values import parse_date

    if value is None:
        return None
    parsed, problem = parse_date(value)
    if parsed is None or (problem and problem.severity == "error"):
        raise InputError(t("error.bad_date_option", lang, value=value, option=option))
    return parsed


def parse_amount_option(value: str | None, option: str, lang: str) -> float | None:
    from .plan.values import parse_amount

    if value is None:
        return None
    parsed, problem = parse_amount(value)
    if parsed is None or problem or parsed < 0:
        raise InputError(t("error.bad_amount_option", lang, value=value, option=option))
    return parsed


def parse_month_option(
    value: str | None, lang: str, report_date: date | None = None
) -> tuple[int, int] | None:
    """`--måned ÅÅÅÅ-MM`; a month that has not begun by `report_date` is refused."""
    if value is None:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", value.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise InputError(t("error.bad_month_option", lang, value=value, option="--måned"))
    year, month = int(match[1]), int(match[2])
    if report_date is not None and date(year, month, 1) > report_date:
        from .i18n.fmt import Formatter

        shown = Formatter(lang).date(report_date)
        raise InputError(
            t("error.month_not_started", lang, month=f"{year}-{month:02d}", date=shown)
        )
    return year, month


def progress_bar(total_hint: int):
    """A rich progress bar on stderr, only when stderr is a terminal and there are many files."""
    if not sys.stderr.isatty():
        return None, None
    from rich.console import Console
    from rich.progress import Progress

    progress = Progress(console=Console(stderr=True), transient=True)
    state: dict[str, int] = {}

    def update(index: int, total: int, name: str) -> None:
        if total < 5:
            return
        if "task" not in state:
            progress.start()
            state["task"] = progress.add_task("", total=total)
        progress.update(state["task"], completed=index, description=Path(name).name[:30])

    return progress, update


@contextmanager
def bulk_work():
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


def read_ahead(ctx: click.Context, paths, config, recursive: bool):
    """Start reading the plans' cells in the background, before pandas is imported.

    Only a head start (see `prefetch`): whatever goes wrong there, the reader reads the
    file itself. The thread is stopped when the command ends.
    """
    from .read import prefetch
    from .read.files import expand

    try:
        targets = expand(paths, recursive=recursive, lang=config.language)
    except Exception:
        return None
    ahead = prefetch.start(
        [path for path, problem in targets if not problem],
        max_unpacked_mb=config.max_unpacked_mb,
        lang=config.language,
    )
    if ahead is not None:
        ctx.call_on_close(ahead.close)
    return ahead


def read_inputs(paths, settings, recursive: bool, ahead=None):
    from .read.reader import read_plans

    progress, callback = progress_bar(len(paths))
    try:
        return read_plans(
            paths,
            settings,
            recursive=recursive,
            progress=callback,
            ahead=ahead,
        )
    finally:
        if progress is not None:
            progress.stop()


def report_unreadable(result, lang: str) -> None:
    """A note per skipped file, one `Feil:` line per file that could not be read (with
    --debug, its traceback first), and one when there was nothing to read."""
    from .read.files import clean  # one line each, whatever a message quotes

    debug = click.get_current_context().find_root().params.get("debug", False)
    for item in result.skipped:
        click.echo(f"{t('note.prefix', lang)}: {clean(item.message, 1000)}", err=True)
    if not result.plans and not result.unreadable:
        click.echo(f"{t('error.prefix', 'nb')}: {t('input.no_plans', lang)}", err=True)
    for item in result.unreadable:
        if debug and item.error is not None:
            import traceback

            click.echo("".join(traceback.format_exception(item.error)), err=True, nl=False)
        click.echo(f"{t('error.prefix', 'nb')}: {clean(item.message, 1000)}", err=True)


# --- commands ------------------------------------------------------------------------------


@click.group(cls=AliasGroup, context_settings=CONTEXT, help=_h("help.main"))
@click.version_option(
    __version__,
    "-V",
    "--version",
    prog_name="aktplan",
    help=_h("help.version"),
)
@click.option("--debug", is_flag=True, help=_h("help.debug"))
@language_option
@click.pass_context
def cli(ctx: click.Context, debug: bool, language: str | None) -> None:
    ctx.obj = {"debug": debug, "language": language}


@cli.group(cls=AliasGroup, context_settings=CONTEXT, help=_h("help.mal"))
def mal() -> None:
    pass


@mal.command("aktivitetsplan", context_settings=CONTEXT, help=_h("help.mal.aktivitetsplan"))
@output_options
@click.option("--kampanje", default=None, help=_h("help.opt.kampanje"))
@click.option("--start", "start", default=None, help=_h("help.opt.start"))
@click.option("--slutt", "end", default=None, help=_h("help.opt.slutt"))
@click.option("--budsjett", "budget", default=None, help=_h("help.opt.budsjett"))
@config_option
@language_option
def mal_aktivitetsplan(output, overwrite, kampanje, start, end, budget, config_path, language):
    from .save import atomic_output, check_suffix
    from .workbooks.plan_template import CampaignPrefill, write_plan_template

    config = load_settings(config_path, language)
    lang = config.language
    options = CampaignPrefill(
        campaign=kampanje,
        start=parse_date_option(start, "--start", lang),
        end=parse_date_option(end, "--slutt", lang),
        budget=parse_amount_option(budget, "--budsjett", lang),
    )
    output = output or Path("aktivitetsplan.xlsx" if lang == "nb" else "activity-plan.xlsx")
    check_suffix(output, (".xlsx",), lang)  # `-o plan.ods` would hold xlsx bytes
    with atomic_output(output, overwrite=overwrite, lang=lang) as temp:
        write_plan_template(temp, config, options)
    tr = Translator(lang)
    click.echo(tr("mal.written", file=output))
    click.echo(tr("mal.next", file=output))


@mal.command("årshjul", context_settings=CONTEXT, help=_h("help.mal.arshjul"))
@output_options
@click.option("--år", "--ar", "year", default=None, help=_h("help.opt.ar"))
@config_option
@language_option
def mal_arshjul(output, overwrite, year, config_path, language):
    from .compute.wheel import default_template_year, parse_year
    from .save import atomic_output, check_suffix
    from .workbooks.wheel_template import write_wheel_template

    config = load_settings(config_path, language)
    lang = config.language
    tr = config.tr
    year = parse_year(year, tr) or default_template_year(date.today())
    output = output or Path(tr("wheel.default_template", year=year))
    check_suffix(output, (".xlsx",), lang)
    with atomic_output(output, overwrite=overwrite, lang=lang) as temp:
        write_wheel_template(temp, config, year)
    click.echo(tr("mal.written", file=output))
    click.echo(tr("wheel.mal_next", file=output))


@cli.command("sjekk", context_settings=CONTEXT, help=_h("help.sjekk"))
@inputs_argument
@config_option
@language_option
@click.pass_context
def sjekk(ctx, paths, recursive, config_path, language):
    from .view.check import check_lines, check_summary

    config = load_settings(config_path, language)
    tr = Translator(config.language)
    with bulk_work():
        result = read_inputs(paths, config, recursive)
    for line in check_lines(result, tr):
        click.echo(line)
    if result.plans:
        click.echo(check_summary(result, tr))
    report_unreadable(result, config.language)
    errors = sum(1 for i in result.issues if i.severity == "error")
    ctx.exit(outcome.check_exit_code(errors, len(result.unreadable), len(result.plans)))


@cli.command("rapport", context_settings=CONTEXT, help=_h("help.rapport"))
@inputs_argument
@click.option("--dato", "report_date", default=None, help=_h("help.opt.dato"))
@click.option("--måned", "--maned", "month", default=None, help=_h("help.opt.maned"))
@click.option(
    "--kommende",
    "upcoming",
    type=click.IntRange(0, 3650),
    default=None,
    help=_h("help.opt.kommende"),
)
@click.option(
    "--format", "fmt", type=FormatChoice(FORMATS), default=None, help=_h("help.opt.format")
)
@output_options
@click.option("--streng", "strict", is_flag=True, help=_h("help.opt.streng"))
@config_option
@language_option
@click.pass_context
def rapport(
    ctx,
    paths,
    recursive,
    report_date,
    month,
    upcoming,
    fmt,
    output,
    overwrite,
    strict,
    config_path,
    language,
):
    from .save import report_format

    config = load_settings(config_path, language)
    lang = config.language
    given = parse_date_option(report_date, "--dato", lang) or date.today()
    month_key = parse_month_option(month, lang, given)
    fmt = report_format(fmt, output, lang)  # `-o rapport.html` is HTML
    ahead = read_ahead(ctx, paths, config, recursive)

    from .compute.report import build_report, month_report_date
    from .formats import report as outputs

    today = month_report_date(*month_key, given) if month_key else given
    settings = config.but(report_date=today, upcoming_days=upcoming)
    outputs.check_target(fmt, output, overwrite, paths, lang)
    with bulk_work():
        result = read_inputs(paths, settings, recursive, ahead)
        if result.plans:
            report = build_report(result, settings, month=month_key)
            written = outputs.write_report(
                report,
                fmt,
                output,
                overwrite=overwrite,
                inputs=[*paths, *result.sources],
            )
            if written is None:
                click.echo(outputs.render_stdout(report, fmt), nl=False)
            else:
                click.echo(Translator(lang)("rapport.written", file=written), err=True)
    if result.plans:
        code = outcome.report_exit_code(
            overdue=len(report.overdue),
            errors=report.errors,
            unreadable=len(result.unreadable),
            strict=strict,
        )
    else:
        code = outcome.UNUSABLE
    report_unreadable(result, lang)
    ctx.exit(code)


@cli.command("årshjul", context_settings=CONTEXT, help=_h("help.arshjul"))
@inputs_argument
@click.option("--år", "--ar", "year", default=None, help=_h("help.opt.ar_hjul"))
@click.option(
    "--ring",
    type=click.Choice(["type", "kanal", "ansvarlig"]),
    default="type",
    help=_h("help.opt.ring"),
)
@output_options
@click.option("--png", is_flag=True, help=_h("help.opt.png"))
@click.option("--dato", "report_date", default=None, help=_h("help.opt.dato"))
@config_option
@language_option
@click.pass_context
def arshjul(
    ctx, paths, recursive, year, ring, output, overwrite, png, report_date, config_path, language
):
    from .compute.wheel import RING_CHOICES, build_year, parse_year
    from .formats.wheel import check_targets, wheel_targets, write_wheel
    from .formats.wheel_svg import summary_line

    config = load_settings(config_path, language)
    lang = config.language
    tr = Translator(lang)
    today = parse_date_option(report_date, "--dato", lang) or date.today()
    config = config.but(report_date=today)
    year = parse_year(year, tr) or today.year
    default = tr("wheel.default_output", year=year)
    targets = wheel_targets(output or Path(default), png, default=default, lang=lang)
    check_targets(targets, overwrite=overwrite, inputs=paths, lang=lang)
    result = read_inputs(paths, config, recursive)
    code = outcome.UNUSABLE
    if result.plans:
        wheel = build_year(result.plans, config, year=year, ring=RING_CHOICES[ring])
        written = write_wheel(
            wheel, targets, overwrite=overwrite, inputs=[*paths, *result.sources], settings=config
        )
        for file in written.files:
            click.echo(tr("mal.written", file=file))
        click.echo(summary_line(wheel, tr))
        code = outcome.report_exit_code(
            overdue=0, errors=0, unreadable=len(result.unreadable), strict=False
        )
        if written.png_problem:  # asked for and not made: the SVG is there instead
            click.echo(f"{t('error.prefix', 'nb')}: {written.png_problem}", err=True)
            code = outcome.UNUSABLE
    report_unreadable(result, lang)
    ctx.exit(code)


@cli.command("demo", context_settings=CONTEXT, help=_h("help.demo"))
@click.argument(
    "folder",
    required=False,
    type=click.Path(path_type=Path),  # write_demo refuses a file, in the user's language
    default=Path("aktplan-demo"),
    metavar=_h("cli.metavar.folder"),
)
@click.option("--dato", "report_date", default=None, help=_h("help.opt.dato"))
@click.option("--overskriv", "overwrite", is_flag=True, help=_h("help.opt.overskriv"))
@language_option
def demo(folder, report_date, overwrite, language):
    from .compute.report import build_report
    from .demo import write_demo
    from .formats.text import render_text
    from .read.reader import read_plans
    from .settings import Settings

    lang = language or "nb"
    tr = Translator(lang)
    today = parse_date_option(report_date, "--dato", lang) or date.today()
    files = write_demo(folder, today=today, overwrite=overwrite, language=lang)
    click.echo(tr("demo.written", folder=folder))
    for file in files:
        click.echo(f"  {file}")
    click.echo()
    settings = Settings(language=lang, report_date=today)
    result = read_plans(files, settings)
    report = build_report(result, settings)
    click.echo(render_text(report, color=sys.stdout.isatty()), nl=False)
    click.echo()
    click.echo(tr("demo.next"))
    for line in tr("demo.commands").format(folder=folder, month=f"{today:%Y-%m}").splitlines():
        click.echo(f"  {line}")


def main(argv: list[str] | None = None) -> None:
    """The `aktplan` entry point: every AktplanError becomes one `Feil:` line and exit 2."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    language = argv_language(args)
    localize_click(language)
    localize_help(language)
    try:
        code = cli.main(args=args, prog_name="aktplan", standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.exceptions.Abort:
        click.echo(f"{t('error.prefix', 'nb')}: {t('error.aborted', language)}", err=True)
        code = outcome.UNUSABLE
    except NO_ARGS_IS_HELP as exc:  # bare `aktplan` or `aktplan mal`: the help, as click 8.1 did
        click.echo(exc.format_message())
        code = 0
    except click.ClickException as exc:
        if debug:
            raise
        click.echo(f"{t('error.prefix', 'nb')}: {exc.format_message()}", err=True)
        code = outcome.UNUSABLE
    except AktplanError as exc:
        if debug:
            raise
        click.echo(f"{t('error.prefix', 'nb')}: {exc}", err=True)
        code = outcome.UNUSABLE
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:  # the last line of defence: never a traceback without --debug
        if debug:
            raise
        click.echo(f"{t('error.prefix', 'nb')}: {t('error.internal', 'nb', error=exc)}", err=True)
        code = outcome.UNUSABLE
    if language != H:  # an in-process caller (a test) gets the help language back
        localize_click(H)
        localize_help(H)
    sys.exit(code or 0)
