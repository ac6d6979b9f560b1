"""Regenerate the blank workbooks in `maler/`: `python -m aktivitetsplan.build_maler`.

Each entry is (file name, writer function). The output is deterministic, so a
test can compare the committed files with what this module produces.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from .settings import Settings
from .workbooks.plan_template import write_plan_template
from .workbooks.wheel_template import write_wheel_template

MALER = Path(__file__).resolve().parent.parent / "maler"
WHEEL_YEAR = 2027  # a fixed year keeps maler/arshjul*.xlsx deterministic


def _plan(language: str) -> Callable[[Path], None]:
    return lambda path: write_plan_template(path, Settings(language=language))


def _wheel(language: str) -> Callable[[Path], None]:
    return lambda path: write_wheel_template(path, Settings(language=language), WHEEL_YEAR)


def entries() -> list[tuple[str, Callable[[Path], None]]]:
    """Every blank workbook in maler/, with the function that writes it."""
    return [
        ("aktivitetsplan.xlsx", _plan("nb")),
        ("aktivitetsplan-en.xlsx", _plan("en")),
        ("arshjul.xlsx", _wheel("nb")),
        ("arshjul-en.xlsx", _wheel("en")),
    ]


def build(folder: Path = MALER) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, write in entries():
        write(folder / name)
        written.append(folder / name)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else MALER
    for path in build(target):
        print(path)
