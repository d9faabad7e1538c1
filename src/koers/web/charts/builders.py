"""Chart builders: plain data in, a :class:`Chart` (SVG and table) out. Marks never differ by colour
alone: points by shape and fill, lines by dash and point shape, bars by pattern and size, each
with a legend that shows the same styles.

Values that are not finite numbers (NaN, infinity) are left out; with nothing left the chart says so.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from koers.web.charts.render import (COLOURS, DASHES, LINE_PATH, SHAPE_PATHS, SHAPES, TEXT, Chart, empty,
                                     pattern, render)

BAND = "#b7c9dd"  # the shaded interval, light enough for the lines on top
from koers.web.numbers import format_number


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    name: str
    selected: bool


@dataclass(frozen=True)
class BarRow:
    """One category: ``total`` (a wide bar), ``part`` of it (a narrow bar inside) and a ``limit`` (a line)."""

    label: str
    total: float
    part: float
    limit: float


@dataclass(frozen=True)
class Series:
    name: str
    points: list[tuple[date, float]]
    dash: str = "solid"  # a key of render.DASHES


@dataclass(frozen=True)
class Band:
    """A shaded interval, e.g. the 80 % interval of a forecast: (date, low, high)."""

    name: str
    points: list[tuple[date, float, float]]


def _finite(*values) -> bool:
    return all(isinstance(v, (int, float)) and math.isfinite(v) for v in values)


def _number(value: float, decimals: int | None = None, unit: str = "") -> str:
    text = format_number(round(value, 2) if decimals is None else value, decimals)
    return f"{text}\u00a0{unit}" if unit else text


def _legend_scale(names: list[str], **ranges) -> dict:
    """Channels that share one nominal field, so Vega-Lite draws a single legend with every style."""
    return {name: {"field": "series", "type": "nominal", "title": None, "legend": {"symbolStrokeWidth": 2},
                   "scale": {"domain": names, "range": values}} for name, values in ranges.items()}


def _legend(styles: dict[str, dict]) -> dict:
    """A legend drawing each entry's symbol as given (a path, dash, fill, stroke), so a line series
    shows its dash and its point shape together, as in the chart."""
    def pick(key, default):
        return {"signal": f"{json.dumps({name: style.get(key, default) for name, style in styles.items()})}[datum.value]"}
    return {"symbolSize": 300, "symbolStrokeWidth": 2, "encode": {"symbols": {"update": {
        "shape": pick("shape", "square"), "strokeDash": pick("dash", [1, 0]), "fill": pick("fill", "transparent"),
        "stroke": pick("stroke", "transparent"), "opacity": {"value": 1}}}}}


def scatter(points: list[Point], *, title: str, description: str, x_label: str, y_label: str,
            selected_label: str, other_label: str, name_label: str = "", group_label: str = "",
            x_decimals: int | None = None, y_decimals: int | None = None) -> Chart:
    """``y`` against ``x``: selected points as filled circles, the others as open squares."""
    headers = (name_label or _("Naam"), x_label, y_label, group_label or _("Groep"))
    points = [p for p in points if _finite(p.x, p.y)]
    if not points:
        return empty(title, description, headers)
    groups = [selected_label, other_label]
    values = [{"x": p.x, "y": p.y, "name": p.name, "series": groups[0] if p.selected else groups[1]} for p in points]
    spec = {"height": 320, "data": {"values": values},
            "mark": {"type": "point", "size": 90, "strokeWidth": 2, "opacity": 1},
            "encoding": {"x": {"field": "x", "type": "quantitative", "title": x_label},
                         "y": {"field": "y", "type": "quantitative", "title": y_label},
                         **_legend_scale(groups, shape=["circle", "square"], fill=[COLOURS[0], "#ffffff"],
                                         stroke=[COLOURS[0], COLOURS[1]])}}
    rows = tuple((p.name, _number(p.x, x_decimals), _number(p.y, y_decimals),
                  groups[0] if p.selected else groups[1]) for p in points)
    return Chart(render(spec, title, description), title, description, headers, rows)


def bars(rows: list[BarRow], *, title: str, description: str, category_label: str, total_label: str,
         part_label: str, limit_label: str, x_label: str, decimals: int | None = 0) -> Chart:
    """Per category a wide hatched bar (total), a narrow solid bar (part) and a line (limit)."""
    headers = (category_label, limit_label, total_label, part_label)
    rows = [r for r in rows if _finite(r.total, r.part, r.limit)]
    if not rows:
        return empty(title, description, headers)
    names = [total_label, part_label, limit_label]
    values = [{"category": r.label, "series": name, "value": value} for r in rows
              for name, value in zip(names, (r.total, r.part, r.limit))]
    x = {"field": "value", "type": "quantitative", "title": x_label}
    y = {"field": "category", "type": "nominal", "title": None, "sort": None}
    fills = [pattern(1), COLOURS[0], COLOURS[1]]
    legend = _legend({total_label: {"shape": "M-1,-0.7H1V0.7H-1Z", "fill": fills[0], "stroke": COLOURS[0]},
                      part_label: {"shape": "M-1,-0.3H1V0.3H-1Z", "fill": fills[1]},
                      limit_label: {"shape": "M-0.15,-1H0.15V1H-0.15Z", "fill": fills[2]}})
    fill = {"field": "series", "type": "nominal", "title": None, "legend": {**legend, "columns": 3},
            "scale": {"domain": names, "range": fills}}

    def layer(series: str, mark: dict) -> dict:
        return {"transform": [{"filter": {"field": "series", "equal": series}}], "mark": mark,
                "encoding": {"x": x, "y": y, "color": fill}}

    spec = {"height": {"step": 28}, "data": {"values": values}, "layer": [
        layer(total_label, {"type": "bar", "size": 20, "stroke": COLOURS[0], "strokeWidth": 1}),
        layer(part_label, {"type": "bar", "size": 8}),
        layer(limit_label, {"type": "tick", "thickness": 3, "size": 26})]}
    table = tuple((r.label, _number(r.limit, decimals), _number(r.total, decimals), _number(r.part, decimals))
                  for r in rows)
    return Chart(render(spec, title, description), title, description, headers, table)


def time_series(series: list[Series], *, title: str, description: str, y_label: str, unit: str = "",
                band: Band | None = None, targets: list[tuple[date, float]] | None = None,
                target_label: str = "", decimals: int | None = None, yearly: bool = False) -> Chart:
    """Lines over time, each with its own dash and point shape; an optional shaded band (e.g. an 80 %
    interval) and target points (diamonds). ``yearly``: one value per year, so the axis shows years only."""
    target_label = target_label or _("Doel")
    axis_title = f"{y_label} ({unit})" if unit else y_label
    lines = [(s, [(d, v) for d, v in s.points if _finite(v)]) for s in series]
    lines = [(s, points) for s, points in lines if points]
    targets = [(d, v) for d, v in targets or [] if _finite(v)]
    band_points = [(d, lo, hi) for d, lo, hi in band.points if _finite(lo, hi)] if band else []
    if not lines:
        return empty(title, description, (_("Datum"), *(s.name for s in series)))
    for s, _points in lines:
        if s.dash not in DASHES:
            raise ValueError(f"unknown dash {s.dash!r}; one of {sorted(DASHES)}")
    colours = [COLOURS[i % len(COLOURS)] for i in range(len(lines))]
    symbols = {s.name: {"shape": f"{LINE_PATH} {SHAPE_PATHS[shape]}", "dash": DASHES[s.dash], "fill": colour,
                        "stroke": colour} for (s, _p), shape, colour in zip(lines, SHAPES, colours)}
    if band_points:
        symbols[band.name] = {"shape": "M-1,-0.6H1V0.6H-1Z", "fill": BAND}
    if targets:
        symbols[target_label] = {"shape": SHAPE_PATHS["diamond"], "fill": TEXT}
    # one colour scale for the legend; dash and shape are fixed per layer, so the legend's symbols
    # (drawn by _legend) are the only place that needs to know them
    color = {"field": "series", "type": "nominal", "title": None, "legend": _legend(symbols),
             "scale": {"domain": list(symbols), "range": [style["fill"] for style in symbols.values()]}}
    x = {"field": "date", "type": "temporal", "title": None}
    if yearly:
        x.update(timeUnit="utcyear", axis={"format": "%Y", "formatType": "utc"})  # dates are UTC
    y = {"field": "value", "type": "quantitative", "title": axis_title, "scale": {"zero": False}}

    def layer(rows, mark, **encoding):
        return {"data": {"values": rows}, "mark": mark, "encoding": {"x": x, "y": y, "color": color, **encoding}}

    layers = []
    if band_points:
        layers.append(layer([{"date": d.isoformat(), "value": lo, "high": hi, "series": band.name}
                             for d, lo, hi in band_points], {"type": "area", "opacity": 0.6}, y2={"field": "high"}))
    for (s, points), shape in zip(lines, SHAPES):
        rows = [{"date": d.isoformat(), "value": v, "series": s.name} for d, v in points]
        layers += [layer(rows, {"type": "line", "strokeWidth": 2, "strokeDash": DASHES[s.dash]}),
                   layer(rows, {"type": "point", "filled": True, "size": 40, "shape": shape, "opacity": 1})]
    if targets:
        layers.append(layer([{"date": d.isoformat(), "value": v, "series": target_label} for d, v in targets],
                            {"type": "point", "filled": True, "size": 110, "shape": "diamond", "opacity": 1}))
    spec = {"height": 300, "layer": layers}
    headers, rows = _series_table(lines, band if band_points else None, band_points, targets, target_label,
                                  decimals, unit)
    return Chart(render(spec, title, description), title, description, headers, rows)


def _series_table(lines, band, band_points, targets, target_label, decimals, unit):
    """One row per date, a column per series (and the band's low and high, and the target)."""
    columns = [dict(points) for _s, points in lines]
    headers = [_("Datum"), *(s.name for s, _p in lines)]
    if band:
        columns += [{d: lo for d, lo, _hi in band_points}, {d: hi for d, _lo, hi in band_points}]
        headers += [_("%(band)s, ondergrens") % {"band": band.name}, _("%(band)s, bovengrens") % {"band": band.name}]
    if targets:
        columns.append(dict(targets))
        headers.append(target_label)
    dates = sorted(set().union(*columns))
    rows = tuple((date_format(d, "DATE_FORMAT"),
                  *(_number(c[d], decimals, unit) if d in c else "–" for c in columns)) for d in dates)
    return tuple(headers), rows


def stacked_shares(periods: list[tuple[date, Mapping[str, float]]], *, title: str, description: str,
                   y_label: str = "", decimals: int = 0) -> Chart:
    """Per period one bar of 100 %, a patterned part per category (e.g. contacts per channel, counts or
    shares), in the order the categories first appear; the legend shows the patterns."""
    categories = list(dict.fromkeys(name for _d, counts in periods for name in counts))
    headers = (_("Periode"), *categories)
    periods = [(d, {k: v for k, v in counts.items() if _finite(v) and v > 0}) for d, counts in periods]
    periods = [(d, counts) for d, counts in periods if counts]
    if not periods:
        return empty(title, description, headers)
    values = []
    for d, counts in periods:
        total, start = sum(counts.values()), 0.0
        for name in categories:
            share = counts.get(name, 0.0) / total
            values.append({"date": d.isoformat(), "series": name, "start": start, "end": start + share})
            start += share
    x = {"field": "date", "type": "ordinal", "timeUnit": "yearmonth", "title": None,
         "axis": {"format": "%b %Y", "labelAngle": -45}}
    fill = {"field": "series", "type": "nominal", "title": None, "sort": None,
            "legend": {"symbolSize": 250, "columns": 4, "symbolStrokeColor": TEXT, "symbolStrokeWidth": 0.5},
            "scale": {"domain": categories, "range": [pattern(i) for i in range(len(categories))]}}
    y = {"field": "start", "type": "quantitative", "title": y_label or _("Aandeel"), "axis": {"format": ".0%"},
         "scale": {"domain": [0, 1]}}
    spec = {"height": 300, "data": {"values": values}, "mark": {"type": "bar", "stroke": "#ffffff", "strokeWidth": 1},
            "encoding": {"x": x, "y": y, "y2": {"field": "end"}, "fill": fill}}
    rows = tuple((date_format(d, "YEAR_MONTH_FORMAT"),
                  *(_number(100 * counts.get(c, 0.0) / sum(counts.values()), decimals, "%") for c in categories))
                 for d, counts in periods)
    return Chart(render(spec, title, description), title, description, headers, rows)


@dataclass(frozen=True)
class RadarAxis:
    """One spoke of a radar: the median, the interquartile range (q1..q3), the range (low..high) and
    optionally a previous median."""

    label: str
    median: float
    q1: float
    q3: float
    low: float
    high: float
    previous: float | None = None


def _wrap(label: str, width: int = 22) -> str:
    """A long axis label on two lines (Vega's lineBreak), split at the space nearest the middle."""
    if len(label) <= width or " " not in label:
        return label
    spaces = [i for i, c in enumerate(label) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - len(label) / 2))
    return label[:cut] + "\n" + label[cut + 1:]


