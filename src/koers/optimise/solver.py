"""The exact selection: a 0/1 integer program solved by HiGHS (through ``highspy``).

    maximise   sum_i v_i x_i                       x_i in {0, 1}
    subject to sum_i h_itq x_i <= C_tq             every team t and quarter q with effort
               sum_i c_i x_i   <= B                when a budget is given
               x_b <= x_a                          b requires a
               sum_{i in g} x_i <= 1               every exclusive group g
               x_i = 1                             i mandatory (and what it requires)

The constraint matrix is built once per instance (``Model``) as a sparse matrix and handed to one
HiGHS object (``Solver``). Every run starts from a valid selection (the ranked cut-off, or in the
sensitivity analysis the best selection found so far), so HiGHS never reports less than that, and
between the draws of the sensitivity analysis only the objective changes.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from gettext import gettext as _

import highspy
import numpy as np
from scipy import sparse

from koers.optimise.baseline import ranked_cutoff
from koers.optimise.checks import forced_set, infeasibility_reason
from koers.optimise.model import DEFAULT_TIME_LIMIT, Instance, Solution

DEFAULT_MIP_REL_GAP = 1e-6


@dataclass(frozen=True)
class Model:
    """The instance as matrices: rows of ``matrix`` are ``<= upper``; ``lower``/``upper_x`` bound x."""

    ids: tuple[str, ...]
    values: np.ndarray
    matrix: sparse.csr_matrix
    upper: np.ndarray
    lower_x: np.ndarray
    upper_x: np.ndarray

    def selection(self, ids) -> np.ndarray:
        """0/1 per initiative: 1 for the given ids."""
        chosen = set(ids)
        return np.array([1.0 if ident in chosen else 0.0 for ident in self.ids])


def build_model(instance: Instance) -> Model:
    ids = instance.ids
    index = {ident: i for i, ident in enumerate(ids)}
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    data: list[np.ndarray] = []
    upper: list[float] = []

    def add_rows(row_idx, col_idx, coef, bounds) -> None:
        offset = len(upper)
        rows.append(np.asarray(row_idx, dtype=np.int64) + offset)
        cols.append(np.asarray(col_idx, dtype=np.int64))
        data.append(np.asarray(coef, dtype=float))
        upper.extend(bounds)

    _capacity_rows(instance, index, add_rows)
    costs = np.array([item.cost for item in instance.initiatives], dtype=float)
    if instance.budget is not None and costs.any():
        nonzero = np.flatnonzero(costs)
        add_rows(np.zeros(len(nonzero)), nonzero, costs[nonzero], [instance.budget])
    upper_x = np.ones(len(ids))
    dep_rows, dep_cols, dep_coef = [], [], []
    for item in instance.initiatives:
        for required in item.requires:
            if required not in index:  # never selectable: its prerequisite is not in the portfolio
                upper_x[index[item.id]] = 0.0
                continue
            row = len(dep_rows) // 2
            dep_rows += [row, row]
            dep_cols += [index[item.id], index[required]]
            dep_coef += [1.0, -1.0]
    add_rows(dep_rows, dep_cols, dep_coef, [0.0] * (len(dep_rows) // 2))
    members: dict[str, list[int]] = defaultdict(list)
    for item in instance.initiatives:
        if item.group:
            members[item.group].append(index[item.id])
    groups = [m for m in members.values() if len(m) > 1]
    add_rows([r for r, m in enumerate(groups) for _ in m], [i for m in groups for i in m],
             np.ones(sum(map(len, groups))), [1.0] * len(groups))
    lower_x = np.zeros(len(ids))
    forced, _problem = forced_set(instance)
    lower_x[[index[ident] for ident in forced]] = 1.0
    matrix = sparse.coo_matrix(
        (np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))),
        shape=(len(upper), len(ids))).tocsr()  # duplicate entries add up
    # scale each row to a largest coefficient of 1: budgets in euros next to 0/1 rows upset HiGHS
    scale = np.ones(len(upper))
    if matrix.nnz:
        largest = abs(matrix).max(axis=1).toarray().ravel()
        scale[largest > 0] = 1.0 / largest[largest > 0]
    matrix = sparse.diags(scale) @ matrix
    values = np.array([item.value for item in instance.initiatives], dtype=float)
    return Model(ids, values, matrix.tocsr(), np.array(upper) * scale, lower_x, upper_x)


def _capacity_rows(instance: Instance, index: dict[str, int], add_rows) -> None:
    """One row per team-quarter with effort; no capacity row for it means capacity 0."""
    keys: dict[tuple[str, str], int] = {}
    row_idx, col_idx, coef = [], [], []
    for row in instance.effort:
        if row.hours > 0:
            row_idx.append(keys.setdefault((row.team, row.quarter), len(keys)))
            col_idx.append(index[row.initiative])
            coef.append(row.hours)
    capacity = instance.capacity_map()
    add_rows(row_idx, col_idx, coef, [capacity.get(key, 0.0) for key in keys])


def solve(instance: Instance, *, time_limit: float = DEFAULT_TIME_LIMIT,
          mip_rel_gap: float = DEFAULT_MIP_REL_GAP) -> Solution:
    """The best selection, with the ranked cut-off beside it. Never raises for infeasibility."""
    started = time.perf_counter()
    baseline_value, baseline = ranked_cutoff(instance)
    reason = infeasibility_reason(instance)
    if reason:
        return Solution("infeasible", reason=reason, seconds=time.perf_counter() - started)
    if not instance.initiatives:
        return Solution("optimal", 0.0, (), 0.0, 0.0, seconds=time.perf_counter() - started,
                        ranked_cutoff_objective=0.0)
    model = build_model(instance)
    outcome = Solver(model).run(model.values, time_limit=time_limit, mip_rel_gap=mip_rel_gap,
                                start=model.selection(baseline))
    return Solution(
        status=outcome.status, objective=outcome.objective, selected=outcome.selected,
        gap=outcome.gap, bound=outcome.bound, reason=outcome.reason,
        seconds=time.perf_counter() - started, ranked_cutoff_objective=baseline_value,
        ranked_cutoff_selected=baseline, message=outcome.message)


@dataclass(frozen=True)
class Outcome:
    status: str
    objective: float | None
    selected: tuple[str, ...]
    gap: float | None
    bound: float | None
    reason: str | None
    message: str
    x: np.ndarray | None


class Solver:
    """One HiGHS object holding ``model``; each ``run`` sets the objective and a starting selection.

    ``relax=True`` makes x continuous in [0, 1]: the LP relaxation, for its bound.
    """

    def __init__(self, model: Model, *, relax: bool = False) -> None:
        self.model, self.relax = model, relax
        self.highs = _new_highs()
        self.highs.passModel(_lp(model, relax))

    def run(self, values: np.ndarray, *, time_limit: float, mip_rel_gap: float,
            start: np.ndarray | None = None) -> Outcome:
        """Solve for objective ``values``. ``start`` (0/1 per initiative) must be a valid selection:
        HiGHS starts from it, and it is the answer should HiGHS find nothing better in time."""
        highs, count, values = self.highs, len(self.model.ids), np.asarray(values, dtype=float)
        highs.clearSolver()
        highs.changeColsCost(count, np.arange(count, dtype=np.int32), -values)
        highs.setOptionValue("time_limit", float(time_limit))
        highs.setOptionValue("mip_rel_gap", float(mip_rel_gap))
        if start is not None and not self.relax:
            solution = highspy.HighsSolution()
            solution.col_value = np.asarray(start, dtype=float).tolist()
            highs.setSolution(solution)
        highs.run()
        status = highs.getModelStatus()
        message = highs.modelStatusToString(status)
        if status == highspy.HighsModelStatus.kInfeasible:
            return Outcome("infeasible", None, (), None, None, _(
                "Er bestaat geen selectie die aan alle voorwaarden voldoet (capaciteit, budget, "
                "afhankelijkheden, uitsluitingen en verplichte initiatieven samen)."), message, None)
        info = highs.getInfo()
        if info.primal_solution_status == highspy.kSolutionStatusFeasible:
            x = np.array(highs.getSolution().col_value)
        elif start is not None:
            x = np.asarray(start, dtype=float)
        else:  # only without a start: HiGHS found no selection in time, so none is reported
            x = np.zeros(count)
        proven = status == highspy.HighsModelStatus.kOptimal
        if self.relax:
            objective = float(values @ x)
            bound = objective if proven else None
        else:
            objective = float(values[x > 0.5].sum())
            bound = -info.mip_dual_bound if np.isfinite(info.mip_dual_bound) else None
            bound = objective if bound is None and proven else bound
        selected = tuple(ident for ident, on in zip(self.model.ids, x > 0.5) if on)
        return Outcome("optimal" if proven else "feasible", objective, selected,
                       relative_gap(objective, bound), bound, None, message, x)


def solve_model(model: Model, values: np.ndarray, *, time_limit: float, mip_rel_gap: float,
                start: np.ndarray | None = None, relax: bool = False) -> Outcome:
    """One HiGHS run for objective ``values`` (see ``Solver.run``)."""
    return Solver(model, relax=relax).run(values, time_limit=time_limit, mip_rel_gap=mip_rel_gap,
                                          start=start)


def _lp(model: Model, relax: bool) -> highspy.HighsLp:
    columns = model.matrix.tocsc()
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = columns.shape[1], columns.shape[0]
    lp.col_cost_ = -model.values
    lp.col_lower_, lp.col_upper_ = model.lower_x, model.upper_x
    lp.row_lower_ = np.full(columns.shape[0], -highspy.kHighsInf)
    lp.row_upper_ = model.upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = columns.indptr
    lp.a_matrix_.index_ = columns.indices
    lp.a_matrix_.value_ = columns.data
    if not relax:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * columns.shape[1]
    return lp


_banner_lock = threading.Lock()


@functools.cache
def _banner_silenced() -> bool:
    """HiGHS prints a banner on standard output (file descriptor 1) when the first instance of a
    process is made, which would corrupt ``--format json``; make that first instance with fd 1
    pointing at /dev/null."""
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no standard output at all: nothing to protect
        highspy.Highs()
        return True
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    return True


def _new_highs() -> highspy.Highs:
    with _banner_lock:
        _banner_silenced()
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    return highs


def relative_gap(objective: float, bound: float | None) -> float | None:
    """(bound - objective) / |objective|, never negative; None without a bound."""
    if bound is None:
        return None
    difference = max(0.0, bound - objective)
    if difference <= 1e-9 * max(1.0, abs(bound)):
        return 0.0
    return difference / abs(objective) if objective else float("inf")
