"""``{% readiness_at_a_glance organisation %}``: the median per dimension of the latest closed round
beside the previous round's, for the organisation's overview page."""

from django import template

from koers.apps.readiness import results

register = template.Library()


# The template lives with the shared page templates for now: the app's own templates/ folder was
# being edited for translation when this was written; it can move there.
@register.inclusion_tag("overview/_readiness.html")
def readiness_at_a_glance(organisation):
    return {"organisation": organisation, "summary": results.latest_summary(organisation)}
