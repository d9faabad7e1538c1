"""Weighing frameworks (versions) with their criteria: serializers and the viewset."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from koers.apps.organisations.models import Role
from koers.apps.portfolio import framework as frameworks
from koers.apps.portfolio.api.common import _fake, _username
from koers.apps.portfolio.models import CriteriaFramework, Criterion
from koers.web.api.base import ApiViewSet, ConflictError
from koers.web.api.permissions import OrganisationScopedMixin


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "code", "name", "description", "scale_min", "scale_max", "weight", "order"]
        read_only_fields = ["id"]

    def validate(self, data):
        if data.get("scale_max", 5) <= data.get("scale_min", 1):
            raise serializers.ValidationError({"scale_max": [_("De bovenkant van de schaal moet hoger zijn dan de "
                                                               "onderkant.")]})
        return data


class FrameworkSerializer(serializers.ModelSerializer):
    criteria = CriterionSerializer(many=True, read_only=True)
    created_by = serializers.SerializerMethodField()

    class Meta:
        model = CriteriaFramework
        fields = ["id", "name", "version", "state", "weight_method", "pairwise", "consistency_ratio", "based_on",
                  "created_by", "created_at", "published_at", "criteria"]
        read_only_fields = fields

    def get_created_by(self, item) -> str | None:
        return _username(item.created_by)


class FrameworkCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120, required=False,
                                 help_text="Naam van een nieuw kader; leeg bij based_on (dezelfde naam).")
    based_on = serializers.IntegerField(required=False, help_text="Id van de versie waarvan dit een nieuwe versie is.")
    criteria = CriterionSerializer(many=True, required=False,
                                   help_text="De criteria; bij based_on zonder criteria worden ze overgenomen.")
    pairwise = serializers.ListField(child=serializers.ListField(child=serializers.FloatField()), required=False,
                                     help_text="Paarsgewijze vergelijking (AHP) in de volgorde van de criteria; "
                                               "bepaalt de gewichten.")
    publish = serializers.BooleanField(default=False, help_text="Meteen vaststellen (daarna onveranderlijk).")

    def validate(self, data):
        if not data.get("based_on") and not (data.get("name") or "").strip():
            raise serializers.ValidationError({"name": [_("Geef een naam of het kader waarop dit is gebaseerd.")]})
        codes = [c["code"] for c in data.get("criteria", [])]
        if len(codes) != len(set(codes)):
            raise serializers.ValidationError({"criteria": [_("Elke criteriumcode mag maar één keer voorkomen.")]})
        return data


class FrameworkUpdateSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=[CriteriaFramework.State.PUBLISHED],
                                    help_text="published: de conceptversie vaststellen.")


@extend_schema_view(
    list=extend_schema(summary="De afwegingskaders (alle versies) met hun criteria"),
    retrieve=extend_schema(summary="Eén versie van een afwegingskader met de criteria"),
)
class FrameworkViewSet(OrganisationScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Versions of the weighing framework; viewers read, managers create versions and publish them."""

    serializer_class = FrameworkSerializer
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "head", "options"]
    required_roles = {"create": Role.MANAGER, "partial_update": Role.MANAGER}

    def get_queryset(self):
        if _fake(self):
            return CriteriaFramework.objects.none()
        return (CriteriaFramework.objects.filter(organisation=self.organisation).select_related("created_by")
                .prefetch_related("criteria").order_by("name", "-version"))

    @extend_schema(summary="Een nieuwe versie maken (beheerder): nieuw kader, of een kopie van based_on; "
                           "met publish meteen vastgesteld",
                   request=FrameworkCreateSerializer, responses={201: FrameworkSerializer})
    def create(self, request, *args, **kwargs):
        body = FrameworkCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            with transaction.atomic():
                created = self._create(data, request.user)
        except (frameworks.FrameworkError, ValueError) as exc:
            raise serializers.ValidationError({"nonFieldErrors": [str(exc)]}) from exc
        return Response(FrameworkSerializer(self.get_queryset().get(pk=created.pk)).data,
                        status=status.HTTP_201_CREATED)

    def _create(self, data, user):
        if data.get("based_on"):
            source = CriteriaFramework.objects.filter(organisation=self.organisation, pk=data["based_on"]).first()
            if source is None:
                raise serializers.ValidationError({"based_on": [_("Dit afwegingskader bestaat niet.")]})
            created = frameworks.new_version(source, user)
            if "criteria" in data:
                created.criteria.all().delete()
        else:
            name = data["name"].strip()
            created = CriteriaFramework.objects.create(organisation=self.organisation, name=name,
                                                       version=frameworks.next_version(self.organisation, name),
                                                       created_by=user)
        for order, row in enumerate(data.get("criteria", []), start=1):
            Criterion.objects.create(framework=created, **{"order": order, **row})
        if data.get("pairwise") is not None:
            frameworks.set_pairwise(created, data["pairwise"])
        if data.get("publish"):
            frameworks.publish(created, user)
        return created

    @extend_schema(summary="Een conceptversie vaststellen (beheerder); een vastgestelde versie geeft 409",
                   request=FrameworkUpdateSerializer,
                   responses={200: FrameworkSerializer,
                              409: OpenApiResponse(description="Deze versie is al vastgesteld.")})
    def partial_update(self, request, *args, **kwargs):
        item = self.get_object()
        body = FrameworkUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        if item.is_published:
            raise ConflictError(_("Deze versie is al vastgesteld en kan niet meer veranderen; maak een nieuwe versie."))
        try:
            frameworks.publish(item, request.user)
        except frameworks.FrameworkError as exc:
            raise serializers.ValidationError({"state": [str(exc)]}) from exc
        return Response(FrameworkSerializer(self.get_queryset().get(pk=item.pk)).data)
