"""Helpers shared by the portfolio pages."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from koers.apps.portfolio import principles
from koers.apps.portfolio.models import GateRule, SelectionRun


def ensure_defaults(organisation) -> None:
    if not GateRule.objects.filter(organisation=organisation).exists():
        principles.ensure_defaults(organisation)


def theme_choices(organisation) -> list[tuple[str, str]]:
    from koers.apps.agenda.scanning import codebook_for

    try:
        return [(theme.id, theme.label) for theme in codebook_for(organisation).themes]
    except Exception:  # noqa: BLE001 - a broken codebook must not block the intake form
        return []


def latest_run(organisation, run_id=None):
    runs = SelectionRun.objects.filter(organisation=organisation, state=SelectionRun.State.DONE)
    if run_id:
        return get_object_or_404(runs, pk=run_id)
    return runs.order_by("-created_at", "-id").first()
