"""Inline SVG charts rendered on the server (no JavaScript). Each page also shows the same data as a
table, which is the accessible alternative; the SVG has a title and description for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape

from koers.web.numbers import format_number  # tick labels as the reader writes numbers; coordinates stay plain

LEGEND_BAND = 28  # height of the scatter chart's legend band, below the x-axis label


@dataclass(frozen=True)
class Point:
    x: float  # effort in hours
    y: float  # weighted value
    label: str
    selected: bool


def _ticks(maximum: float, count: int = 4) -> list[float]:
    if maximum <= 0:
        return [0.0]
    return [maximum * i / count for i in range(count + 1)]


def scatter(points: list[Point], *, title: str, description: str, x_label: str, y_label: str,
            selected_label: str, other_label: str, width: int = 640, height: int = 360) -> str:
    """Value (y) against effort (x); selected initiatives filled dark, others as open circles.

    ``height`` is that of the plot with its axes and axis labels; the legend gets its own band of
    ``LEGEND_BAND`` below the x-axis label (the viewBox is that much taller), so it never covers a point.
    """
    left, right, top, bottom = 64, 16, 16, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    max_x = max((p.x for p in points), default=0) or 1.0
    max_y = max((p.y for p in points), default=0) or 1.0
    parts = [f'<svg class="koers-chart" viewBox="0 0 {width} {height + LEGEND_BAND}" role="img" '
             f'aria-labelledby="scatter-title scatter-desc" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="scatter-title">{escape(title)}</title><desc id="scatter-desc">{escape(description)}</desc>',
             f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#333"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#333"/>']
    for tick in _ticks(max_x):
        x = left + plot_w * tick / max_x
        parts.append(f'<text x="{x:.1f}" y="{top + plot_h + 18}" font-size="12" text-anchor="middle" '
                     f'fill="#333">{format_number(tick, 0)}</text>')
    for tick in _ticks(max_y):
        y = top + plot_h - plot_h * tick / max_y
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="12" text-anchor="end" fill="#333">{format_number(tick, 2)}</text>')
    parts.append(f'<text x="{left + plot_w / 2}" y="{height - 8}" font-size="13" text-anchor="middle" '
                 f'fill="#222">{escape(x_label)}</text>')
    parts.append(f'<text x="14" y="{top + plot_h / 2}" font-size="13" text-anchor="middle" fill="#222" '
                 f'transform="rotate(-90 14 {top + plot_h / 2})">{escape(y_label)}</text>')
    for p in points:
        x = left + plot_w * p.x / max_x
        y = top + plot_h - plot_h * p.y / max_y
        style = 'fill="#154273" stroke="#154273"' if p.selected else 'fill="#fff" stroke="#8a3b00" stroke-width="2"'
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" {style}><title>{escape(p.label)}</title></circle>')
    # legend (shape as well as colour, so it does not rely on colour alone), in its own band below
    # the x-axis label: outside the plot, so no point can be under it. The second entry starts after
    # the first label (at most about 7 px per character at font size 12).
    legend_y = height + LEGEND_BAND // 2
    second = left + max(170, 22 + 7 * len(selected_label) + 28)
    parts.append(f'<g class="koers-chart-legend">'
                 f'<circle cx="{left + 10}" cy="{legend_y}" r="6" fill="#154273"/>'
                 f'<text x="{left + 22}" y="{legend_y + 4}" font-size="12" fill="#222">{escape(selected_label)}</text>'
                 f'<circle cx="{second}" cy="{legend_y}" r="6" fill="#fff" stroke="#8a3b00" stroke-width="2"/>'
                 f'<text x="{second + 12}" y="{legend_y + 4}" font-size="12" fill="#222">{escape(other_label)}</text>'
                 f'</g>')
    parts.append("</svg>")
    return "".join(parts)


def capacity_bars(rows: list[dict], *, title: str, description: str, demand_label: str,
                  selected_label: str, capacity_label: str, width: int = 640) -> str:
    """Per team-quarter: a bar for all demand, one for the selection and a mark for capacity."""
    row_h, right, top = 26, 16, 28
    # room for the longest "team quarter" label (about 6.5 px per character at font size 12),
    # and the plot and its legend keep their width beside it
    left = max([170] + [12 + round(6.5 * len(f'{r["team"]} {r["quarter"]}')) for r in rows])
    width = max(width, left + 470)
    height = top + row_h * len(rows) + 10
    maximum = max([max(r["demand"], r["capacity"], r["selected"]) for r in rows], default=0) or 1.0
    plot_w = width - left - right
    parts = [f'<svg class="koers-chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-labelledby="bars-title bars-desc" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="bars-title">{escape(title)}</title><desc id="bars-desc">{escape(description)}</desc>',
             f'<rect x="{left}" y="4" width="12" height="10" fill="#c9d7e8" stroke="#4b6a8f"/>'
             f'<text x="{left + 16}" y="13" font-size="12" fill="#222">{escape(demand_label)}</text>'
             f'<rect x="{left + 150}" y="4" width="12" height="10" fill="#154273"/>'
             f'<text x="{left + 166}" y="13" font-size="12" fill="#222">{escape(selected_label)}</text>'
             f'<line x1="{left + 320}" y1="2" x2="{left + 320}" y2="16" stroke="#8a3b00" stroke-width="3"/>'
             f'<text x="{left + 328}" y="13" font-size="12" fill="#222">{escape(capacity_label)}</text>']
    for i, row in enumerate(rows):
        y = top + i * row_h
        parts.append(f'<text x="{left - 6}" y="{y + 15}" font-size="12" text-anchor="end" fill="#222">'
                     f'{escape(row["team"])} {escape(row["quarter"])}</text>')
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{plot_w * row["demand"] / maximum:.1f}" height="16" fill="#c9d7e8" stroke="#4b6a8f"/>')
        parts.append(f'<rect x="{left}" y="{y + 7}" width="{plot_w * row["selected"] / maximum:.1f}" height="8" fill="#154273"/>')
        cx = left + plot_w * row["capacity"] / maximum
        parts.append(f'<line x1="{cx:.1f}" y1="{y + 1}" x2="{cx:.1f}" y2="{y + 21}" stroke="#8a3b00" stroke-width="3"/>')
    parts.append("</svg>")
    return "".join(parts)
