"""Members join by invitation: the admin types an e-mail address, the person accepts after logging in.

No answer, on the page or in the API, tells whether an address belongs to an account (here or in
another organisation), and nobody becomes a member without accepting.
"""

from __future__ import annotations

import re
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from koers.apps.audit.models import AuditEntry
from koers.apps.organisations.models import Invitation, Membership, Role
from test_api_support import API, api_for, assert_problem, conforms  # noqa: F401
from web_helpers import make_user

MEMBERS = "/organisaties/proefstad/leden/"
INVITATIONS = f"{API}/organisations/proefstad/member-invitations"
# Unknown, an account without membership, and the admin of another organisation.
ADDRESSES = ["niemand@example.org", "nieuw@example.org", "buitenstaander@example.org"]


@pytest.fixture
def people(users, outsider):
    return {"nieuw": make_user("nieuw"), "ander": make_user("ander")}


def mailed_link() -> str:
    return re.search(r"http://testserver(/uitnodiging/[^/\s]+/)", mail.outbox[-1].body).group(1)


def invite(client, email="nieuw@example.org", role="contributor") -> str:
    response = client.post(MEMBERS, {"email": email, "role": role})
    assert response.status_code == 302
    return mailed_link()


def test_the_page_answers_the_same_for_every_address(client_for, people):
    client = client_for("admin")
    answers = []
    for address in ADDRESSES:
        response = client.post(MEMBERS, {"email": address, "role": "viewer"}, follow=True)
        page = response.content.decode()
        assert "buitenstaander" not in page.replace("buitenstaander@example.org", "") and "Elders" not in page
        answers.append([str(m).replace(address, "ADRES") for m in response.context["messages"]])
    assert answers[0] == answers[1] == answers[2] and "verstuurd" in answers[0][0]
    assert [m.to for m in mail.outbox] == [[address] for address in ADDRESSES]
    assert not Membership.objects.filter(user__username__in=["nieuw", "buitenstaander"],
                                         organisation__slug="proefstad").exists()


def test_the_api_answers_the_same_for_every_address(api_for, people):
    client = api_for("admin")
    bodies = []
    for address in ADDRESSES:
        response = client.post(INVITATIONS, {"email": address, "role": "manager"}, format="json")
        assert response.status_code == 201
        conforms(response)
        body = response.json()
        assert set(body) == {"id", "email", "role", "invited_by", "created_at", "expires_at"}
        bodies.append({key: str(value).replace(address, "ADRES") for key, value in body.items()
                       if key not in {"id", "created_at", "expires_at"}})
    assert bodies[0] == bodies[1] == bodies[2] == {"email": "ADRES", "role": "manager", "invited_by": "admin"}
    listed = client.get(INVITATIONS)
    conforms(listed)
    assert sorted(i["email"] for i in listed.json()["results"]) == sorted(ADDRESSES)


def test_members_are_no_longer_added_by_looking_a_user_up(api_for, client_for, people):
    response = api_for("admin").post(f"{API}/organisations/proefstad/members", {"user": "nieuw"}, format="json")
    assert_problem(response, 405)
    client_for("admin").post(MEMBERS, {"user": "nieuw", "role": "viewer"})
    assert not Membership.objects.filter(user=people["nieuw"]).exists()
    members = api_for("admin").get(f"{API}/organisations/proefstad/members").json()["results"]
    assert "buitenstaander@example.org" not in str(members) and "nieuw" not in [m["username"] for m in members]


def test_accepting_makes_the_member_with_the_invited_role(client, client_for, people, own):
    link = invite(client_for("admin"), email="Nieuw@Example.org")
    assert Invitation.objects.get().email == "Nieuw@Example.org"  # as typed, shown so on the page
    assert "Nieuw@Example.org" in client.get(MEMBERS).content.decode()
    client.logout()
    assert client.get(link)["Location"].startswith("/inloggen/")
    client.force_login(people["nieuw"])
    page = client.get(link).content.decode()
    assert "Gemeente Proefstad" in page and "Bijdrager" in page
    assert not Membership.objects.filter(user=people["nieuw"]).exists()  # not before accepting
    response = client.post(link)
    assert response["Location"] == f"/organisaties/{own.slug}/"
    assert Membership.objects.get(user=people["nieuw"], organisation=own).role == Role.CONTRIBUTOR
    assert client.post(link).status_code == 410  # used once


