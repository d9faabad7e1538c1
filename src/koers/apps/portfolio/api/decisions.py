"""Decisions of the portfolio board and their publication: serializers and the viewset."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from koers.apps.organisations.models import Role
from koers.apps.portfolio import decisions
from koers.apps.portfolio.api.common import _fake, _username
from koers.apps.portfolio.models import Decision, SelectionRun
from koers.web.api.base import ApiViewSet
from koers.web.api.permissions import OrganisationScopedMixin


class PublishedItemSerializer(serializers.Serializer):
    reference = serializers.CharField()
    title = serializers.CharField()
    effect = serializers.CharField(allow_blank=True)
    why = serializers.CharField(allow_blank=True)


class DecisionSerializer(serializers.ModelSerializer):
    decided_by = serializers.SerializerMethodField()
    published_items = PublishedItemSerializer(many=True, read_only=True,
                                              help_text="Wat de openbare pagina toont, vastgelegd bij publicatie.")

    class Meta:
        model = Decision
        fields = ["id", "title", "reasoning", "run", "decided_by", "decided_at", "published", "published_at",
                  "published_items"]
        read_only_fields = fields

    def get_decided_by(self, item) -> str | None:
        return _username(item.decided_by)


class DecisionCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    reasoning = serializers.CharField(help_text="De onderbouwing van het besluit.")
    run = serializers.IntegerField(required=False, allow_null=True,
                                   help_text="De selectierun waarop het besluit rust.")


class DecisionUpdateSerializer(serializers.Serializer):
    published = serializers.BooleanField(help_text="true: publiceren op de openbare pagina; false: intrekken.")


@extend_schema_view(
    list=extend_schema(summary="Besluiten over de portefeuille",
                       parameters=[OpenApiParameter("published", bool,
                                                    description="true: alleen gepubliceerde besluiten.")]),
    retrieve=extend_schema(summary="Eén besluit"),
)
class DecisionViewSet(OrganisationScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """The board's decisions; managers record them and publish or withdraw them (Woo)."""

    serializer_class = DecisionSerializer
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "head", "options"]
    required_roles = {"create": Role.MANAGER, "partial_update": Role.MANAGER}

    def get_queryset(self):
        if _fake(self):
            return Decision.objects.none()
        rows = Decision.objects.filter(organisation=self.organisation).select_related("decided_by").order_by(
            "-decided_at", "-id")
        if self.action == "list":
            value = self.request.query_params.get("published")
            if value is not None:
                if value not in {"true", "false"}:
                    raise serializers.ValidationError({"published": [_("geef true of false")]})
                rows = rows.filter(published=value == "true")
        return rows

    @extend_schema(summary="Een besluit vastleggen (beheerder)", request=DecisionCreateSerializer,
                   responses={201: DecisionSerializer})
    def create(self, request, *args, **kwargs):
        body = DecisionCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        run = None
        if data.get("run") is not None:
            run = SelectionRun.objects.filter(organisation=self.organisation, pk=data["run"]).first()
            if run is None:
                raise serializers.ValidationError({"run": [_("Deze selectierun bestaat niet.")]})
        made = decisions.decide(self.organisation, title=data["title"], reasoning=data["reasoning"], run=run,
                                user=request.user)
        return Response(DecisionSerializer(made).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Publiceren op de openbare pagina of intrekken (beheerder)",
                   request=DecisionUpdateSerializer, responses={200: DecisionSerializer})
    def partial_update(self, request, *args, **kwargs):
        item = self.get_object()
        body = DecisionUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        change = decisions.publish if body.validated_data["published"] else decisions.withdraw
        return Response(DecisionSerializer(change(item, request.user)).data)
