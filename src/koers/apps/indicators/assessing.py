"""An indicator's status and forecast, from ``koers.effects`` (see docs/effects.md for the method).

Only the measurements for everyone (group blank) count; the group series are context for the page.
The labels are the web application's own (gettext), so the page can show them in English too.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.effects.status import Assessment, Status, assess

STATUS_LABELS = {
    Status.ON_TRACK: _("op koers"),
    Status.ATTENTION: _("let op"),
    Status.OFF_TRACK: _("uit koers"),
    Status.INSUFFICIENT: _("onvoldoende gegevens"),
}


@dataclass(frozen=True)
class IndicatorStatus:
    indicator: object
    assessment: Assessment

    @property
    def status(self) -> str:
        return str(self.assessment.status)

    @property
    def label(self):
        return STATUS_LABELS[self.assessment.status]


def series(indicator) -> list[tuple]:
    """The (date, value) pairs for everyone; uses a prefetched ``measurements`` when present."""
    return [(m.date, m.value) for m in indicator.measurements.all() if not m.group]


def path(indicator) -> list[tuple]:
    return [(t.date, t.value) for t in indicator.targets.all() if t.replaced_at is None]


def status_of(indicator, today=None) -> IndicatorStatus:
    result = assess(series(indicator), path(indicator), direction=indicator.direction,
                    tolerance=indicator.tolerance, today=today or timezone.localdate())
    return IndicatorStatus(indicator, result)


def statuses(indicators, today=None) -> list[IndicatorStatus]:
    """The status of every indicator in ``indicators`` (a queryset), with two queries in all."""
    return [status_of(i, today) for i in indicators.prefetch_related("measurements", "targets")]
