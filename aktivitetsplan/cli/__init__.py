"""The command line: `aktplan` (`aktivitetsplan.cli:main`) and its click group `cli`.

- `language`: the language of help, metavars and click's own texts for one command line.
- `base`: click's classes fitted to aktplan (catalogue help, one-line `Feil:` errors).
- `options`: the shared options and the parsing of option values.
- `commands`: the commands themselves: parse, call the library, print, exit.
- `history`: the history's own commands, `endringer` and `historikk`.
- `app`: `main()`, the entry point.
"""

from __future__ import annotations

from .app import main
from .commands import cli
from .history import endringer, historikk  # defining them adds them to `cli`

__all__ = ["cli", "endringer", "historikk", "main"]
