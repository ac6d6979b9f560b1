"""The single source of truth: columns, aliases, statuses, phases, campaign fields.

The template writers and the reader both use this module; nothing else defines
a header text, an alias, a status or a phase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .palette import OVERDUE_COLOUR as OVERDUE_COLOUR
from .palette import PHASE_COLOURS as PHASE_COLOURS
from .palette import PHASE_STRONG_COLOURS as PHASE_STRONG_COLOURS

LANGUAGES = ("nb", "en")

# --- text normalisation -----------------------------------------------------

_FOLD = str.maketrans({"å": "a", "ø": "o", "æ": "ae", "é": "e", "ä": "a", "ö": "o"})
_UNIT = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]\s*")
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, fold Norwegian letters, collapse white space, drop a trailing '.'/':'."""
    text = _SPACE.sub(" ", str(text).replace("\u00a0", " ")).strip().lower()
    text = text.rstrip(".:").strip()
    return text.translate(_FOLD)


@lru_cache(maxsize=8192)  # the same header and label texts recur in every plan
def header_key(text: str) -> str:
    """Normalise a header cell: case-, space- and unit-insensitive (`Budsjett (kr)`)."""
    text = _UNIT.sub(" ", str(text))
    text = fold(text)
    for unit in (" kr", " nok", " i kr"):
        if text.endswith(unit):
            text = text[: -len(unit)]
    return text.replace(" ", "")


# --- activity columns ---------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One activity column: its key, header per language, value kind and aliases."""

    key: str
    nb: str
    en: str
    kind: str  # text | list | date | number | amount | status | type | repeat | decision
    aliases: tuple[str, ...] = ()
    width: int = 14

    def header(self, language: str, currency: str = "kr") -> str:
        """The header text written in a template (money columns carry the unit)."""
        text = self.nb if language == "nb" else self.en
        if self.kind == "amount":
            return f"{text} ({currency})"
        return text


COLUMNS: tuple[Column, ...] = (
    Column("id", "ID", "ID", "text", ("nr", "#", "nummer"), width=7),
    Column("activity", "Aktivitet", "Activity", "text", ("oppgave", "tiltak", "task"), width=34),
    Column("description", "Beskrivelse", "Description", "text", ("detaljer",), width=30),
    Column("type", "Type", "Type", "type", ("kategori", "category"), width=13),
    Column("channel", "Kanal", "Channel", "list", ("kanaler",), width=16),
    Column("responsible", "Ansvarlig", "Owner", "list", ("eier", "responsible"), width=16),
    Column(
        "executor", "Utfører", "Assignee", "list", ("utforer", "utført av", "executor"), width=16
    ),
    Column("start", "Start", "Start", "date", ("startdato", "start date", "fra"), width=12),
    Column(
        "deadline",
        "Frist",
        "Deadline",
        "date",
        ("deadline", "due", "due date", "forfallsdato", "slutt", "end"),
        width=12,
    ),
    Column("status", "Status", "Status", "status", width=15),
    Column("hours", "Timer", "Hours", "number", ("estimert tid", "tid", "estimat"), width=8),
    Column(
        "budget", "Budsjett", "Budget", "amount", ("planlagt kostnad", "kostnadsramme"), width=14
    ),
    Column(
        "cost",
        "Kostnad",
        "Cost",
        "amount",
        ("faktisk kostnad", "forbruk", "brukt", "actual cost", "spent"),
        width=14,
    ),
    Column("kpi", "KPI", "KPI", "text", ("nøkkeltall",), width=18),
    Column("target", "Måltall", "Target", "number", ("mål",), width=10),
    Column("result", "Resultat", "Result", "number", ("faktisk resultat",), width=10),
    Column("comment", "Kommentar", "Comment", "text", ("merknad", "notater", "notes"), width=30),
    # Last: a column added after the others moves no cell a user or a message names (J14).
    Column(
        "repeat",
        "Gjentas",
        "Repeats",
        "repeat",
        ("gjentakelse", "gjentagelse", "hyppighet", "frekvens", "recurrence", "frequency"),
        width=14,
    ),
    # The method's columns (issue 17), after `Gjentas` for the same reason: what an
    # experiment set out to learn, what was decided after it, and the lasting asset an
    # activity leaves (`Digital hale`). A plan without them reads as before.
    Column(
        "hypothesis",
        "Hypotese",
        "Hypothesis",
        "text",
        ("hypoteser", "antakelse", "hypotese og måling", "hypothesis and measure"),
        width=30,
    ),
    Column(
        "decision",
        "Beslutning",
        "Decision",
        "decision",
        ("avgjørelse", "konklusjon", "beslutning etter test", "outcome"),
        width=13,
    ),
    Column(
        "tail",
        "Digital hale",
        "Digital tail",
        "text",
        ("varig verdi", "hale", "markedsverdi", "lasting asset", "marketing equity"),
        width=16,
    ),
)
# The columns only a plan made from the method's template has: the report shows what
# they hold only when a plan's header names them.
METHOD_COLUMNS = ("hypothesis", "decision", "tail")
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}

