"""One workbook → its plans, and what a library's failure on it means for the user.

The file is the unit of failure: whatever goes wrong while one workbook is read ends as
one InputError (or PlanError, NotAPlan) naming it, and `reader.read_plans` goes on with
the next file.
"""

from __future__ import annotations

from pathlib import Path

import python_calamine as calamine

from ..errors import AktplanError, InputError, NotAPlan, PlanError
from ..i18n import Translator
from ..plan.model import Plan
from ..plan.schema import COLUMN_BY_KEY, HEADER_SEARCH_ROWS, header_key
from ..plan.values import parse_text, show
from ..settings import Settings
from .files import OLE2_MAGIC, clean, generated_kind, open_workbook, vet
from .formulas import workbook_formulas
from .header import find_header, own_output
from .prefetch import Loaded, visible_worksheets
from .sheet import GOAL_SHEET_NAMES, SheetReader


def _detail(exc: BaseException) -> str:
    """The first line of a parser's message (kept short, no control characters), else
    the kind of error."""
    lines = str(exc).strip().splitlines()
    return clean(lines[0], 120) if lines and lines[0].strip() else type(exc).__name__


def _is_panic(exc: BaseException) -> bool:
    """pyo3's PanicException (a BaseException) from a Rust panic inside calamine."""
    return type(exc).__name__ == "PanicException"


def _openpyxl_rows(path: Path, sheet: str) -> list[list]:
    """The slow path: cell values via openpyxl (read-only), shaped like calamine's."""
    import warnings

    import openpyxl

    with warnings.catch_warnings():
        # "Cell I14 is marked as a date but the serial value … is outside the limits":
        # openpyxl makes it '#VALUE!', which becomes an issue at that cell.
        warnings.simplefilter("ignore", UserWarning)
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            worksheet = workbook[sheet]
            # The rows the sheet holds, not the ones its <dimension> header claims (which
            # openpyxl would pad out to: A1:XFD1048576 is 17 billion cells).
            worksheet.reset_dimensions()
            return [
                ["" if v is None else v for v in row]
                for row in worksheet.iter_rows(values_only=True)
            ]
        finally:
            workbook.close()


def sheet_rows(
    workbook, path: Path, kind: str, sheet: str, tr: Translator, file: str
) -> list[list]:
    """Every row of a sheet from A1, blank cells as ''.

    calamine panics on a date cell whose serial is out of range (python-calamine
    issue #139): such a sheet is read again with openpyxl, where the cell
    becomes '#VALUE!' and so an issue at its cell, not a crash. A sheet `vet` found such
    a number in (`kind.avoid`) goes to openpyxl straight away: calamine's panic would
    print Rust's message on stderr before Python sees it.
    """
    if sheet in getattr(kind, "avoid", ()):
        return _openpyxl_rows(path, sheet)
    try:
        return workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception as exc:
        raise InputError(tr("input.corrupt", file=file, error=_detail(exc))) from None
    except BaseException as exc:
        if not _is_panic(exc):
            raise
        if kind != "xlsx":
            raise InputError(tr("input.date_out_of_range", file=file, sheet=sheet)) from None
        return _openpyxl_rows(path, sheet)


def read_workbook(
    path: Path,
    settings: Settings | None = None,
    *,
    display: str | None = None,
    loaded: Loaded | None = None,
) -> list[Plan]:
    """Every plan in one workbook; raises InputError/PlanError when there is none.

    The file is the unit of failure: whatever a library raises while it is read
    (zipfile, zlib, defusedxml, openpyxl, calamine, even calamine's Rust panic, a
    BaseException) becomes an InputError naming the file, so that the other files are
    still read. The original error is kept as its cause (`--debug` shows it).
    """
    try:
        return _read_workbook(path, settings or Settings(), display=display, loaded=loaded)
    except AktplanError:
        raise
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:
        tr = (settings or Settings()).tr
        raise InputError(read_failure(exc, path, display or str(path), tr)) from exc


def read_failure(exc: BaseException, path: Path, file: str, tr: Translator) -> str:
    """The `Feil:` text for an error a library raised while `path` was read."""
    from defusedxml import DefusedXmlException

    if isinstance(exc, calamine.PasswordError) or (
        isinstance(exc, RuntimeError) and "encrypted" in str(exc)  # zipfile: a locked member
    ):
        return tr("input.password", file=file)
    if isinstance(exc, DefusedXmlException):
        return tr("input.xml_dtd", file=file, part="XML")
    if _is_panic(exc):
        if _is_ole2(path):
            return tr("input.xls", file=file)
        return tr("input.corrupt", file=file, error=f"calamine: {_detail(exc)}")
    if isinstance(exc, _OUR_MISTAKES):
        return tr("input.unexpected", file=file, error=f"{type(exc).__name__}: {_detail(exc)}")
    return tr("input.corrupt", file=file, error=_detail(exc))


