"""National batches in the REST API: /national/batches (list, start) and /national/batches/{id}.

Only for users with the ``national.run_batch`` permission, as the batch page. A batch starts over the
registered documents not yet scanned, or over a manifest under KOERS_NATIONAL_ROOT named by its path
relative to that folder. Writes go through ``batches`` as on the page and in ``koers batch``.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, permissions, serializers, status
from rest_framework.response import Response

from koers.apps.national import batches
from koers.apps.national.models import Batch
from koers.scan import ScanError
from koers.web.api.base import ApiViewSet


class RunsBatches(permissions.BasePermission):
    """Signed in (else 401) and holding national.run_batch (else 403)."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.has_perm("national.run_batch"))


class CountsSerializer(serializers.Serializer):
    queued = serializers.IntegerField(help_text="In de wachtrij.")
    running = serializers.IntegerField(help_text="Bezig op een werker.")
    done = serializers.IntegerField(help_text="Gescand in deze opdracht.")
    reused = serializers.IntegerField(help_text="Al eerder gescand met dezelfde codeboek- en modelversie.")
    failed = serializers.IntegerField(help_text="Mislukt; de reden staat bij het document.")


class ProgressSerializer(serializers.Serializer):
    counts = CountsSerializer()
    total = serializers.IntegerField(help_text="Documenten in de opdracht.")
    pages = serializers.IntegerField(help_text="Pagina's van de gescande en hergebruikte documenten.")
    finished = serializers.BooleanField(help_text="Niets meer in de wachtrij of bezig.")
    eta_seconds = serializers.IntegerField(allow_null=True, help_text=(
        "Geschatte resterende tijd in seconden, naar het tempo tot nu toe; null vóór het eerste gescande document."))


class BatchSerializer(serializers.ModelSerializer):
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Batch
        fields = ["id", "label", "codebook_version", "model_version", "created_by", "created_at", "progress"]
        read_only_fields = fields

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, batch) -> dict:
        state = batches.progress(batch)
        return {"counts": state.counts, "total": state.total, "pages": state.pages, "finished": state.finished,
                "eta_seconds": None if state.eta is None else round(state.eta.total_seconds())}


class StartBatchSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=200, required=False, allow_blank=True, default="",
                                  help_text="Omschrijving van de opdracht.")
    manifest = serializers.CharField(required=False, allow_blank=True, default="", help_text=(
        "Pad van een manifest.csv ten opzichte van de map KOERS_NATIONAL_ROOT op de server "
        "(bijvoorbeeld 'ori-begroting-2025/manifest.csv'). Leeg: alle geregistreerde documenten die nog "
        "niet met de huidige codeboek- en modelversie zijn gescand."))

    def validate_manifest(self, value: str) -> str:
        if value and value not in batches.manifests_on_server():
            raise serializers.ValidationError("Geen manifest onder KOERS_NATIONAL_ROOT met dit pad.")
        return value


class StartedBatchSerializer(BatchSerializer):
    manifest_problems = serializers.ListField(child=serializers.CharField(), read_only=True, help_text=(
        "Regels van het manifest die niet zijn meegenomen, met de reden."))

    class Meta(BatchSerializer.Meta):
        fields = [*BatchSerializer.Meta.fields, "manifest_problems"]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary="Landelijke scanopdrachten met hun voortgang (recht national.run_batch)"),
    retrieve=extend_schema(summary="Eén scanopdracht met haar voortgang"),
)
class BatchViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = BatchSerializer
    permission_classes = [RunsBatches]
    queryset = Batch.objects.select_related("created_by")
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(summary="Een scanopdracht starten (recht national.run_batch)", request=StartBatchSerializer,
                   responses={201: StartedBatchSerializer})
    def create(self, request, *args, **kwargs):
        body = StartBatchSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        problems: list[str] = []
        try:
            if body.validated_data["manifest"]:
                root = Path(settings.KOERS_NATIONAL_ROOT)
                documents, problems = batches.register_manifest(root / body.validated_data["manifest"])
            else:
                documents = batches.not_yet_scanned()
            batch = batches.start_batch(documents, user=request.user, label=body.validated_data["label"])
        except (ScanError, ValueError) as exc:
            raise serializers.ValidationError({"nonFieldErrors": [str(exc)]}) from None
        batch.manifest_problems = problems
        headers = {"Location": request.build_absolute_uri(f"{request.path}/{batch.pk}")}
        return Response(StartedBatchSerializer(batch).data, status=status.HTTP_201_CREATED, headers=headers)


def register(router) -> None:
    router.register("national/batches", BatchViewSet, basename="national-batch")
