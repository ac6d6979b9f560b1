"""Reading filled plans back: the reading rules of DESIGN.md on real files."""

from __future__ import annotations

import hashlib
from datetime import date

import openpyxl
import pandas as pd
import pytest
from conftest import fill_plan, write_template

from aktivitetsplan import read_plans
from aktivitetsplan.settings import Settings

ROWS = [
    {
        "ID": "1",
        "Aktivitet": "Landingsside",
        "Type": "Kampanje",
        "Kanal": "Nettside",
        "Ansvarlig": "Kari",
        "Start": date(2026, 3, 1),
        "Frist": date(2026, 3, 10),
        "Status": "Ferdig",
        "Budsjett (kr)": 50_000,
        "Kostnad (kr)": "55 000 kr",
    },
    {
        "ID": "2",
        "Aktivitet": "Annonser",
        "Type": "kampanje",
        "Kanal": "LinkedIn",
        "Ansvarlig": "Ola",
        "Start": "05.03.2026",
        "Frist": "20. mars 2026",
        "Status": "pågår",
        "Budsjett (kr)": "40.000",
        "Kostnad (kr)": 20_000,
    },
    {},  # a blank row
    {
        "ID": "3",
        "Aktivitet": "Nyhetsbrev",
        "Type": "Program",
        "Ansvarlig": "Kari",
        "Frist": "2026-04-05",
        "Status": "ikke startet",
        "Budsjett (kr)": "kr 10 000,-",
    },
    {
        "ID": "4",
        "Aktivitet": "Test av emnefelt",
        "Type": "Eksperiment",
        "Frist": "5/4/2026",
        "Status": "",
        "Kostnad (kr)": 300,
    },
    {"Aktivitet": "Sum", "Budsjett (kr)": 100_000, "Kostnad (kr)": 75_300},  # a totals row
]


@pytest.fixture
def filled(template):
    campaign = {
        "Kampanje": "Vår",
        "Budsjett": "200 000 kr",
        "Start": "01.03.2026",
        "Slutt": date(2026, 4, 30),
        "Måltall": 100,
    }
    return fill_plan(template, ROWS, campaign)


def test_reads_every_value_typed_the_messy_way(filled):
    result = read_plans(filled)
    assert result.unreadable == []
    (plan,) = result.plans
    frame = plan.activities
    assert list(frame["activity"]) == ["Landingsside", "Annonser", "Nyhetsbrev", "Test av emnefelt"]
    assert list(frame["row"]) == [14, 15, 17, 18]  # the blank row 16 is skipped, the totals row too
    assert list(frame["budget"].fillna(-1)) == [50_000, 40_000, 10_000, -1]
    assert list(frame["cost"].fillna(-1)) == [55_000, 20_000, -1, 300]
    assert list(frame["deadline"].dt.date) == [
        date(2026, 3, 10),
        date(2026, 3, 20),
        date(2026, 4, 5),
        date(2026, 4, 5),
    ]
    assert frame["start"].dt.date.tolist()[:2] == [date(2026, 3, 1), date(2026, 3, 5)]
    assert pd.isna(frame["start"].iloc[2])
    assert list(frame["phase"]) == ["distributed", "in_production", "todo", "todo"]
    assert list(frame["type"]) == ["campaign", "campaign", "program", "experiment"]
    assert str(frame["phase"].dtype) == "category"
    assert frame["deadline"].dtype.kind == "M" and frame["budget"].dtype == "float64"
    assert plan.campaign["name"] == "Vår"
    assert plan.campaign["budget"] == 200_000
    assert plan.campaign["start"] == date(2026, 3, 1) and plan.campaign["end"] == date(2026, 4, 30)
    assert plan.campaign["target"] == 100


