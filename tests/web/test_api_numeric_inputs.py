"""Numbers the API cannot store are refused with 400 and a field error, never a server error (issue 14,
point 8): every numeric field of every PATCH body in the OpenAPI document gets values that overflow a
float or any database integer, and a negative where the schema allows none."""

from __future__ import annotations

import json

import pytest

from test_api_audit_fields import TARGETS, _schema, shared_world, world  # noqa: F401 - fixtures
from test_api_support import API, api_for, openapi_document  # noqa: F401

# The audit walk's objects, built once for the module (conftest), before its first test.
pytestmark = pytest.mark.usefixtures("shared_tenants", "shared_world")

BAD = ("1e400", "-1e400", "99999999999999999999", "NaN", "Infinity")


def _numeric_fields():
    document = openapi_document()
    for path, item in sorted(document["paths"].items()):
        if "patch" not in item:
            continue
        schema = _schema(document, next(iter(item["patch"]["requestBody"]["content"].values()))["schema"])
        for name, prop in schema.get("properties", {}).items():
            prop = _schema(document, prop)
            if not prop.get("readOnly") and prop.get("type") in {"integer", "number"} and name != "version":
                yield pytest.param(path, name, prop.get("minimum", -1) >= 0, id=f"{path} {name}")


@pytest.mark.parametrize("path, name, non_negative", list(_numeric_fields()))
def test_numbers_out_of_range_are_a_field_error(path, name, non_negative, world, api_for):
    url = API + path.format(slug=world["slug"], organisation_slug=world["slug"], **TARGETS[path](world))
    client = api_for("admin")
    for text in BAD + (("-1",) if non_negative else ()):
        response = client.generic("PATCH", url, f'{{"{name}": {text}}}', content_type="application/json")
        assert response.status_code == 400, (text, response.status_code, response.content[:300])
        problem = json.loads(response.content)
        fields = {item.get("name") for item in problem.get("invalid-params", [])}
        assert name in fields or "JSON" in problem.get("detail", ""), (text, problem)
