"""Find plan files and vet them before any parser sees them.

Vetting catches what would otherwise surface as an obscure parser error: empty
files, text or PDF files named .xlsx, truncated zips, password-protected
workbooks, legacy .xls, and zip bombs (refused before parsing).
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from .archive import Refused
from .archive import check as archive_check

if TYPE_CHECKING:  # settings imports babel: not needed to find or vet files
    from ..i18n import Translator
    from ..settings import Settings

PLAN_SUFFIXES = (".xlsx", ".xlsm", ".ods")
READABLE_SUFFIXES = (*PLAN_SUFFIXES, ".xls", ".xlsb")
# What a folder gives: the plan formats, and old .xls workbooks (read when calamine can,
# else named in a `Feil:` line: never left out without a word).
FOLDER_SUFFIXES = (*PLAN_SUFFIXES, ".xls")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# Stream names in an OLE2 container's directory (UTF-16LE): an encrypted OOXML workbook
# (saved with a password) holds EncryptedPackage; a legacy Excel workbook Workbook or Book.
OLE2_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
OLE2_WORKBOOK = ("Workbook".encode("utf-16-le"), "Book\0".encode("utf-16-le"))
# The kind of workbook each file name ending promises (`vet` finds what it really is).
SUFFIX_KINDS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xlsb": "xlsx", ".ods": "ods", ".xls": "xls"}


class Kind(str):
    """A workbook's kind (`xlsx`, `ods`, `xls`), as `vet` found it, and `avoid`: the sheets
    calamine would panic on (a far negative number in a date cell), to be read with
    openpyxl instead."""

    avoid: frozenset[str] = frozenset()
    # The sheet parts with a formula or error cell, as `archive.check` saw them while it
    # read every sheet; None: not known (the formula scan searches itself).
    marked: frozenset[str] | None = None


def is_lock_file(path: Path) -> bool:
    """Office (`~$plan.xlsx`) and LibreOffice (`.~lock.plan.xlsx#`) lock files, hidden files."""
    return path.name.startswith(("~$", ".~lock", "."))


def expand(paths, tr: Translator, *, recursive: bool = False) -> list[tuple[Path, str | None]]:
    """Files and folders → `(file, problem)` pairs in a stable order.

    A folder gives every plan file in it (sorted); `problem` is the message (in `tr`'s
    language) for a path that cannot be used (missing, a folder without plans). Called
    once per command (`inputs.Inputs`): the read-ahead and the reader share its list.
    """
    found: list[tuple[Path, str | None]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            pattern = "**/*" if recursive else "*"
            # Not only regular files: a FIFO or device named plan.xlsx gets its `Feil:` line
            # from `vet` (which never opens one), rather than vanishing from the report.
            members = sorted(
                p
                for p in path.glob(pattern)
                if p.suffix.lower() in FOLDER_SUFFIXES and not is_lock_file(p) and not p.is_dir()
            )
            if not members:
                found.append((path, tr("input.empty_dir", file=path)))
            found.extend((member, None) for member in members)
        elif not path.exists():
            found.append((path, tr("input.missing", file=path)))
        else:
            found.append((path, None))
    return found


def vet(path: Path, settings: Settings | None = None) -> str:
    """Check a file before parsing; return its kind (`xlsx`, `ods`, `xls`) or raise InputError.

    Only a regular file is opened; a zip archive is looked into as calamine will read it
    (`archive.check`: real sizes, far cells, repeats, shared strings) and refused when
    it goes beyond a limit (`settings.max_unpacked_mb`). The refusal is in the settings'
    language; no settings: the defaults.
    """
    if settings is None:
        from ..settings import Settings

        settings = Settings()
    tr = settings.tr
    suffix = path.suffix.lower()
    with _open_regular(path, tr) as handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(8)
        except OSError as exc:
            raise InputError(tr("input.corrupt", file=path, error=exc.strerror)) from None
        if size == 0:
            raise InputError(tr("input.empty_file", file=path))
        if suffix not in READABLE_SUFFIXES:
            raise InputError(tr("input.unsupported", file=path, suffix=suffix or path.name))
        if head.startswith(OLE2_MAGIC):
            return _ole2_kind(path, handle, size, settings)
        if not head.startswith(ZIP_MAGIC):
            raise InputError(tr("input.not_spreadsheet", file=path))
        return _zip_kind(path, handle, settings)


def _zip_kind(path: Path, handle, settings: Settings) -> str:
    tr, max_unpacked_mb = settings.tr, settings.max_unpacked_mb
    try:
        with zipfile.ZipFile(handle) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            unpacked = sum(m.file_size for m in members)
            limit = max_unpacked_mb * 1024 * 1024
            if unpacked > limit:
                raise InputError(
                    tr(
                        "input.zip_bomb",
                        file=path,
                        size=unpacked // (1024 * 1024),
                        limit=max_unpacked_mb,
                    )
                )
            # By what the archive holds, whatever the name says: an .xlsx named .ods or
            # .xls is read as .xlsx, an .ods named .xlsx as .ods.
            if "xl/workbook.bin" in names and "xl/workbook.xml" not in names:
                probe(path, tr)  # .xlsb: binary records, read in a child first
                return Kind("xlsx")
            if "xl/workbook.xml" in names:
                kind = "xlsx"
            elif "content.xml" in names:
                kind = "ods"
            else:
                raise InputError(tr("input.not_spreadsheet", file=path))
            if kind == "ods" and "META-INF/manifest.xml" in names:
                manifest = archive.getinfo("META-INF/manifest.xml")
                if manifest.file_size <= 1 << 20 and b"encryption-data" in archive.read(manifest):
                    raise InputError(tr("input.password", file=path))
            result = Kind(kind)
            result.avoid, result.marked = archive_check(handle, archive, kind, max_unpacked_mb)
            return result
    except zipfile.BadZipFile:
        raise InputError(tr("input.truncated", file=path)) from None
    except Refused as refused:
        raise InputError(_refusal(refused, path, tr)) from None
    except (OSError, EOFError, ValueError, RuntimeError, NotImplementedError, zlib.error) as exc:
        # zipfile and zlib on a damaged archive (an OSError from the disk says so too)
        error = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise InputError(tr("input.corrupt", file=path, error=clean(error, 120))) from None


def _open_regular(path: Path, tr: Translator):
    """The file opened for reading, if it is a regular file (else InputError).

    A FIFO, device or socket named `plan.xlsx` is refused before anything reads from it;
    the open does not block (opening a FIFO waits for a writer, a non-blocking one does
    not), and what was opened is checked, not only what the name pointed at before.
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(tr("input.not_regular", file=path, what=_kind_of(info, tr)))
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode):
                what = _kind_of(info, tr)
                raise InputError(tr("input.not_regular", file=path, what=what))
        except BaseException:
            os.close(descriptor)
            raise
        return os.fdopen(descriptor, "rb")
    except FileNotFoundError:  # gone since it was listed, or a broken link
        raise InputError(tr("input.missing", file=path)) from None
    except OSError as exc:
        raise InputError(tr("input.corrupt", file=path, error=exc.strerror)) from None


