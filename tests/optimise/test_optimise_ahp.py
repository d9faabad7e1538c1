"""AHP weights and consistency against published and hand-computed figures."""

import numpy as np
import pytest

from koers.optimise import OptimiseInputError, ahp_weights


def test_saaty_wealth_of_nations_example():
    # T. L. Saaty, "A scaling method for priorities in hierarchical structures", Journal of
    # Mathematical Psychology 15 (1977) 234-281: relative wealth of US, USSR, China, France, UK,
    # Japan and West Germany. Published eigenvector .427 .230 .021 .052 .052 .123 .094 and
    # lambda_max = 7.61, so CI = 0.61 / 6 = 0.102 and CR = 0.102 / 1.32 = 0.077 (consistent).
    matrix = [
        [1, 4, 9, 6, 6, 5, 5],
        [1 / 4, 1, 7, 5, 5, 3, 4],
        [1 / 9, 1 / 7, 1, 1 / 5, 1 / 5, 1 / 7, 1 / 5],
        [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3],
        [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3],
        [1 / 5, 1 / 3, 7, 3, 3, 1, 2],
        [1 / 5, 1 / 4, 5, 3, 3, 1 / 2, 1],
    ]
    weights, ci, cr, consistent = ahp_weights(matrix)
    assert weights == pytest.approx([0.427, 0.230, 0.021, 0.052, 0.052, 0.123, 0.094], abs=6e-4)
    assert ci == pytest.approx(0.61 / 6, abs=1e-3)
    assert cr == pytest.approx(0.61 / 6 / 1.32, abs=1e-3)
    assert consistent


def test_three_by_three_closed_form():
    # For a 3 x 3 reciprocal matrix with a12 = a, a13 = b, a23 = c the principal eigenvalue is
    # 1 + (b/ac)^(1/3) + (ac/b)^(1/3) and the eigenvector is the row geometric mean (by hand):
    # a = c = 1, b = 8 gives lambda = 1 + 2 + 0.5 = 3.5, weights (2, 1, 0.5) / 3.5,
    # CI = 0.5 / 2 = 0.25 and CR = 0.25 / 0.58 (Saaty's RI for n = 3): inconsistent.
    weights, ci, cr, consistent = ahp_weights([[1, 1, 8], [1, 1, 1], [1 / 8, 1, 1]])
    assert weights == pytest.approx([2 / 3.5, 1 / 3.5, 0.5 / 3.5])
    assert ci == pytest.approx(0.25)
    assert cr == pytest.approx(0.25 / 0.58)
    assert not consistent


def test_consistent_matrix_returns_its_ratios():
    # a_ij = w_i / w_j is perfectly consistent: lambda_max = n, CI = CR = 0.
    w = np.array([0.5, 0.25, 0.125, 0.125])
    weights, ci, cr, consistent = ahp_weights(w[:, None] / w[None, :])
    assert weights == pytest.approx(w)
    assert ci == pytest.approx(0, abs=1e-9) and cr == pytest.approx(0, abs=1e-9)
    assert consistent


def test_two_criteria():
    weights, _ci, cr, consistent = ahp_weights([[1, 3], [1 / 3, 1]])
    assert weights == pytest.approx([0.75, 0.25])
    assert cr == 0 and consistent


@pytest.mark.parametrize("matrix, fragment", [
    ([[1]], "minstens twee"),
    ([[1, 2, 3], [0.5, 1, 2]], "niet vierkant"),
    ([[1, 2], [0.4, 1]], "niet wederkerig"),
    ([[1, -2], [-0.5, 1]], "positieve"),
    ([[1, 0], [0, 1]], "positieve"),
    ([[1, "x"], [1, 1]], "getallen"),
    (np.ones((16, 16)), "hoogstens 15"),
])
def test_invalid_matrices(matrix, fragment):
    with pytest.raises(OptimiseInputError, match=fragment):
        ahp_weights(matrix)
