"""The management report as one self-contained HTML file (inline CSS and SVG, no scripts).

Print-ready on A4: the browser's Print to PDF gives a clean document.
"""

from __future__ import annotations

from datetime import date

from markupsafe import Markup

from ..config import Config
from ..report import Report
from ..schema import OVERDUE_COLOUR, PHASE_COLOURS, PHASE_STRONG_COLOURS
from . import charts
from .context import SHOWN_PHASES, ReportView
from .templating import get_template

TEMPLATE = "report.html.j2"
# Channels drawn in the spend chart; the rest are summed into one bar.
MAX_CHANNEL_BARS = 10


def phase_donut(view: ReportView) -> Markup:
    segments = [
        charts.Segment(row["label"], row["count"], PHASE_STRONG_COLOURS[row["phase"]])
        for row in view.status_rows
    ]
    return charts.donut(
        segments,
        centre_value=view.fmt.number(view.report.activities),
        centre_label=view.tr("mgmt.chart.activities"),
        title=view.tr("mgmt.chart.phases"),
    )


def burn_chart(view: ReportView) -> Markup | None:
    budget = view.report.budget
    if not view.has_period:
        return None
    tr, fmt = view.tr, view.fmt
    return charts.burn_chart(
        start=date.fromisoformat(budget["period_start"]),
        end=date.fromisoformat(budget["period_end"]),
        today=view.report.date,
        total=budget["total"],
        spent=budget["spent"],
        forecast=budget.get("forecast"),
        fmt=fmt,
        labels=charts.BurnLabels(
            title=tr("mgmt.chart.burn"),
            budget=tr("budget.total"),
            even=tr("mgmt.chart.even"),
            spent=tr("budget.spent"),
            forecast=tr("mgmt.chart.forecast"),
            today=tr("mgmt.chart.today", date=fmt.date(view.report.date)),
        ),
    )


def channel_chart(view: ReportView) -> Markup | None:
    rows = [r for r in view.channel_rows if r["planned"] or r["spent"]]
    if not rows:
        return None
    bars = [charts.Bar(r["name"], r["planned"], r["spent"]) for r in rows[:MAX_CHANNEL_BARS]]
    rest = rows[MAX_CHANNEL_BARS:]
    if rest:
        bars.append(
            charts.Bar(
                view.tr("mgmt.chart.others", count=len(rest)),
                sum(r["planned"] for r in rest),
                sum(r["spent"] for r in rest),
            )
        )
    return charts.channel_bars(
        bars,
        fmt=view.fmt,
        title=view.tr("mgmt.chart.channels"),
        planned_label=view.tr("budget.planned"),
        spent_label=view.tr("budget.spent"),
    )


def wheel_svg(report: Report, config: Config | None) -> Markup | None:
    """The årshjul drawn from the plans, when the wheel modules are installed.

    The hook is deliberately forgiving: the report must render without the wheel.
    """
    try:
        from .svg_wheel import report_wheel_svg  # type: ignore[attr-defined]
    except ImportError:
        return None
    try:
        svg = report_wheel_svg(report, config=config)
    except Exception:  # noqa: BLE001 - the wheel is an optional extra, never a failure
        return None
    return Markup(svg) if svg else None


def render_html(report: Report, *, config: Config | None = None) -> str:
    """The report as one HTML document."""
    view = ReportView(report, config)
    template = get_template(TEMPLATE, html=True)
    return template.render(
        v=view,
        r=report,
        tr=view.tr,
        fmt=view.fmt,
        shown_phases=SHOWN_PHASES,
        phase_colours=PHASE_COLOURS,
        phase_strong=PHASE_STRONG_COLOURS,
        overdue_colour=OVERDUE_COLOUR,
        donut=phase_donut(view),
        burn=burn_chart(view),
        channels=channel_chart(view),
        wheel=wheel_svg(report, config),
    )
