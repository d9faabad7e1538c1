"""Vega-Lite to accessible SVG with vl-convert: its embedded engine renders offline (external data
is refused), and the SVG gets a role, a title and a description, a viewBox that scales to the
screen, and the fill patterns that let bars be told apart without colour.

The first render in a process starts the engine (about a second); later ones take tens of
milliseconds, and the same spec in the same language comes from a small cache.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass

import vl_convert
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

WIDTH = 600  # of the plot; the SVG scales down with the page, to a phone's width
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
TEXT = "#1a1a1a"
# colours that stay apart in greyscale too; they are never the only difference between marks
COLOURS = ["#154273", "#8a3b00", "#1e6b30", "#5b2a86", "#535353", "#b00020", "#0b6e75"]
# point shapes, and the same shapes as paths for legend symbols that also draw the line (-1..1 box)
SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down"]
SHAPE_PATHS = {
    "circle": "M0.4,0A0.4,0.4 0 1,1 -0.4,0A0.4,0.4 0 1,1 0.4,0Z", "square": "M-0.35,-0.35H0.35V0.35H-0.35Z",
    "triangle-up": "M0,-0.45L0.4,0.35H-0.4Z", "diamond": "M0,-0.5L0.5,0L0,0.5L-0.5,0Z",
    "cross": "M-0.15,-0.45H0.15V-0.15H0.45V0.15H0.15V0.45H-0.15V0.15H-0.45V-0.15H-0.15Z",
    "triangle-down": "M0,0.45L0.4,-0.35H-0.4Z",
}
LINE_PATH = "M-1,0H1"
DASHES = {"solid": [1, 0], "dashed": [8, 4], "dotted": [2, 3], "dashdot": [8, 3, 2, 3], "long": [14, 4]}

# Fill patterns for bars, drawn over their colour: "url(#pattern-N)" in a spec becomes this chart's own id.
_PATTERN = '<pattern id="{id}" width="8" height="8" patternUnits="userSpaceOnUse">' \
           '<rect width="8" height="8" fill="{fill}"/>{marks}</pattern>'
PATTERNS = [
    ("#154273", ""),
    ("#dce6f1", '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#154273" stroke-width="1.5"/>'),
    ("#f6e3d3", '<circle cx="4" cy="4" r="1.6" fill="#8a3b00"/>'),
    ("#1e6b30", '<path d="M0,4 h8" stroke="#fff" stroke-width="1.5"/>'),
    ("#ffffff", '<path d="M0,0 l8,8 M8,0 l-8,8" stroke="#5b2a86" stroke-width="1.2"/>'),
    ("#535353", '<path d="M4,0 v8" stroke="#fff" stroke-width="1.5"/>'),
    ("#fff0a8", '<path d="M0,6 l8,-4" stroke="#1a1a1a" stroke-width="1"/>'),
]
_ROOT = re.compile(r"\A<svg\b[^>]*>")
_VIEWBOX = re.compile(r'viewBox="([^"]+)"')


@dataclass(frozen=True)
class Chart:
    """A rendered chart and the same data as a table (the accessible alternative), for web/chart.html.

    ``svg`` is empty when there was nothing to draw; ``message`` then says why."""

    svg: SafeString
    title: str
    description: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    message: str = ""


def pattern(index: int) -> str:
    return f"url(#pattern-{index % len(PATTERNS)})"


def empty(title: str, description: str, headers=()) -> Chart:
    return Chart(mark_safe(""), title, description, tuple(headers), (),
                 _("Er zijn (nog) geen gegevens om deze grafiek te tekenen."))


@functools.cache
def _time_locale(language: str) -> dict:
    return vl_convert.get_time_format_locale("en-GB" if language == "en" else "nl-NL")


def locale() -> dict:
    """Number and date formats of the active language, as on the rest of the page (12.500,5 and
    "3 maart 2026" in Dutch)."""
    language = (get_language() or "nl")[:2]
    number = {"decimal": get_format("DECIMAL_SEPARATOR"), "thousands": get_format("THOUSAND_SEPARATOR"),
              "grouping": [3], "currency": ["€\u00a0", ""], "percent": "\u00a0%", "minus": "−"}
    return {"number": number, "time": _time_locale(language)}


def _config() -> dict:
    # padding and overflow="visible" (below): a browser's font may set labels wider than the engine measured;
    # mark.aria False: the marks stay out of the accessibility tree (the root's title, desc and table tell it)
    return {"font": FONT, "background": None, "aria": False, "mark": {"aria": False}, "locale": locale(),
            "padding": {"left": 24, "right": 12, "top": 5, "bottom": 5},
            "view": {"stroke": None}, "axis": {"labelColor": TEXT, "titleColor": TEXT, "labelFontSize": 12,
                                               "titleFontSize": 13, "gridColor": "#e3e3e3"},
            "legend": {"labelColor": TEXT, "titleColor": TEXT, "labelFontSize": 12, "orient": "bottom",
                       "direction": "horizontal", "labelLimit": 320, "columns": 2,
                       "columnPadding": 32}}  # room for a label the browser sets wider than measured


@functools.lru_cache(maxsize=256)
def _svg(spec_json: str) -> str:
    # allowed_base_urls=[]: no data from the network, ever
    return vl_convert.vegalite_to_svg(spec_json, allowed_base_urls=[])


def render(spec: dict, title: str, description: str) -> SafeString:
    """``spec`` (Vega-Lite, data inline) as SVG markup for the page."""
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": WIDTH, **spec,
            "config": _config()}
    spec_json = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    ident = "chart-" + hashlib.sha1((spec_json + title).encode()).hexdigest()[:10]
    return mark_safe(_accessible(_svg(spec_json), ident, title, description))  # noqa: S308 - escaped here and by Vega


def _accessible(svg: str, ident: str, title: str, description: str) -> str:
    """A root with a role, title and description that scales with the page (no fixed size)."""
    view_box = _VIEWBOX.search(svg[:500]).group(1)
    root = (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'class="koers-chart" viewBox="{view_box}" width="100%" overflow="visible" role="img" '
            f'aria-labelledby="{ident}-title {ident}-desc">'
            f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(description)}</desc>')
    body = _ROOT.sub("", svg, count=1)
    if "url(#pattern-" in body:
        defs = "".join(_PATTERN.format(id=f"{ident}-pattern-{i}", fill=fill, marks=marks)
                       for i, (fill, marks) in enumerate(PATTERNS))
        body = f"<defs>{defs}</defs>" + body.replace("url(#pattern-", f"url(#{ident}-pattern-")
    return root + body
