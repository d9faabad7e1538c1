"""``{% published_reports organisation %}``: the organisation's published reports, for the public
portfolio page (whose view need not know about reports); ``{% latest_report organisation %}``: the last
issued report, for the organisation's overview page."""

from django import template

from koers.apps.reports.models import Report, published_reports as published

register = template.Library()


@register.inclusion_tag("reports/_published.html")
def published_reports(organisation):
    return {"public_organisation": organisation, "reports": published(organisation)}


@register.inclusion_tag("reports/_at_a_glance.html")
def latest_report(organisation):
    return {"organisation": organisation, "report": Report.objects.filter(
        organisation=organisation, state=Report.State.ISSUED).order_by("-version").defer("html").first()}
