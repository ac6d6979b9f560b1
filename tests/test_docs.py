"""The README keeps its promises: the two commands, the CI command, every command shown."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

import click
import pytest

from aktivitetsplan.cli import cli
from aktivitetsplan.settings import parse_config

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def code_blocks() -> list[str]:
    return re.findall(r"```(?:sh|text|toml)?\n(.*?)```", README, flags=re.S)


def test_readme_opens_with_the_run_and_test_commands():
    run, test = (block.strip() for block in code_blocks()[:2])
    assert run == "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/aktplan demo"
    assert "pytest" in test and "\n" not in test
    assert README.index(run) < README.index("## Hva den gjør")


def test_ci_runs_exactly_the_readme_test_command():
    test = code_blocks()[1].strip()
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test in lines
    assert lines[-1] == test


def walk(group: click.Group, prefix: str = "aktplan"):
    for name, command in group.commands.items():
        yield f"{prefix} {name}", command
        if isinstance(command, click.Group):
            yield from walk(command, f"{prefix} {name}")


def test_every_command_is_shown_in_the_readme():
    for name, _command in walk(cli):
        assert f"`{name}" in README or f"$ {name}" in README, name


def test_readme_pictures_exist():
    for picture in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (ROOT / picture).is_file(), picture


# --- docs/: every TOML example is a valid aktplan.toml, every link leads somewhere -----

DOCS = sorted((ROOT / "docs").glob("*.md"))


def toml_examples() -> list[tuple[str, str]]:
    return [
        (path.name, block)
        for path in [ROOT / "README.md", *DOCS]
        for block in re.findall(r"```toml\n(.*?)```", path.read_text(encoding="utf-8"), re.S)
    ]


def test_docs_have_toml_examples():
    assert {name for name, _ in toml_examples()} >= {"README.md", "metode.md"}


@pytest.mark.parametrize("name, block", toml_examples())
def test_every_toml_example_is_a_valid_config(name: str, block: str):
    """Copied into aktplan.toml, an example works: no unknown key, no bad value."""
    parse_config(tomllib.loads(block), name)


def test_goal_examples_set_the_goal_they_say():
    goals = [
        parse_config(tomllib.loads(block), name).goal
        for name, block in toml_examples()
        if name == "metode.md"
    ]
    assert [(g.kpi, g.target, g.start, g.end, g.aliases) for g in goals] == [
        ("Leads", 400.0, date(2026, 1, 1), date(2026, 12, 31), ("Henvendelser", "MQL")),
        ("Påmeldinger", 300.0, date(2026, 8, 15), date(2026, 12, 31), ()),
    ]


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation out, spaces to `-`."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return {slug(h) for h in re.findall(r"^#+ (.+)$", text, flags=re.M)}


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_link_in_docs_leads_somewhere(doc: Path):
    text = re.sub(r"```.*?```", "", doc.read_text(encoding="utf-8"), flags=re.S)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        file, _, anchor = target.partition("#")
        path = (doc.parent / file).resolve() if file else doc
        assert path.is_file(), f"{doc.name}: {target}"
        if anchor and path.suffix == ".md":
            assert anchor in anchors(path), f"{doc.name}: {target}"
