"""A robust linear projection of a measurement series, with an 80 % interval and a probability.

Public API::

    MINIMUM = 3
    Projection(value, low, high, probability, method)       (frozen)
    project(measurements, when, target=None, direction="higher") -> Projection | None

The method (``docs/effects.md`` explains it for the pages):

1. Time is counted in days. The trend is the Theil–Sen line: its slope is the median of the slopes
   between every pair of measurements, its intercept the median of ``value - slope * day``. One
   wild measurement changes a few of the pairwise slopes, not their median, so it barely moves
   the line (least squares would follow it).
2. The spread of the noise around the line is the median absolute deviation of the residuals,
   scaled by 1.4826 to match a normal standard deviation. When more than half of the residuals
   are zero, to rounding (small counts, a flat series), that is zero, so the mean absolute deviation
   scaled by 1.2533 stands in for it.
3. The 80 % interval at ``when`` uses the predictive spread of a straight-line fit,
   ``s * sqrt(1 + 1/n + (t - mean t)**2 / sum((t_i - mean t)**2))``, so it widens with the
   distance from the data, and Student's t with ``n - 2`` degrees of freedom, so it is wide for a
   short series.
4. The probability of reaching ``target`` is the share of that same predictive distribution on
   the right side of it (at or above for "higher", at or below for "lower").

Assumptions: the trend is linear over the period projected; the residuals are independent (no
seasonality, no autocorrelation) and roughly symmetric; the noise does not change over time.

Input: ``(date, value)`` pairs in any order; they are sorted and measurements on one date are
averaged (``series.clean_series``), so fewer than ``MINIMUM`` distinct dates give None. Bad input
raises ``EffectsError``.
"""

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from gettext import gettext as _

import numpy as np
from scipy import stats

from koers.effects.series import as_date, as_number, check_direction, clean_series

MINIMUM = 3
COVERAGE = 0.8
_MAD_TO_SD = 1.4826    # median absolute deviation of a normal distribution -> its standard deviation
_MEAN_AD_TO_SD = 1.2533  # mean absolute deviation of a normal distribution -> its standard deviation
# What the page says about the method (docs/effects.md has the whole of it).
METHOD = _("Theil–Sen-trendlijn met robuuste spreiding, 80%-voorspellingsinterval")


@dataclass(frozen=True)
class Projection:
    value: float
    low: float
    high: float
    probability: float | None
    method: str


def project(measurements: Sequence[tuple[dt.date, float]], when: dt.date,
            target: float | None = None, direction: str = "higher") -> Projection | None:
    series = clean_series(measurements)
    check_direction(direction)
    when = as_date(when, _("Projectiedatum"))
    if target is not None:
        target = as_number(target, _("Streefwaarde"))
    if len(series) < MINIMUM:
        return None
    start = series[0][0]
    days = np.array([(day - start).days for day, _value in series], dtype=float)
    values = np.array([value for _day, value in series])
    slope, intercept = stats.theilslopes(values, days, method="joint")[:2]
    at = float((when - start).days)
    value = float(intercept + slope * at)
    spread = _noise(values - (intercept + slope * days)) * math.sqrt(
        1 + 1 / len(days) + (at - days.mean()) ** 2 / ((days - days.mean()) ** 2).sum())
    # A spread within rounding of the values (and target) is no noise: the line itself is the forecast.
    exact = spread <= 1e-12 * max(float(np.abs(values).max()), abs(value), abs(target or 0), 1e-300)
    t = None if exact else stats.t(df=len(days) - 2, loc=value, scale=spread)
    low, high = (float(bound) for bound in t.interval(COVERAGE)) if t else (value, value)
    return Projection(value, low, high, _probability(t, value, target, direction), METHOD)



def _noise(residuals: np.ndarray) -> float:
    """A robust standard deviation of the residuals (zero only when they are all equal).

    A median deviation at rounding level of the largest one counts as zero: a point on the line
    may be left 1e-16 off it by floating point, which must not pass for the series' noise."""
    centred = residuals - np.median(residuals)
    sd = _MAD_TO_SD * float(np.median(np.abs(centred)))
    return sd if sd > 1e-9 * float(np.abs(centred).max()) else _MEAN_AD_TO_SD * float(np.mean(np.abs(centred)))


def _probability(t, value: float, target: float | None, direction: str) -> float | None:
    if target is None:
        return None
    if t is None:  # no noise at all: the line decides
        return 1.0 if (value >= target if direction == "higher" else value <= target) else 0.0
    return float(t.sf(target) if direction == "higher" else t.cdf(target))
