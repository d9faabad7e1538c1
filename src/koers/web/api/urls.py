"""The URL configuration of /api/v1: the documentation and every app's resources.

A new app with an API adds its routes here (see the checklist in docs/architecture.md).
"""

from __future__ import annotations

from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from koers.apps.agenda.api import CodebookView, DocumentViewSet
from koers.apps.agenda.model_api import register as register_scan_models
from koers.apps.audit.api import AuditEntryViewSet
from koers.apps.channels.api import register as register_channels
from koers.apps.indicators.api import register as register_indicators
from koers.apps.national.api import register as register_national
from koers.apps.organisations.api import MemberInvitationViewSet, MemberViewSet, OrganisationViewSet
from koers.apps.portfolio.api import register as register_portfolio
from koers.apps.readiness.api import register as register_readiness
from koers.apps.reports.api import register as register_reports
from koers.web.api.base import UnknownPathView
from koers.web.api.schema import DocsView, SchemaView

app_name = "api"

nested = r"organisations/(?P<organisation_slug>[-a-zA-Z0-9_]+)"
router = SimpleRouter(trailing_slash=False)
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register(f"{nested}/documents", DocumentViewSet, basename="document")
router.register(f"{nested}/audit-entries", AuditEntryViewSet, basename="audit-entry")
router.register(f"{nested}/members", MemberViewSet, basename="member")
router.register(f"{nested}/member-invitations", MemberInvitationViewSet, basename="member-invitation")
scan_model_paths = register_scan_models(router, nested)
portfolio_paths = register_portfolio(router, nested)
indicator_paths = register_indicators(router, nested)
channel_paths = register_channels(router, nested)
readiness_paths = register_readiness(router, nested)
report_paths = register_reports(router, nested)
national_paths = register_national(router)

urlpatterns = [
    path("openapi.json", SchemaView.as_view(), name="openapi"),
    path("docs", DocsView.as_view(), name="docs"),
    re_path(rf"^{nested}/codebook$", CodebookView.as_view(), name="codebook"),
    *scan_model_paths,
    *portfolio_paths,
    *indicator_paths,
    *channel_paths,
    *readiness_paths,
    *report_paths,
    *national_paths,
    *router.urls,
    re_path(r"^", UnknownPathView.as_view(), name="unknown-path"),
]
