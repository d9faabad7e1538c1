"""The reports API: every endpoint × role × own/foreign organisation, and its behaviour (drafts only for
managers, issuing freezes and answers with the SHA-256, a draft cannot be published, the PDF)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pytest

from koers.apps.organisations.models import ROLE_RANK
from koers.apps.reports.models import Report

from report_helpers import reports_of
from test_api_support import API, api_for, assert_problem, conforms  # noqa: F401 - api_for is a fixture
from web_helpers import tenant_objects



# Built once for the module (conftest), before its first test: every test sees the same data.
pytestmark = pytest.mark.usefixtures("shared_tenants", "shared_reports")


shared_reports = tenant_objects("shared_reports", reports_of, "eigen")


@pytest.fixture
def setup(own, foreign, users, outsider, shared_reports):
    def fresh(reports):  # this test's own instances
        return {which: Report.objects.get(pk=report.pk) for which, report in reports.items()}

    return {"own": fresh(shared_reports["own"]), "foreign": fresh(shared_reports["foreign"])}


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    path: str
    needed: str
    success: int
    body: dict | None = None
    which: str = "issued"


ENDPOINTS = [
    Endpoint("list", "get", "/reports", "viewer", 200),
    Endpoint("create", "post", "/reports", "manager", 201, {
        "title": "Voortgang", "period_start": "2026-01-01", "period_end": "2026-06-30", "sections": ["portfolio"]}),
    Endpoint("retrieve", "get", "/reports/{id}", "viewer", 200),
    Endpoint("issue", "post", "/reports/{id}/issue", "manager", 200, None, "draft"),
    Endpoint("publication", "post", "/reports/{id}/publication", "manager", 200, {"published": True}),
    Endpoint("pdf", "get", "/reports/{id}/pdf", "viewer", 200),
]
ROLES = ["viewer", "contributor", "manager", "admin"]


def call(client, endpoint, slug, reports):
    path = f"{API}/organisations/{slug}" + endpoint.path.format(id=reports[endpoint.which].pk)
    return getattr(client, endpoint.method)(path, endpoint.body, format="json")


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
@pytest.mark.parametrize("role", ROLES)
def test_role_on_own_organisation(endpoint, role, api_for, setup):
    response = call(api_for(role), endpoint, "proefstad", setup["own"])
    if ROLE_RANK[role] >= ROLE_RANK[endpoint.needed]:
        assert response.status_code == endpoint.success, response.content[:600]
    else:
        assert_problem(response, 403)
    assert response["API-Version"] == "1.0.0"
    if endpoint.name != "pdf":
        conforms(response)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
@pytest.mark.parametrize("role", ROLES)
def test_foreign_organisation_is_not_found(endpoint, role, api_for, setup):
    response = call(api_for(role), endpoint, "elders", setup["foreign"])
    assert_problem(response, 404)
    assert "geheim-elders" not in response.content.decode()


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if "{id}" in e.path], ids=lambda e: e.name)
def test_a_foreign_report_through_own_organisation_is_not_found(endpoint, api_for, setup):
    assert_problem(call(api_for("admin"), endpoint, "proefstad", setup["foreign"]), 404)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_anonymous_gets_401(endpoint, api_for, setup):
    assert_problem(call(api_for(None), endpoint, "proefstad", setup["own"]), 401)


def test_viewers_do_not_see_drafts(api_for, setup):
    titles = [r["title"] for r in api_for("viewer").get(f"{API}/organisations/proefstad/reports").json()["results"]]
    assert titles == ["eigen uitgebracht"]
    response = api_for("viewer").get(f"{API}/organisations/proefstad/reports/{setup['own']['draft'].pk}")
    assert_problem(response, 404)


def test_issue_freezes_and_gives_the_hash_of_the_pdf(api_for, setup):
    manager = api_for("manager")
    base = f"{API}/organisations/proefstad/reports/{setup['own']['draft'].pk}"
    issued = manager.post(f"{base}/issue").json()
    assert issued["state"] == "issued" and issued["version"] == 2 and issued["issued_by"] == "manager"
    pdf = manager.get(f"{base}/pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert hashlib.sha256(b"".join(pdf.streaming_content)).hexdigest() == issued["pdf_sha256"]
    assert_problem(manager.post(f"{base}/issue"), 400)


def test_a_draft_cannot_be_published_or_downloaded(api_for, setup):
    base = f"{API}/organisations/proefstad/reports/{setup['own']['draft'].pk}"
    response = api_for("manager").post(f"{base}/publication", {"published": True}, format="json")
    assert_problem(response, 400)
    assert "Alleen een uitgebrachte" in response.content.decode()
    assert_problem(api_for("manager").get(f"{base}/pdf"), 400)


def test_bad_input_is_named_in_dutch(api_for, setup):
    response = api_for("manager").post(f"{API}/organisations/proefstad/reports", {
        "title": "X", "period_start": "2026-07-01", "period_end": "2026-01-01", "sections": ["portfolio"]},
        format="json")
    assert_problem(response, 400)
    assert "begin van de periode ligt na het einde" in response.content.decode()
