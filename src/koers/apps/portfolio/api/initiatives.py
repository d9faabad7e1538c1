"""Initiatives: serializers and the viewset with effort, status transitions, scores and principle checks."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import parse_etags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from koers.apps.organisations.models import Role
from koers.apps.portfolio import framework as frameworks
from koers.apps.portfolio import dependencies, editing, effort, transfer, workflow
from koers.apps.portfolio.api.common import (
    XlsxRenderer,
    _ensure_principles,
    _fake,
    _username,
)
from koers.apps.portfolio.models import (
    QUARTER_RE,
    Criterion,
    EffortEstimate,
    Goal,
    Initiative,
    Principle,
    PrincipleCheck,
    Score,
    Transition,
)
from koers.web.api.base import ApiViewSet, ConflictError, CsvRenderer, problem, problem_response
from koers.web.api.permissions import OrganisationScopedMixin


class EffortSerializer(serializers.Serializer):
    team = serializers.SlugField(max_length=40, help_text="De code van het team.")
    quarter = serializers.RegexField(QUARTER_RE.pattern, max_length=7, help_text="Kwartaal als JJJJ-Qn.",
                                     error_messages={"invalid": _lazy("Schrijf een kwartaal als JJJJ-Qn, bijvoorbeeld "
                                                                      "2026-Q1.")})
    hours = serializers.FloatField(min_value=0, help_text="Geschatte uren van dit team in dit kwartaal.",
                                   error_messages={"min_value": effort.NEGATIVE_HOURS})


class InitiativeSerializer(serializers.ModelSerializer):
    themes = serializers.ListField(child=serializers.CharField(max_length=80), required=False,
                                   help_text="Thema's uit het codeboek (ids).")
    goals = serializers.SlugRelatedField(many=True, slug_field="code", queryset=Goal.objects.none(), required=False,
                                         help_text="Codes van de doelen die het initiatief dient.")
    requires = serializers.PrimaryKeyRelatedField(many=True, queryset=Initiative.objects.none(), required=False,
                                                  help_text="Ids van de initiatieven waarvan dit afhangt.")
    effort = EffortSerializer(many=True, required=False,
                              help_text="Geschatte inzet per team en kwartaal; bij wijzigen vervangt de lijst "
                                        "de bestaande schattingen.")
    submitted_by = serializers.SerializerMethodField()
    version = serializers.IntegerField(
        min_value=1, required=False,
        help_text="De versie van het initiatief; elke wijziging verhoogt haar (ook de header ETag). Bij wijzigen: "
                  "de versie waarvan u uitging, als alternatief voor If-Match; is zij verouderd, dan 412.")

    class Meta:
        model = Initiative
        fields = ["id", "reference", "title", "problem", "intended_effect", "department", "themes", "goals",
                  "personal_data", "algorithm", "owner", "cost_once", "cost_yearly", "desired_start",
                  "desired_end", "requires", "exclusive_group", "mandatory", "already_running", "dpia_done",
                  "iama_done", "algorithm_registered", "status", "effort", "submitted_by", "created_at",
                  "updated_at", "version"]
        read_only_fields = ["id", "reference", "status", "submitted_by", "created_at", "updated_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = self.context.get("organisation")
        if organisation is not None:
            self.fields["goals"].child_relation.queryset = Goal.objects.filter(organisation=organisation)
            others = Initiative.objects.filter(organisation=organisation)
            if self.instance is not None and not isinstance(self.instance, list) and self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            self.fields["requires"].child_relation.queryset = others

    def get_submitted_by(self, item) -> str | None:
        return _username(item.submitted_by)

    def to_representation(self, item):
        data = super().to_representation(item)
        data["effort"] = [{"team": row.team.code, "quarter": row.quarter, "hours": row.hours}
                          for row in item.effort.all()]
        return data

    def validate_effort(self, rows):
        try:
            return effort.check_rows(self.context["organisation"],
                                     [(row["team"], row["quarter"], row["hours"]) for row in rows])
        except effort.EffortError as exc:
            raise serializers.ValidationError(_("Rij %(n)d: %(problem)s.") % {
                "n": exc.index + 1, "problem": exc.reason}) from None

    def validate_requires(self, others):
        if self.instance is not None and not isinstance(self.instance, list) and self.instance.pk:
            dependencies.check({self.instance: others})
        return others

    def validate(self, data):
        start = data.get("desired_start", getattr(self.instance, "desired_start", ""))
        end = data.get("desired_end", getattr(self.instance, "desired_end", ""))
        if start and end and end < start:
            raise serializers.ValidationError({"desired_end": [_("Het eindkwartaal ligt voor het startkwartaal.")]})
        return data


class InitiativeCreateSerializer(InitiativeSerializer):
    """What a contributor fills in; the compliance flags are set by a manager during assessment."""

    version = serializers.IntegerField(read_only=True)

    class Meta(InitiativeSerializer.Meta):
        read_only_fields = [*InitiativeSerializer.Meta.read_only_fields, "dpia_done", "iama_done",
                            "algorithm_registered"]


class TransitionSerializer(serializers.ModelSerializer):
    from_status = serializers.ChoiceField(choices=Initiative.Status.choices, allow_blank=True, read_only=True,
                                          help_text="Leeg bij de eerste status (indienen of importeren).")

    class Meta:
        model = Transition
        fields = ["id", "from_status", "to_status", "actor_name", "reason", "created_at"]
        read_only_fields = fields


class TransitionRequestSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=Initiative.Status.choices, help_text="De nieuwe status.")
    reason = serializers.CharField(help_text="Waarom de status verandert (verplicht).")


class ScoreSerializer(serializers.ModelSerializer):
    criterion_code = serializers.CharField(source="criterion.code", read_only=True)
    framework_name = serializers.CharField(source="framework.name", read_only=True)
    framework_version = serializers.IntegerField(source="framework.version", read_only=True)
    scored_by = serializers.SerializerMethodField()

    class Meta:
        model = Score
        fields = ["criterion", "criterion_code", "framework", "framework_name", "framework_version", "value",
                  "note", "scored_by", "updated_at"]
        read_only_fields = fields

    def get_scored_by(self, item) -> str | None:
        return _username(item.scored_by)


class ScoreRequestSerializer(serializers.Serializer):
    value = serializers.FloatField(help_text="De score, binnen de schaal van het criterium.")
    note = serializers.CharField(required=False, allow_blank=True, default="", help_text="Toelichting.")


class PrincipleCheckSerializer(serializers.Serializer):
    principle = serializers.IntegerField(source="principle.pk", help_text="Id van het principe.")
    code = serializers.CharField(source="principle.code")
    title = serializers.CharField(source="principle.title")
    kind = serializers.ChoiceField(source="principle.kind", choices=Principle.Kind.choices)
    answer = serializers.ChoiceField(choices=PrincipleCheck.Answer.choices, allow_null=True,
                                     help_text="Leeg (null): nog niet getoetst.")
    justification = serializers.CharField(allow_blank=True)
    checked_by = serializers.CharField(allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True)


class PrincipleCheckRequestSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(choices=PrincipleCheck.Answer.choices)
    justification = serializers.CharField(required=False, allow_blank=True, default="",
                                          help_text="Verplicht bij een afwijking (deviates).")


ETAG = OpenApiParameter("ETag", str, OpenApiParameter.HEADER, response=[200],
                        description='De versie van het initiatief als sterke entity tag, bijvoorbeeld "3".')
IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER,
    description='De ETag waarvan u uitging, bijvoorbeeld "3" (ook W/"3" wordt aanvaard). Is het initiatief '
                'intussen gewijzigd, dan volgt 412 en wordt niets opgeslagen. Zonder If-Match (en zonder version '
                'in de body) wordt de wijziging zonder controle aanvaard.')


def etag(initiative) -> str:
    return f'"{initiative.version}"'


def expected_version(request, initiative, body_version: int | None) -> int | None:
    """The version the client started from: If-Match (``*`` or absent: no check), else ``version`` in the
    body. Among several tags the current one counts, so a change after this read still fails in the
    service; a tag that is no version never matches."""
    header = request.headers.get("If-Match")
    if header is None or header.strip() == "*":
        return body_version
    versions = [int(tag[1:-1]) for tag in (t.removeprefix("W/") for t in parse_etags(header))
                if tag[1:-1].isdigit()]
    if body_version is not None:
        versions = [v for v in versions if v == body_version]
    if not versions:
        return 0  # never a version: refused
    return initiative.version if initiative.version in versions else versions[0]


INITIATIVE_FILTERS = [
    OpenApiParameter("status", str, enum=Initiative.Status.values, description="Alleen initiatieven met deze status."),
    OpenApiParameter("format", str, enum=["json", "csv", "xlsx"],
                     description="csv of xlsx geeft de hele portefeuille als bestand (kolommen: zie de "
                                 "documentatie), zonder pagina's; ook via de header Accept."),
]


@extend_schema_view(
    retrieve=extend_schema(summary="Eén initiatief met zijn inzet; de header ETag geeft de versie",
                           parameters=[ETAG]),
    partial_update=extend_schema(
        summary="Een initiatief wijzigen (beheerder); de status wijzigt via transitions",
        description="Met If-Match (of version in de body) alleen als het initiatief sindsdien niet is gewijzigd; "
                    "anders 412 met in detail wat er intussen door wie is gewijzigd.",
        parameters=[IF_MATCH, ETAG], request=InitiativeSerializer,
        responses={200: InitiativeSerializer,
                   412: OpenApiResponse(description="Het initiatief is gewijzigd sinds de versie in If-Match of "
                                                    "version; niets is opgeslagen.")}),
)
class InitiativeViewSet(OrganisationScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Initiatives; viewers read, contributors submit, managers edit, move, score and check principles."""

    serializer_class = InitiativeSerializer
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "put", "head", "options"]
    renderer_classes = [JSONRenderer, CsvRenderer, XlsxRenderer]
    required_roles = {"create": Role.CONTRIBUTOR, "partial_update": Role.MANAGER, "transitions": Role.VIEWER,
                      "scores": Role.VIEWER, "score": Role.MANAGER, "principle_checks": Role.VIEWER,
                      "principle_check": Role.MANAGER}

    def get_renderers(self):
        # The files are a representation of the list only; everything else is JSON.
        return super().get_renderers() if self.action == "list" else [JSONRenderer()]

    def check_permissions(self, request):
        super().check_permissions(request)
        if self.action == "transitions" and request.method == "POST":
            from koers.apps.organisations.models import has_role

            if not has_role(self.organisation_role, Role.MANAGER):
                self.permission_denied(request, message=_("Alleen een beheerder wijzigt de status."))

    def get_queryset(self):
        if _fake(self):
            return Initiative.objects.none()
        items = (Initiative.objects.filter(organisation=self.organisation).order_by("reference", "id")
                 .select_related("submitted_by")
                 .prefetch_related("goals", "requires", Prefetch("effort", EffortEstimate.objects
                                                                  .select_related("team").order_by("quarter", "team__code"))))
        if self.action == "list":
            value = self.request.query_params.get("status")
            if value is not None:
                if value not in Initiative.Status.values:
                    raise serializers.ValidationError({"status": [_("onbekende waarde %(value)r; kies uit %(allowed)s") % {
                        "value": value, "allowed": ", ".join(Initiative.Status.values)}]})
                items = items.filter(status=value)
        return items

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "organisation": self.organisation}

    def get_serializer_class(self):
        return InitiativeCreateSerializer if self.action == "create" else InitiativeSerializer

    @extend_schema(
        summary="Initiatieven van de organisatie; ?format=csv of xlsx voor een export van de portefeuille",
        parameters=INITIATIVE_FILTERS,
        responses={200: InitiativeSerializer(many=True),
                   (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="De portefeuille als CSV."),
                   (200, transfer.XLSX_CONTENT_TYPE): OpenApiResponse(OpenApiTypes.BINARY,
                                                                      description="De portefeuille als Excel-werkmap.")},
    )
    def list(self, request, *args, **kwargs):
        kind = request.accepted_renderer.format
        if kind in {"csv", "xlsx"}:
            data = transfer.export_csv(self.organisation) if kind == "csv" else transfer.export_xlsx(self.organisation)
            content_type = transfer.CSV_CONTENT_TYPE if kind == "csv" else transfer.XLSX_CONTENT_TYPE
            response = HttpResponse(data, content_type=content_type)
            response["Content-Disposition"] = f'attachment; filename="{transfer.export_filename(self.organisation, kind)}"'
            return response
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="Een initiatief indienen (bijdrager); het begint in intake",
                   request=InitiativeCreateSerializer, responses={201: InitiativeSerializer})
    def create(self, request, *args, **kwargs):
        serializer = InitiativeCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        goals, requires, rows = data.pop("goals", []), data.pop("requires", []), data.pop("effort", [])
        with transaction.atomic():
            initiative = Initiative(organisation=self.organisation, **data)
            workflow.submit(initiative, request.user)
            initiative.goals.set(goals)
            dependencies.set_requires(initiative, requires)
            effort.replace_effort(initiative, rows)
        return Response(self._read(initiative.pk), status=status.HTTP_201_CREATED)

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        response["ETag"] = f'"{response.data["version"]}"'
        return response

    def partial_update(self, request, *args, **kwargs):
        initiative = self.get_object()
        serializer = InitiativeSerializer(initiative, data=request.data, partial=True,
                                          context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        expected = expected_version(request, initiative, data.pop("version", None))
        goals, requires, rows = data.pop("goals", None), data.pop("requires", None), data.pop("effort", None)
        try:
            initiative = editing.update(initiative, data, goals=goals, requires=requires, effort_rows=rows,
                                        expected_version=expected)
        except editing.StaleVersion as stale:
            body = problem(412, stale.message, instance=request.get_full_path(), code="precondition-failed",
                           title=_("Het initiatief is intussen gewijzigd"))
            return problem_response(request, body, {"ETag": etag(stale.current)})
        return Response(self._read(initiative.pk), headers={"ETag": etag(initiative)})

    def _paged(self, rows, represent) -> Response:
        return self.get_paginated_response(represent(self.paginate_queryset(rows)))

    def _read(self, pk) -> dict:
        return InitiativeSerializer(self.get_queryset().get(pk=pk), context=self.get_serializer_context()).data

    # status transitions

    @extend_schema(methods=["GET"], summary="De statusgeschiedenis van een initiatief",
                   responses={200: TransitionSerializer(many=True)})
    @extend_schema(
        methods=["POST"],
        summary="De status wijzigen (beheerder); de spelregels worden getoetst",
        description="Geeft 409 (problem+json) als de levenscyclus of een spelregel de wijziging tegenhoudt; "
                    "detail noemt de spelregel en blocked-by geeft per regel de code en de reden.",
        request=TransitionRequestSerializer,
        responses={201: TransitionSerializer,
                   409: OpenApiResponse(description="De wijziging wordt tegengehouden door de levenscyclus of "
                                                    "een spelregel (blocked-by).")},
    )
    @action(detail=True, methods=["get", "post"])
    def transitions(self, request, *args, **kwargs):
        initiative = self.get_object()
        if request.method == "GET":
            return self._paged(initiative.transitions.order_by("created_at", "id"),
                               lambda page: TransitionSerializer(page, many=True).data)
        body = TransitionRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        _ensure_principles(self.organisation)
        try:
            moved = workflow.move(initiative, body.validated_data["to_status"], request.user,
                                  body.validated_data["reason"])
        except workflow.TransitionBlocked as blocked:
            return self._blocked(request, blocked)
        return Response(TransitionSerializer(moved).data, status=status.HTTP_201_CREATED)

    def _blocked(self, request, blocked):
        rules = [item for item in blocked.blocked]
        if rules and rules[0].rule == "reason":
            raise serializers.ValidationError({"reason": [rules[0].message]})
        body = problem(409, " ".join(item.message for item in rules), instance=request.get_full_path(),
                       code="transition-blocked", title=_("Statuswijziging tegengehouden"))
        body["blocked-by"] = [{"rule": item.rule, "reason": item.message} for item in rules]
        return problem_response(request, body)

    # scores

    @extend_schema(summary="De scores van een initiatief, per criterium en versie van het afwegingskader",
                   parameters=[OpenApiParameter("framework", int, description="Alleen scores onder deze versie.")],
                   responses={200: ScoreSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def scores(self, request, *args, **kwargs):
        initiative = self.get_object()
        rows = Score.objects.filter(initiative=initiative).select_related("criterion", "framework", "scored_by")
        framework = request.query_params.get("framework")
        if framework is not None:
            if not framework.isdigit():
                raise serializers.ValidationError({"framework": [_("geef het id van een afwegingskader")]})
            rows = rows.filter(framework_id=int(framework))
        return self._paged(rows.order_by("framework_id", "criterion__order", "criterion_id"),
                           lambda page: ScoreSerializer(page, many=True).data)

    @extend_schema(summary="Eén score geven of wijzigen (beheerder); alleen onder een vastgesteld kader",
                   request=ScoreRequestSerializer,
                   responses={200: ScoreSerializer,
                              409: OpenApiResponse(description="Het afwegingskader is nog een concept.")})
    @action(detail=True, methods=["put"], url_path=r"scores/(?P<criterion_id>\d+)", url_name="score")
    def score(self, request, *args, criterion_id=None, **kwargs):
        initiative = self.get_object()
        criterion = get_object_or_404(Criterion.objects.select_related("framework"), pk=criterion_id,
                                      framework__organisation=self.organisation)
        body = ScoreRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        if not criterion.framework.is_published:
            raise ConflictError(_("Scoor alleen met een vastgesteld afwegingskader."))
        value = body.validated_data["value"]
        if not criterion.scale_min <= value <= criterion.scale_max:
            raise serializers.ValidationError({"value": [_("De score voor ‘%(name)s’ moet tussen %(low)g en %(high)g "
                                                           "liggen.") % {"name": criterion.name,
                                                                         "low": criterion.scale_min,
                                                                         "high": criterion.scale_max}]})
        try:
            stored = frameworks.score(initiative, criterion, value, request.user, note=body.validated_data["note"])
        except frameworks.FrameworkError as exc:
            raise serializers.ValidationError({"value": [str(exc)]}) from exc
        return Response(ScoreSerializer(stored).data)

    # principle checks

    @extend_schema(summary="De principetoets van een initiatief: elk actief principe met het oordeel",
                   responses={200: PrincipleCheckSerializer(many=True)})
    @action(detail=True, methods=["get"], url_path="principle-checks")
    def principle_checks(self, request, *args, **kwargs):
        initiative = self.get_object()
        _ensure_principles(self.organisation)
        return self._paged(self._checks(initiative),
                           lambda page: [self._check_row(principle, check) for principle, check in page])

    @extend_schema(summary="Eén principe toetsen (beheerder); een afwijking vraagt een onderbouwing",
                   request=PrincipleCheckRequestSerializer, responses={200: PrincipleCheckSerializer})
    @action(detail=True, methods=["put"], url_path=r"principle-checks/(?P<principle_id>\d+)", url_name="principle-check")
    def principle_check(self, request, *args, principle_id=None, **kwargs):
        initiative = self.get_object()
        principle = get_object_or_404(Principle, pk=principle_id, organisation=self.organisation)
        body = PrincipleCheckRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            check = workflow.check_principle(initiative, principle, body.validated_data["answer"],
                                             body.validated_data["justification"], request.user)
        except ValueError as exc:
            raise serializers.ValidationError({"justification": [str(exc)]}) from exc
        return Response(self._check_row(principle, check))

    @staticmethod
    def _checks(initiative):
        checks = {c.principle_id: c for c in initiative.principle_checks.select_related("checked_by")}
        return [(p, checks.get(p.pk)) for p in Principle.objects.filter(organisation=initiative.organisation,
                                                                         active=True)]

    @staticmethod
    def _check_row(principle, check) -> dict:
        return PrincipleCheckSerializer({
            "principle": principle, "answer": check.answer if check else None,
            "justification": check.justification if check else "",
            "checked_by": _username(check.checked_by) if check else None,
            "updated_at": check.updated_at if check else None,
        }).data
