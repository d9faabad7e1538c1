"""The spreadsheet way: rank by value and take until capacity runs out.

Rules, so the baseline is always a feasible portfolio:
1. the forced set first (mandatory initiatives and what they require, prerequisites first);
2. then the others by value, highest first (ties keep the input order);
3. skip, without stopping, an initiative whose requirement is not selected or whose exclusive
   group is already taken (a spreadsheet user would strike that line and go on);
4. stop at the first initiative that does not fit in some team-quarter or in the budget;
5. initiatives with a value of zero or less are never taken (they cannot raise the total).
"""

from __future__ import annotations

from collections import defaultdict

from koers.optimise.checks import TOLERANCE, forced_set, infeasibility_reason, usage_by_initiative
from koers.optimise.model import Instance


def ranked_cutoff(instance: Instance, values: dict[str, float] | None = None
                  ) -> tuple[float | None, tuple[str, ...]]:
    """(total value, selected ids) of the baseline; (None, ()) when the forced set cannot fit.

    ``values`` overrides the initiatives' values (the sensitivity analysis uses this).
    """
    if infeasibility_reason(instance) is not None:
        return None, ()
    value = values or {item.id: item.value for item in instance.initiatives}
    usage = usage_by_initiative(instance)
    capacity = instance.capacity_map()
    budget = instance.budget
    used: dict[tuple[str, str], float] = defaultdict(float)
    spent = 0.0
    selected: list[str] = []
    chosen: set[str] = set()
    groups: set[str] = set()

    def take(item) -> None:
        nonlocal spent
        selected.append(item.id)
        chosen.add(item.id)
        if item.group:
            groups.add(item.group)
        spent += item.cost
        for key, hours in usage.get(item.id, {}).items():
            used[key] += hours

    def fits(item) -> bool:
        if budget is not None and spent + item.cost > budget * (1 + TOLERANCE) + TOLERANCE:
            return False
        return all(used[key] + hours <= capacity.get(key, 0.0) * (1 + TOLERANCE) + TOLERANCE
                   for key, hours in usage.get(item.id, {}).items())

    by_id = {item.id: item for item in instance.initiatives}
    forced, _problem = forced_set(instance)
    for ident in forced:
        take(by_id[ident])
    rest = sorted((item for item in instance.initiatives if item.id not in chosen),
                  key=lambda item: -value[item.id])  # sorted() is stable: ties keep input order
    for item in rest:
        if value[item.id] <= 0:
            break
        if any(req not in chosen for req in item.requires) or (item.group and item.group in groups):
            continue
        if not fits(item):
            break
        take(item)
    return float(sum(value[ident] for ident in selected)), tuple(selected)
