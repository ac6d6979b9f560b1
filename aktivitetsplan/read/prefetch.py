"""Read workbooks' cells ahead, in background threads, while the caller does other work.

calamine parses outside the GIL, so the next files' cells can be read (by two threads
side by side when there are two CPUs) while the report stack is imported or the
previous file is checked. This module imports neither pandas nor the
reader, so the CLI can start it before those imports.

It is only a head start: a file whose read fails here in any way is simply not handed
over, and the reader reads it again itself, raising the errors it always raised.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import AktplanError

if TYPE_CHECKING:  # the settings module imports babel: not before the read-ahead starts
    from ..settings import Settings

Formulas = dict[tuple[int, int], str]  # as in formulas.py (imported only when a file is read)
# (kind, [(sheet name, rows)], {sheet name: formula cells})
Loaded = tuple[str, list[tuple[str, list[list]]], dict[str, Formulas]]
# What `take` hands over: the file read, or the `Feil:` that `files.vet` refused it with
# (translated; it travels with the file), or None: the caller reads the file itself.


def visible_worksheets(workbook) -> list[str]:
    """The names of a calamine workbook's visible worksheets, in order."""
    return [
        meta.name
        for meta in workbook.sheets_metadata
        if str(meta.visible).split(".")[-1].lower() == "visible"
        and str(meta.typ).split(".")[-1].lower() == "worksheet"
    ]


class Prefetch:
    """Reads `paths` in order, at most `ahead` files ahead of what was taken.

    `settings`: the limits `files.vet` applies (`max_unpacked_mb`) and the language of
    its refusals, which travel with the file (`take`).
    """

    def __init__(
        self,
        paths: Iterable[Path],
        settings: Settings,
        *,
        workers: int | None = None,
        ahead: int | None = None,
    ) -> None:
        self._paths = [Path(p) for p in paths]
        self._settings = settings
        self._ready = {p: threading.Event() for p in self._paths}
        self._loaded: dict[Path, Loaded | None] = {}
        # calamine releases the GIL while it parses, so one reader per CPU (two at
        # most: the caller's own thread needs one too) reads files side by side.
        workers = max(1, min(workers or os.cpu_count() or 1, 2, len(self._paths)))
        self._slots = threading.Semaphore(ahead or 2 * workers)
        self._next = 0
        self._lock = threading.Lock()
        self._closed = False
        self.handed_over = 0  # files read here and taken, not read again by the caller
        self._threads = [
            threading.Thread(target=self._run, name=f"aktplan-prefetch-{n}", daemon=True)
            for n in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    def _load(self, path: Path) -> Loaded:
        from .files import open_workbook, vet
        from .formulas import workbook_formulas

        kind = vet(path, self._settings)
        if getattr(kind, "avoid", None):  # sheets calamine must not convert: the reader's job
            raise RuntimeError("sheets to read with openpyxl")
        workbook = open_workbook(path, kind)
        try:
            names = visible_worksheets(workbook)
            formulas: dict[str, Formulas] = {}
            failed: list[BaseException] = []

            def scan() -> None:
                # Nothing is printed from here: an error travels with the file (the
                # reader then reads it itself, and reports what went wrong).
                try:
                    formulas.update(workbook_formulas(path, kind, names))
                except BaseException as exc:
                    failed.append(exc)

            # The formula scan unzips the sheets again. A lone reader runs it beside
            # calamine's parse (both mostly outside the GIL); with two readers the CPUs
            # are busy already and a thread per file only costs hand-overs.
            side = None
            if len(self._threads) == 1:
                side = threading.Thread(target=scan, name="aktplan-formulas", daemon=True)
                side.start()
            try:
                sheets = [
                    (name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
                    for name in names
                ]
            finally:
                if side is not None:
                    side.join()
            if side is None:
                scan()
            if failed:
                raise failed[0]
        finally:
            workbook.close()
        if set(formulas) != set(names):  # the scan failed: the reader scans again itself
            raise RuntimeError("formula scan incomplete")
        return kind, sheets, formulas

    def _run(self) -> None:
        while True:
            self._slots.acquire()
            with self._lock:
                if self._closed or self._next >= len(self._paths):
                    break
                path = self._paths[self._next]
                self._next += 1
            try:
                self._loaded[path] = self._load(path)
            except AktplanError as exc:  # vet's refusal: handed over as it is
                self._loaded[path] = exc
            except BaseException:  # the reader reads it again and reports what went wrong
                self._loaded[path] = None
            self._ready[path].set()
        self._slots.release()  # let the other readers see the end too
        if self._closed:  # nothing more will be read: wake anyone still waiting
            for event in self._ready.values():
                event.set()

    def take(self, path: Path) -> Loaded | AktplanError | None:
        """The file's kind and sheets; or the error `vet` refused it with (in the
        language of the read-ahead's settings); or None: the caller reads it itself."""
        event = self._ready.get(Path(path))
        if event is None or self._closed:
            return None
        event.wait()
        self._slots.release()
        loaded = self._loaded.pop(Path(path), None)
        self.handed_over += isinstance(loaded, tuple)
        return loaded

    def close(self) -> None:
        """Stop reading ahead and drop what was read."""
        self._closed = True
        self._slots.release()
        self._loaded.clear()


def start(
    paths: Iterable[Path],
    settings: Settings,
    *,
    workers: int | None = None,
    ahead: int | None = None,
) -> Prefetch | None:
    """A Prefetch over the files, or None when there is nothing to gain.

    `workers` and `ahead`: see Prefetch (None: as many readers as are worth it)."""
    files = list(paths)
    if not files:
        return None
    return Prefetch(files, settings, workers=workers, ahead=ahead)
