"""`aktplan nytt-år`: next year's plans from this year's.

The rules (which dates, which rows, which values) are `compute/next_year.py`'s; the
new plan is a fresh template filled in (`workbooks/fill.py`), written through
`save.py`. This module decides where each new plan goes (a file gives a file, a folder
or several plans give a folder with the same file names), refuses a bad target before
anything is written, and prints a summary per plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import outcome
from ..errors import OutputError
from .commands import cli
from .options import (
    bulk_work,
    command_settings,
    config_option,
    inputs_argument,
    language_option,
    open_inputs,
    output_option,
    overwrite_option,
    read_inputs,
    report_unreadable,
    year_option,
)

if TYPE_CHECKING:  # the library loads inside the command: `aktplan --help` stays light
    from ..compute.next_year import NextYear, Where
    from ..settings import Settings


@cli.command("nytt-år", help_key="help.nytt_ar")
@inputs_argument
@year_option("help.opt.ar_nytt")
@output_option("help.opt.output_nytt", "cli.metavar.file_or_folder", required=True)
@overwrite_option
@config_option
@language_option
@click.pass_context
def nytt_ar(ctx, paths, recursive, year, output, overwrite, config_path, language):
    """Read the plans, make next year's of each, write them all or none, say what moved."""
    from .. import save
    from ..compute.next_year import next_year
    from ..compute.wheel import parse_year
    from ..workbooks.fill import write_filled_plan

    settings = command_settings(config_path, language, dated=True)
    tr = settings.tr
    chosen = parse_year(year, tr)
    folder = bool(output.is_dir() or len(paths) > 1 or any(Path(p).is_dir() for p in paths))
    if folder and (output.exists() or output.suffix.lower() == ".xlsx") and not output.is_dir():
        raise OutputError(tr("nytt.needs_folder", output=output))
    if not folder:
        save.check_suffix(output, (".xlsx",), settings)
        save.check_output(output, settings, overwrite=overwrite, inputs=paths)
    inputs = open_inputs(ctx, paths, settings, recursive)
    with bulk_work():
        result = read_inputs(inputs, settings)
    for plan in result.plans:  # next year's goal is set anew, on next year's årshjul
        if plan.holds_only_goal:
            period = plan.goal.start or plan.goal.end or settings.today()
            click.echo(tr("nytt.goal_only", file=plan.file, year=chosen or period.year + 1))
    kept = [plan for plan in result.plans if not plan.holds_only_goal]
    if kept:
        plans = [next_year(p, settings.language, settings.today(), chosen) for p in kept]
        targets = plan_targets(plans, paths, output, folder, tr)
        sources = [*paths, *result.sources]
        for target in targets:  # every target is checked before the first is written
            target.parent.mkdir(parents=True, exist_ok=True)
            save.check_output(target, settings, overwrite=overwrite, inputs=sources)
        for plan, target in zip(plans, targets, strict=True):
            template = template_settings(settings, plan)
            save.write_workbook(
                target,
                lambda temp, plan=plan, template=template: write_filled_plan(
                    temp, template, plan.campaign, plan.rows
                ),
                settings,
                overwrite=overwrite,
                inputs=sources,
            )
            for line in summary_lines(plan, target, settings):
                click.echo(line)
        click.echo(tr("nytt.next", output=output))
    report_unreadable(result, settings)
    ctx.exit(outcome.UNUSABLE if result.unreadable or not result.plans else outcome.OK)


def plan_targets(
    plans: Sequence[NextYear], paths: Sequence[Path], output: Path, folder: bool, tr
) -> list[Path]:
    """Where each new plan is written: `output` itself, or the plan's file name (its path
    below the folder given) inside `output`, as `.xlsx`; a file holding several plans
    gives one file per plan sheet. Two plans aimed at one file are refused."""
    if not folder:
        if len(plans) > 1:
            raise OutputError(tr("nytt.several_plans", file=plans[0].file, count=len(plans)))
        return [output]
    per_file: dict[str, int] = {}
    for plan in plans:
        per_file[plan.file] = per_file.get(plan.file, 0) + 1
    targets: list[Path] = []
    taken: dict[Path, str] = {}
    for plan in plans:
        relative = _relative(Path(plan.file), paths)
        if per_file[plan.file] > 1:
            relative = relative.with_name(f"{relative.stem}-{plan.sheet}")
        target = output / relative.with_suffix(".xlsx")
        if target in taken:
            first = taken[target]
            raise OutputError(tr("nytt.same_name", output=target, first=first, second=plan.file))
        taken[target] = plan.file
        targets.append(target)
    return targets


def _relative(file: Path, paths: Sequence[Path]) -> Path:
    """The plan's path below the folder it was found in, else its file name."""
    for given in paths:
        given = Path(given)
        if given.is_dir() and file.is_relative_to(given):
            return file.relative_to(given)
    return Path(file.name)


def template_settings(settings: Settings, plan: NextYear) -> Settings:
    """The settings the new template is written with: the plan's people and channels
    join the dropdowns, so the carried-over names are offered there too."""
    names = [plan.campaign.get("owner")]
    names += [row.get(key) for row in plan.rows for key in ("responsible", "executor")]
    people = [*settings.people, *(n for n in names if isinstance(n, str) and n.strip())]
    channels = [*settings.channel_list(), *(r.get("channel") for r in plan.rows)]
    return settings.but(
        people=tuple(dict.fromkeys(people)),
        channels=tuple(dict.fromkeys(c for c in channels if isinstance(c, str) and c.strip())),
    )


def summary_lines(plan: NextYear, target: Path, settings: Settings) -> list[str]:
    """The plan's summary: one line of counts, then each date moved off a holiday or out
    of week 53, and each activity left out."""
    tr, fmt = settings.tr, settings.fmt
    lines = [
        tr(
            "nytt.written",
            output=target,
            year=plan.year,
            file=plan.file,
            activities=len(plan.rows),
            holidays=len(plan.holidays),
            left_out=len(plan.left_out),
        )
    ]
    for note in plan.holidays:
        moved = note.moved
        lines.append(
            tr(
                "nytt.holiday",
                what=_what(note.where, settings),
                day=fmt.date(moved.holiday_day),
                holiday=moved.holiday,
                new=fmt.date(moved.new),
            )
        )
    for note in plan.week53:
        lines.append(
            tr(
                "nytt.week53",
                year=plan.year,
                what=_what(note.where, settings),
                old=fmt.date(note.moved.old),
                new=fmt.date(note.moved.new),
            )
        )
    for where in plan.left_out:
        lines.append(tr("nytt.left_out", what=_label(where, settings), row=where.row))
    return lines


def _label(where: Where, settings: Settings) -> str:
    """`A05 Messe`: the activity's ID and name, or its row."""
    label = " ".join(part for part in (where.id, where.activity) if part)
    return label or settings.tr("nytt.what.row", row=where.row)


def _what(where: Where, settings: Settings) -> str:
    """Which date: `kampanjens Slutt`, or `A03 Lansering (Frist, rad 16)`."""
    from ..plan.schema import CAMPAIGN_BY_KEY, COLUMN_BY_KEY

    tr, lang = settings.tr, settings.language
    if where.row == 0:
        return tr("nytt.what.campaign", field=CAMPAIGN_BY_KEY[where.key].label(lang))
    field = COLUMN_BY_KEY[where.key].header(lang)
    return tr("nytt.what.activity", activity=_label(where, settings), field=field, row=where.row)


__all__ = ["nytt_ar"]
