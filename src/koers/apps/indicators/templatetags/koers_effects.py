"""``{% indicator_statuses initiative as statuses %}``: the indicators an initiative should move, with status
(so the portfolio's initiative page can show them without its view knowing about indicators)."""

from django import template

from koers.apps.indicators import assessing

register = template.Library()


@register.simple_tag
def indicator_statuses(initiative):
    return assessing.statuses(initiative.indicators.all())

