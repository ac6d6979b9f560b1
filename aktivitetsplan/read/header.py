"""Where a sheet's plan table starts, and whether a sheet is one aktplan wrote itself.

The header row is found by its texts (any language, aliases, units: `schema`), within
the first HEADER_SEARCH_ROWS rows; the same header texts recur in every plan, so
their lookups are memoised.
"""

from __future__ import annotations

from ..i18n import Translator
from ..plan.schema import HEADER_SEARCH_ROWS, LANGUAGES, column_for_header, header_key

_HEADER_MEMO: dict[str, str | None] = {}  # header text → column key (the same texts recur)


def _column_for_header(value: object) -> str | None:
    """`schema.column_for_header`, memoised for texts."""
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
    """The catalogue texts of `keys` in every language, as `header_key` normalises them."""
    translators = [Translator(language) for language in LANGUAGES]
    return frozenset(header_key(tr(key)) for key in keys for tr in translators)


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
