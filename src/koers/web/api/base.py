"""The base of the Koers REST API (/api/v1), following the Dutch API Design Rules (ADR).

It imports only Django and the REST framework, never a Koers app, so every app's ``api`` module
can build on it without an import cycle:
  * errors as ``application/problem+json`` (RFC 9457) for every error: :func:`problem_exception_handler`;
  * the ``API-Version`` header on every response: :class:`ApiVersionMixin` in every API view;
  * pagination with ``page`` and ``pageSize``; the views' policies in :class:`ApiView` and
    :class:`ApiViewSet`; the answer to unknown paths, :class:`UnknownPathView`;
  * authentication with a user's hashed API key, :class:`ApiTokenAuthentication`.

The organisation gate is in ``permissions``, the OpenAPI hook in ``schema``, the routes in ``urls``.
"""

from __future__ import annotations

import codecs
import json
import logging
import math

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


# --- authentication -----------------------------------------------------------------------------

class ApiTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>`` checked against the hashed keys of ``organisations.ApiToken``.

    The REST framework's header parsing (and its ``WWW-Authenticate: Token``) stays; only the
    lookup is Koers's own. drf-spectacular's token scheme covers this subclass as well.
    """

    def authenticate_credentials(self, key):
        # Imported here, not at the top: this module loads no Koers app (see the module docstring).
        from koers.apps.organisations.tokens import TokenRefused, check

        try:
            token = check(key)
        except TokenRefused as refused:
            raise exceptions.AuthenticationFailed(str(refused)) from None
        return token.user, token


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


INTEGER_LIMIT = 2**63 - 1  # no column of Koers holds a larger integer, on any database


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(_("het getal %(number)s is te groot") % {"number": text[:40]})
    return value


def _bounded(text: str) -> int:
    value = int(text)
    if abs(value) > INTEGER_LIMIT:
        raise ValueError(_("het getal %(number)s is te groot") % {"number": text[:40]})
    return value


def _no_constant(name: str):
    raise ValueError(_("%(name)s is geen getal") % {"name": name})


class StrictJSONParser(JSONParser):
    """JSON whose numbers fit: NaN, Infinity, a float that overflows (1e400) or an integer beyond 64
    bits is refused here, naming the number, instead of failing later in a lookup or a database write."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding") or settings.DEFAULT_CHARSET
        try:
            return json.load(codecs.getreader(encoding)(stream), parse_float=_finite, parse_int=_bounded,
                             parse_constant=_no_constant)
        except ValueError as exc:
            raise exceptions.ParseError(_("Ongeldige JSON: %(problem)s") % {"problem": exc}) from None


class ApiPolicyMixin(ApiVersionMixin):
    """The policies of every Koers API view, set here rather than through DEFAULT_* settings."""

    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [permissions.IsAuthenticated]
    renderer_classes = [JSONRenderer]
    parser_classes = [StrictJSONParser, MultiPartParser, FormParser]
    pagination_class = Pagination

    def get_exception_handler(self):
        return problem_exception_handler


class ApiView(ApiPolicyMixin, APIView):
    pass


class ApiViewSet(ApiPolicyMixin, GenericViewSet):
    pass


# --- catch-all ---------------------------------------------------------------------------------

class UnknownPathView(ApiView):
    """Answers every path under /api/v1 that is not a resource, trailing-slash paths included."""

    permission_classes = [permissions.AllowAny]
    authentication_classes = []
    schema = None

    def initial(self, request, *args, **kwargs):
        if request.path.endswith("/"):
            raise exceptions.NotFound(_("Onbekend pad: paden in deze API eindigen niet op een slash."))
        raise exceptions.NotFound(_("Onbekend pad in deze API."))
