"""Numbers as Dutch users type and read them: one parser for every form field and import, and the
form field and widget that use it.

Accepted: ``3,5``, ``12.500,00``, ``12500``, ``1.000`` (a point before exactly three digits groups
thousands), ``€ 12.500``, and a plain decimal point as machines write it (``3.5``, ``0.125``). Not
accepted: anything else, including ``nan`` and ``inf``, with a Dutch message naming the input.
``parse_for`` also checks a model field's range, the same on every database (``field_limits``).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.formats import number_format
from django.utils.translation import gettext as _

# Dutch: optional thousands groups (a first group never starting with 0) and an optional decimal comma.
_DUTCH = re.compile(r"[+-]?(?:[1-9]\d{0,2}(?:\.\d{3})+|\d*)(?:,\d+)?")
_POINT = re.compile(r"[+-]?\d*\.\d+")
_NOISE = str.maketrans("", "", " \u00a0\u202f€")


def parse_decimal(text: str) -> Decimal:
    """The number in ``text`` as a Decimal; ValueError with a Dutch message when it is not one."""
    raw = str(text).strip()
    cleaned = raw.translate(_NOISE)
    if cleaned and any(ch.isdigit() for ch in cleaned):
        if _DUTCH.fullmatch(cleaned):
            return Decimal(cleaned.replace(".", "").replace(",", "."))
        if _POINT.fullmatch(cleaned):
            return Decimal(cleaned)
    raise ValueError(_("‘%(value)s’ is geen getal; schrijf bijvoorbeeld 12.500 of 3,5.") % {"value": raw})


def parse_number(text: str) -> float:
    """As :func:`parse_decimal`, as a float; a number too large for a float (400 digits) is refused."""
    number = float(parse_decimal(text))
    if not math.isfinite(number):
        raise ValueError(_("‘%(value)s’ is te groot.") % {"value": str(text).strip()[:40]})
    return number


def field_limits(model_field) -> tuple[Decimal | None, Decimal | None]:
    """The lowest and highest value the model field takes on every supported database: the
    PostgreSQL column range of an integer field (SQLite's is wider, so a limit never depends on the
    database), the digits of a decimal field, narrowed by the field's own validators."""
    low = high = None
    kind = model_field.get_internal_type()
    if kind in BaseDatabaseOperations.integer_field_ranges:
        low, high = map(Decimal, BaseDatabaseOperations.integer_field_ranges[kind])
    elif kind == "DecimalField":
        high = Decimal(10) ** (model_field.max_digits - model_field.decimal_places) - Decimal(10) ** -model_field.decimal_places
        low = -high
    for validator in model_field.validators:
        limit = Decimal(str(validator.limit_value)) if isinstance(validator, (MinValueValidator,
                                                                            MaxValueValidator)) else None
        if isinstance(validator, MinValueValidator):
            low = limit if low is None else max(low, limit)
        elif isinstance(validator, MaxValueValidator):
            high = limit if high is None else min(high, limit)
    return low, high


def parse_for(text: str, model_field) -> Decimal:
    """The number in ``text`` for ``model_field``: ValueError with a Dutch message when it is not a
    finite number or lies outside :func:`field_limits`."""
    value = parse_decimal(text)
    parse_number(text)  # finite as a float too
    low, high = field_limits(model_field)
    if low is not None and value < low:
        raise ValueError(_("‘%(value)s’ is te klein; het kleinste toegestane getal is %(limit)s.")
                         % {"value": str(text).strip()[:40], "limit": format_number(low)})
    if high is not None and value > high:
        raise ValueError(_("‘%(value)s’ is te groot; het grootste toegestane getal is %(limit)s.")
                         % {"value": str(text).strip()[:40], "limit": format_number(high)})
    return value


def format_number(value, decimals: int | None = None) -> str:
    """``value`` with the active language's separators and thousands grouping (12.500,5 in Dutch);
    whole numbers without decimals unless ``decimals`` is given."""
    if decimals is None and float(value).is_integer():
        value = int(value)
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def input_value(value, decimals: int | None = None) -> str:
    """``value`` as a number input shows it, in every language the way :func:`parse_decimal` reads it
    back: a decimal comma and no grouping (12500,5); rounded to ``decimals`` when given. A Decimal
    keeps its places (an amount of 12500.50 stays 12500,50) unless it is whole."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if decimals is not None:
        number = round(number, decimals)
    if decimals is not None or not isinstance(value, Decimal) or number == number.to_integral_value():
        number = number.normalize()
    return format(number, "f").replace(".", ",")


class DecimalTextInput(forms.TextInput):
    """A text input for numbers: browsers refuse a decimal comma in ``type=number``; ``inputmode``
    still gives phones a numeric keyboard."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return input_value(value)
        return super().format_value(value)


class DutchNumberMixin:
    """``to_python`` with :func:`parse_decimal`; the field's own range and finiteness checks still run."""

    widget = DecimalTextInput
    parse = staticmethod(parse_number)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            value = format(Decimal(str(value)), "f")  # a number given by code, not typed
        try:
            return self.parse(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None


class DutchFloatField(DutchNumberMixin, forms.FloatField):
    """A FloatField that reads Dutch numbers."""


class DutchDecimalField(DutchNumberMixin, forms.DecimalField):
    """A DecimalField that reads Dutch amounts such as ``12.500,00``."""

    parse = staticmethod(parse_decimal)
