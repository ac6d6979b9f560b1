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


CASES = {"messy": messy, "errors": errors, "english": english, "own-layout": own_layout}

if __name__ == "__main__":
    for name, make in CASES.items():
        make(HERE / f"{name}.xlsx")
        print(HERE / f"{name}.xlsx")
