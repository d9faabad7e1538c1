"""``{% indicator_statuses initiative as statuses %}``: the indicators an initiative should move, with status
(so the portfolio's initiative page can show them without its view knowing about indicators)."""

from django import template
from django.utils.translation import gettext

from koers.apps.indicators import assessing

register = template.Library()


@register.simple_tag
def indicator_statuses(initiative):
    return assessing.statuses(initiative.indicators.all())


@register.filter
def engine_text(text: str) -> str:
    """A sentence of the effects engine in the page's language ({% translate %} on a variable would
    double a '%' in it before the lookup, so "80%-..." would never be found)."""
    return gettext(text) if text else ""
