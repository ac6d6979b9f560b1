"""The package's import direction runs one way (docs/arkitektur.md):

plan → i18n → settings → read / compute / history → view → formats → workbooks
→ save → demo → cli.

A module may import from its own layer's package and from the layers below, never
from above: a renderer does not reach back into the reader, a format does not call a
workbook writer, nothing below the CLI knows click. Read from the source with `ast`
(imports inside functions count too; those under `if TYPE_CHECKING:` do not).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "aktivitetsplan"

LAYERS = {
    "plan": 0,
    "outcome": 0,
    "i18n": 1,
    "errors": 1,  # its `Feil:` line is in the catalogue
    "settings": 2,
    "read": 3,
    "compute": 3,
    "history": 3,
    "view": 4,
    "formats": 5,
    "workbooks": 6,
    "save": 7,
    "memory": 7,  # the history at work for a command: store + compute
    "demo": 8,
    "build_maler": 9,
    "cli": 9,
    "__main__": 9,
    "__init__": 9,
}
# Packages on one layer that must not import each other either.
APART = [{"read", "compute", "history"}]


def top(module: str) -> str:
    """`aktivitetsplan.read.sheet` → `read`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import of the package in `path`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for child in node.body for n in ast.walk(child))
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if not target.startswith("aktivitetsplan"):
                continue
            if target == "aktivitetsplan" or target.count(".") == 0:
                # `from . import x` / `from .. import x`: the names are modules
                found += [(node.lineno, f"{target}.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, target))
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, a.name) for a in node.names if a.name.startswith("aktivitetsplan")
            ]
    return found


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_one_way(path: Path):
    here = (
        top(module_name(path)) if path.parent != PACKAGE or path.stem != "__init__" else "__init__"
    )
    assert here in LAYERS, f"{path}: place the new package in LAYERS (and docs/arkitektur.md)"
    wrong = []
    for line, target in imported(path):
        if target == "aktivitetsplan.__version__":
            continue
        there = top(target)
        if there == here:
            continue
        assert there in LAYERS, f"{path}:{line}: unknown package {there}"
        upward = LAYERS[there] > LAYERS[here]
        sideways = any({here, there} <= group for group in APART)
        if upward or sideways:
            wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_the_layers_name_every_package():
    names = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()}
    names = {n for n in names if not n.startswith((".", "_")) or n in ("__init__", "__main__")}
    names -= {"templates", "maler"}
    packages = {
        n for n in names if (PACKAGE / n).is_dir() and (PACKAGE / n / "__init__.py").exists()
    }
    modules_ = {n for n in names if (PACKAGE / f"{n}.py").exists()}
    assert packages | modules_ <= set(LAYERS)
