"""The indicator's chart: measurements, target path and the projection with its 80 % interval.

Drawn by ``koers.web.charts``; the page always shows the same data as tables beside it.
"""

from __future__ import annotations

from django.template import TemplateDoesNotExist
from django.utils.translation import gettext as _

from koers.apps.indicators.assessing import path, series


def chart(indicator, state):
    try:  # the chart module and its include are being introduced; until both exist the tables carry the data
        from django.template.loader import get_template

        from koers.web import charts
        get_template("web/chart.html")
    except (ImportError, TemplateDoesNotExist):
        return None
    points = series(indicator)
    lines = [charts.Series(_("Gemeten"), points)]
    band = None
    forecast, target = state.assessment.projection, state.assessment.next_target
    if forecast is not None and target is not None and points:
        start = points[-1]
        lines.append(charts.Series(_("Verwacht"), [start, (target.date, forecast.value)], dash="dashed"))
        band = charts.Band(_("80 %-interval"), [(start[0], start[1], start[1]),
                                                (target.date, forecast.low, forecast.high)])
    return charts.time_series(
        lines, title=str(indicator), y_label=indicator.unit or _("waarde"), unit=indicator.unit, band=band,
        targets=path(indicator) or None,
        description=_("Metingen van ‘%(name)s’ voor iedereen, het streefpad en de verwachting tot de volgende "
                      "streefdatum.") % {"name": indicator})
