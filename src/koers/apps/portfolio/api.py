"""REST API of portfolio management, under /organisations/{organisation_slug}/...

Resources: initiatives (with effort, a status transition endpoint that applies the rules of play,
scores and principle checks), weighing frameworks with their criteria, teams with their capacity,
selection runs (scenarios) with their sensitivity results, and decisions. The roles are those of
the pages: viewers read; contributors submit initiatives; managers (and admins) assess, move,
score, edit frameworks and capacity, run selections and import. Changes go through the service
modules of the app (workflow, framework, selection), so the API and the pages behave the same.

The portfolio as a file: ``GET initiatives`` with ``?format=csv|xlsx`` (or the Accept header)
exports it; ``POST portfolio-imports`` (multipart, field ``file``) imports such a file, all or
nothing (see ``transfer.py``).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field,
                                   extend_schema_view)
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from koers.apps.organisations.models import Role
from koers.apps.portfolio import framework as frameworks
from koers.apps.portfolio import decisions, principles, selection, transfer, workflow
from koers.apps.portfolio.models import (
    CriteriaFramework, Criterion, Decision, EffortEstimate, GateRule, Goal, Initiative, Principle, PrincipleCheck,
    QUARTER_RE, Score, SelectionRun, Team, TeamCapacity, Transition,
)
from koers.web.api import (ApiView, ApiViewSet, ConflictError, CsvRenderer, OrganisationScopedMixin,
                           problem, problem_response)


class XlsxRenderer(BaseRenderer):
    """Lets content negotiation accept ``?format=xlsx`` and the XLSX media type; the view builds the file."""

    media_type = transfer.XLSX_CONTENT_TYPE
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else b""


def _username(user) -> str | None:
    return user.get_username() if user is not None else None


def _fake(view) -> bool:
    return getattr(view, "swagger_fake_view", False)  # schema generation: no request


def _ensure_principles(organisation) -> None:
    # As the pages do: the default principles and rules of play exist once the portfolio is used.
    if not GateRule.objects.filter(organisation=organisation).exists():
        principles.ensure_defaults(organisation)


# --- initiatives ---------------------------------------------------------------------------------

class EffortSerializer(serializers.Serializer):
    team = serializers.SlugField(max_length=40, help_text="De code van het team.")
    quarter = serializers.RegexField(QUARTER_RE.pattern, max_length=7, help_text="Kwartaal als JJJJ-Qn.",
                                     error_messages={"invalid": _lazy("Schrijf een kwartaal als JJJJ-Qn, bijvoorbeeld "
                                                                      "2026-Q1.")})
    hours = serializers.FloatField(min_value=0, help_text="Geschatte uren van dit team in dit kwartaal.")


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

    class Meta:
        model = Initiative
        fields = ["id", "reference", "title", "problem", "intended_effect", "department", "themes", "goals",
                  "personal_data", "algorithm", "owner", "cost_once", "cost_yearly", "desired_start",
                  "desired_end", "requires", "exclusive_group", "mandatory", "already_running", "dpia_done",
                  "iama_done", "algorithm_registered", "status", "effort", "submitted_by", "created_at",
                  "updated_at"]
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
        teams = {team.code: team for team in Team.objects.filter(organisation=self.context["organisation"])}
        seen = set()
        for index, row in enumerate(rows):
            if row["team"] not in teams:
                raise serializers.ValidationError(_("Rij %(n)d: onbekend team ‘%(team)s’.") % {
                    "n": index + 1, "team": row["team"]})
            key = (row["team"], row["quarter"])
            if key in seen:
                raise serializers.ValidationError(_("Rij %(n)d: dit team en kwartaal staan er al.") % {"n": index + 1})
            seen.add(key)
            row["team_obj"] = teams[row["team"]]
        return rows

    def validate(self, data):
        start = data.get("desired_start", getattr(self.instance, "desired_start", ""))
        end = data.get("desired_end", getattr(self.instance, "desired_end", ""))
        if start and end and end < start:
            raise serializers.ValidationError({"desired_end": [_("Het eindkwartaal ligt voor het startkwartaal.")]})
        return data


class InitiativeCreateSerializer(InitiativeSerializer):
    """What a contributor fills in; the compliance flags are set by a manager during assessment."""

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


class BlockedRuleSerializer(serializers.Serializer):
    rule = serializers.CharField(help_text="Code van de spelregel, of lifecycle.")
    reason = serializers.CharField()


INITIATIVE_FILTERS = [
    OpenApiParameter("status", str, enum=Initiative.Status.values, description="Alleen initiatieven met deze status."),
    OpenApiParameter("format", str, enum=["json", "csv", "xlsx"],
                     description="csv of xlsx geeft de hele portefeuille als bestand (kolommen: zie de "
                                 "documentatie), zonder pagina's; ook via de header Accept."),
]


@extend_schema_view(
    retrieve=extend_schema(summary="Eén initiatief met zijn inzet"),
    partial_update=extend_schema(summary="Een initiatief wijzigen (beheerder); de status wijzigt via transitions",
                                 request=InitiativeSerializer, responses={200: InitiativeSerializer}),
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
        goals, requires, effort = data.pop("goals", []), data.pop("requires", []), data.pop("effort", [])
        with transaction.atomic():
            initiative = Initiative(organisation=self.organisation, **data)
            workflow.submit(initiative, request.user)
            initiative.goals.set(goals)
            initiative.requires.set(requires)
            self._store_effort(initiative, effort)
        return Response(self._read(initiative.pk), status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        initiative = self.get_object()
        serializer = InitiativeSerializer(initiative, data=request.data, partial=True,
                                          context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        goals, requires, effort = data.pop("goals", None), data.pop("requires", None), data.pop("effort", None)
        with transaction.atomic():
            if requires is not None:
                self._check_cycle(initiative, requires)
            changed = [name for name, value in data.items() if getattr(initiative, name) != value]
            for name in changed:
                setattr(initiative, name, data[name])
            if changed:
                initiative.save()
            if goals is not None:
                initiative.goals.set(goals)
            if requires is not None:
                initiative.requires.set(requires)
            if effort is not None:
                self._store_effort(initiative, effort, replace=True)
        return Response(self._read(initiative.pk))

    def _paged(self, rows, represent) -> Response:
        return self.get_paginated_response(represent(self.paginate_queryset(rows)))

    def _read(self, pk) -> dict:
        return InitiativeSerializer(self.get_queryset().get(pk=pk), context=self.get_serializer_context()).data

    def _check_cycle(self, initiative, requires) -> None:
        from koers.optimise.model import find_cycle

        graph = {str(item.pk): tuple(str(other.pk) for other in item.requires.all())
                 for item in Initiative.objects.filter(organisation=self.organisation).prefetch_related("requires")}
        graph[str(initiative.pk)] = tuple(str(other.pk) for other in requires)
        if find_cycle(graph):
            raise serializers.ValidationError({"requires": [_("Deze afhankelijkheden vormen een kring.")]})

    @staticmethod
    def _store_effort(initiative, rows, replace=False) -> None:
        stored = {(row.team_id, row.quarter): row for row in initiative.effort.all()} if replace else {}
        wanted = set()
        for row in rows:
            key = (row["team_obj"].pk, row["quarter"])
            wanted.add(key)
            current = stored.get(key)
            if current is None:
                EffortEstimate.objects.create(initiative=initiative, team=row["team_obj"], quarter=row["quarter"],
                                              hours=row["hours"])
            elif current.hours != row["hours"]:
                current.hours = row["hours"]
                current.save(update_fields=["hours"])
        for key, current in stored.items():
            if key not in wanted:
                current.delete()

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


# --- import --------------------------------------------------------------------------------------

class ImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField(use_url=False, allow_empty_file=True,
                                 help_text="CSV (UTF-8) of Excel-werkmap (.xlsx) in de kolomindeling van de export.")


class ImportResultSerializer(serializers.Serializer):
    rows = serializers.IntegerField(help_text="Gelezen rijen met een initiatief.")
    created = serializers.IntegerField(help_text="Nieuwe initiatieven.")
    updated = serializers.IntegerField(help_text="Bijgewerkte initiatieven.")
    unchanged = serializers.IntegerField(help_text="Initiatieven zonder wijziging.")
    teams_created = serializers.ListField(child=serializers.CharField(), help_text="Nieuw aangemaakte teams (codes).")
    goals_created = serializers.ListField(child=serializers.CharField(), help_text="Nieuw aangemaakte doelen (codes).")
    message = serializers.CharField(help_text="Samenvatting in het Nederlands.")


class PortfolioImportView(OrganisationScopedMixin, ApiView):
    """Import the portfolio from a CSV or XLSX file in the export layout (all or nothing)."""

    required_role = Role.MANAGER

    @extend_schema(
        summary="De portefeuille importeren uit CSV of XLSX (beheerder); alles of niets",
        description="Dezelfde kolommen als de export (GET initiatives?format=csv|xlsx). Elke rij wordt eerst "
                    "gecontroleerd; bij een fout wordt niets opgeslagen en noemt invalid-params per probleem de "
                    "rij (kopregel = rij 1) en de kolom.",
        request={"multipart/form-data": ImportRequestSerializer},
        responses={200: ImportResultSerializer},
    )
    def post(self, request, *args, **kwargs):
        body = ImportRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data["file"]
        if upload.size > transfer.MAX_FILE_BYTES:
            raise serializers.ValidationError({"file": [_("Het bestand is groter dan %(mb)d MB.") % {
                "mb": transfer.MAX_FILE_BYTES // (1024 * 1024)}]})
        try:
            result = transfer.import_portfolio(self.organisation, upload.read(), upload.name, request.user)
        except transfer.PortfolioImportError as exc:
            # One problem per bad row/column in invalid-params; detail lists the first ones.
            body = problem(400, str(exc), instance=request.get_full_path(), invalid_params=[
                {"name": "file", "code": "invalid", "reason": message} for message in exc.messages])
            return problem_response(request, body)
        return Response(ImportResultSerializer({
            "rows": result.rows, "created": result.created, "updated": result.updated,
            "unchanged": result.unchanged, "teams_created": list(result.teams_created),
            "goals_created": list(result.goals_created), "message": result.summary()}).data)


# --- frameworks ----------------------------------------------------------------------------------

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


# --- teams and capacity --------------------------------------------------------------------------

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


# --- selection runs ------------------------------------------------------------------------------

class RunInitiativeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    title = serializers.CharField()
    value = serializers.FloatField(allow_null=True, help_text="Gewogen waarde in deze run.")
    selected = serializers.BooleanField(help_text="Gekozen door de optimalisatie.")
    ranked_cutoff = serializers.BooleanField(help_text="Gekozen door de rangorde-afkap (de spreadsheetmethode).")
    reason_code = serializers.CharField(allow_blank=True)
    reason = serializers.CharField(allow_blank=True, help_text="Waarom wel of niet gekozen.")


class SelectionRunSerializer(serializers.ModelSerializer):
    framework_name = serializers.CharField(source="framework.name", read_only=True)
    framework_version = serializers.IntegerField(source="framework.version", read_only=True)
    selected = serializers.SerializerMethodField()
    ranked_cutoff_selected = serializers.SerializerMethodField()
    created_by = serializers.SerializerMethodField()

    class Meta:
        model = SelectionRun
        fields = ["id", "name", "framework", "framework_name", "framework_version", "capacity_factor", "budget",
                  "time_limit", "sensitivity_draws", "state", "error", "solver_status", "reason", "objective", "gap",
                  "bound", "seconds", "selected", "ranked_cutoff_objective", "ranked_cutoff_selected",
                  "value_gained", "created_by", "created_at", "finished_at"]
        read_only_fields = fields

    def get_selected(self, run) -> list[int]:
        return [int(ident) for ident in run.selected]

    def get_ranked_cutoff_selected(self, run) -> list[int]:
        return [int(ident) for ident in run.ranked_cutoff_selected]

    def get_created_by(self, run) -> str | None:
        return _username(run.created_by)


class SelectionRunDetailSerializer(SelectionRunSerializer):
    initiatives = serializers.SerializerMethodField()

    class Meta(SelectionRunSerializer.Meta):
        fields = [*SelectionRunSerializer.Meta.fields, "initiatives"]
        read_only_fields = fields

    @extend_schema_field(RunInitiativeSerializer(many=True))
    def get_initiatives(self, run) -> list[dict]:
        ids = [int(ident) for ident in run.values] or [int(ident) for ident in run.selected]
        items = {str(item.pk): item for item in Initiative.objects.filter(organisation_id=run.organisation_id,
                                                                          pk__in=ids)}
        names = {ident: str(item) for ident, item in items.items()}
        selected, cutoff = set(run.selected), set(run.ranked_cutoff_selected)
        rows = []
        for ident, item in items.items():
            entry = run.explanation.get(ident, {})
            rows.append({"id": item.pk, "reference": item.reference, "title": item.title,
                         "value": run.values.get(ident), "selected": ident in selected,
                         "ranked_cutoff": ident in cutoff, "reason_code": entry.get("code", ""),
                         "reason": selection.explanation_text(entry, names) if entry else ""})
        rows.sort(key=lambda r: (not r["selected"], -(r["value"] or 0), r["reference"]))
        return RunInitiativeSerializer(rows, many=True).data


class SelectionRunCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120, help_text="Naam van het scenario.")
    framework = serializers.IntegerField(required=False,
                                         help_text="Id van een vastgesteld afwegingskader; standaard het nieuwste.")
    capacity_factor = serializers.FloatField(min_value=0, max_value=5, default=1.0,
                                             help_text="Capaciteit als factor van de ingevoerde uren (1 = 100 %).")
    budget = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0, required=False, allow_null=True,
                                      help_text="Budgetgrens in euro; weglaten: het budget van de organisatie; "
                                                "null: geen budgetgrens.")
    sensitivity_draws = serializers.IntegerField(min_value=0, max_value=500, default=0,
                                                 help_text="Trekkingen van de gevoeligheidsanalyse (0 = geen).")
    time_limit = serializers.FloatField(min_value=0.1, max_value=600, default=10.0,
                                        help_text="Rekentijd in seconden.")


class SensitivityItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    title = serializers.CharField()
    frequency = serializers.FloatField(help_text="Aandeel van de trekkingen waarin het initiatief gekozen is.")
    robust = serializers.BooleanField(allow_null=True,
                                      help_text="true: in ten minste 90 % gekozen; false: in hoogstens 10 %; "
                                                "null: omstreden.")


class SensitivitySerializer(serializers.Serializer):
    draws = serializers.IntegerField(help_text="Aantal trekkingen (0: geen analyse gedaan).")
    state = serializers.ChoiceField(choices=SelectionRun.State.choices)
    results = SensitivityItemSerializer(many=True)


@extend_schema_view(
    list=extend_schema(summary="Selectieruns (scenario's), nieuwste eerst"),
    retrieve=extend_schema(summary="Eén selectierun met de uitkomst per initiatief",
                           responses={200: SelectionRunDetailSerializer}),
)
class SelectionRunViewSet(OrganisationScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """Scenarios: a manager starts one (the optimiser runs), everyone reads the results."""

    serializer_class = SelectionRunSerializer
    lookup_value_regex = r"\d+"
    required_roles = {"create": Role.MANAGER}

    def get_queryset(self):
        if _fake(self):
            return SelectionRun.objects.none()
        return (SelectionRun.objects.filter(organisation=self.organisation)
                .select_related("framework", "created_by").order_by("-created_at", "-id"))

    def get_serializer_class(self):
        return SelectionRunDetailSerializer if self.action == "retrieve" else SelectionRunSerializer

    @extend_schema(summary="Een selectierun starten (beheerder): de optimalisatie rekent het scenario door",
                   description="Het antwoord geeft de run; state is done als de berekening al klaar is, anders "
                               "queued of running (haal de run later op).",
                   request=SelectionRunCreateSerializer, responses={201: SelectionRunDetailSerializer})
    def create(self, request, *args, **kwargs):
        body = SelectionRunCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if data.get("framework") is not None:
            chosen = CriteriaFramework.objects.filter(organisation=self.organisation, pk=data["framework"]).first()
            if chosen is None or not chosen.is_published:
                raise serializers.ValidationError({"framework": [_("Kies een vastgesteld afwegingskader van deze "
                                                                   "organisatie.")]})
        else:
            chosen = frameworks.current_framework(self.organisation)
            if chosen is None:
                raise serializers.ValidationError({"framework": [_("Er is nog geen vastgesteld afwegingskader.")]})
        budget = data["budget"] if "budget" in data else selection.default_budget(self.organisation)
        run = selection.create_run(self.organisation, chosen, name=data["name"], user=request.user,
                                   capacity_factor=data["capacity_factor"], budget=budget,
                                   sensitivity_draws=data["sensitivity_draws"], time_limit=data["time_limit"])
        run = selection.queue(run)
        response = Response(SelectionRunDetailSerializer(self.get_queryset().get(pk=run.pk)).data,
                            status=status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(f"{request.path}/{run.pk}")
        return response

    @extend_schema(summary="De gevoeligheidsanalyse van een run: per initiatief hoe vaak het gekozen werd",
                   responses={200: SensitivitySerializer})
    @action(detail=True, methods=["get"])
    def sensitivity(self, request, *args, **kwargs):
        run = self.get_object()
        ids = [int(ident) for ident in run.frequency]
        items = {str(i.pk): i for i in Initiative.objects.filter(organisation=self.organisation, pk__in=ids)}
        results = []
        for ident, share in run.frequency.items():
            item = items.get(ident)
            if item is None:
                continue
            robust = True if share >= 0.9 else False if share <= 0.1 else None
            results.append({"id": item.pk, "reference": item.reference, "title": item.title,
                            "frequency": share, "robust": robust})
        results.sort(key=lambda r: (-r["frequency"], r["reference"]))
        draws = run.sensitivity_draws if run.frequency else 0
        return Response(SensitivitySerializer({"draws": draws, "state": run.state, "results": results}).data)


# --- decisions -----------------------------------------------------------------------------------

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


# --- rules of play -------------------------------------------------------------------------------

class RuleSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=GateRule.Code.choices, read_only=True)
    label = serializers.CharField(read_only=True)
    enabled = serializers.BooleanField()


@extend_schema_view(list=extend_schema(summary="De spelregels (poorten) en of ze aan staan"))
class RuleViewSet(OrganisationScopedMixin, mixins.ListModelMixin, ApiViewSet):
    """The rules of play; managers switch them on or off. A rule without a stored row is on."""

    serializer_class = RuleSerializer
    pagination_class = None  # four rules at most
    lookup_field = "code"
    lookup_value_regex = r"[a-z_]+"
    http_method_names = ["get", "patch", "head", "options"]
    required_roles = {"partial_update": Role.MANAGER}

    def get_queryset(self):
        return GateRule.objects.none()

    def _rows(self) -> list[dict]:
        enabled = workflow.enabled_rules(self.organisation)
        return [{"code": code, "label": label, "enabled": code in enabled} for code, label in GateRule.Code.choices]

    def list(self, request, *args, **kwargs):
        return Response(RuleSerializer(self._rows(), many=True).data)

    @extend_schema(summary="Een spelregel aan- of uitzetten (beheerder)", request=RuleSerializer,
                   responses={200: RuleSerializer})
    def partial_update(self, request, code=None, *args, **kwargs):
        if code not in GateRule.Code.values:
            raise Http404
        body = RuleSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        GateRule.objects.update_or_create(organisation=self.organisation, code=code,
                                          defaults={"enabled": body.validated_data["enabled"]})
        return Response(next(row for row in self._rows() if row["code"] == code))


def register(router, nested: str) -> list:
    """Add the portfolio routes to the API router; returns the extra (non-router) URL patterns."""
    from django.urls import re_path

    router.register(f"{nested}/initiatives", InitiativeViewSet, basename="initiative")
    router.register(f"{nested}/frameworks", FrameworkViewSet, basename="framework")
    router.register(f"{nested}/teams", TeamViewSet, basename="team")
    router.register(f"{nested}/selection-runs", SelectionRunViewSet, basename="selection-run")
    router.register(f"{nested}/decisions", DecisionViewSet, basename="decision")
    router.register(f"{nested}/rules-of-play", RuleViewSet, basename="rule-of-play")
    return [re_path(rf"^{nested}/portfolio-imports$", PortfolioImportView.as_view(), name="portfolio-import")]
