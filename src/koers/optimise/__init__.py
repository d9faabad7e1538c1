"""The portfolio optimiser engine: plain Python (numpy, scipy/HiGHS), no web framework.

Typical use::

    from koers.optimise import load_instance, solve
    instance = load_instance("initiatieven.csv", "inzet.csv", "capaciteit.csv", budget=2_000_000)
    solution = solve(instance, time_limit=30)
    print(solution.status, solution.objective, solution.selected)

``solve`` never raises for an infeasible portfolio (the solution carries a Dutch ``reason``);
malformed input raises ``OptimiseInputError`` with a Dutch message.
"""

import importlib

# Lazy exports: ``koers --help`` registers the portfolio command without paying for the
# numpy/scipy import (about a second); the first real use imports them.
_EXPORTS = {
    "ahp_weights": "ahp", "ranked_cutoff": "baseline", "OptimiseInputError": "errors",
    "load_instance": "io", "Capacity": "model", "Effort": "model", "Initiative": "model",
    "Instance": "model", "Solution": "model", "SensitivityResult": "robustness",
    "sensitivity": "robustness", "solve": "solver",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'koers.optimise' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"koers.optimise.{_EXPORTS[name]}"), name)
    globals()[name] = value
    return value
