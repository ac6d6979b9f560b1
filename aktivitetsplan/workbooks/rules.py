"""The checks and colour rules both templates put on their rows, written once.

The activity plan and the årshjul each have a Status column and a date that makes
a row overdue; both colour the status by its phase, mark overdue rows in red and
offer the same dropdowns and date checks. The rules are plain A1 formulas, so they
work alike in Excel and LibreOffice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ..i18n.fmt import phase_list
from ..plan.palette import OVERDUE_COLOUR, PHASE_COLOURS
from ..plan.schema import LIST_NAMES, PHASE_LABELS, PHASE_SYNONYMS, PHASES
from ..settings import Settings

# (first row, first column, last row, last column), 0-based, as XlsxWriter takes them.
Cells = tuple[int, int, int, int]


def excel_text(value: str) -> str:
    """A string literal for an Excel formula."""
    return '"' + value.replace('"', '""') + '"'


def any_of(cell: str, values: list[str]) -> str:
    """A formula true when `cell` holds one of `values` (each named once)."""
    return "OR(" + ",".join(f"{cell}={excel_text(v)}" for v in dict.fromkeys(values)) + ")"


def status_names(settings: Settings) -> dict[str, list[str]]:
    """Every status text a phase answers to: shown labels, synonyms, configured ones."""
    names: dict[str, list[str]] = {}
    for phase in PHASES:
        names[phase] = [PHASE_LABELS["nb"][phase], PHASE_LABELS["en"][phase]]
        names[phase] += list(PHASE_SYNONYMS[phase])
    for name, phase in settings.extra_statuses.items():
        names[phase].append(name)
    return names


def status_dropdown(settings: Settings) -> list[str]:
    """The statuses offered in the dropdown: the four phases, then configured ones."""
    labels = PHASE_LABELS[settings.language]
    return [labels[p] for p in PHASES] + list(settings.extra_statuses)


# --- data validations ---------------------------------------------------------------------


def list_validation(name: str, input_message: str, error_message: str, strict: bool) -> dict:
    """A dropdown sourced from a defined name on `Lister`."""
    return {
        "validate": "list",
        "source": f"={name}",
        "input_message": input_message[:255],
        "error_message": error_message[:255],
        "error_type": "stop" if strict else "warning",
        "ignore_blank": True,
    }


def date_validation(title: str, input_message: str, error_message: str) -> dict:
    """Only real dates (2000–2100), with a helpful message in the workbook's language."""
    return {
        "validate": "date",
        "criteria": "between",
        "minimum": datetime(2000, 1, 1),
        "maximum": datetime(2100, 12, 31),
        "input_title": title[:32],
        "input_message": input_message[:255],
        "error_title": title[:32],
        "error_message": error_message[:255],
        "ignore_blank": True,
    }


def number_validation(input_message: str, error_message: str) -> dict:
    """A number of zero or more (hours, money, targets); anything else only warns."""
    return {
        "validate": "decimal",
        "criteria": ">=",
        "value": 0,
        "input_message": input_message,
        "error_message": error_message,
        "error_type": "warning",
    }


def add_entry_checks(
    sheet,
    first: int,
    last: int,
    col: dict[str, int],
    dropdowns: list[tuple[str, str, bool]],
    dates: tuple[str, ...],
    hint: Callable[[str], str],
    tr,
) -> None:
    """Dropdowns (`(column key, list kind, strict)`) and date checks on rows first..last.

    `hint(key)` gives a column's input message; both templates use this.
    """
    for key, kind, strict in dropdowns:
        if key == "status":
            error = tr("dv.status.error", phases=phase_list(tr.language))
        else:
            error = tr("dv.list.error")
        validation = list_validation(LIST_NAMES[kind][0], hint(key), error, strict)
        sheet.data_validation(first, col[key], last, col[key], validation)
    for key in dates:
        validation = date_validation(tr("dv.date.title"), hint(key), tr("dv.date.error"))
        sheet.data_validation(first, col[key], last, col[key], validation)


# --- conditional formats -------------------------------------------------------------------


def add_phase_formats(
    workbook, sheet, cells: Cells, status_cell: str, names: dict[str, list[str]]
) -> None:
    """The Status column in the colour of its phase (a cancelled one struck through).

    `status_cell` is the first row's cell (`$G7`); `names` is `status_names(...)`.
    """
    for phase in PHASES:
        sheet.conditional_format(
            *cells,
            {
                "type": "formula",
                "criteria": "=" + any_of(status_cell, names[phase]),
                "format": workbook.add_format(
                    {"bg_color": PHASE_COLOURS[phase], "font_strikeout": phase == "cancelled"}
                ),
            },
        )


def add_overdue_format(
    workbook,
    sheet,
    cells: Cells,
    date_cell: str,
    status_cell: str,
    names: dict[str, list[str]],
    fill: str | None = None,
) -> None:
    """Rows whose date has passed and whose status is not finished, in red text.

    Finished means distributed or cancelled, by any of their names. `fill` also
    shades the row (the plan does; the årshjul keeps its grid readable without).
    """
    finished = names["distributed"] + names["cancelled"]
    style = {"font_color": OVERDUE_COLOUR, **({"bg_color": fill} if fill else {})}
    sheet.conditional_format(
        *cells,
        {
            "type": "formula",
            "criteria": f"=AND(ISNUMBER({date_cell}),{date_cell}<TODAY(),"
            f"NOT({any_of(status_cell, finished)}))",
            "format": workbook.add_format(style),
        },
    )
