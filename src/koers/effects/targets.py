"""Target paths: targets at dates, linear in between, so a target can rise over time.

Public API::

    TargetPoint(date, value)               a target value at a date (frozen)
    target_at(points, when) -> float|None  the target on ``when``
    next_target(points, after) -> TargetPoint|None

``target_at`` interpolates linearly by calendar day between the points around ``when``. Before the
first point there is no target yet (None: the first value is not extended backwards); after the
last point its value holds. ``points`` may be ``TargetPoint``s or ``(date, value)`` pairs in any
order; they are sorted. Two points on one date with different values, a value that is not a finite
number or a date that is not a date raise ``EffectsError``. A datetime counts as its date.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from gettext import gettext as _

from koers.effects.errors import EffectsError
from koers.effects.series import as_date, as_list, as_number, as_pair


@dataclass(frozen=True)
class TargetPoint:
    date: dt.date
    value: float


def target_at(points: Iterable, when: dt.date) -> float | None:
    path = _path(points)
    when = as_date(when, _("Peildatum"))
    before = [point for point in path if point.date <= when]
    if not before:
        return None
    left = before[-1]
    after = path[len(before):]
    if left.date == when or not after:
        return left.value
    right = after[0]
    fraction = (when - left.date).days / (right.date - left.date).days
    return left.value + fraction * (right.value - left.value)


def next_target(points: Iterable, after: dt.date) -> TargetPoint | None:
    after = as_date(after, _("Peildatum"))
    return next((point for point in _path(points) if point.date > after), None)


def _path(points: Iterable) -> list[TargetPoint]:
    """The points as checked ``TargetPoint``s sorted by date."""
    path: dict[dt.date, TargetPoint] = {}
    for index, point in enumerate(as_list(points, _("De streefwaarden")), start=1):
        what = _("Streefwaarde {index}").format(index=index)
        when, value = (point.date, point.value) if isinstance(point, TargetPoint) else as_pair(point, what)
        when, value = as_date(when, what), as_number(value, what)
        if when in path and path[when].value != value:
            raise EffectsError(_("Twee verschillende streefwaarden op {date}.").format(date=when.isoformat()))
        path[when] = TargetPoint(when, value)
    return [path[when] for when in sorted(path)]

