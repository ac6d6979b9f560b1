"""Files and folders → ReadResult(plans, unreadable files, skipped files).

Cell values come from python-calamine; sheet visibility from its metadata, so
openpyxl is not needed to read a plan. A formula's value is the one the spreadsheet
application saved with the file; `formulas` finds the cells that hold no such value
(error values, formulas written by a script and never computed).

The work is split by scope: `inputs` (the files a command names, found once, and
their read-ahead), `workbook` (one file: its plans, or the error that names it),
`header` (where a sheet's table starts), `sheet` (one sheet's rows → a Plan) and
`checks` (rules across a plan's rows). This module reads them all, file by file.

Importing it is cheap (no numpy, no calamine): the CLI takes `Inputs` from here and
starts the read-ahead before the reading stack is imported, which `read_plans` does
on its first call. The names the other modules define (`SheetReader`,
`read_workbook`, …) are importable from here too, loaded on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import AktplanError, NotAPlan
from ..plan.model import ReadResult, Unreadable
from .files import clean
from .inputs import Inputs

if TYPE_CHECKING:
    from ..settings import Settings
    from .header import find_header, own_output
    from .sheet import SheetReader
    from .workbook import read_failure, read_workbook, sheet_rows

__all__ = [
    "Inputs",
    "ProgressCallback",
    "SheetReader",
    "find_header",
    "own_output",
    "read_failure",
    "read_plans",
    "read_workbook",
    "sheet_rows",
]

ProgressCallback = Callable[[int, int, str], None]  # (file number, files, path)

# Names defined in the reading stack, loaded when first asked for (PEP 562).
_ELSEWHERE = {
    "SheetReader": "sheet",
    "find_header": "header",
    "own_output": "header",
    "read_failure": "workbook",
    "read_workbook": "workbook",
    "sheet_rows": "workbook",
}


def __getattr__(name: str) -> object:
    module = _ELSEWHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{module}", __package__), name)


def read_plans(
    inputs: Inputs | Iterable[str | Path] | str | Path,
    settings: Settings | None = None,
    *,
    recursive: bool = False,
    progress: ProgressCallback | None = None,
) -> ReadResult:
    """Read files and folders of plans. Never raises for a bad file: it is listed as unreadable.

    `inputs`: an `Inputs` (the CLI's: expanded once, its read-ahead perhaps running
    already; `recursive` is its own then), or files and folders, expanded here. The
    next files' cells are read in a background thread meanwhile (`prefetch`), started
    here when two or more files are to be read and the caller has not started it;
    it is stopped when the last file is read. `settings`: None, the Inputs' own
    (else the defaults).
    """
    if settings is None:
        if isinstance(inputs, Inputs):
            settings = inputs.settings
        else:
            from ..settings import Settings

            settings = Settings()
    if not isinstance(inputs, Inputs):
        inputs = Inputs.expand(inputs, settings, recursive=recursive)
    targets = inputs.targets
    result = ReadResult(files=len(targets))
    if not inputs.started and len(inputs.good) > 1:
        inputs.start_prefetch()
    try:
        from .workbook import read_workbook  # numpy, calamine: after the read-ahead starts

        for index, (path, problem) in enumerate(targets, start=1):
            if progress:
                progress(index, len(targets), str(path))
            if problem:
                result.unreadable.append(Unreadable(str(path), clean(problem, 1000)))
                continue
            loaded = inputs.take(path)
            try:
                if isinstance(loaded, AktplanError):  # refused in the read-ahead already
                    raise loaded
                result.plans.extend(read_workbook(path, settings, loaded=loaded))
            except NotAPlan as exc:
                result.skipped.append(Unreadable(str(path), clean(exc, 1000), exc))
            except AktplanError as exc:  # one line each, whatever the file's name holds
                result.unreadable.append(Unreadable(str(path), clean(exc, 1000), exc))
    finally:
        inputs.close()
    return result
