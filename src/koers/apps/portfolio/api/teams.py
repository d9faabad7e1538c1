"""Teams with their capacity per quarter: serializers and the viewset."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.response import Response

from koers.apps.organisations.models import Role
from koers.apps.portfolio.api.common import _fake
from koers.apps.portfolio.models import QUARTER_RE, Team, TeamCapacity
from koers.web.api.base import ApiViewSet
from koers.web.api.permissions import OrganisationScopedMixin


class CapacitySerializer(serializers.Serializer):
    quarter = serializers.RegexField(QUARTER_RE.pattern, max_length=7, help_text="Kwartaal als JJJJ-Qn.",
                                     error_messages={"invalid": _lazy("Schrijf een kwartaal als JJJJ-Qn, bijvoorbeeld "
                                                                      "2026-Q1.")})
    hours = serializers.FloatField(min_value=0, help_text="Beschikbare uren van het team in dit kwartaal.")


class TeamSerializer(serializers.ModelSerializer):
    capacity = CapacitySerializer(many=True, required=False,
                                  help_text="Capaciteit per kwartaal; bij wijzigen vervangt de lijst de bestaande.")

    class Meta:
        model = Team
        fields = ["id", "code", "name", "capacity"]
        read_only_fields = ["id"]

    def to_representation(self, team):
        data = super().to_representation(team)
        data["capacity"] = [{"quarter": row.quarter, "hours": row.hours} for row in team.capacity.all()]
        return data

    def validate_code(self, value):
        organisation = self.context["organisation"]
        others = Team.objects.filter(organisation=organisation, code=value)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise serializers.ValidationError(_("Er is al een team met deze code."))
        return value

    def validate_capacity(self, rows):
        quarters = [row["quarter"] for row in rows]
        if len(quarters) != len(set(quarters)):
            raise serializers.ValidationError(_("Elk kwartaal mag maar één keer voorkomen."))
        return rows


@extend_schema_view(
    list=extend_schema(summary="De teams met hun capaciteit per kwartaal"),
    retrieve=extend_schema(summary="Eén team met zijn capaciteit"),
    create=extend_schema(summary="Een team toevoegen (beheerder)"),
    partial_update=extend_schema(summary="Naam of capaciteit van een team wijzigen (beheerder)"),
)
class TeamViewSet(OrganisationScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                  mixins.UpdateModelMixin, ApiViewSet):
    """Teams and their capacity; viewers read, managers edit."""

    serializer_class = TeamSerializer
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "head", "options"]
    required_roles = {"create": Role.MANAGER, "partial_update": Role.MANAGER}

    def get_queryset(self):
        if _fake(self):
            return Team.objects.none()
        return Team.objects.filter(organisation=self.organisation).prefetch_related(
            Prefetch("capacity", TeamCapacity.objects.order_by("quarter"))).order_by("name", "id")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "organisation": self.organisation}

    @transaction.atomic
    def perform_create(self, serializer):
        capacity = serializer.validated_data.pop("capacity", [])
        team = serializer.save(organisation=self.organisation)
        self._store_capacity(team, capacity)

    @transaction.atomic
    def perform_update(self, serializer):
        capacity = serializer.validated_data.pop("capacity", None)
        team = serializer.save()
        if capacity is not None:
            self._store_capacity(team, capacity)

    def create(self, request, *args, **kwargs):
        response = super().create(request, *args, **kwargs)
        response.data = TeamSerializer(self.get_queryset().get(pk=response.data["id"])).data
        return response

    def update(self, request, *args, **kwargs):
        super().update(request, *args, **kwargs)
        return Response(TeamSerializer(self.get_queryset().get(pk=kwargs["pk"])).data)

    @staticmethod
    def _store_capacity(team, rows) -> None:
        stored = {row.quarter: row for row in TeamCapacity.objects.filter(team=team)}
        wanted = {row["quarter"]: row["hours"] for row in rows}
        for quarter, hours in wanted.items():
            current = stored.get(quarter)
            if current is None:
                TeamCapacity.objects.create(team=team, quarter=quarter, hours=hours)
            elif current.hours != hours:
                current.hours = hours
                current.save(update_fields=["hours"])
        for quarter, current in stored.items():
            if quarter not in wanted:
                current.delete()
