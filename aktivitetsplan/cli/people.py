"""`aktplan oppgaver`: each person's open tasks across the plans, or their calendars.

Without `-o` the list is printed; `-o FIL` with an ending writes one file in the
format the ending says; `-o MAPPE` (an existing folder, or a name without an ending)
writes one file per person, named from the person's name, ready to send.
"""

from __future__ import annotations

import click

from .. import outcome
from .commands import cli
from .options import (
    FormatChoice,
    bulk_work,
    command_settings,
    config_option,
    date_option,
    inputs_argument,
    language_option,
    open_inputs,
    option,
    output_option,
    overwrite_option,
    read_inputs,
    report_unreadable,
)

# `--format text` is taken for `tekst` (FormatChoice), as `aktplan rapport` takes it.
PEOPLE_FORMATS = ("tekst", "json", "html", "markdown", "ics")


@cli.command("oppgaver", help_key="help.oppgaver")
@inputs_argument
@option("--person", default=None, help_key="help.opt.person", metavar_key="cli.metavar.name")
@option(
    "--format",
    "fmt",
    type=FormatChoice(PEOPLE_FORMATS),
    default=None,
    help_key="help.opt.format_oppgaver",
)
@output_option("help.opt.output_oppgaver")
@overwrite_option
@option("--spenn", "--span", "span", is_flag=True, help_key="help.opt.spenn")
@date_option
@config_option
@language_option
@click.pass_context
def oppgaver(
    ctx, paths, recursive, person, fmt, output, overwrite, span, report_date, config_path, language
):
    """The lists (or calendars) of everyone with open tasks, or of the one `--person`."""
    from .. import save

    settings = command_settings(config_path, language, report_date=report_date, dated=True)
    tr = settings.tr
    folder = output is not None and save.is_folder_target(output)
    fmt = save.people_format(fmt, None if folder else output, settings)
    if output is not None and not folder:
        save.check_output(output, settings, overwrite=overwrite, inputs=paths)
    inputs = open_inputs(ctx, paths, settings, recursive)

    from ..compute.people import build_people, find_person
    from ..formats.people import render_people
    from ..view.people import file_stems

    with bulk_work():
        result = read_inputs(inputs, settings)
    if result.plans:
        people = build_people(result.plans, settings)
        chosen = [find_person(people, person, settings)] if person else people.with_tasks()
        sources = [*paths, *result.sources]
        if output is None:
            rendered = render_people(people, chosen, fmt, settings, span=span)
            text = rendered.decode("utf-8") if isinstance(rendered, bytes) else rendered
            click.echo(text, nl=False)
        else:
            if folder:
                stems = file_stems(one.person for one in chosen)
                ending = save.PEOPLE_ENDINGS[fmt]
                files = {
                    output / f"{stems[one.person]}{ending}": render_people(
                        people, [one], fmt, settings, span=span
                    )
                    for one in chosen
                }
            else:
                files = {output: render_people(people, chosen, fmt, settings, span=span)}
            for path in save.write_files(files, settings, overwrite=overwrite, inputs=sources):
                click.echo(tr("people.written", file=path), err=True)
    report_unreadable(result, settings)
    ctx.exit(outcome.UNUSABLE if result.unreadable or not result.plans else outcome.OK)


__all__ = ["oppgaver"]
