"""Permission matrix of the readiness scan: every page × role × own/foreign organisation, and the
respondent link (its own round's questionnaire only, once). API endpoints are in the second half.

Viewers read rounds, results and questionnaires; contributors also see the proposal button; managers
open and close rounds, make and revoke links and copy, edit and publish questionnaires.
"""

from __future__ import annotations

import pytest

from koers.apps.organisations.models import ROLE_RANK, Role
from koers.apps.readiness import questionnaires
from koers.apps.readiness.models import Dimension, Invitation, Item, Response
from koers.apps.readiness.urls import urlpatterns

from readiness_helpers import make_round
from page_matrix import Endpoint, PageMatrix
from web_helpers import tenant_objects

FIVE = [{"raad": 2}] * 5
LEVELS = {f"level_{n}": f"niveau {n}" for n in range(1, 5)}
PAGES = {  # url name -> (HTTP method, the lowest role allowed, form data)
    "readiness:overview": ("get", Role.VIEWER, {}),
    "readiness:round": ("get", Role.VIEWER, {}),
    "readiness:round_create": ("post", Role.MANAGER, {"name": "Nieuw", "questionnaire": "{shipped_id}",
                                                      "min_respondents": 5}),
    "readiness:round_close": ("post", Role.MANAGER, {}),
    "readiness:invitations_create": ("post", Role.MANAGER, {"count": 2}),
    "readiness:invitation_revoke": ("post", Role.MANAGER, {}),
    "readiness:questionnaire": ("get", Role.VIEWER, {}),
    "readiness:questionnaire_copy": ("post", Role.MANAGER, {}),
    "readiness:questionnaire_publish": ("post", Role.MANAGER, {}),
    "readiness:dimension_edit": ("post", Role.MANAGER, {"name": "Eigen", "description": "", "oecd": "proactive"}),
    "readiness:item_edit": ("post", Role.MANAGER, {"text": "Eigen vraag", **LEVELS}),
    "readiness:item_add": ("post", Role.MANAGER, {"text": "Nieuwe vraag", **LEVELS}),
    "readiness:item_delete": ("post", Role.MANAGER, {}),
}
MATRIX = PageMatrix("readiness", PAGES, urlpatterns, own_secret=b"eigen ronde")
KWARGS, url_for, data_for = MATRIX.kwargs, MATRIX.url_for, MATRIX.data_for
(test_the_matrix_covers_every_readiness_page, test_every_readiness_page_declares_its_role, test_own_organisation,
 test_foreign_organisation_is_never_shown, test_anonymous_users_are_sent_to_the_login_page) = MATRIX.tests()


def _ids(organisation, secret):
    round_ = make_round(organisation, secret, answers=FIVE, closed=False, extra_links=1)
    draft = questionnaires.copy(questionnaires.default(), organisation, name=secret)
    dimension = Dimension.objects.filter(questionnaire=draft).first()
    return {"round_id": round_.pk, "invitation_id": Invitation.objects.filter(round=round_, used_on=None).get().pk,
            "questionnaire_id": draft.pk, "dimension_id": dimension.pk,
            "item_id": Item.objects.filter(dimension=dimension).first().pk, "token": round_.tokens[0],
            "shipped_id": questionnaires.default().pk}


# Built once for the module (conftest), before its first test: every test sees the same data.
pytestmark = pytest.mark.usefixtures("shared_tenants", "shared_ids")


shared_ids = tenant_objects("shared_ids", _ids, "eigen ronde")


@pytest.fixture
def setup(own, foreign, users, outsider, shared_ids):
    return {"own": (own, shared_ids["own"]), "foreign": (foreign, shared_ids["foreign"])}


@pytest.mark.parametrize("name", ["readiness:round", "readiness:invitation_revoke", "readiness:item_edit",
                                  "readiness:item_add", "readiness:item_delete", "readiness:dimension_edit",
                                  "readiness:questionnaire"])
def test_foreign_objects_through_own_organisation_are_not_found(client, users, setup, name):
    own, _ = setup["own"]
    _, foreign_ids = setup["foreign"]
    mixed = {**setup["own"][1], **{k: foreign_ids[k] for k in KWARGS[name] if k != "round_id"}} \
        if name == "readiness:invitation_revoke" else foreign_ids
    client.force_login(users["admin"])
    method = PAGES[name][0]
    response = getattr(client, method)(url_for(name, own, mixed), data_for(name, mixed))
    assert response.status_code == 404


