"""The optimiser against brute force, the ranked cut-off, infeasibility reasons, sensitivity."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koers.optimise import (Capacity, Effort, Initiative, Instance, OptimiseInputError,
                            ranked_cutoff, sensitivity, solve)
from koers.optimise.robustness import solve_draws
from koers.optimise.solver import Solver, build_model

TEAMS, QUARTERS = ("T1", "T2"), ("Q1", "Q2")


@st.composite
def instances(draw):
    n = draw(st.integers(1, 12))
    items = []
    for i in range(n):
        requires = tuple(f"i{j}" for j in range(i) if draw(st.integers(0, 9)) == 0)
        if draw(st.integers(0, 19)) == 0:
            requires += ("onbekend",)  # not in the portfolio: never selectable
        items.append(Initiative(
            f"i{i}", value=float(draw(st.integers(-2, 20))), cost=float(draw(st.integers(0, 10))),
            mandatory=draw(st.integers(0, 9)) == 0, requires=requires,
            group=draw(st.sampled_from(["", "", "g1", "g2"]))))
    effort = tuple(Effort(f"i{i}", t, q, float(draw(st.integers(0, 10))))
                   for i in range(n) for t in TEAMS for q in QUARTERS if draw(st.booleans()))
    capacity = tuple(Capacity(t, q, float(draw(st.integers(0, 30))))
                     for t in TEAMS for q in QUARTERS if draw(st.integers(0, 5)))  # some cells missing
    budget = draw(st.one_of(st.none(), st.integers(0, 40).map(float)))
    return Instance(tuple(items), effort, capacity, budget)


def feasible(instance: Instance, chosen: set[str]) -> bool:
    """Every rule checked directly from the records (independent of the solver's model)."""
    by_id = {item.id: item for item in instance.initiatives}
    limits = {(c.team, c.quarter): c.hours for c in instance.capacity}
    used = {}
    for row in instance.effort:
        if row.initiative in chosen:
            used[(row.team, row.quarter)] = used.get((row.team, row.quarter), 0) + row.hours
    if any(hours > limits.get(key, 0) for key, hours in used.items()):
        return False
    if instance.budget is not None and sum(by_id[i].cost for i in chosen) > instance.budget:
        return False
    groups = [by_id[i].group for i in chosen if by_id[i].group]
    if len(groups) != len(set(groups)):
        return False
    if any(req not in chosen for i in chosen for req in by_id[i].requires):
        return False
    return all(item.id in chosen for item in instance.initiatives if item.mandatory)


def brute_force(instance: Instance) -> float | None:
    ids = [item.id for item in instance.initiatives]
    value = {item.id: item.value for item in instance.initiatives}
    best = None
    for mask in itertools.product((0, 1), repeat=len(ids)):
        chosen = {i for i, on in zip(ids, mask) if on}
        if feasible(instance, chosen):
            total = sum(value[i] for i in chosen)
            best = total if best is None else max(best, total)
    return best


@settings(max_examples=60, deadline=None)
@given(instances())
def test_solver_matches_brute_force(instance):
    best = brute_force(instance)
    solution = solve(instance, mip_rel_gap=0)
    if best is None:
        assert solution.status == "infeasible" and solution.reason
        assert solution.ranked_cutoff_objective is None
        return
    assert solution.status == "optimal"
    assert solution.objective == pytest.approx(best, abs=1e-6)
    assert feasible(instance, set(solution.selected))
    value = {item.id: item.value for item in instance.initiatives}
    assert solution.objective == pytest.approx(sum(value[i] for i in solution.selected))
    # the ranked cut-off is a feasible portfolio and never beats the optimum
    assert feasible(instance, set(solution.ranked_cutoff_selected))
    assert solution.ranked_cutoff_objective <= best + 1e-9


def portfolio(items, effort=(), capacity=(), budget=None):
    return Instance(tuple(items), tuple(Effort(*row) for row in effort),
                    tuple(Capacity(*row) for row in capacity), budget)


def test_optimum_beats_ranked_cutoff_on_a_classic_trap():
    # The biggest value does not fit with anything else; two smaller ones together are worth more.
    instance = portfolio(
        [Initiative("groot", 10), Initiative("a", 7), Initiative("b", 6)],
        [("groot", "T", "Q1", 10), ("a", "T", "Q1", 5), ("b", "T", "Q1", 5)], [("T", "Q1", 10)])
    solution = solve(instance)
    assert solution.status == "optimal" and set(solution.selected) == {"a", "b"}
    assert solution.objective == 13 and solution.ranked_cutoff_objective == 10
    assert solution.value_gained == 3 and solution.gap == 0


def test_ranked_cutoff_stops_at_first_misfit_and_skips_blocked_ones():
    instance = portfolio(
        [Initiative("m", 1, mandatory=True), Initiative("dep", 9, requires=("x",)),
         Initiative("x", 2), Initiative("alt1", 8, group="g"), Initiative("alt2", 7, group="g"),
         Initiative("big", 6), Initiative("small", 5)],
        [("m", "T", "Q", 1), ("alt1", "T", "Q", 2), ("alt2", "T", "Q", 2), ("big", "T", "Q", 9),
         ("small", "T", "Q", 1)], [("T", "Q", 5)])
    # m first; dep skipped (x not yet chosen); alt1 taken; alt2 skipped (group); big does not fit:
    # stop, so small and x are not taken although they would fit.
    assert ranked_cutoff(instance) == (9.0, ("m", "alt1"))
    solution = solve(instance)
    assert set(solution.selected) == {"m", "dep", "x", "alt1", "small"}
    assert solution.objective == 25


def test_missing_capacity_row_means_zero():
    instance = portfolio([Initiative("a", 5), Initiative("b", 1)],
                         [("a", "T", "Q9", 1), ("b", "T", "Q1", 1)], [("T", "Q1", 1)])
    assert solve(instance).selected == ("b",)


@pytest.mark.parametrize("instance, fragments", [
    (portfolio([Initiative("a", 1, mandatory=True), Initiative("b", 1, mandatory=True)],
               [("a", "Data", "2026-Q1", 30), ("b", "Data", "2026-Q1", 25)], [("Data", "2026-Q1", 40)]),
     ["55 uur", "team Data", "2026-Q1", "40 uur"]),
    (portfolio([Initiative("a", 1, mandatory=True)], [("a", "Data", "2026-Q2", 3)]),
     ["3 uur", "team Data", "2026-Q2", "geen capaciteit"]),
    (portfolio([Initiative("a", 1, cost=70, mandatory=True), Initiative("b", 1, cost=50,
                                                                          mandatory=True)],
               budget=100), ["kost 120", "budget is 100"]),
    (portfolio([Initiative("a", 1, mandatory=True, requires=("weg",))]), ["a", "weg", "niet in"]),
    (portfolio([Initiative("a", 1, mandatory=True, requires=("b",)), Initiative("b", 1,
                                                                              requires=("weg",))]),
     ["Verplicht initiatief a", "via b", "weg"]),
    (portfolio([Initiative("a", 1, mandatory=True, group="g"), Initiative("b", 1, group="g"),
                Initiative("c", 1, mandatory=True, requires=("b",))]), ["a", "b", "groep g"]),
])
def test_infeasible_reasons_in_dutch(instance, fragments):
    solution = solve(instance)
    assert solution.status == "infeasible" and solution.selected == ()
    for fragment in fragments:
        assert fragment in solution.reason


def test_forced_requirement_counts_for_capacity():
    instance = portfolio([Initiative("a", 1, mandatory=True, requires=("b",)), Initiative("b", 1)],
                         [("a", "T", "Q", 2), ("b", "T", "Q", 2)], [("T", "Q", 3)])
    assert "4 uur" in solve(instance).reason


@pytest.mark.parametrize("kwargs, fragment", [
    (dict(initiatives=(Initiative("a", 1), Initiative("a", 2))), "twee keer"),
    (dict(initiatives=(Initiative("a", 1, requires=("b",)), Initiative("b", 1, requires=("a",)))),
     "kring"),
    (dict(initiatives=(Initiative("a", 1),), effort=(Effort("x", "T", "Q", 1),)), "onbekend"),
    (dict(initiatives=(Initiative("a", 1),), effort=(Effort("a", "T", "Q", -1),)), "negatief"),
    (dict(initiatives=(Initiative("a", float("nan")),)), "eindig"),
    (dict(initiatives=(Initiative("a", 1),), budget=-5), "negatief"),
])
def test_invalid_instances_raise(kwargs, fragment):
    with pytest.raises(OptimiseInputError, match=fragment):
        Instance(**kwargs)


def test_sensitivity_separates_robust_from_contested_choices():
    # Capacity 2 hours, 1 hour each. "zeker" is best on every criterion; "a" wins on criterion 1,
    # "b" on criterion 2, with equal weights they tie, so draws split between them.
    instance = portfolio([Initiative(i, 0) for i in ("zeker", "a", "b", "nooit")],
                         [(i, "T", "Q", 1) for i in ("zeker", "a", "b", "nooit")], [("T", "Q", 2)])
    scores = {"zeker": [10, 10], "a": [6, 4], "b": [4, 6], "nooit": [1, 1]}
    result = sensitivity(instance, [1, 1], scores, draws=60, seed=3, concentration=50)
    assert result.frequency["zeker"] == 1 and result.frequency["nooit"] == 0
    assert 0.2 < result.frequency["a"] < 0.8
    assert result.frequency["a"] + result.frequency["b"] == pytest.approx(1)
    assert result.robust()["zeker"] is True and result.robust()["a"] is None
    again = sensitivity(instance, [1, 1], scores, draws=60, seed=3, concentration=50)
    assert again.frequency == result.frequency  # fixed seed: same draws


def test_sensitivity_noise_and_builder_agree_on_a_clear_case():
    scores = {"a": [9, 9], "b": [1, 2]}
    instance = portfolio([Initiative("a", 0), Initiative("b", 0)],
                         [("a", "T", "Q", 1), ("b", "T", "Q", 1)], [("T", "Q", 1)])

    def build(weights):
        return portfolio([Initiative(i, float(np.dot(weights, s))) for i, s in scores.items()],
                         [("a", "T", "Q", 1), ("b", "T", "Q", 1)], [("T", "Q", 1)])

    for result in (sensitivity(instance, [2, 1], scores, draws=20, method="noise", noise=0.3),
                   sensitivity(build, [2, 1], draws=20)):
        assert result.frequency == {"a": 1.0, "b": 0.0}


@pytest.mark.parametrize("kwargs, fragment", [
    (dict(weights=[-1, 2]), "gewichten"), (dict(weights=[0, 0]), "gewichten"),
    (dict(method="gok"), "onbekende methode"), (dict(draws=0), "trekkingen"),
    (dict(scores={"a": [1, 1]}), "geen scores"), (dict(scores=[[1, 2, 3]]), "passen niet"),
])
def test_sensitivity_rejects_bad_arguments(kwargs, fragment):
    instance = portfolio([Initiative("a", 0), Initiative("b", 0)])
    arguments = dict(weights=[1, 1], scores={"a": [1, 1], "b": [2, 2]}) | kwargs
    with pytest.raises(OptimiseInputError, match=fragment):
        sensitivity(instance, **arguments)


def test_sensitivity_of_an_infeasible_portfolio_selects_nothing():
    instance = portfolio([Initiative("a", 0, mandatory=True)], [("a", "T", "Q", 5)], [("T", "Q", 1)])
    result = sensitivity(instance, [1], {"a": [1]}, draws=5)
    assert result.base.status == "infeasible" and result.frequency == {"a": 0.0}


def test_empty_portfolio_is_trivially_optimal():
    solution = solve(portfolio([]))
    assert solution.status == "optimal" and solution.objective == 0 and solution.selected == ()


def _hard_instance(n: int = 150, seed: int = 5) -> Instance:
    """A multidimensional knapsack HiGHS cannot prove within the short limits used below."""
    rng = np.random.default_rng(seed)
    teams, quarters = [f"t{k}" for k in range(4)], [f"q{k}" for k in range(4)]
    effort = [Effort(f"i{i}", t, q, float(rng.integers(20, 200)))
              for i in range(n) for t in rng.choice(teams, 2, replace=False) for q in quarters]
    demand = {}
    for row in effort:
        demand[(row.team, row.quarter)] = demand.get((row.team, row.quarter), 0) + row.hours
    items = tuple(Initiative(f"i{i}", float(rng.integers(10, 100))) for i in range(n))
    return Instance(items, tuple(effort), tuple(Capacity(t, q, h / 3) for (t, q), h in demand.items()))


@pytest.mark.parametrize("seconds", [0.001, 0.01, 0.05, 0.2])
def test_a_search_stopped_early_is_valid_and_never_below_the_ranked_cutoff(seconds):
    instance = _hard_instance()
    solution = solve(instance, time_limit=seconds)
    assert solution.status == "feasible" and (solution.gap is None or solution.gap > 0)
    assert feasible(instance, set(solution.selected))
    assert solution.objective >= solution.ranked_cutoff_objective


def test_a_run_never_ends_below_its_starting_selection():
    instance = _hard_instance(seed=6)
    model = build_model(instance)
    solver = Solver(model)
    start = model.selection(ranked_cutoff(instance)[1])
    rng = np.random.default_rng(0)
    for _ in range(5):
        values = rng.uniform(1, 100, size=len(model.ids))
        outcome = solver.run(values, time_limit=0.02, mip_rel_gap=1e-6, start=start)
        assert feasible(instance, set(outcome.selected))
        assert outcome.objective >= values @ start - 1e-9


def test_each_sensitivity_draw_is_at_least_as_good_as_every_selection_found_before():
    instance = _hard_instance(seed=7)
    model = build_model(instance)
    start = model.selection(ranked_cutoff(instance)[1])
    values = np.random.default_rng(1).uniform(1, 100, size=(6, len(model.ids)))
    # 2 ms is too short to prove anything here: the start is what carries the draws
    chosen, _late = solve_draws(model, values, start, time_limit=0.002, mip_rel_gap=1e-6)
    for k, row in enumerate(values):
        assert feasible(instance, {i for i, on in zip(model.ids, chosen[k]) if on})
        earlier = [start, *chosen[:k]]
        assert row @ chosen[k] >= max(row @ x for x in earlier) - 1e-9
