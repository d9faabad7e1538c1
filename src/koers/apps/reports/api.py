"""REST API of the council reports, under /organisations/{organisation_slug}/reports.

Viewers read issued reports and download their PDF; managers also see drafts, create them, issue them
(HTML and PDF frozen, with version and SHA-256) and publish or withdraw them. Writes go through
``issuing`` as on the pages.
"""

from __future__ import annotations

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response

from koers.apps.organisations.models import Role, has_role
from koers.apps.portfolio.api.common import _fake
from koers.apps.reports import issuing
from koers.apps.reports.models import SECTION_CHOICES, Report
from koers.web.api.base import ApiViewSet
from koers.web.api.permissions import OrganisationScopedMixin


class PdfRenderer(BaseRenderer):
    """Lets content negotiation accept ``Accept: application/pdf``; the view streams the stored file."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else b""


class ReportSerializer(serializers.ModelSerializer):
    sections = serializers.ListField(child=serializers.ChoiceField(choices=SECTION_CHOICES), allow_empty=False,
                                     help_text="De gekozen onderdelen.")
    issued_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Report
        fields = ["id", "title", "period_start", "period_end", "sections", "foreword", "request_to_council",
                  "state", "version", "issued_at", "issued_by", "pdf_sha256", "published", "created_at"]
        read_only_fields = ["id", "state", "version", "issued_at", "issued_by", "pdf_sha256", "published",
                            "created_at"]
        extra_kwargs = {"foreword": {"required": False}, "request_to_council": {"required": False}}


class PublicationSerializer(serializers.Serializer):
    published = serializers.BooleanField(help_text="true: op de openbare pagina zetten; false: eraf halen.")


@extend_schema_view(
    list=extend_schema(summary="Rapportages aan de raad (concepten alleen voor beheerders)"),
    retrieve=extend_schema(summary="Eén rapportage"),
    create=extend_schema(summary="Een concept maken (beheerder)"),
)
class ReportViewSet(OrganisationScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                    mixins.CreateModelMixin, ApiViewSet):
    serializer_class = ReportSerializer
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "head", "options"]
    required_roles = {"create": Role.MANAGER, "issue": Role.MANAGER, "publication": Role.MANAGER}

    def get_queryset(self):
        if _fake(self):
            return Report.objects.none()
        rows = Report.objects.filter(organisation=self.organisation).select_related("issued_by")
        if not has_role(self.organisation_role, Role.MANAGER):
            rows = rows.filter(state=Report.State.ISSUED)
        return rows.order_by("-created_at", "-id")

    def _run(self, change):
        try:
            return change()
        except issuing.ReportError as exc:
            raise serializers.ValidationError({"nonFieldErrors": [str(exc)]}) from None

    def perform_create(self, serializer):
        serializer.instance = self._run(lambda: issuing.save_draft(self.organisation, serializer.validated_data))

    @extend_schema(summary="Uitbrengen (beheerder): html en pdf liggen daarna vast", request=None,
                   responses={200: ReportSerializer})
    @action(detail=True, methods=["post"])
    def issue(self, request, *args, **kwargs):
        report = self._run(lambda: issuing.issue(self.get_object(), request.user))
        return Response(ReportSerializer(report).data)

    @extend_schema(summary="Publiceren op de openbare pagina of eraf halen (beheerder); alleen uitgebracht",
                   request=PublicationSerializer, responses={200: ReportSerializer})
    @action(detail=True, methods=["post"])
    def publication(self, request, *args, **kwargs):
        body = PublicationSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        report = self._run(lambda: issuing.set_published(self.get_object(), body.validated_data["published"]))
        return Response(ReportSerializer(report).data)

    @extend_schema(summary="De pdf van een uitgebrachte rapportage",
                   responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY,
                                                                        description="De pdf zoals uitgebracht.")})
    @action(detail=True, methods=["get"], renderer_classes=[PdfRenderer])
    def pdf(self, request, *args, **kwargs):
        report = self.get_object()
        if not report.issued:
            raise serializers.ValidationError({"nonFieldErrors": ["Een concept heeft nog geen pdf."]})
        return FileResponse(report.pdf.open("rb"), content_type="application/pdf",
                            filename=f"{self.organisation.slug}-rapportage-v{report.version}.pdf")


def register(router, nested: str) -> list:
    router.register(f"{nested}/reports", ReportViewSet, basename="report")
    return []