def radar(axes: list[RadarAxis], *, title: str, description: str, scale_max: int = 5,
          previous_label: str = "", decimals: int | None = None) -> Chart:
    """A radar (polar) chart on a scale from 0 to ``scale_max``: per spoke the range as a thin line, the
    interquartile range as a thick one and the median as a solid polygon with circles; a previous median
    as a dashed polygon with squares. Rings mark the levels; the table lists every figure."""
    median_label, iqr_label, range_label = _("Mediaan"), _("Middelste helft (interkwartielafstand)"), \
        _("Laagste tot hoogste")
    headers = (_("Dimensie"), median_label, iqr_label, range_label) + ((previous_label,) if previous_label else ())
    axes = [a for a in axes if _finite(a.median, a.q1, a.q3, a.low, a.high)]
    if not axes:
        return empty(title, description, headers)
    show_previous = bool(previous_label) and any(a.previous is not None for a in axes)
    count = len(axes)

    def at(index: float, value: float) -> dict:
        angle = math.pi / 2 - 2 * math.pi * index / count
        radius = value / scale_max
        return {"x": radius * math.cos(angle), "y": radius * math.sin(angle)}

    def polygon(values: list[float], series: str) -> list[dict]:
        points = [{**at(i, v), "order": i, "series": series} for i, v in enumerate(values)]
        return points + [{**points[0], "order": count}]

    x = {"field": "x", "type": "quantitative", "axis": None, "scale": {"domain": [-1.9, 1.9]}}
    y = {"field": "y", "type": "quantitative", "axis": None, "scale": {"domain": [-1.52, 1.52]}}
    styles = {median_label: {"shape": f"{LINE_PATH} {SHAPE_PATHS['circle']}", "fill": COLOURS[0],
                             "stroke": COLOURS[0]},
              iqr_label: {"shape": "M-1,-0.3H1V0.3H-1Z", "fill": COLOURS[2]},
              range_label: {"shape": "M-1,-0.06H1V0.06H-1Z", "fill": COLOURS[4]}}
    if show_previous:
        styles[previous_label] = {"shape": f"{LINE_PATH} {SHAPE_PATHS['square']}", "dash": DASHES["dashed"],
                                  "fill": COLOURS[1], "stroke": COLOURS[1]}
    color = {"field": "series", "type": "nominal", "title": None, "legend": _legend(styles),
             "scale": {"domain": list(styles), "range": [style["fill"] for style in styles.values()]}}

    def layer(rows, mark, **encoding):
        return {"data": {"values": rows}, "mark": mark, "encoding": {"x": x, "y": y, **encoding}}

    rings = [{**point, "ring": level} for level in range(1, scale_max + 1)
             for point in polygon([level] * count, "")]
    spokes = [{"x": 0, "y": 0, "x2": p["x"], "y2": p["y"]} for p in (at(i, scale_max) for i in range(count))]
    ring_labels = [{**at(0, level), "text": format_number(level)} for level in range(1, scale_max + 1)]
    spans = [{**at(i, a.low), "x2": at(i, a.high)["x"], "y2": at(i, a.high)["y"], "series": range_label}
             for i, a in enumerate(axes)]
    iqrs = [{**at(i, a.q1), "x2": at(i, a.q3)["x"], "y2": at(i, a.q3)["y"], "series": iqr_label}
            for i, a in enumerate(axes)]
    labels = []
    for i, a in enumerate(axes):
        point = at(i, scale_max * 1.14)
        side = "center" if abs(point["x"]) < 0.15 else ("left" if point["x"] > 0 else "right")
        if side == "center":  # above or below the spoke's end, clear of the ring labels
            point = at(i, scale_max * 1.25)
        labels.append({**point, "text": _wrap(a.label), "side": side})
    rule = {"x2": {"field": "x2"}, "y2": {"field": "y2"}}
    layers = [
        layer(rings, {"type": "line", "color": "#b0b0b0", "strokeWidth": 1, "strokeDash": DASHES["dotted"]},
              detail={"field": "ring"}, order={"field": "order"}),
        layer(spokes, {"type": "rule", "color": "#d0d0d0", "strokeWidth": 1}, **rule),
        layer(ring_labels, {"type": "text", "dx": 6, "dy": -6, "fontSize": 11, "color": TEXT},
              text={"field": "text"}),
        layer(spans, {"type": "rule", "strokeWidth": 1.5}, color=color, **rule),
        layer(iqrs, {"type": "rule", "strokeWidth": 7, "strokeCap": "butt", "opacity": 0.85}, color=color, **rule),
    ]
    if show_previous:
        previous = polygon([a.previous if a.previous is not None else 0 for a in axes], previous_label)
        layers += [layer(previous, {"type": "line", "strokeWidth": 2, "strokeDash": DASHES["dashed"]}, color=color,
                         order={"field": "order"}),
                   layer(previous[:-1], {"type": "point", "shape": "square", "filled": True, "size": 45,
                                         "opacity": 1}, color=color)]
    medians = polygon([a.median for a in axes], median_label)
    layers += [layer(medians, {"type": "line", "strokeWidth": 2.5}, color=color, order={"field": "order"}),
               layer(medians[:-1], {"type": "point", "shape": "circle", "filled": True, "size": 60, "opacity": 1},
                     color=color)]
    for side in ("left", "right", "center"):
        layers.append({"data": {"values": [row for row in labels if row["side"] == side]},
                       "mark": {"type": "text", "align": side, "baseline": "middle", "lineBreak": "\n",
                                "fontSize": 12, "color": TEXT},
                       "encoding": {"x": x, "y": y, "text": {"field": "text"}}})
    spec = {"width": 600, "height": 480, "layer": layers}
    rows = tuple((a.label, _number(a.median, decimals), f"{_number(a.q1, decimals)}–{_number(a.q3, decimals)}",
                  f"{_number(a.low, decimals)}–{_number(a.high, decimals)}")
                 + ((_number(a.previous, decimals) if a.previous is not None else "–",) if previous_label else ())
                 for a in axes)
    return Chart(render(spec, title, description), title, description, headers, rows)
