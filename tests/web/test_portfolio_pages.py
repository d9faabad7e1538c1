"""The portfolio pages render for their roles and the intake form stores a request."""

from koers.apps.portfolio import selection
from koers.apps.portfolio.models import EffortEstimate, Initiative, Team, Transition

from portfolio_helpers import make_portfolio


def test_intake_form_stores_the_request(client_for, own):
    Team.objects.create(organisation=own, code="ontwikkeling", name="Ontwikkeling")
    client = client_for("contributor")
    page = client.get(f"/organisaties/{own.slug}/portefeuille/aanvragen/")
    assert page.status_code == 200 and "Beoogd effect" in page.content.decode()
    response = client.post(f"/organisaties/{own.slug}/portefeuille/aanvragen/", {
        "title": "Vergunningscheck", "problem": "Ondernemers weten niet welke vergunning nodig is.",
        "intended_effect": "Snel duidelijkheid", "department": "Vergunningen", "personal_data": "none",
        "algorithm": "none", "owner": "Teamleider", "cost_once": "10000", "cost_yearly": "1000",
        "desired_start": "2026-Q1", "desired_end": "2026-Q2", "effort": "ontwikkeling, 2026-Q1, 120",
    })
    item = Initiative.objects.get(title="Vergunningscheck")
    assert response.status_code == 302 and item.status == "intake" and item.reference == "I-001"
    assert EffortEstimate.objects.get(initiative=item).hours == 120
    assert Transition.objects.get(initiative=item).to_status == "intake"


def test_intake_form_errors_are_in_dutch(client_for, own):
    response = client_for("contributor").post(f"/organisaties/{own.slug}/portefeuille/aanvragen/", {
        "title": "", "effort": "onbekend, 2026-Q1, 5", "desired_start": "2026-5"})
    body = response.content.decode()
    assert response.status_code == 400 and "Er is een probleem" in body and "onbekend team" in body


def test_manager_pages_render(client_for, own):
    fw, items = make_portfolio(own)
    run = selection.queue(selection.create_run(own, fw, name="Basis", sensitivity_draws=3))
    client = client_for("manager")
    base = f"/organisaties/{own.slug}/portefeuille/"
    for path in ("", "initiatieven/", f"initiatieven/{items['Chatbot'].pk}/", "afwegingskaders/",
                 f"afwegingskaders/{fw.pk}/", "spelregels/", "capaciteit/", "scenarios/", f"scenarios/{run.pk}/",
                 "besluiten/"):
        assert client.get(base + path).status_code == 200, path
    assert "Gekozen in trekkingen" in client.get(f"{base}scenarios/{run.pk}/").content.decode()


def test_new_scenario_through_the_page(client_for, own):
    fw, _ = make_portfolio(own)
    response = client_for("manager").post(f"/organisaties/{own.slug}/portefeuille/scenarios/nieuw/", {
        "name": "Capaciteit +20 %", "framework": fw.pk, "capacity_percent": 120, "budget": "",
        "sensitivity_draws": 0})
    assert response.status_code == 302
    assert selection.SelectionRun.objects.get(name="Capaciteit +20 %").capacity_factor == 1.2


def test_changes_are_audited(own):
    from koers.apps.audit.models import AuditEntry

    make_portfolio(own)
    models = set(AuditEntry.objects.filter(organisation=own).values_list("model", flat=True))
    assert {"portfolio.initiative", "portfolio.transition", "portfolio.score", "portfolio.criteriaframework"} <= models
