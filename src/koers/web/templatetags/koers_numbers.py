"""Numbers in templates: ``{{ value|number }}`` as the active language writes it (12.500 or 3,25);
``{{ value|input_number }}`` as the value of a text input that koers.web.numbers reads back."""

from django import template

from koers.web.numbers import format_number, input_value

register = template.Library()


def _numeric(value) -> bool:
    return value is not None and value != "" and not isinstance(value, bool)


@register.filter
def number(value):
    return format_number(value) if _numeric(value) else value


@register.filter
def input_number(value, decimals=None):
    return input_value(value, decimals) if _numeric(value) else value
