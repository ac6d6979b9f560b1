"""`aktplan demo`: realistic filled plans of a Norwegian B2B company, for a first run.

The plans are written with our own template writer and filled with openpyxl,
the way a person would fill them: some dates typed as text, some amounts as
`12 500 kr`, status synonyms, a blank row. Dates are relative to the report
date, so the demo always has late tasks and a budget about half burnt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import openpyxl

from .config import Config
from .errors import OutputError
from .i18n import t
from .output import atomic_output
from .schema import CAMPAIGN_FIELDS, COLUMNS, FIRST_FIELD_ROW, HEADER_ROW
from .writers.plan_template import PlanTemplateOptions, write_plan_template

PEOPLE = ("Kari Nordmann", "Ola Hansen", "Ingrid Berg", "Jonas Lie", "Byrå: Fjord Digital")
CHANNELS = Config().channel_list("nb")  # the demo company works in Norwegian


@dataclass(frozen=True)
class DemoActivity:
    """One row: offsets are days from the report date; `messy` types values as text."""

    activity: str
    type: str
    channel: str
    responsible: str
    executor: str
    start: int | None
    deadline: int | None
    status: str
    hours: float | None
    budget: float | None
    cost: float | None
    kpi: str = ""
    target: float | None = None
    result: float | None = None
    comment: str = ""
    messy: bool = False


@dataclass(frozen=True)
class DemoPlan:
    file: str
    campaign: str
    goal: str
    kpi: str
    target: float
    audience: str
    budget: float
    start: int
    end: int
    owner: str
    activities: tuple[DemoActivity, ...]


A = DemoActivity
PLANS = (
    DemoPlan(
        "lansering-sensorpakke.xlsx",
        "Lansering Sensorpakke Pro",
        "120 kvalifiserte leads til salg innen kampanjeslutt",
        "Kvalifiserte leads",
        120,
        "Vedlikeholdsledere og driftssjefer i norsk industri",
        450_000,
        -75,
        75,
        "Kari Nordmann",
        (
            A(
                "Budskap og posisjonering",
                "Kampanje",
                "Nettside",
                "Kari Nordmann",
                "Kari Nordmann",
                -75,
                -60,
                "I distribusjon",
                20,
                15_000,
                14_000,
                comment="Godkjent av ledergruppen",
            ),
            A(
                "Landingsside med demo-skjema",
                "Kampanje",
                "Nettside",
                "Ola Hansen",
                "Byrå: Fjord Digital",
                -60,
                -40,
                "ferdig",
                40,
                60_000,
                68_500,
                "Konvertering",
                5,
                6.2,
                messy=True,
            ),
            A(
                "Produktvideo (90 sek)",
                "Kampanje",
                "Video",
                "Kari Nordmann",
                "Byrå: Fjord Digital",
                -55,
                -20,
                "I distribusjon",
                30,
                90_000,
                85_000,
                "Visninger",
                20_000,
                14_300,
            ),
            A(
                "LinkedIn-annonser, runde 1",
                "Kampanje",
                "LinkedIn",
                "Ingrid Berg",
                "Ingrid Berg",
                -40,
                -5,
                "Publisert",
                16,
                60_000,
                58_200,
                "Leads",
                40,
                47,
            ),
            A(
                "LinkedIn-annonser, runde 2",
                "Kampanje",
                "LinkedIn",
                "Ingrid Berg",
                "Ingrid Berg",
                -4,
                30,
                "pågår",
                16,
                60_000,
                12_400,
                "Leads",
                40,
                9,
                messy=True,
            ),
            A(
                "Google Ads: søkeord «tilstandsovervåking»",
                "Kampanje",
                "Google Ads",
                "Ingrid Berg",
                "Byrå: Fjord Digital",
                -30,
                45,
                "I produksjon",
                12,
                45_000,
                21_000,
                "Leads",
                30,
                11,
            ),
            A(
                "Kundecase: Bergen Mekaniske",
                "Kampanje",
                "Blogg",
                "Jonas Lie",
                "Jonas Lie",
                -35,
                -12,
                "I produksjon",
                24,
                25_000,
                18_000,
                comment="Venter på godkjenning fra kunden",
            ),
            A(
                "Webinar: Prediktivt vedlikehold i praksis",
                "Kampanje",
                "Webinar",
                "Kari Nordmann",
                "Ola Hansen",
                -10,
                9,
                "I produksjon",
                30,
                20_000,
                4_500,
                "Påmeldte",
                150,
                64,
            ),
            A(
                "E-postsekvens til påmeldte",
                "Kampanje",
                "E-post",
                "Ola Hansen",
                "Ola Hansen",
                -3,
                6,
                "Å gjøre",
                10,
                5_000,
                None,
                messy=True,
            ),
            A(
                "Pressemelding til fagpressen",
                "Kampanje",
                "PR",
                "Jonas Lie",
                "Jonas Lie",
                -20,
                -8,
                "Å gjøre",
                8,
                10_000,
                None,
                comment="Utsatt to ganger",
            ),
            A(
                "Salgspresentasjon og battlecard",
                "Kampanje",
                "Arrangement",
                "Kari Nordmann",
                "Ola Hansen",
                -25,
                -2,
                "planlagt",
                12,
                8_000,
                3_000,
            ),
            A(
                "Eksperiment: chatbot på landingssiden",
                "Eksperiment",
                "Nettside",
                "Ola Hansen",
                "Ola Hansen",
                -12,
                12,
                "I produksjon",
                10,
                12_000,
                5_000,
                "Leads",
                10,
                3,
            ),
            A(
                "Eksperiment: A/B-test av emnefelt",
                "Eksperiment",
                "E-post",
                "Ingrid Berg",
                "Ingrid Berg",
                0,
                10,
                "ikke startet",
                4,
                2_000,
                None,
            ),
            A(
                "Retargeting-annonser",
                "Kampanje",
                "Facebook",
                "Ingrid Berg",
                "Byrå: Fjord Digital",
                20,
                60,
                "Å gjøre",
                8,
                30_000,
                None,
            ),
            A(
                "Oppfølging av leads innen 24 timer",
                "Program",
                "E-post",
                "Kari Nordmann",
                "Ola Hansen",
                -60,
                75,
                "pågår",
                40,
                None,
                None,
                "Svartid (timer)",
                24,
                20,
                comment="Vær klar: salg må svare raskt",
            ),
        ),
    ),
    DemoPlan(
        "innholdsmotor.xlsx",
        "Innholdsmotor (program hele året)",
        "30 % flere organiske besøk og 40 nye abonnenter i måneden",
        "Nye abonnenter",
        480,
        "Ingeniører og innkjøpere som leter etter løsninger",
        360_000,
        -200,
        165,
        "Jonas Lie",
        (
            A(
                "SEO: tekniske forbedringer",
                "Program",
                "SEO",
                "Jonas Lie",
                "Byrå: Fjord Digital",
                -200,
                -150,
                "ferdigstilt",
                30,
                40_000,
                42_000,
                comment="Kjernesider raskere",
            ),
            A(
                "Blogg: to artikler i måneden",
                "Program",
                "Blogg",
                "Jonas Lie",
                "Ingrid Berg",
                -200,
                165,
                "pågår",
                160,
                80_000,
                41_000,
                "Besøk",
                24_000,
                13_100,
            ),
            A(
                "Nyhetsbrev hver måned",
                "Program",
                "Nyhetsbrev",
                "Ola Hansen",
                "Ola Hansen",
                -200,
                165,
                "I produksjon",
                60,
                24_000,
                13_000,
                "Nye abonnenter",
                480,
                226,
            ),
            A(
                "LinkedIn: tre innlegg i uka",
                "Program",
                "LinkedIn",
                "Ingrid Berg",
                "Ingrid Berg",
                -200,
                165,
                "I produksjon",
                120,
                20_000,
                9_800,
            ),
            A(
                "Søkeordsanalyse for 2027",
                "Program",
                "SEO",
                "Jonas Lie",
                "Jonas Lie",
                -10,
                20,
                "Å gjøre",
                16,
                15_000,
                None,
                messy=True,
            ),
            A(
                "Guide: Slik velger du vibrasjonssensor",
                "Program",
                "Nettside",
                "Jonas Lie",
                "Byrå: Fjord Digital",
                -50,
                -15,
                "I produksjon",
                40,
                45_000,
                30_000,
                "Nedlastinger",
                200,
                None,
            ),
            A(
                "Oppdatere produktsider",
                "Program",
                "Nettside",
                "Ola Hansen",
                "Ola Hansen",
                -30,
                -3,
                "under arbeid",
                20,
                10_000,
                4_000,
            ),
            A(
                "Eksperiment: kortvideo på LinkedIn",
                "Eksperiment",
                "Video",
                "Ingrid Berg",
                "Ingrid Berg",
                -15,
                5,
                "I produksjon",
                8,
                6_000,
                2_500,
                "Engasjement (%)",
                3,
                2.4,
            ),
            A(
                "Podkast-pilot",
                "Eksperiment",
                "Video",
                "Jonas Lie",
                "Jonas Lie",
                -90,
                -60,
                "Avlyst",
                10,
                15_000,
                1_500,
                comment="Droppet: for lite respons",
            ),
            A(
                "Google Ads: vedlikehold av kontoen",
                "Program",
                "Google Ads",
                "Ingrid Berg",
                "Byrå: Fjord Digital",
                -200,
                165,
                "pågår",
                50,
                90_000,
                52_000,
                "Klikk",
                9_000,
                5_400,
            ),
        ),
    ),
    DemoPlan(
        "messe-maskin-industri.xlsx",
        "Messe: Maskin & Industri",
        "60 kvalifiserte møter på standen",
        "Møter på standen",
        60,
        "Beslutningstakere i industrien på messa",
        280_000,
        -40,
        30,
        "Ola Hansen",
        (
            A(
                "Bestille stand og strøm",
                "Kampanje",
                "Arrangement",
                "Ola Hansen",
                "Ola Hansen",
                -40,
                -30,
                "levert",
                6,
                95_000,
                95_000,
            ),
            A(
                "Standdesign og trykk",
                "Kampanje",
                "Print",
                "Ola Hansen",
                "Byrå: Fjord Digital",
                -30,
                -6,
                "I produksjon",
                30,
                70_000,
                48_000,
                comment="Trykkeriet venter på logo",
                messy=True,
            ),
            A(
                "Invitasjoner til kunder",
                "Kampanje",
                "E-post",
                "Kari Nordmann",
                "Ola Hansen",
                -20,
                -10,
                "Å gjøre",
                10,
                5_000,
                None,
            ),
            A(
                "Booking av møter på standen",
                "Kampanje",
                "E-post",
                "Kari Nordmann",
                "Kari Nordmann",
                -10,
                14,
                "I produksjon",
                24,
                None,
                None,
                "Møter",
                60,
                18,
            ),
            A(
                "LinkedIn: før, under og etter messa",
                "Kampanje",
                "LinkedIn",
                "Ingrid Berg",
                "Ingrid Berg",
                -5,
                25,
                "Å gjøre",
                12,
                15_000,
                None,
            ),
            A(
                "Reise og hotell",
                "Kampanje",
                "Arrangement",
                "Ola Hansen",
                "Ola Hansen",
                -15,
                10,
                "pågår",
                4,
                40_000,
                22_000,
            ),
            A(
                "Eksperiment: QR-kode til demo-video",
                "Eksperiment",
                "Print",
                "Ola Hansen",
                "Ola Hansen",
                -5,
                12,
                "Å gjøre",
                3,
                1_000,
                None,
            ),
            A(
                "Oppfølging etter messa",
                "Kampanje",
                "E-post",
                "Kari Nordmann",
                "Ola Hansen",
                15,
                30,
                "Å gjøre",
                20,
                5_000,
                None,
            ),
            A(
                "Idébank for neste messe",
                "Eksperiment",
                "Arrangement",
                "",
                "",
                None,
                None,
                "",
                None,
                None,
                None,
                comment="Mangler ansvarlig og frist",
            ),
        ),
    ),
)


def _messy_date(day: date) -> str:
    months = (
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    )
    return f"{day.day}. {months[day.month - 1]} {day.year}"


def _messy_amount(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ") + " kr"


def fill_plan(path: Path, plan: DemoPlan, today: date) -> None:
    """Fill a written template with openpyxl, the way a person would."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    day = lambda offset: today + timedelta(days=offset)  # noqa: E731
    fields = {
        "name": plan.campaign,
        "goal": plan.goal,
        "kpi": plan.kpi,
        "target": plan.target,
        "audience": plan.audience,
        "budget": plan.budget,
        "start": day(plan.start),
        "end": day(plan.end),
        "owner": plan.owner,
    }
    for offset, field in enumerate(CAMPAIGN_FIELDS):
        sheet.cell(row=FIRST_FIELD_ROW + offset, column=2, value=fields[field.key])
    col = {c.key: i + 1 for i, c in enumerate(COLUMNS)}
    row = HEADER_ROW + 1
    for number, activity in enumerate(plan.activities, start=1):
        if number == 6:
            row += 1  # a blank row, as people leave them
        values = {
            "id": f"A{number:02d}",
            "activity": activity.activity,
            "type": activity.type,
            "channel": activity.channel,
            "responsible": activity.responsible or None,
            "executor": activity.executor or None,
            "start": day(activity.start) if activity.start is not None else None,
            "deadline": day(activity.deadline) if activity.deadline is not None else None,
            "status": activity.status or None,
            "hours": activity.hours,
            "budget": activity.budget,
            "cost": activity.cost,
            "kpi": activity.kpi or None,
            "target": activity.target,
            "result": activity.result,
            "comment": activity.comment or None,
        }
        if activity.messy:
            if values["deadline"]:
                values["deadline"] = _messy_date(values["deadline"])
            if values["start"]:
                values["start"] = values["start"].strftime("%d.%m.%Y")
            if values["budget"]:
                values["budget"] = _messy_amount(values["budget"])
        for key, value in values.items():
            if value is not None:
                cell = sheet.cell(row=row, column=col[key], value=value)
                if isinstance(value, date):
                    cell.number_format = "dd.mm.yyyy"
        row += 1
    workbook.save(path)


def write_demo(
    folder: Path, *, today: date, overwrite: bool = False, language: str = "nb"
) -> list[Path]:
    """Write the demo plans into `folder`; refuse to mix with existing files unless `overwrite`."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(t("demo.not_folder", language, folder=folder))
    targets = [folder / plan.file for plan in PLANS]
    # All or nothing: a second run stops before it writes any plan, not after the first.
    existing = [target for target in targets if target.exists()]
    if existing and not overwrite:
        raise OutputError(t("demo.exists", language, folder=folder, file=existing[0].name))
    folder.mkdir(parents=True, exist_ok=True)
    config = Config(language=language, people=PEOPLE)
    written = []
    for plan, target in zip(PLANS, targets, strict=True):
        with atomic_output(target, overwrite=overwrite, lang=language) as temp:
            write_plan_template(temp, PlanTemplateOptions(language=language), config)
            fill_plan(temp, plan, today)
        written.append(target)
    return written
