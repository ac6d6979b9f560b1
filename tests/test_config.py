"""Customisation: `aktplan.toml` in the current folder or `--config FIL`.

Lists (kanaler, personer, typer, statuser → phase), valuta and språk reach the
template; an unknown key or a bad value is one `Feil:` line naming the key, exit 2.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import run_aktplan as run

from aktivitetsplan.errors import ConfigError
from aktivitetsplan.i18n import t
from aktivitetsplan.settings import CONFIG_NAME, Settings, load_settings, parse_config
from aktivitetsplan.workbooks.plan_template import CampaignPrefill, write_plan_template

FULL = """\
kanaler = ["LinkedIn", "Nyhetsbrev", "Messe"]
personer = ["Kari Nordmann", "Ola Hansen"]
typer = ["Program", "Kampanje", "Eksperiment", "Hendelse"]
valuta = "NOK"

[statuser]
"Venter på kunde" = "I produksjon"
"Til godkjenning" = "in_production"
"Publisert på nett" = "distributed"
Parkert = "Avlyst"
"""


def lists(path: Path) -> dict[str, list[str]]:
    """Defined name → the values under its header on the lists sheet."""
    wb = openpyxl.load_workbook(path)
    found = {}
    for name in ("Liste_Type", "Liste_Kanal", "Liste_Person", "Liste_Status"):
        sheet, ref = wb.defined_names[name].attr_text.split("!")
        ws = wb[sheet.strip("'")]
        rows = ws[ref.replace("$", "")]
        header = ws.cell(row=1, column=rows[0][0].column).value
        found[name] = [header] + [row[0].value for row in rows if row[0].value is not None]
    return found


# --- the library ------------------------------------------------------------------------------


def test_defaults_without_a_file(tmp_path):
    assert load_settings(cwd=tmp_path) == Settings()


def test_file_in_current_folder_is_picked_up(tmp_path):
    (tmp_path / CONFIG_NAME).write_text(FULL, encoding="utf-8")
    config = load_settings(cwd=tmp_path)
    assert config.channels == ("LinkedIn", "Nyhetsbrev", "Messe")
    assert config.people == ("Kari Nordmann", "Ola Hansen")
    assert config.types == ("Program", "Kampanje", "Eksperiment", "Hendelse")
    assert config.currency == "NOK"
    assert config.extra_statuses == {
        "Venter på kunde": "in_production",
        "Til godkjenning": "in_production",
        "Publisert på nett": "distributed",
        "Parkert": "cancelled",
    }
    assert config.source == tmp_path / CONFIG_NAME
    assert config.status_map()["venter pa kunde"] == "in_production"


@pytest.mark.parametrize("key", ['"språk"', "sprak", "language"])
def test_language_key_spellings(key):
    assert parse_config({key.strip('"'): "en"}, "x.toml").language == "en"


@pytest.mark.parametrize(
    ("document", "key", "message"),
    [
        ('farge = "rød"', "farge", "config.unknown_key"),
        ("[kanal]\nLinkedIn = 1", "kanal", "config.unknown_key"),
        ('kanaler = "LinkedIn"', "kanaler", "config.bad_list"),
        ('kanaler = ["LinkedIn", 3]', "kanaler", "config.bad_list"),
        ('personer = ["Kari", ""]', "personer", "config.bad_list"),
        ('typer = "Program"', "typer", "config.bad_list"),
        ("valuta = 5", "valuta", "config.bad_text"),
        ('valuta = "  "', "valuta", "config.bad_text"),
        ('"språk" = "de"', "språk", "config.bad_language"),
        ('sprak = "svensk"', "sprak", "config.bad_language"),
        ('statuser = ["Venter"]', "statuser", "config.bad_table"),
        ('[statuser]\n"" = "Å gjøre"', "statuser", "config.blank_status"),
        ("kommende_dager = -1", "kommende_dager", "config.bad_int"),
        ("kommende_dager = true", "kommende_dager", "config.bad_int"),
        ('maks_utpakket_mb = "mye"', "maks_utpakket_mb", "config.bad_int"),
        ("historikk = 5", "historikk", "config.bad_text"),
        ('historikk = " "', "historikk", "config.bad_text"),
    ],
)
def test_bad_value_names_the_key(tmp_path, document, key, message):
    path = tmp_path / CONFIG_NAME
    path.write_text(document + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(cwd=tmp_path)
    assert str(raised.value) == t(message, "nb", file=path, key=key)
    assert f"«{key}»" in str(raised.value)


@pytest.mark.parametrize(
    ("document", "key", "value"),
    [
        ('[statuser]\nVenter = "pause"', "statuser.Venter", "pause"),
        ("[statuser]\nVenter = 3", "statuser.Venter", "3"),
    ],
)
def test_status_mapped_to_no_phase(tmp_path, document, key, value):
    path = tmp_path / CONFIG_NAME
    path.write_text(document + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    # The list is filled in from PHASE_LABELS; the sentence reads as it always did.
    phases = "Å gjøre, I produksjon, I distribusjon eller Avlyst"
    message = t("config.bad_phase", "nb", file=path, key=key, value=value, phases=phases)
    assert str(raised.value) == message
    with pytest.raises(ConfigError) as raised:
        load_settings(path, language="en")
    assert str(raised.value).endswith(
        "is not a phase; use Å gjøre, I produksjon, I distribusjon or Avlyst"
        " (or To do, In production, Distributed, Cancelled)"
    )


@pytest.mark.parametrize(
    ("document", "key"),
    [('språk = "en"', "språk"), ('[statuser]\nPågår2 = "todo"', "Pågår2")],
)
def test_unquoted_norwegian_key_gets_a_hint(tmp_path, document, key):
    """TOML bare keys are ASCII only: `språk = "en"` is invalid TOML, so say how to fix it."""
    path = tmp_path / CONFIG_NAME
    path.write_text(document + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    assert str(raised.value) == t("config.bare_key", "nb", file=path, key=key)
    assert f'"{key}"' in str(raised.value)


def test_broken_toml(tmp_path):
    path = tmp_path / CONFIG_NAME
    path.write_text('kanaler = ["Blå"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    assert str(raised.value).startswith(f"{path}: ugyldig TOML (")


def test_not_utf8(tmp_path):
    path = tmp_path / CONFIG_NAME
    path.write_bytes('kanaler = ["Blå"]\n'.encode("latin-1"))
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    assert str(raised.value).startswith(f"{path}: ")
    assert "utf-8" in str(raised.value)


def test_history_key_is_relative_to_the_toml(tmp_path):
    """`historikk = "…"` names the file from the toml's folder, wherever aktplan runs."""
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / CONFIG_NAME).write_text('historikk = "delt/historikk.sqlite"\n', encoding="utf-8")
    settings = load_settings(folder / CONFIG_NAME, cwd=tmp_path)
    assert settings.history == folder / "delt" / "historikk.sqlite"
    assert settings.use_history is True
    absolute = tmp_path / "et annet sted.sqlite"
    assert parse_config({"historikk": str(absolute)}, "x.toml").history == absolute
    # The command line wins (`--historikk FIL`), and `--uten-historikk` turns it off.
    given = Path("h.sqlite")
    assert load_settings(folder / CONFIG_NAME, history=given).history == given
    off = load_settings(folder / CONFIG_NAME, use_history=False)
    assert (off.history, off.use_history) == (folder / "delt" / "historikk.sqlite", False)
    assert (Settings().history, Settings().use_history) == (None, True)
    assert "historikk" in t("config.unknown_key", "nb", file="x", key="y")
    assert "historikk" in t("config.unknown_key", "en", file="x", key="y")


