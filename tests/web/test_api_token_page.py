"""The page where a user makes, sees once, replaces and revokes their own API key."""

from django.test import Client
from rest_framework.authtoken.models import Token

URL = "/account/api-sleutel/"


def api_status(key):
    return Client().get("/api/v1/organisations", headers={"Authorization": f"Token {key}"}).status_code


def test_anonymous_is_sent_to_the_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
    assert client.post(URL, {"action": "create"}).status_code == 302
    assert not Token.objects.exists()


def test_the_key_is_shown_once_right_after_creation_and_works(client_for, users):
    client = client_for("viewer")
    assert "nog geen API-sleutel" in client.get(URL).content.decode()
    response = client.post(URL, {"action": "create"})
    key = Token.objects.get(user=users["viewer"]).key
    page = response.content.decode()
    assert response.status_code == 200 and key in page and "niet nog een keer" in page
    assert "no-store" in response["Cache-Control"]
    assert api_status(key) == 200
    later = client.get(URL).content.decode()
    assert key not in later and "U hebt een API-sleutel" in later


def test_a_new_key_replaces_the_old_one(client_for, users):
    client = client_for("viewer")
    client.post(URL, {"action": "create"})
    old = Token.objects.get(user=users["viewer"]).key
    client.post(URL, {"action": "create"})
    new = Token.objects.get(user=users["viewer"]).key
    assert new != old and api_status(old) == 401 and api_status(new) == 200


def test_revoking_ends_the_key(client_for, users):
    client = client_for("manager")
    client.post(URL, {"action": "create"})
    key = Token.objects.get(user=users["manager"]).key
    response = client.post(URL, {"action": "revoke"}, follow=True)
    assert "ingetrokken" in response.content.decode()
    assert not Token.objects.filter(user=users["manager"]).exists()
    assert api_status(key) == 401


def test_another_user_never_sees_or_touches_my_key(client, users):
    client.force_login(users["viewer"])
    client.post(URL, {"action": "create"})
    mine = Token.objects.get(user=users["viewer"]).key
    client.force_login(users["admin"])
    page = client.get(URL).content.decode()
    assert mine not in page and "nog geen API-sleutel" in page
    client.post(URL, {"action": "revoke"})
    assert Token.objects.filter(key=mine).exists()


def test_posting_needs_the_csrf_token(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["viewer"])
    assert client.post(URL, {"action": "create"}).status_code == 403
    assert not Token.objects.exists()


def test_an_unknown_action_changes_nothing(client_for, users):
    client = client_for("viewer")
    client.post(URL, {"action": "create"})
    key = Token.objects.get().key
    response = client.post(URL, {"action": "alles-wissen"}, follow=True)
    assert "Kies" in response.content.decode() and Token.objects.get().key == key


def test_the_header_links_to_the_page(client_for, own):
    page = client_for("viewer").get(f"/organisaties/{own.slug}/").content.decode()
    assert f'href="{URL}"' in page
