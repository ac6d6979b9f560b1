"""The limits a workbook is held to, `Refused` (a file refused, with a catalogue key),
and `Extent` (a sheet's last filled row and column and its text, checked against them)."""

from __future__ import annotations

MAX_ROWS = 150_000
MAX_COLUMNS = 16_384
MAX_CELLS = 3_000_000
MAX_TEXT_MB = 100
MAX_SHARED_STRINGS = MAX_CELLS
MAX_ACTIVITIES = 100_000  # what MAX_ROWS promises, with room for a title and campaign block


class Refused(Exception):
    """A file refused before parsing: a catalogue key and the values for its message."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def cell_name(row: int, column: int) -> str:
    """A1-style name of a 1-based (row, column)."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


class Extent:
    """The last filled row and column of a sheet (1-based), and its text in bytes."""

    def __init__(self, sheet: str) -> None:
        self.sheet = sheet
        self.rows = 0
        self.columns = 0
        self.text = 0

    def cell(self, row: int, column: int) -> None:
        if row > 1_048_576 or column > MAX_COLUMNS:
            raise Refused("input.outside_grid", sheet=self.sheet, cell=cell_name(row, column))
        if row > MAX_ROWS:
            raise Refused(
                "input.too_many_rows",
                sheet=self.sheet,
                rows=row,
                limit=MAX_ROWS,
                activities=MAX_ACTIVITIES,
            )
        if row > self.rows:
            self.rows = row
        if column > self.columns:
            self.columns = column

    def finish(self) -> None:
        cells = self.rows * self.columns
        if cells > MAX_CELLS:
            raise Refused(
                "input.too_many_cells",
                sheet=self.sheet,
                rows=self.rows,
                columns=self.columns,
                cells=cells,
                cell=cell_name(self.rows, self.columns),
                limit=MAX_CELLS,
            )
        if self.text > MAX_TEXT_MB * 1024 * 1024:
            raise Refused(
                "input.too_much_text",
                sheet=self.sheet,
                size=-(-self.text // (1024 * 1024)),
                limit=MAX_TEXT_MB,
            )
