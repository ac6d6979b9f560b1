"""The command line: `aktplan` (`aktivitetsplan.cli:main`) and its click group `cli`.

- `language`: the language of help, metavars and click's own texts for one command line.
- `base`: click's classes fitted to aktplan (catalogue help, one-line `Feil:` errors).
- `options`: the shared options and the parsing of option values.
- `commands`: the commands themselves: parse, call the library, print, exit.
- `history`: the history's own commands, `endringer` and `historikk`.
- `next_year`: `nytt-år`, next year's plans from this year's.
- `people`: `oppgaver`, each person's open tasks and their calendars.
- `app`: `main()`, the entry point.
"""

from __future__ import annotations

from .app import main
from .commands import cli
from .history import endringer, historikk  # defining them adds them to `cli`
from .next_year import nytt_ar
from .people import oppgaver

__all__ = ["cli", "endringer", "historikk", "main", "nytt_ar", "oppgaver"]
