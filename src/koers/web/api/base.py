"""Shared pieces of the Koers REST API (/api/v1) and its URL configuration.

WIRING (for H4 / the lead; done when these lines are present):
  * ``koers/web/urls.py``:  ``path("api/v1/", include("koers.web.api")),``
  * ``koers/web/settings.py``: ``from koers.web.api_settings import *`` (REST_FRAMEWORK,
    SPECTACULAR_SETTINGS, API_VERSION) and the apps ``rest_framework``, ``rest_framework.authtoken``,
    ``drf_spectacular``, ``drf_spectacular_sidecar`` in INSTALLED_APPS.

What lives here, following the Dutch API Design Rules (ADR):
  * errors as ``application/problem+json`` (RFC 9457) for every error: :func:`problem_exception_handler`;
  * the ``API-Version`` header on every response: :class:`ApiVersionMixin` in every API view;
  * the organisation gate (non-member → 404, role too low → 403): :class:`OrganisationRole`;
  * pagination with ``page`` and ``pageSize``;
  * the OpenAPI post-processing hook :func:`add_adr_responses` (problem responses, version header);
  * ``urlpatterns`` (built lazily, so the apps' api modules may import this module freely).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, permissions, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView, set_rollback
from rest_framework.viewsets import GenericViewSet

from koers.apps.organisations.access import membership_for
from koers.apps.organisations.models import Role, has_role

log = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:koers:problem:"
VERSION_HEADER = "API-Version"

# status -> (problem type code, Dutch title); the detail says what exactly went wrong.
PROBLEM_TITLES = {
    400: ("invalid-input", "Ongeldige invoer"),
    401: ("not-authenticated", "Niet aangemeld"),
    403: ("forbidden", "Geen toegang"),
    404: ("not-found", "Niet gevonden"),
    405: ("method-not-allowed", "Methode niet toegestaan"),
    406: ("not-acceptable", "Gevraagd formaat niet beschikbaar"),
    409: ("conflict", "Conflict met de huidige toestand"),
    413: ("too-large", "Verzoek te groot"),
    415: ("unsupported-media-type", "Formaat van de invoer niet ondersteund"),
    429: ("throttled", "Te veel verzoeken"),
    500: ("server-error", "Interne fout"),
}


def api_version() -> str:
    return getattr(settings, "API_VERSION", "1.0.0")


# --- problem+json -------------------------------------------------------------------------------

def problem(status_code: int, detail: str, *, instance: str = "", code: str | None = None,
            title: str | None = None, invalid_params: list[dict] | None = None) -> dict:
    """A problem details object (RFC 9457) with Koers's type URNs and Dutch titles."""
    default_code, default_title = PROBLEM_TITLES.get(status_code, ("error", "Fout"))
    body = {
        "type": PROBLEM_TYPE_PREFIX + (code or default_code),
        "title": title or default_title,
        "status": status_code,
        "detail": str(detail),
        "instance": instance,
    }
    if invalid_params:
        body["invalid-params"] = invalid_params
    return body


def problem_response(request, body: dict, headers: dict | None = None) -> Response:
    # Problems are always JSON, even when the request asked for CSV.
    if request is not None:
        request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"
    return Response(body, status=body["status"], headers=headers, content_type=PROBLEM_CONTENT_TYPE)


