"""Shared fixtures of the portfolio API tests (imported by test_api_portfolio*.py and the transfer tests)."""

from __future__ import annotations

import pytest

from koers.apps.organisations.models import Organisation
from koers.apps.portfolio import decisions, framework as frameworks, principles, selection, workflow
from koers.apps.portfolio.models import (
    CriteriaFramework, Criterion, EffortEstimate, Initiative, Principle, Team, TeamCapacity,
)

from test_api_support import XLSX, conforms  # noqa: F401 - re-exported for the portfolio tests


def make_initiative(organisation, title="Digitaal loket", user=None, **fields) -> Initiative:
    defaults = {"problem": "Inwoners wachten te lang op een vergunning.", "department": "Publiekszaken",
                "intended_effect": "Aanvragen binnen een dag afgehandeld.", "owner": "Teamleider loket"}
    initiative = Initiative(organisation=organisation, title=title, **{**defaults, **fields})
    return workflow.submit(initiative, user)


def portfolio_for(organisation) -> dict:
    """A small, complete portfolio: team with capacity, published framework, scored initiatives, a run."""
    principles.ensure_defaults(organisation)
    team = Team.objects.create(organisation=organisation, code="ict", name="ICT")
    TeamCapacity.objects.create(team=team, quarter="2026-Q1", hours=200)
    framework = frameworks.ensure_default_framework(organisation)
    criteria = list(framework.criteria.all())
    first = make_initiative(organisation, "Digitaal loket")
    second = make_initiative(organisation, "Zaaksysteem vervangen", cost_once=12500)
    for item, hours, score in ((first, 120, 5), (second, 150, 3)):
        EffortEstimate.objects.create(initiative=item, team=team, quarter="2026-Q1", hours=hours)
        for criterion in criteria:
            frameworks.score(item, criterion, score)
        for principle in Principle.objects.filter(organisation=organisation, active=True):
            workflow.check_principle(item, principle, "complies")  # may start, so it can be selected
        workflow.move(item, Initiative.Status.ASSESSMENT, None, "Compleet")
    draft = CriteriaFramework.objects.create(organisation=organisation, name="Proefkader",
                                             version=frameworks.next_version(organisation, "Proefkader"))
    Criterion.objects.create(framework=draft, code="waarde", name="Waarde", weight=1)
    run = selection.create_run(organisation, framework, name="Basis", sensitivity_draws=5, time_limit=5)
    run = selection.execute(run, sensitivity_time_limit=0.5)
    decision = decisions.decide(organisation, title="Portefeuille 2026", reasoning="Zo besloten.", run=run)
    decisions.publish(decision)
    fresh = make_initiative(organisation, "Open data")  # in intake, ready to move to assessment
    return {
        "initiative": fresh.pk, "assessed": first.pk, "team": team.pk, "framework": framework.pk,
        "criterion": criteria[0].pk, "draft": draft.pk, "run": run.pk, "decision": decision.pk,
        "principle": organisation_principle(organisation),
    }


def organisation_principle(organisation) -> int:
    from koers.apps.portfolio.models import Principle

    return Principle.objects.filter(organisation=organisation, active=True).order_by("id").first().pk


@pytest.fixture
def portfolio(own, foreign):
    """{slug: ids} of the portfolio objects of both organisations."""
    return {organisation.slug: portfolio_for(organisation) for organisation in (own, foreign)}


@pytest.fixture
def empty_organisation(db, users):
    """A new organisation without a portfolio; the manager of ``own`` manages it too."""
    from koers.apps.organisations.models import Membership

    organisation = Organisation.objects.create(name="Gemeente Nieuwdorp", slug="nieuwdorp")
    Membership.objects.create(user=users["manager"], organisation=organisation, role="manager")
    return organisation
