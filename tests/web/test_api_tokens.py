"""API keys: stored only as a hash, checked on every request, ended by expiry or revocation."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from koers.apps.organisations import tokens
from koers.apps.organisations.models import ApiToken
from test_api_support import API, assert_problem

ORGANISATIONS = f"{API}/organisations"


def get(client, key):
    return client.get(ORGANISATIONS, headers={"Authorization": f"Token {key}"})


def test_a_key_works_and_records_its_use(client, users):
    token, key = tokens.create(users["viewer"], "script", 90)
    response = get(client, key)
    assert response.status_code == 200 and response.json()["results"][0]["slug"] == "proefstad"
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_database_holds_no_secret(users):
    token, key = tokens.create(users["viewer"], "script", 90)
    assert len(key) >= 40
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM organisations_apitoken")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert key not in stored and key[8:] not in stored
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest() and token.prefix == key[:8]


@pytest.mark.parametrize("days", [30, 90, 365])
def test_a_key_expires(client, users, days):
    token, key = tokens.create(users["viewer"], "script", days)
    assert token.expires_at - timezone.now() > timedelta(days=days - 1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    body = assert_problem(get(client, key), 401)
    assert "verlopen" in body["detail"]


def test_a_revoked_key_is_refused(client, users):
    token, key = tokens.create(users["viewer"], "script", 90)
    tokens.revoke(token)
    response = get(client, key)
    assert "ingetrokken" in assert_problem(response, 401)["detail"]
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("key", ["onzin", "", "a" * 44])
def test_an_unknown_key_is_refused_in_dutch(client, users, key):
    tokens.create(users["viewer"], "script", 90)
    assert_problem(get(client, key), 401)


def test_a_key_that_differs_after_its_prefix_is_refused(client, users):
    _token, key = tokens.create(users["viewer"], "script", 90)
    forged = key[:8] + ("A" if key[8] != "A" else "B") + key[9:]
    assert "onbekend" in assert_problem(get(client, forged), 401)["detail"]


def test_the_key_of_a_deactivated_user_is_refused(client, users):
    _token, key = tokens.create(users["viewer"], "script", 90)
    users["viewer"].is_active = False
    users["viewer"].save()
    assert_problem(get(client, key), 401)


def test_the_service_refuses_a_missing_name_or_an_unknown_lifetime(users):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        tokens.create(users["viewer"], "  ", 90)
    with pytest.raises(ValidationError):
        tokens.create(users["viewer"], "x", 10_000)
    assert not ApiToken.objects.exists()


def test_the_command_prints_a_working_key_only(client, users):
    out = StringIO()
    call_command("create_api_token", "manager", "--days", "30", stdout=out, stderr=StringIO())
    key = out.getvalue().strip()
    assert get(client, key).status_code == 200
    assert ApiToken.objects.get().name == "opdrachtregel"
    with pytest.raises(CommandError, match="geen actieve gebruiker"):
        call_command("create_api_token", "niemand", stdout=StringIO(), stderr=StringIO())


def test_the_openapi_document_names_the_token_scheme(client, db):
    schemes = client.get(f"{API}/openapi.json").json()["components"]["securitySchemes"]
    assert {key: schemes["tokenAuth"][key] for key in ("type", "in", "name")} == {
        "type": "apiKey", "in": "header", "name": "Authorization"}
    assert "Token" in schemes["tokenAuth"]["description"]
