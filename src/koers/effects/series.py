"""Checking and tidying the inputs every engine shares: dates, numbers and measurement series.

``clean_series`` is what the projection and the status use: it accepts ``(date, value)`` pairs in
any order, sorts them by date and replaces measurements on the same date by their mean (two
entries for one month are one observation, not two). A value that is not a finite number or a
date that is not a date raises ``EffectsError``, and so does a value beyond a million million
(``LARGEST``), which no indicator reaches.
"""

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from gettext import gettext as _

from koers.effects.errors import EffectsError

DIRECTIONS = ("higher", "lower")
# Far beyond any indicator or contact count; larger values would overflow the projection's arithmetic.
LARGEST = 1e12


def as_date(value, what: str) -> dt.date:
    """``value`` as a date (a datetime loses its time); ``what`` names it in the message."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise EffectsError(_("{what}: {value!r} is geen datum.").format(what=what, value=value))


def as_number(value, what: str) -> float:
    """``value`` as a finite float; NaN, infinity, text and None are refused."""
    if isinstance(value, bool):
        raise EffectsError(_("{what}: {value!r} is geen getal.").format(what=what, value=value))
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise EffectsError(_("{what}: {value!r} is geen getal.").format(what=what, value=value)) from None
    if not math.isfinite(number):
        raise EffectsError(_("{what}: {value!r} is geen eindig getal.").format(what=what, value=value))
    if abs(number) > LARGEST:
        raise EffectsError(_("{what}: {value!r} is te groot voor een meting.").format(what=what, value=value))
    return number


def as_list(values, what: str) -> list:
    """``values`` as a list; something that is not a collection is refused."""
    if isinstance(values, str | bytes):
        raise EffectsError(_("{what} zijn geen reeks.").format(what=what))
    try:
        return list(values)
    except TypeError:
        raise EffectsError(_("{what} zijn geen reeks.").format(what=what)) from None


def as_pair(pair, what: str) -> tuple:
    """``pair`` unpacked as ``(date, value)``, unchecked."""
    try:
        when, value = pair
    except (TypeError, ValueError):
        raise EffectsError(_("{what}: geen paar (datum, waarde).").format(what=what)) from None
    return when, value


def check_direction(direction: str) -> str:
    if direction not in DIRECTIONS:
        raise EffectsError(
            _("Richting {direction!r} bestaat niet: kies 'higher' (hoger is beter) of 'lower' (lager is beter).")
            .format(direction=direction))
    return direction


def clean_series(measurements: Iterable) -> list[tuple[dt.date, float]]:
    """Measurements sorted by date, one per date (the mean of duplicates)."""
    by_date: dict[dt.date, list[float]] = defaultdict(list)
    for index, pair in enumerate(as_list(measurements, _("De metingen")), start=1):
        what = _("Meting {index}").format(index=index)
        when, value = as_pair(pair, what)
        by_date[as_date(when, what)].append(as_number(value, what))
    return [(when, sum(values) / len(values)) for when, values in sorted(by_date.items())]
