"""The value-against-effort chart: its legend lies outside the plot, so no point is ever under it,
and the chart keeps its title, description and table alternative."""

import xml.etree.ElementTree as ET

import pytest

from koers.apps.portfolio import charts

from portfolio_helpers import make_portfolio

SVG = "{http://www.w3.org/2000/svg}"
LABELS = {"selected_label": "Gekozen", "other_label": "Niet gekozen"}


def _scatter(points):
    return charts.scatter(points, title="Waarde tegen inzet", description="Elke stip is een initiatief.",
                          x_label="Inzet (uren)", y_label="Gewogen waarde", **LABELS)


def _plot_rect(svg):
    """(x0, y0, x1, y1) of the plot area, from its two axes."""
    lines = [{k: float(v) for k, v in line.attrib.items() if k in ("x1", "y1", "x2", "y2")}
             for line in svg.iter(f"{SVG}line")]
    x_axis = next(line for line in lines if line["y1"] == line["y2"])
    y_axis = next(line for line in lines if line["x1"] == line["x2"])
    return x_axis["x1"], min(y_axis["y1"], y_axis["y2"]), x_axis["x2"], x_axis["y1"]


def _box(element):
    """Bounding box of a circle, or (generously) of a text: 0.6 em per character, ascent of 1 em."""
    a = element.attrib
    if element.tag == f"{SVG}circle":
        cx, cy, r = float(a["cx"]), float(a["cy"]), float(a["r"])
        return cx - r, cy - r, cx + r, cy + r
    size, x, y = float(a.get("font-size", 12)), float(a["x"]), float(a["y"])
    return x, y - size, x + 0.6 * size * len(element.text or ""), y + 0.3 * size


def _legend_boxes(svg):
    """The legend's marks (circles without a tooltip: the points have one) and its two labels."""
    marks = [c for c in svg.iter(f"{SVG}circle") if c.find(f"{SVG}title") is None]
    texts = [t for t in svg.iter(f"{SVG}text") if t.text in LABELS.values()]
    assert len(marks) == 2 and len(texts) == 2
    return [_box(element) for element in marks + texts]


def _points(svg):
    return [c for c in svg.iter(f"{SVG}circle") if c.find(f"{SVG}title") is not None]


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("corner", [(0, 1.0), (5, 0.98), (30, 0.95), (100, 1.0), (0, 0), (100, 0)])
def test_the_legend_lies_outside_the_plot_and_never_covers_a_point(corner):
    # the old legend sat in the top left corner of the plot: high value, little effort
    points = [charts.Point(corner[0], corner[1], "hier", True), charts.Point(100, 1.0, "rechtsboven", False),
              charts.Point(0, 0.5, "links", False), charts.Point(50, 0.25, "midden", True)]
    svg = ET.fromstring(_scatter(points))
    plot = _plot_rect(svg)
    legend = _legend_boxes(svg)
    for box in legend:
        assert not _overlap(box, plot), (box, plot)
        for point in _points(svg):
            assert not _overlap(box, _box(point)), (box, point.attrib)
    # everything stays inside the viewBox
    _x, _y, width, height = (float(v) for v in svg.attrib["viewBox"].split())
    for box in legend + [_box(point) for point in _points(svg)]:
        assert box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height, box


def test_the_legend_entries_do_not_overlap_each_other_with_long_labels():
    svg = ET.fromstring(charts.scatter([charts.Point(1, 1, "a", True)], title="t", description="d", x_label="x",
                                       y_label="y", selected_label="Gekozen in het scenario van de raad",
                                       other_label="Niet gekozen"))
    marks = [c for c in svg.iter(f"{SVG}circle") if c.find(f"{SVG}title") is None]
    texts = list(svg.iter(f"{SVG}text"))[-2:]
    first_label, second_mark = _box(texts[0]), _box(marks[1])
    assert first_label[2] < second_mark[0]


def test_the_overview_chart_keeps_its_title_description_and_table(client_for, own):
    make_portfolio(own)
    body = client_for("viewer").get(f"/organisaties/{own.slug}/portefeuille/").content.decode()
    start = body.index('<svg class="koers-chart"')
    svg = ET.fromstring(body[start:body.index("</svg>", start) + len("</svg>")])
    assert svg.attrib["role"] == "img" and svg.attrib["aria-labelledby"] == "scatter-title scatter-desc"
    assert svg.find(f"{SVG}title").text == "Waarde tegen inzet" and svg.find(f"{SVG}desc").text
    plot = _plot_rect(svg)
    assert all(not _overlap(box, plot) for box in _legend_boxes(svg))
    assert "Initiatieven met waarde, inzet, keuze en uitleg" in body  # the table alternative
