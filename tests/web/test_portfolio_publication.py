"""The public page shows only what a manager published; nothing published gives 404."""

from koers.apps.portfolio import decisions, selection
from koers.apps.portfolio.models import Decision

from portfolio_helpers import make_portfolio


def public_url(organisation):
    return f"/openbaar/{organisation.slug}/portefeuille/"


def test_nothing_published_is_not_found(client, own):
    make_portfolio(own)
    Decision.objects.create(organisation=own, title="Intern concept", reasoning="Nog geheim")
    assert client.get(public_url(own)).status_code == 404
    assert client.get("/openbaar/bestaat-niet/portefeuille/").status_code == 404


def test_public_page_shows_only_the_published_decision(client, own, foreign, users):
    fw, items = make_portfolio(own)
    run = selection.queue(selection.create_run(own, fw, name="Basis"))
    published = decisions.decide(own, title="Portefeuille 2026", reasoning="Wij kiezen voor waarde.", run=run)
    decisions.decide(own, title="Concept 2027", reasoning="Nog in bespreking", run=run)
    decisions.publish(published)
    make_portfolio(foreign)
    decisions.publish(decisions.decide(foreign, title="Besluit Elders", reasoning="Elders", run=None))

    page = client.get(public_url(own)).content.decode()
    assert "Portefeuille 2026" in page and "Wij kiezen voor waarde." in page
    assert "Concept 2027" not in page and "Nog in bespreking" not in page and "Besluit Elders" not in page
    chosen = [item for item in items.values() if item.engine_id in run.selected]
    not_chosen = [item for item in items.values() if item.engine_id not in run.selected]
    assert all(item.title in page for item in chosen)
    assert not_chosen and all(item.title not in page for item in not_chosen)
    assert "Een probleem." not in page  # internal fields stay internal

    # later changes do not leak: the page shows what was frozen at publication
    first = chosen[0]
    first.title = "Nieuwe interne titel"
    first.save()
    assert "Nieuwe interne titel" not in client.get(public_url(own)).content.decode()

    decisions.withdraw(published)
    assert client.get(public_url(own)).status_code == 404


def test_manager_publishes_through_the_page(client_for, own):
    decision = Decision.objects.create(organisation=own, title="Besluit", reasoning="Omdat")
    response = client_for("manager").post(
        f"/organisaties/{own.slug}/portefeuille/besluiten/{decision.pk}/publicatie/", {"action": "publish"})
    assert response.status_code == 302
    assert Decision.objects.get(pk=decision.pk).published
