"""Fixtures for the web tests: two organisations, a user per role, logged-in clients.

``own`` is the organisation under test; ``foreign`` is another tenant whose data must never
show. Every user in ``users`` is a member of ``own`` only; ``outsider`` is an admin of
``foreign`` only.
"""

from __future__ import annotations

import pytest

from koers.apps.organisations.models import Organisation, Role

from web_helpers import DIGITAL_TEXT, ROLES, make_user, text_upload


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On PostgreSQL the audit table refuses TRUNCATE unless the session allows it; the flush after each
    transactional test truncates every table, so the test connections allow it."""
    from django.db import connections

    database = connections["default"].settings_dict
    if database["ENGINE"].endswith("postgresql"):
        database.setdefault("OPTIONS", {})["options"] = "-c koers.allow_audit_purge=on"


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins


@pytest.fixture
def own(db):
    return Organisation.objects.create(name="Gemeente Proefstad", slug="proefstad", population=64_000)


@pytest.fixture
def foreign(db):
    return Organisation.objects.create(name="Gemeente Elders", slug="elders", population=64_000)


@pytest.fixture
def users(own):
    return {role.value: make_user(role.value, own, role) for role in ROLES}


@pytest.fixture
def outsider(foreign):
    return make_user("buitenstaander", foreign, Role.ADMIN)


@pytest.fixture
def client_for(client, users):
    def login(role: str):
        client.force_login(users[role])
        return client

    return login


@pytest.fixture
def make_document(own):
    """Store a document for an organisation and scan it (eagerly) with the real engine."""
    from koers.apps.agenda.models import ScanDocument
    from koers.apps.agenda.scanning import queue_scan

    def make(name="begroting.txt", text=DIGITAL_TEXT, organisation=None, year=2025, scan=True, **fields):
        document = ScanDocument.objects.create(
            organisation=organisation or own, file=text_upload(name, text), original_name=name,
            doc_type=fields.pop("doc_type", "begroting"), year=year, **fields)
        if scan:
            queue_scan(document)
            document.refresh_from_db()
        return document

    return make


@pytest.fixture
def api_client_for(users):
    """A REST framework client authenticated as the member with that role (for the API tests)."""
    from rest_framework.test import APIClient

    def login(role: str):
        api = APIClient()
        api.force_authenticate(users[role])
        return api

    return login
