"""Write the golden input workbooks: `python tests/cases/make_cases.py`.

Each `NAME.xlsx` has its expected report beside it as `NAME.json` (the report
date is the JSON's "date"). Adding a case is adding a file pair; review the
JSON by hand before committing it (`pytest tests/test_golden.py --update-golden`
writes it).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from conftest import fill_plan, write_template  # noqa: E402


def messy(path: Path) -> None:
    write_template(path)
    fill_plan(
        path,
        [
            {
                "ID": 1,
                "Aktivitet": "Kundecase",
                "Type": "kampanje",
                "Kanal": "Blogg",
                "Ansvarlig": "Kari",
                "Start": "2.3.26",
                "Frist": "15. mars 2026",
                "Status": "Under arbeid",
                "Budsjett (kr)": "25 000 kr",
                "Kostnad (kr)": "12.500,-",
            },
            {
                "ID": 2,
                "Aktivitet": "Nyhetsbrev mars",
                "Type": "Program",
                "Kanal": "Nyhetsbrev",
                "Ansvarlig": "Ola",
                "Frist": date(2026, 3, 28),
                "Status": "Publisert",
                "Budsjett (kr)": 4000,
                "Kostnad (kr)": 4200,
            },
            {},
            {
                "ID": 3,
                "Aktivitet": "Test: ny CTA",
                "Type": "eksperiment",
                "Kanal": "Nettside",
                "Ansvarlig": "Kari",
                "Start": "2026-04-01",
                "Frist": "10/4/2026",
                "Status": "planlagt",
                "Budsjett (kr)": "kr 2 000",
            },
            {
                "ID": 4,
                "Aktivitet": "Podkast",
                "Type": "Eksperiment",
                "Ansvarlig": "Ola",
                "Frist": "01.02.2026",
                "Status": "utgår",
            },
            {"Aktivitet": "Totalt", "Budsjett (kr)": 31000, "Kostnad (kr)": 16700},
        ],
        {
            "Kampanje": "Kundehistorier",
            "KPI": "Leads",
            "Måltall": "40",
            "Budsjett": "50 000 kr",
            "Start": "01.02.2026",
            "Slutt": "30.04.2026",
        },
    )


def errors(path: Path) -> None:
    write_template(path)
    fill_plan(
        path,
        [
            {
                "ID": "X",
                "Aktivitet": "Ukjent status",
                "Ansvarlig": "Kari",
                "Frist": "31.02.2026",
                "Status": "ferdig?",
            },
            {
                "ID": "X",
                "Aktivitet": "Dobbel ID",
                "Frist": date(2026, 3, 1),
                "Start": date(2026, 3, 5),
                "Kostnad (kr)": "masse",
            },
            {"Kanal": "SEO", "Budsjett (kr)": 100},
        ],
    )


def english(path: Path) -> None:
    write_template(path, language="en")
    fill_plan(
        path,
        [
            {
                "ID": "E1",
                "Activity": "Webinar",
                "Type": "Campaign",
                "Channel": "Webinar",
                "Owner": "Sam",
                "Start": date(2026, 3, 2),
                "Deadline": date(2026, 3, 20),
                "Status": "Done",
                "Budget (kr)": 10000,
                "Cost (kr)": 8000,
                "KPI": "Sign-ups",
                "Result": 80,
            },
            {
                "ID": "E2",
                "Activity": "Follow-up mails",
                "Type": "Campaign",
                "Channel": "E-post",
                "Owner": "Alex",
                "Deadline": date(2026, 4, 3),
                "Status": "In progress",
                "Budget (kr)": 1000,
            },
        ],
        {"Campaign": "Spring webinar", "KPI": "Sign-ups", "Target": 100, "Budget": 12000},
    )


def own_layout(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Q2"
    ws.append(["Markedsplan Q2"])
    ws.append(["Prosjekt:", None, "Sommerkampanje"])
    ws.append(["Budsjett:", "80 000"])
    ws.append([])
    ws.append(
        [
            "Oppgave",
            "Eier",
            "Due date",
            "STATUS",
            "Forbruk (NOK)",
            "Planlagt kostnad",
            "Egen kolonne",
        ]
    )
    ws.append(["Influencere", "Ingrid", "01.06.2026", "startet", "30 000", 40000, "x"])
    ws.append(["Utendørsreklame", "Jonas", date(2026, 5, 15), "levert", 35000, 30000, None])
    ws.append(["Sommerfest", None, None, None, None, None, "y"])
    wb.create_sheet("Notater").append(["Dette arket er ikke en plan"])
    wb.save(path)


SPRING_2027 = {"Kampanje": "Vår 2027", "Start": "01.03.2027", "Slutt": "30.06.2027"}
# The plan from the issue «Figures you can trust»: no years, `12,5k`, a synonym, a formula.
ISSUE_ROWS = [
    {
        "ID": "1",
        "Aktivitet": "Landingsside",
        "Ansvarlig": "Kari",
        "Frist": "15.3",
        "Status": "ikke påbegynt",
        "Budsjett (kr)": "12,5k",
    },
    {
        "ID": "2",
        "Aktivitet": "Annonser",
        "Ansvarlig": "Ola",
        "Frist": "1. april",
        "Status": "pågår",
        "Budsjett (kr)": 45_000,
        "Kostnad (kr)": "=L15*0.5",
    },
]


def typed_dates(path: Path) -> None:
    """Dates as people type them: no year, week numbers (report date 2027-04-15)."""
    write_template(path)
    rows = [
        ("Landingsside", "uke 10", "15.3"),
        ("Annonser", None, "1. april"),
        ("Webinar", "u14", "uke 16"),
        ("Pressemelding", "15/3", "u.20"),
        ("Nyhetsbrev", "1. apr.", "15 mars"),
        ("Kundecase", None, "uke 14 2027"),
        ("Video", None, "week 23"),
        ("Podkast", None, "uke 60"),
    ]
    fill_plan(
        path,
        [
            {"ID": n, "Aktivitet": a, "Ansvarlig": "Kari", "Start": s, "Frist": d, "Status": "ny"}
            for n, (a, s, d) in enumerate(rows, start=1)
        ],
        SPRING_2027,
    )


def typed_amounts(path: Path) -> None:
    """Amounts as people type them, and the ones that cannot be summed."""
    write_template(path)
    amounts = [
        "12,5k", "12.5k", "12 k", "1 mill", "1,2 mill.", "2 MNOK", "kr 12.500,-",
        "NOK 12 500", "12 500 NOK", "ca. 5000", "5 000–7 000", "12 500 eks. mva",
        "12 500 per mnd",
    ]  # fmt: skip
    fill_plan(
        path,
        [
            {
                "ID": n,
                "Aktivitet": f"Aktivitet {n}",
                "Ansvarlig": "Ola",
                "Frist": date(2027, 5, 1),
                "Status": "pågår",
                "Budsjett (kr)": amount,
                "Kostnad (kr)": 1000,
            }
            for n, amount in enumerate(amounts, start=1)
        ],
        {**SPRING_2027, "Budsjett": "5 mill"},
    )


def typed_statuses(path: Path) -> None:
    """Statuses as Norwegian teams write them, progress in per cent, one misspelt."""
    write_template(path)
    statuses = [
        "ikke påbegynt", "ikke begynt", "venter", "på vent", "idé", "jobbes med",
        "i arbeid", "til godkjenning", "utkast", "lansert", "sendt ut", "live",
        "gjennomført", "fullført", "droppet", "avbrutt", "0 %", "50 %", 0.5, "100%",
        1, "WIP", "On hold", "Ferdg",
    ]  # fmt: skip
    fill_plan(
        path,
        [
            {
                "ID": n,
                "Aktivitet": f"Aktivitet {n}",
                "Ansvarlig": "Ingrid",
                "Frist": date(2027, 5, 1),
                "Status": status,
            }
            for n, status in enumerate(statuses, start=1)
        ],
        SPRING_2027,
    )


def formulas_saved(path: Path) -> None:
    """The plan from the issue: formulas saved by LibreOffice with their values.

    Filled with openpyxl (formulas without values), then re-saved by LibreOffice
    headless, which computes them on load and saves the results; a constant formula, a
    reference, a SUM and an error value (`=1/0`).
    """
    import tempfile

    from conftest import convert

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / path.name
        write_template(source)
        fill_plan(
            source,
            [
                {**ISSUE_ROWS[0], "Kostnad (kr)": "=1500*4+2000"},
                ISSUE_ROWS[1],
                {
                    "ID": "3",
                    "Aktivitet": "Messe",
                    "Ansvarlig": "Ingrid",
                    "Frist": date(2027, 5, 20),
                    "Status": "Å gjøre",
                    "Budsjett (kr)": "=SUM(L14:L15)",
                    "Kostnad (kr)": "=1/0",
                },
            ],
            SPRING_2027,
        )
        saved = convert(source, "xlsx", Path(folder) / "saved")
        path.write_bytes(saved.read_bytes())


CASES = {
    "messy": messy,
    "errors": errors,
    "english": english,
    "own-layout": own_layout,
    "typed-dates": typed_dates,
    "typed-amounts": typed_amounts,
    "typed-statuses": typed_statuses,
    "formulas-saved": formulas_saved,
}

if __name__ == "__main__":
    wanted = sys.argv[1:] or list(CASES)  # `make_cases.py typed-dates`: that case only
    for name, make in ((n, CASES[n]) for n in wanted):
        make(HERE / f"{name}.xlsx")
        print(HERE / f"{name}.xlsx")
