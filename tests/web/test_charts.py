"""The chart module (koers.web.charts): every builder gives an accessible, responsive SVG and its
data as a table, marks that differ without colour, numbers and dates in the page's language, and an
empty state instead of a traceback for empty or broken data."""

import math
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from koers.web import charts
from koers.web.charts import render

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = [date(2025, m, 1) for m in range(1, 13)]


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def _scatter(points, **kwargs):
    return charts.scatter(points, title="Waarde tegen inzet", description="Elke stip is een initiatief.",
                          x_label="Inzet (uren)", y_label="Gewogen waarde", selected_label="Gekozen",
                          other_label="Niet gekozen", **kwargs)


def _series(**kwargs):
    return charts.time_series(
        [charts.Series("Gemeente", [(d, 50 + i) for i, d in enumerate(MONTHS)]),
         charts.Series("Landelijk", [(d, 55 + i / 2) for i, d in enumerate(MONTHS)], dash="dashed")],
        title="Digitaal aandeel", description="Aandeel digitale contacten per maand.", y_label="Aandeel",
        unit="%", **kwargs)


def _bars():
    return charts.bars([charts.BarRow("ICT 2026-K1", 1250, 800, 1000), charts.BarRow("Burgerzaken 2026-K1", 400, 300, 900)],
                       title="Vraag tegen capaciteit", description="Per team en kwartaal.", category_label="Team",
                       total_label="Vraag (alle)", part_label="Vraag (selectie)", limit_label="Capaciteit",
                       x_label="Uren")


def _shares():
    return charts.stacked_shares([(d, {"balie": 30 - i, "telefoon": 20, "webformulier": 50 + i}) for i, d in enumerate(MONTHS[:4])],
                                 title="Kanaalmix", description="Aandeel per kanaal per maand.")


def _texts(chart):
    return [t.text for t in ET.fromstring(str(chart.svg)).iter(f"{SVG}text")]


BUILDERS = {"scatter": lambda: _scatter([charts.Point(12000, 0.5, "A", True), charts.Point(300, 0.2, "B", False)]),
            "bars": _bars, "time_series": _series, "stacked_shares": _shares}


@pytest.mark.parametrize("build", BUILDERS.values(), ids=BUILDERS.keys())
def test_every_builder_gives_an_accessible_responsive_svg_and_its_table(build):
    chart = build()
    svg = ET.fromstring(str(chart.svg))
    assert svg.attrib["role"] == "img"
    title_id, desc_id = svg.attrib["aria-labelledby"].split()
    assert svg.find(f"{SVG}title").attrib["id"] == title_id and svg.find(f"{SVG}title").text == chart.title
    assert svg.find(f"{SVG}desc").attrib["id"] == desc_id and svg.find(f"{SVG}desc").text == chart.description
    # scales with the page: a viewBox and no fixed pixel size, so it fits a 390-pixel screen
    assert len(svg.attrib["viewBox"].split()) == 4 and svg.attrib["width"] == "100%" and "height" not in svg.attrib
    assert chart.headers and chart.rows and all(len(row) == len(chart.headers) for row in chart.rows)


def test_the_table_holds_the_values_in_dutch():
    chart = _bars()
    assert chart.headers == ("Team", "Capaciteit", "Vraag (alle)", "Vraag (selectie)")
    assert chart.rows[0] == ("ICT 2026-K1", "1.000", "1.250", "800")
    series = _series(targets=[(date(2026, 1, 1), 70.5)])
    assert series.rows[0] == ("1 januari 2025", "50\u00a0%", "55\u00a0%", "–")
    assert series.rows[1][2] == "55,5\u00a0%" and series.rows[-1] == ("1 januari 2026", "–", "–", "70,5\u00a0%")
    assert _shares().rows[0] == ("januari 2025", "30\u00a0%", "20\u00a0%", "50\u00a0%")


def test_tick_labels_use_the_dutch_number_and_date_formats():
    texts = _texts(_scatter([charts.Point(12000, 0.5, "A", True)]))
    assert "12.000" in texts and "0,50" in texts and "12,000" not in texts
    months = _texts(_series())
    assert {"april", "juli", "oktober"} <= set(months)
    with translation.override("en"):
        english = _texts(_scatter([charts.Point(12000, 0.5, "A", True)]))
        assert "12,000" in english and "0.50" in english and "July" in _texts(_series())


def test_series_differ_by_dash_and_point_shape_in_the_chart_and_the_legend():
    svg = str(_series().svg)
    lines = re.findall(r'<g class="mark-line role-mark[^>]*><path [^>]*>', svg)
    assert len(lines) == 2
    assert "stroke-dasharray" not in lines[0].replace('stroke-dasharray="1,0"', "")
    assert 'stroke-dasharray="8,4"' in lines[1]
    shapes = [set(re.findall(r' d="([^"]*)"', group))
              for group in re.findall(r'<g class="mark-symbol role-mark[^>]*>(.*?)</g>', svg)]
    assert len(shapes) == 2 and len(shapes[0]) == 1 and shapes[0] != shapes[1]  # one shape per series
    legend = re.findall(r'<g class="mark-symbol role-legend-symbol[^>]*>(.*?)</g>', svg)
    assert any('stroke-dasharray="8,4"' in symbol for symbol in legend)


