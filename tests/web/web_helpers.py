"""Helpers shared by the web tests (importable because pytest puts tests/web on sys.path)."""

from __future__ import annotations

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


