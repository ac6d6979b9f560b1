"""CLI conventions: help, version, `python -m`, `Feil:` lines, exit codes, atomic output.

The `Feil:` lines are printed by click's own standalone handling (every error is a
click exception), so the command line runs in-process, with click's CliRunner
(click 8.2+ keeps stdout and stderr apart): `conftest.run_aktplan`. Only what needs a
real process runs in one: the installed `aktplan` script, `python -m aktivitetsplan`,
and what `aktplan --help` imports at start-up.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import click
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import Run, run_process
from conftest import run_aktplan as run

from aktivitetsplan import __version__
from aktivitetsplan.cli import cli, main
from aktivitetsplan.i18n import catalogue, help_language, t
from aktivitetsplan.save import atomic_output
from aktivitetsplan.settings import Settings

AKTPLAN = Path(sys.executable).parent / "aktplan"


def assert_error(result: Run, message: str) -> None:
    """Exactly one `Feil:` line on stderr, nothing on stdout, exit code 2."""
    assert result.stderr == f"Feil: {message}\n"
    assert result.stdout == ""
    assert result.returncode == 2


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- help and version -----------------------------------------------------------------------


def walk(command: click.Command, path: tuple[str, ...] = ()):
    """Every command in the tree, with the words that reach it."""
    yield path, command
    if isinstance(command, click.Group):
        for name in command.list_commands(click.Context(command)):
            yield from walk(command.get_command(click.Context(command), name), (*path, name))


COMMANDS = list(walk(cli))


def test_the_tree_has_the_template_command():
    assert ("mal", "aktivitetsplan") in [path for path, _ in COMMANDS]


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=[" ".join(p) or "aktplan" for p, _ in COMMANDS]
)
def test_every_command_and_option_has_catalogue_help(path, command):
    texts = set(catalogue(help_language()).values())
    assert command.help and command.help.strip(), f"{path}: no help"
    assert command.help in texts, f"{path}: help text not from the catalogue"
    ctx = click.Context(command, info_name=path[-1] if path else "aktplan")
    params = [*command.params, command.get_help_option(ctx)]
    options = [p for p in params if isinstance(p, click.Option)]
    assert any("-h" in o.opts for o in options) and any("--help" in o.opts for o in options)
    for option in options:
        assert option.help and option.help.strip(), f"{path} {option.opts}: no help"
        assert option.help in texts, f"{path} {option.opts}: help not from the catalogue"


@pytest.mark.parametrize(
    ("path", "_command"), COMMANDS, ids=[" ".join(p) or "aktplan" for p, _ in COMMANDS]
)
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_flags_on_every_command(path, _command, flag):
    result = CliRunner().invoke(cli, [*path, flag], prog_name="aktplan")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Bruk: aktplan {' '.join(path)}".rstrip() + " [VALG]")
    assert result.stderr == ""


def test_help_is_norwegian():
    result = run("--help")
    assert result.returncode == 0 and result.stderr == ""
    assert "Vis denne hjelpeteksten og avslutt." in result.stdout
    assert "aktivitetsplaner og årshjul" in result.stdout
    assert result.stdout == run("-h").stdout
    options = run("mal", "aktivitetsplan", "-h").stdout
    for text in ("Overskriv filen hvis den finnes.", "Kampanjenavn", "--budsjett", "--språk"):
        assert text in options
    # click's own mark after a required option, in the catalogue's word
    required = run("nytt-år", "--help").stdout
    assert "[påkrevd]" in required and "[required]" not in required
    assert "[required]" in run("nytt-år", "--help", "--språk", "en").stdout


# click's own usage errors, in the catalogue's words: (arguments, Norwegian, --språk en)
USAGE_ERRORS = [
    (
        ["rapport", "x.xlsx", "--foo"],
        "ukjent valg «--foo». Mente du '--format'?",
        "No such option '--foo'. Did you mean '--format'?",
    ),
    (
        ["rapport", "x.xlsx", "--format", "docx"],
        "ugyldig verdi for '--format': «docx» er ikke en av "
        "'tekst', 'json', 'html', 'markdown', 'xlsx', 'pdf'.",
        "Invalid value for '--format': 'docx' is not one of "
        "'tekst', 'json', 'html', 'markdown', 'xlsx', 'pdf'.",
    ),
    (
        ["rapport", "x.xlsx", "--kommende", "to"],
        "ugyldig verdi for '--kommende': «to» er ikke et gyldig tall.",
        "Invalid value for '--kommende': 'to' is not a valid integer range.",
    ),
    (
        ["rapport", "x.xlsx", "--kommende", "99999"],
        "ugyldig verdi for '--kommende': 99999 er utenfor området 0<=x<=3650.",
        "Invalid value for '--kommende': 99999 is not in the range 0<=x<=3650.",
    ),
    (
        ["rapport", "x.xlsx", "--format"],
        "valget «--format» trenger en verdi.",
        "Option '--format' requires an argument.",
    ),
    (["demo", "a", "b"], "uventet ekstra argument (b)", "Got unexpected extra argument (b)"),
    (
        ["rapprot"],
        "ukjent kommando «rapprot». Mente du 'rapport'?",
        "No such command 'rapprot'. Did you mean 'rapport'?",
    ),
]


@pytest.mark.parametrize(
    ("args", "norwegian", "english"), USAGE_ERRORS, ids=[" ".join(a) for a, *_ in USAGE_ERRORS]
)
def test_usage_errors_are_in_the_users_language(tmp_path, args, norwegian, english):
    assert_error(run(*args, cwd=tmp_path), norwegian)
    assert_error(run(args[0], "--språk", "en", *args[1:], cwd=tmp_path), english)
    assert listing(tmp_path) == []


def test_missing_argument_names_it_as_the_help_does():
    assert_error(run("sjekk"), "mangler argumentet 'FIL|MAPPE...'.")
    assert run("sjekk", "-h").stdout.startswith("Bruk: aktplan sjekk [VALG] FIL|MAPPE...\n")


def test_english_help_has_english_usage_lines():
    result = CliRunner().invoke(cli, ["rapport", "--help"], env={"AKTPLAN_SPRAK": "en"})
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith("Usage: aktplan rapport [OPTIONS] FILE|FOLDER...\n")
    assert "\nOptions:\n" in result.stdout and "Show this help and exit." in result.stdout
    assert "--dato DATE " in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["rapport", "--help", "--språk", "en"],
        ["--språk", "en", "rapport", "--help"],
        ["rapport", "-h", "--sprak=en"],
        ["--sprak=en", "rapport", "-h"],
    ],
    ids=" ".join,
)
def test_sprak_en_before_or_after_help_gives_english_help(args):
    """`--help` is handled before `--språk` is parsed: the language is read from the
    command line first, wherever it stands."""
    result = run(*args)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("Usage: aktplan rapport [OPTIONS] FILE|FOLDER...\n")
    assert "Report: status per phase" in result.stdout
    assert "--dato DATE " in result.stdout and "-o, --output FILE " in result.stdout
    assert "Rapportdato" not in result.stdout and "Valg:" not in result.stdout
    # The next command line, in the same process, has its Norwegian help back.
    assert run("rapport", "--help").stdout.startswith("Bruk: aktplan rapport [VALG] FIL|MAPPE...\n")


# What click would show for an option value without a metavar of aktplan's.
CLICK_METAVARS = ("TEXT", "INTEGER", "PATH", "FILENAME", "DIRECTORY", "FLOAT", "STI")
METAVARS = {
    "nb": ("DATO", "FIL", "MAPPE", "DAGER", "ÅR", "MÅNED", "NAVN", "BELØP"),
    "en": ("DATE", "FILE", "FOLDER", "DAYS", "YEAR", "MONTH", "NAME", "AMOUNT"),
}


@pytest.mark.parametrize("language", ["nb", "en"])
def test_help_metavars_are_the_catalogues_in_the_users_language(language):
    shown = ""
    for path, _command in COMMANDS:
        result = run("--språk", language, *path, "--help")
        assert result.returncode == 0, result.stderr
        words = set(result.stdout.replace("|", " ").replace("[", " ").replace("]", " ").split())
        assert not words & set(CLICK_METAVARS), (path, words & set(CLICK_METAVARS))
        shown += result.stdout
    words = set(shown.replace("|", " ").replace("[", " ").replace("]", " ").split())
    other = "en" if language == "nb" else "nb"
    assert set(METAVARS[language]) <= words
    assert not (set(METAVARS[other]) - set(METAVARS[language])) & words


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag):
    result = run(flag)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == f"aktplan, versjon {__version__}\n"


def test_aktplan_script_works_like_python_m():
    assert AKTPLAN.is_file(), f"no console script at {AKTPLAN}"
    script = subprocess.run([str(AKTPLAN), "--version"], capture_output=True, text=True, timeout=60)
    assert script.returncode == 0
    module = run_process("--version")
    assert module.returncode == 0
    assert script.stdout == module.stdout == run("--version").stdout


def test_the_entry_point_prints_one_feil_line_and_exits_2(tmp_path):
    """What click prints in-process is what the installed command prints."""
    (tmp_path / "plan.xlsx").write_bytes(b"the team's plan")
    args = ("mal", "aktivitetsplan", "-o", "plan.xlsx")
    script = subprocess.run(
        [str(AKTPLAN), *args], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    module = run_process(*args, cwd=tmp_path)
    assert_error(
        Run(script.returncode, script.stdout, script.stderr),
        t("output.exists", "nb", file=Path("plan.xlsx")),
    )
    assert Run(module.returncode, module.stdout, module.stderr) == run(*args, cwd=tmp_path)


@pytest.mark.parametrize("words", [[], ["mal"]], ids=["aktplan", "aktplan mal"])
def test_group_without_command_shows_help(words):
    result = run(*words)
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout == run(*words, "--help").stdout


@pytest.mark.parametrize("args", [["--help"], ["mal", "aktivitetsplan", "--help"], ["--version"]])
def test_help_does_not_import_pandas(args):
    code = (
        "import sys\n"
        "from aktivitetsplan.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('pandas' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "False"


# --- writing the template -------------------------------------------------------------------


def test_mal_writes_file_and_says_what_next(tmp_path):
    out = tmp_path / "plan.xlsx"
    result = CliRunner().invoke(cli, ["mal", "aktivitetsplan", "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == (
        f"{t('mal.written', 'nb', file=out)}\n{t('mal.next', 'nb', file=out)}\n"
    )
    assert "aktplan rapport" in result.stdout
    assert result.stderr == ""
    assert openpyxl.load_workbook(out).sheetnames[0] == "Aktivitetsplan"
    assert listing(tmp_path) == ["plan.xlsx"]  # no temp file left behind


@pytest.mark.parametrize(
    ("args", "name", "sheet"),
    [
        ([], "aktivitetsplan.xlsx", "Aktivitetsplan"),
        (["--språk", "en"], "activity-plan.xlsx", "Activity plan"),
        (["--sprak", "en"], "activity-plan.xlsx", "Activity plan"),
    ],
)
def test_default_output_name_in_current_folder(tmp_path, args, name, sheet):
    result = run("mal", "aktivitetsplan", *args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert listing(tmp_path) == [name]
    assert openpyxl.load_workbook(tmp_path / name).sheetnames[0] == sheet


def test_python_m_writes_the_same_workbook_as_the_script(tmp_path):
    assert run_process("mal", "aktivitetsplan", "-o", "a.xlsx", cwd=tmp_path).returncode == 0
    script = subprocess.run(
        [str(AKTPLAN), "mal", "aktivitetsplan", "-o", "b.xlsx"],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
    )
    assert script.returncode == 0
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_existing_output_refused_without_overskriv(tmp_path):
    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"the team's filled-in plan")
    result = run("mal", "aktivitetsplan", "-o", "plan.xlsx", cwd=tmp_path)
    assert_error(result, t("output.exists", "nb", file=Path("plan.xlsx")))
    assert "--overskriv" in result.stderr
    assert out.read_bytes() == b"the team's filled-in plan"
    assert listing(tmp_path) == ["plan.xlsx"]  # no temp file left by the refused write


def test_overskriv_replaces_the_file(tmp_path):
    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"old")
    result = run(
        "mal", "aktivitetsplan", "-o", "plan.xlsx", "--overskriv", "--kampanje", "Ny", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert openpyxl.load_workbook(out)["Aktivitetsplan"]["B3"].value == "Ny"
    assert listing(tmp_path) == ["plan.xlsx"]


def test_clirunner_sees_the_feil_line(tmp_path):
    """The library's error is a click exception: click prints it, in-process too."""
    (tmp_path / "plan.xlsx").write_bytes(b"x")
    result = CliRunner().invoke(cli, ["mal", "aktivitetsplan", "-o", str(tmp_path / "plan.xlsx")])
    assert isinstance(result.exception, SystemExit) and result.exit_code == 2
    message = t("output.exists", "nb", file=tmp_path / "plan.xlsx")
    assert (result.stdout, result.stderr) == ("", f"Feil: {message}\n")


