"""Safe output: atomic writes, no silent overwrite, never onto an input file."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .errors import OutputError
from .i18n import t


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def check_output(
    path: Path, *, overwrite: bool, inputs: Iterable[Path] = (), lang: str = "nb"
) -> None:
    """Refuse an output that is an input, exists (without overwrite) or has no folder."""
    for source in inputs:
        if _same_file(path, Path(source)):
            raise OutputError(t("output.is_input", lang, file=path))
    if path.is_dir():
        raise OutputError(t("output.is_dir", lang, file=path))
    if path.exists() and not overwrite:
        raise OutputError(t("output.exists", lang, file=path))
    if path.parent.exists() and not path.parent.is_dir():  # `plan.xlsx/x.xlsx`
        error = os.strerror(errno.ENOTDIR)
        raise OutputError(t("output.unwritable", lang, file=path, error=error))
    if not path.parent.is_dir():
        raise OutputError(t("output.no_folder", lang, file=path, folder=path.parent))


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


def check_suffix(path: Path, suffixes: tuple[str, ...], lang: str = "nb") -> None:
    """Refuse an output name whose ending does not say what is written in it.

    A folder is left to `check_output`, whose message fits it better.
    """
    if path.suffix.lower() not in suffixes and not path.is_dir():
        raise OutputError(t("output.bad_suffix", lang, file=path, suffix=suffixes[0]))


# The report format each output ending says (`-o rapport.html` is HTML), and back.
REPORT_SUFFIXES = {
    ".txt": "tekst",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".xlsx": "xlsx",
}
FORMAT_SUFFIXES = {
    "tekst": ".txt",
    "json": ".json",
    "html": ".html",
    "markdown": ".md",
    "xlsx": ".xlsx",
}


def report_format(fmt: str | None, output: Path | None, lang: str = "nb") -> str:
    """The report's format: `--format`, else what `-o`'s ending says, else text.

    An ending aktplan does not write, or one that says another format than `--format`,
    is refused (before any plan is read). A name without an ending, or a folder (which
    `check_output` refuses), takes `--format` or text.
    """
    if output is None or not output.suffix or output.is_dir():
        return fmt or "tekst"
    suffix = output.suffix.lower()
    named = REPORT_SUFFIXES.get(suffix)
    if named is None:
        endings = ", ".join(dict.fromkeys(FORMAT_SUFFIXES.values()))
        raise OutputError(
            t("output.unknown_format", lang, file=output, suffix=output.suffix, suffixes=endings)
        )
    if fmt is not None and fmt != named:
        shown = "text" if fmt == "tekst" and lang == "en" else fmt
        raise OutputError(
            t(
                "output.format_conflict",
                lang,
                file=output,
                suffix=output.suffix,
                format=shown,
                expected=FORMAT_SUFFIXES[fmt],
            )
        )
    return named


@contextmanager
def atomic_output(
    path: str | Path, *, overwrite: bool = False, inputs: Iterable[Path] = (), lang: str = "nb"
) -> Iterator[Path]:
    """Yield a temporary path beside `path`; rename it over `path` only on success."""
    path = Path(path)
    check_output(path, overwrite=overwrite, inputs=inputs, lang=lang)
    try:
        handle, name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}"
        )
    except OSError as exc:
        raise OutputError(t("output.unwritable", lang, file=path, error=exc.strerror)) from None
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        with suppress(OSError):  # some shared drives do not do permissions
            os.chmod(temp, _file_mode(path))
        os.replace(temp, path)
    except OSError as exc:
        raise OutputError(t("output.unwritable", lang, file=path, error=exc.strerror)) from None
    finally:
        if temp.exists():
            temp.unlink()


def write_text(
    path: str | Path,
    text: str,
    *,
    overwrite: bool = False,
    inputs: Iterable[Path] = (),
    lang: str = "nb",
) -> Path:
    """Write a text file atomically (UTF-8)."""
    with atomic_output(path, overwrite=overwrite, inputs=inputs, lang=lang) as temp:
        temp.write_text(text, encoding="utf-8")
    return Path(path)