# --- the command line --------------------------------------------------------------------------


def test_aktplan_toml_in_current_folder_shapes_the_template(tmp_path):
    (tmp_path / CONFIG_NAME).write_text(FULL, encoding="utf-8")
    result = run("mal", "aktivitetsplan", "-o", "plan.xlsx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    found = lists(tmp_path / "plan.xlsx")
    assert found["Liste_Kanal"] == ["Kanal", "LinkedIn", "Nyhetsbrev", "Messe"]
    assert found["Liste_Person"] == ["Personer", "Kari Nordmann", "Ola Hansen"]
    assert found["Liste_Type"] == ["Type", "Program", "Kampanje", "Eksperiment", "Hendelse"]
    assert found["Liste_Status"] == [
        "Status",
        "Å gjøre",
        "I produksjon",
        "I distribusjon",
        "Avlyst",
        "Venter på kunde",
        "Til godkjenning",
        "Publisert på nett",
        "Parkert",
    ]
    ws = openpyxl.load_workbook(tmp_path / "plan.xlsx")["Aktivitetsplan"]
    assert ws["L13"].value == "Budsjett (NOK)" and ws["M13"].value == "Kostnad (NOK)"
    assert ws["M14"].number_format == '#,##0 "NOK"'


def test_config_option_wins_over_the_file_in_current_folder(tmp_path):
    (tmp_path / CONFIG_NAME).write_text('farge = "this file must not be read"\n', encoding="utf-8")
    (tmp_path / "team.toml").write_text('kanaler = ["TikTok"]\n', encoding="utf-8")
    result = run("mal", "aktivitetsplan", "-o", "plan.xlsx", "--config", "team.toml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert lists(tmp_path / "plan.xlsx")["Liste_Kanal"] == ["Kanal", "TikTok"]


def test_language_from_config_and_option_overrides_it(tmp_path):
    (tmp_path / CONFIG_NAME).write_text('"språk" = "en"\n', encoding="utf-8")
    assert run("mal", "aktivitetsplan", "-o", "en.xlsx", cwd=tmp_path).returncode == 0
    assert openpyxl.load_workbook(tmp_path / "en.xlsx").sheetnames[0] == "Activity plan"
    result = run("mal", "aktivitetsplan", "-o", "nb.xlsx", "--språk", "nb", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert openpyxl.load_workbook(tmp_path / "nb.xlsx").sheetnames[0] == "Aktivitetsplan"


def test_currency_with_a_quote_gives_a_valid_number_format(tmp_path):
    """A `"` inside the quoted currency would break the number format Excel reads."""
    path = tmp_path / "plan.xlsx"
    write_plan_template(path, Settings(currency='kr"'), CampaignPrefill(budget=1000))
    ws = openpyxl.load_workbook(path)["Aktivitetsplan"]
    assert ws["B8"].number_format == '#,##0 "kr"\\"'


@pytest.mark.parametrize(
    ("document", "key"),
    [
        ('farge = "rød"', "farge"),
        ('kanaler = "LinkedIn"', "kanaler"),
        ('[statuser]\nVenter = "pause"', "statuser.Venter"),
        ('språk = "en"', "språk"),
        ('sprak = "de"', "sprak"),
        ("valuta = 5", "valuta"),
    ],
)
def test_bad_config_is_one_feil_line_naming_the_key(tmp_path, document, key):
    (tmp_path / CONFIG_NAME).write_text(document + "\n", encoding="utf-8")
    result = run("mal", "aktivitetsplan", "-o", "plan.xlsx", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"Feil: {tmp_path / CONFIG_NAME}: ")
    assert result.stderr.count("\n") == 1
    assert f"«{key}»" in result.stderr
    assert not (tmp_path / "plan.xlsx").exists()
