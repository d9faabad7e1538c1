"""Selection runs (scenarios) with their sensitivity results: serializers and the viewset."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from koers.apps.organisations.models import Role
from koers.apps.portfolio import framework as frameworks
from koers.apps.portfolio import runs, selection
from koers.apps.portfolio.api.common import _fake, _username
from koers.apps.portfolio.models import CriteriaFramework, SelectionRun
from koers.web.api.base import ApiViewSet, ConflictError
from koers.web.api.permissions import OrganisationScopedMixin


class RunInitiativeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    title = serializers.CharField()
    value = serializers.FloatField(allow_null=True, help_text="Gewogen waarde in deze run.")
    selected = serializers.BooleanField(help_text="Gekozen door de optimalisatie.")
    ranked_cutoff = serializers.BooleanField(help_text="Gekozen door de rangorde-afkap (de spreadsheetmethode).")
    reason_code = serializers.CharField(allow_blank=True)
    reason = serializers.CharField(allow_blank=True, help_text="Waarom wel of niet gekozen.")
    frequency = serializers.FloatField(allow_null=True, help_text="Aandeel van de trekkingen van de "
                                                                  "gevoeligheidsanalyse waarin het gekozen werd.")
    deleted = serializers.BooleanField(help_text="Na de run verwijderd; kenmerk en titel zijn dan leeg.")


class SelectionRunSerializer(serializers.ModelSerializer):
    framework_name = serializers.CharField(source="framework.name", read_only=True)
    framework_version = serializers.IntegerField(source="framework.version", read_only=True)
    selected = serializers.SerializerMethodField()
    ranked_cutoff_selected = serializers.SerializerMethodField()
    created_by = serializers.SerializerMethodField()
    stuck = serializers.BooleanField(source="is_stuck", read_only=True,
                                     help_text="Te lang in de wachtrij of bezig: de verwerking is gestopt.")
    can_retry = serializers.BooleanField(read_only=True, help_text="Mislukt of vastgelopen: opnieuw berekenen kan.")

    class Meta:
        model = SelectionRun
        fields = ["id", "name", "framework", "framework_name", "framework_version", "capacity_factor", "budget",
                  "time_limit", "sensitivity_draws", "state", "stuck", "can_retry", "error", "solver_status",
                  "reason", "objective", "gap", "bound", "seconds", "selected", "ranked_cutoff_objective",
                  "ranked_cutoff_selected", "value_gained", "created_by", "created_at", "queued_at", "started_at",
                  "finished_at"]
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
        return RunInitiativeSerializer(runs.rows(run), many=True).data


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
    not_proven = serializers.IntegerField(help_text="Trekkingen die binnen hun rekentijd niet bewezen optimaal "
                                                    "zijn; zij tellen mee met de beste gevonden selectie.")
    state = serializers.ChoiceField(choices=SelectionRun.State.choices)
    results = SensitivityItemSerializer(many=True)


@extend_schema_view(
    list=extend_schema(summary="Selectieruns (scenario's), nieuwste eerst"),
    retrieve=extend_schema(summary="Eén selectierun met de uitkomst per initiatief",
                           responses={200: SelectionRunDetailSerializer}),
    destroy=extend_schema(summary="Een selectierun verwijderen (beheerder)",
                          description="Kan als de run klaar, mislukt of vastgelopen is en geen besluit ernaar "
                                      "verwijst; anders 409.",
                          responses={204: None, 409: OpenApiResponse(description="De run wordt nog berekend of "
                                                                                 "een besluit verwijst ernaar.")}),
)
class SelectionRunViewSet(OrganisationScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                          mixins.DestroyModelMixin, ApiViewSet):
    """Scenarios: a manager starts, retries or deletes one (the optimiser runs), everyone reads the results."""

    serializer_class = SelectionRunSerializer
    lookup_value_regex = r"\d+"
    required_roles = {"create": Role.MANAGER, "retry": Role.MANAGER, "destroy": Role.MANAGER}

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

    @extend_schema(summary="Een mislukte of vastgelopen selectierun opnieuw berekenen (beheerder)", request=None,
                   responses={202: SelectionRunDetailSerializer,
                              409: OpenApiResponse(description="De run is klaar of wordt nog berekend.")})
    @action(detail=True, methods=["post"])
    def retry(self, request, *args, **kwargs):
        try:
            run = selection.retry(self.get_object())
        except selection.RunRefused as exc:
            raise ConflictError(str(exc)) from exc
        return Response(SelectionRunDetailSerializer(self.get_queryset().get(pk=run.pk)).data,
                        status=status.HTTP_202_ACCEPTED)

    def perform_destroy(self, instance):
        try:
            selection.delete_run(instance)
        except selection.RunRefused as exc:
            raise ConflictError(str(exc)) from exc

    @extend_schema(summary="De gevoeligheidsanalyse van een run: per initiatief hoe vaak het gekozen werd",
                   responses={200: SensitivitySerializer})
    @action(detail=True, methods=["get"])
    def sensitivity(self, request, *args, **kwargs):
        run = self.get_object()
        results = [{**row, "robust": True if row["frequency"] >= 0.9 else False if row["frequency"] <= 0.1 else None}
                   for row in runs.rows(run) if row["frequency"] is not None and not row["deleted"]]
        results.sort(key=lambda r: (-r["frequency"], r["reference"]))
        draws = run.sensitivity_draws if run.frequency else 0
        return Response(SensitivitySerializer({"draws": draws, "not_proven": run.sensitivity_not_proven if draws else 0,
                                               "state": run.state, "results": results}).data)