def test_a_totals_row_with_sum_formulas_is_skipped_without_warnings(template):
    rows = [
        {"Aktivitet": "A", "Ansvarlig": "K", "Frist": "01.04.2026", "Status": "Å gjøre"},
        {"Aktivitet": "B", "Ansvarlig": "K", "Frist": "02.04.2026", "Status": "Å gjøre"},
        {"Aktivitet": "Totalt", "Budsjett (kr)": "=SUM(L14:L15)", "Kostnad (kr)": "=SUM(M14:M15)"},
        {"Aktivitet": "C", "Ansvarlig": "K", "Frist": "03.04.2026", "Kostnad (kr)": "=SUM(1,2)"},
    ]
    for row in rows[:2]:
        row.update({"Budsjett (kr)": 1000, "Kostnad (kr)": 400})
    (plan,) = read_plans(fill_plan(template, rows)).plans
    assert plan.activities["activity"].tolist() == ["A", "B", "C"]
    # the formula in an activity's row still warns; the totals row's formulas do not
    assert [(i.cell, i.message.split(" (")[0]) for i in plan.issues] == [
        ("Aktivitetsplan!J17", "status mangler; regnes som «Å gjøre»"),
        ("Aktivitetsplan!M17", "cellen har en formel"),
    ]


def test_issues_name_file_cell_and_severity(filled):
    (plan,) = read_plans(filled).plans
    found = {(i.cell, i.severity) for i in plan.issues}
    assert ("Aktivitetsplan!J18", "warning") in found  # blank status
    assert ("Aktivitetsplan!F18", "warning") in found  # no responsible
    assert ("Aktivitetsplan!M18", "warning") in found  # cost without budget
    assert all(i.file == str(filled) for i in plan.issues)


def test_unknown_status_and_bad_values_are_errors_with_cells(template):
    rows = [
        {
            "Aktivitet": "A",
            "Ansvarlig": "K",
            "Frist": "neste uke",
            "Status": "ferdig?",
            "Budsjett (kr)": "mye",
        },
    ]
    (plan,) = read_plans(fill_plan(template, rows)).plans
    messages = {i.cell: (i.severity, i.message) for i in plan.issues}
    assert messages["Aktivitetsplan!J14"] == (
        "error",
        "ukjent status «ferdig?» – mente du «I distribusjon»? (gyldige: Å gjøre, I produksjon, I distribusjon, Avlyst)",
    )
    assert (
        messages["Aktivitetsplan!I14"][0] == "error"
        and "neste uke" in messages["Aktivitetsplan!I14"][1]
    )
    assert (
        messages["Aktivitetsplan!L14"][0] == "error" and "mye" in messages["Aktivitetsplan!L14"][1]
    )
    assert plan.activities["phase"].tolist() == ["unknown"]


def test_row_without_activity_is_a_warning_and_skipped(template):
    rows = [{"Aktivitet": "A", "Frist": date(2026, 1, 5)}, {"Kanal": "SEO", "Budsjett (kr)": 500}]
    (plan,) = read_plans(fill_plan(template, rows)).plans
    assert len(plan.activities) == 1
    assert any(i.cell == "Aktivitetsplan!B15" and i.severity == "warning" for i in plan.issues)


def test_sjekk_rules(template):
    rows = [
        {
            "ID": "A1",
            "Aktivitet": "One",
            "Ansvarlig": "K",
            "Start": date(2026, 3, 10),
            "Frist": date(2026, 3, 1),
            "Budsjett (kr)": -5,
        },
        {"ID": "A1", "Aktivitet": "Two", "Ansvarlig": "K", "Frist": date(2026, 3, 1)},
    ]
    (plan,) = read_plans(fill_plan(template, rows)).plans
    by_cell = {i.cell: i for i in plan.issues}
    assert by_cell["Aktivitetsplan!A15"].message == "ID «A1» er brukt før (rad 14)"
    assert by_cell["Aktivitetsplan!I14"].message == "fristen 01.03.2026 er før start 10.03.2026"
    assert by_cell["Aktivitetsplan!L14"].message == "negativt beløp -5"
    assert all(
        by_cell[c].severity == "error"
        for c in ("Aktivitetsplan!A15", "Aktivitetsplan!I14", "Aktivitetsplan!L14")
    )


