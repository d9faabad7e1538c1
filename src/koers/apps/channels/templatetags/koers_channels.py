"""``{% inclusion_warnings organisation %}`` shows the organisation's inclusion warnings (for its
overview page, whose view need not know about channels); ``{{ warning|warning_text }}`` says one in words."""

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from koers.apps.channels import context, mix
from koers.effects.channels import CHANNELS
from koers.effects.errors import EffectsError
from koers.web.numbers import format_number

register = template.Library()


@register.inclusion_tag("channels/_warnings.html")
def inclusion_warnings(organisation, link=True):
    try:
        warnings = mix.warnings(organisation)
    except EffectsError:  # contradicting supply figures: the Kanalen page names the problem
        warnings = []
    return {"warnings": warnings, "organisation": organisation, "link": link}


@register.filter
def channel_label(channel: str) -> str:
    return _(CHANNELS[channel]) if channel in CHANNELS else channel


def _change(before, after) -> dict:
    return {"before": format_number(before), "after": format_number(after)}


def _shrank(before, after) -> bool:
    return before is not None and after is not None and after < before


@register.filter
def warning_text(warning) -> str:
    """The group, service and channel, how much the group still uses it, and what shrank."""
    shrank = []
    if _shrank(warning.capacity_before, warning.capacity_after):
        shrank.append(_("de capaciteit ging van %(before)s naar %(after)s") % _change(
            warning.capacity_before, warning.capacity_after))
    if _shrank(warning.opening_before, warning.opening_after):
        shrank.append(_("de openingsuren per week gingen van %(before)s naar %(after)s") % _change(
            warning.opening_before, warning.opening_after))
    return _("%(group)s doet bij %(service)s nog %(share)s %% van de contacten via %(channel)s, maar %(shrank)s "
             "(periode vanaf %(period)s).") % {
        "group": warning.group or _("Alle inwoners samen"), "service": warning.service,
        "share": format_number(round(100 * warning.share)), "channel": channel_label(warning.channel).lower(),
        "shrank": shrank[0] if len(shrank) == 1 else _("%(first)s en %(second)s") % dict(zip(("first", "second"),
                                                                                               shrank)),
        "period": date_format(warning.period, "DATE_FORMAT")}


@register.filter
def share(value) -> str:
    """A share between 0 and 1 as a Dutch percentage with one decimal: 0.534 -> "53,4 %"."""
    return "–" if value is None else f"{format_number(100 * value, 1)}\u00a0%"


register.filter("statline_period", context.period_label)
