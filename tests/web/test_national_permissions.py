"""Permissions of the national view: the figures (page, CSV, API) are public for everyone, signed in or
not; the opt-in page is for the organisation's admin only, another organisation's is 404, and both
switches are in the audit trail."""

from __future__ import annotations

import pytest

from koers.apps.audit.models import AuditEntry
from koers.apps.national.models import NationalOptIn
from koers.apps.national.urls import urlpatterns
from koers.apps.organisations.models import Role

from page_matrix import PageMatrix
from web_helpers import ROLES

PAGES = {"national:opt_in": ("get", Role.ADMIN, {})}  # url name -> (HTTP method, lowest role, form data)
MATRIX = PageMatrix("national", PAGES, urlpatterns)
(test_the_matrix_covers_every_national_page, test_every_national_page_declares_its_role, test_own_organisation,
 test_foreign_organisation_is_never_shown, test_anonymous_users_are_sent_to_the_login_page) = MATRIX.tests()
PUBLIC = ["/landelijk/", "/landelijk/csv/", "/api/v1/national/figures"]


# Built once for the module (conftest), before its first test: every test sees the same data.
pytestmark = pytest.mark.usefixtures("shared_tenants")


@pytest.fixture
def setup(own, foreign, users, outsider):
    return {"own": (own, {}), "foreign": (foreign, {})}


@pytest.mark.parametrize("path", PUBLIC)
@pytest.mark.parametrize("role", [None, *(r.value for r in ROLES)])
def test_the_figures_are_public_for_anyone(client, users, path, role):
    if role:
        client.force_login(users[role])
    response = client.get(path)
    assert response.status_code == 200, (path, role)


def test_a_wrong_token_does_not_lock_anyone_out_of_the_public_api(client, db):
    response = client.get("/api/v1/national/figures", HTTP_AUTHORIZATION="Token onzin")
    assert response.status_code == 200 and response["API-Version"] == "1.0.0"


def test_the_admin_switches_the_opt_in_on_and_off_and_both_are_audited(client, own, users):
    client.force_login(users["admin"])
    url = f"/organisaties/{own.slug}/landelijk-beeld/"
    assert "Uw organisatie doet niet mee." in client.get(url).content.decode()
    response = client.post(url, {"opt_in": "on"}, follow=True)
    assert "doet nu mee" in response.content.decode()
    assert NationalOptIn.objects.get(organisation=own).opted_in_by == users["admin"]
    client.post(url, {"opt_in": "off"})
    assert not NationalOptIn.objects.filter(organisation=own).exists()
    entries = AuditEntry.objects.filter(organisation=own, model="national.nationaloptin").values_list("action", "actor")
    assert list(entries.order_by("id")) == [("create", users["admin"].pk), ("delete", users["admin"].pk)]


@pytest.mark.parametrize("role", ["viewer", "contributor", "manager"])
def test_only_the_admin_may_switch(client, own, users, role):
    client.force_login(users[role])
    assert client.post(f"/organisaties/{own.slug}/landelijk-beeld/", {"opt_in": "on"}).status_code == 403
    assert not NationalOptIn.objects.exists()


def test_an_admin_of_another_organisation_cannot_switch_this_one(client, own, outsider):
    client.force_login(outsider)
    assert client.post(f"/organisaties/{own.slug}/landelijk-beeld/", {"opt_in": "on"}).status_code == 404
    assert not NationalOptIn.objects.exists()
