"""REST API of the channel mix, under /organisations/{organisation_slug}/...

Resources: channel-counts (read; filter on service and group), channel-count-batches (many counts
at once, all or nothing; contributors), channel-supplies (capacity and opening hours of a channel
from a period on; managers write), inclusion-warnings (read) and inclusion-settings (the warning's
threshold; managers change it). Writes go through ``recording``.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from koers.apps.channels import mix, recording
from koers.apps.channels.models import CHANNEL_CHOICES, ChannelCount, ChannelSupply
from koers.apps.organisations.models import Role
from koers.apps.portfolio.api.common import _fake
from koers.effects.errors import EffectsError
from koers.web.api.base import ApiView, ApiViewSet
from koers.web.api.permissions import OrganisationScopedMixin


class ChannelCountSerializer(serializers.ModelSerializer):
    channel = serializers.ChoiceField(choices=CHANNEL_CHOICES)
    group = serializers.CharField(max_length=120, required=False, allow_blank=True, default="",
                                  help_text="Leeg voor alle inwoners; anders bijvoorbeeld een leeftijdsgroep.")
    contacts = serializers.FloatField(min_value=0)

    class Meta:
        model = ChannelCount
        fields = ["id", "period", "service", "channel", "group", "contacts"]
        read_only_fields = ["id"]


@extend_schema_view(list=extend_schema(summary="Contacten per periode, dienst, kanaal en groep", parameters=[
    OpenApiParameter("service", str, description="Alleen deze dienst."),
    OpenApiParameter("group", str, description="Alleen deze groep; leeg = alle inwoners.")]))
class ChannelCountViewSet(OrganisationScopedMixin, mixins.ListModelMixin, ApiViewSet):
    serializer_class = ChannelCountSerializer

    def get_queryset(self):
        if _fake(self):
            return ChannelCount.objects.none()
        rows = ChannelCount.objects.filter(organisation=self.organisation).order_by(
            "period", "service", "group", "channel", "id")
        for name in ("service", "group"):
            if name in self.request.query_params:
                rows = rows.filter(**{name: self.request.query_params[name].strip()})
        return rows


class CountBatchSerializer(serializers.Serializer):
    counts = ChannelCountSerializer(many=True, allow_empty=False, help_text="De aantallen; alles of niets.")


class CountsStoredSerializer(serializers.Serializer):
    added = serializers.IntegerField(help_text="Nieuwe aantallen.")
    replaced = serializers.IntegerField(help_text="Bestaande aantallen (zelfde periode, dienst, kanaal en groep) "
                                                  "met een nieuwe waarde.")


class ChannelCountBatchView(OrganisationScopedMixin, ApiView):
    required_role = Role.CONTRIBUTOR

    @extend_schema(summary="Contactaantallen in één keer toevoegen (bijdrager); alles of niets",
                   description="Een periode wordt bewaard als de eerste dag van haar maand. Een aantal voor een "
                               "periode, dienst, kanaal en groep die al bestaat, wordt vervangen.",
                   request=CountBatchSerializer, responses={201: CountsStoredSerializer})
    def post(self, request, *args, **kwargs):
        body = CountBatchSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        counts = [recording.Count(r["period"], r["service"], r["channel"], r["contacts"], r.get("group", ""))
                  for r in body.validated_data["counts"]]
        try:
            added, replaced = recording.record_counts(self.organisation, counts)
        except recording.CountError as exc:
            raise serializers.ValidationError({"counts": {
                p.index: {p.field: [p.message]} for p in exc.problems}}) from None
        return Response(CountsStoredSerializer({"added": added, "replaced": replaced}).data,
                        status=status.HTTP_201_CREATED)


class ChannelSupplySerializer(serializers.ModelSerializer):
    service = serializers.CharField(max_length=120, required=False, allow_blank=True, default="",
                                    help_text="Leeg voor alle diensten.")

    class Meta:
        model = ChannelSupply
        fields = ["id", "period", "service", "channel", "capacity", "opening_hours"]
        read_only_fields = ["id"]
        validators = []  # a supply on an existing period, service and channel replaces it

    def validate(self, data):
        if data.get("capacity") is None and data.get("opening_hours") is None:
            raise serializers.ValidationError("Vul de capaciteit, de openingsuren of allebei in.")
        return data


@extend_schema_view(
    list=extend_schema(summary="Het aanbod van de kanalen: capaciteit en openingsuren vanaf een periode"),
    create=extend_schema(summary="Aanbod vastleggen (beheerder); dezelfde periode, dienst en kanaal wordt vervangen"),
    destroy=extend_schema(summary="Aanbod verwijderen (beheerder)"),
)
class ChannelSupplyViewSet(OrganisationScopedMixin, mixins.ListModelMixin, mixins.CreateModelMixin,
                           mixins.DestroyModelMixin, ApiViewSet):
    serializer_class = ChannelSupplySerializer
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "delete", "head", "options"]
    required_roles = {"create": Role.MANAGER, "destroy": Role.MANAGER}

    def get_queryset(self):
        if _fake(self):
            return ChannelSupply.objects.none()
        return ChannelSupply.objects.filter(organisation=self.organisation).order_by("channel", "service", "period")

    def perform_create(self, serializer):
        data = serializer.validated_data
        try:
            serializer.instance = recording.set_supply(self.organisation, data["period"], data.get("service", ""),
                                                       data["channel"], data.get("capacity"),
                                                       data.get("opening_hours"))
        except ValueError as exc:
            raise serializers.ValidationError({"nonFieldErrors": [str(exc)]}) from None

    def destroy(self, request, *args, **kwargs):
        get_object_or_404(self.get_queryset(), pk=kwargs["pk"]).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class WarningSerializer(serializers.Serializer):
    service = serializers.CharField()
    group = serializers.CharField(help_text="Leeg = alle inwoners samen.")
    channel = serializers.ChoiceField(choices=CHANNEL_CHOICES)
    period = serializers.DateField(help_text="De laatste periode van de dienst.")
    share = serializers.FloatField(help_text="Aandeel van de contacten van de groep via dit kanaal (0-1).")
    capacity_before = serializers.FloatField(allow_null=True)
    capacity_after = serializers.FloatField(allow_null=True)
    opening_before = serializers.FloatField(allow_null=True)
    opening_after = serializers.FloatField(allow_null=True)


class WarningsSerializer(serializers.Serializer):
    threshold = serializers.FloatField(help_text="De drempel van de organisatie (0-1).")
    warnings = WarningSerializer(many=True)


class InclusionWarningView(OrganisationScopedMixin, ApiView):
    @extend_schema(summary="De actieve inclusiewaarschuwingen",
                   description="Een waarschuwing noemt een groep die bij een dienst nog minstens de drempel van "
                               "haar contacten via een kanaal zonder internet heeft, terwijl dat kanaal in de "
                               "laatste periode minder capaciteit of openingsuren kreeg.",
                   responses={200: WarningsSerializer})
    def get(self, request, *args, **kwargs):
        try:
            warnings = mix.warnings(self.organisation)
        except EffectsError as exc:
            raise serializers.ValidationError({"nonFieldErrors": [str(exc)]}) from None
        return Response(WarningsSerializer({"threshold": recording.threshold_of(self.organisation),
                                            "warnings": warnings}).data)


class ThresholdSerializer(serializers.Serializer):
    threshold = serializers.FloatField(min_value=0, max_value=1, help_text=(
        "Een groep wordt genoemd wanneer zij nog minstens dit aandeel (0-1) van haar contacten bij een dienst "
        "via een krimpend kanaal zonder internet heeft."))


class InclusionSettingsView(OrganisationScopedMixin, ApiView):
    required_roles = {"put": Role.MANAGER}

    @extend_schema(summary="De drempel van de inclusiewaarschuwing", responses={200: ThresholdSerializer})
    def get(self, request, *args, **kwargs):
        return Response(ThresholdSerializer({"threshold": recording.threshold_of(self.organisation)}).data)

    @extend_schema(summary="De drempel van de inclusiewaarschuwing wijzigen (beheerder)",
                   request=ThresholdSerializer, responses={200: ThresholdSerializer})
    def put(self, request, *args, **kwargs):
        body = ThresholdSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            stored = recording.set_threshold(self.organisation, body.validated_data["threshold"])
        except ValueError as exc:
            raise serializers.ValidationError({"threshold": [str(exc)]}) from None
        return Response(ThresholdSerializer({"threshold": stored.threshold}).data)


def register(router, nested: str) -> list:
    """Add the routes to the API router; returns the extra (non-router) URL patterns."""
    from django.urls import re_path

    router.register(f"{nested}/channel-counts", ChannelCountViewSet, basename="channel-count")
    router.register(f"{nested}/channel-supplies", ChannelSupplyViewSet, basename="channel-supply")
    return [
        re_path(rf"^{nested}/channel-count-batches$", ChannelCountBatchView.as_view(), name="channel-count-batch"),
        re_path(rf"^{nested}/inclusion-warnings$", InclusionWarningView.as_view(), name="inclusion-warning"),
        re_path(rf"^{nested}/inclusion-settings$", InclusionSettingsView.as_view(), name="inclusion-settings"),
    ]
