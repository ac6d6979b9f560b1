"""The README keeps its promises: the two commands, the CI command, every command shown."""

from __future__ import annotations

import re
from pathlib import Path

import click

from aktivitetsplan.cli import cli

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
