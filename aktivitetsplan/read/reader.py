"""Workbook → Plan(campaign, activities table, issues).

Cell values come from python-calamine; sheet visibility from its metadata, so
openpyxl is not needed to read a plan. A formula's value is the one the spreadsheet
application saved with the file; `formulas` finds the cells that hold no such value
(error values, formulas written by a script and never computed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime
from functools import partial
from operator import itemgetter
from pathlib import Path

import python_calamine as calamine

from ..errors import AktplanError, InputError, NotAPlan, PlanError
from ..i18n import Translator, t
from ..plan.cells import cell_name
from ..plan.model import Issue, Plan, ReadResult, Unreadable
from ..plan.schema import (
    CAMPAIGN_BY_KEY,
    CAMPAIGN_LABELS,
    COLUMN_BY_KEY,
    HEADER_SEARCH_ROWS,
    LANGUAGES,
    PHASE_LABELS,
    PHASES,
    base_type_map,
    column_for_header,
    fold,
    header_key,
)
from ..plan.table import TABLE_COLUMNS, Table
from ..plan.values import (
    MAX_AMOUNT,
    DateContext,
    Problem,
    parse_amount,
    parse_date,
    parse_status,
    parse_text,
    parse_type,
    show,
)
from ..settings import DEFAULT_CATEGORIES, Settings
from . import checks, prefetch
from .files import OLE2_MAGIC, clean, expand, generated_kind, open_workbook, vet
from .formulas import evaluate_constant, workbook_formulas
from .prefetch import Loaded, Prefetch, visible_worksheets

TOTAL_LABELS = {"sum", "sum totalt", "totalt", "total", "totals", "totalsum", "summer", "i alt"}

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


def _header_texts(*keys: str) -> frozenset[str]:
    return frozenset(header_key(t(key, lang)) for key in keys for lang in LANGUAGES)


# The headers of the workbooks aktplan generates, so that only a file that looks like one
# has its document property read (`files.generated_kind`): the årshjul's table has a
# Kategori column and the week numbers 1, 2, 3 … to its right (the blank template too,
# which is a plan once filled in); every task list in the report workbook ends in the
# plan's file and the activity's place in it (or, over budget, the amount over).
_WHEEL_CATEGORY = _header_texts("wheel.col.category")
_REPORT_FILE = _header_texts("col.file")
_REPORT_PLACE = _header_texts("mgmt.col.cell", "col.over")


def own_output(header: list) -> str | None:
    """`wheel` or `report` when a header row looks like one aktplan writes, else None.

    Only a hint: the file's mark decides (`files.generated_kind`), so a filled-in årshjul
    template, whose header is the generated wheel's, is read as the plan it is.
    """
    texts = {header_key(v) for v in header if type(v) is str and v}
    if texts & _REPORT_FILE and texts & _REPORT_PLACE:
        return "report"
    if texts & _WHEEL_CATEGORY:
        numbers = [v for v in header if type(v) in (int, float)]
        if numbers[:3] == [1, 2, 3]:
            return "wheel"
    return None


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
        settings: Settings,
        formulas: dict[tuple[int, int], str],
    ) -> None:
        self.file, self.sheet, self.rows = file, sheet, rows
        config = self.config = settings
        tr = self.tr = settings.tr
        self.formulas = formulas
        self.issues: list[Issue] = []
        self._where: list[tuple[int, int]] = []  # (row, col) of each issue, for sorting
        self._unreadable: set[tuple[int, int]] = set()  # (row, col) of values not read
        self.dates = DateContext(config.today())  # the plan's period is added once known
        self.campaign_cells: dict[str, tuple[int, int]] = {}  # field key → (row, col)
        self.status_map = config.status_map()
        self.type_map = base_type_map()
        # The årshjul template's Kategori list (`Hendelse` …) is known too: filled in, it is
        # a plan, and its own dropdown's values are no unknown types.
        categories = config.categories or (*DEFAULT_CATEGORIES["nb"], *DEFAULT_CATEGORIES["en"])
        for name in (*(config.types or ()), *categories):
            self.type_map.setdefault(fold(name), self.type_map.get(fold(name), name))
        self.valid_statuses = ", ".join(
            [PHASE_LABELS[tr.language][p] for p in PHASES] + list(config.extra_statuses)
        )

    # --- issues -----------------------------------------------------------------
    def add(self, row: int, col: int, problem: Problem) -> None:
        values = dict(problem.values)
        if problem.key in ("value.bad_status", "value.bad_status_hint"):
            values["valid"] = self.valid_statuses
        if "suggest_phase" in values:  # the closest status, as this language shows it
            values["suggestion"] = PHASE_LABELS[self.tr.language][values["suggest_phase"]]
        self._where.append((row, col))
        if problem.severity == "error" or problem.key == "value.formula":
            self._unreadable.add((row, col))
        self.issues.append(
            Issue(
                self.file,
                cell_name(self.sheet, row, col),
                problem.severity,
                self.tr(problem.key, **values),
            )
        )

    def cell(self, row: int, col: int) -> object:
        """A cell's value. A formula with no saved value is computed when it is constant
        arithmetic, else the cell is unreadable (a warning); an error value is an error."""
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
        if "name" not in found:  # no `Kampanje` label: the plan is named by its title
            campaign["name"] = self.title(header_row, set(where.values()))
        self.campaign_cells = where
        start, end = campaign["start"], campaign["end"]
        if isinstance(start, date) and isinstance(end, date) and end < start:
            problem = Problem(
                "error", "check.campaign_end_before_start", {"start": start, "end": end}
            )
            self.add(*where["end"], problem)
        return campaign

    def title(self, header_row: int, values: set[tuple[int, int]]) -> str | None:
        """The first text above the table that is neither a campaign label nor a value
        (`values`: their cells): the sheet's title, e.g. `Markedsplan Q2`."""
        for row in range(header_row):
            for col, value in enumerate(self.rows[row]):
                if (
                    isinstance(value, str)
                    and value.strip()
                    and (row, col) not in values
                    and CAMPAIGN_LABELS.get(header_key(value)) is None
                ):
                    return parse_text(value)
        return None

    def _campaign_value(self, key: str, raw: object, row: int, col: int) -> object:
        kind = CAMPAIGN_BY_KEY[key].kind
        if kind == "text":
            return parse_text(raw)
        if kind == "date":  # the period itself: a year left out is the report date's nearest
            value, problem = parse_date(
                raw, self.dates, role="start" if key == "start" else "deadline"
            )
        else:
            value, problem = parse_amount(raw)
        if problem:
            self.add(row, col, problem)
        return value

    # --- activities ----------------------------------------------------------------
    def activities(self, header_row: int, mapping: dict[int, str]) -> Table:
        """The rows below the header as typed columns, parsed column by column.

        Column-wise, each column's common case (a real date, a number, plain text) is a
        list comprehension; only the other values go through a parser, each distinct
        text once. Issues come out in sheet order (row, then column).
        """
        first = header_row + 1
        data = self.rows[first:]
        by_key = {key: col for col, key in mapping.items()}
        raw = {key: _column_values(data, col) for col, key in mapping.items()}
        mark = len(self.issues)
        for row, col in sorted(self.formulas):
            key = mapping.get(col)
            if key is not None and first <= row < len(self.rows):
                raw[key][row - first] = self.cell(row, col)

        keep, totals = self._activity_rows(raw, first, by_key["activity"])
        if totals:  # a totals row is not read: its =SUM(...) needs no warning
            skip = {first + i for i in totals}
            kept = [
                (w, issue)
                for w, issue in zip(self._where[mark:], self.issues[mark:], strict=True)
                if w[0] not in skip
            ]
            self._where[mark:] = [w for w, _ in kept]
            self.issues[mark:] = [issue for _, issue in kept]
        count = len(keep)
        if count < len(data):
            raw = {key: [values[i] for i in keep] for key, values in raw.items()}
        rows = [first + i for i in keep]  # 0-based sheet rows
        columns: dict[str, list] = {key: [None] * count for key in TABLE_COLUMNS}
        columns["row"] = [row + 1 for row in rows]
        columns["phase"] = ["todo"] * count
        for key, values in raw.items():
            kind = COLUMN_BY_KEY[key].kind
            col = by_key[key]
            if kind in ("text", "list"):
                columns[key] = [
                    (v.strip() or None) if v.__class__ is str else parse_text(v) for v in values
                ]
            elif kind == "date":
                role = "start" if key == "start" else "deadline"
                parser = partial(parse_date, context=self.dates, role=role)
                columns[key] = self._parse_column(values, rows, col, date, parser)
            elif kind in ("amount", "number"):
                columns[key] = self._parse_column(values, rows, col, float, parse_amount)
            elif kind == "status":
                columns["phase"] = self._parse_all(values, rows, col, self._status)
                columns[key] = [parse_text(v) for v in values]
            else:
                columns[key] = self._parse_all(values, rows, col, self._type)
        self._sort_issues(mark)
        return Table.from_lists(columns)

    def _activity_rows(
        self, raw: dict[str, list], first: int, activity_col: int
    ) -> tuple[list[int], list[int]]:
        """Positions of the rows that are activities, and of the totals rows.

        A row without an activity but with other values is a warning; a totals row a
        user added ("Sum", "Totalt" without a status) is not an activity.
        """
        status = raw.get("status")
        keep: list[int] = []
        totals: list[int] = []
        for i, activity in enumerate(raw["activity"]):
            if _blank(activity):
                if any(not _blank(values[i]) for values in raw.values()):
                    self.add(first + i, activity_col, Problem("warning", "row.no_activity", {}))
                continue
            if (status is None or not status[i]) and fold(parse_text(activity)) in TOTAL_LABELS:
                totals.append(i)
                continue
            keep.append(i)
        return keep, totals

    def _parse_column(self, values: list, rows: list[int], col: int, fast: type, parser) -> list:
        """Values of type `fast` as they are (datetimes as dates); the rest parsed, once each.

        A number cell beyond ±MAX_AMOUNT (1e308, inf, NaN) is parsed too: an error at its
        cell, never a figure."""
        out = [v if v.__class__ is fast else None for v in values]
        cache: dict[str, tuple] = {}
        for i, value in enumerate(values):
            kind = value.__class__
            if kind is fast:
                if fast is not float or -MAX_AMOUNT <= value <= MAX_AMOUNT:  # NaN: False
                    continue
            elif value == "" or value is None:
                continue
            if kind is datetime and fast is date:  # a date with a time of day
                out[i] = value.date()
                continue
            if kind is str:
                result = cache.get(value)
                if result is None:
                    result = cache[value] = parser(value)
            else:
                result = parser(value)
            out[i], problem = result
            if problem:
                self.add(rows[i], col, problem)
        return out

    def _parse_all(self, values: list, rows: list[int], col: int, parser) -> list:
        """Every value through `parser` (statuses, types: blank has a meaning too)."""
        out = []
        cache: dict[object, tuple] = {}
        for i, value in enumerate(values):
            key = value if value.__class__ is str else None
            result = cache.get(key) if key is not None else None
            if result is None:
                result = parser(value)
                if key is not None:
                    cache[key] = result
            parsed, problem = result
            out.append(parsed)
            if problem:
                self.add(rows[i], col, problem)
        return out

    def _sort_issues(self, mark: int) -> None:
        """The issues from `mark` on, in sheet order (row, then column); stable."""
        tail = sorted(zip(self._where[mark:], self.issues[mark:], strict=True), key=_first)
        self._where[mark:] = [where for where, _ in tail]
        self.issues[mark:] = [issue for _, issue in tail]

    def _status(self, raw: object):
        return parse_status(raw, self.status_map)

    def _type(self, raw: object):
        return parse_type(raw, self.type_map)

    def unreadable_cells(self, mapping: dict[int, str]) -> list[tuple[int, str, str]]:
        """Every value typed but not read: (1-based row, field key, cell name), in sheet
        order; campaign fields as `campaign.<key>`."""
        fields = {place: f"campaign.{key}" for key, place in self.campaign_cells.items()}
        found = []
        for row, col in sorted(self._unreadable):
            key = fields.get((row, col)) or mapping.get(col)
            if key is not None:
                found.append((row + 1, key, cell_name(self.sheet, row, col)))
        return found

    def read(self, header_row: int, mapping: dict[int, str]) -> Plan:
        campaign = self.campaign(header_row)
        self.dates = replace(self.dates, period_start=campaign["start"], period_end=campaign["end"])
        table = self.activities(header_row, mapping)
        plan = Plan(self.file, self.sheet, campaign, table, self.issues, header_row + 1)
        plan.unreadable_cells = self.unreadable_cells(mapping)
        plan.issues.extend(
            checks.check_plan(plan, self.tr, by_col={k: c for c, k in mapping.items()})
        )
        return plan


