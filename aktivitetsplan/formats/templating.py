"""Load the jinja2 report templates from `templates/` (package `aktivitetsplan.templates`).

An installed package reads them with importlib.resources; a source tree where the
mapping is not installed falls back to the top-level `templates/` folder.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path

import jinja2

PACKAGE = "aktivitetsplan.templates"
SOURCE_FOLDER = Path(__file__).resolve().parents[2] / "templates"


def template_text(name: str) -> str:
    """The text of one template file, e.g. `report.html.j2`."""
    try:
        resource = resources.files(PACKAGE).joinpath(name)
        if resource.is_file():
            return resource.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        pass
    path = SOURCE_FOLDER / name
    if path.is_file():
        return path.read_text(encoding="utf-8")
    raise jinja2.TemplateNotFound(name)


def _load(name: str) -> tuple[str, None, Callable[[], bool]]:
    return template_text(name), None, lambda: True


@cache
def environment(*, html: bool) -> jinja2.Environment:
    """A jinja2 environment: autoescape on for HTML, off for Markdown (it escapes itself)."""
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_load),
        autoescape=html,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def get_template(name: str, *, html: bool) -> jinja2.Template:
    return environment(html=html).get_template(name)
