"""``{% published_reports organisation %}``: the organisation's published reports, for the public
portfolio page (whose view need not know about reports)."""

from django import template

from koers.apps.reports.models import published_reports as published

register = template.Library()


@register.inclusion_tag("reports/_published.html")
def published_reports(organisation):
    return {"public_organisation": organisation, "reports": published(organisation)}
