"""The blank activity-plan workbook (`aktplan mal aktivitetsplan`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from ..i18n import Translator
from ..plan.palette import NAVY, OVER_BUDGET_FILL, OVER_BUDGET_TEXT, OVERDUE_FILL
from ..plan.schema import (
    BLOCK_FIELDS,
    COLUMNS,
    COMPETITOR_COLUMNS,
    COMPETITOR_TABLE,
    DECISION_LABELS,
    FIRST_FIELD_ROW,
    HEADER_ROW,
    LIST_NAMES,
    PHASE_LABELS,
    PLAN_TABLE,
    REPEAT_LABELS,
    SHEETS,
    SIDE_FIELDS,
    SIDE_LABEL_COL,
    TAIL_SUGGESTIONS,
    TEMPLATE_ROWS,
)
from ..settings import Settings
from .common import LINE_HEIGHT, Formats, new_workbook, print_setup, wrapped_lines, write_lists
from .rules import (
    add_entry_checks,
    add_overdue_format,
    add_phase_formats,
    date_validation,
    list_validation,
    number_validation,
    status_dropdown,
    status_names,
)

# Column widths of the template (characters): narrower than the report workbook's
# (`Column.width`), so all 21 columns print on one A4 landscape page at a scale that
# keeps 11 pt text legible (LibreOffice fits them at 66 %; the widths may add up to
# about 216 characters before it shrinks the page further). Text columns wrap, so a
# long activity or hypothesis makes its row taller, not the table wider; the header
# row wraps too. Column A also holds the campaign labels, column G the side fields'.
# Money columns hold «200 000 kr», date columns 15.03.2026.
TEMPLATE_WIDTHS = {
    "id": 10,
    "activity": 19,
    "description": 11,
    "type": 11,
    "channel": 10,
    "responsible": 9,
    "executor": 10,
    "start": 11,
    "deadline": 11,
    "status": 12,
    "hours": 6,
    "budget": 10,
    "cost": 10,
    "kpi": 8,
    "target": 7,
    "result": 7,
    "comment": 13,
    "repeat": 9,
    "hypothesis": 13,
    "decision": 10,
    "tail": 9,
}
GUIDE_WIDTH = 110
COMPETITOR_ROWS = 20


@dataclass(frozen=True)
class CampaignPrefill:
    """What `aktplan mal aktivitetsplan` pre-fills in the campaign block."""

    campaign: str | None = None
    start: date | None = None
    end: date | None = None
    budget: float | None = None


def write_plan_template(
    path: Path, settings: Settings, prefill: CampaignPrefill | None = None
) -> None:
    """Write the blank activity plan to `path` (the caller makes it atomic)."""
    options = prefill or CampaignPrefill()
    lang, tr, config = settings.language, settings.tr, settings
    names = SHEETS[lang]
    workbook = new_workbook(path, tr("plan.title"))
    fmt = Formats(workbook, config.currency)

    sheet = workbook.add_worksheet(names["plan"])
    lists = workbook.add_worksheet(names["lists"])
    guide = workbook.add_worksheet(names["guide"])
    competitors = workbook.add_worksheet(names["competitors"])
    sheet.activate()

    # --- the campaign block --------------------------------------------------------
    sheet.set_row(0, 28)
    sheet.write_string(0, 0, tr("plan.title"), fmt.title)
    sheet.write_string(1, 0, tr("plan.subtitle"), fmt.subtitle)
    prefill = {
        "name": options.campaign,
        "start": options.start,
        "end": options.end,
        "budget": options.budget,
    }
    value_formats = {
        "text": fmt.value_wrap,
        "date": fmt.value_date,
        "amount": fmt.value_money,
        "number": fmt.value_number,
    }
    for offset, field in enumerate(BLOCK_FIELDS):
        row = FIRST_FIELD_ROW - 1 + offset
        cell_format = value_formats[field.kind]
        sheet.write_string(row, 0, field.label(lang), fmt.label)
        sheet.merge_range(row, 1, row, 4, None, cell_format)
        value = prefill.get(field.key)
        if isinstance(value, str):
            sheet.write_string(row, 1, value, cell_format)
        elif isinstance(value, date):
            sheet.write_datetime(row, 1, datetime(value.year, value.month, value.day), cell_format)
        elif isinstance(value, (int, float)):
            sheet.write_number(row, 1, value, cell_format)
        hint = tr(f"field.{field.key}.hint")
        if field.kind == "date":
            sheet.data_validation(
                row, 1, row, 1, date_validation(tr("dv.date.title"), hint, tr("dv.date.error"))
            )
        elif field.kind in ("amount", "number"):
            sheet.data_validation(row, 1, row, 1, number_validation(hint, tr("dv.number.error")))
        elif field.key == "owner":
            sheet.data_validation(
                row,
                1,
                row,
                1,
                list_validation(LIST_NAMES["person"][0], hint, tr("dv.list.error"), strict=False),
            )
        else:
            sheet.data_validation(row, 1, row, 1, {"validate": "any", "input_message": hint})
    sheet.set_row(FIRST_FIELD_ROW, 30)  # the goal: room for a sentence
    write_side_fields(workbook, sheet, settings, fmt)

    # --- the activity table --------------------------------------------------------
    header_row = HEADER_ROW - 1
    first, last = header_row + 1, header_row + TEMPLATE_ROWS
    # Number columns (hours, targets, results) stay General: 5 shows as 5, 2.5 as 2.5.
    column_formats = {"date": fmt.date, "amount": fmt.money, "text": fmt.wrap, "repeat": fmt.wrap}
    table_columns = []
    # Wrap only: the table style still gives the header its font and fill.
    header_format = workbook.add_format({"text_wrap": True, "valign": "vcenter"})
    for column in COLUMNS:
        spec = {"header": column.header(lang, config.currency), "header_format": header_format}
        if column.kind in column_formats:
            spec["format"] = column_formats[column.kind]
        table_columns.append(spec)
    sheet.add_table(
        header_row,
        0,
        last,
        len(COLUMNS) - 1,
        {
            "name": PLAN_TABLE,
            "columns": table_columns,
            "style": "Table Style Medium 2",
            "autofilter": True,
        },
    )
    # A table column's format only reaches rows Excel adds later: give every empty
    # data cell its own date/money/number format, so typed values show as intended.
    for col, spec in enumerate(table_columns):
        if "format" in spec:
            for row in range(first, last + 1):
                sheet.write_blank(row, col, None, spec["format"])
    sheet.set_row(header_row, 30)
    for col, column in enumerate(COLUMNS):
        sheet.set_column(col, col, TEMPLATE_WIDTHS[column.key])
    col_of = {c.key: i for i, c in enumerate(COLUMNS)}

    def whole(key: str) -> tuple[int, int, int, int]:
        return first, col_of[key], last, col_of[key]

    add_entry_checks(
        sheet,
        first,
        last,
        col_of,
        [
            ("type", "type", True),
            ("channel", "channel", False),
            ("responsible", "person", False),
            ("executor", "person", False),
            ("repeat", "repeat", False),  # a synonym (`hver uke`) is read too: warn only
            ("status", "status", True),
            ("decision", "decision", False),  # `fortsette`, `stopp` … are read too
        ],
        ("start", "deadline"),
        lambda key: tr(f"col.{key}.hint", phases=settings.fmt.phase_list()),
        tr,
    )
    # The digital tail: the list only suggests; any text names an asset, so no alert.
    sheet.data_validation(*whole("tail"), suggestions("tail", tr("col.tail.hint")))
    hypothesis = {"validate": "any", "input_message": tr("col.hypothesis.hint")}
    sheet.data_validation(*whole("hypothesis"), hypothesis)
    for key in ("hours", "budget", "cost", "target", "result"):
        validation = number_validation(tr(f"col.{key}.hint"), tr("dv.number.error"))
        sheet.data_validation(*whole(key), validation)

    # --- conditional formats -------------------------------------------------------
    status_col = xl_col_to_name(col_of["status"])
    deadline_col = xl_col_to_name(col_of["deadline"])
    budget_col = xl_col_to_name(col_of["budget"])
    cost_col = xl_col_to_name(col_of["cost"])
    status_cell = f"${status_col}{first + 1}"
    names_by_phase = status_names(settings)
    add_phase_formats(workbook, sheet, whole("status"), status_cell, names_by_phase)
    cost_cell, budget_cell = f"${cost_col}{first + 1}", f"${budget_col}{first + 1}"
    sheet.conditional_format(
        *whole("cost"),
        {
            "type": "formula",
            "criteria": f"=AND(ISNUMBER({cost_cell}),ISNUMBER({budget_cell}),"
            f"{cost_cell}>{budget_cell})",
            "format": workbook.add_format(
                {"bold": True, "font_color": OVER_BUDGET_TEXT, "bg_color": OVER_BUDGET_FILL}
            ),
        },
    )
    deadline_cell = f"${deadline_col}{first + 1}"
    add_overdue_format(
        workbook,
        sheet,
        (first, 0, last, len(COLUMNS) - 1),
        deadline_cell,
        status_cell,
        names_by_phase,
        fill=OVERDUE_FILL,
    )

    # --- view and print -------------------------------------------------------------
    # The print area is the whole table: a filled plan prints every row. Blank, its
    # empty rows are lines to write on in Excel; LibreOffice leaves out pages without
    # content, so there the blank plan is one page.
    sheet.freeze_panes(header_row + 1, 2)
    print_setup(sheet, tr, tr("plan.title"), repeat=(header_row, header_row))
    sheet.print_area(0, 0, last, len(COLUMNS) - 1)

    # --- the other sheets ------------------------------------------------------------
    write_lists(
        workbook,
        lists,
        {
            "type": list(config.type_list()),
            "channel": list(config.channel_list()),
            "person": list(config.people),
            "status": status_dropdown(settings),
            "repeat": list(REPEAT_LABELS[lang].values()),
            "decision": list(DECISION_LABELS[lang].values()),
            "tail": list(TAIL_SUGGESTIONS[lang]),
        },
        fmt,
        tr("lists.note"),
        settings,
        tr("plan.title"),
    )
    write_guide(guide, tr, fmt)
    write_competitors(competitors, settings, fmt)
    workbook.close()


def write_side_fields(workbook, sheet, settings: Settings, fmt: Formats) -> None:
    """The method's campaign fields (`Beredskap`, `Svartid (timer)`) beside the block:
    the label in column G, the value merged over H:K, from the block's first row.

    The labels wrap (column G is an activity column, narrower than some labels), and
    a row is made as tall as its label's lines. `Beredskap` offers the people list but
    takes any text («Ikke aktuelt», «Salg»); the response time is General, so 1.5
    shows as 1.5, and «4 timer» is read too.
    """
    tr, lang = settings.tr, settings.language
    label_format = workbook.add_format(
        {"bold": True, "font_color": NAVY, "valign": "top", "text_wrap": True}
    )
    label_width = TEMPLATE_WIDTHS[COLUMNS[SIDE_LABEL_COL].key]
    for offset, field in enumerate(SIDE_FIELDS):
        row = FIRST_FIELD_ROW - 1 + offset
        label = field.label(lang)
        sheet.write_string(row, SIDE_LABEL_COL, label, label_format)
        value_col = SIDE_LABEL_COL + 1
        sheet.merge_range(row, value_col, row, value_col + 3, None, fmt.value_wrap)
        hint = tr(f"field.{field.key}.hint")
        if field.key == "readiness":  # a name from the list, or «Ikke aktuelt»: no alert
            validation = suggestions("person", hint)
        else:
            validation = {"validate": "any", "input_message": hint}
        sheet.data_validation(row, value_col, row, value_col, validation)
        lines = wrapped_lines(label, label_width)
        if lines > 1:  # the goal's row is 30 pt already: never lower it
            height = max(LINE_HEIGHT * lines, 30 if row == FIRST_FIELD_ROW else 0)
            sheet.set_row(row, height)


def suggestions(kind: str, hint: str) -> dict:
    """A dropdown of list `kind` that only suggests: any other text is taken without an
    alert (Excel and LibreOffice accept it when the error message is off)."""
    return {
        "validate": "list",
        "source": f"={LIST_NAMES[kind][0]}",
        "input_message": hint[:255],
        "ignore_blank": True,
        "show_error": False,
    }


def write_guide(sheet, tr: Translator, fmt: Formats) -> None:
    """The instructions sheet: headings (`# `) and paragraphs from the catalogue.

    The phase names in it are the schema's (`{todo}` …), the repeat values the
    `Gjentas` list's and the decisions the `Beslutning` list's, so the guide names each
    exactly as its dropdown offers it. The method's section comes last. A
    paragraph's row is as tall as its wrapped lines: LibreOffice does not grow it, and a
    short row lets the text spill over the next paragraph.
    """
    sheet.set_column(0, 0, GUIDE_WIDTH)
    lines = tr("guide.text", **PHASE_LABELS[tr.language]).strip().split("\n")
    # `Gjentas` is explained with the other columns: at the end of section 2 (before the
    # fourth heading: the title, 1., 2., then 3.).
    headings = [i for i, line in enumerate(lines) if line.startswith("# ")]
    at = headings[3] if len(headings) > 3 else len(lines)
    lines.insert(at, tr("guide.repeat", **REPEAT_LABELS[tr.language]).strip())
    lines += method_guide(tr).split("\n")
    for row, line in enumerate(lines):
        if line.startswith("# "):
            sheet.write_string(row, 0, line[2:], fmt.title if row == 0 else fmt.heading)
            sheet.set_row(row, 26 if row == 0 else 20)
        elif line.strip():
            sheet.write_string(row, 0, line, fmt.wrap)
            sheet.set_row(row, LINE_HEIGHT * wrapped_lines(line, GUIDE_WIDTH))
    print_setup(sheet, tr, tr("plan.title"))


def method_guide(tr: Translator) -> str:
    """The guide's section on the method, naming the `Mål` sheet, the decisions and the
    tail's «none» as the workbooks spell them."""
    lang = tr.language
    return tr(
        "guide.method",
        goal_sheet=SHEETS[lang]["goal"],
        none=TAIL_SUGGESTIONS[lang][-1],
        **DECISION_LABELS[lang],
    ).strip()


def write_competitors(sheet, settings: Settings, fmt: Formats) -> None:
    """An optional competitor analysis: a small table to fill in."""
    tr = settings.tr
    sheet.write_string(0, 0, tr("competitors.title"), fmt.title)
    sheet.write_string(1, 0, tr("competitors.subtitle"), fmt.subtitle)
    headers = COMPETITOR_COLUMNS[settings.language]
    sheet.add_table(
        2,
        0,
        2 + COMPETITOR_ROWS,
        len(headers) - 1,
        {
            "name": COMPETITOR_TABLE,
            "columns": [{"header": h, "format": fmt.wrap} for h in headers],
            "style": "Table Style Light 9",
        },
    )
    for col, width in enumerate((24, 18, 40, 30, 40)):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(3, 1)
    print_setup(sheet, tr, tr("competitors.title"), repeat=(2, 2))
    sheet.print_area(0, 0, 2 + COMPETITOR_ROWS, len(headers) - 1)


def cell_of(key: str, row: int) -> str:
    """The A1 reference of column `key` at 1-based `row` in the template."""
    col = [c.key for c in COLUMNS].index(key)
    return xl_rowcol_to_cell(row - 1, col)
