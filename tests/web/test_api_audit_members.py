"""REST API for the audit trail (read, filter, CSV export), members and organisation settings."""

from __future__ import annotations

import csv
import io

from koers.apps.audit.models import AuditEntry
from koers.apps.organisations.models import Membership
from test_api_support import API, api_for, assert_problem, conforms  # noqa: F401

AUDIT = f"{API}/organisations/proefstad/audit-entries"
MEMBERS = f"{API}/organisations/proefstad/members"


def test_audit_entries_are_the_own_organisations_newest_first(api_for, own, foreign, users):
    response = api_for("manager").get(AUDIT, {"model": "organisations.membership"})
    assert response.status_code == 200
    conforms(response)
    results = response.json()["results"]
    expected = AuditEntry.objects.filter(organisation_id=own.pk, model="organisations.membership")
    assert [r["id"] for r in results] == [e.pk for e in expected.order_by("-created_at", "-id")]
    assert {r["object_repr"].split(" – ")[0] for r in results} == {"viewer", "contributor", "manager", "admin"}
    assert results[0]["changes"]["role"] == [None, "admin"]


def test_audit_filter_errors_are_400(api_for, users):
    body = assert_problem(api_for("manager").get(AUDIT, {"since": "2026-02-01", "until": "2026-01-01"}), 400)
    assert [p["name"] for p in body["invalid-params"]] == ["until"]
    body = assert_problem(api_for("manager").get(AUDIT, {"action": "verbrand"}), 400)
    assert [p["name"] for p in body["invalid-params"]] == ["action"]


def test_audit_csv_export_holds_only_the_own_organisation(api_for, own, foreign, users, outsider):
    response = api_for("manager").get(AUDIT, {"format": "csv", "action": "create"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="audittrail-proefstad-')
    assert response["API-Version"] == "1.0.0"
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["tijdstip", "door", "actie", "soort", "id", "omschrijving", "wijzigingen"]
    assert len(rows) - 1 == AuditEntry.objects.filter(organisation_id=own.pk, action="create").count()
    assert all(row[2] == "create" for row in rows[1:])
    assert "Elders" not in text and "buitenstaander" not in text


def test_one_audit_entry_is_json_only(api_for, own, users):
    entry = AuditEntry.objects.filter(organisation_id=own.pk).first()
    response = api_for("manager").get(f"{AUDIT}/{entry.pk}", {"format": "csv"})
    assert_problem(response, 404)
    response = api_for("manager").get(f"{AUDIT}/{entry.pk}")
    assert response.status_code == 200 and response.json()["object_id"] == entry.object_id
    conforms(response)


def test_admin_changes_a_role_and_the_change_is_audited(api_for, users):
    viewer = Membership.objects.get(user=users["viewer"])
    response = api_for("admin").patch(f"{MEMBERS}/{viewer.pk}", {"role": "manager"}, format="json")
    assert response.status_code == 200 and response.json()["role"] == "manager"
    entry = AuditEntry.objects.filter(model="organisations.membership", action="update").get()
    assert entry.actor_name == "admin" and entry.changes == {"role": ["viewer", "manager"]}


def test_last_admin_can_neither_be_demoted_nor_removed(api_for, users):
    admin = Membership.objects.get(user=users["admin"])
    client = api_for("admin")
    assert_problem(client.patch(f"{MEMBERS}/{admin.pk}", {"role": "viewer"}, format="json"), 409)
    response = client.delete(f"{MEMBERS}/{admin.pk}")
    assert_problem(response, 409)
    conforms(response)
    admin.refresh_from_db()
    assert admin.role == "admin"
    assert client.patch(f"{MEMBERS}/{admin.pk}", {}, format="json").status_code == 200  # no role: no change


def test_admin_removes_a_member(api_for, users):
    viewer = Membership.objects.get(user=users["viewer"])
    response = api_for("admin").delete(f"{MEMBERS}/{viewer.pk}")
    assert response.status_code == 204
    assert not Membership.objects.filter(pk=viewer.pk).exists()
    assert_problem(api_for("viewer").get(f"{API}/organisations/proefstad"), 404)


def test_admin_changes_organisation_settings_but_not_the_slug(api_for, own, users):
    response = api_for("admin").patch(f"{API}/organisations/proefstad",
                                      {"population": 120_000, "slug": "anders"}, format="json")
    assert response.status_code == 200
    conforms(response)
    assert response.json()["size_class"] == ">100k" and response.json()["slug"] == "proefstad"
    own.refresh_from_db()
    assert own.population == 120_000 and own.slug == "proefstad"
