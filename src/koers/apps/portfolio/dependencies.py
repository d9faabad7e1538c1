"""Dependencies between initiatives (``Initiative.requires``): the one place that checks and writes them.

The pages, the API, the import and the demo all go through here: an initiative depends only on
initiatives of its own organisation and never, through others, on itself (a cycle would make every
initiative in it impossible to select). The audit recorder writes every change (m2m_changed).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.apps.portfolio.models import Initiative
from koers.optimise.model import find_cycle


class DependencyError(ValidationError):
    """Dependencies that may not be stored; the message is Dutch and names the problem, ``cycle`` the
    nodes of a cycle."""

    def __init__(self, message: str, code: str, cycle: list = ()):
        super().__init__(message, code=code)
        self.cycle = list(cycle)


def check_graph(requires: Mapping, label=str) -> None:
    """DependencyError naming the cycle if ``requires`` (node -> the nodes it requires) has one;
    ``label`` names a node in the message."""
    cycle = find_cycle({node: tuple(others) for node, others in requires.items()})
    if cycle:
        # The same cycle reads the same whichever route found it: start at its first name.
        ring = [label(node) for node in cycle[:-1]]
        start = ring.index(min(ring))
        ring = ring[start:] + ring[:start]
        raise DependencyError(_("Deze afhankelijkheden vormen een kringloop: %(cycle)s.")
                              % {"cycle": " → ".join([*ring, ring[0]])}, code="cycle", cycle=cycle)


def check(wanted: Mapping[Initiative, Iterable[Initiative]]) -> dict[int, list[int]]:
    """Check the dependencies ``wanted`` per (stored) initiative against the rest of its organisation.

    Returns the stored dependencies (ids) of the organisation; raises DependencyError.
    """
    if not wanted:
        return {}
    organisation_id = next(iter(wanted)).organisation_id
    for initiative, others in wanted.items():
        if any(other.organisation_id != organisation_id for other in [initiative, *others]):
            raise DependencyError(_("Een initiatief kan alleen afhangen van initiatieven van de eigen organisatie."),
                                  code="organisation")
    stored = _stored(organisation_id)
    graph = {**stored, **{initiative.pk: [other.pk for other in others] for initiative, others in wanted.items()}}
    names = dict(Initiative.objects.filter(organisation_id=organisation_id).values_list("pk", "reference"))
    check_graph(graph, label=lambda pk: names.get(pk) or f"#{pk}")
    return stored


def set_requires(initiative: Initiative, others: Iterable[Initiative]) -> bool:
    """Let ``initiative`` depend on exactly ``others``; True if that changed something."""
    return bool(set_many({initiative: others}))


def set_many(wanted: Mapping[Initiative, Iterable[Initiative]]) -> set[int]:
    """Check all of ``wanted`` together, then store it: an import may turn a dependency around, which
    is a cycle only halfway. Returns the ids of the initiatives whose dependencies changed."""
    wanted = {initiative: list(others) for initiative, others in wanted.items()}
    stored = check(wanted)
    changed = set()
    with transaction.atomic():
        for initiative, others in wanted.items():
            before, after = sorted(stored.get(initiative.pk, [])), sorted({other.pk for other in others})
            if before != after:
                initiative.requires.set(after)
                changed.add(initiative.pk)
    return changed


def _stored(organisation_id) -> dict[int, list[int]]:
    graph: dict[int, list[int]] = {}
    for source, target in Initiative.requires.through.objects.filter(
            from_initiative__organisation_id=organisation_id).values_list("from_initiative_id", "to_initiative_id"):
        graph.setdefault(source, []).append(target)
    return graph