def test_points_and_bars_differ_without_colour():
    svg = str(_scatter([charts.Point(1, 1, "A", True), charts.Point(2, 2, "B", False)]).svg)
    marks = re.search(r'<g class="mark-symbol role-mark[^>]*>(.*?)</g>', svg).group(1)
    selected, other = re.findall(r'<path [^>]*>', marks)
    assert "A" in re.search(r' d="([^"]*)"', selected).group(1)  # a circle (arcs)
    assert "A" not in re.search(r' d="([^"]*)"', other).group(1) and 'fill="#ffffff"' in other  # an open square
    bars = str(_bars().svg)
    ident = re.search(r'id="(chart-\w+)-title"', bars).group(1)
    assert f'<pattern id="{ident}-pattern-1"' in bars and f'fill="url(#{ident}-pattern-1)"' in bars
    assert 'url(#pattern-' not in bars  # every pattern reference is this chart's own


def test_the_legend_lies_below_the_plot():
    svg = str(_scatter([charts.Point(0, 1.0, "linksboven", True), charts.Point(100, 0, "rechtsonder", False)]).svg)
    plot_height = float(re.search(r'class="background"[^>]*d="M0,0h[\d.]+v([\d.]+)', svg).group(1))
    legend_y = float(re.search(r'role-legend" [^>]*><g transform="translate\([\d.]+,([\d.]+)\)', svg).group(1))
    assert legend_y > plot_height


def test_names_are_escaped():
    chart = _scatter([charts.Point(1, 1, "<script>alert(1)</script> & co", True)], )
    assert "<script>" not in str(chart.svg)
    ET.fromstring(str(chart.svg))  # still well-formed
    assert "<script>" not in str(_scatter([charts.Point(1, 1, "a", True)]).svg)
    page = render_to_string("web/chart.html", {"chart": charts.scatter(
        [charts.Point(1, 1, "<b>x</b>", True)], title="<i>t</i>", description="d", x_label="x", y_label="y",
        selected_label="s", other_label="o")})
    assert "<b>x</b>" not in page and "<i>t</i>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page


@pytest.mark.parametrize("build", [
    lambda: _scatter([]),
    lambda: _scatter([charts.Point(math.nan, 1, "A", True)]),
    lambda: charts.time_series([charts.Series("A", [])], title="t", description="d", y_label="y"),
    lambda: charts.time_series([charts.Series("A", [(date(2025, 1, 1), math.nan), (date(2025, 2, 1), math.inf)])],
                               title="t", description="d", y_label="y"),
    lambda: charts.time_series([], title="t", description="d", y_label="y"),
    lambda: charts.bars([], title="t", description="d", category_label="c", total_label="a", part_label="b",
                        limit_label="l", x_label="x"),
    lambda: charts.stacked_shares([(date(2025, 1, 1), {"balie": 0, "post": math.nan})], title="t", description="d"),
    lambda: charts.stacked_shares([], title="t", description="d"),
], ids=["scatter", "scatter-nan", "series", "series-nan", "no-series", "bars", "shares-zero", "no-shares"])
def test_empty_or_broken_data_gives_an_empty_state_not_a_traceback(build):
    chart = build()
    assert not chart.svg and not chart.rows and "geen gegevens" in chart.message
    page = render_to_string("web/chart.html", {"chart": chart})
    assert chart.message in page and "<svg" not in page and "<table" not in page


def test_a_missing_value_is_left_out_and_the_rest_still_drawn():
    chart = charts.time_series([charts.Series("A", [(date(2025, 1, 1), 1.0), (date(2025, 2, 1), math.nan),
                                                    (date(2025, 3, 1), 3.0)])], title="t", description="d", y_label="y")
    assert chart.svg and [row[0] for row in chart.rows] == ["1 januari 2025", "1 maart 2025"]


def test_an_unknown_dash_is_named():
    with pytest.raises(ValueError, match="golvend"):
        charts.time_series([charts.Series("A", [(date(2025, 1, 1), 1.0)], dash="golvend")],
                           title="t", description="d", y_label="y")


def test_the_include_shows_figure_caption_and_table():
    chart = _bars()
    page = render_to_string("web/chart.html", {"chart": chart})
    assert page.count("<figure") == 1 and "<figcaption" in page and chart.description in page
    assert "<caption>Vraag tegen capaciteit</caption>" in page and '<th scope="row">ICT 2026-K1</th>' in page
    assert "<table" not in render_to_string("web/chart.html", {"chart": chart, "table": False})


def test_the_engine_never_fetches_data_and_repeats_come_from_the_cache():
    with pytest.raises(ValueError, match="not allowed"):
        render.render({"data": {"url": "https://example.org/data.csv"}, "mark": "point"}, "t", "d")
    render._svg.cache_clear()
    first, again = _bars(), _bars()
    assert first.svg == again.svg and render._svg.cache_info().hits == 1
