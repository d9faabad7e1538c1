"""An indicator's targets and measurements: one at a time, in a batch, or from a file."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from koers.apps.indicators import importing, measuring
from koers.apps.indicators.models import Indicator, Measurement, Target
from koers.apps.organisations.models import Role
from koers.apps.portfolio.api.common import _fake, _username
from koers.web.api.base import ApiView, ApiViewSet, problem, problem_response
from koers.web.api.permissions import OrganisationScopedMixin

INDICATOR_ID = OpenApiParameter("indicator_id", int, OpenApiParameter.PATH, description="Id van de indicator.")


class IndicatorScoped(OrganisationScopedMixin):
    """Views under indicators/{indicator_id}: the indicator of the URL, within the organisation."""

    def indicator(self) -> Indicator:
        return get_object_or_404(Indicator, pk=self.kwargs["indicator_id"], organisation=self.organisation)


class TargetSerializer(serializers.ModelSerializer):
    created_by = serializers.SerializerMethodField()

    class Meta:
        model = Target
        fields = ["id", "date", "value", "created_at", "created_by", "replaced_at"]
        read_only_fields = ["id", "created_at", "created_by", "replaced_at"]

    def get_created_by(self, target) -> str | None:
        return _username(target.created_by)


@extend_schema_view(
    list=extend_schema(summary="Het streefpad met zijn geschiedenis (replaced_at gevuld = niet meer geldig)",
                       parameters=[INDICATOR_ID]),
    create=extend_schema(summary="Een streefwaarde vastleggen (beheerder); een bestaande op die datum wordt vervangen",
                         parameters=[INDICATOR_ID]),
    destroy=extend_schema(summary="Een streefwaarde intrekken (beheerder); ze blijft in de geschiedenis",
                          parameters=[INDICATOR_ID]),
)
class TargetViewSet(IndicatorScoped, mixins.ListModelMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin,
                    ApiViewSet):
    serializer_class = TargetSerializer
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "delete", "head", "options"]
    required_roles = {"create": Role.MANAGER, "destroy": Role.MANAGER}

    def get_queryset(self):
        if _fake(self):
            return Target.objects.none()
        return self.indicator().targets.select_related("created_by").order_by("date", "created_at", "id")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = measuring.set_target(self.indicator(), data["date"], data["value"], self.request.user)

    def destroy(self, request, *args, **kwargs):
        target = get_object_or_404(measuring.current_targets(self.indicator()), pk=kwargs["pk"])
        measuring.retire(target)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeasurementSerializer(serializers.ModelSerializer):
    entered_by = serializers.SerializerMethodField()
    group = serializers.CharField(max_length=120, required=False, allow_blank=True, default="",
                                  help_text="Leeg voor iedereen; anders bijvoorbeeld een leeftijdsgroep of wijk.")
    source = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    class Meta:
        model = Measurement
        fields = ["id", "date", "value", "group", "source", "entered_by", "created_at"]
        read_only_fields = ["id", "entered_by", "created_at"]

    def get_entered_by(self, measurement) -> str | None:
        return _username(measurement.entered_by)

    def row(self) -> measuring.Row:
        data = self.validated_data
        return measuring.Row(data["date"], data["value"], data.get("group", ""), data.get("source", ""))


@extend_schema_view(
    list=extend_schema(summary="De metingen van een indicator (oudste eerst)", parameters=[
        INDICATOR_ID, OpenApiParameter("group", str, description="Alleen deze groep; leeg = iedereen.")]),
    create=extend_schema(summary="Eén meting toevoegen (bijdrager); dezelfde datum en groep vervangt de waarde",
                         parameters=[INDICATOR_ID]),
    destroy=extend_schema(summary="Een meting verwijderen (beheerder)", parameters=[INDICATOR_ID]),
)
class MeasurementViewSet(IndicatorScoped, mixins.ListModelMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin,
                         ApiViewSet):
    serializer_class = MeasurementSerializer
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "delete", "head", "options"]
    required_roles = {"create": Role.CONTRIBUTOR, "destroy": Role.MANAGER}

    def get_queryset(self):
        if _fake(self):
            return Measurement.objects.none()
        rows = self.indicator().measurements.select_related("entered_by").order_by("date", "group", "id")
        if "group" in self.request.query_params:
            rows = rows.filter(group=self.request.query_params["group"].strip())
        return rows

    def perform_create(self, serializer):
        indicator = self.indicator()
        row = serializer.row()
        measuring.record(indicator, [row], self.request.user)
        serializer.instance = indicator.measurements.get(date=row.date, group=row.group.strip())


class BatchSerializer(serializers.Serializer):
    measurements = MeasurementSerializer(many=True, allow_empty=False, help_text="De metingen; alles of niets.")


class StoredSerializer(serializers.Serializer):
    added = serializers.IntegerField(help_text="Nieuwe metingen.")
    replaced = serializers.IntegerField(help_text="Bestaande metingen (zelfde datum en groep) met een nieuwe waarde.")


def _stored(added: int, replaced: int) -> Response:
    return Response(StoredSerializer({"added": added, "replaced": replaced}).data, status=status.HTTP_201_CREATED)


class MeasurementBatchView(IndicatorScoped, ApiView):
    """Many measurements at once, all or nothing."""

    required_role = Role.CONTRIBUTOR

    @extend_schema(summary="Metingen in één keer toevoegen (bijdrager); alles of niets", parameters=[INDICATOR_ID],
                   request=BatchSerializer, responses={201: StoredSerializer})
    def post(self, request, *args, **kwargs):
        indicator = self.indicator()
        body = BatchSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        rows = [measuring.Row(r["date"], r["value"], r.get("group", ""), r.get("source", ""))
                for r in body.validated_data["measurements"]]
        try:
            return _stored(*measuring.record(indicator, rows, request.user))
        except measuring.MeasurementError as exc:
            raise serializers.ValidationError({"measurements": {
                p.index: {p.field: [p.message]} for p in exc.problems}}) from None


class MeasurementImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField(use_url=False, allow_empty_file=True, help_text="CSV (UTF-8) of Excel-werkmap (.xlsx).")
    date_column = serializers.CharField(required=False, help_text="Kolom met de datum (anders geraden uit de kopregel).")
    value_column = serializers.CharField(required=False, help_text="Kolom met de waarde (anders geraden).")
    group_column = serializers.CharField(required=False, help_text="Kolom met de groep (optioneel).")
    source_column = serializers.CharField(required=False, help_text="Kolom met de bron (optioneel).")


class MeasurementImportView(IndicatorScoped, ApiView):
    """Measurements from a CSV or XLSX file with the user's own column names, all or nothing."""

    required_role = Role.CONTRIBUTOR

    @extend_schema(
        summary="Metingen importeren uit CSV of XLSX (bijdrager); alles of niets",
        description="Geef met date_column, value_column, group_column en source_column aan welke kolom wat bevat; "
                    "zonder die velden raadt Koers het uit de kopregel (datum, waarde, groep, bron). Bij een fout wordt "
                    "niets opgeslagen en noemt invalid-params per probleem de rij (kopregel = rij 1) en de kolom.",
        parameters=[INDICATOR_ID], request={"multipart/form-data": MeasurementImportRequestSerializer},
        responses={201: StoredSerializer})
    def post(self, request, *args, **kwargs):
        indicator = self.indicator()
        body = MeasurementImportRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            rows = importing.read(data["file"].read(), data["file"].name)
            mapping = {**importing.guess_mapping(rows[0]),
                       **{f: data[f"{f}_column"] for f in importing.FIELDS if data.get(f"{f}_column")}}
            return _stored(*importing.import_rows(indicator, rows, mapping, request.user))
        except importing.MeasurementImportError as exc:
            return problem_response(request, problem(400, str(exc), instance=request.get_full_path(), invalid_params=[
                {"name": "file", "code": "invalid", "reason": message} for message in exc.messages]))
