"""One sheet's rows → a Plan: the campaign block above the table, the activities below.

Every problem becomes an Issue at its cell, in sheet order; nothing raises for a bad
value. The columns are parsed column by column (`SheetReader.activities`): the
reader's hot path, where a plan of 50,000 rows spends its time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from functools import partial
from operator import itemgetter

from ..plan.cells import cell_name
from ..plan.model import GoalSpec, Issue, Plan
from ..plan.schema import (
    CAMPAIGN_BY_KEY,
    CAMPAIGN_FIELDS,
    CAMPAIGN_LABELS,
    COLUMN_BY_KEY,
    GOAL_BY_KEY,
    GOAL_LABELS,
    PHASE_LABELS,
    PHASES,
    REPEAT_LABELS,
    SHEETS,
    CampaignField,
    base_type_map,
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
    parse_decision,
    parse_hours,
    parse_repeat,
    parse_status,
    parse_text,
    parse_type,
    show,
)
from ..settings import DEFAULT_CATEGORIES, Settings
from . import checks
from .formulas import evaluate_constant

# A sheet without a plan table named so holds the department goal (`Mål`, `Goal`).
GOAL_SHEET_NAMES = frozenset(
    header_key(name) for name in (*(SHEETS[lang]["goal"] for lang in SHEETS), "Avdelingsmål")
)

TOTAL_LABELS = {"sum", "sum totalt", "totalt", "total", "totals", "totalsum", "summer", "i alt"}


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
        tr = self.tr = settings.tr
        self.formulas = formulas
        self.issues: list[Issue] = []
        self._where: list[tuple[int, int]] = []  # (row, col) of each issue, for sorting
        self._unreadable: set[tuple[int, int]] = set()  # (row, col) of values not read
        self.dates = DateContext(settings.today())  # the plan's period is added once known
        self.campaign_cells: dict[str, tuple[int, int]] = {}  # field key → (row, col)
        self.status_map = settings.status_map()
        self.type_map = base_type_map()
        # The årshjul template's Kategori list (`Hendelse` …) is known too: filled in, it is
        # a plan, and its own dropdown's values are no unknown types.
        categories = settings.categories or (*DEFAULT_CATEGORIES["nb"], *DEFAULT_CATEGORIES["en"])
        for name in (*(settings.types or ()), *categories):
            self.type_map.setdefault(fold(name), name)
        self.valid_statuses = ", ".join(
            [PHASE_LABELS[tr.language][p] for p in PHASES] + list(settings.extra_statuses)
        )

    # --- issues -----------------------------------------------------------------
    def add(self, row: int, col: int, problem: Problem) -> None:
        values = dict(problem.values)
        if problem.key in ("value.bad_status", "value.bad_status_hint"):
            values["valid"] = self.valid_statuses
        if problem.key == "value.unknown_repeat":  # the dropdown's values, in this language
            values["valid"] = ", ".join(REPEAT_LABELS[self.tr.language].values())
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
        found, where = self._label_fields(header_row, CAMPAIGN_LABELS, CAMPAIGN_BY_KEY)
        # A side field (the method's) is in the campaign only when its label is there.
        campaign = {
            f.key: found.get(f.key) for f in CAMPAIGN_FIELDS if not f.side or f.key in found
        }
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

    def goal(self) -> tuple[dict[str, object], dict[str, tuple[int, int]]]:
        """The department goal on a `Mål` sheet: its fields by key (only those whose label
        is there) and their value cells."""
        found, where = self._label_fields(len(self.rows), GOAL_LABELS, GOAL_BY_KEY)
        start, end = found.get("start"), found.get("end")
        if isinstance(start, date) and isinstance(end, date) and end < start:
            problem = Problem("error", "check.goal_end_before_start", {"start": start, "end": end})
            self.add(*where["end"], problem)
        return found, where

    def read_goal(self) -> tuple[GoalSpec | None, list[Issue]]:
        """The `Mål` sheet as a GoalSpec (None when it names no goal, KPI nor target), and
        its issues: a value not read, a goal without a KPI or a target."""
        found, where = self.goal()
        target = found.get("target")
        if isinstance(target, float) and target <= 0:  # as `[maal] maaltall` must be
            problem = Problem("error", "check.goal_bad_target", {"value": show(target)})
            self.add(*where["target"], problem)
            found["target"] = None
        if not any(found.get(key) is not None for key in ("name", "kpi", "target")) and not any(
            place in self._unreadable for place in where.values()
        ):
            return None, self.issues
        unreadable = tuple(key for key, place in where.items() if place in self._unreadable)
        cells = tuple((key, cell_name(self.sheet, *place)) for key, place in where.items())
        aliases = tuple(
            part.strip()
            for part in str(found.get("aliases") or "").replace(";", ",").split(",")
            if part.strip()
        )
        spec = GoalSpec(
            name=found.get("name"),
            kpi=found.get("kpi"),
            target=found.get("target"),
            start=found.get("start"),
            end=found.get("end"),
            aliases=aliases,
            source=f"{self.file}: {self.sheet}",
            cells=cells,
            unreadable=unreadable,
        )
        for key in ("kpi", "target"):
            if found.get(key) is None and key not in spec.unreadable:
                self.issues.append(
                    Issue(
                        self.file,
                        cell_name(self.sheet, 0, 0),
                        "warning",
                        self.tr(f"check.goal_no_{key}", goal=spec.name or "–"),
                    )
                )
        return spec, self.issues

    def _label_fields(
        self, last_row: int, labels: dict[str, str], fields: dict[str, CampaignField]
    ) -> tuple[dict[str, object], dict[str, tuple[int, int]]]:
        """Label/value fields above `last_row`: a label anywhere, its value the first
        non-empty cell to its right (none when the next label comes first). Returns the
        values by key (None for a label without a value) and the value cells."""
        found: dict[str, object] = {}
        where: dict[str, tuple[int, int]] = {}
        for row in range(last_row):
            cells = self.rows[row]
            for col, value in enumerate(cells):
                if not isinstance(value, str) or not value.strip():
                    continue
                key = labels.get(header_key(value))
                if key is None or key in found:
                    continue
                found[key] = None
                for vcol in range(col + 1, len(cells)):
                    raw = self.cell(row, vcol)
                    if (row, vcol) in self._unreadable:  # a value not read: its cell still
                        where[key] = (row, vcol)  # counts, so the figure says so
                        break
                    if raw is None or raw == "" or (isinstance(raw, str) and not raw.strip()):
                        continue
                    if isinstance(raw, str) and labels.get(header_key(raw)):
                        break  # the next label: this field is empty
                    found[key] = self._field_value(fields[key], raw, row, vcol)
                    where[key] = (row, vcol)
                    break
        return found, where

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

    def _field_value(self, field: CampaignField, raw: object, row: int, col: int) -> object:
        kind = field.kind
        if kind == "text":
            return parse_text(raw)
        if kind == "date":  # the period itself: a year left out is the report date's nearest
            value, problem = parse_date(
                raw, self.dates, role="start" if field.key == "start" else "deadline"
            )
        elif kind == "hours":
            value, problem = parse_hours(raw)
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
            elif kind == "repeat":
                columns[key] = self._parse_all(values, rows, col, parse_repeat)
            elif kind == "decision":
                columns[key] = self._parse_all(values, rows, col, parse_decision)
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
        plan.columns = frozenset(mapping.values())
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
