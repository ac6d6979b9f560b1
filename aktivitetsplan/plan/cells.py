"""Cell references as a spreadsheet user writes them: `Aktivitetsplan!J14`."""

from __future__ import annotations


def col_letters(index: int) -> str:
    """`0` → `A`, `25` → `Z`, `26` → `AA`."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(sheet: str, row: int, col: int) -> str:
    """`Aktivitetsplan!J14` from 0-based row and column; quotes sheet names with spaces."""
    quoted = sheet if sheet.replace("_", "").isalnum() else "'" + sheet.replace("'", "''") + "'"
    return f"{quoted}!{col_letters(col)}{row + 1}"
