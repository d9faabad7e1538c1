"""The one chart module of Koers: Vega-Lite specs rendered to SVG on the server by vl-convert
(offline), each chart with a title, a description and its data as a table, shown with the
template include ``web/chart.html``. See ``render`` for the SVG and ``builders`` for the charts."""

from koers.web.charts.builders import (Band, BarRow, Point, RadarAxis, Series, bars, radar, scatter, stacked_shares,
                                      time_series)
from koers.web.charts.render import Chart

__all__ = ["Band", "BarRow", "Chart", "Point", "RadarAxis", "Series", "bars", "radar", "scatter", "stacked_shares",
           "time_series"]
