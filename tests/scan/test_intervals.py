"""The Wilson score interval against values worked out by hand (z = 1.96, z² = 3.8416)."""

import pytest

from koers.scan.intervals import wilson_interval


def test_none_of_ten():
    # p = 0: centre = (z²/2n) / (1 + z²/n) = 0.19208 / 1.38416 = 0.138770, half-width the same,
    # so the interval is 0 to 2 × 0.138770 = 0.27754.
    low, high = wilson_interval(0, 10)
    assert low == 0 and high == pytest.approx(0.27754, abs=1e-5)


def test_all_of_ten():
    # mirrored: 1 - 0.27754 = 0.72246 to 1
    low, high = wilson_interval(10, 10)
    assert low == pytest.approx(0.72246, abs=1e-5) and high == 1


def test_five_of_ten():
    # p = 0.5: centre 0.5; half = 1.96 / 1.38416 × sqrt(0.025 + 3.8416 / 400) = 1.416021 × 0.186022 = 0.263410
    low, high = wilson_interval(5, 10)
    assert low == pytest.approx(0.23659, abs=1e-5) and high == pytest.approx(0.76341, abs=1e-5)


def test_a_larger_sample_gives_a_narrower_interval_around_the_share():
    # 54 of 100: centre (0.54 + 0.019208) / 1.038416 = 0.538519; half = 1.887490 × sqrt(0.002484 + 0.000096)
    # = 1.887490 × 0.050794 = 0.095873
    low, high = wilson_interval(54, 100)
    assert low == pytest.approx(0.44264, abs=1e-4) and high == pytest.approx(0.63440, abs=1e-4)


def test_no_municipalities_gives_no_interval_and_impossible_counts_are_refused():
    assert wilson_interval(0, 0) is None
    with pytest.raises(ValueError):
        wilson_interval(11, 10)