def _first(pair: tuple) -> object:
    return pair[0]


def _blank(value: object) -> bool:
    """An empty cell: None, '' or only white space."""
    return value is None or value == "" or (value.__class__ is str and value.isspace())


def _column_values(rows: list[list], col: int) -> list:
    """One column of the rows; '' where a row is too short."""
    try:
        return list(map(itemgetter(col), rows))  # twice as fast as a comprehension
    except IndexError:
        return [row[col] if col < len(row) else "" for row in rows]


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
    config, tr, language = settings, settings.tr, settings.language
    file = display or str(path)
    workbook = None
    found_formulas: dict = {}
    if loaded is not None:
        kind, sheets, found_formulas = loaded
    else:
        kind = vet(path, max_unpacked_mb=config.max_unpacked_mb, lang=language)
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
            looks_generated = looks_generated or own_output(rows[header_row]) is not None
            tables.append((name, rows, header_row, mapping))
        # A wheel or report aktplan generated from plans (saved beside them) is not one
        # more plan: its document property says what it is. The templates have none.
        generated = generated_kind(path, kind) if looks_generated else None
        if generated:
            raise NotAPlan(tr(f"input.skipped_{generated}", file=file))
        # The formula cells of the sheets that hold plans, in one pass over the file
        # (unless the read-ahead already found them).
        missing = [name for name, *_ in tables if name not in found_formulas]
        if missing:
            found_formulas = {**found_formulas, **workbook_formulas(path, kind, missing)}
        for name, rows, header_row, mapping in tables:
            reader = SheetReader(file, name, rows, settings, found_formulas[name])
            plans.append(reader.read(header_row, mapping))
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


def read_plans(
    paths: Iterable[str | Path] | str | Path,
    settings: Settings | None = None,
    *,
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
    config = settings = settings or Settings()
    language = settings.language
    targets = expand(paths, recursive=recursive, lang=language)
    result = ReadResult(files=len(targets))
    good = [path for path, problem in targets if not problem]
    if ahead is None and len(good) > 1:
        ahead = prefetch.start(good, max_unpacked_mb=config.max_unpacked_mb, lang=language)
    try:
        for index, (path, problem) in enumerate(targets, start=1):
            if progress:
                progress(index, len(targets), str(path))
            if problem:
                result.unreadable.append(Unreadable(str(path), clean(problem, 1000)))
                continue
            loaded = ahead.take(path) if ahead is not None else None
            try:
                if isinstance(loaded, AktplanError):  # refused in the read-ahead already
                    raise loaded
                result.plans.extend(read_workbook(path, settings, loaded=loaded))
            except NotAPlan as exc:
                result.skipped.append(Unreadable(str(path), clean(exc, 1000), exc))
            except AktplanError as exc:  # one line each, whatever the file's name holds
                result.unreadable.append(Unreadable(str(path), clean(exc, 1000), exc))
    finally:
        if ahead is not None:
            ahead.close()
    return result
