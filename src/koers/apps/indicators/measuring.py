"""The one way measurements and targets are written (pages, API and import all call these).

``record`` stores a batch of measurements all or nothing: every row is checked first and a bad row
raises :class:`MeasurementError` naming the row and field. A measurement on a date and group that
already has one replaces its value (a corrected series can be imported again). Targets are never
updated: ``set_target`` marks the current target on that date as replaced and adds a new row.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.apps.indicators.models import Measurement, Target

GROUP_MAX = Measurement._meta.get_field("group").max_length
SOURCE_MAX = Measurement._meta.get_field("source").max_length


@dataclass(frozen=True)
class Problem:
    index: int  # position of the row in the batch, from 0
    field: str  # date, value, group or source
    message: str


class MeasurementError(ValueError):
    """A batch that cannot be stored; ``problems`` names every bad row and field."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems[:5]))


@dataclass(frozen=True)
class Row:
    date: dt.date
    value: float
    group: str = ""
    source: str = ""


def check(rows: list[Row]) -> list[Problem]:
    problems, seen = [], {}
    for index, row in enumerate(rows):
        if not isinstance(row.date, dt.date):
            problems.append(Problem(index, "date", _("De datum ontbreekt.")))
        if not isinstance(row.value, (int, float)) or not math.isfinite(row.value):
            problems.append(Problem(index, "value", _("De waarde is geen eindig getal.")))
        if len(row.group) > GROUP_MAX:
            problems.append(Problem(index, "group", _("De groep is langer dan %(n)d tekens.") % {"n": GROUP_MAX}))
        if len(row.source) > SOURCE_MAX:
            problems.append(Problem(index, "source", _("De bron is langer dan %(n)d tekens.") % {"n": SOURCE_MAX}))
        key = (row.date, row.group.strip())
        if key in seen:
            problems.append(Problem(index, "date", _("Deze datum en groep komen al voor in rij %(n)d.") % {
                "n": seen[key] + 1}))
        seen.setdefault(key, index)
    return problems


@transaction.atomic
def record(indicator, rows: list[Row], user=None) -> tuple[int, int]:
    """Store ``rows`` for ``indicator``; returns (added, replaced). Nothing is stored on a problem."""
    problems = check(rows)
    if problems:
        raise MeasurementError(problems)
    existing = {(m.date, m.group): m for m in Measurement.objects.select_for_update().filter(
        indicator=indicator, date__in={row.date for row in rows})}
    added = replaced = 0
    for row in rows:
        group, source = row.group.strip(), row.source.strip()
        current = existing.get((row.date, group))
        if current is None:
            Measurement.objects.create(indicator=indicator, date=row.date, value=float(row.value), group=group,
                                       source=source, entered_by=user)
            added += 1
        elif (current.value, current.source) != (float(row.value), source):
            current.value, current.source, current.entered_by = float(row.value), source, user
            current.save(update_fields=["value", "source", "entered_by"])
            replaced += 1
    return added, replaced


def current_targets(indicator):
    return indicator.targets.filter(replaced_at=None).order_by("date")


@transaction.atomic
def set_target(indicator, date: dt.date, value: float, user=None) -> Target:
    """The target on ``date`` becomes ``value``; an earlier target on that date stays as history."""
    if not math.isfinite(value):
        raise ValueError(_("De streefwaarde is geen eindig getal."))
    old = current_targets(indicator).select_for_update().filter(date=date).first()
    if old is not None:
        if old.value == value:
            return old
        retire(old)
    return Target.objects.create(indicator=indicator, date=date, value=value, created_by=user)


def retire(target: Target) -> None:
    """Take a target out of the path; the row stays as history."""
    target.replaced_at = timezone.now()
    target.save(update_fields=["replaced_at"])
