"""The OpenAPI document: its views and the hook that makes it follow the ADR linter rules."""

from __future__ import annotations

from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from koers.web.api.base import (
    PROBLEM_CONTENT_TYPE,
    PROBLEM_TYPE_PREFIX,
    VERSION_HEADER,
    ApiVersionMixin,
    api_version,
)


class SchemaView(ApiVersionMixin, SpectacularJSONAPIView):
    pass


class DocsView(ApiVersionMixin, SpectacularSwaggerSplitView):
    """Swagger UI with its start script as a file and no inline style, as the Content-Security-Policy wants."""

    url_name = "api:openapi"
    title = "Koers API"
    template_name = "web/api_docs.html"


def add_adr_responses(result: dict, generator=None, request=None, public=None) -> dict:
    """drf-spectacular post-processing hook: make the document follow the ADR linter rules.

    Every response gets the API-Version header; every operation documents the problem responses
    400, 401, 403, 404 and 500 (and keeps the others it declares) as application/problem+json.
    """
    components = result.setdefault("components", {})
    components.setdefault("schemas", {}).update(_problem_schemas())
    components.setdefault("headers", {})[VERSION_HEADER] = {
        "description": "De semantische versie van de API die dit antwoord gaf.",
        "schema": {"type": "string", "example": api_version()},
        "required": True,
    }
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method in {"get", "put", "post", "patch", "delete"}:
                _complete_responses(operation)
    return result


_ERROR_DESCRIPTIONS = {
    "400": "Ongeldige invoer; zie invalid-params.",
    "401": "Niet aangemeld: geef een token mee in de header Authorization.",
    "403": "Uw rol in de organisatie is niet voldoende.",
    "404": "Niet gevonden, of u bent geen lid van de organisatie.",
    "500": "Interne fout.",
}


def _complete_responses(operation: dict) -> None:
    responses = operation.setdefault("responses", {})
    for code, description in _ERROR_DESCRIPTIONS.items():
        responses.setdefault(code, {"description": description})
    for code, response in responses.items():
        response.setdefault("headers", {})[VERSION_HEADER] = {"$ref": f"#/components/headers/{VERSION_HEADER}"}
        if code[:1] in {"4", "5"}:
            response["content"] = {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}


def _problem_schemas() -> dict:
    return {
        "Problem": {
            "type": "object",
            "description": "Foutmelding volgens RFC 9457 (problem details).",
            "properties": {
                "type": {"type": "string", "format": "uri-reference", "example": PROBLEM_TYPE_PREFIX + "not-found"},
                "title": {"type": "string", "example": "Niet gevonden"},
                "status": {"type": "integer", "example": 404},
                "detail": {"type": "string", "example": "Organisatie niet gevonden."},
                "instance": {"type": "string", "format": "uri-reference", "example": "/api/v1/organisations/onbekend"},
                "invalid-params": {"type": "array", "items": {"$ref": "#/components/schemas/InvalidParam"}},
            },
            "required": ["type", "title", "status", "detail", "instance"],
        },
        "InvalidParam": {
            "type": "object",
            "properties": {
                "name": {"type": "string", "example": "text"},
                "code": {"type": "string", "example": "invalid"},
                "reason": {"type": "string", "example": "regel 3: onbekende sleutel"},
            },
            "required": ["name", "code", "reason"],
        },
    }
