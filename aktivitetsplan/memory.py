"""aktplan's memory at work: the history store and the report, put together for a command.

The store (`history/`) keeps snapshots and knows no report; compute (`compute/changes.py`)
compares plans and knows no SQLite; the two may not import each other. This module sits
above both and does what `aktplan rapport` and `aktplan endringer` need of them: find the
snapshot a report compares with, load it, hand it to `build_report`, and save the
report's own snapshot afterwards. The CLI only parses, calls and prints.

Which snapshots belong to a report: those of its plan set (the files it read, relative
to the database). A folder that gained or lost a plan since has another plan set; its
history is then that of the plan sets with at least half of their files in common, so
adding a campaign file does not start the history over. The exact plan set wins where
both have a snapshot.

A problem with the history never stops a report. The first one is kept (`problem`) and
the history is left alone for the rest of the run: a HistoryUnwritable is a warning for
the CLI, any other HistoryError a `Feil:` line after the report (exit 2).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .compute.report import Report, build_report, month_report_date
from .errors import HistoryError, HistoryUnwritable
from .plan.model import Plan, ReadResult
from .settings import Settings

if TYPE_CHECKING:
    from .compute.changes import HistoryInput, PastPlans
    from .history.store import SnapshotInfo, Store

# The store (sqlite3, zlib) and the comparison load only when the history is on: a
# report with `--uten-historikk` pays nothing for them at start-up.


@dataclass(frozen=True)
class Saved:
    """A snapshot just saved: its day, where, and how many the file now holds."""

    day: date
    path: Path
    count: int
    # Files that could not be read this time: the snapshot was then NOT saved (a picture
    # without them would show all their activities as removed, and back as added).
    unread: int = 0


def activity_plans(result: ReadResult) -> list[Plan]:
    """The plans a report is made of, and its snapshot: not a workbook that only holds
    the department goal (`build_report` leaves it out the same way)."""
    return [plan for plan in result.plans if not plan.holds_only_goal]


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def related(files: Sequence[str], other: Sequence[str]) -> bool:
    """Two plan sets are the same report's when at least half of all their files are in
    both (a folder that gained or lost a plan); a single plan in a folder of several is
    another report."""
    mine, theirs = set(files), set(other)
    return bool(mine & theirs) and 2 * len(mine & theirs) >= len(mine | theirs)


class Memory:
    """The history of one command run: opened once, closed with the command.

    `enabled` is False with `--uten-historikk` (nothing is read, made or saved) and after a
    HistoryError other than HistoryUnwritable (the report is then made without history).
    """

    def __init__(self, path: Path | None, settings: Settings) -> None:
        self.path = path
        self.settings = settings
        self.store: Store | None = None
        self.problem: HistoryError | None = None

    @classmethod
    def open(cls, settings: Settings, paths: Sequence[str | Path], *, write: bool) -> Memory:
        """The history for a command that read `paths`. `write`: the command saves a
        snapshot, so a missing file is made; otherwise it is only read (`mode=ro`), and a
        missing file is an empty history."""
        if not settings.use_history:
            return cls(None, settings)
        from .history.store import Store, history_path

        memory = cls(history_path(settings, paths), settings)
        path = memory.path
        if path is None or (not write and not path.exists()):
            return memory
        with memory._careful():
            memory.store = Store.open(path, settings, create=write, read_only=not write)
        return memory

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def __enter__(self) -> Memory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def enabled(self) -> bool:
        return self.path is not None and (
            self.problem is None or isinstance(self.problem, HistoryUnwritable)
        )

    @contextmanager
    def _careful(self) -> Iterator[None]:
        """Keep the first HistoryError and leave the history alone from then on."""
        try:
            yield
        except HistoryError as exc:
            self.problem = self.problem or exc
            self.close()

    # --- which snapshots ------------------------------------------------------------
    def files_of(self, plans: Sequence[Plan]) -> list[str]:
        """Each plan's file as the database names it (relative to its folder)."""
        from .history.store import file_key

        assert self.path is not None
        return [file_key(plan.file, self.path) for plan in plans]

    def history_of(self, set_text: str, files: Sequence[str]) -> list[SnapshotInfo]:
        """The snapshots of this report, oldest first: its plan set's, and on the days
        that set has none, a related set's (see the module text)."""
        if self.store is None:
            return []
        infos = self.store.snapshots()
        own = [info for info in infos if info.plan_set == set_text]
        days = {info.day for info in own}
        kin = [
            info
            for info in infos
            if info.plan_set != set_text and info.day not in days and related(files, info.files)
        ]
        by_day: dict[date, SnapshotInfo] = {}
        for info in kin:  # per day one: the related set closest in size to this one
            best = by_day.get(info.day)
            if best is None or abs(len(info.files) - len(files)) < abs(
                len(best.files) - len(files)
            ):
                by_day[info.day] = info
        return sorted([*own, *by_day.values()], key=lambda info: info.day)

    def _input(
        self,
        history: list[SnapshotInfo],
        current_files: list[str],
        *,
        before: date,
        compare: date | None,
    ) -> HistoryInput | None:
        """What build_report gets: the snapshot to compare with (the latest before
        `before`, or with `--sammenlign` the latest on or before it), loaded, and the
        figures of every snapshot for the trend. None after a HistoryError."""
        from .compute.changes import HistoryInput, PastFigures, PastPlans

        if compare is not None:
            earlier = [info for info in history if info.day <= compare]
        else:
            earlier = [info for info in history if info.day < before]
        previous = None
        if earlier and self.store is not None:
            with self._careful():
                snapshot = self.store.load(earlier[-1])
                previous = PastPlans(snapshot.info.day, snapshot.plans, snapshot.files)
        if not self.enabled:
            return None
        past = [PastFigures(info.day, info.figures) for info in history]
        return HistoryInput(previous=previous, past=past, current_files=current_files)

    # --- the commands ---------------------------------------------------------------
    def report(
        self,
        result: ReadResult,
        settings: Settings,
        *,
        month: tuple[int, int] | None,
        parts: frozenset[str],
        compare: date | None = None,
        run_day: date | None = None,
    ) -> Report:
        """`aktplan rapport`: the report of `result` with what changed and the trend.

        A month report (`month`, `settings` dated at its end) of a month that was over by
        `run_day` (the command's own date) is built from the last snapshot on or before
        the month's end, when there is one: the plans as they were then.
        """
        if not self.enabled:
            return build_report(result, settings, month=month, parts=parts)
        from .history.store import plan_set

        day = settings.today()
        assert self.path is not None  # enabled: the history has a place
        plans = activity_plans(result)
        set_text = plan_set((plan.file for plan in plans), self.path)
        files = self.files_of(plans)
        history: list[SnapshotInfo] = []
        with self._careful():
            history = self.history_of(set_text, files)
        if not self.enabled:
            return build_report(result, settings, month=month, parts=parts)
        state = None
        if month is not None and run_day is not None:
            month_end = month_report_date(*month, date.max)
            if month_end < run_day:
                then = [info for info in history if info.day <= month_end]
                if then and self.store is not None:
                    with self._careful():
                        state = self.store.load(then[-1])
        before = first_of_month(day)
        if compare is not None:
            compare = min(compare, day)
        if state is not None:
            snapshot_day = state.info.day
            before = min(before, snapshot_day)
            compare = min(compare, snapshot_day) if compare is not None else None
            earlier = [info for info in history if info.day <= snapshot_day]
            given = self._input(earlier, state.files, before=before, compare=compare)
            if given is not None:
                return build_report(
                    state.plans,
                    settings,
                    month=month,
                    parts=parts,
                    history=given,
                    snapshot=snapshot_day,
                )
        given = self._input(history, files, before=before, compare=compare)
        if given is not None and given.previous is not None and result.unreadable:
            given = replace(given, previous=self._without(given.previous, result))
        return build_report(result, settings, month=month, parts=parts, history=given)

    def _without(self, previous: PastPlans, result: ReadResult) -> PastPlans:
        """The snapshot without the plans of files that could not be read now: what is
        not read today is unknown, not removed."""
        from .compute.changes import PastPlans
        from .history.store import file_key

        assert self.path is not None
        unread = {file_key(u.file, self.path) for u in result.unreadable}
        kept = [
            (p, f) for p, f in zip(previous.plans, previous.files, strict=True) if f not in unread
        ]
        return PastPlans(previous.day, [p for p, _ in kept], [f for _, f in kept])

    def remember(self, result: ReadResult, report: Report) -> Saved | None:
        """Save `report`'s snapshot (of the plans as read) under its date; None when the
        history is off or failed, or the report was rebuilt from a snapshot. When a file
        could not be read, nothing is saved (`Saved.unread` says why)."""
        if self.store is None or not self.enabled or report.snapshot is not None:
            return None
        if result.unreadable:
            return Saved(report.date, self.store.path, self.store.count(), len(result.unreadable))
        from .compute.changes import snapshot_figures

        plans = activity_plans(result)  # as the report has them: its figures are theirs
        with self._careful():
            self.store.save(plans, report.date, *snapshot_figures(report))
            return Saved(report.date, self.store.path, self.store.count())
        return None

    def changes(
        self,
        result: ReadResult,
        settings: Settings,
        *,
        since: date | None,
        until: date | None,
    ) -> Report:
        """`aktplan endringer`: a report whose changes run from the snapshot on or before
        `since` (None: the latest before the month of the end) to the snapshot on or
        before `until` (None: the plans as read now). Raises HistoryError when there is
        no history file, or no snapshot on or before `until`."""
        path = self.path
        assert path is not None  # `endringer` has no --uten-historikk
        if self.problem is not None:
            raise self.problem
        if self.store is None:
            raise HistoryError(settings.tr("history.missing", file=path))
        from .history.store import plan_set

        plans = activity_plans(result)
        set_text = plan_set((plan.file for plan in plans), path)
        files = self.files_of(plans)
        history = self.history_of(set_text, files)
        if until is None:
            before = first_of_month(settings.today())
            given = self._raise(self._input(history, files, before=before, compare=since))
            return build_report(result, settings, parts=frozenset(), history=given)
        then = [info for info in history if info.day <= until]
        if not then:
            shown = settings.fmt.date(until)
            raise HistoryError(settings.tr("history.none_until", file=path, date=shown))
        state = self.store.load(then[-1])
        day = state.info.day
        earlier = [info for info in history if info.day < day]
        before = first_of_month(day)
        compare = min(since, day) if since is not None else None
        given = self._raise(self._input(earlier, state.files, before=before, compare=compare))
        return build_report(
            state.plans,
            settings.but(report_date=day),
            parts=frozenset(),
            history=given,
            snapshot=day,
        )

    def _raise(self, given: HistoryInput | None) -> HistoryInput:
        """`endringer` is nothing without its history: a problem is its error."""
        if given is None:
            assert self.problem is not None  # `_input` gives None only after a HistoryError
            raise self.problem
        return given


__all__ = ["Memory", "Saved", "first_of_month", "related"]