def test_shuffled_columns_title_rows_extra_columns_and_units(tmp_path):
    path = tmp_path / "egen.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws["A1"] = "Markedsplan 2026"
    ws["A2"] = "Kampanje:"
    ws["C2"] = "Høst"  # the value is the first non-empty cell to the right
    ws.append([])
    ws.append(
        [
            "STATUS",
            "Frist",
            "Notater",
            "Ekstra kolonne",
            "oppgave",
            "Faktisk kostnad (NOK)",
            "Eier",
            "Budsjett [kr]",
        ]
    )
    ws.append(["Publisert", "15.09.2026", "ok", "x", "Video", "12 000", "Ola", 10_000])
    ws.append(["i gang", date(2026, 10, 1), None, None, "Blogg", None, "Kari", None])
    wb.save(path)
    (plan,) = read_plans(path).plans
    frame = plan.activities
    assert plan.campaign["name"] == "Høst"
    assert frame["activity"].tolist() == ["Video", "Blogg"]
    assert frame["phase"].tolist() == ["distributed", "in_production"]
    assert frame["cost"].tolist()[0] == 12_000 and frame["budget"].tolist()[0] == 10_000
    assert frame["responsible"].tolist() == ["Ola", "Kari"]
    assert frame["comment"].tolist()[0] == "ok"
    assert frame["row"].tolist() == [5, 6]


def test_english_plan(tmp_path):
    path = write_template(tmp_path / "en.xlsx", language="en")
    rows = [
        {
            "Activity": "Launch",
            "Owner": "Sam",
            "Deadline": date(2026, 5, 1),
            "Status": "In production",
            "Budget (kr)": 1000,
            "Cost (kr)": 400,
        }
    ]
    fill_plan(path, rows, {"Campaign": "Spring", "Budget": 5000})
    (plan,) = read_plans(path, Settings(language="en")).plans
    assert plan.sheet == "Activity plan"
    assert plan.campaign["name"] == "Spring" and plan.campaign["budget"] == 5000
    assert plan.activities["phase"].tolist() == ["in_production"]
    assert plan.activities["cost"].tolist() == [400]


def test_hidden_sheets_are_ignored_and_every_visible_plan_is_read(filled):
    wb = openpyxl.load_workbook(filled)
    copy = wb.copy_worksheet(wb["Aktivitetsplan"])
    copy.title = "Kopi"
    hidden = wb.copy_worksheet(wb["Aktivitetsplan"])
    hidden.title = "Skjult"
    hidden.sheet_state = "hidden"
    wb.save(filled)
    sheets = [p.sheet for p in read_plans(filled).plans]
    assert sheets == ["Aktivitetsplan", "Kopi"]


def test_formula_cells_cached_values_are_not_trusted(template):
    rows = [
        {
            "Aktivitet": "Konstant",
            "Ansvarlig": "K",
            "Frist": date(2026, 1, 1),
            "Budsjett (kr)": "=1500*4+2000",
        },
        {
            "Aktivitet": "Referanse",
            "Ansvarlig": "K",
            "Frist": date(2026, 1, 1),
            "Budsjett (kr)": "=L14*2",
        },
    ]
    path = fill_plan(template, rows)
    (plan,) = read_plans(path).plans
    assert plan.activities["budget"].tolist()[0] == 8000
    assert pd.isna(plan.activities["budget"].tolist()[1])
    warning = next(i for i in plan.issues if i.cell == "Aktivitetsplan!L15")
    assert warning.severity == "warning" and "=L14*2" in warning.message


def test_config_types_and_statuses(template):
    rows = [
        {
            "Aktivitet": "Webinar",
            "Type": "Webinar",
            "Ansvarlig": "K",
            "Frist": date(2026, 1, 1),
            "Status": "Venter på kunde",
        }
    ]
    config = Settings(
        types=("Program", "Kampanje", "Eksperiment", "Webinar"),
        extra_statuses={"Venter på kunde": "in_production"},
    )
    (plan,) = read_plans(fill_plan(template, rows), config).plans
    assert plan.activities["type"].tolist() == ["Webinar"]
    assert plan.activities["phase"].tolist() == ["in_production"]
    assert plan.issues == []


