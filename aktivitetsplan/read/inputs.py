"""The files a command reads: its arguments expanded once, and their read-ahead.

A command names files and folders; `Inputs.expand` turns them into the list of files
(each with its problem, if it cannot be used) once, and both the read-ahead
(`prefetch`) and the reader (`reader.read_plans`) work from that one list, so a folder
is listed once and both see the same files in the same order.

This module imports neither numpy, pandas nor the reader: the CLI can expand the
arguments and start the read-ahead before those imports, so that calamine parses
the first files while they happen.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from . import prefetch
from .files import expand

if TYPE_CHECKING:
    from ..errors import AktplanError
    from ..settings import Settings
    from .prefetch import Loaded, Prefetch

Target = tuple[Path, str | None]  # a file, and why it cannot be read (None: it can)


class Inputs:
    """The files to read, found once, and the read-ahead over them.

    `paths`: the arguments as given; `targets`: `(file, problem)` pairs in reading order
    (`files.expand`); `len(inputs)`: how many targets. The read-ahead is started on
    request (`start_prefetch`) and stopped by `close` (or leaving a `with` block).
    """

    def __init__(self, paths: Iterable[str | Path], targets: list[Target], settings: Settings):
        self.paths: tuple[str | Path, ...] = tuple(paths)
        self.targets: list[Target] = targets
        self.settings = settings
        self.ahead: Prefetch | None = None  # the read-ahead, once started
        self._started = False

    @classmethod
    def expand(
        cls,
        paths: Iterable[str | Path] | str | Path,
        settings: Settings,
        *,
        recursive: bool = False,
    ) -> Inputs:
        """The files that `paths` name (a folder: its plan files; `recursive`: and its
        subfolders'), each with its problem in the settings' language."""
        if isinstance(paths, (str, Path)):
            paths = [paths]
        paths = list(paths)
        return cls(paths, expand(paths, settings.tr, recursive=recursive), settings)

    def __len__(self) -> int:
        return len(self.targets)

    @property
    def good(self) -> list[Path]:
        """The targets without a problem: the files to read."""
        return [path for path, problem in self.targets if not problem]

    def start_prefetch(self, *, workers: int | None = None, ahead: int | None = None) -> None:
        """Start reading the good targets' cells in the background (see `prefetch`).

        Only a head start: whatever goes wrong there, the reader reads the file itself.
        Called before other work (imports, checks), it pays off for a single file too.
        Idempotent: a second call, or one after `close`, does nothing. `workers`,
        `ahead`: see `prefetch.Prefetch` (None: what the machine is worth).
        """
        if self._started:
            return
        self._started = True
        self.ahead = prefetch.start(self.good, self.settings, workers=workers, ahead=ahead)

    @property
    def started(self) -> bool:
        """Whether `start_prefetch` ran (or `close`, which forbids a later start)."""
        return self._started

    def take(self, path: Path) -> Loaded | AktplanError | None:
        """The file as the read-ahead read it, or its refusal; None: read it yourself."""
        return self.ahead.take(path) if self.ahead is not None else None

    def close(self) -> None:
        """Stop the read-ahead and drop what it read; the targets stay. Idempotent."""
        self._started = True
        if self.ahead is not None:
            self.ahead.close()

    def __enter__(self) -> Inputs:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Inputs({len(self.targets)} targets, read-ahead {'on' if self.ahead else 'off'})"
