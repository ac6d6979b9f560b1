"""Workbook → Plan(campaign, activities DataFrame, issues).

Cell values come from python-calamine; sheet visibility from its metadata, so
openpyxl is not needed to read a plan. Formula cells are found by `formulas`
and their cached values ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import python_calamine as calamine

from . import checks, prefetch
from .cells import cell_name
from .config import Config
from .errors import AktplanError, InputError, PlanError
from .files import expand, vet
from .formulas import evaluate_constant, formula_cells
from .i18n import Translator
from .model import Issue, Plan, ReadResult, Unreadable
from .prefetch import Loaded, Prefetch, visible_worksheets
from .schema import (
    ALL_PHASES,
    CAMPAIGN_BY_KEY,
    CAMPAIGN_LABELS,
    COLUMN_BY_KEY,
    COLUMNS,
    HEADER_SEARCH_ROWS,
    PHASE_LABELS,
    PHASES,
    base_type_map,
    column_for_header,
    fold,
    header_key,
)
from .values import Problem, parse_amount, parse_date, parse_status, parse_text, parse_type, show

TOTAL_LABELS = {"sum", "sum totalt", "totalt", "total", "totals", "totalsum", "summer", "i alt"}
TEXT_KEYS = [c.key for c in COLUMNS if c.kind in ("text", "list")]
NUMBER_KEYS = [c.key for c in COLUMNS if c.kind in ("number", "amount")]
DATE_KEYS = [c.key for c in COLUMNS if c.kind == "date"]
FRAME_COLUMNS = ["row", *[c.key for c in COLUMNS], "phase"]

ProgressCallback = Callable[[int, int, str], None]


_HEADER_MEMO: dict[str, str | None] = {}  # header text → column key (the same texts recur)


def _column_for_header(value: object) -> str | None:
    if type(value) is not str:
        return column_for_header(value)
    try:
        return _HEADER_MEMO[value]
    except KeyError:
        if len(_HEADER_MEMO) > 4096:
            _HEADER_MEMO.clear()
        key = _HEADER_MEMO[value] = column_for_header(value)
        return key


def find_header(rows: list[list]) -> tuple[int, dict[int, str]] | None:
    """The first row (within HEADER_SEARCH_ROWS) naming `activity` and two more columns."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping: dict[int, str] = {}
        for col, value in enumerate(row):
            key = _column_for_header(value)
            if key and key not in mapping.values():
                mapping[col] = key
        if "activity" in mapping.values() and len(mapping) >= 3:
            return index, mapping
    return None


