"""Bad input: one `Feil:` line naming the file and what to do, exit 2, no traceback.

When several files are given, the readable ones are still reported.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import fill_plan, write_template
from conftest import run_aktplan as aktplan

from aktivitetsplan.read.files import OLE2_MAGIC


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = write_template(tmp_path / "god.xlsx")
    return fill_plan(
        path,
        [{"Aktivitet": "Blogg", "Ansvarlig": "Kari", "Frist": "01.04.2026", "Status": "Å gjøre"}],
    )


def make_bad(tmp_path: Path, kind: str, good: Path) -> str:
    """Create a bad input of `kind` in tmp_path and return its name."""
    if kind == "missing":
        return "finnes-ikke.xlsx"
    if kind == "empty_dir":
        (tmp_path / "tom-mappe").mkdir()
        (tmp_path / "tom-mappe" / "notat.txt").write_text("ingen planer her")
        return "tom-mappe"
    if kind == "zero":
        (tmp_path / "tom.xlsx").write_bytes(b"")
        return "tom.xlsx"
    if kind == "text":
        (tmp_path / "tekst.xlsx").write_text("Dette er ikke et regneark\n")
        return "tekst.xlsx"
    if kind == "pdf":
        (tmp_path / "rapport.xlsx").write_bytes(
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
        )
        return "rapport.xlsx"
    if kind == "truncated":
        data = good.read_bytes()
        (tmp_path / "avkortet.xlsx").write_bytes(data[: len(data) // 3])
        return "avkortet.xlsx"
    if kind == "password":
        from msoffcrypto.format.ooxml import OOXMLFile

        with good.open("rb") as source, (tmp_path / "laast.xlsx").open("wb") as out:
            OOXMLFile(source).encrypt("hemmelig", out)
        return "laast.xlsx"
    if kind == "fake_xls":
        (tmp_path / "gammel.xls").write_text("ikke excel")
        return "gammel.xls"
    if kind == "word_doc":
        # An old Word document (an OLE2 container like .xls) given an Excel name
        header = OLE2_MAGIC + bytes(504)
        directory = "Root Entry".encode("utf-16-le") + "WordDocument".encode("utf-16-le")
        (tmp_path / "brev.xlsx").write_bytes(header + directory.ljust(1024, b"\0"))
        return "brev.xlsx"
    if kind == "no_plan":
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["Budsjett 2026"])
        ws.append(["Post", "Beløp"])
        ws.append(["Lønn", 5])
        wb.save(tmp_path / "budsjett.xlsx")
        return "budsjett.xlsx"
    if kind == "zip_bomb":
        with zipfile.ZipFile(tmp_path / "bombe.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("xl/workbook.xml", "<workbook/>")
            archive.writestr("xl/media/image1.bin", b"\0" * (201 * 1024 * 1024))
        return "bombe.xlsx"
    if kind == "docx":
        with zipfile.ZipFile(tmp_path / "notat.xlsx", "w") as archive:
            archive.writestr("word/document.xml", "<document/>")
        return "notat.xlsx"
    raise AssertionError(kind)


EXPECTED = {
    "missing": "Feil: finnes-ikke.xlsx: finnes ikke; sjekk navnet og mappen",
    "empty_dir": "Feil: tom-mappe: mappen har ingen planer (.xlsx, .xlsm, .ods); legg planene der, eller bruk --rekursiv for å lete i undermappene",
    "zero": "Feil: tom.xlsx: filen er tom (0 byte); lagre planen på nytt fra Excel eller LibreOffice",
    "text": "Feil: tekst.xlsx: er ikke et regneark (.xlsx, .xlsm eller .ods); åpne den i Excel og lagre som .xlsx",
    "pdf": "Feil: rapport.xlsx: er ikke et regneark (.xlsx, .xlsm eller .ods); åpne den i Excel og lagre som .xlsx",
    "truncated": "Feil: avkortet.xlsx: filen er skadet eller ufullstendig (zip-arkivet er avkortet); lagre den på nytt fra Excel eller LibreOffice",
    "password": "Feil: laast.xlsx: arbeidsboken er passordbeskyttet; fjern passordet (Fil > Info > Beskytt arbeidsbok) og lagre på nytt",
    "fake_xls": "Feil: gammel.xls: er ikke et regneark (.xlsx, .xlsm eller .ods); åpne den i Excel og lagre som .xlsx",
    "word_doc": "Feil: brev.xlsx: er ikke et regneark (.xlsx, .xlsm eller .ods); åpne den i Excel og lagre som .xlsx",
    "no_plan": "Feil: budsjett.xlsx: fant ingen plantabell; så etter en overskriftsrad med «Aktivitet» og minst to av «ID», «Type», «Kanal», «Ansvarlig», «Frist», «Status», «Budsjett», «Kostnad» i de første 30 radene. Første rader: Budsjett 2026 / Post | Beløp / Lønn | 5",
    "zip_bomb": "Feil: bombe.xlsx: pakker seg ut til 201 MB, over grensen på 200 MB; filen avvises (sett maks_utpakket_mb i aktplan.toml hvis den er ekte)",
    "docx": "Feil: notat.xlsx: er ikke et regneark (.xlsx, .xlsm eller .ods); åpne den i Excel og lagre som .xlsx",
}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
@pytest.mark.parametrize("command", ["rapport", "sjekk"])
def test_one_bad_input_one_line(tmp_path, good, kind, command):
    name = make_bad(tmp_path, kind, good)
    run = aktplan(command, name, cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr == EXPECTED[kind] + "\n"
    assert "Traceback" not in run.stdout + run.stderr


@pytest.mark.parametrize("kind", ["text", "truncated", "zip_bomb", "missing"])
def test_the_good_files_are_still_reported(tmp_path, good, kind):
    name = make_bad(tmp_path, kind, good)
    run = aktplan(
        "rapport",
        "--uten-historikk",
        good.name,
        name,
        "--format",
        "json",
        "--dato",
        "2026-03-31",
        cwd=tmp_path,
    )
    assert run.returncode == 2
    assert run.stderr == EXPECTED[kind] + "\n"
    data = json.loads(run.stdout)
    assert [p["file"] for p in data["plans"]] == ["god.xlsx"]
    assert data["unreadable"] == [{"file": name, "message": EXPECTED[kind].removeprefix("Feil: ")}]


def test_zip_bomb_is_refused_before_parsing_and_the_limit_is_configurable(tmp_path, good):
    name = make_bad(tmp_path, "zip_bomb", good)
    (tmp_path / "aktplan.toml").write_text("maks_utpakket_mb = 300\n")
    run = aktplan("sjekk", name, cwd=tmp_path)
    # Under the raised limit the file is parsed, and then it is not a workbook calamine can open.
    assert run.returncode == 2
    assert run.stderr == (
        "Feil: bombe.xlsx: filen er skadet eller ufullstendig (File not found '_rels/.rels'); "
        "lagre den på nytt fra Excel eller LibreOffice\n"
    )


def test_debug_shows_the_traceback(tmp_path, good):
    name = make_bad(tmp_path, "text", good)
    run = aktplan("--debug", "rapport", "--uten-historikk", name, cwd=tmp_path)
    assert run.returncode != 0
    assert "Traceback" in run.stderr and "InputError" in run.stderr


def test_xml_entity_attack_is_not_expanded(tmp_path, good):
    """A billion-laughs DOCTYPE in a sheet: refused, never expanded."""
    bomb = tmp_path / "latter.xlsx"
    laughs = (
        '<!DOCTYPE x [<!ENTITY a "hahahahahahahahahaha">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + "]>"
    )
    with (
        zipfile.ZipFile(good) as source,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                head, rest = text.split("?>", 1) if text.startswith("<?xml") else ("", text)
                assert "Blogg" in rest
                data = (
                    (head + "?>" if head else "") + laughs + rest.replace("Blogg", "&i;")
                ).encode()
            target.writestr(item, data)
    run = aktplan("sjekk", bomb.name, cwd=tmp_path)
    assert "Traceback" not in run.stderr
    assert len(run.stdout) + len(run.stderr) < 5000  # nothing was expanded into the output
    # No spreadsheet program writes a DTD: the part is refused before any parser sees it
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr == (
        "Feil: latter.xlsx: delen «xl/worksheets/sheet1.xml» har en XML-DTD (<!DOCTYPE> "
        "eller <!ENTITY>), som regneark aldri har; filen avvises – lagre den på nytt fra "
        "Excel eller LibreOffice\n"
    )
    assert "haha" not in run.stderr
