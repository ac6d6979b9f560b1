"""The per-person task lists as text, JSON, HTML, Markdown or an iCalendar file.

Every word comes from `view/people.py`; this module lays the sections out. HTML is
rendered with jinja2's autoescape and Markdown through `markdown.escape`, so a name
or an activity in a plan (`<script>`, `|`) stays text.
"""

from __future__ import annotations

import json
from dataclasses import replace

from ..compute.people import CalendarTask, PeopleList, PersonTasks
from ..settings import Settings
from ..view.people import CalendarView, PeopleView
from .html import page_context
from .ics import render_ics
from .markdown import escape, escape_line, row
from .templating import get_template

PEOPLE_FORMATS = ("tekst", "json", "html", "markdown", "ics")


def _text(view: PeopleView, people: list[PersonTasks]) -> str:
    out: list[str] = []
    for section in view.sections(people):
        if out:
            out.append("")
        out += [section.title, section.summary]
        if section.empty:
            out.append(f"  {section.empty}")
        for line in section.lines:
            mark = "!" if line.overdue else "-"
            out.append(f"  {mark} {line.activity} ({line.role})")
            out.append(f"    {line.campaign} · {line.phase} · {line.due}")
            out.append(f"    {line.where}")
    if not people:
        out.append(view.nobody)
    if view.unassigned:
        out += ["", view.unassigned]
    return "\n".join(out) + "\n"


def _html(view: PeopleView, people: list[PersonTasks]) -> str:
    template = get_template("people.html.j2", html=True)
    sections = view.sections(people)
    return template.render(v=view, tr=view.tr, sections=sections, **page_context())


def _markdown(view: PeopleView, people: list[PersonTasks]) -> str:
    template = get_template("people.md.j2", html=False)
    return template.render(
        v=view, sections=view.sections(people), md=escape, md_line=escape_line, row=row
    )


def render_people(
    people: PeopleList,
    chosen: list[PersonTasks],
    fmt: str,
    settings: Settings,
    *,
    span: bool = False,
) -> str | bytes:
    """The lists of the `chosen` people in `fmt` (text, or the bytes of an .ics file).

    One person's calendar is named after them (`Oppgaver – Kari Nordmann`); `span` makes
    each event run Start–Frist instead of lying on the deadline alone.
    """
    view = PeopleView(people, settings)
    if fmt == "json":
        document = replace(people, people=chosen).to_json()
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        return _html(view, chosen)
    if fmt == "markdown":
        return _markdown(view, chosen)
    if fmt == "ics":
        tasks = [task for one in chosen for task in (*one.tasks, *one.cancelled)]
        name = view.calendar_name(person=chosen[0].person if len(chosen) == 1 else None)
        return render_ics(view.events(tasks, span=span), name)
    return _text(view, chosen)


def render_year_calendar(
    tasks: list[CalendarTask], year: int, settings: Settings, span: bool = False
) -> bytes:
    """The årshjul's calendar (`aktplan årshjul -o hjul.ics`): every dated activity of
    the year, cancelled ones marked cancelled."""
    view = CalendarView(settings)
    return render_ics(view.events(tasks, span=span), view.calendar_name(year=year))
