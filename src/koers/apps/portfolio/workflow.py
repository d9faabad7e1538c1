"""Domain services around an initiative: submit, move through the life cycle, principle checks.

Views and the REST API both call these; they never change ``Initiative.status`` themselves.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from koers.apps.portfolio import gates
from koers.apps.portfolio.models import GateRule, Initiative, Principle, PrincipleCheck, Score, Transition


class TransitionBlocked(Exception):
    """The move is not allowed; ``blocked`` names each rule with its Dutch message."""

    def __init__(self, blocked: list[gates.Blocked]):
        self.blocked = blocked
        super().__init__(" ".join(item.message for item in blocked))

    @property
    def messages(self) -> list[str]:
        return [item.message for item in self.blocked]


def enabled_rules(organisation) -> set[str]:
    """Codes of the rules that apply; a rule without a stored row is on."""
    off = set(GateRule.objects.filter(organisation=organisation, enabled=False).values_list("code", flat=True))
    return set(gates.RULES) - off


def facts_by_initiative(organisation, initiatives) -> dict[int, gates.Facts]:
    """The gate facts of many initiatives with a fixed number of queries (the selection needs all)."""
    from koers.apps.portfolio.framework import current_framework

    initiatives = list(initiatives)
    ids = [item.pk for item in initiatives]
    principles = list(Principle.objects.filter(organisation=organisation, active=True).values_list("pk", "code"))
    checks = {(c.initiative_id, c.principle_id): (c.answer, c.justification)
              for c in PrincipleCheck.objects.filter(initiative_id__in=ids)}
    framework = current_framework(organisation)
    criteria = set(framework.criteria.values_list("pk", flat=True)) if framework else set()
    scored: dict[int, set[int]] = {}
    for initiative_id, criterion_id in Score.objects.filter(
            initiative_id__in=ids, criterion_id__in=criteria).values_list("initiative_id", "criterion_id"):
        scored.setdefault(initiative_id, set()).add(criterion_id)
    return {item.pk: gates.Facts(
        intended_effect=item.intended_effect, owner=item.owner,
        personal_data=item.personal_data, algorithm=item.algorithm,
        dpia_done=item.dpia_done, iama_done=item.iama_done, algorithm_registered=item.algorithm_registered,
        principle_answers={code: checks.get((item.pk, pk), (None, "")) for pk, code in principles},
        framework=str(framework) if framework else None,
        unscored=len(criteria - scored.get(item.pk, set()))) for item in initiatives}


def facts_for(initiative: Initiative) -> gates.Facts:
    return facts_by_initiative(initiative.organisation, [initiative])[initiative.pk]


def blocked(initiative: Initiative, target: str) -> list[gates.Blocked]:
    return gates.blocked_by(facts_for(initiative), initiative.status, target,
                            enabled_rules(initiative.organisation))


def possible_moves(initiative: Initiative) -> list[tuple[str, list[gates.Blocked]]]:
    """Every status the life cycle allows from here, with what blocks it (empty list: allowed)."""
    facts, rules = facts_for(initiative), enabled_rules(initiative.organisation)
    return [(target, gates.check(facts, target, rules)) for target in gates.ALLOWED.get(initiative.status, ())]


def _actor_name(actor) -> str:
    return actor.get_username() if actor is not None else ""


@transaction.atomic
def move(initiative: Initiative, target: str, actor, reason: str) -> Transition:
    """Move the initiative to ``target`` and record who, when and why; raise TransitionBlocked."""
    if not (reason or "").strip():
        raise TransitionBlocked([gates.Blocked("reason", _("Geef een reden voor de statuswijziging."))])
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    problems = blocked(initiative, target)
    if problems:
        raise TransitionBlocked(problems)
    previous = initiative.status
    initiative.status = target
    initiative.version += 1  # the row is locked: see ``editing``
    initiative.save(update_fields=["status", "version", "updated_at"])
    return Transition.objects.create(initiative=initiative, from_status=previous, to_status=target,
                                     actor=actor, actor_name=_actor_name(actor), reason=reason.strip())


def next_reference(organisation) -> str:
    count = Initiative.objects.filter(organisation=organisation).aggregate(Max("id"))["id__max"] or 0
    number = Initiative.objects.filter(organisation=organisation).count() + 1
    reference = f"I-{number:03d}"
    while Initiative.objects.filter(organisation=organisation, reference=reference).exists():
        count += 1
        number += 1
        reference = f"I-{number:03d}"
    return reference


@transaction.atomic
def submit(initiative: Initiative, actor, reason: str = "") -> Initiative:
    """Store a new request in intake (with its first transition); ``initiative`` is unsaved."""
    initiative.status = Initiative.Status.INTAKE
    if not initiative.reference:
        initiative.reference = next_reference(initiative.organisation)
    if initiative.submitted_by_id is None and actor is not None and actor.is_authenticated:
        initiative.submitted_by = actor
    initiative.save()
    Transition.objects.create(initiative=initiative, from_status="", to_status=Initiative.Status.INTAKE,
                              actor=actor, actor_name=_actor_name(actor),
                              reason=reason or _("Aanvraag ingediend"))
    return initiative


def check_principle(initiative: Initiative, principle: Principle, answer: str, justification: str = "",
                    user=None) -> PrincipleCheck:
    """Record the answer for one principle; a deviation needs a justification (ValueError, Dutch)."""
    if principle.organisation_id != initiative.organisation_id:
        raise ValueError(_("Dit principe hoort niet bij de organisatie van het initiatief."))
    if answer not in PrincipleCheck.Answer.values:
        raise ValueError(_("Kies voldoet, wijkt af of niet van toepassing."))
    if answer == PrincipleCheck.Answer.DEVIATES and not justification.strip():
        raise ValueError(_("Onderbouw waarom ‘%(title)s’ wordt afgeweken.") % {"title": principle.title})
    check, _created = PrincipleCheck.objects.update_or_create(
        initiative=initiative, principle=principle,
        defaults={"answer": answer, "justification": justification.strip(), "checked_by": user})
    return check