class ConflictError(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Dit kan niet in de huidige toestand van het gegeven."
    default_code = "conflict"


def invalid_params(detail, prefix: str = "") -> list[dict]:
    """Flatten a ValidationError detail into ADR ``invalid-params`` entries (name, code, reason)."""
    if isinstance(detail, dict):
        return [item for key, value in detail.items()
                for item in invalid_params(value, f"{prefix}.{key}" if prefix else str(key))]
    if isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            return [{"name": prefix or "nonFieldErrors", "code": getattr(item, "code", "invalid"),
                     "reason": str(item)} for item in detail]
        return [item for index, value in enumerate(detail)
                for item in invalid_params(value, f"{prefix}[{index}]")]
    return [{"name": prefix or "nonFieldErrors", "code": getattr(detail, "code", "invalid"),
             "reason": str(detail)}]


def _as_api_exception(exc: Exception) -> exceptions.APIException | None:
    if isinstance(exc, exceptions.APIException):
        return exc
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(*exc.args)
    if isinstance(exc, RequestDataTooBig):
        too_large = exceptions.APIException("Het verzoek is groter dan deze server aanneemt.")
        too_large.status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
        return too_large
    if isinstance(exc, SuspiciousOperation):
        return exceptions.ValidationError({"nonFieldErrors": ["Het verzoek is ongeldig."]})
    return None


def problem_exception_handler(exc: Exception, context: dict) -> Response:
    """REST framework exception handler: every error becomes application/problem+json."""
    request = context.get("request")
    instance = request.get_full_path() if request is not None else ""
    api_exc = _as_api_exception(exc)
    set_rollback()
    if api_exc is None:
        log.exception("unhandled error in API view %s", instance, exc_info=exc)
        body = problem(500, _("Er ging iets mis aan de kant van de server; probeer het later opnieuw."),
                       instance=instance)
        return problem_response(request, body)

    headers = {}
    if getattr(api_exc, "auth_header", None):
        headers["WWW-Authenticate"] = api_exc.auth_header
    if getattr(api_exc, "wait", None):
        headers["Retry-After"] = "%d" % api_exc.wait
    if isinstance(api_exc, exceptions.ValidationError):
        params = invalid_params(api_exc.detail)
        detail = params[0]["reason"] if len(params) == 1 else _(
            "%(count)d velden zijn ongeldig; zie invalid-params.") % {"count": len(params)}
        body = problem(400, detail, instance=instance, invalid_params=params)
    else:
        body = problem(api_exc.status_code, str(api_exc.detail), instance=instance,
                       code=None if api_exc.status_code in PROBLEM_TITLES else api_exc.default_code)
    return problem_response(request, body, headers)


# --- base views ---------------------------------------------------------------------------------

class Pagination(PageNumberPagination):
    page_size = 50
    page_query_param = "page"
    page_size_query_param = "pageSize"  # ADR: query keys in lower camelCase
    max_page_size = 500


class CsvRenderer(BaseRenderer):
    """Lets content negotiation accept ``?format=csv`` / ``Accept: text/csv``; views stream the CSV."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, (bytes, str)) else b""


class ApiVersionMixin:
    """Adds the API-Version header (ADR /core/version-header) to every response of the view."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response[VERSION_HEADER] = api_version()
        return response


class ApiPolicyMixin(ApiVersionMixin):
    """The policies of every Koers API view, set here rather than through DEFAULT_* settings."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [permissions.IsAuthenticated]
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    pagination_class = Pagination

    def get_exception_handler(self):
        return problem_exception_handler


class ApiView(ApiPolicyMixin, APIView):
    pass


class ApiViewSet(ApiPolicyMixin, GenericViewSet):
    pass


# --- organisation gate --------------------------------------------------------------------------

class OrganisationRole(permissions.BasePermission):
    """Membership of the organisation in the URL (else 404) and the role the action needs (else 403).

    The view names the needed role per action in ``required_roles`` (``{"create": Role.CONTRIBUTOR}``)
    with ``required_role`` as the default; it gets ``organisation`` and ``organisation_role`` set.
    """

    message = "Uw rol in deze organisatie geeft geen toegang tot deze handeling."
    slug_kwarg = "organisation_slug"

    def has_permission(self, request, view) -> bool:
        membership = membership_for(request.user, view.kwargs.get(self.slug_kwarg, ""))
        if membership is None:
            raise exceptions.NotFound("Organisatie niet gevonden.")
        view.organisation, view.organisation_role = membership.organisation, membership.role
        return has_role(membership.role, needed_role(view, request))


def needed_role(view, request) -> str:
    action = getattr(view, "action", None) or request.method.lower()
    return getattr(view, "required_roles", {}).get(action, getattr(view, "required_role", Role.VIEWER))


class OrganisationScopedMixin:
    """For views under /organisations/{organisation_slug}/...: authenticated member with a role."""

    permission_classes = [permissions.IsAuthenticated, OrganisationRole]
    required_role = Role.VIEWER
    required_roles: dict[str, str] = {}
    organisation = None
    organisation_role = None


# --- catch-all and documentation ------------------------------------------------------------------

class UnknownPathView(ApiView):
    """Answers every path under /api/v1 that is not a resource, trailing-slash paths included."""

    permission_classes = [permissions.AllowAny]
    authentication_classes = []
    schema = None

    def initial(self, request, *args, **kwargs):
        if request.path.endswith("/"):
            raise exceptions.NotFound(_("Onbekend pad: paden in deze API eindigen niet op een slash."))
        raise exceptions.NotFound(_("Onbekend pad in deze API."))


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


# --- URLs ---------------------------------------------------------------------------------------

app_name = "api"
_urlpatterns: list | None = None


def __getattr__(name: str):
    # Built on first use (by Django's include()), so importing this module never imports the
    # apps' api modules, which import this one.
    global _urlpatterns
    if name != "urlpatterns":
        raise AttributeError(name)
    if _urlpatterns is None:
        _urlpatterns = _build_urlpatterns()
    return _urlpatterns


def _build_urlpatterns() -> list:
    from django.urls import path, re_path
    from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerView
    from rest_framework.routers import SimpleRouter

    from koers.apps.agenda.api import CodebookView, DocumentViewSet
    from koers.apps.audit.api import AuditEntryViewSet
    from koers.apps.organisations.api import MemberViewSet, OrganisationViewSet
    from koers.apps.portfolio.api import register as register_portfolio

    class SchemaView(ApiVersionMixin, SpectacularJSONAPIView):
        pass

    class DocsView(ApiVersionMixin, SpectacularSwaggerView):
        url_name = "api:openapi"
        title = "Koers API"

    nested = r"organisations/(?P<organisation_slug>[-a-zA-Z0-9_]+)"
    router = SimpleRouter(trailing_slash=False)
    router.register("organisations", OrganisationViewSet, basename="organisation")
    router.register(f"{nested}/documents", DocumentViewSet, basename="document")
    router.register(f"{nested}/audit-entries", AuditEntryViewSet, basename="audit-entry")
    router.register(f"{nested}/members", MemberViewSet, basename="member")
    portfolio_paths = register_portfolio(router, nested)
    return [
        path("openapi.json", SchemaView.as_view(), name="openapi"),
        path("docs", DocsView.as_view(), name="docs"),
        re_path(rf"^{nested}/codebook$", CodebookView.as_view(), name="codebook"),
        *portfolio_paths,
        *router.urls,
        re_path(r"^", UnknownPathView.as_view(), name="unknown-path"),
    ]
