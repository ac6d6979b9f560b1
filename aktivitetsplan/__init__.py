"""aktplan: activity plans and annual wheels for marketing teams that plan in Excel.

The library is importable without pandas; `read_plans` and `build_report` load
it on first use.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Settings", "__version__", "build_report", "load_settings", "read_plans"]


def __getattr__(name: str):
    if name == "read_plans":
        from .read.reader import read_plans

        return read_plans
    if name == "build_report":
        from .compute.report import build_report

        return build_report
    if name in ("load_settings", "Settings"):
        from . import settings

        return getattr(settings, name)
    raise AttributeError(name)
