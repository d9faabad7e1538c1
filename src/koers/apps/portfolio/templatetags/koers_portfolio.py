"""``{% portfolio_at_a_glance organisation %}``: initiatives per status and the last decision, for the
organisation's overview page (whose view need not know about the portfolio)."""

from django import template
from django.db.models import Count

from koers.apps.portfolio.models import Decision, Initiative

register = template.Library()


@register.inclusion_tag("portfolio/_at_a_glance.html")
def portfolio_at_a_glance(organisation):
    counts = dict(Initiative.objects.filter(organisation=organisation).order_by()
                  .values_list("status").annotate(n=Count("id")))
    return {"organisation": organisation, "total": sum(counts.values()),
            "statuses": [(label, counts[value]) for value, label in Initiative.Status.choices if counts.get(value)],
            "decision": Decision.objects.filter(organisation=organisation).only("title", "meeting_date").first()}