def test_output_is_a_folder(tmp_path):
    assert_error(
        run("mal", "aktivitetsplan", "-o", ".", cwd=tmp_path),
        t("output.is_dir", "nb", file=Path(".")),
    )
    assert listing(tmp_path) == []


@pytest.mark.parametrize("template", ["aktivitetsplan", "årshjul"])
@pytest.mark.parametrize("name", ["plan.ods", "plan", "plan.xlsm", "plan.csv"])
def test_output_must_end_in_xlsx(tmp_path, name, template):
    """`-o plan.ods` would hold xlsx bytes that neither LibreOffice's .ods reader nor aktplan take."""
    result = run("mal", template, "-o", name, cwd=tmp_path)
    assert_error(result, t("output.bad_suffix", "nb", file=Path(name), suffix=".xlsx"))
    assert listing(tmp_path) == []


def test_missing_folder(tmp_path):
    assert_error(
        run("mal", "aktivitetsplan", "-o", "finnes-ikke/plan.xlsx", cwd=tmp_path),
        t("output.no_folder", "nb", file=Path("finnes-ikke/plan.xlsx"), folder=Path("finnes-ikke")),
    )
    assert listing(tmp_path) == []


def test_unwritable_folder_under_a_regular_file(tmp_path):
    """Works as root too: no permission bit can make a file into a folder."""
    (tmp_path / "plan.xlsx").write_bytes(b"x")
    result = run("mal", "aktivitetsplan", "-o", "plan.xlsx/ny.xlsx", cwd=tmp_path)
    assert_error(
        result,
        t(
            "output.unwritable",
            "nb",
            file=Path("plan.xlsx/ny.xlsx"),
            error=os.strerror(errno.ENOTDIR),
        ),
    )
    assert listing(tmp_path) == ["plan.xlsx"]


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="running as root: a read-only folder does not stop root from writing",
)
def test_unwritable_read_only_folder(tmp_path):
    folder = tmp_path / "lesebeskyttet"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = run("mal", "aktivitetsplan", "-o", "lesebeskyttet/plan.xlsx", cwd=tmp_path)
        assert_error(
            result,
            t(
                "output.unwritable",
                "nb",
                file=Path("lesebeskyttet/plan.xlsx"),
                error=os.strerror(errno.EACCES),
            ),
        )
        assert listing(folder) == []
    finally:
        folder.chmod(stat.S_IRWXU)


