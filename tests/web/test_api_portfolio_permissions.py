"""Permission matrix of the portfolio API: every endpoint × every role × own and foreign organisation.

As for the rest of the API: a member of ``own`` asking about ``foreign`` gets 404 without data, a
role below the one the endpoint needs gets 403, the rest succeed; every response is checked
against the OpenAPI document. The roles are those of the pages: viewer reads; contributor submits
initiatives; manager assesses, moves, scores, edits frameworks and capacity, runs and imports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from koers.apps.organisations.models import ROLE_RANK
from test_api_portfolio_support import conforms, portfolio_for  # noqa: F401
from test_api_support import API, api_for, assert_problem  # noqa: F401

IMPORT_CSV = ("kenmerk,titel,probleem,afdeling,inzet:ict:2026-Q2\r\n"
              "IMP-1,Chatfunctie,Inwoners bellen veel,Publiekszaken,40\r\n").encode()


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    path: str  # {slug} and {<object>} placeholders are filled in per organisation
    needed: str
    success: int
    body: dict | Callable = field(default_factory=dict)
    upload: bool = False

    @property
    def targets(self) -> bool:
        return "{" in self.path.replace("{slug}", "")


ENDPOINTS = [
    Endpoint("initiatives", "get", "/initiatives", "viewer", 200),
    Endpoint("initiatives-csv", "get", "/initiatives?format=csv", "viewer", 200),
    Endpoint("initiatives-xlsx", "get", "/initiatives?format=xlsx", "viewer", 200),
    Endpoint("initiative-submit", "post", "/initiatives", "contributor", 201,
             {"title": "Slimme lantaarnpalen", "problem": "Straatverlichting brandt onnodig.",
              "department": "Openbare ruimte", "effort": [{"team": "ict", "quarter": "2026-Q2", "hours": 30}]}),
    Endpoint("initiative", "get", "/initiatives/{initiative}", "viewer", 200),
    Endpoint("initiative-update", "patch", "/initiatives/{initiative}", "manager", 200,
             {"owner": "Afdelingshoofd", "dpia_done": True}),
    Endpoint("transitions", "get", "/initiatives/{initiative}/transitions", "viewer", 200),
    Endpoint("transition", "post", "/initiatives/{initiative}/transitions", "manager", 201,
             {"to_status": "assessment", "reason": "Aanvraag is compleet."}),
    Endpoint("scores", "get", "/initiatives/{assessed}/scores", "viewer", 200),
    Endpoint("score", "put", "/initiatives/{initiative}/scores/{criterion}", "manager", 200,
             {"value": 4, "note": "Veel bereik"}),
    Endpoint("principle-checks", "get", "/initiatives/{initiative}/principle-checks", "viewer", 200),
    Endpoint("principle-check", "put", "/initiatives/{initiative}/principle-checks/{principle}", "manager", 200,
             {"answer": "complies"}),
    Endpoint("import", "post", "/portfolio-imports", "manager", 200, upload=True),
    Endpoint("frameworks", "get", "/frameworks", "viewer", 200),
    Endpoint("framework", "get", "/frameworks/{framework}", "viewer", 200),
    Endpoint("framework-version", "post", "/frameworks", "manager", 201,
             lambda ids: {"based_on": ids["framework"], "publish": True}),
    Endpoint("framework-publish", "patch", "/frameworks/{draft}", "manager", 200, {"state": "published"}),
    Endpoint("teams", "get", "/teams", "viewer", 200),
    Endpoint("team", "get", "/teams/{team}", "viewer", 200),
    Endpoint("team-add", "post", "/teams", "manager", 201,
             {"code": "data", "name": "Datateam", "capacity": [{"quarter": "2026-Q1", "hours": 80}]}),
    Endpoint("team-capacity", "patch", "/teams/{team}", "manager", 200,
             {"capacity": [{"quarter": "2026-Q1", "hours": 180}, {"quarter": "2026-Q2", "hours": 160}]}),
    Endpoint("selection-runs", "get", "/selection-runs", "viewer", 200),
    Endpoint("selection-run", "get", "/selection-runs/{run}", "viewer", 200),
    Endpoint("sensitivity", "get", "/selection-runs/{run}/sensitivity", "viewer", 200),
    Endpoint("selection-run-start", "post", "/selection-runs", "manager", 201, {"name": "Krap", "capacity_factor": 0.8,
                                                                                "time_limit": 5}),
    Endpoint("decisions", "get", "/decisions", "viewer", 200),
    Endpoint("decision", "get", "/decisions/{decision}", "viewer", 200),
    Endpoint("decision-record", "post", "/decisions", "manager", 201,
             lambda ids: {"title": "Selectie 2026", "reasoning": "Past binnen de capaciteit.", "run": ids["run"]}),
    Endpoint("decision-publish", "patch", "/decisions/{decision}", "manager", 200, {"published": True}),
    Endpoint("rules-of-play", "get", "/rules-of-play", "viewer", 200),
    Endpoint("rule-of-play-switch", "patch", "/rules-of-play/dpia", "manager", 200, {"enabled": False}),
]
ROLES = ["viewer", "contributor", "manager", "admin"]

# Built once for the module (conftest), before its first test: every test sees the same data.
pytestmark = pytest.mark.usefixtures("shared_tenants", "shared_portfolio")


@pytest.fixture(scope="module")
def shared_portfolio(shared_tenants, django_db_blocker):
    with django_db_blocker.unblock():
        return {organisation.slug: portfolio_for(organisation)
                for organisation in (shared_tenants.own, shared_tenants.foreign)}


@pytest.fixture
def portfolio(own, foreign, shared_portfolio):
    """{slug: ids} of the portfolio objects of both organisations."""
    return {slug: dict(ids) for slug, ids in shared_portfolio.items()}


def call(client, endpoint: Endpoint, slug: str, ids: dict):
    path = f"{API}/organisations/{slug}" + endpoint.path.format(**ids)
    if endpoint.upload:
        upload = SimpleUploadedFile("portefeuille.csv", IMPORT_CSV, "text/csv")
        return client.post(path, {"file": upload}, format="multipart")
    body = endpoint.body(ids) if callable(endpoint.body) else endpoint.body
    return getattr(client, endpoint.method)(path, body or None, format="json")


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
@pytest.mark.parametrize("role", ROLES)
def test_role_on_own_organisation(endpoint, role, api_for, portfolio):
    response = call(api_for(role), endpoint, "proefstad", portfolio["proefstad"])
    if ROLE_RANK[role] >= ROLE_RANK[endpoint.needed]:
        assert response.status_code == endpoint.success, response.content[:600]
    else:
        assert_problem(response, 403)
    assert response["API-Version"] == "1.0.0"
    conforms(response)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
@pytest.mark.parametrize("role", ROLES)
def test_foreign_organisation_is_not_found(endpoint, role, api_for, portfolio):
    response = call(api_for(role), endpoint, "elders", portfolio["elders"])
    body = assert_problem(response, 404)
    assert "elders" not in body["detail"].lower() and "Elders" not in response.content.decode()
    conforms(response)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_anonymous_gets_401(endpoint, api_for, portfolio):
    response = call(api_for(None), endpoint, "proefstad", portfolio["proefstad"])
    assert_problem(response, 401)
    conforms(response)


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if e.targets], ids=lambda e: e.name)
def test_foreign_object_through_own_organisation_is_not_found(endpoint, api_for, portfolio):
    """Ids of the other tenant's objects under the own organisation's path: still 404, nothing changed."""
    response = call(api_for("admin"), endpoint, "proefstad", portfolio["elders"])
    assert_problem(response, 404)
    conforms(response)


def test_foreign_framework_as_base_of_a_new_version_is_refused(api_for, portfolio):
    response = api_for("manager").post(f"{API}/organisations/proefstad/frameworks",
                                       {"based_on": portfolio["elders"]["framework"]}, format="json")
    assert_problem(response, 400)


def test_the_outsider_sees_its_own_portfolio_only(api_for, portfolio):
    response = api_for("outsider").get(f"{API}/organisations/elders/initiatives")
    assert response.status_code == 200
    assert {row["id"] for row in response.json()["results"]} >= {portfolio["elders"]["initiative"]}
    assert portfolio["proefstad"]["initiative"] not in {row["id"] for row in response.json()["results"]}
