"""``{{ value|translated }}``: a text Koers ships (the effects engine's sentences, the default readiness
questionnaire stored in the database) in the page's language; any other text, such as an organisation's
own questionnaire, is not in the catalogue and stays as it is."""

from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def translated(value):
    # {% translate %} on a variable would double a '%' before the lookup ("80%-..." never found), and
    # gettext("") returns the catalogue's header, hence the check.
    return gettext(value) if isinstance(value, str) and value else value
