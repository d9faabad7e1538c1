"""Helpers shared by the indicator pages."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect

from koers.apps.indicators.models import Indicator


def indicator_of(organisation, indicator_id) -> Indicator:
    return get_object_or_404(Indicator, pk=indicator_id, organisation=organisation)


def back_to(indicator, anchor: str = ""):
    response = redirect("indicators:indicator", slug=indicator.organisation.slug, indicator_id=indicator.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response
