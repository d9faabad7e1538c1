"""REST API for the audit trail of one organisation: read and export (managers and up), never change."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers
from rest_framework.renderers import JSONRenderer

from koers.apps.audit.filters import AuditFilterForm, filtered_entries
from koers.apps.audit.models import AuditEntry
from koers.apps.audit.export import csv_response
from koers.apps.organisations.models import Role
from koers.web.api.base import ApiViewSet, CsvRenderer
from koers.web.api.permissions import OrganisationScopedMixin


class AuditEntrySerializer(serializers.ModelSerializer):
    changes = serializers.DictField(
        child=serializers.ListField(allow_null=True, min_length=2, max_length=2, child=serializers.JSONField()),
        help_text="Per veld de oude en de nieuwe waarde: {veld: [oud, nieuw]}.",
    )

    class Meta:
        model = AuditEntry
        fields = ["id", "created_at", "actor_name", "action", "model", "object_id", "object_repr", "changes"]


FILTER_PARAMETERS = [
    OpenApiParameter("action", str, enum=[value for value, _label in AuditEntry.Action.choices],
                     description="Alleen deze actie."),
    OpenApiParameter("model", str, description="Alleen dit soort gegeven, bv. agenda.scandocument."),
    OpenApiParameter("actor", str, description="Alleen door gebruikers waarvan de naam dit bevat."),
    OpenApiParameter("since", OpenApiTypes.DATE, description="Vanaf deze datum (JJJJ-MM-DD)."),
    OpenApiParameter("until", OpenApiTypes.DATE, description="Tot en met deze datum (JJJJ-MM-DD)."),
    OpenApiParameter("format", str, enum=["json", "csv"],
                     description="csv geeft de hele (gefilterde) audittrail als CSV-bestand, zonder pagina's."),
]


class AuditEntryViewSet(OrganisationScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """The organisation's audit trail, newest first; filterable like the audit page."""

    serializer_class = AuditEntrySerializer
    lookup_value_regex = r"\d+"
    required_role = Role.MANAGER
    renderer_classes = [JSONRenderer, CsvRenderer]

    def get_renderers(self):
        # CSV is a representation of the (filtered) list only; one entry is JSON.
        return super().get_renderers() if self.action == "list" else [JSONRenderer()]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request
            return AuditEntry.objects.none()
        if self.action == "retrieve":
            return AuditEntry.objects.filter(organisation_id=self.organisation.pk)
        form = AuditFilterForm(self.request.query_params)
        if not form.is_valid():
            raise serializers.ValidationError(form.errors)
        return filtered_entries(self.organisation, form)

    @extend_schema(
        summary="Audittrail van de organisatie (beheerder); ?format=csv voor een export",
        parameters=FILTER_PARAMETERS,
        responses={200: AuditEntrySerializer(many=True),
                   (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV-export")},
    )
    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format == "csv":
            return self.csv_response(self.get_queryset())
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="Eén auditregel (beheerder)")
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    def csv_response(self, entries):
        return csv_response(self.organisation, entries)

