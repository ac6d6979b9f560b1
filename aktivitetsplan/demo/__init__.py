"""`aktplan demo`: realistic filled plans of a Norwegian B2B company, for a first run.

The plans themselves are data: `plans.toml` in this package (its header
describes the format). This module loads them, writes each with our own template
writer and fills it with openpyxl (`workbooks/fill.py`), the way a person would:
some dates typed as text, some amounts as `12 500 kr`, status synonyms, a blank row. Dates are days
relative to the report date, so the demo always has late tasks and a budget about
half burnt. The plans use the planning method (hypotheses and decisions on the
experiments, the digital tail, readiness), and the department's årshjul for the
report date's year carries the goal they roll up to, so the report opens with it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from ..errors import OutputError
from ..i18n.fmt import Formatter
from ..plan.schema import CAMPAIGN_BY_KEY, CAMPAIGN_FIELDS, COLUMN_BY_KEY, GOAL_BY_KEY
from ..save import atomic_output
from ..settings import Settings
from ..workbooks.fill import Row, write_filled_plan, write_filled_wheel

DATA_FILE = "plans.toml"
MESSY = "messy"  # the one row key that is not a column: type this row's values as text
BLANK_ROW_BEFORE = 6  # a blank row before the sixth activity, as people leave them


@dataclass(frozen=True)
class DemoPlan:
    """One workbook: campaign fields by key, rows by column key (dates as day offsets)."""

    file: str
    campaign: dict[str, object]
    rows: tuple[dict[str, object], ...]


@dataclass(frozen=True)
class DemoGoal:
    """The department's årshjul: its file and the goal on its `Mål` sheet, by goal field
    key (dates as day offsets)."""

    file: str
    values: dict[str, object]


@dataclass(frozen=True)
class DemoData:
    people: tuple[str, ...]
    plans: tuple[DemoPlan, ...]
    goal: DemoGoal | None = None


def _check_keys(where: str, values: dict, known: dict, extra: tuple[str, ...] = ()) -> None:
    for key, value in values.items():
        if key in extra:
            continue
        if key not in known:
            raise ValueError(f"{DATA_FILE}: {where}: unknown key {key!r}")
        if known[key].kind == "date" and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError(f"{DATA_FILE}: {where}: {key} must be a day offset, not {value!r}")


def parse_demo(data: dict) -> DemoData:
    """The demo data from a parsed TOML document; a key that names no field is an error."""
    plans = []
    for plan in data["plans"]:
        campaign, rows = plan["campaign"], tuple(plan["rows"])
        _check_keys(plan["file"], campaign, CAMPAIGN_BY_KEY)
        for number, row in enumerate(rows, start=1):
            _check_keys(f"{plan['file']} row {number}", row, COLUMN_BY_KEY, (MESSY,))
        plans.append(DemoPlan(plan["file"], campaign, rows))
    goal = None
    if "goal" in data:
        values = dict(data["goal"])
        file = values.pop("file")
        _check_keys("goal", values, GOAL_BY_KEY)
        goal = DemoGoal(file, values)
    return DemoData(tuple(data["people"]), tuple(plans), goal)


def load_demo() -> DemoData:
    """The demo plans shipped with the package."""
    text = resources.files(__package__).joinpath(DATA_FILE).read_text(encoding="utf-8")
    return parse_demo(tomllib.loads(text))


def _messy_date(day: date) -> str:
    return Formatter("nb").long_date(day)  # `13. oktober 2026`, as people type it


def _messy_amount(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ") + " kr"


def plan_values(plan: DemoPlan, today: date) -> tuple[dict[str, object], list[Row]]:
    """The campaign fields and rows to type in: offsets made dates, messy rows as text.

    IDs are numbered here; a blank row is left before the sixth activity.
    """
    campaign = dict(plan.campaign)
    for field in CAMPAIGN_FIELDS:
        if field.kind == "date" and campaign.get(field.key) is not None:
            campaign[field.key] = today + timedelta(days=campaign[field.key])
    rows: list[Row] = []
    for number, activity in enumerate(plan.rows, start=1):
        if number == BLANK_ROW_BEFORE:
            rows.append(None)
        values: dict[str, object] = {"id": f"A{number:02d}"}
        for key, value in activity.items():
            if key == MESSY or value in ("", None):
                continue
            if COLUMN_BY_KEY[key].kind == "date":
                value = today + timedelta(days=value)
            values[key] = value
        if activity.get(MESSY):
            if "deadline" in values:
                values["deadline"] = _messy_date(values["deadline"])
            if "start" in values:
                values["start"] = values["start"].strftime("%d.%m.%Y")
            if values.get("budget"):
                values["budget"] = _messy_amount(values["budget"])
        rows.append(values)
    return campaign, rows


def goal_values(goal: DemoGoal, today: date) -> dict[str, object]:
    """The goal's fields to type in: offsets made dates."""
    values = dict(goal.values)
    for key, value in goal.values.items():
        if GOAL_BY_KEY[key].kind == "date":
            values[key] = today + timedelta(days=value)
    return values


def write_demo(folder: Path, settings: Settings, *, overwrite: bool = False) -> list[Path]:
    """Write the demo plans, and the department's årshjul with the goal, into `folder`;
    refuse to mix with existing files unless `overwrite`.

    `settings` gives the language (of the templates and the messages) and the report
    date (`settings.today()`) the day offsets count from. The plans are the demo's own,
    not the user's: only the language is taken over, so a configured currency or channel
    list does not change the demo.
    """
    folder = Path(folder)
    tr, today = settings.tr, settings.today()
    if folder.exists() and not folder.is_dir():
        raise OutputError(tr("demo.not_folder", folder=folder))
    demo = load_demo()
    targets = [folder / plan.file for plan in demo.plans]
    wheel = folder / demo.goal.file if demo.goal is not None else None
    # All or nothing: a second run stops before it writes any plan, not after the first.
    existing = [target for target in (*targets, wheel) if target and target.exists()]
    if existing and not overwrite:
        raise OutputError(tr("demo.exists", folder=folder, file=existing[0].name))
    folder.mkdir(parents=True, exist_ok=True)
    template = Settings(language=settings.language, people=demo.people)
    written = []
    for plan, target in zip(demo.plans, targets, strict=True):
        with atomic_output(target, settings, overwrite=overwrite) as temp:
            write_filled_plan(temp, template, *plan_values(plan, today))
        written.append(target)
    if demo.goal is not None and wheel is not None:  # the year's årshjul, with the goal
        with atomic_output(wheel, settings, overwrite=overwrite) as temp:
            write_filled_wheel(temp, template, today.year, goal_values(demo.goal, today))
        written.append(wheel)
    return written
