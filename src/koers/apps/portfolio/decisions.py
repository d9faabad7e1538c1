"""The board's decision and its publication on the public page (openness under the Woo).

Publishing freezes what the public page shows (``Decision.published_items``): the reference,
title, intended effect and the reason of each selected initiative at that moment. Later changes
to initiatives never leak onto the public page; withdrawing hides the decision again.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from koers.apps.portfolio.models import Decision, Initiative, SelectionRun
from koers.apps.portfolio.selection import explanation_text


def decide(organisation, *, title: str, reasoning: str, run: SelectionRun | None, user=None) -> Decision:
    if run is not None and run.organisation_id != organisation.pk:
        raise ValueError("run of another organisation")
    return Decision.objects.create(organisation=organisation, run=run, title=title.strip(),
                                   reasoning=reasoning.strip(), decided_by=user)


def public_items(decision: Decision) -> list[dict]:
    run = decision.run
    if run is None or run.state != SelectionRun.State.DONE:
        return []
    ids = [int(i) for i in run.selected]
    initiatives = {str(i.pk): i for i in Initiative.objects.filter(organisation=decision.organisation, pk__in=ids)}
    names = {ident: str(item) for ident, item in initiatives.items()}
    items = []
    for ident in run.selected:
        item = initiatives.get(ident)
        if item is None:
            continue
        items.append({"reference": item.reference, "title": item.title, "effect": item.intended_effect,
                      "why": explanation_text(run.explanation.get(ident, {}), names)})
    return sorted(items, key=lambda row: (row["reference"], row["title"]))


@transaction.atomic
def publish(decision: Decision, user=None) -> Decision:
    decision.published_items = public_items(decision)
    decision.published = True
    decision.published_at = timezone.now()
    decision.save(update_fields=["published_items", "published", "published_at"])
    return decision


@transaction.atomic
def withdraw(decision: Decision, user=None) -> Decision:
    decision.published = False
    decision.published_items = []
    decision.published_at = None
    decision.save(update_fields=["published_items", "published", "published_at"])
    return decision