class SheetReader:
    """Parses one sheet's rows into a Plan; collects every problem as an Issue."""

    def __init__(
        self,
        file: str,
        sheet: str,
        rows: list[list],
        config: Config,
        tr: Translator,
        formulas: dict[tuple[int, int], str],
    ) -> None:
        self.file, self.sheet, self.rows = file, sheet, rows
        self.config, self.tr, self.formulas = config, tr, formulas
        self.issues: list[Issue] = []
        self.status_map = config.status_map()
        self.type_map = base_type_map()
        for name in config.types or ():
            self.type_map.setdefault(fold(name), self.type_map.get(fold(name), name))
        self.valid_statuses = ", ".join(
            [PHASE_LABELS[tr.language][p] for p in PHASES] + list(config.extra_statuses)
        )

    # --- issues -----------------------------------------------------------------
    def add(self, row: int, col: int, problem: Problem) -> None:
        values = dict(problem.values)
        if problem.key == "value.bad_status":
            values["valid"] = self.valid_statuses
        self.issues.append(
            Issue(
                self.file,
                cell_name(self.sheet, row, col),
                problem.severity,
                self.tr(problem.key, **values),
            )
        )

    def cell(self, row: int, col: int) -> object:
        """A cell's value; a formula's cached value is replaced by what we can compute."""
        value = self.rows[row][col] if col < len(self.rows[row]) else ""
        if self.formulas and (row, col) in self.formulas:
            formula = self.formulas[(row, col)]
            if formula.startswith("#"):  # an error value (#N/A, #DIV/0!)
                self.add(row, col, Problem("error", "value.formula_error", {"value": formula}))
                return ""
            computed = evaluate_constant(formula)
            if computed is not None:
                return computed
            self.add(row, col, Problem("warning", "value.formula", {"formula": show(formula)}))
            return ""
        return value

    # --- campaign block ---------------------------------------------------------
    def campaign(self, header_row: int) -> dict[str, object]:
        found: dict[str, object] = {}
        where: dict[str, tuple[int, int]] = {}
        for row in range(header_row):
            cells = self.rows[row]
            for col, value in enumerate(cells):
                if not isinstance(value, str) or not value.strip():
                    continue
                key = CAMPAIGN_LABELS.get(header_key(value))
                if key is None or key in found:
                    continue
                found[key] = None
                for vcol in range(col + 1, len(cells)):
                    raw = self.cell(row, vcol)
                    if raw is None or raw == "" or (isinstance(raw, str) and not raw.strip()):
                        continue
                    if isinstance(raw, str) and CAMPAIGN_LABELS.get(header_key(raw)):
                        break  # the next label: this field is empty
                    found[key] = self._campaign_value(key, raw, row, vcol)
                    where[key] = (row, vcol)
                    break
        campaign = {f: found.get(f) for f in CAMPAIGN_BY_KEY}
        start, end = campaign["start"], campaign["end"]
        if isinstance(start, date) and isinstance(end, date) and end < start:
            problem = Problem(
                "error", "check.campaign_end_before_start", {"start": start, "end": end}
            )
            self.add(*where["end"], problem)
        return campaign

    def _campaign_value(self, key: str, raw: object, row: int, col: int) -> object:
        kind = CAMPAIGN_BY_KEY[key].kind
        if kind == "text":
            return parse_text(raw)
        parser = parse_date if kind == "date" else parse_amount
        value, problem = parser(raw)
        if problem:
            self.add(row, col, problem)
        return value

    # --- activities ----------------------------------------------------------------
    def activities(self, header_row: int, mapping: dict[int, str]) -> pd.DataFrame:
        columns: dict[str, list] = {key: [] for key in FRAME_COLUMNS}
        by_key = {key: col for col, key in mapping.items()}
        activity_col = by_key["activity"]
        date_cache: dict[str, tuple] = {}
        amount_cache: dict[str, tuple] = {}
        status_cache: dict[str, tuple] = {}
        type_cache: dict[str, tuple] = {}
        missing = [c.key for c in COLUMNS if c.key not in by_key]
        has_formulas = bool(self.formulas)

        for row in range(header_row + 1, len(self.rows)):
            cells = self.rows[row]
            width = len(cells)
            if has_formulas:
                values = {key: self.cell(row, col) for col, key in mapping.items()}
            else:
                values = {key: (cells[col] if col < width else "") for col, key in mapping.items()}
            activity = values["activity"]
            if (
                activity == ""
                or activity is None
                or (isinstance(activity, str) and not activity.strip())
            ):
                if any(
                    v != "" and v is not None and not (isinstance(v, str) and not v.strip())
                    for v in values.values()
                ):
                    self.add(row, activity_col, Problem("warning", "row.no_activity", {}))
                continue
            # A totals row a user added is not an activity (status first: fold is dear).
            if not values.get("status") and fold(parse_text(activity)) in TOTAL_LABELS:
                continue
            columns["row"].append(row + 1)
            for key in missing:
                columns[key].append(None)
            for key, raw in values.items():
                column = COLUMN_BY_KEY[key]
                kind = column.kind
                col = by_key[key]
                if kind in ("text", "list"):
                    columns[key].append(
                        raw.strip() or None if type(raw) is str else parse_text(raw)
                    )
                    continue
                if kind == "date":
                    if type(raw) is date:  # calamine gives dates for date-only cells
                        columns[key].append(raw)
                        continue
                    if type(raw) is datetime:
                        columns[key].append(raw.date())
                        continue
                    cache = date_cache
                    parser = parse_date
                elif kind in ("amount", "number"):
                    if type(raw) is float:
                        columns[key].append(raw)
                        continue
                    cache = amount_cache
                    parser = parse_amount
                elif kind == "status":
                    cache = status_cache
                    parser = self._status
                else:
                    cache = type_cache
                    parser = self._type
                if type(raw) is str:
                    result = cache.get(raw)
                    if result is None:
                        result = cache[raw] = parser(raw)
                else:
                    result = parser(raw)
                value, problem = result
                if problem:
                    self.add(row, col, problem)
                if kind == "status":
                    columns["phase"].append(value)
                    value = parse_text(raw)
                columns[key].append(value)
            if "status" not in by_key:
                columns["phase"].append("todo")
        return make_frame(columns)

    def _status(self, raw: object):
        return parse_status(raw, self.status_map)

    def _type(self, raw: object):
        return parse_type(raw, self.type_map)

    def read(self, header_row: int, mapping: dict[int, str]) -> Plan:
        campaign = self.campaign(header_row)
        frame = self.activities(header_row, mapping)
        plan = Plan(self.file, self.sheet, campaign, frame, self.issues, header_row + 1)
        plan.issues.extend(
            checks.check_plan(plan, self.tr, by_col={k: c for c, k in mapping.items()})
        )
        return plan


_EPOCH = date(1970, 1, 1).toordinal()
_NAT = np.iinfo(np.int64).min  # NaT as int64
_PHASE_CODES = {phase: code for code, phase in enumerate(ALL_PHASES)}


def _dates(values: list) -> np.ndarray:
    """Dates (or None) → datetime64[s], via day numbers: far cheaper than np.array(dates)."""
    try:
        days = np.fromiter(
            (_NAT if v is None else v.toordinal() - _EPOCH for v in values),
            dtype=np.int64,
            count=len(values),
        )
    except AttributeError:  # not all dates: let numpy convert them
        return np.array(values, dtype="datetime64[D]").astype("datetime64[s]")
    return days.view("datetime64[D]").astype("datetime64[s]")


