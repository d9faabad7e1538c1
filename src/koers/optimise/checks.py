"""What must go ahead, and a Dutch reason when that alone cannot fit.

The *forced set* is every mandatory initiative plus, transitively, everything it requires: those
must all be selected in any feasible portfolio. Checking the forced set before solving lets us name
the team, quarter and hours that make a portfolio infeasible instead of HiGHS's bare "infeasible".
"""

from __future__ import annotations

from collections import defaultdict
from gettext import gettext as _

from koers.optimise.model import Instance

TOLERANCE = 1e-9


def usage_by_initiative(instance: Instance) -> dict[str, dict[tuple[str, str], float]]:
    """Hours per (team, quarter) for every initiative; duplicate rows add up."""
    usage: dict[str, dict[tuple[str, str], float]] = defaultdict(lambda: defaultdict(float))
    for row in instance.effort:
        if row.hours > 0:
            usage[row.initiative][(row.team, row.quarter)] += row.hours
    return usage


def forced_set(instance: Instance) -> tuple[list[str], str | None]:
    """The ids that must be selected (prerequisites before dependants), or a reason it cannot be."""
    by_id = {item.id: item for item in instance.initiatives}
    order: list[str] = []
    done: set[str] = set()

    def visit(ident: str, needed_by: str, root: str) -> str | None:
        if ident in done:
            return None
        if ident not in by_id:
            via = "" if needed_by == root else _(" (via {who})").format(who=needed_by)
            return _("Verplicht initiatief {root} heeft{via} {what} nodig, maar {what} staat niet in "
                     "de portefeuille.").format(root=root, via=via, what=ident)
        for required in by_id[ident].requires:
            problem = visit(required, ident, root)
            if problem:
                return problem
        done.add(ident)
        order.append(ident)
        return None

    for item in instance.initiatives:
        if item.mandatory:
            problem = visit(item.id, item.id, item.id)
            if problem:
                return order, problem
    return order, None


def infeasibility_reason(instance: Instance) -> str | None:
    """A Dutch sentence when the forced set alone breaks a rule, else None."""
    forced, problem = forced_set(instance)
    if problem:
        return problem
    by_id = {item.id: item for item in instance.initiatives}
    return (_group_clash(forced, by_id) or _capacity_overrun(instance, forced)
            or _budget_overrun(instance, forced, by_id))


def _group_clash(forced: list[str], by_id: dict) -> str | None:
    owner: dict[str, str] = {}
    for ident in forced:
        group = by_id[ident].group
        if not group:
            continue
        if group in owner:
            return _("De initiatieven {a} en {b} moeten allebei door (verplicht, of nodig voor "
                     "verplicht werk), maar sluiten elkaar uit (groep {group}).").format(
                a=owner[group], b=ident, group=group)
        owner[group] = ident
    return None


def _capacity_overrun(instance: Instance, forced: list[str]) -> str | None:
    usage = usage_by_initiative(instance)
    need: dict[tuple[str, str], float] = defaultdict(float)
    for ident in forced:
        for key, hours in usage.get(ident, {}).items():
            need[key] += hours
    capacity = instance.capacity_map()
    for (team, quarter), hours in sorted(need.items()):
        available = capacity.get((team, quarter), 0.0)
        if hours > available * (1 + TOLERANCE) + TOLERANCE:
            if (team, quarter) not in capacity:
                return _("Het verplichte werk vraagt {hours:g} uur van team {team} in kwartaal "
                         "{quarter}, maar voor dat team en kwartaal is geen capaciteit opgegeven "
                         "(dus 0 uur).").format(hours=hours, team=team, quarter=quarter)
            return _("Het verplichte werk vraagt {hours:g} uur van team {team} in kwartaal {quarter}, "
                     "maar de capaciteit is {available:g} uur.").format(
                hours=hours, team=team, quarter=quarter, available=available)
    return None


def _budget_overrun(instance: Instance, forced: list[str], by_id: dict) -> str | None:
    if instance.budget is None:
        return None
    cost = sum(by_id[ident].cost for ident in forced)
    if cost > instance.budget * (1 + TOLERANCE) + TOLERANCE:
        return _("Het verplichte werk kost {cost:g}, maar het budget is {budget:g}.").format(
            cost=cost, budget=instance.budget)
    return None
