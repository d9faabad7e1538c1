"""Decisions and the public page: a decision rests on a feasible run, brings the statuses in line
with its selection, records date, body and document, asks for confirmation before publishing,
names the decision it replaces, and the public page shows what was frozen at publication."""

import datetime

import pytest
from django.utils.html import escape

from koers.apps.portfolio import decisions, gates, selection, workflow
from koers.apps.portfolio.models import Decision, Initiative, Score

from portfolio_helpers import make_portfolio
from test_api_support import API, api_for, assert_problem  # noqa: F401

DECISIONS = f"{API}/organisations/proefstad/decisions"


def public_url(organisation):
    return f"/openbaar/{organisation.slug}/portefeuille/"


def decisions_url(organisation):
    return f"/organisaties/{organisation.slug}/portefeuille/besluiten/"


@pytest.fixture
def run(own):
    fw, items = make_portfolio(own)
    return selection.queue(selection.create_run(own, fw, name="Basis"))


def infeasible_run(own):
    fw, _items = make_portfolio(own, capacity=(10, 50))  # the mandatory item needs 30 h of team a
    return selection.queue(selection.create_run(own, fw, name="Te krap"))


def test_nothing_published_is_not_found(client, own):
    make_portfolio(own)
    Decision.objects.create(organisation=own, title="Intern concept", reasoning="Nog geheim")
    assert client.get(public_url(own)).status_code == 404
    assert client.get("/openbaar/bestaat-niet/portefeuille/").status_code == 404


def test_public_page_shows_the_published_decision_as_frozen(client, own, foreign, run):
    published = decisions.decide(own, title="Portefeuille 2026", reasoning="Wij kiezen voor waarde.", run=run)
    decisions.decide(own, title="Concept 2027", reasoning="Nog in bespreking", run=run)
    decisions.publish(published)
    make_portfolio(foreign)
    decisions.publish(decisions.decide(foreign, title="Besluit Elders", reasoning="Elders", run=None))

    page = client.get(public_url(own)).content.decode()
    assert "Portefeuille 2026" in page and "Wij kiezen voor waarde." in page
    assert "Concept 2027" not in page and "Nog in bespreking" not in page and "Besluit Elders" not in page
    items = {str(item.pk): item for item in Initiative.objects.filter(organisation=own)}
    chosen = page.split("<caption>Gekozen initiatieven")[1].split("<caption>Niet gekozen initiatieven")[0]
    not_chosen = page.split("<caption>Niet gekozen initiatieven")[1]
    assert all(item.title in chosen for ident, item in items.items() if ident in run.selected)
    others = [item for ident, item in items.items() if ident not in run.selected]
    assert others and all(item.title in not_chosen and item.title not in chosen for item in others)
    assert "Niet gekozen: team a heeft in 2026-Q1" in not_chosen  # the reason goes with it
    # the weighing: the framework version, every criterion and its weight
    assert "Criteria en gewichten" in page and str(run.framework) in page
    for criterion in run.framework.criteria.all():
        assert escape(criterion.name) in page
    assert "35&nbsp;%" in page  # the default framework weighs its first criterion at 0.35
    assert "Een probleem." not in page  # internal fields stay internal

    # later changes do not leak: the page shows what was frozen at publication
    first = items[run.selected[0]]
    first.title = "Nieuwe interne titel"
    first.save()
    assert "Nieuwe interne titel" not in client.get(public_url(own)).content.decode()

    decisions.withdraw(published)
    assert client.get(public_url(own)).status_code == 404


def test_the_public_tables_stack_into_labelled_lines_on_a_phone(client, own, run):
    import re

    decisions.publish(decisions.decide(own, title="Portefeuille 2026", reasoning="Waarde.", run=run))
    page = client.get(public_url(own)).content.decode()
    tables = re.findall(r"<table[^>]*>.*?</table>", page, re.S)
    assert len(tables) == 3 and "koers-table-scroll" not in page  # records, not a matrix to scroll
    for table in tables:
        assert 'class="koers-table koers-table--stack"' in table
        headers = re.findall(r'<th scope="col">([^<]+)</th>', table)
        labels = re.findall(r'<td data-label="([^"]+)">', table)
        assert table.count("<td") == len(labels) and set(labels) == set(headers[1:])


def test_a_decision_on_an_infeasible_or_unfinished_run_is_refused(own, client_for, api_for):
    bad = infeasible_run(own)
    with pytest.raises(decisions.DecisionRefused) as refused:
        decisions.decide(own, title="Toch kiezen", reasoning="x", run=bad)
    assert "geen haalbare selectie" in refused.value.messages[0]
    queued = selection.create_run(own, bad.framework, name="Nog in de wachtrij")
    with pytest.raises(decisions.DecisionRefused, match="nog niet berekend"):
        decisions.decide(own, title="Te vroeg", reasoning="x", run=queued)

    page = client_for("manager").post(f"{decisions_url(own)}nieuw/", {
        "title": "Toch kiezen", "reasoning": "x", "run": bad.pk, "meeting_date": "2026-03-12",
        "body": "College van B&W"})
    assert page.status_code == 400 and "geen haalbare selectie" in page.content.decode()
    response = api_for("manager").post(DECISIONS, {"title": "Toch kiezen", "reasoning": "x", "run": bad.pk},
                                       format="json")
    body = assert_problem(response, 409)
    assert body["type"] == "urn:koers:problem:decision-refused" and "geen haalbare selectie" in body["detail"]
    assert not Decision.objects.exists()


