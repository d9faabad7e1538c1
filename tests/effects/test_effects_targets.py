"""Target paths: interpolation between dated targets, the next target, bad input."""

import datetime as dt

import pytest

from koers.effects.errors import EffectsError
from koers.effects.targets import TargetPoint, next_target, target_at

PATH = [TargetPoint(dt.date(2025, 1, 1), 50.0), TargetPoint(dt.date(2025, 1, 11), 60.0),
        TargetPoint(dt.date(2026, 1, 1), 80.0)]


def test_interpolates_linearly_by_day_between_points():
    assert target_at(PATH, dt.date(2025, 1, 1)) == 50.0
    assert target_at(PATH, dt.date(2025, 1, 6)) == pytest.approx(55.0)
    assert target_at(PATH, dt.date(2025, 1, 11)) == 60.0


def test_nothing_before_the_first_point_and_the_last_value_holds_after_it():
    assert target_at(PATH, dt.date(2024, 12, 31)) is None
    assert target_at(PATH, dt.date(2030, 6, 1)) == 80.0
    assert target_at([], dt.date(2025, 1, 1)) is None


def test_unsorted_pairs_and_datetimes_are_accepted():
    pairs = [(dt.date(2025, 1, 11), 60), (dt.datetime(2025, 1, 1, 9, 0), 50)]
    assert target_at(pairs, dt.datetime(2025, 1, 6, 23, 59)) == pytest.approx(55.0)


def test_next_target_is_the_first_point_strictly_after():
    assert next_target(PATH, dt.date(2024, 6, 1)) == PATH[0]
    assert next_target(PATH, dt.date(2025, 1, 1)) == PATH[1]
    assert next_target(PATH, dt.date(2026, 1, 1)) is None


def test_a_repeated_point_is_fine_but_two_values_on_one_date_are_not():
    assert target_at([*PATH, PATH[0]], dt.date(2025, 1, 1)) == 50.0
    with pytest.raises(EffectsError, match="Twee verschillende streefwaarden op 2025-01-01"):
        target_at([*PATH, TargetPoint(dt.date(2025, 1, 1), 51.0)], dt.date(2025, 1, 1))


@pytest.mark.parametrize(("points", "when", "fragment"), [
    ([(dt.date(2025, 1, 1), float("nan"))], dt.date(2025, 1, 1), "Streefwaarde 1: nan is geen eindig getal"),
    ([("1-1-2025", 3)], dt.date(2025, 1, 1), "Streefwaarde 1: '1-1-2025' is geen datum"),
    ([3], dt.date(2025, 1, 1), "geen paar"),
    (None, dt.date(2025, 1, 1), "geen reeks"),
    (PATH, None, "Peildatum: None is geen datum"),
])
def test_bad_input_raises_a_dutch_effects_error(points, when, fragment):
    with pytest.raises(EffectsError, match=fragment):
        target_at(points, when)
