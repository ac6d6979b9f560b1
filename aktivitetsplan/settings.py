"""The one settings object: built once by the CLI and passed down.

Defaults, then `aktplan.toml` in the current directory (or `--config FIL`), then the
command line (`--språk`, `--dato`, `--kommende`). Everything that shapes what aktplan
reads and says (language, currency, the report date, the lists) lives here, with the
translator and the number formatter that follow from it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path

from .errors import ConfigError
from .i18n import Translator, t
from .i18n.fmt import Formatter, phase_list
from .plan.dates import DateContext, parse_date
from .plan.model import GoalSpec
from .plan.schema import LANGUAGES, PHASE_LABELS, PHASES, TYPE_LABELS, base_status_map, fold

CONFIG_NAME = "aktplan.toml"
# A bare (unquoted) key with a letter TOML does not allow there, such as `språk`.
_BARE_NON_ASCII_KEY = re.compile(r"^[ \t]*([A-Za-z0-9_-]*[^\x00-\x7f][^\s=\"'\[\]#]*)[ \t]*=", re.M)
# … or table name, such as `[mål]`.
_BARE_NON_ASCII_TABLE = re.compile(
    r"^[ \t]*\[[ \t]*([A-Za-z0-9_-]*[^\x00-\x7f][^\s\"'\[\]#]*)[ \t]*\]", re.M
)

DEFAULT_CHANNELS = {
    "nb": (
        "Nettside",
        "Blogg",
        "SEO",
        "Google Ads",
        "LinkedIn",
        "Facebook",
        "Instagram",
        "Nyhetsbrev",
        "E-post",
        "Webinar",
        "Arrangement",
        "PR",
        "Video",
        "Print",
    ),
    "en": (
        "Website",
        "Blog",
        "SEO",
        "Google Ads",
        "LinkedIn",
        "Facebook",
        "Instagram",
        "Newsletter",
        "Email",
        "Webinar",
        "Event",
        "PR",
        "Video",
        "Print",
    ),
}
DEFAULT_CATEGORIES = {
    "nb": ("Program", "Kampanje", "Eksperiment", "Hendelse"),
    "en": ("Program", "Campaign", "Experiment", "Event"),
}


@dataclass(frozen=True)
class Settings:
    """Everything a user can set (`aktplan.toml` and the command line), built once."""

    language: str = "nb"
    currency: str = "kr"
    channels: tuple[str, ...] | None = None  # None: the built-in channels of the language
    people: tuple[str, ...] = ()
    types: tuple[str, ...] | None = None  # None: the built-in types of the language
    categories: tuple[str, ...] | None = None  # årshjul categories; None: built-in
    extra_statuses: dict[str, str] = field(default_factory=dict)  # status text → phase
    upcoming_days: int = 14
    max_unpacked_mb: int = 200
    source: Path | None = None
    # The date the plans are read and reported for (`--dato`, else today): a date typed
    # without a year is read as the one nearest to it when the plan has no period.
    report_date: date | None = None
    # The history database (`historikk = "…"`, relative to the toml's folder, or
    # `--historikk FIL`); None: `aktplan-historikk.sqlite` beside the plans.
    history: Path | None = None
    use_history: bool = True  # False: `--uten-historikk`, nothing read or saved
    # The department's goal (`[maal]`): every report opens with it. None: not set here
    # (an årshjul workbook's `Mål` sheet may set it).
    goal: GoalSpec | None = None

    @cached_property
    def tr(self) -> Translator:
        """The catalogue of the user's language: `settings.tr("key", name=...)`."""
        return Translator(self.language)

    @cached_property
    def fmt(self) -> Formatter:
        """Numbers, money, shares and dates as the user's language writes them."""
        return Formatter(self.language, self.currency)

    def type_list(self) -> tuple[str, ...]:
        return self.types or tuple(TYPE_LABELS[self.language].values())

    def channel_list(self) -> tuple[str, ...]:
        return self.channels if self.channels is not None else DEFAULT_CHANNELS[self.language]

    def category_list(self) -> tuple[str, ...]:
        return self.categories or DEFAULT_CATEGORIES[self.language]

    def status_map(self) -> dict[str, str]:
        """Folded status text → phase, built-in and configured."""
        mapping = base_status_map()
        for name, phase in self.extra_statuses.items():
            mapping[fold(name)] = phase
        return mapping

    def but(self, **changes: object) -> Settings:
        """A copy with `changes` (`--språk`, `--dato`, `--kommende`); None leaves a value."""
        changes = {k: v for k, v in changes.items() if v is not None}
        return replace(self, **changes) if changes else self

    def today(self) -> date:
        """The report date: `--dato` when given, else today."""
        return self.report_date or date.today()


