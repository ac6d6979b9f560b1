"""`pip install .` (not editable) gives a working `aktplan` from any folder.

Builds the wheel from a copy of the source tree (so the shared checkout gets no
build/ or dist/ folders), installs it into a fresh venv (dependencies come from
PyPI), and runs the installed command from an unrelated temporary folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from aktivitetsplan import __version__

ROOT = Path(__file__).resolve().parents[1]
IGNORE = shutil.ignore_patterns(
    ".git",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "venv",
    ".venv",
    "out",
    "aktplan-demo",
    "tests",  # not packaged; skipping them keeps the copy small
    "benchmarks",
)

pytestmark = pytest.mark.slow


def clean_env() -> dict[str, str]:
    """The environment without anything that points Python at the source checkout."""
    drop = ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "PYTHONSTARTUP")
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("AKTPLAN_")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def check(args: list, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"{args}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict[str, Path]:
    """A wheel built from a copy of the checkout, installed into a fresh venv."""
    base = tmp_path_factory.mktemp("packaging")
    source = base / "src"
    shutil.copytree(ROOT, source, ignore=IGNORE)
    dist = base / "dist"
    check([sys.executable, "-m", "build", "--wheel", "--outdir", dist, source], cwd=base)
    [wheel] = dist.glob("aktplan-*.whl")
    venv = base / "venv"
    check([sys.executable, "-m", "venv", venv], cwd=base)
    check(
        [venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel], cwd=base, timeout=900
    )
    work = base / "elsewhere"
    work.mkdir()
    return {"wheel": wheel, "venv": venv, "work": work, "source": source}


def test_wheel_ships_templates_and_maler(installed):
    with zipfile.ZipFile(installed["wheel"]) as archive:
        names = set(archive.namelist())
    for folder, package in (
        ("maler", "aktivitetsplan/maler"),
        ("templates", "aktivitetsplan/templates"),
    ):
        shipped = sorted(
            p.name for p in (ROOT / folder).iterdir() if p.suffix in (".xlsx", ".md", ".j2", ".css")
        )
        for name in shipped:
            assert f"{package}/{name}" in names, f"{folder}/{name} is not in the wheel"
    assert "aktivitetsplan/maler/aktivitetsplan.xlsx" in names
    assert "aktivitetsplan/demo/plans.toml" in names  # the data `aktplan demo` writes
    assert not any(n.startswith("tests/") for n in names)


def test_installed_aktplan_runs_from_any_folder(installed):
    aktplan = installed["venv"] / "bin" / "aktplan"
    work = installed["work"]
    version = check([aktplan, "--version"], cwd=work)
    assert version.stdout == f"aktplan, versjon {__version__}\n"
    written = check([aktplan, "mal", "aktivitetsplan", "-o", "x.xlsx"], cwd=work)
    assert "x.xlsx" in written.stdout
    with zipfile.ZipFile(work / "x.xlsx") as archive:
        assert "xl/tables/table1.xml" in archive.namelist()
    assert check([aktplan, "--help"], cwd=work).stdout.startswith("Bruk: aktplan [VALG]")
    demo = check([aktplan, "demo", "demo", "--dato", "2026-11-22"], cwd=work)
    assert "38 aktiviteter" in demo.stdout
    module = check([installed["venv"] / "bin" / "python", "-m", "aktivitetsplan", "-V"], cwd=work)
    assert module.stdout == version.stdout


def test_installed_package_is_not_the_checkout_and_has_its_data(installed):
    code = (
        "import importlib.resources as r, aktivitetsplan\n"
        "print(aktivitetsplan.__file__)\n"
        "print((r.files('aktivitetsplan.maler') / 'aktivitetsplan.xlsx').is_file())\n"
        "print((r.files('aktivitetsplan.maler') / 'aktivitetsplan-en.xlsx').is_file())\n"
        "print(r.files('aktivitetsplan.templates').is_dir())\n"
        "print(sorted(p.name for p in r.files('aktivitetsplan.templates').iterdir()"
        " if p.name.endswith(('.j2', '.css'))))\n"
    )
    result = check([installed["venv"] / "bin" / "python", "-c", code], cwd=installed["work"])
    location, nb, en, templates, files = result.stdout.splitlines()
    assert Path(location).is_relative_to(installed["venv"]), location
    assert (nb, en, templates) == ("True", "True", "True")
    expected = sorted(p.name for p in (ROOT / "templates").iterdir() if p.suffix in (".j2", ".css"))
    assert files == str(expected)
