"""`aktplan oppgaver`: each person's open tasks across the plans, in every format.

The plans are written by our own template writer and filled with openpyxl; the command
runs in-process (`conftest.run_aktplan`), as a user runs it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import fill_plan, run_aktplan, write_template

from aktivitetsplan.compute.people import split_names
from aktivitetsplan.view.people import file_stems, safe_file_name

DATE = "2026-03-31"


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    """Two plans: Kari Nordmann owns and executes, Ola executes, Åse Ødegård owns one."""
    motor = write_template(tmp_path / "innholdsmotor.xlsx")
    fill_plan(
        motor,
        [
            # row 14: open, 6 days late
            {"ID": "M1", "Aktivitet": "Nyhetsbrev mars", "Type": "Program",
             "Ansvarlig": "Kari Nordmann", "Utfører": "Ola", "Frist": date(2026, 3, 25),
             "Status": "I produksjon"},
            # row 15: open, due in 10 days
            {"ID": "M2", "Aktivitet": "Blogg april", "Ansvarlig": "Ola",
             "Utfører": "kari nordmann", "Frist": date(2026, 4, 10), "Status": "Å gjøre"},
            # row 16: done: in nobody's list
            {"ID": "M3", "Aktivitet": "Ferdig video", "Ansvarlig": "Kari Nordmann",
             "Frist": date(2026, 3, 1), "Status": "I distribusjon"},
            # row 17: open, no deadline
            {"ID": "M4", "Aktivitet": "Idébank", "Ansvarlig": "Kari Nordmann",
             "Status": "Å gjøre"},
            # row 18: open, nobody named
            {"ID": "M5", "Aktivitet": "Uten eier", "Frist": date(2026, 4, 2), "Status": "Å gjøre"},
        ],
        {"Kampanje": "Innholdsmotor"},
    )  # fmt: skip
    spring = write_template(tmp_path / "vaar.xlsx")
    fill_plan(
        spring,
        [
            # row 14: open, 21 days late, owner and executor both Kari
            {"ID": "V1", "Aktivitet": "Landingsside", "Ansvarlig": "Kari Nordmann",
             "Utfører": "Kari Nordmann", "Frist": date(2026, 3, 10), "Status": "I produksjon"},
            # row 15: two owners in one cell
            {"ID": "V2", "Aktivitet": "Pressemelding", "Ansvarlig": "Åse Ødegård og Ola",
             "Frist": date(2026, 4, 20), "Status": "Å gjøre"},
            # row 16: cancelled: no task
            {"ID": "V3", "Aktivitet": "Messe", "Ansvarlig": "Kari Nordmann",
             "Frist": date(2026, 4, 1), "Status": "Avlyst"},
        ],
        {"Kampanje": "Vårkampanje"},
    )  # fmt: skip
    return tmp_path


def run(folder: Path, *args: str):
    return run_aktplan("oppgaver", str(folder), "--dato", DATE, *args, cwd=folder)


def test_json_lists_each_persons_open_tasks_in_order_with_roles(plans):
    code, out, err = run(plans, "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["schema"] == "aktplan.oppgaver/1"
    assert doc["date"] == DATE
    assert doc["unassigned"] == 1
    people = {p["person"]: p for p in doc["people"]}
    assert list(people) == ["Åse Ødegård", "Kari Nordmann", "Ola"]  # by name, letters folded
    kari = people["Kari Nordmann"]
    assert [t["activity"] for t in kari["tasks"]] == [
        "Landingsside",  # 21 days late
        "Nyhetsbrev mars",  # 6 days late
        "Blogg april",  # due in 10 days
        "Idébank",  # no deadline: last
    ]
    assert [t["role"] for t in kari["tasks"]] == ["both", "responsible", "executor", "responsible"]
    assert [t["days_left"] for t in kari["tasks"]] == [-21, -6, 10, None]
    assert (kari["open"], kari["overdue"]) == (4, 2)
    assert [t["activity"] for t in kari["cancelled"]] == ["Messe"]
    ola = people["Ola"]
    assert [(t["activity"], t["role"]) for t in ola["tasks"]] == [
        ("Nyhetsbrev mars", "executor"),
        ("Blogg april", "responsible"),
        ("Pressemelding", "responsible"),
    ]
    assert [t["activity"] for t in people["Åse Ødegård"]["tasks"]] == ["Pressemelding"]


def test_text_says_role_campaign_days_and_where_the_row_is(plans):
    code, out, err = run(plans, "--person", "Kari Nordmann")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Oppgaver for Kari Nordmann"
    assert lines[1] == "4 åpne oppgaver, 2 forsinket – per 31.03.2026"
    assert lines[2] == "  ! Landingsside (Ansvarlig og utfører)"
    assert lines[3] == "    Vårkampanje · I produksjon · frist 10.03.2026, 21 dager forsinket"
    assert lines[4] == "    vaar.xlsx: Aktivitetsplan rad 14"
    assert "  ! Nyhetsbrev mars (Ansvarlig)" in lines
    assert "    innholdsmotor.xlsx: Aktivitetsplan rad 14" in lines
    assert "  - Blogg april (Utfører)" in lines
    assert "    Innholdsmotor · Å gjøre · frist 10.04.2026, 10 dager igjen" in lines
    assert "    Innholdsmotor · Å gjøre · ingen frist" in lines
    assert "Ferdig video" not in out and "Messe" not in out


def test_english_text(plans):
    code, out, err = run(plans, "--person", "ola", "--språk", "en", "--format", "text")
    assert code == 0, err
    assert out.splitlines()[0] == "Tasks for Ola"
    assert "  ! Nyhetsbrev mars (Assignee)" in out
    assert "innholdsmotor.xlsx: Aktivitetsplan row 14" in out


@pytest.mark.parametrize("query", ["Kari Nordmann", "kari nordmann", "KARI", "kari"])
def test_person_by_full_name_first_name_and_any_case(plans, query):
    code, out, err = run(plans, "--person", query, "--format", "json")
    assert code == 0, err
    assert [p["person"] for p in json.loads(out)["people"]] == ["Kari Nordmann"]


def test_person_with_letters_folded_by_case(plans):
    code, out, err = run(plans, "--person", "åse", "--format", "json")
    assert code == 0, err
    assert [p["person"] for p in json.loads(out)["people"]] == ["Åse Ødegård"]


def test_unknown_person_is_one_error_line_listing_the_names(plans):
    code, out, err = run(plans, "--person", "Per")
    assert code == 2
    assert out == ""
    assert err.startswith("Feil: ")
    assert len(err.strip().splitlines()) == 1
    assert "«Per»" in err
    for name in ("Kari Nordmann", "Ola", "Åse Ødegård"):
        assert name in err


def test_ambiguous_first_name_is_an_error_listing_the_candidates(tmp_path):
    plan = write_template(tmp_path / "plan.xlsx")
    fill_plan(
        plan,
        [
            {"Aktivitet": "A", "Ansvarlig": "Kari Nordmann", "Status": "Å gjøre"},
            {"Aktivitet": "B", "Ansvarlig": "Kari Hansen", "Status": "Å gjøre"},
        ],
    )
    code, _out, err = run(tmp_path, "--person", "kari")
    assert code == 2
    assert err.startswith("Feil: ")
    assert "Kari Hansen" in err and "Kari Nordmann" in err
    code, out, err = run(tmp_path, "--person", "kari hansen")
    assert code == 0, err
    assert out.startswith("Oppgaver for Kari Hansen\n")


def test_a_person_without_open_tasks_says_so(plans):
    plan = write_template(plans / "ekstra.xlsx")
    fill_plan(plan, [{"Aktivitet": "Gammel", "Ansvarlig": "Per", "Status": "I distribusjon"}])
    code, out, err = run(plans, "--person", "per")
    assert code == 0, err
    assert "Ingen åpne oppgaver." in out
    code, out, _err = run(plans)
    assert "Oppgaver for Per" not in out  # the list of everyone shows people with tasks


def test_markdown_and_html(plans):
    code, out, err = run(plans, "--format", "markdown", "--person", "ola")
    assert code == 0, err
    assert out.startswith("# Oppgaver for Ola\n")
    assert "| Aktivitet | Rolle | Kampanje | Fase | Frist | Dager | Finnes i |" in out
    assert (
        "| Nyhetsbrev mars | Utfører | Innholdsmotor | I produksjon | 25.03.2026 "
        "| **6 dager forsinket** | innholdsmotor.xlsx: Aktivitetsplan rad 14 |"
    ) in out
    code, out, err = run(plans, "--format", "html")
    assert code == 0, err
    assert out.startswith("<!DOCTYPE html>")
    assert "<h2>Oppgaver for Kari Nordmann</h2>" in out
    assert '<tr class="late">' in out
    assert "<td>vaar.xlsx: Aktivitetsplan rad 14</td>" in out


def test_markup_in_a_name_stays_text(tmp_path):
    plan = write_template(tmp_path / "plan.xlsx")
    name = "<script>alert(1)"
    fill_plan(plan, [{"Aktivitet": "<b>Fet</b> | x", "Ansvarlig": name, "Status": "Å gjøre"}])
    code, out, err = run(tmp_path, "--format", "html")
    assert code == 0, err
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)" in out
    assert "&lt;b&gt;Fet&lt;/b&gt;" in out
    code, out, err = run(tmp_path, "--format", "markdown")
    assert code == 0, err
    assert "\\<script\\>alert(1)" in out
    assert "\\<b\\>Fet\\</b\\> \\| x" in out


def test_output_file_format_follows_its_ending(plans):
    code, _out, err = run(plans, "-o", "liste.md", "--person", "ola")
    assert code == 0, err
    assert (plans / "liste.md").read_text(encoding="utf-8").startswith("# Oppgaver for Ola")
    code, _out, err = run(plans, "-o", "liste.json")
    assert code == 0, err
    assert json.loads((plans / "liste.json").read_text(encoding="utf-8"))["people"]
    code, _out, err = run(plans, "-o", "liste.json")  # exists: needs --overskriv
    assert code == 2 and err.startswith("Feil: ")
    code, _out, err = run(plans, "-o", "liste.json", "--overskriv")
    assert code == 0, err
    code, _out, err = run(plans, "-o", "liste.pdf")
    assert code == 2 and ".pdf" in err and ".ics" in err
    code, _out, err = run(plans, "-o", "liste.md", "--format", "json", "--overskriv")
    assert code == 2 and err.startswith("Feil: ")


@pytest.mark.parametrize(("fmt", "ending"), [("ics", ".ics"), ("html", ".html"), ("tekst", ".txt")])
def test_output_folder_gets_one_file_per_person_with_safe_names(plans, fmt, ending):
    code, _out, err = run(plans, "-o", "til-hver", "--format", fmt)
    assert code == 0, err
    folder = plans / "til-hver"
    names = sorted(path.name for path in folder.iterdir())
    assert names == sorted(f"{stem}{ending}" for stem in ("ase-odegard", "kari-nordmann", "ola"))
    assert "Skrev" in err
    kari = (folder / f"kari-nordmann{ending}").read_bytes().decode("utf-8")
    assert "Landingsside" in kari and "Pressemelding" not in kari


def test_existing_output_folder(plans):
    (plans / "ut").mkdir()
    code, _out, err = run(plans, "-o", "ut", "--format", "markdown", "--person", "kari")
    assert code == 0, err
    assert [p.name for p in (plans / "ut").iterdir()] == ["kari-nordmann.md"]


def test_safe_file_names():
    assert safe_file_name("Kari Nordmann") == "kari-nordmann"
    assert safe_file_name("Åse Ødegård-Ærø") == "ase-odegard-aero"
    assert safe_file_name("José Müller") == "jose-muller"
    assert safe_file_name("../../etc/passwd") == "etc-passwd"
    assert safe_file_name("<script>") == "script"
    assert safe_file_name("???") == "person"
    assert file_stems(["Åse", "Ase", "ase!"]) == {"Åse": "ase", "Ase": "ase-2", "ase!": "ase-3"}


def test_split_names():
    assert split_names("Kari, Ola") == ["Kari", "Ola"]
    assert split_names("Kari og Ola / Per & Liv") == ["Kari", "Ola", "Per", "Liv"]
    assert split_names("  Kari   Nordmann ") == ["Kari Nordmann"]
    assert split_names(None) == []