HEADER_ALIASES: dict[str, str] = {}
for _c in COLUMNS:
    for _name in (_c.key, _c.nb, _c.en, *_c.aliases):
        HEADER_ALIASES.setdefault(header_key(_name), _c.key)


def column_for_header(text: object) -> str | None:
    """The column key a header cell names, or None."""
    if not isinstance(text, str) or not text.strip():
        return None
    return HEADER_ALIASES.get(header_key(text))


# --- campaign block -----------------------------------------------------------


@dataclass(frozen=True)
class CampaignField:
    """A label/value field in the campaign block above the activity table."""

    key: str
    nb: str
    en: str
    kind: str  # text | number | amount | date | hours
    aliases: tuple[str, ...] = ()
    # A field of the method (issue 17), written beside the campaign block rather than in
    # it, so the activity table's header stays on row 13; in a plan's campaign only when
    # its label is in the sheet, so a plan without it reads exactly as before.
    side: bool = False

    def label(self, language: str) -> str:
        return self.nb if language == "nb" else self.en


CAMPAIGN_FIELDS: tuple[CampaignField, ...] = (
    CampaignField("name", "Kampanje", "Campaign", "text", ("prosjekt", "kampanjenavn", "project")),
    CampaignField("goal", "Mål", "Goal", "text", ("målsetting", "objective")),
    CampaignField("kpi", "KPI", "KPI", "text", ("nøkkeltall",)),
    CampaignField("target", "Måltall", "Target", "number", ("target value",)),
    CampaignField("audience", "Målgruppe", "Audience", "text", ("target group",)),
    CampaignField("budget", "Budsjett", "Budget", "amount", ("totalbudsjett", "total budget")),
    CampaignField("start", "Start", "Start", "date", ("startdato", "start date")),
    CampaignField("end", "Slutt", "End", "date", ("sluttdato", "end date")),
    CampaignField("owner", "Ansvarlig", "Owner", "text", ("kampanjeansvarlig", "eier")),
    # Readiness (beredskap): who answers the inbound leads the campaign triggers, and
    # within how many hours.
    CampaignField(
        "readiness",
        "Beredskap",
        "Readiness",
        "text",
        ("svarer på henvendelser", "svarer på leads", "leadansvarlig", "who answers leads"),
        side=True,
    ),
    CampaignField(
        "response_hours",
        "Svartid (timer)",
        "Response time (hours)",
        "hours",
        ("svartid", "responstid", "response time", "svar innen"),
        side=True,
    ),
)
CAMPAIGN_BY_KEY = {f.key: f for f in CAMPAIGN_FIELDS}
BLOCK_FIELDS = tuple(f for f in CAMPAIGN_FIELDS if not f.side)  # rows 3–11 of the template
SIDE_FIELDS = tuple(f for f in CAMPAIGN_FIELDS if f.side)  # beside them, from row 3
CAMPAIGN_LABELS: dict[str, str] = {}
for _f in CAMPAIGN_FIELDS:
    for _name in (_f.nb, _f.en, *_f.aliases):
        CAMPAIGN_LABELS.setdefault(header_key(_name), _f.key)

