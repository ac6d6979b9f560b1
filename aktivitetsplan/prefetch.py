"""Read workbooks' cells ahead, in a background thread, while the caller does other work.

calamine parses outside the GIL, so the next file's cells can be read while pandas is
imported or the previous file is checked. This module imports neither pandas nor the
reader, so the CLI can start it before those imports.

It is only a head start: a file whose read fails here in any way is simply not handed
over, and the reader reads it again itself, raising the errors it always raised.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

Formulas = dict[tuple[int, int], str]  # as in formulas.py (imported only when a file is read)
# (kind, [(sheet name, rows)], {sheet name: formula cells})
Loaded = tuple[str, list[tuple[str, list[list]]], dict[str, Formulas]]


def visible_worksheets(workbook) -> list[str]:
    """The names of a calamine workbook's visible worksheets, in order."""
    return [
        meta.name
        for meta in workbook.sheets_metadata
        if str(meta.visible).split(".")[-1].lower() == "visible"
        and str(meta.typ).split(".")[-1].lower() == "worksheet"
    ]


class Prefetch:
    """Reads `paths` in order, at most `ahead` files ahead of what was taken."""

    def __init__(self, paths: Iterable[Path], *, max_unpacked_mb: int, ahead: int = 2) -> None:
        self._paths = [Path(p) for p in paths]
        self._max_unpacked_mb = max_unpacked_mb
        self._ready = {p: threading.Event() for p in self._paths}
        self._loaded: dict[Path, Loaded | None] = {}
        self._slots = threading.Semaphore(ahead)
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="aktplan-prefetch", daemon=True)
        self._thread.start()

    def _load(self, path: Path) -> Loaded:
        from .files import open_workbook, vet
        from .formulas import workbook_formulas

        kind = vet(path, max_unpacked_mb=self._max_unpacked_mb)
        workbook = open_workbook(path, kind)
        try:
            names = visible_worksheets(workbook)
            # The formula scan unzips the sheets again: beside calamine's parse, which
            # also runs outside the GIL, it costs no extra wall time.
            formulas: dict[str, Formulas] = {}
            scan = threading.Thread(
                target=lambda: formulas.update(workbook_formulas(path, kind, names)),
                name="aktplan-formulas",
                daemon=True,
            )
            scan.start()
            try:
                sheets = [
                    (name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
                    for name in names
                ]
            finally:
                scan.join()
        finally:
            workbook.close()
        if set(formulas) != set(names):  # the scan failed: the reader scans again itself
            raise RuntimeError("formula scan incomplete")
        return kind, sheets, formulas

    def _run(self) -> None:
        for path in self._paths:
            self._slots.acquire()
            if self._closed:
                break
            try:
                self._loaded[path] = self._load(path)
            except BaseException:  # the reader reads it again and reports what went wrong
                self._loaded[path] = None
            self._ready[path].set()
        for event in self._ready.values():
            event.set()

    def take(self, path: Path) -> Loaded | None:
        """The file's kind and sheets, or None: then the caller reads it itself."""
        event = self._ready.get(Path(path))
        if event is None or self._closed:
            return None
        event.wait()
        self._slots.release()
        return self._loaded.pop(Path(path), None)

    def close(self) -> None:
        """Stop reading ahead and drop what was read."""
        self._closed = True
        self._slots.release()
        self._loaded.clear()


def start(paths: Iterable[Path], *, max_unpacked_mb: int) -> Prefetch | None:
    """A Prefetch over the files, or None when there is nothing to gain."""
    files = list(paths)
    return Prefetch(files, max_unpacked_mb=max_unpacked_mb) if files else None
