"""The projection: behaviour on known series, bad input, and hypothesis properties."""

import datetime as dt
import math

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from koers.effects.errors import EffectsError
from koers.effects.projection import MINIMUM, project

START = dt.date(2024, 1, 1)
STEP = 30  # days between measurements in the generated series


def series(values, step=STEP):
    return [(START + dt.timedelta(days=step * index), value) for index, value in enumerate(values)]


def after_last(values, steps):
    return START + dt.timedelta(days=STEP * (len(values) - 1 + steps))


def width(projection):
    return projection.high - projection.low


# Behaviour

def test_fewer_than_three_measurements_give_no_projection():
    assert MINIMUM == 3
    assert project(series([1.0, 2.0]), dt.date(2025, 1, 1), target=3) is None
    # Two entries on one date are one measurement.
    assert project([(START, 1.0), (START, 3.0), (dt.date(2024, 2, 1), 2.0)], dt.date(2025, 1, 1)) is None


def test_exact_line_is_extended_with_no_spread():
    values = [10.0 + 2 * index for index in range(6)]
    projection = project(series(values), after_last(values, 3), target=25.0)
    assert projection.value == pytest.approx(26.0)
    assert projection.low == pytest.approx(26.0) and projection.high == pytest.approx(26.0)
    assert projection.probability == 1.0
    assert project(series(values), after_last(values, 3), target=25.0, direction="lower").probability == 0.0


def test_interval_holds_the_value_and_widens_with_distance():
    values = [10, 11.5, 11, 13, 14.2, 14, 16, 16.5]
    near = project(series(values), after_last(values, 1))
    far = project(series(values), after_last(values, 24))
    assert near.low < near.value < near.high
    assert width(far) > width(near)
    assert near.probability is None
    assert near.method


def test_probability_is_half_at_the_projected_value_and_follows_the_direction():
    values = [10, 11.5, 11, 13, 14.2, 14, 16, 16.5]
    when = after_last(values, 6)
    centre = project(series(values), when).value
    assert project(series(values), when, target=centre).probability == pytest.approx(0.5)
    higher = project(series(values), when, target=centre - 1).probability
    lower = project(series(values), when, target=centre - 1, direction="lower").probability
    assert higher > 0.5 > lower
    assert higher + lower == pytest.approx(1.0)


def test_order_of_measurements_does_not_matter_and_duplicates_are_averaged():
    values = [10, 11.5, 11, 13, 14.2, 14]
    when = after_last(values, 6)
    shuffled = list(reversed(series(values)))
    assert project(shuffled, when) == project(series(values), when)
    doubled = series(values) + [(START, 9.0), (START, 11.0)]  # mean of 10, 9 and 11 is 10
    assert project(doubled, when) == project(series(values), when)


def test_datetimes_count_as_their_date():
    values = [10, 11.5, 11, 13]
    with_times = [(dt.datetime.combine(day, dt.time(15, 30)), value) for day, value in series(values)]
    assert project(with_times, after_last(values, 2)) == project(series(values), after_last(values, 2))


def test_small_counts_with_a_zero_median_deviation_still_get_an_interval():
    # Mostly zero with a few ones: more than half the residuals are 0.
    values = [0, 0, 1, 0, 0, 0, 2, 0, 0, 1, 0, 0]
    projection = project(series(values), after_last(values, 6), target=0, direction="lower")
    assert width(projection) > 0
    assert 0 < projection.probability < 1


@pytest.mark.parametrize(("measurements", "when", "kwargs", "fragment"), [
    ([(START, float("nan"))] * 3, START, {}, "geen eindig getal"),
    ([(START, "veel")], START, {}, "geen getal"),
    ([("2024-01-01", 1.0)], START, {}, "geen datum"),
    ([(START,)], START, {}, "geen paar"),
    (5, START, {}, "geen reeks"),
    (series([1, 2, 3]), "morgen", {}, "geen datum"),
    (series([1, 2, 3]), START, {"direction": "up"}, "Richting 'up' bestaat niet"),
    (series([1, 2, 3]), START, {"target": math.inf}, "Streefwaarde"),
    (series([1, 2, 1e13]), START, {}, "Meting 3: 10000000000000.0 is te groot"),
])
def test_bad_input_raises_a_dutch_effects_error(measurements, when, kwargs, fragment):
    with pytest.raises(EffectsError, match=fragment):
        project(measurements, when, **kwargs)


# Properties

