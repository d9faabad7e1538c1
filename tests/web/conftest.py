"""Fixtures for the web tests: two organisations, a user per role, logged-in clients.

``own`` is the organisation under test; ``foreign`` is another tenant whose data must never
show. Every user in ``users`` is a member of ``own`` only; ``outsider`` is an admin of
``foreign`` only.
"""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest

from koers.apps.organisations.models import Organisation, Role

from web_helpers import ROLES, make_user, store_document

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On PostgreSQL the audit table refuses TRUNCATE unless the session allows it; the flush after each
    transactional test truncates every table, so the test connections allow it."""
    from django.db import connections

    database = connections["default"].settings_dict
    if database["ENGINE"].endswith("postgresql"):
        database.setdefault("OPTIONS", {})["options"] = "-c koers.allow_audit_purge=on"


@pytest.fixture(autouse=True)
def _test_settings(request, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = FAST_HASHERS
    if shared := _shared(request):  # the module's files, copied: a test may delete or add some
        shutil.copytree(shared.media, settings.MEDIA_ROOT)


# Data shared by a module. The permission matrices run hundreds of tests on the same two tenants and
# their objects; building those per test cost about a second each. A module with
# ``pytestmark = pytest.mark.usefixtures("shared_tenants")`` builds own, foreign, users and outsider
# once, and its own module-scoped fixtures may add objects (under ``django_db_blocker.unblock()``).
# All of it lives in one transaction that is rolled back when the module ends. Each test runs in a
# savepoint inside it (pytest-django's ``db`` nests its atomic block) and gets fresh instances from
# the fixtures below, so whatever a test writes is gone before the next one starts. Only for modules
# without transactional tests (a flush would empty the shared data).
@pytest.fixture(scope="module")
def shared_tenants(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.db import transaction
    from django.test import override_settings

    media = tmp_path_factory.mktemp("shared-media")
    files = override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=FAST_HASHERS)
    atomic = transaction.atomic()
    with django_db_blocker.unblock():
        files.enable()
        atomic.__enter__()
        try:
            own, foreign = make_own(), make_foreign()
            shared = SimpleNamespace(own=own, foreign=foreign, users=make_users(own), outsider=make_outsider(foreign),
                                     media=media)
        except BaseException as error:
            atomic.__exit__(type(error), error, error.__traceback__)  # rolls back what was written
            files.disable()
            raise
    yield shared
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
    files.disable()


def _shared(request):
    return request.getfixturevalue("shared_tenants") if "shared_tenants" in request.fixturenames else None


def make_own():
    return Organisation.objects.create(name="Gemeente Proefstad", slug="proefstad", population=64_000)


def make_foreign():
    return Organisation.objects.create(name="Gemeente Elders", slug="elders", population=64_000)


def make_users(own):
    return {role.value: make_user(role.value, own, role) for role in ROLES}


def make_outsider(foreign):
    return make_user("buitenstaander", foreign, Role.ADMIN)


def _fresh(instance):
    """The shared row as this test's own instance (a test may change the attributes of what it gets)."""
    return type(instance).objects.get(pk=instance.pk)


@pytest.fixture
def own(request, db):
    shared = _shared(request)
    return _fresh(shared.own) if shared else make_own()


@pytest.fixture
def foreign(request, db):
    shared = _shared(request)
    return _fresh(shared.foreign) if shared else make_foreign()


@pytest.fixture
def users(request, own):
    shared = _shared(request)
    return {role: _fresh(user) for role, user in shared.users.items()} if shared else make_users(own)


@pytest.fixture
def outsider(request, foreign):
    shared = _shared(request)
    return _fresh(shared.outsider) if shared else make_outsider(foreign)


@pytest.fixture
def client_for(client, users):
    def login(role: str):
        client.force_login(users[role])
        return client

    return login


@pytest.fixture
def make_document(own):
    """Store a document for an organisation and scan it (eagerly) with the real engine."""

    def make(*args, organisation=None, **fields):
        return store_document(organisation or own, *args, **fields)

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
