"""Template helpers for scan results."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def highlight(text: str, spans) -> str:
    """Escape ``text`` and wrap each [start, end) span in <mark>; bad spans are ignored."""
    text = text or ""
    pieces, position = [], 0
    for span in sorted(_valid_spans(spans, len(text))):
        start, end = span
        if start < position:
            continue  # overlapping span: the earlier one already covers it
        pieces.append(escape(text[position:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))


def _valid_spans(spans, length: int):
    for span in spans or ():
        try:
            start, end = int(span[0]), int(span[1])
        except (TypeError, ValueError, IndexError):
            continue
        if 0 <= start < end <= length:
            yield start, end


@register.filter
def percent(value) -> str:
    return "–" if value is None else f"{value} %"