def _kind_of(info: os.stat_result, tr: Translator) -> str:
    mode = info.st_mode
    if stat.S_ISFIFO(mode):
        key = "fifo"
    elif stat.S_ISSOCK(mode):
        key = "socket"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        key = "device"
    elif stat.S_ISDIR(mode):
        key = "folder"
    else:
        key = "other"
    return tr(f"input.kind.{key}")


def _refusal(refused: Refused, path: Path, tr: Translator) -> str:
    """The translated `Feil:` text of a refusal; big numbers grouped (3 000 000)."""
    values = {
        name: _grouped(value, tr) if type(value) is int and abs(value) >= 10_000 else value
        for name, value in refused.values.items()
    }
    if "sheet" in values:
        values["sheet"] = clean(values["sheet"], 60)
    if "part" in values:
        values["part"] = clean(values["part"], 60)
    if "error" in values:
        values["error"] = clean(values["error"], 120)
    return tr(refused.key, file=path, **values)


def _grouped(number: int, tr: Translator) -> str:
    return f"{number:,}".replace(",", " " if tr.language == "nb" else ",")


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069]+")


def clean(value: object, limit: int = 300) -> str:
    """Text fit for one `Feil:` line: control characters (line breaks, escapes, NUL) as
    one space each run, and at most `limit` characters (`…` where cut)."""
    text = _CONTROL.sub(" ", str(value)).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _ole2_kind(path: Path, handle, size: int, settings: Settings) -> str:
    """An OLE2 file: a legacy workbook (`xls`, whatever its name) or a password-protected
    one; anything else (a Word document named .xls) is no spreadsheet."""
    tr, max_unpacked_mb = settings.tr, settings.max_unpacked_mb
    if size > max_unpacked_mb * 1024 * 1024:
        raise InputError(
            tr("input.zip_bomb", file=path, size=size // (1024 * 1024), limit=max_unpacked_mb)
        )
    handle.seek(0)
    data = handle.read()
    if OLE2_ENCRYPTED in data:
        raise InputError(tr("input.password", file=path))
    if any(name in data for name in OLE2_WORKBOOK):
        probe(path, tr)
        return "xls"
    raise InputError(tr("input.not_spreadsheet", file=path))


# Binary workbooks (.xls, .xlsb) cannot be looked into as cheaply as XML: calamine reads
# them once in a child process first, with its memory capped, the way the reader will
# (every visible sheet, to Python values). A file that makes it panic, abort or run out
# of memory there is refused, and nothing it printed reaches the user.
PROBE_MEMORY_MB = 256
PROBE_SECONDS = 60
_PROBE = """
import json, resource, sys
limit = int(sys.argv[2]) << 20
resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
import python_calamine as calamine
sheets = []
try:
    with open(sys.argv[1], "rb") as handle:
        book = calamine.CalamineWorkbook.from_filelike(handle)
    for meta in book.sheets_metadata:
        if str(meta.visible).split(".")[-1].lower() != "visible":
            continue
        if str(meta.typ).split(".")[-1].lower() != "worksheet":
            continue
        sheet = book.get_sheet_by_name(meta.name)
        rows = sheet.to_python(skip_empty_area=False)
        width = max(map(len, rows), default=0)
        sheets.append([meta.name, len(rows), width])
except BaseException as exc:
    print(json.dumps({"error": type(exc).__name__, "detail": str(exc)[:200]}))
    sys.exit(3)
print(json.dumps({"sheets": sheets}))
"""


def probe(path: Path, tr: Translator) -> None:
    """Read a binary workbook in a child process first; refuse it (InputError) if that
    fails in any way or its sheets go beyond the limits `archive` sets for all."""
    import json
    import subprocess
    import sys

    from .archive import Extent

    try:
        child = subprocess.run(
            [sys.executable, "-c", _PROBE, os.fspath(path), str(PROBE_MEMORY_MB)],
            capture_output=True,
            timeout=PROBE_SECONDS,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise InputError(tr("input.binary_slow", file=path, seconds=PROBE_SECONDS)) from None
    try:
        found = json.loads(child.stdout.decode("utf-8", "replace").strip().splitlines()[-1])
    except (ValueError, IndexError):
        found = {}
    if child.returncode == 3 and found.get("error") == "PasswordError":
        raise InputError(tr("input.password", file=path))
    if child.returncode != 0 or "sheets" not in found:
        if child.returncode < 0 or found.get("error") == "MemoryError":  # killed, aborted
            raise InputError(tr("input.binary_big", file=path, limit=PROBE_MEMORY_MB))
        raise InputError(tr("input.xls", file=path))
    for name, rows, columns in found["sheets"]:
        extent = Extent(str(name))
        try:
            extent.cell(rows, columns)
            extent.finish()
        except Refused as refused:
            raise InputError(_refusal(refused, path, tr)) from None


# The custom document property aktplan puts on the workbooks it generates from plans
# (`aktplan årshjul -o`, `aktplan rapport -o x.xlsx`), never on the blank templates: its
# value says which output the file is. Excel and LibreOffice keep it when they re-save.
GENERATED_PROPERTY = "aktplan"
GENERATED_KINDS = {"årshjul": "wheel", "rapport": "report"}
_CUSTOM_PROPS = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
_ODF_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"


def generated_kind(path: Path, kind: str) -> str | None:
    """`wheel` or `report` when the file is one aktplan generated (its document property
    says so), else None. A small read of one part of the zip; never raises."""
    from defusedxml import ElementTree

    try:
        with zipfile.ZipFile(path) as archive:
            if kind == "xlsx":
                if "docProps/custom.xml" not in archive.NameToInfo:
                    return None
                root = ElementTree.fromstring(archive.read("docProps/custom.xml"))
                values = [
                    "".join(node.itertext())
                    for node in root.iter(f"{_CUSTOM_PROPS}property")
                    if node.get("name") == GENERATED_PROPERTY
                ]
            elif kind == "ods" and "meta.xml" in archive.NameToInfo:
                root = ElementTree.fromstring(archive.read("meta.xml"))
                values = [
                    "".join(node.itertext())
                    for node in root.iter(f"{_ODF_META}user-defined")
                    if node.get(f"{_ODF_META}name") == GENERATED_PROPERTY
                ]
            else:
                return None
    except Exception:  # a broken part is the reader's to report, not this check's
        return None
    return next((GENERATED_KINDS[v.strip()] for v in values if v.strip() in GENERATED_KINDS), None)


def open_workbook(path: Path, kind: str):
    """calamine's workbook for a vetted file of `kind`.

    calamine picks its parser by the name's ending; a file whose ending says another
    format (an .ods or .xls saved as `plan.xlsx`) is opened by its content instead.
    """
    import python_calamine as calamine

    if SUFFIX_KINDS.get(path.suffix.lower()) == kind:
        return calamine.CalamineWorkbook.from_path(str(path))
    with path.open("rb") as handle:
        return calamine.CalamineWorkbook.from_filelike(handle)
