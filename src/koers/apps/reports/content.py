"""What each section of a council report shows, read from the other apps for the report's period.

One function per section returns a plain dict for the template. Where an app keeps no history the
section says what it uses: the agenda scan compares its latest year, the portfolio's statuses are those
of today; indicators and channels only count figures up to the end of the period.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections import Counter

from django.apps import apps

from koers.apps.agenda.dashboard import cached_overview
from koers.apps.agenda.views import _theme_order
from koers.apps.channels import display as channel_display
from koers.apps.channels import mix
from koers.apps.indicators import assessing
from koers.apps.indicators.models import Indicator
from koers.apps.portfolio import charts as portfolio_charts
from koers.apps.portfolio import runs, selection
from koers.apps.portfolio.models import Decision, Initiative, SelectionRun
from koers.effects.channels import share_series
from koers.effects.errors import EffectsError
from koers.effects.status import assess

PORTFOLIO_STATUSES = (Initiative.Status.PRIORITISED, Initiative.Status.IN_PROGRESS, Initiative.Status.DONE)


def agenda(report) -> dict:
    overview = cached_overview(report.organisation, lambda: _theme_order(report.organisation))
    return {"overview": overview, "attention": sum(1 for row in overview.rows if row.attention),
            "themes": len(overview.rows)}


def _decisions(report):
    return list(Decision.objects.filter(organisation=report.organisation, meeting_date__gte=report.period_start,
                                        meeting_date__lte=report.period_end)
                .select_related("run").order_by("meeting_date", "id"))


def portfolio(report) -> dict:
    decisions = _decisions(report)
    run = next((d.run for d in reversed(decisions) if d.run and d.run.state == SelectionRun.State.DONE), None)
    counts = Counter(Initiative.objects.filter(organisation=report.organisation, status__in=PORTFOLIO_STATUSES)
                     .values_list("status", flat=True))
    return {
        "decisions": decisions, "run": run,
        "statuses": [(status.label, counts.get(status.value, 0)) for status in PORTFOLIO_STATUSES],
        "not_chosen": [row for row in runs.rows(run) if not row["selected"]] if run else [],
        "capacity_chart": portfolio_charts.demand_against_capacity(
            selection.demand_and_capacity(report.organisation, run)),
    }


def indicators(report) -> dict:
    """Each indicator's status on the last day of the period, from the measurements up to that day."""
    rows = []
    for indicator in (Indicator.objects.filter(organisation=report.organisation).order_by("name", "id")
                      .prefetch_related("measurements", "targets")):
        measured = [point for point in assessing.series(indicator) if point[0] <= report.period_end]
        try:
            result = assess(measured, assessing.path(indicator), direction=indicator.direction,
                            tolerance=indicator.tolerance, today=report.period_end)
        except EffectsError:
            continue  # a broken definition is named on the indicator's own page
        rows.append(assessing.IndicatorStatus(indicator, result))
    counts = Counter(str(row.label) for row in rows)
    return {"statuses": rows, "counts": [(str(label), counts[str(label)]) for label in
                                         assessing.STATUS_LABELS.values() if counts[str(label)]]}


def channels(report) -> dict:
    data = [row for row in mix.rows(report.organisation) if row.period <= report.period_end]
    try:
        warnings = mix.warnings(report.organisation, data)
    except EffectsError as exc:
        return {"problem": str(exc), "warnings": [], "chart": None}
    return {"problem": "", "warnings": warnings, "has_data": bool(data),
            "chart": channel_display.overall_chart(share_series(data, None)) if data else None}


def readiness_available() -> bool:
    return (apps.is_installed("koers.apps.readiness")
            and importlib.util.find_spec("koers.apps.readiness.results") is not None)


def readiness(report) -> dict:
    if not readiness_available():
        return {"available": False}
    results = importlib.import_module("koers.apps.readiness.results")
    summary = results.latest_summary(report.organisation, until=report.period_end)
    return {"available": True, "summary": summary, "chart": results.radar_chart(summary) if summary else None}


BUILDERS = {"agenda": agenda, "portfolio": portfolio, "indicators": indicators, "channels": channels,
            "readiness": readiness}


def sections(report) -> dict:
    """{code: the section's data} for the report's chosen sections."""
    return {code: BUILDERS[code](report) for code in report.sections if code in BUILDERS}

