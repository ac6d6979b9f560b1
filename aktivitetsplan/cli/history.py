"""The history's own commands: `aktplan endringer` and `aktplan historikk`.

`aktplan rapport` saves the snapshots (commands.py); these two look at them. Neither
saves anything: `endringer` opens the history read-only, and `historikk --slett DATO`
is the one way anything leaves it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import outcome
from .base import LocalArgument
from .commands import cli
from .options import (
    FORMATS,
    FormatChoice,
    bulk_work,
    command_settings,
    config_option,
    history_file_option,
    inputs_argument,
    language_option,
    open_inputs,
    option,
    output_options,
    parse_date_option,
    read_inputs,
    report_unreadable,
    snapshot_count,
)


@cli.command("endringer", help_key="help.endringer")
@inputs_argument
@option("--fra", "since", default=None, help_key="help.opt.fra", metavar_key="cli.metavar.date")
@option("--til", "until", default=None, help_key="help.opt.til", metavar_key="cli.metavar.date")
@option("--format", "fmt", type=FormatChoice(FORMATS), default=None, help_key="help.opt.format")
@output_options
@history_file_option
@config_option
@language_option
@click.pass_context
def endringer(
    ctx, paths, recursive, since, until, fmt, output, overwrite, history, config_path, language
):
    """Only the «Siden forrige rapport» section, for a quick look or a Teams message."""
    from .. import save

    settings = command_settings(config_path, language, dated=True, history=history)
    tr = settings.tr
    since_day = parse_date_option(since, "--fra", tr)
    until_day = parse_date_option(until, "--til", tr)
    fmt = save.report_format(fmt, output, settings)
    save.check_report_target(fmt, output, settings, overwrite=overwrite, inputs=paths)
    inputs = open_inputs(ctx, paths, settings, recursive)

    from ..formats.changes import render_changes
    from ..memory import Memory

    with bulk_work():
        result = read_inputs(inputs, settings)
        if result.plans:
            with Memory.open(settings, paths, write=False) as memory:
                report = memory.changes(result, settings, since=since_day, until=until_day)
            sources = [*paths, *result.sources]
            if output is None:
                color = fmt == "tekst" and sys.stdout.isatty()
                click.echo(render_changes(report, fmt, color=color), nl=False)
            else:
                if fmt == "xlsx":
                    from ..workbooks.report_changes import write_changes_xlsx

                    with save.atomic_output(
                        output, settings, overwrite=overwrite, inputs=sources
                    ) as temp:
                        write_changes_xlsx(report, temp)
                else:
                    text = render_changes(report, fmt)
                    save.write_file(output, text, settings, overwrite=overwrite, inputs=sources)
                click.echo(tr("rapport.written", file=output), err=True)
    report_unreadable(result, settings)
    ctx.exit(outcome.UNUSABLE if result.unreadable or not result.plans else outcome.OK)


@cli.command("historikk", help_key="help.historikk")
@click.argument(
    "folder",
    required=False,
    type=click.Path(path_type=Path),
    default=Path("."),
    cls=LocalArgument,
    metavar_key="cli.metavar.folder",
)
@history_file_option
@option(
    "--slett", "delete", default=None, help_key="help.opt.slett", metavar_key="cli.metavar.date"
)
@config_option
@language_option
def historikk(folder, history, delete, config_path, language):
    """The snapshots held, one line each, newest last; `--slett DATO` deletes that day's."""
    from ..history.store import Store, history_path

    settings = command_settings(config_path, language, history=history)
    tr, fmt = settings.tr, settings.fmt
    day = parse_date_option(delete, "--slett", tr)
    path = history_path(settings, [folder])
    assert path is not None  # the history is never off here
    if not path.exists():
        click.echo(tr("history.missing", file=path))
        return
    if day is not None:
        with Store.open(path, settings, create=False) as store:
            deleted = store.delete(day)
        if deleted:
            count = snapshot_count(deleted, tr)
            click.echo(tr("history.deleted", count=count, date=fmt.date(day), file=path))
        else:
            click.echo(tr("history.deleted_none", date=fmt.date(day), file=path))
        return
    with Store.open(path, settings, create=False, read_only=True) as store:
        infos = store.snapshots()
    if not infos:
        click.echo(tr("history.empty", file=path))
        return
    click.echo(tr("history.title", file=path, count=snapshot_count(len(infos), tr)))
    several = len({info.plan_set for info in infos}) > 1  # then each line says which plans
    for info in sorted(infos, key=lambda info: (info.day, info.saved_at)):
        figures = info.figures
        budget = figures.get("budget") if isinstance(figures.get("budget"), dict) else {}
        line = tr(
            "history.line",
            date=fmt.date(info.day),
            plans=info.plans,
            activities=fmt.number(info.activities),
            distributed=fmt.number(figures.get("distributed")),
            overdue=fmt.number(figures.get("overdue")),
            burn=fmt.pct(budget.get("burn_pct")),
        )
        if several:
            line = tr("history.line_files", line=line, files=", ".join(info.files))
        click.echo(f"  {line}")


__all__ = ["endringer", "historikk"]