# --- statuses and phases ------------------------------------------------------

PHASES = ("todo", "in_production", "distributed", "cancelled")
ALL_PHASES = (*PHASES, "unknown")
OPEN_PHASES = ("todo", "in_production")
# Open work, and work whose status could not be read: it may be open, so a missing or
# unreadable deadline still matters for it.
UNSETTLED_PHASES = (*OPEN_PHASES, "unknown")

PHASE_LABELS = {
    "nb": {
        "todo": "Å gjøre",
        "in_production": "I produksjon",
        "distributed": "I distribusjon",
        "cancelled": "Avlyst",
        "unknown": "Ukjent",
    },
    "en": {
        "todo": "To do",
        "in_production": "In production",
        "distributed": "Distributed",
        "cancelled": "Cancelled",
        "unknown": "Unknown",
    },
}

PHASE_SYNONYMS = {
    "todo": (
        "ikke startet",
        "ikke påbegynt",
        "ikke begynt",
        "planlagt",
        "ny",
        "idé",
        "venter",
        "på vent",
        "kommer",
        "todo",
        "not started",
        "planned",
        "backlog",
        "on hold",
    ),
    "in_production": (
        "pågår",
        "under arbeid",
        "i arbeid",
        "jobbes med",
        "i gang",
        "startet",
        "under produksjon",
        "utkast",
        "til godkjenning",
        "til gjennomgang",
        "til korrektur",
        "in progress",
        "doing",
        "wip",
        "in review",
    ),
    "distributed": (
        "ferdigstilt",
        "ferdig",
        "fullført",
        "gjennomført",
        "distribuert",
        "publisert",
        "lansert",
        "sendt",
        "sendt ut",
        "live",
        "levert",
        "done",
        "completed",
        "finished",
        "published",
        "launched",
        "sent",
    ),
    "cancelled": ("kansellert", "utgår", "droppet", "avbrutt", "strøket", "canceled", "dropped"),
}

# Colours per phase (PHASE_COLOURS, PHASE_STRONG_COLOURS, OVERDUE_COLOUR) live in
# palette.py with every other colour; they are imported above so `schema` still offers them.


def base_status_map() -> dict[str, str]:
    """Folded status text → phase, for the built-in statuses of both languages (a copy:
    callers add their own)."""
    return dict(_status_map())


def _vocabulary(
    keys: tuple[str, ...], labels: dict[str, dict[str, str]], synonyms: dict[str, tuple]
) -> dict[str, str]:
    """Folded text → key: each key's label in both languages, then its synonyms; a text
    two keys claim stays with the first."""
    mapping: dict[str, str] = {}
    for key in keys:
        for name in (labels["nb"][key], labels["en"][key], *synonyms[key]):
            mapping.setdefault(fold(name), key)
    return mapping


@lru_cache(maxsize=1)  # folded once, not once per plan
def _status_map() -> dict[str, str]:
    return _vocabulary(PHASES, PHASE_LABELS, PHASE_SYNONYMS)


# --- activity types ("the motor") ----------------------------------------------

TYPES = ("program", "campaign", "experiment")
TYPE_LABELS = {
    "nb": {"program": "Program", "campaign": "Kampanje", "experiment": "Eksperiment"},
    "en": {"program": "Program", "campaign": "Campaign", "experiment": "Experiment"},
}
TYPE_SYNONYMS = {
    "program": ("programmer", "always on", "alltid på"),
    "campaign": ("kampanjer",),
    "experiment": ("eksperimenter", "test", "forsøk"),
}


def base_type_map() -> dict[str, str]:
    """Folded type text → type key (a copy: callers add their own)."""
    return dict(_type_map())


@lru_cache(maxsize=1)
def _type_map() -> dict[str, str]:
    return _vocabulary(TYPES, TYPE_LABELS, TYPE_SYNONYMS)


# --- recurring activities --------------------------------------------------------