def test_the_input_file_is_never_written(filled):
    before = hashlib.sha256(filled.read_bytes()).hexdigest()
    mtime = filled.stat().st_mtime_ns
    read_plans(filled)
    assert hashlib.sha256(filled.read_bytes()).hexdigest() == before
    assert filled.stat().st_mtime_ns == mtime


def test_folder_reads_plans_skips_lock_files_and_does_not_recurse(tmp_path, template):
    folder = tmp_path / "mappe"
    (folder / "under").mkdir(parents=True)
    for name in ("b.xlsx", "a.xlsx", "under/c.xlsx"):
        (folder / name).write_bytes(template.read_bytes())
    (folder / "~$a.xlsx").write_bytes(b"lock")
    (folder / ".~lock.a.xlsx#").write_bytes(b"lock")
    (folder / "notater.txt").write_text("x")
    assert [p.file for p in read_plans(folder).plans] == [
        str(folder / "a.xlsx"),
        str(folder / "b.xlsx"),
    ]
    assert len(read_plans(folder, recursive=True).plans) == 3


def test_out_of_range_date_serial_is_an_issue_not_a_crash(template):
    """calamine panics on such a cell (python-calamine #139); the reader falls back to openpyxl."""
    rows = [
        {"Aktivitet": "Stor", "Ansvarlig": "K", "Frist": 10**12, "Status": "Å gjøre"},
        {
            "Aktivitet": "Vanlig",
            "Ansvarlig": "K",
            "Frist": date(2026, 5, 1),
            "Status": "Å gjøre",
            "Budsjett (kr)": "1 000 kr",
        },
    ]
    (plan,) = read_plans(fill_plan(template, rows)).plans
    assert plan.activities["activity"].tolist() == ["Stor", "Vanlig"]
    assert pd.isna(plan.activities["deadline"].iloc[0])
    assert plan.activities["deadline"].iloc[1].date() == date(2026, 5, 1)
    assert plan.activities["budget"].iloc[1] == 1000
    issue = next(i for i in plan.issues if i.cell == "Aktivitetsplan!I14")
    assert issue.severity == "error"


def test_error_values_are_issues_not_lost(template):
    """calamine reads an error cell as ''; the reader reports it at its cell."""
    rows = [{"Aktivitet": "A", "Ansvarlig": "K", "Frist": "#N/A", "Kostnad (kr)": "#DIV/0!"}]
    path = fill_plan(template, rows)  # openpyxl writes these as error cells (t="e")
    (plan,) = read_plans(path).plans
    messages = {i.cell: i.message for i in plan.issues if i.severity == "error"}
    assert messages["Aktivitetsplan!I14"] == "formelfeil «#N/A» i cellen"
    assert messages["Aktivitetsplan!M14"] == "formelfeil «#DIV/0!» i cellen"