def test_unwritable_system_folder():
    """A folder even root cannot create files in (sysfs), so this case runs as root as well."""
    target = Path("/sys/aktplan-test.xlsx")
    if not target.parent.is_dir():
        pytest.skip("no /sys on this system")
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError as exc:
        reason = exc.strerror
    else:  # pragma: no cover - a writable /sys; clean up and say so
        os.close(fd)
        target.unlink()
        pytest.skip("/sys is writable here")
    result = run("mal", "aktivitetsplan", "-o", str(target))
    assert_error(result, t("output.unwritable", "nb", file=target, error=reason))


@pytest.mark.parametrize(
    ("option", "value", "key"),
    [
        ("--start", "31.02.2026", "error.bad_date_option"),
        ("--start", "3/14/2026", "error.bad_date_option"),
        ("--slutt", "i morgen", "error.bad_date_option"),
        ("--budsjett", "mye", "error.bad_amount_option"),
        ("--budsjett", "-5000", "error.bad_amount_option"),
        ("--budsjett", "12,5,0", "error.bad_amount_option"),
    ],
)
def test_bad_option_value(tmp_path, option, value, key):
    result = run("mal", "aktivitetsplan", "-o", "plan.xlsx", option, value, cwd=tmp_path)
    assert_error(result, t(key, "nb", value=value, option=option))
    assert listing(tmp_path) == []