lengths = st.integers(min_value=6, max_value=24)
levels = st.floats(min_value=-100, max_value=100)
# Noise patterns as tenths, so no pathological floats hide the property being tested.
patterns = st.lists(st.integers(min_value=-10, max_value=10), min_size=24, max_size=24)


@settings(max_examples=200, deadline=None)
@given(n=lengths, start=levels, slope=st.floats(min_value=0.1, max_value=10), pattern=patterns,
       horizon=st.integers(min_value=1, max_value=24))
def test_a_steady_rising_series_is_projected_to_rise(n, start, slope, pattern, horizon):
    # Noise below 0.4 slope per step keeps every step upward.
    values = [start + slope * index + 0.04 * slope * pattern[index] for index in range(n)]
    at_last = project(series(values), after_last(values, 0))
    ahead = project(series(values), after_last(values, horizon))
    assert ahead.value > at_last.value
    assert ahead.value > values[0]


@settings(max_examples=200, deadline=None)
@given(n=lengths, start=levels, slope=st.floats(min_value=-5, max_value=5), pattern=patterns,
       noise=st.floats(min_value=0.01, max_value=10), factor=st.floats(min_value=1.5, max_value=10),
       horizon=st.integers(min_value=0, max_value=24))
# Found by hypothesis: most points on the line, which floating point left 1e-16 off it when doubled.
@example(n=7, start=1.0, slope=0.0, pattern=[6, 0, 0, 3, -3, 1, 0] + [0] * 17, noise=1.0, factor=2.0, horizon=0)
def test_more_noise_gives_a_wider_interval(n, start, slope, pattern, noise, factor, horizon):
    def projected(scale):
        values = [start + slope * index + scale * pattern[index] / 10 for index in range(n)]
        return project(series(values), after_last(values, horizon))

    quiet = projected(noise)
    assume(width(quiet) > 1e-6)  # a pattern exactly on a line has no noise to scale
    assert width(projected(noise * factor)) > width(quiet)


@settings(max_examples=200, deadline=None)
@given(n=lengths, target=levels, distance=st.floats(min_value=1, max_value=100),
       slope=st.floats(min_value=0, max_value=5), pattern=patterns,
       horizon=st.integers(min_value=1, max_value=12), direction=st.sampled_from(["higher", "lower"]))
def test_a_series_past_its_target_and_moving_away_reaches_it(n, target, distance, slope, pattern, horizon, direction):
    sign = 1 if direction == "higher" else -1
    # Noise of at most 2 % of the distance to the target.
    values = [target + sign * (distance + slope * index + 0.002 * distance * pattern[index]) for index in range(n)]
    projection = project(series(values), after_last(values, horizon), target=target, direction=direction)
    assert projection.probability > 0.95


@settings(max_examples=300, deadline=None)
@given(n=st.integers(min_value=8, max_value=24), start=levels, slope=st.floats(min_value=-5, max_value=5),
       pattern=patterns, noise=st.floats(min_value=0, max_value=2), where=st.integers(min_value=0, max_value=23),
       outlier=st.floats(min_value=100, max_value=10_000), sign=st.sampled_from([1, -1]))
def test_one_big_outlier_barely_moves_the_projection(n, start, slope, pattern, noise, where, outlier, sign):
    values = [start + slope * index + noise * pattern[index] / 10 for index in range(n)]
    when = after_last(values, 6)

    def projected(size):
        spoiled = list(values)
        spoiled[where % n] += sign * size
        return project(series(spoiled), when).value

    clean = project(series(values), when).value
    largest_noise = noise * max(abs(step) for step in pattern[:n]) / 10
    # The move is of the order of the noise, however big the outlier (at least 100 times the noise);
    # least squares would move by about outlier / n or more.
    assert abs(projected(outlier) - clean) <= 10 * largest_noise + 1e-6
    assert projected(10 * outlier) == pytest.approx(projected(outlier), abs=1e-6)


@settings(max_examples=300, deadline=None)
@given(measurements=st.lists(st.tuples(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)),
                                       st.floats(min_value=-1e12, max_value=1e12)), max_size=12),
       when=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)),
       target=st.floats(min_value=-1e12, max_value=1e12), direction=st.sampled_from(["higher", "lower"]))
def test_any_finite_series_gives_an_ordered_interval_and_a_probability(measurements, when, target, direction):
    projection = project(measurements, when, target=target, direction=direction)
    if projection is not None:
        assert projection.low <= projection.value <= projection.high
        assert 0 <= projection.probability <= 1