def test_a_folder_read_ahead_by_two_readers_equals_each_file_read_alone(tmp_path):
    """The read-ahead (two reader threads, formula scan inline) changes nothing: every
    plan, issue and unreadable file is what reading each file on its own gives."""
    from aktivitetsplan.read.reader import Inputs, read_workbook

    folder = tmp_path / "planer"
    folder.mkdir()
    for n in range(7):
        rows = [
            {
                "ID": str(n),
                "Aktivitet": f"Plan {n}",
                "Ansvarlig": "Kari" if n % 2 else None,
                "Frist": "15.03.2026",
                "Status": "pågår" if n % 3 else "ferdig?",
                # every third plan has formulas: one constant, one that is not trusted
                "Budsjett (kr)": f"={n}*1000" if n % 3 == 0 else f"{n} 000 kr",
                "Kostnad (kr)": "=L14*2" if n % 3 == 0 else n * 100,
            }
        ]
        fill_plan(write_template(folder / f"plan-{n}.xlsx"), rows)
    (folder / "skadet.xlsx").write_bytes((folder / "plan-1.xlsx").read_bytes()[:700])

    paths = sorted(folder.glob("*.xlsx"))
    with Inputs.expand([folder], Settings()) as inputs:
        assert [path for path, _ in inputs.targets] == paths
        inputs.start_prefetch(workers=2, ahead=3)
        together = read_plans(inputs)
    assert inputs.ahead.handed_over == 7  # the plans came from the read-ahead, the broken file not

    alone, unreadable = [], []
    for path in paths:
        try:
            alone.extend(read_workbook(path))
        except Exception as exc:  # what read_plans lists as unreadable
            unreadable.append((str(path), str(exc)))

    def key(plan):
        return (
            plan.file,
            plan.campaign,
            plan.activities.to_json(date_format="iso"),  # NaN-safe comparison
            [issue.to_dict() for issue in plan.issues],
        )

    assert [key(p) for p in together.plans] == [key(p) for p in alone]
    assert [(u.file, u.message) for u in together.unreadable] == unreadable
    assert [u.file for u in together.unreadable] == [str(folder / "skadet.xlsx")]
    budgets = {p.file.rsplit("/", 1)[-1]: p.activities["budget"].tolist()[0] for p in alone}
    assert budgets["plan-3.xlsx"] == 3000 and budgets["plan-4.xlsx"] == 4000
    formula_warnings = [i.cell for p in alone for i in p.issues if "=L14*2" in i.message]
    assert formula_warnings == ["Aktivitetsplan!M14"] * 3  # plans 0, 3 and 6


def test_inputs_expand_once_and_read_ahead_on_request(tmp_path, monkeypatch):
    """`Inputs` lists the files once; the read-ahead starts on request (for one file
    too: the caller has other work meanwhile), once, and stops on close."""
    from aktivitetsplan.read import files, inputs
    from aktivitetsplan.read.reader import Inputs

    folder = tmp_path / "planer"
    folder.mkdir()
    for n in range(2):
        fill_plan(write_template(folder / f"plan-{n}.xlsx"), [{"Aktivitet": f"Plan {n}"}])
    calls = []

    def counting(*args, **kwargs):
        calls.append(args)
        return files.expand(*args, **kwargs)

    monkeypatch.setattr(inputs, "expand", counting)
    missing = tmp_path / "borte.xlsx"
    settings = Settings(language="en")
    with Inputs.expand([folder, missing], settings) as found:
        assert found.paths == (folder, missing)
        assert len(found) == 3
        assert found.good == sorted(folder.glob("*.xlsx"))
        assert found.targets[-1][0] == missing and "borte.xlsx" in found.targets[-1][1]
        assert not found.started and found.ahead is None
        found.start_prefetch()
        ahead = found.ahead
        found.start_prefetch()  # idempotent
        assert found.ahead is ahead is not None
        result = read_plans(found, settings)
    assert len(calls) == 1  # read_plans used the list it was given
    assert [p.table["activity"].tolist() for p in result.plans] == [["Plan 0"], ["Plan 1"]]
    assert [u.file for u in result.unreadable] == [str(missing)]
    assert ahead.handed_over == 2
    found.close()  # closing twice is harmless
    found.start_prefetch()  # and a start after close does nothing
    assert found.ahead is ahead

    with Inputs.expand(folder / "plan-0.xlsx", settings) as one:
        assert len(one) == 1 and one.paths == (folder / "plan-0.xlsx",)
        one.start_prefetch()
        assert one.ahead is not None  # asked for: one file gets a head start too
    alone = Inputs.expand([folder / "plan-0.xlsx"], settings)
    read_plans(alone)  # not asked for: one file is read without a read-ahead
    assert alone.ahead is None
    both = Inputs.expand([folder], settings)
    read_plans(both)  # two files: read_plans starts it itself
    assert both.ahead is not None and both.ahead.handed_over == 2
