"""The management report as one self-contained HTML file (inline CSS and SVG, no scripts).

Print-ready on A4: the browser's Print to PDF gives a clean document.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from ..compute.report import Report
from ..plan.palette import ACCENT, FAINT, OVERDUE_COLOUR, PHASE_COLOURS, PHASE_STRONG_COLOURS
from ..view.report import SHOWN_PHASES, ReportView
from . import charts
from .line_chart import Line, line_chart
from .templating import get_template

TEMPLATE = "report.html.j2"
# Channels drawn in the spend chart; the rest are summed into one bar.
MAX_CHANNEL_BARS = 10
# In print, a list this short moves whole to the next page rather than split.
KEEP_ROWS = 12


def phase_donut(view: ReportView) -> Markup:
    segments = [
        charts.Segment(row.label, row.count, PHASE_STRONG_COLOURS[row.phase])
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
        start=budget.period_start,
        end=budget.period_end,
        today=view.report.date,
        total=budget.total,
        spent=budget.spent,
        forecast=budget.forecast,
        fmt=fmt,
        labels=charts.BurnLabels(
            title=tr("mgmt.chart.burn"),
            budget=tr("budget.total"),
            even=tr("mgmt.chart.even"),
            spent=tr("budget.spent"),
            forecast=tr("mgmt.chart.forecast"),
            today=tr("mgmt.chart.today", date=fmt.date(view.report.date)),
            description=tr("mgmt.chart.burn_legend"),
        ),
    )


def channel_chart(view: ReportView) -> Markup | None:
    rows = [r for r in view.channel_rows if r.planned or r.spent]
    if not rows:
        return None
    bars = [
        charts.Bar(view.channel(r.channel), r.planned, r.spent) for r in rows[:MAX_CHANNEL_BARS]
    ]
    rest = rows[MAX_CHANNEL_BARS:]
    if rest:
        bars.append(
            charts.Bar(
                view.tr("mgmt.chart.others", count=len(rest)),
                sum(r.planned for r in rest),
                sum(r.spent for r in rest),
            )
        )
    return charts.channel_bars(
        bars,
        fmt=view.fmt,
        title=view.tr("mgmt.chart.channels"),
        planned_label=view.tr("budget.planned"),
        spent_label=view.tr("budget.spent"),
    )


def trend_charts(view: ReportView) -> list[tuple[str, Markup]]:
    """The trend as three line charts, each under its title (distributed and overdue;
    budget spent against time elapsed; spent to date), one point per month; none for a
    single month."""
    trend = view.trend
    if trend is None or not trend.charted:
        return []
    tr, fmt = view.tr, view.fmt
    points = trend.points
    months = [row.tick for row in trend.rows]
    charts = [
        line_chart(
            months,
            [
                Line(
                    view.phase("distributed"),
                    [p.distributed for p in points],
                    PHASE_STRONG_COLOURS["distributed"],
                ),
                Line(tr("col.overdue"), [p.overdue for p in points], OVERDUE_COLOUR),
            ],
            title=tr("mgmt.trend.chart.progress"),
            value_text=fmt.number,
            whole=True,
        ),
        line_chart(
            months,
            [
                Line(tr("budget.burn"), [p.burn_pct for p in points], ACCENT),
                Line(tr("budget.elapsed"), [p.elapsed_pct for p in points], FAINT, "2 4"),
            ],
            title=tr("mgmt.trend.chart.burn"),
            value_text=fmt.pct,
            floor=100,
        ),
        line_chart(
            months,
            [Line(tr("budget.spent"), [p.spent for p in points], ACCENT)],
            title=tr("mgmt.trend.chart.spent"),
            value_text=fmt.money,
        ),
    ]
    titles = [tr(f"mgmt.trend.chart.{key}") for key in ("progress", "burn", "spent")]
    return list(zip(titles, charts, strict=True))


def inline_svg(svg: str) -> str:
    """A standalone SVG document as an element inside HTML5: no XML declaration, no
    namespace attributes (HTML needs none), no fixed page size (the CSS sizes it) and no
    `@page` rule of its own: inside HTML that rule would set the report's print margins."""
    svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
    svg = re.sub(r"<style>[^<]*@page[^<]*</style>\s*", "", svg)
    svg = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg)
    return re.sub(r'(<svg\b[^>]*?)\s+width="[^"]*"\s+height="[^"]*"', r"\1", svg, count=1)


def wheel_svg(report: Report) -> Markup | None:
    """The årshjul of the report's year (`Report.wheel`), when it has activities to draw."""
    if report.wheel is None:
        return None
    from .wheel_svg import render_svg  # the wheel's drawing loads only when there is one

    return Markup(inline_svg(render_svg(report.wheel)))


def page_context() -> dict[str, object]:
    """What `report.css` and the shared macros read besides the view: the palette and the
    longest list kept whole in print (the report and `aktplan endringer` share them)."""
    return {
        "keep_rows": KEEP_ROWS,
        "phase_colours": PHASE_COLOURS,
        "phase_strong": PHASE_STRONG_COLOURS,
        "overdue_colour": OVERDUE_COLOUR,
    }


def shows_method(view: ReportView) -> bool:
    """Whether the report shows any of the method's sections (`method.html.j2`): the goal,
    the year's experiments, readiness, the digital tail. Without them the page and its CSS
    are exactly what they were before the method."""
    return any(
        part is not None for part in (view.goal, view.experiment_year, view.readiness, view.tail)
    )


def render_html(report: Report) -> str:
    """The report as one HTML document."""
    view = ReportView(report)
    template = get_template(TEMPLATE, html=True)
    return template.render(
        v=view,
        r=report,
        tr=view.tr,
        shown_phases=SHOWN_PHASES,
        **page_context(),
        donut=phase_donut(view),
        burn=burn_chart(view),
        channels=channel_chart(view),
        trend_charts=trend_charts(view),
        wheel=wheel_svg(report),
        method=shows_method(view),
    )
