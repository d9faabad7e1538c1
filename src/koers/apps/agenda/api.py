"""REST API for the agenda scan: documents (upload, results, retry, rescan) and the codebook."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from koers.apps.agenda.forms import CodebookForm, check_upload
from koers.apps.agenda import reviews
from koers.apps.agenda.models import (DocType, EvidencePassage, OrganisationCodebook, ScanDocument, Status,
                                      ThemeResult, VerdictReview)
from koers.apps.agenda.scanning import current_versions, queue_scan
from koers.apps.organisations.models import Role
from koers.web.api.base import ApiView, ApiViewSet, ConflictError, problem
from koers.web.api.permissions import OrganisationScopedMixin


class EvidenceSerializer(serializers.ModelSerializer):
    terms = serializers.ListField(child=serializers.CharField(), help_text="De termen uit het codeboek die hier voorkomen.")
    highlights = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2),
        help_text="Te markeren stukken als [begin, eind] binnen text.",
    )

    class Meta:
        model = EvidencePassage
        fields = ["rank", "page", "start", "end", "text", "terms", "highlights"]


class ReviewSerializer(serializers.ModelSerializer):
    reviewed_by = serializers.CharField(source="reviewed_by.username", read_only=True, allow_null=True, default=None)

    class Meta:
        model = VerdictReview
        fields = ["theme", "attention", "reason", "reviewed_by", "reviewed_at"]
        read_only_fields = ["theme", "reviewed_by", "reviewed_at"]
        extra_kwargs = {
            "attention": {"help_text": "Het oordeel van de beoordelaar: geeft het document expliciete aandacht?"},
            "reason": {"help_text": "Korte reden, verplicht (hoogstens 500 tekens).", "allow_blank": True},
        }


class ThemeResultSerializer(serializers.ModelSerializer):
    evidence = EvidenceSerializer(many=True, read_only=True)
    attention = serializers.BooleanField(source="verdict", read_only=True, help_text=(
        "Het geldende oordeel: dat van de beoordelaar als er een is, anders dat van de scan."))
    scan_attention = serializers.BooleanField(source="attention", read_only=True, help_text="Het oordeel van de scan.")
    # Flat rather than a nullable nested object: the OpenAPI validators disagree on nullable references.
    reviewed = serializers.SerializerMethodField(help_text="Waar: een beoordelaar heeft dit oordeel bevestigd of gewijzigd.")
    review_reason = serializers.CharField(source="review.reason", read_only=True, allow_null=True, default=None,
                                          help_text="De reden van de beoordelaar; null zonder beoordeling.")
    reviewed_by = serializers.CharField(source="review.reviewed_by.username", read_only=True, allow_null=True,
                                        default=None)
    reviewed_at = serializers.DateTimeField(source="review.reviewed_at", read_only=True, allow_null=True, default=None)

    class Meta:
        model = ThemeResult
        fields = ["theme", "label", "attention", "scan_attention", "reviewed", "review_reason", "reviewed_by",
                  "reviewed_at", "score", "passages", "probability", "confidence", "evidence"]
        extra_kwargs = {
            "probability": {"help_text": "Gekalibreerde kans op expliciete aandacht (0 tot 1); null zonder kalibratie."},
            "confidence": {"help_text": "twijfel: de kans ligt in de onzekere band; duidelijk: erbuiten; leeg: onbekend."},
        }

    def get_reviewed(self, theme) -> bool:
        return getattr(theme, "review", None) is not None


class DocumentSerializer(serializers.ModelSerializer):
    uploaded_by = serializers.CharField(source="uploaded_by.username", read_only=True, allow_null=True, default=None)
    can_retry = serializers.BooleanField(read_only=True, help_text="Mislukt of vastgelopen: opnieuw scannen kan.")
    outdated = serializers.SerializerMethodField(help_text=(
        "Waar: de resultaten komen van een andere codeboek- of modelversie dan een scan nu zou gebruiken; "
        "opnieuw scannen past de huidige toe."))

    class Meta:
        model = ScanDocument
        fields = ["id", "original_name", "doc_type", "year", "status", "error", "pages", "words", "attempts",
                  "uploaded_by", "created_at", "started_at", "finished_at", "can_retry", "codebook_version",
                  "model_version", "outdated"]
        read_only_fields = fields
        extra_kwargs = {
            "codebook_version": {"help_text": "Naam, versie en vingerafdruk van het codeboek van de opgeslagen "
                                              "resultaten; leeg bij scans van voor deze registratie."},
            "model_version": {"help_text": "Versie (inhoudshash) van het model dat de kansen gaf; leeg als er geen was."},
        }

    def get_outdated(self, document) -> bool:
        versions = self.context.get("versions")  # (codebook, model) a scan would record now
        return bool(versions) and document.status == Status.DONE and (
            document.codebook_version, document.model_version) != versions


class DocumentDetailSerializer(DocumentSerializer):
    themes = ThemeResultSerializer(many=True, read_only=True)

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "themes"]
        read_only_fields = fields


class UploadSerializer(serializers.Serializer):
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, use_url=False), allow_empty=False,
        help_text="Eén of meer documenten; elk bestand wordt apart gecontroleerd.",
    )
    doc_type = serializers.ChoiceField(choices=DocType.choices, default=DocType.OVERIG)
    year = serializers.IntegerField(min_value=1990, max_value=2100, required=False, allow_null=True)


class RejectedFileSerializer(serializers.Serializer):
    """A refused file of an upload, as a problem details object plus the file's name."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField()
    name = serializers.CharField(help_text="De bestandsnaam zoals geüpload.")


