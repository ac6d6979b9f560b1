"""The commands: parse the options, call the library, print, exit. No business rules here.

Each command builds its one settings object (`command_settings`) and passes it down.
Heavy libraries (pandas, calamine, xlsxwriter, jinja2) are imported inside the
commands, so `aktplan --help` stays fast and does not import pandas.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from .. import __version__, outcome
from ..i18n import t
from .base import AppGroup, LocalArgument
from .language import click_text
from .options import (
    FORMATS,
    FormatChoice,
    bulk_work,
    command_settings,
    config_option,
    date_option,
    history_options,
    inputs_argument,
    language_option,
    open_inputs,
    option,
    output_options,
    overwrite_option,
    parse_amount_option,
    parse_date_option,
    parse_month_option,
    read_inputs,
    report_history,
    report_unreadable,
    year_option,
)


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        message = click_text("%(prog)s, version %(version)s")
        click.echo(message % {"prog": "aktplan", "version": __version__})
        ctx.exit()


@click.group("aktplan", cls=AppGroup, help_key="help.main")
@option(
    "-V",
    "--version",
    help_key="help.version",
    is_flag=True,
    is_eager=True,
    expose_value=False,
    callback=_show_version,
)
@option("--debug", is_flag=True, help_key="help.debug")
@language_option
def cli(debug: bool, language: str | None) -> None:
    """`--debug` and `--språk` are read by the commands from the root context."""


@cli.group("mal", help_key="help.mal")
def mal() -> None:
    """The templates: `aktplan mal aktivitetsplan`, `aktplan mal årshjul`."""


@mal.command("aktivitetsplan", help_key="help.mal.aktivitetsplan")
@output_options
@option("--kampanje", default=None, help_key="help.opt.kampanje", metavar_key="cli.metavar.name")
@option("--start", "start", default=None, help_key="help.opt.start", metavar_key="cli.metavar.date")
@option("--slutt", "end", default=None, help_key="help.opt.slutt", metavar_key="cli.metavar.date")
@option(
    "--budsjett",
    "budget",
    default=None,
    help_key="help.opt.budsjett",
    metavar_key="cli.metavar.amount",
)
@config_option
@language_option
def mal_aktivitetsplan(output, overwrite, kampanje, start, end, budget, config_path, language):
    from ..save import write_workbook
    from ..workbooks.plan_template import CampaignPrefill, write_plan_template

    settings = command_settings(config_path, language)
    tr = settings.tr
    prefill = CampaignPrefill(
        campaign=kampanje,
        start=parse_date_option(start, "--start", tr),
        end=parse_date_option(end, "--slutt", tr),
        budget=parse_amount_option(budget, "--budsjett", tr),
    )
    output = output or Path(tr("mal.default_output"))
    write_workbook(
        output,
        lambda temp: write_plan_template(temp, settings, prefill),
        settings,
        overwrite=overwrite,
    )
    click.echo(tr("mal.written", file=output))
    click.echo(tr("mal.next", file=output))


@mal.command("årshjul", help_key="help.mal.arshjul")
@output_options
@year_option("help.opt.ar")
@config_option
@language_option
def mal_arshjul(output, overwrite, year, config_path, language):
    from ..compute.wheel import default_template_year, parse_year
    from ..save import write_workbook
    from ..workbooks.wheel_template import write_wheel_template

    settings = command_settings(config_path, language)
    tr = settings.tr
    year = parse_year(year, tr) or default_template_year(settings.today())
    output = output or Path(tr("wheel.default_template", year=year))
    write_workbook(
        output,
        lambda temp: write_wheel_template(temp, settings, year),
        settings,
        overwrite=overwrite,
    )
    click.echo(tr("mal.written", file=output))
    click.echo(tr("wheel.mal_next", file=output))


@cli.command("sjekk", help_key="help.sjekk")
@inputs_argument
@config_option
@language_option
@click.pass_context
def sjekk(ctx, paths, recursive, config_path, language):
    from ..view.check import check_lines, check_summary

    settings = command_settings(config_path, language)
    inputs = open_inputs(ctx, paths, settings, recursive)
    with bulk_work():
        result = read_inputs(inputs, settings)
    for line in check_lines(result, settings.tr):
        click.echo(line)
    if result.plans:
        click.echo(check_summary(result, settings.tr))
    report_unreadable(result, settings)
    errors = sum(1 for issue in result.issues if issue.severity == "error")
    ctx.exit(outcome.check_exit_code(errors, len(result.unreadable), len(result.plans)))


@cli.command("rapport", help_key="help.rapport")
@inputs_argument
@date_option
@option(
    "--måned",
    "--maned",
    "month",
    default=None,
    help_key="help.opt.maned",
    metavar_key="cli.metavar.month",
)
@option(
    "--kommende",
    "upcoming",
    type=click.IntRange(0, 3650),
    default=None,
    help_key="help.opt.kommende",
    metavar_key="cli.metavar.days",
)
@option("--format", "fmt", type=FormatChoice(FORMATS), default=None, help_key="help.opt.format")
@output_options
@option("--streng", "strict", is_flag=True, help_key="help.opt.streng")
@history_options
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
    history,
    no_history,
    compare,
    config_path,
    language,
):
    """The report, with what changed since the last one; its snapshot is saved after it
    is printed or written (never for a month report, which is no picture of today)."""
    from .. import save

    settings = command_settings(
        config_path,
        language,
        report_date=report_date,
        dated=True,
        upcoming_days=upcoming,
        history=history,
        use_history=not no_history,
    )
    month_key = parse_month_option(month, settings)
    compare_day = parse_date_option(compare, "--sammenlign", settings.tr)
    fmt = save.report_format(fmt, output, settings)  # `-o rapport.html` is HTML
    save.check_report_target(fmt, output, settings, overwrite=overwrite, inputs=paths)
    inputs = open_inputs(ctx, paths, settings, recursive)  # before pandas loads

    from ..compute.report import month_report_date
    from ..formats.report import PARTS, render
    from ..memory import Memory

    run_day = settings.today()
    if month_key:  # a monthly report is made on the month's last day (at the latest)
        settings = settings.but(report_date=month_report_date(*month_key, run_day))
    saved, problem = None, None
    with bulk_work():
        result = read_inputs(inputs, settings)
        if result.plans:
            with Memory.open(settings, paths, write=month_key is None) as memory:
                report = memory.report(
                    result,
                    settings,
                    month=month_key,
                    parts=PARTS[fmt],
                    compare=compare_day,
                    run_day=run_day,
                )
                written = save.write_report(
                    report, fmt, output, overwrite=overwrite, inputs=[*paths, *result.sources]
                )
                if written is None:
                    color = fmt == "tekst" and sys.stdout.isatty()
                    click.echo(render(report, fmt, color=color), nl=False)
                else:
                    click.echo(settings.tr("rapport.written", file=written), err=True)
                if month_key is None:
                    saved = memory.remember(result, report)
                problem = memory.problem
    code = outcome.UNUSABLE
    if result.plans:
        code = outcome.report_exit_code(
            overdue=len(report.overdue),
            errors=report.errors,
            unreadable=len(result.unreadable),
            strict=strict,
        )
        if report_history(saved, problem, settings):
            code = outcome.UNUSABLE
    report_unreadable(result, settings)
    ctx.exit(code)


@cli.command("årshjul", help_key="help.arshjul")
@inputs_argument
@year_option("help.opt.ar_hjul")
@option(
    "--ring",
    type=click.Choice(["type", "kanal", "ansvarlig"]),
    default="type",
    help_key="help.opt.ring",
)
@output_options
@option("--png", is_flag=True, help_key="help.opt.png")
@option(
    "--papir",
    "paper",
    type=click.Choice(["A4", "A3"], case_sensitive=False),
    default="A4",
    metavar="[A4|A3]",  # click shows a case-insensitive choice in lower case
    help_key="help.opt.papir",
)
@option("--spenn", "--span", "span", is_flag=True, help_key="help.opt.spenn")
@option(
    "--format",
    "wheel_format",
    type=click.Choice(["ics", "pdf"]),
    default=None,
    help_key="help.opt.format_hjul",
)
@date_option
@config_option
@language_option
@click.pass_context
def arshjul(
    ctx,
    paths,
    recursive,
    year,
    ring,
    output,
    overwrite,
    png,
    paper,
    span,
    wheel_format,
    report_date,
    config_path,
    language,
):
    """The year's wheel (xlsx and svg, or `-o UT.pdf`), or its calendar (`-o UT.ics`);
    `--format ics|pdf` says the same as that ending."""
    from .. import save
    from ..compute.wheel import RING_CHOICES, build_year, parse_year
    from ..formats.wheel_svg import summary_line

    settings = command_settings(config_path, language, report_date=report_date, dated=True)
    tr = settings.tr
    year = parse_year(year, tr) or settings.today().year
    default = tr("wheel.default_output", year=year)
    base = output or Path(default)
    if wheel_format:
        base = save.with_format(base, wheel_format, settings, default=default)
    targets = save.wheel_targets(base, settings, png=png, default=default)
    save.check_targets(targets, settings, overwrite=overwrite, inputs=paths)
    inputs = open_inputs(ctx, paths, settings, recursive)
    with bulk_work():
        result = read_inputs(inputs, settings)
    code = outcome.UNUSABLE
    calendar = targets.pop("ics", None)
    if result.plans and calendar is not None:
        from ..compute.people import year_tasks
        from ..formats.people import render_year_calendar

        data = render_year_calendar(year_tasks(result.plans, year, settings), year, settings, span)
        sources = [*paths, *result.sources]
        save.write_file(calendar, data, settings, overwrite=overwrite, inputs=sources)
        click.echo(tr("mal.written", file=calendar))
        code = outcome.report_exit_code(
            overdue=0, errors=0, unreadable=len(result.unreadable), strict=False
        )
    if result.plans and targets:
        wheel = build_year(result.plans, settings, year=year, ring=RING_CHOICES[ring])
        written = save.write_wheel(
            wheel,
            targets,
            settings,
            overwrite=overwrite,
            inputs=[*paths, *result.sources],
            paper=paper.upper(),
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
    report_unreadable(result, settings)
    ctx.exit(code)


@cli.command("demo", help_key="help.demo")
@click.argument(
    "folder",
    required=False,
    type=click.Path(path_type=Path),  # write_demo refuses a file, in the user's language
    default=Path("aktplan-demo"),
    cls=LocalArgument,
    metavar_key="cli.metavar.folder",
)
@date_option
@overwrite_option
@language_option
def demo(folder, report_date, overwrite, language):
    """The demo's plans are its own: it reads no `aktplan.toml` (and has no `--config`)."""
    from ..compute.report import build_report
    from ..demo import write_demo
    from ..formats.report import PARTS, render
    from ..read.reader import read_plans
    from ..settings import Settings

    plain = Settings(language=language or "nb")
    tr = plain.tr
    settings = plain.but(report_date=parse_date_option(report_date, "--dato", tr) or date.today())
    files = write_demo(folder, settings, overwrite=overwrite)
    click.echo(tr("demo.written", folder=folder))
    for file in files:
        click.echo(f"  {file}")
    click.echo()
    report = build_report(read_plans(files, settings), settings, parts=PARTS["tekst"])
    click.echo(render(report, "tekst", color=sys.stdout.isatty()), nl=False)
    click.echo()
    click.echo(tr("demo.next"))
    month = f"{settings.today():%Y-%m}"
    for line in tr("demo.commands").format(folder=folder, month=month).splitlines():
        click.echo(f"  {line}")