def make_frame(columns: dict[str, list]) -> pd.DataFrame:
    """Typed columns: dates as datetime64, money and numbers as float, phase as category."""
    data: dict[str, object] = {}
    for key in FRAME_COLUMNS:
        values = columns[key]
        if key in DATE_KEYS:
            data[key] = _dates(values)
        elif key in NUMBER_KEYS:
            data[key] = np.array(values, dtype="float64")
        elif key == "phase":
            codes = np.fromiter(
                (_PHASE_CODES.get(v, -1) for v in values), dtype=np.int8, count=len(values)
            )
            data[key] = pd.Categorical.from_codes(codes, categories=ALL_PHASES)
        elif key == "row":
            data[key] = np.array(values, dtype="int64")
        else:
            data[key] = pd.Series(values, dtype="object")
    return pd.DataFrame(data)


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
            return [
                ["" if v is None else v for v in row]
                for row in workbook[sheet].iter_rows(values_only=True)
            ]
        finally:
            workbook.close()


def sheet_rows(
    workbook, path: Path, kind: str, sheet: str, tr: Translator, file: str
) -> list[list]:
    """Every row of a sheet from A1, blank cells as ''.

    calamine panics on a date cell whose serial is out of range (python-calamine
    issue #139): such a sheet is read again with openpyxl, where the cell
    becomes '#VALUE!' and so an issue at its cell, not a crash.
    """
    try:
        return workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception as exc:
        raise InputError(tr("input.corrupt", file=file, error=str(exc)[:120])) from None
    except BaseException as exc:
        if not _is_panic(exc):
            raise
        if kind != "xlsx":
            raise InputError(tr("input.date_out_of_range", file=file, sheet=sheet)) from None
        return _openpyxl_rows(path, sheet)


def read_workbook(
    path: Path,
    *,
    config: Config | None = None,
    language: str = "nb",
    display: str | None = None,
    loaded: Loaded | None = None,
) -> list[Plan]:
    """Every plan in one workbook; raises InputError/PlanError when there is none.

    `loaded`: the file's kind and sheets as `prefetch` read them, so it is not read again.
    """
    config = config or Config()
    tr = Translator(language)
    file = display or str(path)
    workbook = None
    if loaded is not None:
        kind, sheets = loaded
    else:
        kind = vet(path, max_unpacked_mb=config.max_unpacked_mb, lang=language)
        try:
            workbook = calamine.CalamineWorkbook.from_path(str(path))
        except calamine.PasswordError:
            raise InputError(tr("input.password", file=file)) from None
        except Exception as exc:  # calamine raises several types for broken files
            key = "input.xls" if kind == "xls" else "input.corrupt"
            raise InputError(tr(key, file=file, error=str(exc).splitlines()[0][:120])) from None
    plans: list[Plan] = []
    first_rows: list[str] = []
    try:
        if workbook is not None:
            sheets = [(name, None) for name in visible_worksheets(workbook)]
        for name, cells in sheets:
            rows = cells if cells is not None else sheet_rows(workbook, path, kind, name, tr, file)
            found = find_header(rows)
            if found is None:
                if not first_rows:
                    first_rows = [
                        " | ".join(show(parse_text(v)) for v in row if v not in ("", None))
                        for row in rows[:3]
                        if any(v not in ("", None) for v in row)
                    ]
                continue
            header_row, mapping = found
            formulas = formula_cells(path, kind, name)
            plans.append(
                SheetReader(file, name, rows, config, tr, formulas).read(header_row, mapping)
            )
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
                first=" / ".join(first_rows) or "–",
            )
        )
    return plans


def read_plans(
    paths: Iterable[str | Path] | str | Path,
    *,
    config: Config | None = None,
    language: str | None = None,
    recursive: bool = False,
    progress: ProgressCallback | None = None,
    ahead: Prefetch | None = None,
) -> ReadResult:
    """Read files and folders of plans. Never raises for a bad file: it is listed as unreadable.

    The next files' cells are read in a background thread meanwhile (`prefetch`); the CLI
    may pass one it started earlier over the same files, as `ahead`.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    config = config or Config()
    language = language or config.language
    targets = expand(paths, recursive=recursive, lang=language)
    result = ReadResult(files=len(targets))
    good = [path for path, problem in targets if not problem]
    if ahead is None and len(good) > 1:
        ahead = prefetch.start(good, max_unpacked_mb=config.max_unpacked_mb)
    try:
        for index, (path, problem) in enumerate(targets, start=1):
            if progress:
                progress(index, len(targets), str(path))
            if problem:
                result.unreadable.append(Unreadable(str(path), problem))
                continue
            loaded = ahead.take(path) if ahead is not None else None
            try:
                result.plans.extend(
                    read_workbook(path, config=config, language=language, loaded=loaded)
                )
            except AktplanError as exc:
                result.unreadable.append(Unreadable(str(path), str(exc), exc))
    finally:
        if ahead is not None:
            ahead.close()
    return result
