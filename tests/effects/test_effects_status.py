"""Status semantics: target path first, projection before the path starts, too few measurements."""

import datetime as dt

import pytest

from koers.effects.errors import EffectsError
from koers.effects.status import Status, assess
from koers.effects.targets import TargetPoint


def monthly(*values, year=2024):
    return [(dt.date(year, month, 1), float(value)) for month, value in enumerate(values, start=1)]


FLAT_TARGET = [TargetPoint(dt.date(2023, 1, 1), 100.0)]


@pytest.mark.parametrize(("latest", "direction", "status"), [
    (100, "higher", Status.ON_TRACK),    # exactly on target counts as reached
    (120, "higher", Status.ON_TRACK),
    (96, "higher", Status.ATTENTION),    # 4 % short, tolerance 5 %
    (95, "higher", Status.ATTENTION),
    (94, "higher", Status.OFF_TRACK),
    (80, "lower", Status.ON_TRACK),
    (104, "lower", Status.ATTENTION),
    (106, "lower", Status.OFF_TRACK),
])
def test_latest_value_against_the_target_path(latest, direction, status):
    assessment = assess(monthly(90, 95, latest), FLAT_TARGET, direction=direction)
    assert assessment.status == status
    assert assessment.latest == (dt.date(2024, 3, 1), latest)
    assert assessment.target == 100.0
    assert assessment.gap == pytest.approx(latest - 100.0)
    assert assessment.reason


def test_the_target_is_read_from_the_path_at_the_latest_date():
    # The target rises from 100 to 200 over 2024; on 1 March it is about 116.6, so 110 is too low.
    rising = [TargetPoint(dt.date(2024, 1, 1), 100.0), TargetPoint(dt.date(2025, 1, 1), 200.0)]
    assessment = assess(monthly(100, 105, 110), rising, tolerance=0.1)
    assert assessment.target == pytest.approx(100 + 100 * 60 / 366)
    assert assessment.status == Status.ATTENTION  # 5.6 % short, tolerance 10 %
    assert assess(monthly(100, 105, 110), rising).status == Status.OFF_TRACK  # tolerance 5 %


def test_tolerance_for_a_target_of_zero_is_absolute():
    zero = [TargetPoint(dt.date(2023, 1, 1), 0.0)]
    assert assess(monthly(0, 0, 0.5), zero, direction="lower", tolerance=1).status == Status.ATTENTION
    assert assess(monthly(0, 0, 2), zero, direction="lower", tolerance=1).status == Status.OFF_TRACK
    assert assess(monthly(0, 0, 0), zero, direction="lower").status == Status.ON_TRACK


def test_fewer_than_three_measurements_is_insufficient_and_no_guess():
    assessment = assess(monthly(10, 20), FLAT_TARGET)
    assert assessment.status == Status.INSUFFICIENT
    assert assessment.projection is None
    assert assessment.latest == (dt.date(2024, 2, 1), 20.0)
    assert assess([], FLAT_TARGET).status == Status.INSUFFICIENT


def test_before_the_path_starts_the_projection_to_the_first_target_decides():
    first = [TargetPoint(dt.date(2025, 1, 1), 100.0)]
    rising = monthly(*range(10, 130, 10))      # 10 a month: about 130 by January
    assessment = assess(rising, first)
    assert assessment.target is None and assessment.gap is None
    assert assessment.next_target == first[0]
    assert assessment.projection.probability >= 0.5
    assert assessment.status == Status.ON_TRACK
    falling = monthly(*range(120, 0, -10))
    assert assess(falling, first).status == Status.OFF_TRACK


def test_a_projection_near_the_middle_is_attention():
    first = [TargetPoint(dt.date(2025, 1, 1), 0.0)]
    noisy = monthly(5, -3, 4, -6, 2, -1, 3, -4, 6, -2, 1, -5)
    centre = assess(noisy, first).projection.value
    # Place the target so that the probability lands between 0.2 and 0.5.
    spread = assess(noisy, first).projection.high - centre
    target = [TargetPoint(dt.date(2025, 1, 1), centre + spread / 3)]
    assessment = assess(noisy, target)
    assert 0.2 <= assessment.projection.probability < 0.5
    assert assessment.status == Status.ATTENTION


def test_projection_goes_to_the_next_target_after_the_latest_measurement():
    path = [TargetPoint(dt.date(2024, 1, 1), 10.0), TargetPoint(dt.date(2024, 6, 1), 20.0),
            TargetPoint(dt.date(2025, 1, 1), 40.0)]
    assessment = assess(monthly(10, 12, 14, 16, 18, 20, 22, 24), path)
    assert assessment.next_target == path[2]
    assert assessment.projection.probability is not None
    # Past the last target point: its value holds, there is nothing left to project to.
    late = assess(monthly(40, 41, 42, year=2025), path)
    assert late.target == 40.0 and late.next_target is None and late.projection is None
    assert late.status == Status.ON_TRACK


def test_without_measurements_the_next_target_is_after_today():
    path = [TargetPoint(dt.date(2024, 1, 1), 10.0), TargetPoint(dt.date(2026, 1, 1), 20.0)]
    assert assess([], path, today=dt.date(2025, 3, 1)).next_target == path[1]


def test_no_target_at_all_is_insufficient():
    assessment = assess(monthly(1, 2, 3), [])
    assert assessment.status == Status.INSUFFICIENT
    assert "streefwaarde" in assessment.reason


def test_status_values_and_dutch_labels():
    assert [status.value for status in Status] == ["op_koers", "let_op", "uit_koers", "onvoldoende_gegevens"]
    assert [status.label for status in Status] == ["op koers", "let op", "uit koers", "onvoldoende gegevens"]


@pytest.mark.parametrize(("kwargs", "fragment"), [
    ({"direction": "beter"}, "Richting 'beter' bestaat niet"),
    ({"tolerance": -0.1}, "tolerantie mag niet negatief"),
    ({"tolerance": float("nan")}, "Tolerantie"),
    ({"measurements": [(dt.date(2024, 1, 1), None)]}, "Meting 1: None is geen getal"),
])
def test_bad_input_raises_a_dutch_effects_error(kwargs, fragment):
    arguments = {"measurements": monthly(1, 2, 3), "targets": FLAT_TARGET, **kwargs}
    with pytest.raises(EffectsError, match=fragment):
        assess(**arguments)