@pytest.mark.parametrize(
    ("option", "value", "cell", "expected"),
    [
        ("--budsjett", "250 000 kr", "B8", 250_000),
        ("--budsjett", "1.500.000,-", "B8", 1_500_000),
        ("--start", "15. mars 2026", "B9", "2026-03-15"),
        ("--slutt", "2026-06-30", "B10", "2026-06-30"),
        ("--slutt", "30.6.26", "B10", "2026-06-30"),
    ],
)
def test_norwegian_option_values(tmp_path, option, value, cell, expected):
    out = tmp_path / "plan.xlsx"
    result = CliRunner().invoke(cli, ["mal", "aktivitetsplan", "-o", str(out), option, value])
    assert result.exit_code == 0, result.exception
    got = openpyxl.load_workbook(out)["Aktivitetsplan"][cell].value
    assert (got.date().isoformat() if hasattr(got, "date") else got) == expected


def test_bad_config_file(tmp_path):
    config = tmp_path / "min.toml"
    config.write_text('farge = "blå"\n', encoding="utf-8")
    result = run("mal", "aktivitetsplan", "-o", "plan.xlsx", "--config", "min.toml", cwd=tmp_path)
    assert_error(result, t("config.unknown_key", "nb", file=Path("min.toml"), key="farge"))
    assert listing(tmp_path) == ["min.toml"]


