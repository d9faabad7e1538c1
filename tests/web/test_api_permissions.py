"""Permission matrix of the REST API: every endpoint × every role × own and foreign organisation.

A member of ``own`` asking about ``foreign`` always gets 404 without data; a role below the one
the endpoint needs gets 403; the rest succeed. Every response is checked against the OpenAPI
document. The needed roles are the ones of the contract (viewer reads; contributor uploads and
retries; manager edits the codebook, rescans and reads the audit trail; admin manages members,
invitations and the organisation's settings).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from koers.apps.agenda.models import Status
from koers.apps.audit.models import AuditEntry
from koers.apps.organisations.models import ROLE_RANK, Invitation, Membership
from test_api_support import API, api_for, assert_problem, conforms  # noqa: F401
from web_helpers import store_document

CODEBOOK = """\
[codebook]
name = "Proefcodeboek"

[[themes]]
id = "dienstverlening"
label = "Digitale dienstverlening"
terms = ["digitaal loket", "DigiD"]
"""


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    path: str  # {slug} and {id} are filled in per organisation
    needed: str
    success: int
    body: dict = field(default_factory=dict)
    target: str = ""  # which object {id} refers to: document, failed, audit, member, invitation
    multipart: bool = False


ENDPOINTS = [
    Endpoint("organisation", "get", "/organisations/{slug}", "viewer", 200),
    Endpoint("organisation-update", "patch", "/organisations/{slug}", "admin", 200, {"population": 65_000}),
    Endpoint("documents", "get", "/organisations/{slug}/documents", "viewer", 200),
    Endpoint("document", "get", "/organisations/{slug}/documents/{id}", "viewer", 200, target="document"),
    Endpoint("upload", "post", "/organisations/{slug}/documents", "contributor", 201, multipart=True),
    Endpoint("retry", "post", "/organisations/{slug}/documents/{id}/retry", "contributor", 202, target="failed"),
    Endpoint("rescan", "post", "/organisations/{slug}/documents/rescan", "manager", 202),
    Endpoint("codebook", "get", "/organisations/{slug}/codebook", "manager", 200),
    Endpoint("codebook-put", "put", "/organisations/{slug}/codebook", "manager", 200, {"text": CODEBOOK}),
    Endpoint("audit-entries", "get", "/organisations/{slug}/audit-entries", "manager", 200),
    Endpoint("audit-csv", "get", "/organisations/{slug}/audit-entries?format=csv", "manager", 200),
    Endpoint("audit-entry", "get", "/organisations/{slug}/audit-entries/{id}", "manager", 200, target="audit"),
    Endpoint("members", "get", "/organisations/{slug}/members", "admin", 200),
    Endpoint("member", "get", "/organisations/{slug}/members/{id}", "admin", 200, target="member"),
    Endpoint("member-role", "patch", "/organisations/{slug}/members/{id}", "admin", 200, {"role": "manager"},
             target="member"),
    Endpoint("member-remove", "delete", "/organisations/{slug}/members/{id}", "admin", 204, target="member"),
    Endpoint("invitations", "get", "/organisations/{slug}/member-invitations", "admin", 200),
    Endpoint("invite", "post", "/organisations/{slug}/member-invitations", "admin", 201,
             {"email": "nieuwkomer@example.org", "role": "viewer"}),
    Endpoint("invitation", "get", "/organisations/{slug}/member-invitations/{id}", "admin", 200,
             target="invitation"),
    Endpoint("invitation-withdraw", "delete", "/organisations/{slug}/member-invitations/{id}", "admin", 204,
             target="invitation"),
]
ROLES = ["viewer", "contributor", "manager", "admin"]


# Built once for the module (conftest), before its first test: every test sees the same data.
pytestmark = pytest.mark.usefixtures("shared_tenants", "shared_world")


@pytest.fixture(scope="module")
def shared_world(shared_tenants, django_db_blocker):
    """Objects of both organisations, so a foreign id is a real id of the other tenant."""
    objects = {}
    with django_db_blocker.unblock():
        for organisation in (shared_tenants.own, shared_tenants.foreign):
            objects[organisation.slug] = world_of(organisation)
    return objects


@pytest.fixture
def world(own, foreign, users, outsider, shared_world):
    return {slug: dict(ids) for slug, ids in shared_world.items()}


def world_of(organisation):
    member = Membership.objects.create(user=get_user_model().objects.create_user(f"lid-{organisation.slug}"),
                                       organisation=organisation, role="viewer")
    return {
        "document": store_document(organisation).pk,
        "failed": store_document(organisation, "kapot.txt", scan=False, status=Status.FAILED,  # may be retried
                                 error="het bestand is beschadigd").pk,
        "member": member.pk,
        "invitation": Invitation.objects.create(
            organisation=organisation, email=f"gast@{organisation.slug}.example.org", token_hash=organisation.slug,
            expires_at=timezone.now() + timedelta(days=14)).pk,
        "audit": AuditEntry.objects.filter(organisation_id=organisation.pk).first().pk,
    }


def call(client, endpoint: Endpoint, slug: str, objects: dict):
    path = API + endpoint.path.format(slug=slug, id=objects[slug].get(endpoint.target, 0))
    if endpoint.multipart:
        upload = SimpleUploadedFile("nota.txt", b"Het digitaal loket is open met DigiD.\n", "text/plain")
        return client.post(path, {"files": [upload], "doc_type": "kadernota"}, format="multipart")
    return getattr(client, endpoint.method)(path, endpoint.body or None, format="json")


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
@pytest.mark.parametrize("role", ROLES)
def test_role_on_own_organisation(endpoint, role, api_for, world):
    response = call(api_for(role), endpoint, "proefstad", world)
    if ROLE_RANK[role] >= ROLE_RANK[endpoint.needed]:
        assert response.status_code == endpoint.success, response.content[:400]
    else:
        assert_problem(response, 403)
    assert response["API-Version"] == "1.0.0"
    conforms(response)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
@pytest.mark.parametrize("role", ROLES)
def test_foreign_organisation_is_not_found(endpoint, role, api_for, world):
    response = call(api_for(role), endpoint, "elders", world)
    body = assert_problem(response, 404)
    assert "elders" not in body["detail"].lower() and "Elders" not in response.content.decode()
    conforms(response)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_anonymous_gets_401(endpoint, api_for, world):
    response = call(api_for(None), endpoint, "proefstad", world)
    assert_problem(response, 401)
    assert response["WWW-Authenticate"] == "Token"
    conforms(response)


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if e.target], ids=lambda e: e.name)
def test_foreign_object_through_own_organisation_is_not_found(endpoint, api_for, world):
    """An id of the other tenant's object under the own organisation's path: still 404."""
    objects = {"proefstad": world["elders"]}
    response = call(api_for("admin"), endpoint, "proefstad", objects)
    assert_problem(response, 404)


def test_organisation_list_shows_only_own_organisations_with_own_role(api_for, world):
    response = api_for("contributor").get(f"{API}/organisations")
    assert response.status_code == 200
    conforms(response)
    listed = response.json()["results"]
    assert [(o["slug"], o["role"]) for o in listed] == [("proefstad", "contributor")]
    outsider_view = api_for("outsider").get(f"{API}/organisations").json()["results"]
    assert [o["slug"] for o in outsider_view] == ["elders"]


def test_superuser_without_membership_sees_nothing(api_for, world, users):
    users["viewer"].is_superuser = True
    users["viewer"].save()
    Membership.objects.filter(user=users["viewer"]).delete()
    client = api_for("viewer")
    assert client.get(f"{API}/organisations").json()["results"] == []
    assert_problem(client.get(f"{API}/organisations/proefstad/documents"), 404)


def test_session_authentication_works_for_a_logged_in_member(client_for, world):
    response = client_for("viewer").get(f"{API}/organisations/proefstad")
    assert response.status_code == 200
    assert response.json()["name"] == "Gemeente Proefstad"


def test_invalid_token_is_401(world):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    assert_problem(client.get(f"{API}/organisations"), 401)