class UploadResultSerializer(serializers.Serializer):
    documents = DocumentSerializer(many=True, help_text="De aangenomen documenten, in de wachtrij gezet.")
    rejected = RejectedFileSerializer(many=True, help_text="De geweigerde bestanden, elk met de reden.")


class RescanResultSerializer(serializers.Serializer):
    queued = serializers.IntegerField(help_text="Aantal documenten dat opnieuw in de wachtrij staat.")


THEME_PARAMETER = OpenApiParameter("theme", str, OpenApiParameter.PATH, description="Id van het thema in het codeboek.")

DOCUMENT_FILTERS = [
    OpenApiParameter("status", str, enum=Status.values, description="Alleen documenten met deze status."),
    OpenApiParameter("docType", str, enum=DocType.values, description="Alleen dit soort document."),
    OpenApiParameter("year", int, description="Alleen documenten over dit jaar."),
]


@extend_schema_view(
    list=extend_schema(summary="Documenten van de organisatie", parameters=DOCUMENT_FILTERS),
    retrieve=extend_schema(summary="Eén document met de resultaten per thema en de bewijspassages",
                           responses={200: DocumentDetailSerializer}),
)
class DocumentViewSet(OrganisationScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Uploaded documents; viewers read, contributors upload and retry, managers rescan all."""

    serializer_class = DocumentSerializer
    lookup_value_regex = r"\d+"
    required_roles = {"create": Role.CONTRIBUTOR, "retry": Role.CONTRIBUTOR, "rescan": Role.MANAGER,
                      "review": Role.MANAGER, "withdraw_review": Role.MANAGER}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request
            return ScanDocument.objects.none()
        documents = ScanDocument.objects.filter(organisation=self.organisation).select_related("uploaded_by")
        if self.action == "retrieve":
            evidence = Prefetch("evidence", queryset=EvidencePassage.objects.order_by("rank"))
            themes = Prefetch("themes", queryset=ThemeResult.objects.order_by("id").prefetch_related(evidence))
            return documents.prefetch_related(themes)
        if self.action == "list":
            return self.filter_documents(documents)
        return documents

    def filter_documents(self, documents):
        params = self.request.query_params
        errors = {}
        for key, field, allowed in (("status", "status", Status.values), ("docType", "doc_type", DocType.values)):
            value = params.get(key)
            if value is not None and value not in allowed:
                errors[key] = [f"onbekende waarde {value!r}; kies uit {', '.join(allowed)}"]
            elif value is not None:
                documents = documents.filter(**{field: value})
        year = params.get("year")
        if year is not None:
            if year.isdigit():
                documents = documents.filter(year=int(year))
            else:
                errors["year"] = ["geef een jaartal, bijvoorbeeld 2025"]
        if errors:
            raise serializers.ValidationError(errors)
        return documents

    def retrieve(self, request, *args, **kwargs):
        document = self.get_object()
        reviews.attach(document)  # the themes now carry their review and effective verdict
        return Response(DocumentDetailSerializer(document, context=self.get_serializer_context()).data)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.organisation is not None:
            context["versions"] = current_versions(self.organisation)
        return context

    def get_serializer_class(self):
        return DocumentDetailSerializer if self.action == "retrieve" else DocumentSerializer

    @extend_schema(
        summary="Documenten uploaden en laten scannen (bijdrager)",
        description="Meerdere bestanden tegelijk (multipart, veld files). Geldige bestanden worden aangenomen "
                    "en gescand, ook als andere bestanden geweigerd worden; die staan met hun reden in "
                    "rejected. Zijn alle bestanden ongeldig, dan volgt 400.",
        request={"multipart/form-data": UploadSerializer},
        responses={201: UploadResultSerializer},
    )
    def create(self, request, *args, **kwargs):
        upload = UploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        accepted, rejected = [], {}
        for index, file in enumerate(upload.validated_data["files"]):
            reason = check_upload(file)
            if reason:
                rejected[index] = (file.name, reason)
            else:
                accepted.append(self.store(file, upload.validated_data))
        if not accepted:
            raise serializers.ValidationError({f"files[{i}]": [f"{name}: {reason}"]
                                               for i, (name, reason) in rejected.items()})
        body = {
            "documents": DocumentSerializer(accepted, many=True, context=self.get_serializer_context()).data,
            "rejected": [{**problem(400, f"{name}: {reason}", instance=request.get_full_path(),
                                   code="rejected-file", title="Bestand geweigerd"), "name": name}
                         for name, reason in rejected.values()],
        }
        return Response(body, status=status.HTTP_201_CREATED)

    def store(self, file, data) -> ScanDocument:
        document = ScanDocument.objects.create(
            organisation=self.organisation, uploaded_by=self.request.user, file=file,
            original_name=file.name[:255], doc_type=data["doc_type"], year=data.get("year"),
        )
        return queue_scan(document)

    @extend_schema(summary="Een mislukt of vastgelopen document opnieuw scannen (bijdrager)", request=None,
                   responses={202: DocumentSerializer,
                              409: OpenApiResponse(description="Het document is klaar of wordt nog gescand.")})
    @action(detail=True, methods=["post"])
    def retry(self, request, *args, **kwargs):
        document = self.get_object()
        if not document.can_retry:
            raise ConflictError(f"{document.original_name} kan nu niet opnieuw worden gescand: "
                                "de scan is klaar of loopt nog.")
        queue_scan(document)
        document.refresh_from_db()
        return Response(DocumentSerializer(document, context=self.get_serializer_context()).data,
                        status=status.HTTP_202_ACCEPTED)

    @extend_schema(summary="Alle documenten opnieuw scannen, bv. na een nieuw codeboek (beheerder)",
                   request=None, responses={202: RescanResultSerializer})
    @action(detail=False, methods=["post"])
    def rescan(self, request, *args, **kwargs):
        documents = [d for d in self.get_queryset() if not d.is_pending]
        for document in documents:
            queue_scan(document)
        return Response({"queued": len(documents)}, status=status.HTTP_202_ACCEPTED)


    @extend_schema(summary="Het oordeel over een thema bevestigen of wijzigen, met een korte reden (beheerder)",
                   description="Een tweede beoordeling van hetzelfde thema vervangt de eerste. Het dashboard, de "
                               "vergelijking en de exports gebruiken voortaan dit oordeel, ook na een nieuwe scan.",
                   parameters=[THEME_PARAMETER], request=ReviewSerializer, responses={200: ReviewSerializer})
    @action(detail=True, methods=["put"], url_path=r"reviews/(?P<theme>[a-z0-9-]+)")
    def review(self, request, theme, *args, **kwargs):
        document = self.get_object()
        body = ReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            stored = reviews.review(document, theme, body.validated_data["attention"],
                                    body.validated_data.get("reason", ""), request.user)
        except reviews.ReviewError as exc:
            raise serializers.ValidationError({exc.field: [str(exc)]}) from None
        return Response(ReviewSerializer(stored).data)

    @extend_schema(summary="Een beoordeling intrekken: het oordeel van de scan telt weer (beheerder)",
                   parameters=[THEME_PARAMETER], request=None,
                   responses={204: OpenApiResponse(description="De beoordeling is ingetrokken.")})
    @review.mapping.delete
    def withdraw_review(self, request, theme, *args, **kwargs):
        document = self.get_object()
        try:
            reviews.withdraw(document, theme)
        except reviews.ReviewError as exc:
            raise NotFound(str(exc)) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


class CodebookSerializer(serializers.Serializer):
    text = serializers.CharField(trim_whitespace=False, help_text="Het codeboek in TOML.")
    is_default = serializers.BooleanField(read_only=True, help_text="Waar: er is nog geen eigen codeboek.")
    updated_by = serializers.CharField(read_only=True, allow_null=True)
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)

    def validate_text(self, value):
        # The same validation as the codebook page: parse_codebook names the line of a problem.
        form = CodebookForm({"text": value})
        if not form.is_valid():
            raise serializers.ValidationError(form.errors["text"][0])
        return value.replace("\r\n", "\n")  # stored as sent: the form would strip the final newline


class CodebookView(OrganisationScopedMixin, ApiView):
    """The organisation's codebook (TOML); without an own one, the default codebook is shown."""

    required_role = Role.MANAGER
    serializer_class = CodebookSerializer

    @extend_schema(summary="Het codeboek van de organisatie (beheerder)", responses={200: CodebookSerializer})
    def get(self, request, *args, **kwargs):
        return Response(self.representation(self.stored()))

    @extend_schema(summary="Het codeboek vervangen; een ongeldig codeboek geeft 400 met de regel (beheerder)",
                   request=CodebookSerializer, responses={200: CodebookSerializer})
    def put(self, request, *args, **kwargs):
        serializer = CodebookSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        stored = self.stored() or OrganisationCodebook(organisation=self.organisation)
        stored.text, stored.updated_by = serializer.validated_data["text"], request.user
        stored.save()
        return Response(self.representation(stored))

    def stored(self) -> OrganisationCodebook | None:
        return (OrganisationCodebook.objects.filter(organisation=self.organisation)
                .select_related("updated_by").first())

    @staticmethod
    def representation(stored: OrganisationCodebook | None) -> dict:
        if stored is None:
            from koers.scan.codebook import DEFAULT_CODEBOOK_PATH

            text = DEFAULT_CODEBOOK_PATH.read_text(encoding="utf-8")
            return {"text": text, "is_default": True, "updated_by": None, "updated_at": None}
        return CodebookSerializer({
            "text": stored.text, "is_default": False, "updated_at": stored.updated_at,
            "updated_by": stored.updated_by.get_username() if stored.updated_by else None,
        }).data