def test_missing_config_file(tmp_path):
    result = run("mal", "aktivitetsplan", "--config", "borte.toml", cwd=tmp_path)
    assert_error(result, t("config.missing", "nb", file=Path("borte.toml")))


@pytest.mark.parametrize(
    "args",
    [
        ["mal", "aktivitetsplan", "--ukjent"],
        ["finnes-ikke"],
        ["mal", "aktivitetsplan", "--språk", "de"],
        ["mal", "aktivitetsplan", "-o"],
    ],
)
def test_usage_errors_are_one_feil_line(tmp_path, args):
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Feil: ")
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n")
    assert "Traceback" not in result.stderr
    assert listing(tmp_path) == []


def test_debug_shows_the_traceback(tmp_path):
    (tmp_path / "plan.xlsx").write_bytes(b"x")
    result = run("--debug", "mal", "aktivitetsplan", "-o", "plan.xlsx", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" in result.stderr and "OutputError" in result.stderr
    message = t("output.exists", "nb", file=Path("plan.xlsx"))
    assert result.stderr.endswith(f"\nFeil: {message}\n")


def _fail_with(monkeypatch, error: BaseException) -> None:
    """Make the template writer fail with `error`, as a bug or Ctrl-C would."""

    def broken(*_args, **_kwargs):
        raise error

    monkeypatch.setattr("aktivitetsplan.workbooks.plan_template.write_plan_template", broken)


def test_an_unexpected_error_is_one_feil_line_from_main(tmp_path, monkeypatch, capsys):
    """main(), the entry point, is the last line of defence: never a traceback without
    --debug. (In-process, CliRunner hands the exception to the test instead.)"""
    monkeypatch.chdir(tmp_path)
    _fail_with(monkeypatch, RuntimeError("boom"))
    with pytest.raises(SystemExit) as exit_info:
        main(["mal", "aktivitetsplan", "-o", "plan.xlsx"])
    out, err = capsys.readouterr()
    assert exit_info.value.code == 2 and out == ""
    assert err == f"Feil: {t('error.internal', 'nb', error='boom')}\n"
    assert listing(tmp_path) == []  # the temporary file went with the failed write
    with pytest.raises(RuntimeError, match="boom"):
        main(["--debug", "mal", "aktivitetsplan", "-o", "plan.xlsx"])
    with pytest.raises(RuntimeError, match="boom"):
        run("mal", "aktivitetsplan", "-o", "plan.xlsx")


def test_ctrl_c_exits_130_without_a_message(tmp_path, monkeypatch):
    _fail_with(monkeypatch, KeyboardInterrupt())
    assert run("mal", "aktivitetsplan", "-o", "plan.xlsx", cwd=tmp_path) == (130, "", "")
    assert listing(tmp_path) == []


def test_an_abort_is_one_feil_line(tmp_path, monkeypatch):
    _fail_with(monkeypatch, click.Abort())
    result = run("mal", "aktivitetsplan", "-o", "plan.xlsx", "--språk", "en", cwd=tmp_path)
    assert_error(result, t("error.aborted", "en"))


# --- atomic output ------------------------------------------------------------------------


def test_failed_write_leaves_nothing_behind(tmp_path):
    out = tmp_path / "plan.xlsx"
    with pytest.raises(RuntimeError), atomic_output(out, Settings()) as temp:
        assert temp.parent == tmp_path and temp != out
        temp.write_bytes(b"half a workbook")
        raise RuntimeError("the writer died")
    assert listing(tmp_path) == []


def test_failed_overwrite_keeps_the_old_file(tmp_path):
    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"the good plan")
    with pytest.raises(RuntimeError), atomic_output(out, Settings(), overwrite=True) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("the writer died")
    assert out.read_bytes() == b"the good plan"
    assert listing(tmp_path) == ["plan.xlsx"]


