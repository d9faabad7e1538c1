"""Decisions of the portfolio board and their publication: serializers and the viewset."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from koers.apps.organisations.models import Role
from koers.apps.portfolio import decisions
from koers.apps.portfolio.api.common import _fake, _username
from koers.apps.portfolio.models import Decision, SelectionRun
from koers.web.api.base import ApiViewSet, problem, problem_response
from koers.web.api.permissions import OrganisationScopedMixin


class PublishedItemSerializer(serializers.Serializer):
    reference = serializers.CharField()
    title = serializers.CharField()
    effect = serializers.CharField(allow_blank=True)
    why = serializers.CharField(allow_blank=True)


class PublishedCriterionSerializer(serializers.Serializer):
    name = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    weight = serializers.FloatField(help_text="Gewicht als deel van 1.")


class DecisionSerializer(serializers.ModelSerializer):
    decided_by = serializers.SerializerMethodField()
    published_items = PublishedItemSerializer(many=True, read_only=True,
                                              help_text="De gekozen initiatieven, vastgelegd bij publicatie.")
    published_not_chosen = PublishedItemSerializer(
        many=True, read_only=True, help_text="De niet gekozen initiatieven met de reden, vastgelegd bij publicatie.")
    published_criteria = PublishedCriterionSerializer(
        many=True, read_only=True, help_text="De criteria en gewichten van het afwegingskader, vastgelegd bij publicatie.")

    class Meta:
        model = Decision
        fields = ["id", "title", "reasoning", "run", "meeting_date", "body", "document_url", "decided_by",
                  "decided_at", "supersedes", "published", "published_at", "published_items", "published_not_chosen",
                  "published_framework", "published_criteria"]
        read_only_fields = fields

    def get_decided_by(self, item) -> str | None:
        return _username(item.decided_by)


class DecisionCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    reasoning = serializers.CharField(help_text="De onderbouwing van het besluit.")
    run = serializers.IntegerField(required=False, allow_null=True,
                                   help_text="De selectierun waarop het besluit rust; die moet klaar en haalbaar zijn.")
    meeting_date = serializers.DateField(required=False, help_text="Datum van het overleg; standaard vandaag.")
    body = serializers.CharField(max_length=120, required=False, allow_blank=True,
                                 help_text="Wie besloot, bijvoorbeeld het portefeuilleoverleg of het college van B&W.")
    document_url = serializers.URLField(max_length=500, required=False, allow_blank=True,
                                        help_text="Link naar het vergaderstuk.")


class DecisionUpdateSerializer(serializers.Serializer):
    published = serializers.BooleanField(help_text="true: publiceren op de openbare pagina (het verzoek zelf is de "
                                                   "bevestiging); false: intrekken.")


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

    @extend_schema(summary="Een besluit vastleggen (beheerder); de statussen volgen de gekozen selectie",
                   description="Geeft 409 (problem+json) als de selectierun niet klaar of onhaalbaar is, of als een "
                               "spelregel een statuswijziging tegenhoudt die het besluit vraagt; dan verandert er niets.",
                   request=DecisionCreateSerializer,
                   responses={201: DecisionSerializer,
                              409: OpenApiResponse(description="Het besluit kan zo niet worden vastgelegd.")})
    def create(self, request, *args, **kwargs):
        body = DecisionCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        run = None
        if data.get("run") is not None:
            run = SelectionRun.objects.filter(organisation=self.organisation, pk=data["run"]).first()
            if run is None:
                raise serializers.ValidationError({"run": [_("Deze selectierun bestaat niet.")]})
        try:
            made = decisions.decide(self.organisation, title=data["title"], reasoning=data["reasoning"], run=run,
                                    user=request.user, meeting_date=data.get("meeting_date"),
                                    body=data.get("body", ""), document_url=data.get("document_url", ""))
        except decisions.DecisionRefused as refused:
            return problem_response(request, problem(409, str(refused), instance=request.get_full_path(),
                                                     code="decision-refused", title=_("Besluit geweigerd")))
        return Response(DecisionSerializer(made).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Publiceren op de openbare pagina of intrekken (beheerder)",
                   request=DecisionUpdateSerializer, responses={200: DecisionSerializer})
    def partial_update(self, request, *args, **kwargs):
        item = self.get_object()
        body = DecisionUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        change = decisions.publish if body.validated_data["published"] else decisions.withdraw
        return Response(DecisionSerializer(change(item, request.user)).data)
