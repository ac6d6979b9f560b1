"""The planning method in the report: the goal on top, experiments, readiness, the tail.

Each view words one of `compute.method`'s figures once, for every format: the headline's
opening sentence (`goal_sentence`), a section's title, its sentences and its table rows
(already formatted text; `record` keeps the figures for the workbook). A report
without the method's fields has none of them (`ReportView.goal` … are None).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from ..compute.method import (
    DepartmentGoal,
    DigitalTail,
    ExperimentTask,
    ExperimentYear,
    ReadinessRow,
)
from ..i18n import Translator
from ..i18n.fmt import Formatter
from ..plan.schema import DECISION_LABELS, DECISIONS

if TYPE_CHECKING:
    from .report import ReportView

SHOWN_CARRIERS = 2  # campaigns named in the opening sentence; the rest are summed


def join_and(parts: list[str], tr: Translator) -> str:
    """`A, B og C` / `A, B and C`."""
    if len(parts) < 2:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {tr('summary.and')} {parts[-1]}"


def _calendar_year(goal: DepartmentGoal) -> bool:
    start, end = goal.period_start, goal.period_end
    return (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year


def in_sentence(name: str) -> str:
    """A KPI inside a sentence: `Kvalifiserte leads` → `kvalifiserte leads`; an acronym
    (`MQL`, `NPS-score`) stays as typed."""
    first = name.split(" ", 1)[0]
    if not first or first[:1].islower() or sum(c.isupper() for c in first) > 1:
        return name
    return first[:1].lower() + name[1:]


def goal_sentence(goal: DepartmentGoal, tr: Translator, fmt: Formatter) -> str:
    """The report's opening: «212 av 400 leads (53 %) ved 75 % av året: bak skjema.
    Vårkampanjen står for 140.» — target, result, share against the period gone, and
    the campaigns that carry it; what could not be read is said at once."""
    period = tr("method.goal.year" if _calendar_year(goal) else "method.goal.period")
    kpi = in_sentence(goal.kpi or "")
    if goal.target is None:
        text = tr(
            "method.goal.no_target",
            name=goal.name or goal.kpi or "–",
            result=fmt.number(goal.result) if goal.result is not None else "–",
        )
    elif goal.result is None:
        text = tr(
            "method.goal.no_result",
            target=fmt.number(goal.target),
            kpi=kpi,
            elapsed=fmt.pct(goal.elapsed_pct),
            period=period,
        )
    else:
        verdict = "method.goal.on_track" if goal.on_track else "method.goal.behind"
        text = tr(
            "method.goal.line",
            result=fmt.number(goal.result),
            target=fmt.number(goal.target),
            kpi=kpi,
            pct=fmt.pct(goal.pct),
            elapsed=fmt.pct(goal.elapsed_pct),
            period=period,
            verdict=tr(verdict) if goal.on_track is not None else "–",
        )
    carriers = [c for c in goal.contributing if c.result]
    if carriers:
        named = [
            tr(
                "method.goal.carrier_first" if i == 0 else "method.goal.carrier",
                campaign=c.campaign or c.file,
                result=fmt.number(c.result),
            )
            for i, c in enumerate(carriers[:SHOWN_CARRIERS])
        ]
        rest = carriers[SHOWN_CARRIERS:]
        if rest:
            named.append(
                tr(
                    "method.goal.carrier_rest",
                    count=len(rest),
                    result=fmt.number(sum(c.result or 0 for c in rest)),
                )
            )
        text += " " + tr("method.goal.carriers", carriers=join_and(named, tr))
    elif goal.target is not None:
        text += " " + tr("method.goal.no_carrier")
    if goal.unreadable:
        key = "method.goal.unreadable_one" if goal.unreadable == 1 else "method.goal.unreadable"
        text += " " + tr(key, count=goal.unreadable)
    return text


@dataclass(frozen=True)
class Section:
    """A method section as every format lays it out: title, sentences, one table."""

    title: str
    sentences: list[str]
    columns: list[str]
    rows: list[list[str]]


class _Part:
    """One of the method's views: the report's view, and the figures it words."""

    def __init__(self, view: ReportView, record) -> None:
        self.view, self.record = view, record
        self.tr, self.fmt = view.tr, view.fmt


class GoalView(_Part):
    """The department goal: the opening sentence, the facts, who carries it, who not."""

    record: DepartmentGoal

    @cached_property
    def sentence(self) -> str:
        return goal_sentence(self.record, self.tr, self.fmt)

    @cached_property
    def title(self) -> str:
        name = self.record.name
        return (
            self.tr("method.goal.title_named", name=name) if name else self.tr("method.goal.title")
        )

    @cached_property
    def facts(self) -> list[tuple[str, str]]:
        """(label, value) rows: the goal as set, and how far it has got."""
        goal, tr, fmt = self.record, self.tr, self.fmt
        kpi = goal.kpi or "–"
        if goal.aliases:
            kpi += f" ({tr('method.goal.aliases')}: {', '.join(goal.aliases)})"
        verdict = "–"
        if goal.on_track is not None:
            verdict = tr("method.goal.on_track" if goal.on_track else "method.goal.behind")
        return [
            (tr("method.goal.kpi"), kpi),
            (tr("method.goal.target"), fmt.number(goal.target)),
            (tr("method.goal.result"), fmt.number(goal.result)),
            (tr("method.goal.share"), fmt.pct(goal.pct)),
            (tr("method.goal.elapsed"), fmt.pct(goal.elapsed_pct)),
            (
                tr("method.goal.period_label"),
                f"{fmt.date(goal.period_start)} – {fmt.date(goal.period_end)}",
            ),
            (tr("method.goal.pace"), verdict),
            (tr("method.goal.source"), goal.source),
        ]

    @cached_property
    def sentences(self) -> list[str]:
        """What does not point at the goal (the opening sentence is the headline's)."""
        goal, tr, fmt = self.record, self.tr, self.fmt
        out = []
        campaigns = len(goal.not_contributing)
        outside = goal.activities_without_kpi + goal.activities_other_kpi
        if campaigns or outside:
            out.append(
                tr(
                    "method.goal.outside",
                    campaigns=self._count("method.campaigns", campaigns),
                    outside=fmt.number(outside),
                    activities=fmt.number(goal.activities),
                    without=fmt.number(goal.activities_without_kpi),
                    other=fmt.number(goal.activities_other_kpi),
                )
            )
        else:
            out.append(tr("method.goal.all_point"))
        return out

    def _count(self, key: str, count: int) -> str:
        return self.tr(f"{key}_one") if count == 1 else self.tr(key, count=self.fmt.number(count))

    @cached_property
    def carriers(self) -> Section:
        tr, fmt = self.tr, self.fmt
        rows = [
            [
                c.campaign or c.file,
                c.kpi or "–",
                fmt.number(c.target),
                fmt.number(c.result),
                fmt.pct(c.share_pct),
            ]
            for c in self.record.contributing
        ]
        columns = [
            tr("col.campaign"),
            tr("method.goal.kpi"),
            tr("method.goal.target"),
            tr("method.goal.result"),
            tr("method.goal.carries"),
        ]
        return Section(tr("method.goal.carriers_title"), [], columns, rows)

    @cached_property
    def others(self) -> Section:
        tr = self.tr
        rows = [
            [c.campaign or c.file, c.kpi or "–", tr(f"method.goal.reason.{c.reason}")]
            for c in self.record.not_contributing
        ]
        columns = [tr("col.campaign"), tr("method.goal.kpi"), tr("method.goal.why_not")]
        return Section(tr("method.goal.others_title"), [], columns, rows)


@dataclass(frozen=True)
class MonthCell:
    """One month of the experiment year: its short name, count and experiments."""

    label: str
    count: int
    names: list[str]
    empty: bool  # no experiment: the month stands out
    past: bool  # the month is over at the report date


class ExperimentsView(_Part):
    """The year's experiments: twelve months, decisions, finished without a decision."""

    record: ExperimentYear

    @cached_property
    def title(self) -> str:
        return self.tr("method.exp.title", year=self.record.year)

    @cached_property
    def months(self) -> list[MonthCell]:
        names = self.fmt.month_names()
        today = self.view.report.date
        return [
            MonthCell(
                label=names[i][:3],
                count=m.count,
                names=m.activities,
                empty=not m.count,
                past=date.fromisoformat(m.month + "-01") < today.replace(day=1),
            )
            for i, m in enumerate(self.record.months)
        ]

    def decision(self, key: str | None) -> str:
        if key is None:
            return "–"
        if key == "unknown":
            return self.tr("method.exp.decision_unknown")
        return DECISION_LABELS[self.view.lang][key]

    @cached_property
    def sentences(self) -> list[str]:
        year, tr, fmt = self.record, self.tr, self.fmt
        names = self.fmt.month_names()
        out = [
            tr(
                "method.exp.count_one" if year.experiments == 1 else "method.exp.count",
                count=fmt.number(year.experiments),
                year=year.year,
            )
        ]
        if year.months_without:
            empty = [names[int(m[5:]) - 1] for m in year.months_without]
            out.append(
                tr(
                    "method.exp.months_without",
                    count=len(empty),
                    months=join_and(empty, tr),
                )
            )
        else:
            out.append(tr("method.exp.every_month"))
        decided = [
            f"{fmt.number(year.decisions[key])} {DECISION_LABELS[self.view.lang][key].lower()}"
            for key in DECISIONS
        ]
        out.append(tr("method.exp.decisions", decisions=join_and(decided, tr)))
        unknown = year.decisions.get("unknown", 0)
        if unknown:
            key = "method.exp.unknown_one" if unknown == 1 else "method.exp.unknown"
            out.append(tr(key, count=fmt.number(unknown)))
        undecided = len(year.finished_undecided)
        if undecided:
            key = "method.exp.undecided_one" if undecided == 1 else "method.exp.undecided"
            out.append(tr(key, count=fmt.number(undecided)))
        if year.without_hypothesis:
            key = (
                "method.exp.no_hypothesis_one"
                if year.without_hypothesis == 1
                else "method.exp.no_hypothesis"
            )
            out.append(tr(key, count=fmt.number(year.without_hypothesis)))
        return out

    def _rows(self, items: list[ExperimentTask]) -> list[list[str]]:
        view = self.view
        return [
            [
                item.activity or "–",
                view.campaign(item),
                view.fmt.date(item.deadline),
                view.phase(item.phase),
                item.hypothesis or "–",
                self.decision(item.decision),
            ]
            for item in items
        ]

    @cached_property
    def columns(self) -> list[str]:
        tr = self.tr
        return [
            tr("col.activity"),
            tr("col.campaign"),
            tr("col.deadline"),
            tr("col.phase"),
            tr("method.exp.hypothesis"),
            tr("method.exp.decision"),
        ]

    @cached_property
    def undecided(self) -> Section:
        rows = self._rows(self.record.finished_undecided)
        return Section(self.tr("method.exp.undecided_title"), [], self.columns, rows)

    @cached_property
    def decided(self) -> Section:
        rows = self._rows(self.record.decided)
        return Section(self.tr("method.exp.decided_title"), [], self.columns, rows)


class ReadinessView(_Part):
    """Campaigns and who answers the leads they bring; live ones without anyone flagged."""

    record: list[ReadinessRow]

    @property
    def records(self) -> list[ReadinessRow]:
        return self.record

    @cached_property
    def flagged(self) -> list[ReadinessRow]:
        return [r for r in self.records if r.flagged]

    @cached_property
    def shown(self) -> list[ReadinessRow]:
        """The table's campaigns, one per row of `section.rows`: the live ones (a campaign
        not live needs no one ready yet; the JSON has them all)."""
        return [r for r in self.records if r.live]

    def hours(self, row: ReadinessRow) -> str:
        if "response_hours" in row.unreadable:
            return self.tr("method.ready.unread")
        if row.response_hours is None:
            return "–"
        hours = row.response_hours
        digits = 0 if float(hours).is_integer() else 1
        return self.tr("method.ready.hours", hours=self.fmt.number(hours, digits))

    @cached_property
    def section(self) -> Section:
        tr = self.tr
        flagged = self.flagged
        if flagged:
            names = join_and([self.view.campaign(r) for r in flagged], tr)
            key = "method.ready.flagged_one" if len(flagged) == 1 else "method.ready.flagged"
            sentences = [tr(key, count=len(flagged), campaigns=names)]
        else:
            live = sum(1 for r in self.records if r.live and r.needed)
            sentences = [tr("method.ready.ok", count=live)]
        slow = [r for r in self.records if "response_hours" in r.missing and not r.flagged]
        if slow:
            names = join_and([self.view.campaign(r) for r in slow], tr)
            sentences.append(tr("method.ready.no_hours", campaigns=names))
        unread = [r for r in self.shown if r.unreadable]
        if unread:
            names = join_and([self.view.campaign(r) for r in unread], tr)
            sentences.append(tr("method.ready.unread_sentence", campaigns=names))
        rows = [
            [
                self.view.campaign(r),
                tr("mgmt.yes" if r.live else "mgmt.no"),
                (r.responder or "–") if r.needed else tr("method.ready.not_needed"),
                self.hours(r),
                tr("method.ready.missing") if r.flagged else "",
            ]
            for r in self.shown
        ]
        columns = [
            tr("col.campaign"),
            tr("method.ready.live"),
            tr("method.ready.responder"),
            tr("method.ready.response"),
            tr("method.ready.flag"),
        ]
        return Section(tr("method.ready.title"), sentences, columns, rows)


class TailView(_Part):
    """The share of finished activities that left a lasting asset, per campaign."""

    record: DigitalTail

    def _kinds(self, kinds: dict[str, int]) -> str:
        return ", ".join(f"{name} ({self.fmt.number(n)})" for name, n in kinds.items()) or "–"

    @cached_property
    def section(self) -> Section:
        tail, tr, fmt = self.record, self.tr, self.fmt
        if tail.finished:
            sentences = [
                tr(
                    "method.tail.share",
                    tail=fmt.number(tail.with_tail),
                    finished=fmt.number(tail.finished),
                    pct=fmt.pct(tail.pct),
                )
            ]
            if tail.kinds:
                sentences.append(tr("method.tail.kinds", kinds=self._kinds(tail.kinds)))
        else:
            sentences = [tr("method.tail.none_finished")]
        rows = [
            [
                self.view.campaign(row),
                fmt.number(row.finished),
                fmt.number(row.with_tail),
                fmt.pct(row.pct),
                fmt.number(row.without_tail),
                fmt.number(row.unstated),
                self._kinds(row.kinds),
            ]
            for row in tail.campaigns
        ]
        columns = [
            tr("col.campaign"),
            tr("method.tail.finished"),
            tr("method.tail.with"),
            tr("method.tail.pct"),
            tr("method.tail.without"),
            tr("method.tail.unstated"),
            tr("method.tail.what"),
        ]
        return Section(tr("method.tail.title"), sentences, columns, rows)
