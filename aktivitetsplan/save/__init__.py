"""The one module that writes files: reports, the year's wheel, templates, the demo.

Formats turn a report or a wheel into text or bytes; this module decides whether and
where they may be written, and writes them. The rules, for every file aktplan writes:
never overwrite without `--overskriv`, never onto an input file, an ending that says
what is in the file, and an atomic write (a temporary file beside the target, renamed
over it only when it was written in full), so a crash never leaves half a file.
Every refusal is an OutputError in the user's language (`settings.tr`).
"""

from __future__ import annotations

from .files import atomic_output, check_output, check_suffix, write_file, write_workbook
from .people import PEOPLE_ENDINGS, PEOPLE_SUFFIXES, is_folder_target, people_format, write_files
from .report import (
    FILE_ONLY,
    FORMAT_SUFFIXES,
    REPORT_SUFFIXES,
    check_report_target,
    report_format,
    write_report,
)
from .wheel import (
    WHEEL_SUFFIXES,
    WrittenWheel,
    check_targets,
    wheel_targets,
    with_format,
    write_wheel,
)

__all__ = [
    "FILE_ONLY",
    "FORMAT_SUFFIXES",
    "PEOPLE_ENDINGS",
    "PEOPLE_SUFFIXES",
    "REPORT_SUFFIXES",
    "WHEEL_SUFFIXES",
    "WrittenWheel",
    "atomic_output",
    "check_output",
    "check_report_target",
    "check_suffix",
    "check_targets",
    "is_folder_target",
    "people_format",
    "report_format",
    "wheel_targets",
    "with_format",
    "write_file",
    "write_files",
    "write_report",
    "write_wheel",
    "write_workbook",
]