def test_new_file_gets_the_usual_permissions(tmp_path):
    """The temp file is private (0o600); the finished file must follow the umask."""
    old = os.umask(0o022)
    try:
        result = run("mal", "aktivitetsplan", "-o", "plan.xlsx", cwd=tmp_path)
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE((tmp_path / "plan.xlsx").stat().st_mode) == 0o644


def test_overwrite_keeps_the_permissions_of_the_replaced_file(tmp_path):
    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"old")
    out.chmod(0o640)
    result = run("mal", "aktivitetsplan", "-o", "plan.xlsx", "--overskriv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


# --- demo --------------------------------------------------------------------------------------


def test_demo_writes_plans_reports_them_and_refuses_a_second_run(tmp_path):
    first = run("demo", "--dato", "2026-11-23", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    folder = tmp_path / "aktplan-demo"
    names = ["innholdsmotor.xlsx", "lansering-sensorpakke.xlsx", "messe-maskin-industri.xlsx"]
    assert listing(folder) == ["aarshjul.xlsx", *names]  # and the department's årshjul
    assert "Per 23. november 2026 · 3 planer · 38 aktiviteter" in first.stdout
    assert "aktplan rapport aktplan-demo --måned 2026-11 --format html" in first.stdout
    stamps = [(folder / name).stat().st_mtime_ns for name in names]

    again = run("demo", cwd=tmp_path)
    assert_error(
        again,
        "aktplan-demo har allerede eksempelplanene (f.eks. lansering-sensorpakke.xlsx); "
        "bruk --overskriv for å skrive dem på nytt, eller gi en annen mappe: aktplan demo MAPPE",
    )
    assert [(folder / name).stat().st_mtime_ns for name in names] == stamps

    # With --overskriv the plans are written again; another plan in the folder is left
    # alone and is not mixed into the demo's report.
    (folder / "egen.xlsx").write_bytes((folder / names[0]).read_bytes())
    redo = run("demo", "--overskriv", "--dato", "2027-01-10", cwd=tmp_path)
    assert redo.returncode == 0, redo.stderr
    assert "Per 10. januar 2027 · 3 planer · 38 aktiviteter" in redo.stdout
    assert "--måned 2027-01" in redo.stdout
    assert listing(folder) == ["aarshjul.xlsx", "egen.xlsx", *names]


def test_demo_into_a_file_is_refused(tmp_path):
    (tmp_path / "notat.txt").write_text("x")
    assert_error(
        run("demo", "notat.txt", cwd=tmp_path),
        "notat.txt: er en fil, ikke en mappe; gi en annen mappe: aktplan demo MAPPE",
    )
