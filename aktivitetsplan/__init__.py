"""aktplan: activity plans and annual wheels for marketing teams that plan in Excel.

The library is importable without pandas; `read_plans` and `build_report` load
it on first use.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Config", "__version__", "build_report", "load_config", "read_plans"]


def __getattr__(name: str):
    if name == "read_plans":
        from .reader import read_plans

        return read_plans
    if name == "build_report":
        from .report import build_report

        return build_report
    if name in ("load_config", "Config"):
        from . import config

        return getattr(config, name)
    raise AttributeError(name)