# How often a recurring activity repeats (the `Gjentas` column): the key, its dropdown
# label per language, and what else people write for it. `Start` is the first
# occurrence; `Frist` (else the campaign's `Slutt`) ends the series.
REPEATS = ("weekly", "biweekly", "monthly", "quarterly", "yearly")
REPEAT_LABELS = {
    "nb": {
        "weekly": "ukentlig",
        "biweekly": "annenhver uke",
        "monthly": "månedlig",
        "quarterly": "kvartalsvis",
        "yearly": "årlig",
    },
    "en": {
        "weekly": "weekly",
        "biweekly": "every other week",
        "monthly": "monthly",
        "quarterly": "quarterly",
        "yearly": "yearly",
    },
}
REPEAT_SYNONYMS = {
    "weekly": ("hver uke", "en gang i uka", "en gang i uken", "per uke", "uke", "every week"),
    "biweekly": (
        *("annen hver uke", "hver annen uke", "hver 2. uke", "2 uker", "hver 14. dag"),
        *("14 dager", "biweekly", "fortnightly", "every two weeks", "every 2 weeks"),
    ),
    "monthly": ("hver måned", "hver mnd", "en gang i måneden", "per måned", "måned", "every month"),
    "quarterly": (
        *("hvert kvartal", "per kvartal", "kvartal", "hver 3. måned", "3 måneder"),
        "every quarter",
    ),
    "yearly": ("hvert år", "en gang i året", "per år", "år", "annually", "annual", "every year"),
}


def base_repeat_map() -> dict[str, str]:
    """Folded repeat text → repeat key, for both languages and the synonyms (a copy)."""
    return dict(_repeat_map())


@lru_cache(maxsize=1)
def _repeat_map() -> dict[str, str]:
    return _vocabulary(REPEATS, REPEAT_LABELS, REPEAT_SYNONYMS)


# --- the method: experiments that decide, the digital tail, readiness, the goal ------

# What was decided after an experiment (the `Beslutning` column's dropdown).
DECISIONS = ("scale", "continue", "drop")
DECISION_LABELS = {
    "nb": {"scale": "Forsterk", "continue": "Fortsett", "drop": "Dropp"},
    "en": {"scale": "Scale up", "continue": "Continue", "drop": "Drop"},
}
DECISION_SYNONYMS = {
    "scale": (
        *("forsterke", "forsterket", "skaler", "skaler opp", "skalere", "øk", "øke", "satse"),
        *("scale", "scaled up", "reinforce", "double down"),
    ),
    "continue": (
        *("fortsette", "fortsetter", "videreføre", "videreført", "behold", "beholde"),
        *("kjør videre", "test videre", "continue", "keep", "keep going"),
    ),
    "drop": (
        *("droppe", "droppet", "stopp", "stoppe", "stoppet", "avslutt", "avslutte", "legg ned"),
        *("dropped", "stop", "stopped", "kill", "killed", "discontinue"),
    ),
}


def base_decision_map() -> dict[str, str]:
    """Folded decision text → decision key, both languages and the synonyms (a copy)."""
    return dict(_decision_map())


@lru_cache(maxsize=1)
def _decision_map() -> dict[str, str]:
    return _vocabulary(DECISIONS, DECISION_LABELS, DECISION_SYNONYMS)


# The lasting assets an activity can leave (`Digital hale`): the dropdown's suggestions;
# any other text is a tail too, and these words say it left none.
TAIL_SUGGESTIONS = {
    "nb": (
        "Innhold",
        "Listevekst",
        "Synlighet i søk",
        "Anmeldelser",
        "Følgere",
        "Lenker",
        "Innsikt",
        "Ingen",
    ),
    "en": (
        "Content",
        "List growth",
        "Search visibility",
        "Reviews",
        "Followers",
        "Links",
        "Insight",
        "None",
    ),
}
NO_TAIL = frozenset(
    fold(word) for word in ("ingen", "nei", "ingenting", "-", "–", "none", "no", "nothing")
)


