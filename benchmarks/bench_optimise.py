"""Benchmark of the portfolio optimiser (not a test): prints a table, writes benchmarks/out/optimise.json.

Parts:
1. generated portfolios of 100, 300, 1,000 and 5,000 initiatives, 6 teams x 8 quarters: solve time,
   status, gap to HiGHS's dual bound and to the LP-relaxation bound, optimum vs ranked cut-off;
2. the largest of them HiGHS proves optimal within 2 s;
3. a sensitivity analysis (200 Dirichlet draws on 200 initiatives), and the quality of its draws;
4. OR-Library multidimensional knapsack problems (Chu & Beasley 1998) from ../shared/bench, against
   the best-known values published with them.

The machine has 2 cores shared with other work: timings are noisy, run it more than once.
Usage: python benchmarks/bench_optimise.py [--quick] [--orlib-limit SECONDS]
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import sys
import time
from importlib import metadata
from pathlib import Path

import numpy as np
import scipy

from koers.optimise import Capacity, Effort, Initiative, Instance, ranked_cutoff, sensitivity, solve
from koers.optimise.checks import infeasibility_reason
from koers.optimise.robustness import draw_weights, solve_draws
from koers.optimise.solver import Solver, build_model, solve_model

HERE = Path(__file__).resolve().parent
ORLIB = HERE.parent.parent / "shared" / "bench" / "orlib-mknap"
TEAMS = [f"team-{chr(65 + t)}" for t in range(6)]
QUARTERS = [f"{2026 + q // 4}-Q{q % 4 + 1}" for q in range(8)]


def generate(n: int, seed: int = 1, *, criteria: int = 0) -> tuple[Instance, np.ndarray | None]:
    """A random portfolio: each initiative needs 2-3 teams over 2-4 consecutive quarters.

    Values correlate with effort (harder for a solver than independent values), capacity is about
    a third of the demand in every team-quarter, the budget about 40 % of all costs, 10 % of the
    initiatives require an earlier one, about 10 % sit in exclusive groups of 2-3, and about 2 %
    are mandatory (kept only while the mandatory work fits). With ``criteria`` > 0 the values are
    scores x equal weights and the score matrix is returned too.
    """
    rng = np.random.default_rng(seed)
    effort, demand, sizes = [], {}, np.zeros(n)
    for i in range(n):
        start, length = rng.integers(0, 7), rng.integers(2, 5)
        for t in rng.choice(6, size=rng.integers(2, 4), replace=False):
            for q in range(start, min(8, start + length)):
                hours = float(rng.integers(20, 200))
                effort.append(Effort(f"I{i:04d}", TEAMS[t], QUARTERS[q], hours))
                demand[(TEAMS[t], QUARTERS[q])] = demand.get((TEAMS[t], QUARTERS[q]), 0) + hours
                sizes[i] += hours
    if criteria:
        scores = np.round(rng.uniform(1, 10, size=(n, criteria)), 1)  # a 1-10 scoring model
        values = scores.mean(axis=1)
    else:
        scores, values = None, np.round(sizes * rng.uniform(0.6, 1.4, size=n))
    costs = np.round(sizes * rng.uniform(80, 120, size=n), -2)
    requires = {i: (f"I{rng.integers(0, i):04d}",) for i in range(1, n) if rng.random() < 0.10}
    groups, i = {}, 0
    order = rng.permutation(n)
    while i < int(0.10 * n):
        size = int(rng.integers(2, 4))
        for j in order[i:i + size]:
            groups[int(j)] = f"G{i:04d}"
        i += size
    mandatory = set(rng.choice(n, size=max(1, n // 50), replace=False).tolist())
    capacity = tuple(Capacity(t, q, round(h / 3)) for (t, q), h in demand.items())

    def build(flags: set[int]) -> Instance:
        items = tuple(Initiative(f"I{i:04d}", float(values[i]), float(costs[i]), i in flags,
                                 requires.get(i, ()), groups.get(i, "")) for i in range(n))
        return Instance(items, tuple(effort), capacity, budget=float(0.4 * costs.sum()))

    instance = build(mandatory)
    while infeasibility_reason(instance) and mandatory:
        mandatory.pop()
        instance = build(mandatory)
    return instance, scores


def lp_bound(instance: Instance) -> float:
    model = build_model(instance)
    return solve_model(model, model.values, time_limit=60, mip_rel_gap=0, relax=True).objective


def bench_portfolios(sizes, time_limit: float, gap: float) -> list[dict]:
    rows = []
    for n in sizes:
        instance, _ = generate(n, seed=n)
        lp = lp_bound(instance)
        solution = solve(instance, time_limit=time_limit, mip_rel_gap=gap)
        rows.append({
            "initiatives": n, "effort_rows": len(instance.effort), "status": solution.status,
            "seconds": round(solution.seconds, 3), "objective": solution.objective,
            "dual_bound": solution.bound, "gap_dual": solution.gap, "lp_bound": lp,
            "gap_lp": (lp - solution.objective) / solution.objective,
            "ranked_cutoff": solution.ranked_cutoff_objective,
            "gain_pct": 100 * solution.value_gained / solution.ranked_cutoff_objective,
            "time_limit": time_limit, "mip_rel_gap": gap, "selected": len(solution.selected)})
    return rows


def bench_proof(sizes, time_limit: float = 2.0) -> list[dict]:
    """How large a generated portfolio HiGHS proves optimal within ``time_limit``."""
    rows = []
    for n in sizes:
        solution = solve(generate(n, seed=n)[0], time_limit=time_limit)
        rows.append({"initiatives": n, "status": solution.status,
                     "seconds": round(solution.seconds, 2), "gap_dual": solution.gap})
    return rows


def bench_sensitivity(n: int = 200, draws: int = 200, **options) -> dict:
    instance, scores = generate(n, seed=7, criteria=4)
    result = sensitivity(instance, [0.4, 0.3, 0.2, 0.1], scores, draws=draws, seed=1, **options)
    shares = np.array(list(result.frequency.values()))
    return {"initiatives": n, "draws": draws, "seconds": round(result.seconds, 3),
            "per_draw_ms": round(1000 * result.seconds / draws, 1), "not_optimal": result.not_optimal,
            "always": int((shares == 1).sum()), "never": int((shares == 0).sum()),
            "contested": int(((shares > 0.1) & (shares < 0.9)).sum()),
            "base_status": result.base.status, "base_gap": result.base.gap, **options,
            "frequency": result.frequency}


def bench_draw_quality(draws: int = 20) -> list[dict]:
    """Draws as in ``bench_sensitivity``, solved three ways: 0.03 s each from the best selection
    so far (what ``sensitivity`` does), 0.03 s each without a start, and 2 s each from the best
    so far (the reference). Per draw the value found is compared with the best any way found."""
    instance, scores = generate(200, seed=7, criteria=4)
    weights = np.array([0.4, 0.3, 0.2, 0.1])
    values = draw_weights(weights, draws, np.random.default_rng(1)) @ scores.T
    model = build_model(instance)
    base = Solver(model).run(scores @ weights, time_limit=1.0, mip_rel_gap=1e-6,
                             start=model.selection(ranked_cutoff(instance)[1]))
    runs = {"0.03 s, warm start": (0.03, True), "0.03 s, no start": (0.03, False),
            "2 s, warm start (reference)": (2.0, True)}
    chosen = {name: solve_draws(model, values, base.x, time_limit=limit, mip_rel_gap=1e-6,
                                warm=warm)[0] for name, (limit, warm) in runs.items()}
    found = {name: (values * x).sum(axis=1) for name, x in chosen.items()}
    best = np.max(list(found.values()), axis=0)
    reference = chosen["2 s, warm start (reference)"].mean(axis=0)
    return [{"run": name, "draws": draws,
             "below_best_mean_pct": float(100 * np.mean(1 - found[name] / best)),
             "below_best_max_pct": float(100 * np.max(1 - found[name] / best)),
             "frequency_shift_mean": float(np.abs(x.mean(axis=0) - reference).mean()),
             "frequency_shift_max": float(np.abs(x.mean(axis=0) - reference).max())}
            for name, x in chosen.items()]


def read_orlib(path: Path) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    numbers = iter(float(tok) for tok in path.read_text().split())
    problems = []
    for _ in range(int(next(numbers))):
        n, m, _opt = int(next(numbers)), int(next(numbers)), next(numbers)
        profit = np.array([next(numbers) for _ in range(n)])
        weights = np.array([[next(numbers) for _ in range(n)] for _ in range(m)])
        limits = np.array([next(numbers) for _ in range(m)])
        problems.append((profit, weights, limits))
    return problems


def best_known() -> dict[str, float]:
    text = (ORLIB / "best-feasible-slns.txt").read_text()
    known = {}
    for name, value in re.findall(r"^\s*(\d+\.\d+-\d+)\s+([\d.]+)\s*$", text, flags=re.M):
        known.setdefault(name, float(value))  # the first table (best feasible) comes first
    return known


def mknap_instance(profit, weights, limits) -> Instance:
    """Each constraint is one team in one quarter; cost 0, no budget, no dependencies."""
    items = tuple(Initiative(f"x{j}", float(p)) for j, p in enumerate(profit))
    effort = tuple(Effort(f"x{j}", f"c{i}", "Q", float(weights[i, j]))
                   for i in range(weights.shape[0]) for j in range(weights.shape[1]) if weights[i, j])
    capacity = tuple(Capacity(f"c{i}", "Q", float(b)) for i, b in enumerate(limits))
    return Instance(items, effort, capacity)


def bench_orlib(picks, time_limit: float) -> list[dict]:
    known = best_known()
    rows = []
    for filename, index in picks:
        problem = read_orlib(ORLIB / filename)[index]
        m, n = problem[1].shape
        name = f"{m}.{n}-{index:02d}"
        solution = solve(mknap_instance(*problem), time_limit=time_limit, mip_rel_gap=0)
        rows.append({"problem": name, "file": filename, "status": solution.status,
                     "seconds": round(solution.seconds, 2), "value": solution.objective,
                     "best_known": known.get(name), "gap_dual": solution.gap,
                     "vs_best_known_pct": 100 * (solution.objective / known[name] - 1)
                     if name in known else None,
                     "ranked_cutoff": solution.ranked_cutoff_objective})
    return rows


def table(rows: list[dict], columns: list[str]) -> str:
    def fmt(value):
        if isinstance(value, float):
            return f"{value:.4g}" if abs(value) < 1e5 else f"{value:,.0f}"
        return str(value)
    cells = [[fmt(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[k]) for r in cells)) for k, c in enumerate(columns)]
    lines = ["  ".join(c.rjust(w) for c, w in zip(columns, widths))]
    lines += ["  ".join(v.rjust(w) for v, w in zip(r, widths)) for r in cells]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    parser.add_argument("--orlib-limit", type=float, default=10.0)
    args = parser.parse_args(argv)
    started = time.time()
    report = {"machine": {"python": platform.python_version(), "scipy": scipy.__version__,
                          "highspy": metadata.version("highspy"),
                          "numpy": np.__version__, "cpus_note": "2 cores shared: timings noisy"}}
    sizes = [(100, 10, 1e-6), (300, 10, 1e-6)] if args.quick else [
        (100, 10, 1e-6), (300, 10, 1e-6), (1000, 10, 1e-3), (5000, 8, 5e-3)]
    report["portfolios"] = []
    for n, limit, gap in sizes:
        report["portfolios"] += bench_portfolios([n], limit, gap)
    print(table(report["portfolios"], ["initiatives", "effort_rows", "status", "seconds", "objective",
                                       "gap_dual", "gap_lp", "ranked_cutoff", "gain_pct"]))
    report["proof_within_2s"] = bench_proof([40, 50, 60, 70, 80, 100, 150, 200, 300])
    print()
    print(table(report["proof_within_2s"], ["initiatives", "status", "seconds", "gap_dual"]))
    # the 10 s setting, then its quality on 20 of the same draws
    report["sensitivity"] = bench_sensitivity(time_limit=0.03, base_time_limit=1.0)
    report["sensitivity"].pop("frequency")
    report["draw_quality"] = bench_draw_quality()
    print()
    print(table([report["sensitivity"]], list(report["sensitivity"])))
    print()
    print(table(report["draw_quality"], list(report["draw_quality"][0])))
    picks = [("mknapcb1.txt", 0), ("mknapcb1.txt", 1)] if args.quick else [
        ("mknapcb1.txt", 0), ("mknapcb1.txt", 1), ("mknapcb1.txt", 2), ("mknapcb4.txt", 0),
        ("mknapcb7.txt", 0), ("mknapcb3.txt", 0)]
    if ORLIB.is_dir():
        report["orlib"] = bench_orlib(picks, args.orlib_limit)
        print()
        print(table(report["orlib"], ["problem", "status", "seconds", "value", "best_known",
                                      "vs_best_known_pct", "gap_dual", "ranked_cutoff"]))
    report["total_seconds"] = round(time.time() - started, 1)
    out = HERE / "out" / "optimise.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, default=float), encoding="utf-8")
    print(f"\ngeschreven: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
