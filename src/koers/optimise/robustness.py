"""How robust is the selection to the criterion weights?

Each draw perturbs the chosen weights, recomputes every initiative's value
(value_i = sum_c weight_c x score_ic) and solves again; the result is, per initiative, the share
of draws in which it was selected. Two ways to perturb:

* ``"dirichlet"``: weights ~ Dirichlet(concentration x w); the mean is w, and a larger
  concentration keeps the draws closer to w (zero weights stay zero);
* ``"noise"``: each weight times a uniform factor in [1 - noise, 1 + noise], renormalised.

The constraint matrix is built once and reused (only the objective changes). Every selection found
is valid whatever the weights, so each draw starts from the best selection found so far under its
own weights; without that start a draw with a short time limit ends several per cent below it.
Each draw gets its own time limit and relative gap tolerance; a draw that stops on either is
counted as it stands and reported in ``not_optimal``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from gettext import gettext as _

import numpy as np

from koers.optimise.checks import infeasibility_reason
from koers.optimise.errors import OptimiseInputError
from koers.optimise.model import Instance, Solution
from koers.optimise.solver import DEFAULT_MIP_REL_GAP, Model, Solver, build_model, solve

Builder = Callable[[np.ndarray], Instance]


@dataclass(frozen=True)
class SensitivityResult:
    frequency: dict[str, float]  # id -> share of draws in which it was selected (0..1)
    base: Solution  # the selection at the chosen weights
    draws: int
    method: str
    not_optimal: int  # draws that stopped on the time limit (their selection still counts)
    seconds: float

    def robust(self, threshold: float = 0.9) -> dict[str, bool | None]:
        """True: selected in at least ``threshold`` of draws, False: at most 1 - threshold, else None."""
        return {ident: True if share >= threshold else False if share <= 1 - threshold else None
                for ident, share in self.frequency.items()}


def normalise(weights: Sequence[float]) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    if w.ndim != 1 or w.size == 0 or not np.all(np.isfinite(w)) or np.any(w < 0) or w.sum() <= 0:
        raise OptimiseInputError(_("de gewichten moeten niet-negatieve getallen zijn met een "
                                   "positieve som"))
    return w / w.sum()


def draw_weights(weights: Sequence[float], draws: int, rng: np.random.Generator, *,
                 method: str = "dirichlet", concentration: float = 200.0,
                 noise: float = 0.1) -> np.ndarray:
    """``draws`` x criteria weight vectors around ``weights``, each summing to 1."""
    w = normalise(weights)
    if method == "dirichlet":
        if concentration <= 0:
            raise OptimiseInputError(_("de concentratie moet positief zijn"))
        out = np.zeros((draws, w.size))
        positive = w > 0
        out[:, positive] = rng.dirichlet(concentration * w[positive], size=draws)
        return out
    if method == "noise":
        if not 0 <= noise < 1:
            raise OptimiseInputError(_("de ruis moet tussen 0 en 1 liggen"))
        out = w * rng.uniform(1 - noise, 1 + noise, size=(draws, w.size))
        return out / out.sum(axis=1, keepdims=True)
    raise OptimiseInputError(_("onbekende methode {method!r}: kies dirichlet of noise").format(
        method=method))


def score_matrix(instance: Instance, scores: Mapping[str, Sequence[float]] | np.ndarray,
                 criteria: int) -> np.ndarray:
    """Scores as an initiatives x criteria array in the instance's order."""
    if isinstance(scores, Mapping):
        missing = [ident for ident in instance.ids if ident not in scores]
        if missing:
            raise OptimiseInputError(_("geen scores voor initiatief {id}").format(id=missing[0]))
        matrix = np.array([list(scores[ident]) for ident in instance.ids], dtype=float)
    else:
        matrix = np.asarray(scores, dtype=float)
    if matrix.shape != (len(instance.initiatives), criteria) or not np.all(np.isfinite(matrix)):
        raise OptimiseInputError(_("de scores passen niet: verwacht {n} initiatieven x {c} "
                                   "criteria met eindige getallen").format(
            n=len(instance.initiatives), c=criteria))
    return matrix