# Errors that say more about aktplan than about the file: reported as unexpected.
_OUR_MISTAKES = (AttributeError, TypeError, NameError, AssertionError, KeyError, IndexError)


def _is_ole2(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(8) == OLE2_MAGIC
    except OSError:
        return False


def _read_workbook(
    path: Path,
    settings: Settings,
    *,
    display: str | None = None,
    loaded: Loaded | None = None,
) -> list[Plan]:
    """read_workbook's work, errors as they come.

    `loaded`: the file's kind and sheets as `prefetch` read them, so it is not read again.
    """
    tr, language = settings.tr, settings.language
    file = display or str(path)
    workbook = None
    found_formulas: dict = {}
    if loaded is not None:
        kind, sheets, found_formulas = loaded
    else:
        kind = vet(path, settings)
        try:
            workbook = open_workbook(path, kind)
        except calamine.PasswordError:
            raise InputError(tr("input.password", file=file)) from None
        except Exception as exc:  # calamine raises several types for broken files
            if kind == "xls":
                raise InputError(tr("input.xls", file=file)) from None
            raise InputError(tr("input.corrupt", file=file, error=_detail(exc))) from None
    plans: list[Plan] = []
    looks_generated = False  # a sheet has the header of a wheel or report aktplan writes
    tables: list[tuple[str, list[list], int, dict[int, str]]] = []  # sheets with a plan
    goal_sheets: list[tuple[str, list[list]]] = []  # the årshjul's `Mål` sheet
    first_rows: list[str] = []
    try:
        if workbook is not None:
            sheets = [(name, None) for name in visible_worksheets(workbook)]
        for name, cells in sheets:
            rows = cells if cells is not None else sheet_rows(workbook, path, kind, name, tr, file)
            found = find_header(rows)
            if found is None and header_key(name) in GOAL_SHEET_NAMES:
                goal_sheets.append((name, rows))
                continue
            if found is None:
                if not first_rows:
                    first_rows = [
                        " | ".join(show(parse_text(v)) for v in row if v not in ("", None))
                        for row in rows[:3]
                        if any(v not in ("", None) for v in row)
                    ]
                continue
            header_row, mapping = found
            looks_generated = looks_generated or own_output(rows[header_row]) is not None
            tables.append((name, rows, header_row, mapping))
        # A wheel or report aktplan generated from plans (saved beside them) is not one
        # more plan: its document property says what it is. The templates have none.
        generated = generated_kind(path, kind) if looks_generated else None
        if generated:
            raise NotAPlan(tr(f"input.skipped_{generated}", file=file))
        # The formula cells of the sheets that hold plans, in one pass over the file
        # (unless the read-ahead already found them).
        wanted = [name for name, *_ in tables] + [name for name, _ in goal_sheets if tables]
        missing = [name for name in wanted if name not in found_formulas]
        if missing:
            found_formulas = {**found_formulas, **workbook_formulas(path, kind, missing)}
        for name, rows, header_row, mapping in tables:
            reader = SheetReader(file, name, rows, settings, found_formulas[name])
            plans.append(reader.read(header_row, mapping))
        for plan in plans if goal_sheets else ():
            plan.goal_sheet = True
        # The goal travels with the workbook's first plan; more goal sheets are not used
        # (the report says so at each, as for one in another workbook).
        for name, rows in goal_sheets if plans else ():
            reader = SheetReader(file, name, rows, settings, found_formulas[name])
            goal, issues = reader.read_goal()
            plans[0].issues.extend(issues)
            if plans[0].goal is None:
                plans[0].goal = goal
            elif goal is not None:
                plans[0].other_goals += (goal,)
    finally:
        if workbook is not None:
            workbook.close()
    if not plans:
        headers = ", ".join(
            f"«{COLUMN_BY_KEY[k].nb if language == 'nb' else COLUMN_BY_KEY[k].en}»"
            for k in (
                "id",
                "type",
                "channel",
                "responsible",
                "deadline",
                "status",
                "budget",
                "cost",
            )
        )
        raise PlanError(
            tr(
                "input.no_plan",
                file=file,
                headers=headers,
                rows=HEADER_SEARCH_ROWS,
                first=clean(" / ".join(first_rows), 300) or "–",
            )
        )
    return plans
