"""The indicator's chart: measurements, target path and the projection with its 80 % interval.

Drawn by ``koers.web.charts``; the include ``web/chart.html`` shows the same data as a table beside it.
Lines differ by dash as well as colour: measured solid, the target path dotted, the forecast dashed.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from koers.apps.indicators.assessing import path, series
from koers.web import charts


def chart(indicator, state) -> charts.Chart:
    points = series(indicator)
    lines = [charts.Series(_("Gemeten"), points)]
    targets = path(indicator)
    if targets:
        lines.append(charts.Series(_("Streefpad"), targets, dash="dotted"))
    band = None
    forecast, target = state.assessment.projection, state.assessment.next_target
    if forecast is not None and target is not None and points:
        start = points[-1]
        lines.append(charts.Series(_("Verwacht"), [start, (target.date, forecast.value)], dash="dashed"))
        band = charts.Band(_("80 %-interval"), [(start[0], start[1], start[1]),
                                                (target.date, forecast.low, forecast.high)])
    return charts.time_series(
        lines, title=str(indicator), y_label=_("Waarde"), unit=indicator.unit, band=band,
        description=_("Metingen van ‘%(name)s’ voor iedereen, het streefpad en de verwachting tot de volgende "
                      "streefdatum.") % {"name": indicator})
