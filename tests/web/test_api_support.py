"""Shared fixtures and checks of the REST API tests (imported by the other test_api modules).

Clients authenticate with an API key of their own (``Authorization: Token ...``), as an API
user would. Every response checked with :func:`conforms` is validated against the OpenAPI
document the application itself publishes, so the document and the behaviour cannot drift.
"""

from __future__ import annotations

import functools
import json

import pytest
from rest_framework.test import APIClient

from koers.apps.agenda.models import Status
from koers.apps.organisations import tokens

API = "/api/v1"
PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}


@pytest.fixture
def api_for(users, outsider):
    """``api_for(role)``: a token client for the member of ``own`` with that role; "outsider"
    is the admin of ``foreign`` only; None gives an anonymous client."""

    keys = {}

    def make(role: str | None) -> APIClient:
        client = APIClient()
        if role is not None:
            if role not in keys:
                user = outsider if role == "outsider" else users[role]
                keys[role] = tokens.create(user, "tests", 90)[1]
            client.credentials(HTTP_AUTHORIZATION=f"Token {keys[role]}")
        return client

    return make


@pytest.fixture
def failed_document(make_document):
    """A document whose scan failed, so it may be retried."""

    def make(organisation=None):
        return make_document("kapot.txt", organisation=organisation, scan=False,
                             status=Status.FAILED, error="het bestand is beschadigd")

    return make


@functools.cache
def openapi_document() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator(patterns=None).get_schema(request=None, public=True)


def _json(value, **_options):
    return json.loads(value)


def _binary(value, **_options):
    return value


def _text(value, **_options):
    return value.decode("utf-8") if isinstance(value, bytes) else value


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@functools.cache
def _openapi():
    from openapi_core import Config, OpenAPI

    # Problems are JSON under their own media type; CSV is checked as text, XLSX as bytes.
    config = Config(extra_media_type_deserializers={
        "application/problem+json": _json, "text/csv": _text, XLSX: _binary})
    return OpenAPI.from_dict(openapi_document(), config=config)


def conforms(response) -> None:
    """Fails unless the response (status, headers, body) matches the published OpenAPI document."""
    from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

    class ParsedRequest(DjangoOpenAPIRequest):
        @property
        def body(self) -> bytes:
            # A multipart body was consumed by the view; only the response is validated here.
            return b"" if self.content_type.startswith("multipart/") else super().body

    _openapi().validate_response(ParsedRequest(response.wsgi_request), DjangoOpenAPIResponse(response))


def assert_problem(response, status: int) -> dict:
    """The response is an RFC 9457 problem with the given status, as the API Design Rules ask."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert PROBLEM_KEYS <= set(body), body
    assert body["status"] == status
    assert body["type"].startswith("urn:koers:problem:")
    assert body["detail"]
    assert response["API-Version"] == "1.0.0"
    return body
