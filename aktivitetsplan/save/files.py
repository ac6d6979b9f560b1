"""Checks and atomic writes: the rules every file aktplan writes follows (see the package)."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..errors import OutputError
from ..settings import Settings


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def check_output(
    path: Path, settings: Settings, *, overwrite: bool, inputs: Iterable[str | Path] = ()
) -> None:
    """Refuse an output that is an input, exists (without overwrite) or has no folder."""
    tr = settings.tr
    for source in inputs:
        if _same_file(path, Path(source)):
            raise OutputError(tr("output.is_input", file=path))
    if path.is_dir():
        raise OutputError(tr("output.is_dir", file=path))
    if path.exists() and not overwrite:
        raise OutputError(tr("output.exists", file=path))
    if path.parent.exists() and not path.parent.is_dir():  # `plan.xlsx/x.xlsx`
        error = os.strerror(errno.ENOTDIR)
        raise OutputError(tr("output.unwritable", file=path, error=error))
    if not path.parent.is_dir():
        raise OutputError(tr("output.no_folder", file=path, folder=path.parent))


def _file_mode(path: Path) -> int:
    """The permissions for `path`: those of the file it replaces, else 0o666 minus the umask.

    `mkstemp` creates its file private (0o600); without this the output would be
    unreadable to the rest of the team on a shared folder.
    """
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def check_suffix(path: Path, suffixes: tuple[str, ...], settings: Settings) -> None:
    """Refuse an output name whose ending does not say what is written in it.

    A folder is left to `check_output`, whose message fits it better.
    """
    if path.suffix.lower() not in suffixes and not path.is_dir():
        raise OutputError(settings.tr("output.bad_suffix", file=path, suffix=suffixes[0]))


@contextmanager
def atomic_output(
    path: str | Path,
    settings: Settings,
    *,
    overwrite: bool = False,
    inputs: Iterable[str | Path] = (),
) -> Iterator[Path]:
    """Yield a temporary path beside `path`; rename it over `path` only on success.

    Beside, not in /tmp: a rename within one folder is atomic, across file systems not.
    """
    path = Path(path)
    tr = settings.tr
    check_output(path, settings, overwrite=overwrite, inputs=inputs)
    try:
        handle, name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}"
        )
    except OSError as exc:
        raise OutputError(tr("output.unwritable", file=path, error=exc.strerror)) from None
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        with suppress(OSError):  # some shared drives do not do permissions
            os.chmod(temp, _file_mode(path))
        os.replace(temp, path)
    except OSError as exc:
        raise OutputError(tr("output.unwritable", file=path, error=exc.strerror)) from None
    finally:
        if temp.exists():
            temp.unlink()


def write_file(
    path: str | Path,
    data: str | bytes,
    settings: Settings,
    *,
    overwrite: bool = False,
    inputs: Iterable[str | Path] = (),
) -> Path:
    """Write a file atomically: text as UTF-8, bytes as they are."""
    with atomic_output(path, settings, overwrite=overwrite, inputs=inputs) as temp:
        if isinstance(data, str):
            temp.write_text(data, encoding="utf-8")
        else:
            temp.write_bytes(data)
    return Path(path)


def write_workbook(
    path: str | Path,
    fill: Callable[[Path], object],
    settings: Settings,
    *,
    overwrite: bool = False,
    inputs: Iterable[str | Path] = (),
) -> Path:
    """Write a workbook (a template) atomically: `fill(temp)` writes it, then it moves in place.

    The ending is checked first: `-o plan.ods` would otherwise hold xlsx bytes.
    """
    path = Path(path)
    check_suffix(path, (".xlsx",), settings)
    with atomic_output(path, settings, overwrite=overwrite, inputs=inputs) as temp:
        fill(temp)
    return path
