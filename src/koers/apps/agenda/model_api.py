"""REST API for the organisation's own scan model: the label export of its reviewed verdicts, the
model versions (which is active, how many results each produced), training requests, and the way
back to the shipped model. The same services as the model page (``koers.apps.agenda.training``)."""

from __future__ import annotations

from django.db.models import Count
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from koers.apps.agenda import reviews, training
from koers.apps.agenda.models import ModelTraining, OrganisationModel
from koers.apps.agenda.scanning import codebook_for
from koers.apps.organisations.models import Role
from koers.web.api.base import ApiView, ApiViewSet, ConflictError, CsvRenderer
from koers.web.api.permissions import OrganisationScopedMixin


class LabelRowSerializer(serializers.Serializer):
    document = serializers.CharField(help_text="De bestandsnaam zoals geüpload.")
    labels = serializers.DictField(child=serializers.IntegerField(min_value=0, max_value=1),
                                   help_text="Per thema-id: 1 expliciete aandacht, 0 niet (het beoordeelde oordeel).")


class LabelsSerializer(serializers.Serializer):
    themes = serializers.ListField(child=serializers.CharField(), help_text="De thema-ids van het codeboek.")
    documents = LabelRowSerializer(many=True, help_text="Alleen documenten waarvan elk thema beoordeeld is.")


class LabelsView(OrganisationScopedMixin, ApiView):
    """The fully reviewed documents as labels; ``?format=csv`` gives the file ``koers eval --labels`` reads."""

    required_role = Role.MANAGER
    renderer_classes = [JSONRenderer, CsvRenderer]

    @extend_schema(summary="Beoordeelde oordelen als labels (beheerder); ?format=csv voor koers eval",
                   responses={200: LabelsSerializer,
                              (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="document,<thema-ids>")})
    def get(self, request, *args, **kwargs):
        theme_ids = list(codebook_for(self.organisation).theme_ids)
        if request.accepted_renderer.format == "csv":
            response = Response(reviews.labels_csv(self.organisation, theme_ids), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="labels-{self.organisation.slug}.csv"'
            return response
        rows = [{"document": document.original_name, "labels": {t: int(verdicts[t]) for t in theme_ids}}
                for document, verdicts in reviews.labelled_documents(self.organisation, theme_ids)]
        return Response({"themes": theme_ids, "documents": rows})


class ScanModelSerializer(serializers.ModelSerializer):
    model_version = serializers.SerializerMethodField(
        help_text="Inhoudshash van het model: staat bij elk resultaat dat het gaf (model_version van een document).")
    trained_by = serializers.CharField(source="trained_by.username", read_only=True, allow_null=True, default=None)
    results = serializers.IntegerField(source="result_count", read_only=True,
                                       help_text="Aantal documenten met resultaten van deze versie.")

    class Meta:
        model = OrganisationModel
        fields = ["version", "model_version", "documents", "codebook_fingerprint", "trained_by", "trained_at",
                  "active", "results"]
        read_only_fields = fields
        extra_kwargs = {
            "documents": {"help_text": "Aantal beoordeelde documenten waaruit het model geleerd is."},
            "active": {"help_text": "Waar: nieuwe scans gebruiken deze versie (zolang het codeboek niet wijzigt)."},
        }

    def get_model_version(self, stored) -> str:
        from koers.scan.calibration import model_version

        return model_version(stored.model)


class TrainingSerializer(serializers.ModelSerializer):
    requested_by = serializers.CharField(source="requested_by.username", read_only=True, allow_null=True, default=None)
    result = serializers.IntegerField(source="result.version", read_only=True, allow_null=True, default=None,
                                      help_text="De versie van het geleerde model; null zolang er geen is.")

    class Meta:
        model = ModelTraining
        fields = ["id", "requested_by", "requested_at", "finished_at", "outcome", "message", "result"]
        read_only_fields = fields
        extra_kwargs = {"message": {"help_text": "Waarom het leren mislukte; leeg als het lukte of nog bezig is."}}


@extend_schema_view(
    list=extend_schema(summary="Versies van het eigen scanmodel, nieuwste eerst (beheerder)"),
    retrieve=extend_schema(summary="Eén versie van het eigen scanmodel (beheerder)"),
)
class ScanModelViewSet(OrganisationScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """The organisation's own model versions; a manager switches between them and the shipped model."""

    serializer_class = ScanModelSerializer
    required_role = Role.MANAGER
    lookup_field = "version"
    lookup_value_regex = r"\d+"
    pagination_class = None  # a handful of versions

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request
            return OrganisationModel.objects.none()
        return (OrganisationModel.objects.filter(organisation=self.organisation).select_related("trained_by")
                .annotate(result_count=Count("results")))

    @extend_schema(summary="Nieuwe scans gebruiken deze versie (beheerder)", request=None,
                   responses={200: ScanModelSerializer})
    @action(detail=True, methods=["post"])
    def activate(self, request, *args, **kwargs):
        stored = self.get_object()
        training.activate(self.organisation, stored.version)
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(summary="Terug naar het meegeleverde model; de eigen versies blijven bewaard (beheerder)",
                   request=None, responses={204: OpenApiResponse(description="Nieuwe scans gebruiken het "
                                                                              "meegeleverde model.")})
    @action(detail=False, methods=["post"], url_path="use-shipped")
    def use_shipped(self, request, *args, **kwargs):
        training.use_default(self.organisation)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(summary="Leeropdrachten voor het eigen scanmodel, nieuwste eerst (beheerder)"),
    retrieve=extend_schema(summary="Eén leeropdracht: bezig, klaar (met de versie) of mislukt (met de reden)"),
)
class TrainingViewSet(OrganisationScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Requests to train an own model; the worker records the outcome on the request."""

    serializer_class = TrainingSerializer
    required_role = Role.MANAGER
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ModelTraining.objects.none()
        return (ModelTraining.objects.filter(organisation=self.organisation)
                .select_related("requested_by", "result"))

    @extend_schema(summary="Een eigen scanmodel laten leren uit de volledig beoordeelde documenten (beheerder)",
                   description="Het leren gebeurt op de achtergrond; volg de opdracht tot outcome klaar of "
                               "mislukt is. Een nieuw model wordt meteen de actieve versie.",
                   request=None, responses={202: TrainingSerializer, 409: OpenApiResponse(
                       description="Leren kan nu niet: te weinig beoordeelde documenten of geen scikit-learn.")})
    def create(self, request, *args, **kwargs):
        try:
            requested = training.request_training(self.organisation, request.user)
        except training.TrainingError as exc:
            raise ConflictError(str(exc)) from None
        requested.refresh_from_db()  # an eager worker has already finished it
        return Response(self.get_serializer(requested).data, status=status.HTTP_202_ACCEPTED)


def register(router, nested: str) -> list:
    from django.urls import re_path

    router.register(f"{nested}/scan-models", ScanModelViewSet, basename="scan-model")
    router.register(f"{nested}/scan-model-trainings", TrainingViewSet, basename="scan-model-training")
    return [re_path(rf"^{nested}/labels$", LabelsView.as_view(), name="labels")]
