"""Plain records for a portfolio instance and its solution.

An instance is validated when it is built (``Instance.__post_init__``), so the solver can rely on
unique ids, known initiatives in the effort rows, non-negative numbers and acyclic dependencies.
A required id that is not in the portfolio is allowed here (the Django side may pass a subset):
the initiative that needs it can then never be selected. The CSV reader is stricter.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from gettext import gettext as _
from graphlib import CycleError, TopologicalSorter

from koers.optimise.errors import OptimiseInputError

DEFAULT_TIME_LIMIT = 60.0  # seconds the solver may take before it reports the best found


@dataclass(frozen=True, slots=True)
class Initiative:
    id: str
    value: float  # weighted value: sum over criteria of weight x score
    cost: float = 0.0  # counts against the budget
    mandatory: bool = False  # legal obligation or work already running
    requires: tuple[str, ...] = ()  # selected only together with all of these
    group: str = ""  # at most one initiative per non-empty group (alternatives)
    name: str = ""  # optional label for people


@dataclass(frozen=True, slots=True)
class Effort:
    initiative: str
    team: str
    quarter: str
    hours: float


@dataclass(frozen=True, slots=True)
class Capacity:
    team: str
    quarter: str
    hours: float


@dataclass(frozen=True, slots=True)
class Instance:
    initiatives: tuple[Initiative, ...]
    effort: tuple[Effort, ...] = ()
    capacity: tuple[Capacity, ...] = ()
    budget: float | None = None  # None: no budget limit

    def __post_init__(self) -> None:
        object.__setattr__(self, "initiatives", tuple(self.initiatives))
        object.__setattr__(self, "effort", tuple(self.effort))
        object.__setattr__(self, "capacity", tuple(self.capacity))
        validate(self)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.initiatives)

    def capacity_map(self) -> dict[tuple[str, str], float]:
        return {(row.team, row.quarter): row.hours for row in self.capacity}


@dataclass(frozen=True, slots=True)
class Solution:
    status: str  # "optimal" | "feasible" | "infeasible"
    objective: float | None = None
    selected: tuple[str, ...] = ()
    gap: float | None = None  # (bound - objective) / |objective|, from HiGHS's dual bound
    bound: float | None = None  # best proven upper bound on the objective
    reason: str | None = None  # Dutch explanation when infeasible
    seconds: float = 0.0
    ranked_cutoff_objective: float | None = None
    ranked_cutoff_selected: tuple[str, ...] = ()
    message: str = field(default="", compare=False)  # the solver's own status line

    @property
    def value_gained(self) -> float | None:
        if self.objective is None or self.ranked_cutoff_objective is None:
            return None
        return self.objective - self.ranked_cutoff_objective

    def to_dict(self) -> dict:
        data = asdict(self)
        del data["message"]  # HiGHS's own English status line: for logs, not for users
        data["selected"] = list(self.selected)
        data["ranked_cutoff_selected"] = list(self.ranked_cutoff_selected)
        data["value_gained"] = self.value_gained
        return data


def _finite(number: float, what: str) -> None:
    try:
        finite = math.isfinite(float(number))
    except (TypeError, ValueError):
        finite = False
    if not finite:
        raise OptimiseInputError(_("{what} is geen eindig getal: {value!r}").format(what=what, value=number))


def _non_negative(number: float, what: str) -> None:
    _finite(number, what)
    if number < 0:
        raise OptimiseInputError(_("{what} is negatief: {value}").format(what=what, value=number))


def validate(instance: Instance) -> None:
    """Raise ``OptimiseInputError`` (Dutch) for an instance the model cannot represent."""
    seen: set[str] = set()
    for item in instance.initiatives:
        if not item.id:
            raise OptimiseInputError(_("een initiatief heeft geen id"))
        if item.id in seen:
            raise OptimiseInputError(_("initiatief {id} komt twee keer voor").format(id=item.id))
        seen.add(item.id)
        _finite(item.value, _("de waarde van {id}").format(id=item.id))
        _non_negative(item.cost, _("de kosten van {id}").format(id=item.id))
        if item.id in item.requires:
            raise OptimiseInputError(_("initiatief {id} heeft zichzelf nodig").format(id=item.id))
    for row in instance.effort:
        if row.initiative not in seen:
            raise OptimiseInputError(
                _("inzet voor onbekend initiatief {id}").format(id=row.initiative))
        _non_negative(row.hours, _("de uren van {id} bij team {team} in {quarter}").format(
            id=row.initiative, team=row.team, quarter=row.quarter))
    for row in instance.capacity:
        _non_negative(row.hours, _("de capaciteit van team {team} in {quarter}").format(
            team=row.team, quarter=row.quarter))
    if instance.budget is not None:
        _non_negative(instance.budget, _("het budget"))
    cycle = find_cycle({item.id: item.requires for item in instance.initiatives})
    if cycle:
        raise OptimiseInputError(_("afhankelijkheden vormen een kring: {cycle}").format(
            cycle=" → ".join(cycle)))


def find_cycle(requires: dict[str, tuple[str, ...]]) -> list[str] | None:
    """A dependency cycle as a list of ids (first id repeated at the end), or None."""
    try:
        TopologicalSorter(requires).prepare()
    except CycleError as exc:
        return list(reversed(exc.args[1]))
    return None