def test_decision_records_date_body_and_document(own, client_for, api_for, run):
    response = client_for("manager").post(f"{decisions_url(own)}nieuw/", {
        "title": "Voorjaarsbesluit", "reasoning": "Meeste waarde.", "run": run.pk, "meeting_date": "2026-03-12",
        "body": "College van B&W", "document_url": "https://example.org/besluitenlijst.pdf"})
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (decision.meeting_date, decision.body, decision.document_url) == (
        datetime.date(2026, 3, 12), "College van B&W", "https://example.org/besluitenlijst.pdf")
    page = client_for("viewer").get(decisions_url(own)).content.decode()
    assert "Besloten op 12 maart 2026 door College van B&amp;W" in page
    assert 'href="https://example.org/besluitenlijst.pdf"' in page

    bad_url = client_for("manager").post(f"{decisions_url(own)}nieuw/", {
        "title": "X", "reasoning": "Y", "meeting_date": "morgen", "body": "Raad", "document_url": "geen link"})
    assert bad_url.status_code == 400 and Decision.objects.count() == 1

    made = api_for("manager").post(DECISIONS, {"title": "Via de API", "reasoning": "Zo.", "run": run.pk},
                                   format="json").json()
    assert made["meeting_date"] == datetime.date.today().isoformat() and made["body"] == "Portefeuilleoverleg"


def test_publishing_asks_for_confirmation(client_for, own):
    decision = Decision.objects.create(organisation=own, title="Besluit", reasoning="Omdat")
    url = f"{decisions_url(own)}{decision.pk}/publicatie/"
    manager = client_for("manager")
    page = manager.get(decisions_url(own)).content.decode()
    assert 'name="confirm"' in page and "required" in page
    unconfirmed = manager.post(url, {"action": "publish"}, follow=True)
    assert "vink eerst aan dat het openbaar mag" in unconfirmed.content.decode()
    assert not Decision.objects.get(pk=decision.pk).published
    assert manager.post(url, {"action": "publish", "confirm": "on"}).status_code == 302
    assert Decision.objects.get(pk=decision.pk).published


def test_a_newer_published_decision_names_the_one_it_replaces(client, client_for, own, run):
    first = decisions.decide(own, title="Voorjaar", reasoning="a", run=run, meeting_date=datetime.date(2026, 3, 12))
    decisions.publish(first)
    second = decisions.decide(own, title="Najaar", reasoning="b", run=run, meeting_date=datetime.date(2026, 10, 1))
    assert second.supersedes is None  # set when published, not when recorded
    decisions.publish(second)
    assert Decision.objects.get(pk=second.pk).supersedes == first
    assert Decision.objects.get(pk=first.pk).supersedes is None
    replaced = "Vervangt besluit ‘Voorjaar’ van 12 maart 2026."
    assert replaced in client.get(public_url(own)).content.decode()
    assert replaced in client_for("viewer").get(decisions_url(own)).content.decode()
    decisions.publish(second)  # publishing again changes nothing
    assert Decision.objects.get(pk=second.pk).supersedes == first


def test_statuses_follow_the_decided_selection(own, users, run):
    items = {str(item.pk): item for item in Initiative.objects.filter(organisation=own)}
    unchosen = next(item for ident, item in items.items() if ident not in run.selected)
    Initiative.objects.filter(pk=unchosen.pk).update(status=Initiative.Status.PRIORITISED)

    decision = decisions.decide(own, title="Portefeuille 2026", reasoning="Zo.", run=run, user=users["manager"])

    facts = workflow.facts_by_initiative(own, Initiative.objects.filter(organisation=own))
    rules = workflow.enabled_rules(own)
    for item in Initiative.objects.filter(organisation=own):
        if str(item.pk) in run.selected:
            assert item.status in ("prioritised", "in_progress"), item
            assert gates.start_blockers(facts[item.pk], item.status, rules) == [], item
            assert item.transitions.filter(reason=f"Besluit ‘{decision.title}’").exists()
        else:
            assert item.status == "assessment", item  # nothing prioritised that was not chosen
    assert Initiative.objects.get(pk=unchosen.pk).transitions.filter(
        reason="Niet gekozen in besluit ‘Portefeuille 2026’").exists()


def test_a_decision_whose_moves_a_rule_blocks_is_refused_and_changes_nothing(own, run):
    chosen = Initiative.objects.get(pk=int(run.selected[0]))
    Score.objects.filter(initiative=chosen).delete()  # since the run: no longer scored
    with pytest.raises(decisions.DecisionRefused) as refused:
        decisions.decide(own, title="Portefeuille 2026", reasoning="Zo.", run=run)
    assert chosen.title in refused.value.messages[0] and "Nog niet gescoord" in refused.value.messages[0]
    assert not Decision.objects.exists()
    assert set(Initiative.objects.filter(organisation=own).values_list("status", flat=True)) == {"assessment"}
