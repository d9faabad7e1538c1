"""The page where a user makes, names, sees once, lists and revokes their own API keys."""

from django.test import Client

from koers.apps.organisations.models import ApiToken

URL = "/account/api-sleutel/"


def api_status(key):
    return Client().get("/api/v1/organisations", headers={"Authorization": f"Token {key}"}).status_code


def create(client, name="script", days=90):
    response = client.post(URL, {"action": "create", "name": name, "days": days})
    return response, response.context["new_key"]


def test_anonymous_is_sent_to_the_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
    assert client.post(URL, {"action": "create", "name": "x", "days": 90}).status_code == 302
    assert not ApiToken.objects.exists()


def test_the_key_is_shown_once_right_after_creation_and_works(client_for, users):
    client = client_for("viewer")
    assert "nog geen API-sleutel" in client.get(URL).content.decode()
    response, key = create(client, name="koppeling zaaksysteem")
    page = response.content.decode()
    assert response.status_code == 200 and key in page and "niet nog een keer" in page
    assert "no-store" in response["Cache-Control"]
    assert api_status(key) == 200
    later = client.get(URL).content.decode()
    assert key not in later and "koppeling zaaksysteem" in later and f"{key[:8]}…" in later


def test_keys_are_named_and_expire_after_the_chosen_time(client_for, users):
    client = client_for("viewer")
    create(client, name="een", days=30)
    create(client, name="twee", days=365)
    lifetimes = {t.name: round((t.expires_at - t.created_at).total_seconds() / 86400) for t in ApiToken.objects.all()}
    assert lifetimes == {"een": 30, "twee": 365}


def test_a_name_and_a_known_lifetime_are_required(client_for, users):
    client = client_for("viewer")
    page = client.post(URL, {"action": "create", "name": " ", "days": 90}).content.decode()
    assert "Er is een probleem" in page and 'href="#id_name"' in page
    page = client.post(URL, {"action": "create", "name": "x", "days": 7}).content.decode()
    assert 'href="#id_days"' in page
    assert not ApiToken.objects.exists()


def test_revoking_ends_one_key_and_keeps_the_others(client_for, users):
    client = client_for("manager")
    _response, ended = create(client, name="oud")
    _response, kept = create(client, name="nieuw")
    token = ApiToken.objects.get(name="oud")
    response = client.post(URL, {"action": "revoke", "token": token.pk}, follow=True)
    assert "ingetrokken" in response.content.decode()
    assert api_status(ended) == 401 and api_status(kept) == 200


def test_another_user_never_sees_or_revokes_my_key(client, users):
    client.force_login(users["viewer"])
    _response, mine = create(client, name="van viewer")
    token = ApiToken.objects.get()
    client.force_login(users["admin"])
    page = client.get(URL).content.decode()
    assert "van viewer" not in page and token.prefix not in page and "nog geen API-sleutel" in page
    assert client.post(URL, {"action": "revoke", "token": token.pk}).status_code == 404
    assert client.post(URL, {"action": "revoke", "token": "abc"}).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None and api_status(mine) == 200


def test_posting_needs_the_csrf_token(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["viewer"])
    assert client.post(URL, {"action": "create", "name": "x", "days": 90}).status_code == 403
    assert not ApiToken.objects.exists()


def test_an_unknown_action_changes_nothing(client_for, users):
    client = client_for("viewer")
    create(client)
    response = client.post(URL, {"action": "alles-wissen"}, follow=True)
    assert "Kies" in response.content.decode()
    assert ApiToken.objects.get().revoked_at is None


def test_the_header_links_to_the_page(client_for, own):
    page = client_for("viewer").get(f"/organisaties/{own.slug}/").content.decode()
    assert f'href="{URL}"' in page
