"""Task lists and calendars: `aktplan oppgaver`, one file or one per person."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path

from ..errors import OutputError
from ..settings import Settings
from .files import atomic_output, check_output
from .report import TEXT_SUFFIXES, report_format

# --- task lists and calendars: `aktplan oppgaver`, `aktplan årshjul -o hjul.ics` --------

PEOPLE_SUFFIXES = {**TEXT_SUFFIXES, ".ics": "ics"}
PEOPLE_ENDINGS = {
    "tekst": ".txt",
    "json": ".json",
    "html": ".html",
    "markdown": ".md",
    "ics": ".ics",
}


def people_format(fmt: str | None, output: Path | None, settings: Settings) -> str:
    """`aktplan oppgaver`'s format: `--format`, else what `-o FIL`'s ending says, else text."""
    return report_format(fmt, output, settings, suffixes=PEOPLE_SUFFIXES, endings=PEOPLE_ENDINGS)


def is_folder_target(output: Path) -> bool:
    """`-o MAPPE`: an existing folder, or a path without an ending (made when written)."""
    return output.is_dir() or not output.suffix


def write_files(
    files: dict[Path, str | bytes],
    settings: Settings,
    *,
    overwrite: bool,
    inputs: Iterable[str | Path],
) -> list[Path]:
    """Write several files, all or none (as `write_wheel`): every one is checked and
    written to its temporary path first, then all are moved into place. A missing last
    folder (`-o oppgaver/`) is made; its parent must exist."""
    inputs = list(inputs)
    for folder in dict.fromkeys(path.parent for path in files):
        if not folder.exists() and folder.parent.is_dir():
            try:
                folder.mkdir()
            except OSError as exc:
                error = exc.strerror
                raise OutputError(
                    settings.tr("output.unwritable", file=folder, error=error)
                ) from None
    for path in files:
        check_output(path, settings, overwrite=overwrite, inputs=inputs)
    with ExitStack() as stack:
        for path, data in files.items():
            temp = stack.enter_context(
                atomic_output(path, settings, overwrite=overwrite, inputs=inputs)
            )
            if isinstance(data, str):
                temp.write_text(data, encoding="utf-8")
            else:
                temp.write_bytes(data)
    return list(files)