def sensitivity(instance: Instance | Builder, weights: Sequence[float],
                scores: Mapping[str, Sequence[float]] | np.ndarray | None = None, *,
                draws: int = 200, seed: int = 0, method: str = "dirichlet",
                concentration: float = 200.0, noise: float = 0.1, time_limit: float = 0.05,
                mip_rel_gap: float = DEFAULT_MIP_REL_GAP, base_time_limit: float = 10.0) -> SensitivityResult:
    """Per-initiative selection frequency over ``draws`` perturbed weight vectors.

    Either pass an ``Instance`` and ``scores`` (fast path: one matrix, new objectives), or a
    builder ``weights -> Instance`` (rebuilt and solved per draw, for values that are not linear
    in the weights). ``time_limit`` and ``mip_rel_gap`` apply to each draw; the selection at the
    chosen weights (``base``) is solved with the usual tight gap within ``base_time_limit``.
    """
    if draws < 1:
        raise OptimiseInputError(_("het aantal trekkingen moet minstens 1 zijn"))
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    base_w = normalise(weights)
    samples = draw_weights(base_w, draws, rng, method=method, concentration=concentration,
                           noise=noise)
    if callable(instance) and not isinstance(instance, Instance):
        base, chosen, late = _with_builder(instance, base_w, samples, time_limit, mip_rel_gap,
                                           base_time_limit)
    else:
        if scores is None:
            raise OptimiseInputError(_("geef scores per initiatief mee, of een bouwfunctie"))
        base, chosen, late = _with_scores(instance, score_matrix(instance, scores, base_w.size),
                                          base_w, samples, time_limit, mip_rel_gap,
                                          base_time_limit)
    frequency = {ident: count / draws for ident, count in chosen.items()}
    return SensitivityResult(frequency, base, draws, method, late, time.perf_counter() - started)


def _with_scores(instance: Instance, scores: np.ndarray, base_w: np.ndarray, samples: np.ndarray,
                 time_limit: float, mip_rel_gap: float, base_time_limit: float
                 ) -> tuple[Solution, dict[str, int], int]:
    base = solve(_revalue(instance, scores @ base_w), time_limit=base_time_limit)
    counts = dict.fromkeys(instance.ids, 0)
    if infeasibility_reason(instance):
        return base, counts, 0
    model = build_model(instance)
    chosen, late = solve_draws(model, samples @ scores.T, model.selection(base.selected),
                               time_limit=time_limit, mip_rel_gap=mip_rel_gap)
    counts.update(zip(model.ids, chosen.sum(axis=0).astype(int).tolist()))
    return base, counts, late


def solve_draws(model: Model, values: np.ndarray, start: np.ndarray, *, time_limit: float,
                mip_rel_gap: float, warm: bool = True) -> tuple[np.ndarray, int]:
    """The selection (0/1 per initiative) for each row of ``values``, and how many draws were not
    proven optimal. ``start`` is a valid selection; with ``warm`` each draw starts from the best
    selection found so far under its own values (all are valid whatever the values)."""
    solver = Solver(model)
    found = np.asarray(start, dtype=float)[np.newaxis, :]  # every distinct selection so far
    chosen = np.zeros(values.shape, dtype=bool)
    late = 0
    for k, row in enumerate(values):
        begin = found[np.argmax(found @ row)] if warm else None
        outcome = solver.run(row, time_limit=time_limit, mip_rel_gap=mip_rel_gap, start=begin)
        chosen[k] = outcome.x > 0.5
        if not (found == chosen[k]).all(axis=1).any():
            found = np.vstack([found, chosen[k]])
        late += outcome.status != "optimal"
    return chosen, late


def _with_builder(builder: Builder, base_w: np.ndarray, samples: np.ndarray, time_limit: float,
                  mip_rel_gap: float, base_time_limit: float) -> tuple[Solution, dict[str, int], int]:
    base_instance = builder(base_w)
    base = solve(base_instance, time_limit=base_time_limit)
    counts = dict.fromkeys(base_instance.ids, 0)
    late = 0
    for w in samples:
        outcome = solve(builder(w), time_limit=time_limit, mip_rel_gap=mip_rel_gap)
        late += outcome.status != "optimal"
        for ident in outcome.selected:
            counts[ident] = counts.get(ident, 0) + 1
    return base, counts, late


def _revalue(instance: Instance, values: np.ndarray) -> Instance:
    return replace(instance, initiatives=tuple(
        replace(item, value=float(v)) for item, v in zip(instance.initiatives, values)))
