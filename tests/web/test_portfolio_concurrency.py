"""No lost update (issue 14, point 3): two managers edit one initiative; the second save, made from the
version both started with, is refused on the page (the form again, naming what changed) and in the API
(412 with ETag / If-Match), and the first change stays."""

from __future__ import annotations

import html
import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from koers.apps.organisations.models import Role
from koers.apps.portfolio import editing, workflow
from koers.apps.portfolio.models import Initiative

from portfolio_helpers import make_portfolio
from test_api_support import API, api_for, assert_problem, openapi_document  # noqa: F401
from test_portfolio_editing import _edit_url, _fields
from web_helpers import make_user


@pytest.fixture
def item(own):
    chatbot = make_portfolio(own)[1]["Chatbot"]
    chatbot.refresh_from_db()  # moved to assessment: version 2
    return chatbot


@pytest.fixture
def managers(own, users):
    second = make_user("tweede-beheerder", own, Role.MANAGER)
    clients = []
    for user in (users["manager"], second):
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def _version_on(page) -> str:
    return re.search(r'<input type="hidden" name="version" value="(\d+)"', page.content.decode()).group(1)


def test_the_second_save_from_the_same_version_is_refused_on_the_page(item, managers):
    first, second = managers
    loaded = [_version_on(client.get(_edit_url(item))) for client in managers]
    assert loaded[0] == loaded[1] == str(item.version)

    assert first.post(_edit_url(item), _fields(item, title="Chatbot voor vergunningen",
                                               version=loaded[0])).status_code == 302
    response = second.post(_edit_url(item), _fields(item, owner="Iemand anders", version=loaded[1]))
    body = html.unescape(response.content.decode())
    assert response.status_code == 409
    assert "Iemand anders heeft dit initiatief intussen gewijzigd" in body
    assert "titel door manager, nu ‘Chatbot voor vergunningen’" in body
    # The second manager's input is kept, and the form now carries the current version.
    assert re.search(r'name="owner"[^>]*value="Iemand anders"', body)
    item.refresh_from_db()
    assert item.title == "Chatbot voor vergunningen" and item.owner == "Eigenaar"
    assert _version_on(response) == str(item.version) != loaded[1]

    # Having seen the other change, saving again goes through.
    again = second.post(_edit_url(item), _fields(item, owner="Iemand anders", version=_version_on(response)))
    assert again.status_code == 302
    item.refresh_from_db()
    assert item.owner == "Iemand anders" and item.title == "Chatbot voor vergunningen"


def test_a_stale_effort_page_and_compliance_form_are_refused(own, item, managers):
    first, second = managers
    base = f"/organisaties/{own.slug}/portefeuille/initiatieven/{item.pk}/"
    version = str(item.version)
    assert first.post(base + "inzet/", {"effort": "a, 2026-Q1, 5", "version": version}).status_code == 302
    stale = second.post(base + "inzet/", {"effort": "b, 2026-Q1, 7", "version": version})
    assert stale.status_code == 409 and "intussen gewijzigd" in stale.content.decode()
    assert [(row.team.code, row.hours) for row in item.effort.all()] == [("a", 5)]

    item.refresh_from_db()
    form = {"owner": "Eigenaar", "intended_effect": "Inwoners merken het.", "personal_data": "none",
            "algorithm": "none", "dpia_done": "on", "version": str(item.version)}
    assert first.post(base + "spelregels/", {**form, "owner": "Nieuw"}).status_code == 302
    page = second.post(base + "spelregels/", form, follow=True).content.decode()
    assert "intussen gewijzigd" in html.unescape(page)
    item.refresh_from_db()
    assert item.owner == "Nieuw"


def test_a_status_move_also_raises_the_version(item):
    version = item.version
    workflow.move(item, "parked", None, "Even niet")
    with pytest.raises(editing.StaleVersion) as stale:
        editing.update(item, {"title": "Ander"}, expected_version=version)
    assert [change.field for change in stale.value.changes] == ["status"]
    assert Initiative.objects.get(pk=item.pk).title == "Chatbot"


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="real parallel transactions need PostgreSQL (CI: tools/with-postgres.sh)")
@pytest.mark.django_db(transaction=True)
def test_two_threads_saving_the_same_version_at_once_one_wins(own):
    """Two real transactions at once: the row lock makes the second see the first's version."""
    item = make_portfolio(own)[1]["Chatbot"]
    item.refresh_from_db()
    start, outcomes = threading.Barrier(2), {}

    def save(owner):
        start.wait()
        try:
            editing.update(Initiative.objects.get(pk=item.pk), {"owner": owner}, expected_version=item.version)
            outcomes[owner] = "saved"
        except editing.StaleVersion:
            outcomes[owner] = "stale"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(owner,)) for owner in ("Eerste", "Tweede")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["saved", "stale"]
    stored = Initiative.objects.get(pk=item.pk)
    [winner] = [owner for owner, outcome in outcomes.items() if outcome == "saved"]
    assert stored.owner == winner and stored.version == item.version + 1


def _url(item):
    return f"{API}/organisations/{item.organisation.slug}/initiatives/{item.pk}"


def test_the_api_refuses_a_stale_if_match_with_412(item, api_for):
    first, second = api_for("manager"), api_for("admin")
    tags = [client.get(_url(item))["ETag"] for client in (first, second)]
    assert tags[0] == tags[1] == f'"{item.version}"'
    assert first.get(_url(item)).json()["version"] == item.version

    saved = first.patch(_url(item), {"title": "Chatbot 2"}, format="json", HTTP_IF_MATCH=tags[0])
    assert saved.status_code == 200 and saved["ETag"] == f'"{item.version + 1}"'
    refused = second.patch(_url(item), {"owner": "Ander"}, format="json", HTTP_IF_MATCH=tags[1])
    body = assert_problem(refused, 412)
    assert body["type"] == "urn:koers:problem:precondition-failed"
    assert "titel door manager, nu ‘Chatbot 2’" in body["detail"]
    assert refused["ETag"] == saved["ETag"]
    item.refresh_from_db()
    assert item.title == "Chatbot 2" and item.owner == "Eigenaar"

    # The version in the body does the same for clients that cannot set headers.
    assert_problem(second.patch(_url(item), {"owner": "Ander", "version": 1}, format="json"), 412)
    # The current tag (also in its weak form, or *) is accepted; without If-Match nothing is checked.
    assert second.patch(_url(item), {"owner": "Ander"}, format="json",
                        HTTP_IF_MATCH=f'W/{saved["ETag"]}').status_code == 200
    assert second.patch(_url(item), {"department": "KCC"}, format="json", HTTP_IF_MATCH="*").status_code == 200
    assert second.patch(_url(item), {"exclusive_group": "x"}, format="json").status_code == 200
    assert_problem(second.patch(_url(item), {"owner": "Weer"}, format="json", HTTP_IF_MATCH='"oud"'), 412)


def test_the_openapi_document_shows_etag_if_match_and_412():
    document = openapi_document()
    item = document["paths"]["/organisations/{organisation_slug}/initiatives/{id}"]
    assert "ETag" in item["get"]["responses"]["200"]["headers"]
    patch = item["patch"]
    assert any(p["in"] == "header" and p["name"] == "If-Match" for p in patch["parameters"])
    assert "412" in patch["responses"] and "ETag" in patch["responses"]["200"]["headers"]
