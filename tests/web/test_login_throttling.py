"""Login throttling (django-axes): a user name tried from one address is locked after five failures
for fifteen minutes, on the Koers login page and on the Django admin's (docs/deploy.md, Beveiliging)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from web_helpers import PASSWORD, make_user

LOCKED = "te vaak een verkeerd wachtwoord"
LOGIN_PAGES = ["/inloggen/", "/beheer/login/"]


@pytest.fixture(autouse=True)
def _policy(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


@pytest.fixture
def staff(db):
    user = make_user("medewerker")
    user.is_staff = user.is_superuser = True  # the admin's login only takes staff
    user.save()
    return user


def log_in(client, url="/inloggen/", password=PASSWORD, username="medewerker", address="10.0.0.1", **headers):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_fifty_wrong_passwords_then_the_right_one_does_not_log_in(client, staff, url):
    for attempt in range(50):
        log_in(client, url, password=f"fout-{attempt}")
    response = log_in(client, url)
    assert response.status_code == 429
    assert not logged_in(client)
    page = response.content.decode()
    assert LOCKED in page and "15 minuten" in page and '<html lang="nl">' in page
    assert 'href="/wachtwoord-vergeten/"' in page


def test_the_lock_starts_at_the_fifth_failure(client, staff):
    for attempt in range(4):
        assert log_in(client, password=f"fout-{attempt}").status_code == 200
    assert log_in(client, password="fout-5").status_code == 429


def test_another_user_and_another_address_are_not_locked(client, staff):
    make_user("collega")
    for attempt in range(6):
        log_in(client, password=f"fout-{attempt}")
    assert log_in(client).status_code == 429
    assert log_in(client, address="10.0.0.2").status_code == 302 and logged_in(client)
    client.logout()
    assert log_in(client, username="collega").status_code == 302 and logged_in(client)


def test_the_lock_ends_after_the_cool_off(client, staff):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for attempt in range(5):
            log_in(client, password=f"fout-{attempt}")
        traveller.shift(timedelta(minutes=14))
        assert log_in(client).status_code == 429  # still locked; this try starts the fifteen minutes again
        traveller.shift(timedelta(minutes=16))
        assert log_in(client).status_code == 302 and logged_in(client)


def test_a_success_resets_the_count(client, staff):
    for _ in range(2):
        for attempt in range(4):
            log_in(client, password=f"fout-{attempt}")
        assert log_in(client).status_code == 302 and logged_in(client)
        client.logout()


def test_behind_the_proxy_a_forged_forwarded_address_does_not_dodge_the_lock(client, staff, settings):
    settings.BEHIND_PROXY = True
    for attempt in range(5):  # the client varies the part it writes itself; the proxy appends the real one
        log_in(client, password=f"fout-{attempt}", HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 198.51.100.7")
    assert log_in(client, HTTP_X_FORWARDED_FOR="192.0.2.99, 198.51.100.7").status_code == 429
    assert log_in(client, HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 302


def test_without_a_proxy_the_forwarded_header_is_ignored(client, staff, settings):
    settings.BEHIND_PROXY = False
    for attempt in range(5):
        log_in(client, password=f"fout-{attempt}", HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")
    assert log_in(client, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_a_wrong_number_in_the_environment_is_named(monkeypatch):
    from koers.web.settings import env_int

    monkeypatch.setenv("KOERS_LOGIN_FAILURES", "vijf")
    with pytest.raises(ImproperlyConfigured, match="KOERS_LOGIN_FAILURES moet een geheel getal"):
        env_int("KOERS_LOGIN_FAILURES", 5, minimum=1)
    monkeypatch.setenv("KOERS_LOGIN_FAILURES", "0")
    with pytest.raises(ImproperlyConfigured, match="minstens 1"):
        env_int("KOERS_LOGIN_FAILURES", 5, minimum=1)
    monkeypatch.setenv("KOERS_LOGIN_FAILURES", "8")
    assert env_int("KOERS_LOGIN_FAILURES", 5, minimum=1) == 8
