"""`aktplan sjekk`: linter lines with cells, in reading order, a summary, exit codes."""

from __future__ import annotations

from datetime import date

from conftest import fill_plan, write_template
from conftest import run_aktplan as run


def test_sjekk_lists_every_issue_in_reading_order(tmp_path):
    path = write_template(tmp_path / "plan.xlsx")
    fill_plan(
        path,
        [
            {
                "ID": "A",
                "Aktivitet": "En",
                "Ansvarlig": "Kari",
                "Frist": date(2026, 3, 1),
                "Status": "ferdig?",
            },
            {
                "ID": "A",
                "Aktivitet": "To",
                "Frist": "i morgen",
                "Status": "Å gjøre",
                "Budsjett (kr)": "-200",
            },
        ],
    )
    result = run("sjekk", "plan.xlsx", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "plan.xlsx:Aktivitetsplan!J14: feil: ukjent status «ferdig?» – mente du «I distribusjon»? (gyldige: Å gjøre, I produksjon, I distribusjon, Avlyst)",
        "plan.xlsx:Aktivitetsplan!A15: feil: ID «A» er brukt før (rad 14)",
        "plan.xlsx:Aktivitetsplan!F15: advarsel: aktiviteten «To» mangler ansvarlig",
        "plan.xlsx:Aktivitetsplan!I15: feil: ugyldig dato «i morgen»; skriv f.eks. 15.03.2026",
        "plan.xlsx:Aktivitetsplan!L15: feil: negativt beløp -200",
        "1 fil(er), 1 plan(er), 2 aktiviteter: 4 feil, 1 advarsler",
    ]


def test_sjekk_exit_0_with_only_warnings_and_english(tmp_path):
    path = write_template(tmp_path / "plan.xlsx", language="en")
    fill_plan(
        path,
        [
            {"Activity": "One", "Deadline": date(2026, 3, 1), "Status": "Done"},
            {"Activity": "Two", "Status": "To do"},
        ],
    )
    result = run("sjekk", "plan.xlsx", "--språk", "en", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "plan.xlsx:'Activity plan'!F15: warning: the activity \"Two\" has no owner",
        "plan.xlsx:'Activity plan'!I15: warning: the activity \"Two\" has no deadline",
        "1 file(s), 1 plan(s), 2 activities: 0 errors, 2 warnings",
    ]