def test_another_account_cannot_accept(client, client_for, people):
    link = invite(client_for("admin"))
    client.force_login(people["ander"])
    response = client.post(link)
    assert response.status_code == 403 and "ander e-mailadres" in response.content.decode()
    assert not Membership.objects.filter(user__in=people.values()).exists()
    assert Invitation.objects.get().accepted_at is None


def test_an_expired_invitation_cannot_be_accepted(client, client_for, people):
    link = invite(client_for("admin"))
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    client.force_login(people["nieuw"])
    response = client.post(link)
    assert response.status_code == 410 and "verlopen" in response.content.decode()
    assert not Membership.objects.filter(user=people["nieuw"]).exists()


def test_a_withdrawn_invitation_is_gone(client, client_for, people, own):
    link = invite(client_for("admin"))
    invitation = Invitation.objects.get()
    client.post(f"{MEMBERS}uitnodigingen/{invitation.pk}/intrekken/")
    assert not Invitation.objects.exists()
    client.force_login(people["nieuw"])
    assert client.post(link).status_code == 404
    assert not Membership.objects.filter(user=people["nieuw"]).exists()


def test_withdrawing_through_the_api_and_not_another_organisations(api_for, client_for, people):
    invite(client_for("admin"))
    invitation = Invitation.objects.get()
    assert_problem(api_for("outsider").delete(f"{API}/organisations/elders/member-invitations/{invitation.pk}"), 404)
    assert api_for("admin").delete(f"{INVITATIONS}/{invitation.pk}").status_code == 204
    assert not Invitation.objects.exists()


def test_invite_accept_and_withdraw_are_audited_without_the_link(client, client_for, people, users):
    invite(client_for("admin"), email="ander@example.org")
    link = invite(client_for("admin"))
    withdrawn = Invitation.objects.get(email="ander@example.org")
    client.post(f"{MEMBERS}uitnodigingen/{withdrawn.pk}/intrekken/")
    client.force_login(people["nieuw"])
    client.post(link)
    entries = AuditEntry.objects.filter(model="organisations.invitation").order_by("id")
    assert [e.action for e in entries] == ["create", "create", "delete", "update"]
    assert [e.actor_name for e in entries] == ["admin", "admin", "admin", "nieuw"]
    assert set(entries[3].changes) == {"accepted_at", "accepted_by"}
    assert all("token_hash" not in e.changes for e in entries)


def test_a_new_invitation_replaces_the_pending_one(client_for, people):
    old = invite(client_for("admin"))
    new = invite(client_for("admin"), email="NIEUW@example.org", role="manager")
    assert Invitation.objects.count() == 1 and old != new


def test_bad_input_is_named_in_dutch_and_sends_nothing(client_for, users, api_for):
    page = client_for("admin").post(MEMBERS, {"email": "geen-adres", "role": "viewer"}).content.decode()
    assert "Vul een geldig e-mailadres in" in page and 'href="#id_email"' in page
    page = client_for("admin").post(MEMBERS, {"email": "VIEWER@example.org", "role": "viewer"}).content.decode()
    assert "al lid" in page  # the own members' addresses are on this page anyway
    body = assert_problem(api_for("admin").post(INVITATIONS, {"email": "x", "role": "keizer"}, format="json"), 400)
    assert {p["name"] for p in body["invalid-params"]} == {"role"}
    assert not mail.outbox and not Invitation.objects.exists()


def test_a_mail_server_failure_stores_nothing(client_for, users, monkeypatch):
    def broken(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("weg")

    monkeypatch.setattr("koers.apps.organisations.invitations.send_mail", broken)
    page = client_for("admin").post(MEMBERS, {"email": "nieuw@example.org", "role": "viewer"}).content.decode()
    assert "kon niet worden verstuurd" in page
    assert not Invitation.objects.exists()
