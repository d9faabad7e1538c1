"""REST API of effect steering, under /organisations/{organisation_slug}/...

Resources: goals (the goal tree, shared with the portfolio), indicators (with their status and
forecast, read-only), and per indicator its targets (a POST on a date that has a target replaces it;
the old one stays in the history), measurements (one at a time, in a batch all or nothing, or from a
CSV/XLSX file with the user's own column names). Viewers read; contributors add measurements;
managers define goals, indicators and targets. Writes go through ``measuring`` as on the pages.
"""

from __future__ import annotations

from koers.apps.indicators.api.data import (MeasurementBatchView, MeasurementImportView, MeasurementViewSet,
                                            TargetViewSet)
from koers.apps.indicators.api.definitions import GoalViewSet, IndicatorViewSet


def register(router, nested: str) -> list:
    """Add the routes to the API router; returns the extra (non-router) URL patterns."""
    from django.urls import re_path

    one = rf"{nested}/indicators/(?P<indicator_id>\d+)"
    router.register(f"{nested}/goals", GoalViewSet, basename="goal")
    router.register(f"{nested}/indicators", IndicatorViewSet, basename="indicator")
    router.register(f"{one}/targets", TargetViewSet, basename="indicator-target")
    router.register(f"{one}/measurements", MeasurementViewSet, basename="indicator-measurement")
    return [
        re_path(rf"^{one}/measurement-batches$", MeasurementBatchView.as_view(), name="indicator-measurement-batch"),
        re_path(rf"^{one}/measurement-imports$", MeasurementImportView.as_view(), name="indicator-measurement-import"),
    ]
