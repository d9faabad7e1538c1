"""``{% indicators_at_a_glance organisation %}``: how many indicators are on course, need attention, are
off course or lack data, for the organisation's overview page."""

from collections import Counter

from django import template

from koers.apps.indicators import assessing
from koers.apps.indicators.models import Indicator

register = template.Library()


@register.inclusion_tag("indicators/_at_a_glance.html")
def indicators_at_a_glance(organisation):
    counts = Counter(s.assessment.status for s in
                     assessing.statuses(Indicator.objects.filter(organisation=organisation)))
    return {"organisation": organisation, "total": sum(counts.values()),
            "statuses": [(status, label, counts[status]) for status, label in assessing.STATUS_LABELS.items()]}