def _strings(key: str, value: object, where: str, lang: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(t("config.bad_list", lang, file=where, key=key))
    return tuple(v.strip() for v in value)


def _phase(name: str, value: object, where: str, lang: str) -> str:
    if isinstance(value, str):
        if value in PHASES:
            return value
        phase = base_status_map().get(fold(value))
        if phase:
            return phase
    # A config file may name a phase in either language: the Norwegian names in the
    # message's own list, the English ones beside them where the message has room.
    raise ConfigError(
        t(
            "config.bad_phase",
            lang,
            file=where,
            key=f"statuser.{name}",
            value=value,
            phases=phase_list(lang, labels="nb"),
            phases_en=", ".join(PHASE_LABELS["en"][phase] for phase in PHASES),
        )
    )


def _positive_int(key: str, value: object, where: str, lang: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(t("config.bad_int", lang, file=where, key=key))
    return value


def _history_path(key: str, value: object, where: str, lang: str) -> Path:
    """`historikk = "…"`: relative to the folder of the toml that says it, so the same
    file is found whichever folder aktplan is run from."""
    return Path(where).parent / Path(_text(key, value, where, lang)).expanduser()


def _language(key: str, value: object, where: str, lang: str) -> str:
    if value not in LANGUAGES:
        raise ConfigError(t("config.bad_language", lang, file=where, key=key))
    return value


def _text(key: str, value: object, where: str, lang: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(t("config.bad_text", lang, file=where, key=key))
    return value.strip()


def _statuses(key: str, value: object, where: str, lang: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(t("config.bad_table", lang, file=where, key=key))
    if any(not name.strip() for name in value):
        raise ConfigError(t("config.blank_status", lang, file=where, key=key))
    return {name.strip(): _phase(name, phase, where, lang) for name, phase in value.items()}


# The keys of the `[maal]` table → GoalSpec field (`navn` … as users write them; the
# quoted Norwegian spellings and English too).
_GOAL_KEYS = {
    "navn": "name",
    "name": "name",
    "kpi": "kpi",
    "maaltall": "target",
    "måltall": "target",
    "target": "target",
    "periode": "period",
    "period": "period",
    "start": "start",
    "slutt": "end",
    "end": "end",
    "aliaser": "aliases",
    "aliases": "aliases",
}


def _goal(key: str, value: object, where: str, lang: str) -> GoalSpec:
    """`[maal]` (or `["mål"]`): name, KPI, target and period of the department's goal.

    `periode = 2027` is that calendar year; `start`/`slutt` (TOML dates or `1.1.2027`)
    set another period; without either the period is the report date's year.
    """
    if not isinstance(value, dict):
        raise ConfigError(t("config.bad_goal_table", lang, file=where, key=key))
    found: dict[str, object] = {}
    for name, item in value.items():
        field_name = _GOAL_KEYS.get(name)
        if field_name is None:
            raise ConfigError(t("config.unknown_goal_key", lang, file=where, key=f"{key}.{name}"))
        found[field_name] = item
    name = f"{key}.kpi"
    if "kpi" not in found:
        raise ConfigError(t("config.goal_needs", lang, file=where, key=name))
    if "target" not in found:
        raise ConfigError(t("config.goal_needs", lang, file=where, key=f"{key}.maaltall"))
    target = found["target"]
    if isinstance(target, bool) or not isinstance(target, (int, float)) or not target > 0:
        raise ConfigError(t("config.bad_goal_target", lang, file=where, key=f"{key}.maaltall"))
    start = _goal_date(f"{key}.start", found.get("start"), where, lang, "start")
    end = _goal_date(f"{key}.slutt", found.get("end"), where, lang, "deadline")
    period = found.get("period")
    if period is not None:
        if isinstance(period, str) and period.strip().isdigit():
            period = int(period.strip())
        if isinstance(period, bool) or not isinstance(period, int) or not 1900 < period < 2200:
            raise ConfigError(t("config.bad_goal_period", lang, file=where, key=f"{key}.periode"))
        start, end = start or date(period, 1, 1), end or date(period, 12, 31)
    if start is not None and end is not None and end < start:
        raise ConfigError(t("config.bad_goal_period", lang, file=where, key=f"{key}.slutt"))
    aliases = found.get("aliases", [])
    return GoalSpec(
        name=_text(f"{key}.navn", found["name"], where, lang) if "name" in found else None,
        kpi=_text(name, found["kpi"], where, lang),
        target=float(target),
        start=start,
        end=end,
        aliases=_strings(f"{key}.aliaser", aliases, where, lang) if aliases else (),
        source=where,
    )


def _goal_date(key: str, value: object, where: str, lang: str, role: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        parsed, problem = parse_date(value, DateContext(date.today()), role=role)
        if parsed is not None and problem is None:  # a date without a year is no period
            return parsed
    raise ConfigError(t("config.bad_goal_date", lang, file=where, key=key))


# The keys of `aktplan.toml` (Norwegian, as users write them) → the Settings field and
# the check that turns the TOML value into it, raising ConfigError with the key's name.
_KEYS: dict[str, tuple[str, Callable[[str, object, str, str], object]]] = {
    "språk": ("language", _language),
    "sprak": ("language", _language),
    "language": ("language", _language),
    "valuta": ("currency", _text),
    "kanaler": ("channels", _strings),
    "personer": ("people", _strings),
    "typer": ("types", _strings),
    "kategorier": ("categories", _strings),
    "statuser": ("extra_statuses", _statuses),
    "kommende_dager": ("upcoming_days", _positive_int),
    "maks_utpakket_mb": ("max_unpacked_mb", _positive_int),
    "historikk": ("history", _history_path),
    "maal": ("goal", _goal),
    "mål": ("goal", _goal),
    "goal": ("goal", _goal),
}


def parse_config(data: dict, where: str, lang: str = "nb") -> Settings:
    """Validate a parsed TOML document; every unknown key or bad value is a ConfigError."""
    values: dict[str, object] = {}
    for key, value in data.items():
        if key not in _KEYS:
            raise ConfigError(t("config.unknown_key", lang, file=where, key=key))
        name, check = _KEYS[key]
        values[name] = check(key, value, where, lang)
    return Settings(**values)


def load_settings(
    path: str | Path | None = None,
    *,
    cwd: Path | None = None,
    language: str | None = None,
    report_date: date | None = None,
    upcoming_days: int | None = None,
    history: Path | None = None,
    use_history: bool | None = None,
) -> Settings:
    """Load `path`, else `aktplan.toml` in `cwd` if there is one, else the defaults; then
    the command line's values on top (None: not given; `history`: `--historikk FIL`,
    `use_history`: False for `--uten-historikk`). Errors in `language`."""
    return _load_file(path, cwd, language or "nb").but(
        language=language,
        report_date=report_date,
        upcoming_days=upcoming_days,
        history=history,
        use_history=use_history,
    )


def _load_file(path: str | Path | None, cwd: Path | None, lang: str) -> Settings:
    if path is None:
        candidate = (cwd or Path.cwd()) / CONFIG_NAME
        if not candidate.is_file():
            return Settings()
        path = candidate
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise ConfigError(t("config.missing", lang, file=path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(t("config.unreadable", lang, file=path, error=exc)) from None
    except tomllib.TOMLDecodeError as exc:
        table = _BARE_NON_ASCII_TABLE.search(text)
        if table:  # `[mål]`: the same, for a table's name
            raise ConfigError(t("config.bare_table", lang, file=path, key=table[1])) from None
        bare = _BARE_NON_ASCII_KEY.search(text)
        if bare:  # `språk = "en"`: TOML bare keys are A-Z, a-z, 0-9, _ and - only
            raise ConfigError(t("config.bare_key", lang, file=path, key=bare[1])) from None
        raise ConfigError(t("config.bad_toml", lang, file=path, error=exc)) from None
    return replace(parse_config(data, str(path), lang), source=path)
