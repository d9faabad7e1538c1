"""API Design Rules behaviour: problem+json for every error, API-Version header, no trailing slashes."""

from __future__ import annotations

import pytest

from koers.apps.organisations.api import OrganisationViewSet
from test_api_support import API, api_for, assert_problem, conforms  # noqa: F401


@pytest.mark.parametrize("path", [
    "/organisations/", "/organisations/proefstad/", "/organisations/proefstad/documents/",
    "/organisations/proefstad/codebook/",
])
def test_trailing_slash_is_a_404_problem_not_a_redirect(path, api_for, users):
    response = api_for("admin").get(API + path)
    body = assert_problem(response, 404)
    assert "slash" in body["detail"]
    assert body["instance"] == API + path


def test_unknown_path_is_a_404_problem(api_for, users):
    body = assert_problem(api_for("admin").get(f"{API}/gemeenten"), 404)
    assert body["title"] == "Niet gevonden"
    assert_problem(api_for(None).post(f"{API}/niets/hier", {}), 404)


def test_method_not_allowed_is_a_405_problem(api_for, users):
    response = api_for("admin").delete(f"{API}/organisations/proefstad")
    body = assert_problem(response, 405)
    assert "DELETE" in body["detail"]
    assert_problem(api_for("admin").put(f"{API}/organisations/proefstad/documents", {}), 405)


def test_unauthenticated_is_a_401_problem_with_token_challenge(api_for, users):
    response = api_for(None).get(f"{API}/organisations")
    body = assert_problem(response, 401)
    assert response["WWW-Authenticate"] == "Token"
    assert body["instance"] == f"{API}/organisations"
    conforms(response)


def test_malformed_json_is_a_400_problem(api_for, users):
    response = api_for("manager").generic("PUT", f"{API}/organisations/proefstad/codebook", "{niet: json",
                                          content_type="application/json")
    assert_problem(response, 400)


def test_validation_error_lists_invalid_params(api_for, users):
    response = api_for("admin").post(f"{API}/organisations/proefstad/member-invitations",
                                     {"email": "x" * 300, "role": "keizer"}, format="json")
    body = assert_problem(response, 400)
    conforms(response)
    params = {p["name"]: p for p in body["invalid-params"]}
    assert set(params) == {"email", "role"}
    assert params["email"]["code"] == "max_length"
    assert params["role"]["code"] == "invalid_choice"
    assert body["detail"] == "2 velden zijn ongeldig; zie invalid-params."


def test_unexpected_error_is_a_500_problem_without_internals(api_for, users, monkeypatch):
    def broken(self):
        raise RuntimeError("geheime interne toestand")

    monkeypatch.setattr(OrganisationViewSet, "get_queryset", broken)
    response = api_for("viewer").get(f"{API}/organisations")
    body = assert_problem(response, 500)
    assert "geheime" not in response.content.decode()
    assert body["type"] == "urn:koers:problem:server-error"


def test_problem_asked_as_csv_is_still_json(api_for, users):
    response = api_for("viewer").get(f"{API}/organisations/proefstad/audit-entries?format=csv")
    assert_problem(response, 403)


@pytest.mark.parametrize("path", ["/organisations", "/openapi.json", "/docs"])
def test_every_response_carries_the_api_version_header(path, api_for, users):
    response = api_for("viewer").get(API + path)
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
