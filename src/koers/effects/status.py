"""The status of an indicator: its latest value against the target path, or its projection.

Public API::

    Status                 op_koers / let_op / uit_koers / onvoldoende_gegevens, with ``.label``
    Assessment(status, latest, target, gap, projection, next_target, reason="")   (frozen)
    assess(measurements, targets, direction="higher", tolerance=0.05, today=None) -> Assessment

The rules (``docs/effects.md`` says the same for the pages):

- Measurements are sorted and one date's measurements averaged (``series.clean_series``). Fewer
  than three: ``INSUFFICIENT`` ("onvoldoende gegevens"), never a guess.
- Otherwise the latest value is compared with the target path on its date (``targets.target_at``).
  On the right side of it (at or above for "higher", at or below for "lower"): ``ON_TRACK``. On the
  wrong side by at most ``tolerance`` times the target (0.05 = 5 %; for a target of 0 the
  tolerance counts in the indicator's unit): ``ATTENTION``. Further away: ``OFF_TRACK``.
- When the path has no target yet on that date (it starts later), the projection to the next
  target decides: a probability of reaching it of at least 0.5 is ``ON_TRACK``, at least 0.2
  ``ATTENTION``, lower ``OFF_TRACK``. Without any target at all: ``INSUFFICIENT``.
- ``gap`` is the latest value minus its target (positive: above it), None without a target.
- ``next_target`` is the first target point after the latest measurement (after ``today``, default
  the current date, when there are no measurements), and ``projection`` the projection to its date
  (``projection.project``), None when there is no later target or too few measurements.
- ``reason`` is a short Dutch sentence saying why the status is what it is.

Labels and reasons are marked for translation but returned in Dutch; the web application passes
them through its own catalogue.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from gettext import gettext as _

from koers.effects.errors import EffectsError
from koers.effects.projection import MINIMUM, Projection, project
from koers.effects.series import as_date, as_number, check_direction, clean_series
from koers.effects.targets import TargetPoint, next_target, target_at

ON_TRACK_PROBABILITY = 0.5
ATTENTION_PROBABILITY = 0.2


class Status(StrEnum):
    ON_TRACK = "op_koers"
    ATTENTION = "let_op"
    OFF_TRACK = "uit_koers"
    INSUFFICIENT = "onvoldoende_gegevens"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    Status.ON_TRACK: _("op koers"),
    Status.ATTENTION: _("let op"),
    Status.OFF_TRACK: _("uit koers"),
    Status.INSUFFICIENT: _("onvoldoende gegevens"),
}


@dataclass(frozen=True)
class Assessment:
    status: Status
    latest: tuple[dt.date, float] | None
    target: float | None
    gap: float | None
    projection: Projection | None
    next_target: TargetPoint | None
    reason: str = ""


def assess(measurements: Sequence[tuple[dt.date, float]], targets: Sequence, direction: str = "higher",
           tolerance: float = 0.05, today: dt.date | None = None) -> Assessment:
    series = clean_series(measurements)
    check_direction(direction)
    tolerance = as_number(tolerance, _("Tolerantie"))
    if tolerance < 0:
        raise EffectsError(_("De tolerantie mag niet negatief zijn."))
    latest = series[-1] if series else None
    since = latest[0] if latest else as_date(today or dt.date.today(), _("Vandaag"))
    upcoming = next_target(targets, since)
    target = target_at(targets, latest[0]) if latest else None
    gap = latest[1] - target if latest and target is not None else None
    projection = project(series, upcoming.date, upcoming.value, direction) if upcoming else None
    facts = dict(latest=latest, target=target, gap=gap, projection=projection, next_target=upcoming)
    if len(series) < MINIMUM:
        # Spelled out rather than formatted, so the web pages can look the sentence up in their catalogue.
        reason = _("Minder dan drie metingen: er is nog geen oordeel.") if MINIMUM == 3 else \
            _("Te weinig metingen: er is nog geen oordeel.")
        return Assessment(Status.INSUFFICIENT, reason=reason, **facts)
    if target is not None:
        status, reason = _against_target(gap, target, direction, tolerance)
    elif projection is not None:
        status, reason = _against_projection(projection.probability)
    else:
        status, reason = Status.INSUFFICIENT, _("Er is geen streefwaarde om mee te vergelijken.")
    return Assessment(status, reason=reason, **facts)


def _against_target(gap: float, target: float, direction: str, tolerance: float) -> tuple[Status, str]:
    shortfall = -gap if direction == "higher" else gap
    if shortfall <= 0:
        return Status.ON_TRACK, _("De laatste meting haalt de streefwaarde.")
    allowed = tolerance * abs(target) if target else tolerance
    if shortfall <= allowed:
        return Status.ATTENTION, _("De laatste meting zit net naast de streefwaarde, binnen de tolerantie.")
    return Status.OFF_TRACK, _("De laatste meting zit verder van de streefwaarde dan de tolerantie toestaat.")


def _against_projection(probability: float) -> tuple[Status, str]:
    if probability >= ON_TRACK_PROBABILITY:
        return Status.ON_TRACK, _("De eerste streefwaarde wordt naar verwachting gehaald.")
    if probability >= ATTENTION_PROBABILITY:
        return Status.ATTENTION, _("De eerste streefwaarde wordt mogelijk niet gehaald.")
    return Status.OFF_TRACK, _("De eerste streefwaarde wordt naar verwachting niet gehaald.")
