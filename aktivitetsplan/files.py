"""Find plan files and vet them before any parser sees them.

Vetting catches what would otherwise surface as an obscure parser error: empty
files, text or PDF files named .xlsx, truncated zips, password-protected
workbooks, legacy .xls, and zip bombs (refused before parsing).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .errors import InputError
from .i18n import t

PLAN_SUFFIXES = (".xlsx", ".xlsm", ".ods")
READABLE_SUFFIXES = (*PLAN_SUFFIXES, ".xls", ".xlsb")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# Stream names in an OLE2 container's directory (UTF-16LE): an encrypted OOXML workbook
# (saved with a password) holds EncryptedPackage; a legacy Excel workbook Workbook or Book.
OLE2_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
OLE2_WORKBOOK = ("Workbook".encode("utf-16-le"), "Book\0".encode("utf-16-le"))
# The kind of workbook each file name ending promises (`vet` finds what it really is).
SUFFIX_KINDS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xlsb": "xlsx", ".ods": "ods", ".xls": "xls"}


def is_lock_file(path: Path) -> bool:
    """Office (`~$plan.xlsx`) and LibreOffice (`.~lock.plan.xlsx#`) lock files, hidden files."""
    return path.name.startswith(("~$", ".~lock", "."))


def expand(paths, *, recursive: bool = False, lang: str = "nb") -> list[tuple[Path, str | None]]:
    """Files and folders → `(file, problem)` pairs in a stable order.

    A folder gives every plan file in it (sorted); `problem` is the translated
    message for a path that cannot be used (missing, a folder without plans).
    """
    found: list[tuple[Path, str | None]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            pattern = "**/*" if recursive else "*"
            members = sorted(
                p
                for p in path.glob(pattern)
                if p.is_file() and p.suffix.lower() in PLAN_SUFFIXES and not is_lock_file(p)
            )
            if not members:
                found.append((path, t("input.empty_dir", lang, file=path)))
            found.extend((member, None) for member in members)
        elif not path.exists():
            found.append((path, t("input.missing", lang, file=path)))
        else:
            found.append((path, None))
    return found


def vet(path: Path, *, max_unpacked_mb: int = 200, lang: str = "nb") -> str:
    """Check a file before parsing; return its kind (`xlsx`, `ods`, `xls`) or raise InputError."""
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise InputError(t("input.corrupt", lang, file=path, error=exc.strerror)) from None
    if size == 0:
        raise InputError(t("input.empty_file", lang, file=path))
    if suffix not in READABLE_SUFFIXES:
        raise InputError(t("input.unsupported", lang, file=path, suffix=suffix or path.name))
    if head.startswith(OLE2_MAGIC):
        return _ole2_kind(path, size, max_unpacked_mb, lang)
    if suffix in (".xls",):
        raise InputError(t("input.not_spreadsheet", lang, file=path))
    if not head.startswith(ZIP_MAGIC):
        raise InputError(t("input.not_spreadsheet", lang, file=path))
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            unpacked = sum(m.file_size for m in members)
            limit = max_unpacked_mb * 1024 * 1024
            if unpacked > limit:
                raise InputError(
                    t(
                        "input.zip_bomb",
                        lang,
                        file=path,
                        size=unpacked // (1024 * 1024),
                        limit=max_unpacked_mb,
                    )
                )
            if suffix == ".ods" or "content.xml" in names:
                manifest = (
                    archive.read("META-INF/manifest.xml")
                    if "META-INF/manifest.xml" in names
                    else b""
                )
                if b"encryption-data" in manifest:
                    raise InputError(t("input.password", lang, file=path))
                if "content.xml" not in names:
                    raise InputError(t("input.not_spreadsheet", lang, file=path))
                return "ods"
            if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
                raise InputError(t("input.not_spreadsheet", lang, file=path))
            return "xlsx"
    except zipfile.BadZipFile:
        raise InputError(t("input.truncated", lang, file=path)) from None


def _ole2_kind(path: Path, size: int, max_unpacked_mb: int, lang: str) -> str:
    """An OLE2 file: a legacy workbook (`xls`, whatever its name) or a password-protected
    one; anything else (a Word document named .xls) is no spreadsheet."""
    if size > max_unpacked_mb * 1024 * 1024:
        raise InputError(
            t("input.zip_bomb", lang, file=path, size=size // (1024 * 1024), limit=max_unpacked_mb)
        )
    data = path.read_bytes()
    if OLE2_ENCRYPTED in data:
        raise InputError(t("input.password", lang, file=path))
    if any(name in data for name in OLE2_WORKBOOK):
        return "xls"
    raise InputError(t("input.not_spreadsheet", lang, file=path))


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
