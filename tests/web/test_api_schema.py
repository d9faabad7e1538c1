"""The OpenAPI document: served, complete for the API Design Rules, and passing the ADR linter."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from needs import unavailable
from test_api_support import API

REPO = Path(__file__).resolve().parents[2]
LINT = REPO / "tools" / "lint-openapi.sh"
RULESET = Path(os.environ.get("KOERS_ADR_RULESET") or REPO.parent / "shared" / "adr" / "linter.yaml")
KEBAB_PATH = re.compile(r"^(/([a-z0-9-]+|\{[a-z_]+\}))+$")


@pytest.fixture
def document(client, db):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    return json.loads(response.content)


def test_document_has_contact_dutch_description_version_and_versioned_server(document):
    info = document["info"]
    assert document["openapi"].startswith("3.")
    assert set(info["contact"]) >= {"name", "email", "url"}
    assert info["version"] == "1.0.0"
    assert "organisatie" in info["description"] and "problem+json" in info["description"]
    assert document["servers"] == [{"url": "/api/v1", "description": "Deze Koers-installatie"}]


def test_paths_are_the_contract_resources_kebab_case_without_trailing_slash(document):
    paths = set(document["paths"])
    assert {
        "/organisations", "/organisations/{slug}", "/organisations/{organisation_slug}/documents",
        "/organisations/{organisation_slug}/documents/{id}", "/organisations/{organisation_slug}/documents/{id}/retry",
        "/organisations/{organisation_slug}/codebook", "/organisations/{organisation_slug}/audit-entries",
        "/organisations/{organisation_slug}/members",
    } <= paths
    assert all(KEBAB_PATH.match(path) for path in paths), sorted(paths)


def test_every_response_documents_the_version_header_and_errors_are_problems(document):
    assert document["components"]["headers"]["API-Version"]["required"] is True
    for path, item in document["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            assert {"400", "401", "403", "404", "500"} <= set(responses), (method, path)
            for code, response in responses.items():
                assert "API-Version" in response["headers"], (method, path, code)
                if code[0] in "45":
                    assert list(response["content"]) == ["application/problem+json"], (method, path, code)


def test_query_parameters_are_lower_camel_case(document):
    names = {p["name"] for item in document["paths"].values() for op in item.values()
             for p in op.get("parameters", []) if p["in"] == "query"}
    assert {"page", "pageSize", "docType", "since"} <= names
    assert all(re.fullmatch(r"[a-z][a-zA-Z0-9]*", name) for name in names), names


def test_browsable_docs_are_served_without_a_cdn(client, db):
    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    page = response.content.decode()
    # The start script is a file of its own (no inline script under the Content-Security-Policy).
    script = re.search(r'<script src="([^"]*\?script=)"', page).group(1)
    start = client.get(script).content.decode()
    assert "swagger-ui" in page and f"{API}/openapi.json" in start
    for text in (page, start):
        assert not re.search(r"https?://(cdn|unpkg|fastly|cdnjs|jsdelivr)\.", text)


def _require_linter() -> None:
    """The lint needs the ADR ruleset beside the repository (or KOERS_ADR_RULESET) and npx."""
    if not RULESET.is_file():
        unavailable(f"the ADR ruleset is missing: {RULESET} (../shared, or set KOERS_ADR_RULESET)")
    if shutil.which("npx") is None:
        unavailable("npx is not installed (Node.js and npm)")


def test_openapi_document_passes_the_adr_linter():
    _require_linter()
    result = subprocess.run([str(LINT)], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No results with a severity of 'error' found" in result.stdout


def test_adr_linter_rejects_a_trailing_slash_and_a_missing_contact(tmp_path):
    """The lint really applies the ADR ruleset: a document breaking two rules fails on both."""
    _require_linter()
    from test_api_support import openapi_document

    broken = json.loads(json.dumps(openapi_document()))
    broken["paths"]["/organisations/"] = broken["paths"].pop("/organisations")
    del broken["info"]["contact"]["email"]
    target = tmp_path / "broken.json"
    target.write_text(json.dumps(broken), encoding="utf-8")
    result = subprocess.run([str(LINT), str(target)], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "path-keys-no-trailing-slash" in result.stdout
    assert "nlgov:info-contact-fields-exist" in result.stdout
