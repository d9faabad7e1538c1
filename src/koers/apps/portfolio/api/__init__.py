"""REST API of portfolio management, under /organisations/{organisation_slug}/...

Resources: initiatives (with effort, a status transition endpoint that applies the rules of play,
scores and principle checks), weighing frameworks with their criteria, teams with their capacity,
selection runs (scenarios) with their sensitivity results, and decisions. The roles are those of
the pages: viewers read; contributors submit initiatives; managers (and admins) assess, move,
score, edit frameworks and capacity, run selections and import. Changes go through the service
modules of the app (workflow, framework, selection), so the API and the pages behave the same.

The portfolio as a file: ``GET initiatives`` with ``?format=csv|xlsx`` (or the Accept header)
exports it; ``POST portfolio-imports`` (multipart, field ``file``) imports such a file, all or
nothing (see the ``transfer`` package).
"""

from __future__ import annotations

from koers.apps.portfolio.api.decisions import DecisionViewSet
from koers.apps.portfolio.api.frameworks import FrameworkViewSet
from koers.apps.portfolio.api.imports import PortfolioImportView
from koers.apps.portfolio.api.initiatives import InitiativeViewSet
from koers.apps.portfolio.api.rules import RuleViewSet
from koers.apps.portfolio.api.runs import SelectionRunViewSet
from koers.apps.portfolio.api.teams import TeamViewSet


def register(router, nested: str) -> list:
    """Add the portfolio routes to the API router; returns the extra (non-router) URL patterns."""
    from django.urls import re_path

    router.register(f"{nested}/initiatives", InitiativeViewSet, basename="initiative")
    router.register(f"{nested}/frameworks", FrameworkViewSet, basename="framework")
    router.register(f"{nested}/teams", TeamViewSet, basename="team")
    router.register(f"{nested}/selection-runs", SelectionRunViewSet, basename="selection-run")
    router.register(f"{nested}/decisions", DecisionViewSet, basename="decision")
    router.register(f"{nested}/rules-of-play", RuleViewSet, basename="rule-of-play")
    return [re_path(rf"^{nested}/portfolio-imports$", PortfolioImportView.as_view(), name="portfolio-import")]
