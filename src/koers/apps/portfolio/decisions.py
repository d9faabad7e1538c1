"""The board's decision and its publication on the public page (openness under the Woo).

A decision rests on a computed, feasible selection run. Recording it brings the statuses in line
with the decided selection (through ``workflow.move``): chosen initiatives still in assessment
become prioritised, prioritised ones that were not chosen go back to assessment. When a rule of
play blocks one of those moves, the whole decision is refused with the reasons (nothing changes).

Publishing freezes what the public page shows: the chosen and the not chosen initiatives with
their reasons, and the framework version with its criteria and weights. Later changes never leak
onto the public page; withdrawing hides the decision again. A newly published decision records
the one published before it as the decision it replaces (``supersedes``).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.apps.portfolio import gates, workflow
from koers.apps.portfolio.models import DEFAULT_BODY, Decision, Initiative, SelectionRun
from koers.apps.portfolio.selection import explanation_text


class DecisionRefused(ValueError):
    """The decision cannot be recorded; ``messages`` are Dutch, for the user."""

    def __init__(self, messages: list[str]):
        self.messages = list(messages)
        super().__init__(" ".join(self.messages))


def run_problem(run: SelectionRun) -> str | None:
    """Why a decision cannot rest on this run (Dutch), or None when it can."""
    if run.state != SelectionRun.State.DONE:
        return _("Scenario ‘%(name)s’ is nog niet berekend; een besluit rust alleen op een berekende "
                 "selectie.") % {"name": run.name}
    if run.solver_status == "infeasible":
        return _("Scenario ‘%(name)s’ heeft geen haalbare selectie: %(reason)s Pas het scenario aan en "
                 "bereken het opnieuw.") % {"name": run.name, "reason": run.reason}
    return None


@transaction.atomic
def decide(organisation, *, title: str, reasoning: str, run: SelectionRun | None, user=None,
           meeting_date=None, body: str = "", document_url: str = "") -> Decision:
    """Record the decision and align the statuses with its selection; raise DecisionRefused."""
    if run is not None:
        if run.organisation_id != organisation.pk:
            raise ValueError("run of another organisation")
        problem = run_problem(run)
        if problem:
            raise DecisionRefused([problem])
    decision = Decision.objects.create(
        organisation=organisation, run=run, title=title.strip(), reasoning=reasoning.strip(), decided_by=user,
        meeting_date=meeting_date or timezone.localdate(), body=body.strip() or DEFAULT_BODY,
        document_url=document_url.strip())
    problems = _align_statuses(decision, user) if run is not None else []
    if problems:
        raise DecisionRefused(problems)  # rolls back the decision and every move made so far
    return decision


def _align_statuses(decision: Decision, user) -> list[str]:
    """Chosen and in assessment → prioritised; prioritised but not chosen → assessment."""
    chosen = set(decision.run.selected)
    ids = [int(ident) for ident in chosen]
    rows = Initiative.objects.filter(organisation=decision.organisation).filter(
        Q(pk__in=ids) | Q(status=Initiative.Status.PRIORITISED)).order_by("reference", "id")
    problems = []
    for item in rows:
        if item.engine_id in chosen:
            target, reason = Initiative.Status.PRIORITISED, _("Besluit ‘%(title)s’")
            if item.status in (Initiative.Status.PRIORITISED, Initiative.Status.IN_PROGRESS, Initiative.Status.DONE):
                continue
        else:
            target, reason = Initiative.Status.ASSESSMENT, _("Niet gekozen in besluit ‘%(title)s’")
        try:
            workflow.move(item, target, user, reason % {"title": decision.title})
        except workflow.TransitionBlocked as blocked:
            problems.append(_("%(initiative)s kan niet naar ‘%(status)s’: %(reasons)s") % {
                "initiative": item, "status": gates.status_label(target), "reasons": " ".join(blocked.messages)})
    return problems


def _frozen_rows(decision: Decision) -> tuple[list[dict], list[dict]]:
    """The chosen and the not chosen initiatives of the decision's run, as the public page shows them."""
    run = decision.run
    if run is None or run.state != SelectionRun.State.DONE:
        return [], []
    ids = set(run.selected) | set(run.values) | set(run.explanation)
    initiatives = {item.engine_id: item for item in Initiative.objects.filter(
        organisation=decision.organisation, pk__in=[int(i) for i in ids])}
    names = {ident: str(item) for ident, item in initiatives.items()}
    chosen, other = [], []
    for ident, item in initiatives.items():
        row = {"reference": item.reference, "title": item.title, "effect": item.intended_effect,
               "why": explanation_text(run.explanation.get(ident, {}), names)}
        (chosen if ident in run.selected else other).append(row)
    order = lambda row: (row["reference"], row["title"])  # noqa: E731
    return sorted(chosen, key=order), sorted(other, key=order)


FROZEN = ["published_items", "published_not_chosen", "published_framework", "published_criteria"]


@transaction.atomic
def publish(decision: Decision, user=None) -> Decision:
    """Freeze what the public page shows; publishing again changes nothing (it stays as frozen)."""
    if decision.published:
        return decision
    framework = decision.run.framework if decision.run else None
    decision.published_items, decision.published_not_chosen = _frozen_rows(decision)
    decision.published_framework = str(framework) if framework else ""
    decision.published_criteria = [{"name": c.name, "description": c.description, "weight": c.weight}
                                   for c in framework.criteria.all()] if framework else []
    decision.supersedes = (Decision.objects.filter(organisation=decision.organisation, published=True)
                           .exclude(pk=decision.pk).order_by("-published_at", "-id").first())
    decision.published = True
    decision.published_at = timezone.now()
    decision.save(update_fields=[*FROZEN, "supersedes", "published", "published_at"])
    return decision


@transaction.atomic
def withdraw(decision: Decision, user=None) -> Decision:
    decision.published = False
    decision.published_items, decision.published_not_chosen, decision.published_criteria = [], [], []
    decision.published_framework = ""
    decision.published_at = None
    decision.supersedes = None
    decision.save(update_fields=[*FROZEN, "supersedes", "published", "published_at"])
    return decision
