"""A small portfolio for the portfolio tests: two teams, one quarter, five initiatives, scores."""

from __future__ import annotations

from koers.apps.portfolio import framework, principles, workflow
from koers.apps.portfolio.models import EffortEstimate, Initiative, Principle, Team, TeamCapacity

# title -> (hours for team a, hours for team b, score on every criterion 1..5, mandatory)
SMALL = {
    "Zaaksysteem vervangen": (60, 20, 5, False),
    "Open data portaal": (50, 10, 4, False),
    "Wettelijke archiefplicht": (30, 0, 2, True),
    "Chatbot": (40, 40, 3, False),
    "Sensoren": (10, 10, 1, False),
}


def make_portfolio(organisation, *, capacity=(100, 50), status="assessment"):
    principles.ensure_defaults(organisation)
    fw = framework.ensure_default_framework(organisation)
    team_a = Team.objects.create(organisation=organisation, code="a", name="Team A")
    team_b = Team.objects.create(organisation=organisation, code="b", name="Team B")
    TeamCapacity.objects.create(team=team_a, quarter="2026-Q1", hours=capacity[0])
    TeamCapacity.objects.create(team=team_b, quarter="2026-Q1", hours=capacity[1])
    items = {}
    for title, (a, b, value, mandatory) in SMALL.items():
        item = workflow.submit(Initiative(
            organisation=organisation, title=title, problem="Een probleem.", department="ICT",
            intended_effect="Inwoners merken het.", owner="Eigenaar", mandatory=mandatory), None)
        for team, hours in ((team_a, a), (team_b, b)):
            if hours:
                EffortEstimate.objects.create(initiative=item, team=team, quarter="2026-Q1", hours=hours)
        for criterion in fw.criteria.all():
            framework.score(item, criterion, value)
        for principle in Principle.objects.filter(organisation=organisation, active=True):
            workflow.check_principle(item, principle, "complies")  # so the rules let it start
        if status != "intake":
            workflow.move(item, status, None, "klaar voor beoordeling")
        items[title] = item
    return fw, items
