"""Criterion weights from a pairwise comparison matrix (Saaty's Analytic Hierarchy Process).

a_ij says how much more important criterion i is than j (Saaty's 1-9 scale), with a_ji = 1/a_ij.
The weights are the principal eigenvector (normalised to sum 1); the consistency index is
CI = (lambda_max - n) / (n - 1) and the consistency ratio CR = CI / RI(n), with RI Saaty's random
index (T. L. Saaty, The Analytic Hierarchy Process, McGraw-Hill 1980; n = 11..15 from Saaty's
later extended table). CR above 0.1 means the judgements should be revisited.
"""

from __future__ import annotations

from collections.abc import Sequence
from gettext import gettext as _

import numpy as np

from koers.optimise.errors import OptimiseInputError

RANDOM_INDEX = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45,
                10: 1.49, 11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59}
CR_LIMIT = 0.1


def check_matrix(matrix: Sequence[Sequence[float]] | np.ndarray, *, tolerance: float = 1e-3
                 ) -> np.ndarray:
    """The matrix as floats, or ``OptimiseInputError`` naming what is wrong."""
    try:
        a = np.array(matrix, dtype=float)
    except (TypeError, ValueError):
        raise OptimiseInputError(_("de vergelijkingsmatrix bevat iets anders dan getallen")) from None
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise OptimiseInputError(_("de vergelijkingsmatrix is niet vierkant"))
    n = a.shape[0]
    if n < 2:
        raise OptimiseInputError(_("vergelijk minstens twee criteria"))
    if n > max(RANDOM_INDEX):
        raise OptimiseInputError(_("hoogstens {max} criteria (daarvoor is de random index "
                                   "bekend)").format(max=max(RANDOM_INDEX)))
    if not np.all(np.isfinite(a)) or np.any(a <= 0):
        raise OptimiseInputError(_("alle oordelen in de vergelijkingsmatrix moeten positieve "
                                   "getallen zijn"))
    for i in range(n):
        for j in range(i, n):
            if abs(a[i, j] * a[j, i] - 1) > tolerance:
                raise OptimiseInputError(_(
                    "de vergelijkingsmatrix is niet wederkerig: rij {i}, kolom {j} is {aij:g}, "
                    "dus rij {j}, kolom {i} moet {inv:g} zijn, maar is {aji:g}").format(
                    i=i + 1, j=j + 1, aij=a[i, j], inv=1 / a[i, j], aji=a[j, i]))
    return a


def ahp_weights(matrix: Sequence[Sequence[float]] | np.ndarray
                ) -> tuple[np.ndarray, float, float, bool]:
    """(weights summing to 1, consistency index, consistency ratio, CR <= 0.1)."""
    a = check_matrix(matrix)
    n = a.shape[0]
    eigenvalues, eigenvectors = np.linalg.eig(a)
    k = int(np.argmax(eigenvalues.real))  # Perron root: real, largest for a positive matrix
    lambda_max = float(eigenvalues[k].real)
    vector = np.abs(eigenvectors[:, k].real)
    weights = vector / vector.sum()
    ci = max(0.0, (lambda_max - n) / (n - 1))
    ri = RANDOM_INDEX[n]
    cr = ci / ri if ri else 0.0  # every reciprocal 2 x 2 matrix is consistent
    return weights, ci, cr, cr <= CR_LIMIT