def test_a_link_opens_its_own_round_only_once_without_an_account(client, setup):
    own, ids = setup["own"]
    page = client.get(f"/zelfscan/{ids['token']}/")
    assert page.status_code == 200
    assert b"eigen ronde" in page.content and b"geheim-elders" not in page.content
    data = {}
    for item in Item.objects.filter(dimension__questionnaire__organisation=None):
        data.update({f"level_{item.pk}": 2, f"confidence_{item.pk}": "low"})
    assert client.post(f"/zelfscan/{ids['token']}/", data).status_code == 200
    assert Response.objects.filter(round_id=ids["round_id"]).count() == 6
    assert client.get(f"/zelfscan/{ids['token']}/").status_code == 410
    # a logged-in member gets no more than anyone else through a used link
    client.force_login(own.memberships.get(role="admin").user)
    assert client.get(f"/zelfscan/{ids['token']}/").status_code == 410


# --- API -------------------------------------------------------------------------------------------

from test_api_support import API, api_for, assert_problem, conforms  # noqa: E402,F401 - api_for is a fixture


ENDPOINTS = [
    Endpoint("questionnaires", "get", "/readiness-questionnaires", "viewer", 200),
    Endpoint("questionnaire", "get", "/readiness-questionnaires/{questionnaire_id}", "viewer", 200),
    Endpoint("rounds", "get", "/readiness-rounds", "viewer", 200),
    Endpoint("round", "get", "/readiness-rounds/{round_id}", "viewer", 200),
    Endpoint("round-create", "post", "/readiness-rounds", "manager", 201, {"name": "API", "questionnaire": 0}),
    Endpoint("round-close", "patch", "/readiness-rounds/{round_id}", "manager", 200, {"closed": True}),
    Endpoint("results", "get", "/readiness-rounds/{round_id}/results", "viewer", 200),
    Endpoint("invitations", "get", "/readiness-rounds/{round_id}/invitations", "manager", 200),
    Endpoint("invitation-create", "post", "/readiness-rounds/{round_id}/invitations", "manager", 201, {"count": 2}),
    Endpoint("invitation-revoke", "delete", "/readiness-rounds/{round_id}/invitations/{invitation_id}", "manager",
             204),
    Endpoint("round-delete", "delete", "/readiness-rounds/{round_id}", "manager", 204),
]
API_ROLES = ["viewer", "contributor", "manager", "admin"]


def call(client, endpoint, slug, ids):
    path = f"{API}/organisations/{slug}" + endpoint.path.format(**ids)
    body = endpoint.body
    if body and "questionnaire" in body:
        body = {**body, "questionnaire": ids["shipped_id"]}
    return getattr(client, endpoint.method)(path, body, format="json")


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
@pytest.mark.parametrize("role", API_ROLES)
def test_api_role_on_own_organisation(endpoint, role, api_for, setup):
    response = call(api_for(role), endpoint, "proefstad", setup["own"][1])
    if ROLE_RANK[role] >= ROLE_RANK[endpoint.needed]:
        assert response.status_code == endpoint.success, response.content[:600]
    else:
        assert_problem(response, 403)
    assert response["API-Version"] == "1.0.0"
    conforms(response)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_api_foreign_organisation_is_not_found(endpoint, api_for, setup):
    response = call(api_for("admin"), endpoint, "elders", setup["foreign"][1])
    assert_problem(response, 404)
    assert b"geheim-elders" not in response.content


def test_api_gives_the_links_only_when_they_are_made(api_for, setup):
    own, ids = setup["own"]
    client = api_for("manager")
    made = call(client, ENDPOINTS[8], "proefstad", ids).json()["invitations"]
    assert len(made) == 2 and all("/zelfscan/" in row["link"] for row in made)
    listed = call(client, ENDPOINTS[7], "proefstad", ids).content.decode()
    assert "/zelfscan/" not in listed and made[0]["link"].rsplit("/", 2)[-2] not in listed


def test_api_results_are_empty_below_the_minimum(api_for, own, users):
    round_ = make_round(own, "klein", answers=FIVE[:2])
    body = api_for("viewer").get(f"{API}/organisations/proefstad/readiness-rounds/{round_.pk}/results").json()
    assert body["available"] is False and body["dimensions"] == [] and body["respondents"] == 2