def leaves_tail(text: object) -> bool | None:
    """True when a `Digital hale` cell names an asset, False when it says none, None
    when it is blank (nothing said)."""
    if text is None or not str(text).strip():
        return None
    return fold(str(text)) not in NO_TAIL


# `Beredskap` written as not applicable: the campaign triggers no responses to answer.
READINESS_NOT_NEEDED = frozenset(
    fold(word)
    for word in (
        *("ikke aktuelt", "ikke relevant", "ikke nødvendig", "i/a", "n/a", "na"),
        *("not applicable", "not needed"),
    )
)

# The department's goal on the årshjul workbook's `Mål` sheet: label/value fields as in
# a campaign block (the same reading rules), or `[maal]` in aktplan.toml.
GOAL_FIELDS: tuple[CampaignField, ...] = (
    CampaignField("name", "Mål", "Goal", "text", ("avdelingsmål", "hovedmål", "department goal")),
    CampaignField("kpi", "KPI", "KPI", "text", ("nøkkeltall", "måles i", "measured in")),
    CampaignField("target", "Måltall", "Target", "number", ("target value", "mål tall")),
    CampaignField("start", "Start", "Start", "date", ("periode fra", "fra", "from")),
    CampaignField("end", "Slutt", "End", "date", ("periode til", "til", "to")),
    CampaignField("aliases", "Også kalt", "Also called", "text", ("alias", "aliaser", "aliases")),
)
GOAL_BY_KEY = {f.key: f for f in GOAL_FIELDS}
GOAL_LABELS: dict[str, str] = {}
for _f in GOAL_FIELDS:
    for _name in (_f.nb, _f.en, *_f.aliases):
        GOAL_LABELS.setdefault(header_key(_name), _f.key)


# --- sheet and table names ------------------------------------------------------

SHEETS = {
    "nb": {
        "plan": "Aktivitetsplan",
        "lists": "Lister",
        "guide": "Veiledning",
        "competitors": "Konkurrenter",
        "wheel_table": "Årshjul",
        "wheel_chart": "Hjul",
        "goal": "Mål",
    },
    "en": {
        "plan": "Activity plan",
        "lists": "Lists",
        "guide": "Guide",
        "competitors": "Competitors",
        "wheel_table": "Annual wheel",
        "wheel_chart": "Wheel",
        "goal": "Goal",
    },
}
PLAN_TABLE = "Aktiviteter"
COMPETITOR_TABLE = "Konkurrenter"
WHEEL_TABLE = "Arshjul"

COMPETITOR_COLUMNS = {
    "nb": ("Konkurrent", "Kanal", "Hva de gjør", "Styrke", "Hvordan vi skiller oss ut"),
    "en": ("Competitor", "Channel", "What they do", "Strength", "How we differ"),
}

# Lists behind the dropdowns: defined name → (header per language).
LIST_NAMES = {
    "type": ("Liste_Type", {"nb": "Type", "en": "Type"}),
    "channel": ("Liste_Kanal", {"nb": "Kanal", "en": "Channel"}),
    "person": ("Liste_Person", {"nb": "Personer", "en": "People"}),
    "status": ("Liste_Status", {"nb": "Status", "en": "Status"}),
    "category": ("Liste_Kategori", {"nb": "Kategori", "en": "Category"}),
    "repeat": ("Liste_Gjentas", {"nb": "Gjentas", "en": "Repeats"}),
    "decision": ("Liste_Beslutning", {"nb": "Beslutning", "en": "Decision"}),
    "tail": ("Liste_Hale", {"nb": "Digital hale", "en": "Digital tail"}),
}
LIST_ROWS = 200  # how far below its header a list may grow

# Layout of the plan template (1-based rows as a user sees them).
TITLE_ROW = 1
FIRST_FIELD_ROW = 3
HEADER_ROW = FIRST_FIELD_ROW + len(BLOCK_FIELDS) + 1  # 13
SIDE_LABEL_COL = 6  # 0-based: the side fields' labels in G, their values in H:K
TEMPLATE_ROWS = 200  # empty activity rows in the template

# How far down the reader looks for a header row.
HEADER_SEARCH_ROWS = 30
