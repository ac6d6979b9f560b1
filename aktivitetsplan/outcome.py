"""Exit codes, decided in one place.

0 ok; 1 what `--streng` asks to fail on, or `sjekk` found errors; 2 bad usage
or unreadable input; 130 interrupted (Ctrl-C), as a shell reports a SIGINT.
"""

from __future__ import annotations

OK, FAILED, UNUSABLE = 0, 1, 2
INTERRUPTED = 130


def check_exit_code(errors: int, unreadable: int, plans: int) -> int:
    """`sjekk`: 2 when a file could not be read or no plan was found at all."""
    if unreadable or not plans:
        return UNUSABLE
    return FAILED if errors else OK


def report_exit_code(*, overdue: int, errors: int, unreadable: int, strict: bool) -> int:
    if unreadable:
        return UNUSABLE
    if strict and (overdue or errors):
        return FAILED
    return OK
