"""Confidence intervals for shares, framework-free (used by the national figures)."""

from __future__ import annotations

import math


def wilson_interval(k: int, n: int, z: float = 1.96) -> tuple[float, float] | None:
    """The Wilson score interval for ``k`` successes out of ``n`` (as fractions, 0..1); None when n is 0.

    Unlike the plain normal interval it stays within 0 and 1 and is not empty at k = 0 or k = n,
    which matters for the small groups (a province, a size class in one year) of the national view.
    """
    if n <= 0:
        return None
    if not 0 <= k <= n:
        raise ValueError(f"k must lie between 0 and n (k={k}, n={n})")
    p, z2 = k / n, z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)
