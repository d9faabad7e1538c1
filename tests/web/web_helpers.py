"""Helpers shared by the web tests (importable because pytest puts tests/web on sys.path)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from koers.apps.organisations.models import Membership, Role

ROLES = [Role.VIEWER, Role.CONTRIBUTOR, Role.MANAGER, Role.ADMIN]
PASSWORD = "test-wachtwoord-123"

DIGITAL_TEXT = (
    "Informatieveiligheid\n\n"
    "De gemeente versterkt de informatiebeveiliging en beschermt persoonsgegevens volgens de AVG en de BIO.\n\n"
    "Dienstverlening\n\n"
    "Inwoners doen hun aanvragen online via het digitaal loket met DigiD.\n"
)
PLAIN_TEXT = "Sport en cultuur\n\nHet zwembad krijgt een nieuw dak en de bibliotheek blijft op zaterdag open.\n"


def make_user(username: str, organisation=None, role=None):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
    if organisation is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def text_upload(name: str, text: str = DIGITAL_TEXT) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def store_document(organisation, name="begroting.txt", text=DIGITAL_TEXT, year=2025, scan=True, **fields):
    """Store a document for an organisation and scan it (eagerly) with the real engine."""
    from koers.apps.agenda.models import ScanDocument
    from koers.apps.agenda.scanning import queue_scan

    document = ScanDocument.objects.create(
        organisation=organisation, file=text_upload(name, text), original_name=name,
        doc_type=fields.pop("doc_type", "begroting"), year=year, **fields)
    if scan:
        queue_scan(document)
        document.refresh_from_db()
    return document


def tenant_objects(name: str, build, own_secret: str):
    """A module-scoped fixture ``name``: ``build(organisation, secret)`` for both shared tenants, once
    per module (the foreign tenant's secret is "geheim-elders", which no page of ``own`` may show)."""
    @pytest.fixture(scope="module", name=name)
    def objects(shared_tenants, django_db_blocker):
        with django_db_blocker.unblock():
            return {"own": build(shared_tenants.own, own_secret),
                    "foreign": build(shared_tenants.foreign, "geheim-elders")}
    return objects
