"""Template helpers for scan results."""

from __future__ import annotations

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from koers.apps.agenda.models import Confidence, Status
from koers.web.numbers import format_number

register = template.Library()

# get_status_display() builds a hashable copy of all choices, lazy labels included, per call.
_STATUS_LABELS = dict(Status.choices)


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
    # A non-breaking space: "86 %" never wraps between the number and its sign.
    return "–" if value is None else f"{value}\u00a0%"


@register.filter
def chance(probability) -> str:
    """A probability between 0 and 1 as a whole Dutch percentage: 0.724 -> "72 %"."""
    return "–" if probability is None else percent(format_number(round(probability * 100)))


@register.simple_tag
def verdict_badge(attention: bool) -> str:
    if attention:
        return format_html('<span class="koers-status koers-status--yes"><span aria-hidden="true">✔</span> {}</span>',
                           gettext("ja"))
    return format_html('<span class="koers-status koers-status--no"><span aria-hidden="true">✘</span> {}</span>',
                       gettext("nee"))


@register.simple_tag
def confidence_badge(confidence: str) -> str:
    """"twijfel" as a visible word (not colour alone), "duidelijk" plainly, nothing when unknown."""
    if confidence == Confidence.UNCERTAIN:
        return format_html('<span class="koers-status koers-status--uncertain">'
                           '<span aria-hidden="true">?</span> {}</span>', gettext("twijfel"))
    return gettext("duidelijk") if confidence == Confidence.CLEAR else "–"


@register.simple_tag
def document_status(document) -> str:
    """Status badge of a document, with its progress bar, stuck warning or error message.

    Python rather than an included template: the document list shows it on every row, and an
    include per row cost more than the rest of the row together.
    """
    stuck, interrupted = document.is_stuck, document.is_interrupted
    label = (gettext("Onderbroken") if interrupted else gettext("Vastgelopen") if stuck
             else _STATUS_LABELS.get(document.status, document.status))
    parts = [format_html('<span class="koers-status koers-status--{}{}">{}</span>', document.status,
                         " koers-status--stuck" if stuck else "", label)]
    if document.status in (Status.QUEUED, Status.RUNNING) and not stuck:
        value = "" if document.progress is None else format_html('value="{}" ', document.progress)
        label = gettext("Voortgang van %(name)s") % {"name": document.original_name}
        parts.append(format_html('<progress {}max="100" aria-label="{}"></progress>', value, label))
    if interrupted:
        parts.append(format_html('<p class="koers-field-error">{}</p>', gettext(
            "Het verwerkingsproces dat deze scan uitvoerde, bestaat niet meer. Start de scan opnieuw.")))
    elif stuck:
        parts.append(format_html('<p class="koers-field-error">{}</p>', gettext(
            "De scan duurt al te lang; waarschijnlijk is de verwerking gestopt. Start hem opnieuw.")))
    if document.status == Status.FAILED:
        parts.append(format_html('<p class="koers-field-error">{}</p>', document.error))
    return mark_safe("\n".join(parts))
