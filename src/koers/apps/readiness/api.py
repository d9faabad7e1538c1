"""REST API of the readiness scan, under /organisations/{organisation_slug}/...

Resources: readiness-questionnaires (read: the shipped one and the organisation's own, with dimensions,
items and levels), readiness-rounds (viewers read; managers open, rename, close and delete), per round
its invitations (managers; a POST makes links and is the only response that ever contains their
tokens, a DELETE revokes one) and its results (read; empty below the round's minimum of respondents).
Answering stays on the public respondent page. Writes go through ``rounds`` as on the pages.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from koers.apps.organisations.models import Role
from koers.apps.portfolio.api.common import _fake
from koers.apps.readiness import questionnaires, results, rounds
from koers.apps.readiness.models import Dimension, Invitation, Item, Level, Questionnaire, Round
from koers.web.api.base import ApiView, ApiViewSet
from koers.web.api.permissions import OrganisationScopedMixin


def _invalid(error: ValidationError):
    return serializers.ValidationError({"nonFieldErrors": error.messages})


class LevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = Level
        fields = ["value", "description"]


class ItemSerializer(serializers.ModelSerializer):
    levels = LevelSerializer(many=True, read_only=True)

    class Meta:
        model = Item
        fields = ["id", "text", "order", "levels"]


class DimensionSerializer(serializers.ModelSerializer):
    items = ItemSerializer(many=True, read_only=True)

    class Meta:
        model = Dimension
        fields = ["id", "code", "name", "description", "oecd", "order", "items"]


class QuestionnaireSerializer(serializers.ModelSerializer):
    shipped = serializers.SerializerMethodField(help_text="Meegeleverd met Koers (voor iedere organisatie).")
    dimensions = DimensionSerializer(many=True, read_only=True)

    class Meta:
        model = Questionnaire
        fields = ["id", "name", "version", "state", "shipped", "dimensions"]

    def get_shipped(self, questionnaire) -> bool:
        return questionnaire.organisation_id is None


@extend_schema_view(list=extend_schema(summary="De vragenlijsten van de zelfscan"),
                    retrieve=extend_schema(summary="Eén vragenlijst met dimensies, vragen en niveaus"))
class QuestionnaireViewSet(OrganisationScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = QuestionnaireSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if _fake(self):
            return Questionnaire.objects.none()
        questionnaires.default()
        return (Questionnaire.objects.filter(Q(organisation=self.organisation) | Q(organisation=None))
                .prefetch_related("dimensions__items__levels").order_by("name", "version", "id"))


class RoundSerializer(serializers.ModelSerializer):
    questionnaire = serializers.PrimaryKeyRelatedField(queryset=Questionnaire.objects.all(),
                                                       help_text="Id van een gepubliceerde vragenlijst.")
    closed = serializers.BooleanField(write_only=True, required=False,
                                      help_text="true sluit de ronde (niet terug te draaien).")
    respondents = serializers.SerializerMethodField()

    class Meta:
        model = Round
        fields = ["id", "name", "questionnaire", "opened_at", "closed_at", "min_respondents", "respondents",
                  "closed"]
        read_only_fields = ["id", "opened_at", "closed_at"]

    def get_respondents(self, round_) -> int:
        return results.respondents(round_)


@extend_schema_view(
    list=extend_schema(summary="De rondes van de zelfscan"),
    retrieve=extend_schema(summary="Eén ronde"),
    create=extend_schema(summary="Een ronde openen (beheerder)"),
    partial_update=extend_schema(summary="Een ronde hernoemen of sluiten (beheerder)"),
    destroy=extend_schema(summary="Een ronde verwijderen, met haar links en antwoorden (beheerder)"),
)
class RoundViewSet(OrganisationScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                   mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, ApiViewSet):
    serializer_class = RoundSerializer
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    required_roles = {"create": Role.MANAGER, "partial_update": Role.MANAGER, "destroy": Role.MANAGER}

    def get_queryset(self):
        if _fake(self):
            return Round.objects.none()
        return Round.objects.filter(organisation=self.organisation).order_by("-opened_at", "-id")

    def perform_create(self, serializer):
        data = serializer.validated_data
        try:
            serializer.instance = rounds.open_round(self.organisation, data["questionnaire"], data["name"],
                                                    data.get("min_respondents", 5))
        except ValidationError as error:
            raise _invalid(error) from None

    def perform_update(self, serializer):
        data = serializer.validated_data
        round_ = serializer.instance
        if "questionnaire" in data and data["questionnaire"] != round_.questionnaire:
            raise serializers.ValidationError({"questionnaire": ["De vragenlijst van een ronde verandert niet."]})
        if "name" in data:
            round_.name = data["name"].strip()
        if "min_respondents" in data:
            round_.min_respondents = data["min_respondents"]
        round_.save()
        if data.get("closed"):
            rounds.close_round(round_)


class InvitationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Invitation
        fields = ["id", "created_at", "used_on", "revoked_at"]


class NewLinksSerializer(serializers.Serializer):
    count = serializers.IntegerField(min_value=1, max_value=rounds.MAX_LINKS, help_text="Aantal nieuwe links.")


class NewLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    link = serializers.URLField(help_text="De link voor één respondent; wordt nooit opnieuw getoond.")


class NewLinksCreatedSerializer(serializers.Serializer):
    invitations = NewLinkSerializer(many=True)


@extend_schema_view(
    list=extend_schema(summary="De links van een ronde en hun stand (beheerder); zonder de links zelf"),
    create=extend_schema(summary="Nieuwe links maken (beheerder); alleen dit antwoord bevat de links",
                         request=NewLinksSerializer, responses={201: NewLinksCreatedSerializer}),
    destroy=extend_schema(summary="Een link intrekken (beheerder)"),
)
class InvitationViewSet(OrganisationScopedMixin, mixins.ListModelMixin, mixins.CreateModelMixin,
                        mixins.DestroyModelMixin, ApiViewSet):
    serializer_class = InvitationSerializer
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "delete", "head", "options"]
    required_role = Role.MANAGER

    def round(self) -> Round:
        return get_object_or_404(Round, pk=self.kwargs["round_id"], organisation=self.organisation)

    def get_queryset(self):
        if _fake(self):
            return Invitation.objects.none()
        return self.round().invitations.order_by("created_at", "id")

    def create(self, request, *args, **kwargs):
        body = NewLinksSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        round_ = self.round()
        try:
            tokens = rounds.create_invitations(round_, body.validated_data["count"])
        except ValidationError as error:
            raise _invalid(error) from None
        made = Invitation.objects.filter(token_hash__in=[rounds.token_hash(t) for t in tokens])
        ids = {invitation.token_hash: invitation.pk for invitation in made}
        links = [{"id": ids[rounds.token_hash(t)],
                  "link": request.build_absolute_uri(reverse("respond", kwargs={"token": t}))} for t in tokens]
        return Response(NewLinksCreatedSerializer({"invitations": links}).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        rounds.revoke(get_object_or_404(self.get_queryset(), pk=kwargs["pk"]))
        return Response(status=status.HTTP_204_NO_CONTENT)


class DimensionResultSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    median = serializers.FloatField()
    q1 = serializers.FloatField(help_text="Eerste kwartiel.")
    q3 = serializers.FloatField(help_text="Derde kwartiel.")
    low = serializers.FloatField(help_text="Laagste score van een respondent.")
    high = serializers.FloatField(help_text="Hoogste score van een respondent.")
    answers = serializers.IntegerField()
    disagreement = serializers.BooleanField(help_text="Interkwartielafstand minstens 2 of spreiding minstens 3.")
    change = serializers.FloatField(allow_null=True, help_text="Mediaan min die van de vorige ronde.")


class ResultsSerializer(serializers.Serializer):
    respondents = serializers.IntegerField()
    min_respondents = serializers.IntegerField()
    available = serializers.BooleanField(help_text="false zolang er te weinig respondenten zijn.")
    previous_round = serializers.CharField(allow_null=True)
    dimensions = DimensionResultSerializer(many=True, help_text="Leeg zolang er te weinig respondenten zijn.")


class ResultsView(OrganisationScopedMixin, ApiView):
    @extend_schema(summary="De uitkomsten van een ronde per dimensie", responses={200: ResultsSerializer})
    def get(self, request, *args, **kwargs):
        round_ = get_object_or_404(Round, pk=kwargs["round_id"], organisation=self.organisation)
        summary = results.summarise(round_)
        return Response(ResultsSerializer({
            "respondents": results.respondents(round_), "min_respondents": round_.min_respondents,
            "available": summary is not None, "previous_round": summary.previous_name if summary else None,
            "dimensions": summary.dimensions if summary else []}).data)


def register(router, nested: str) -> list:
    """Add the routes to the API router; returns the extra (non-router) URL patterns."""
    from django.urls import re_path

    one = rf"{nested}/readiness-rounds/(?P<round_id>\d+)"
    router.register(f"{nested}/readiness-questionnaires", QuestionnaireViewSet, basename="readiness-questionnaire")
    router.register(f"{nested}/readiness-rounds", RoundViewSet, basename="readiness-round")
    router.register(f"{one}/invitations", InvitationViewSet, basename="readiness-invitation")
    return [re_path(rf"^{one}/results$", ResultsView.as_view(), name="readiness-results")]
