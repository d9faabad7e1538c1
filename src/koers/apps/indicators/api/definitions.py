"""Goals and indicators: serializers and viewsets (managers write, everyone with a role reads)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers

from koers.apps.indicators import assessing
from koers.apps.indicators.models import Indicator
from koers.apps.organisations.models import Role
from koers.apps.portfolio.api.common import _fake
from koers.apps.portfolio.forms import goal_subtree
from koers.apps.portfolio.models import Goal, Initiative
from koers.effects.status import Status
from koers.web.api.base import ApiViewSet
from koers.web.api.permissions import OrganisationScopedMixin

STATUS_CHOICES = [(s.value, s.value) for s in Status]
MANAGER_WRITES = {"create": Role.MANAGER, "partial_update": Role.MANAGER, "destroy": Role.MANAGER}


class OrganisationSerializer(serializers.ModelSerializer):
    """Related objects are looked up within the organisation of the URL only."""

    scoped = {}  # field -> model

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = self.context.get("organisation")
        for name, model in self.scoped.items():
            field = self.fields[name]
            relation = getattr(field, "child_relation", field)
            relation.queryset = model.objects.filter(organisation=organisation) if organisation else model.objects.none()


class GoalSerializer(OrganisationSerializer):
    parent = serializers.PrimaryKeyRelatedField(queryset=Goal.objects.none(), allow_null=True, required=False,
                                                help_text="Id van het bovenliggende doel; leeg voor een hoofddoel.")
    scoped = {"parent": Goal}

    class Meta:
        model = Goal
        fields = ["id", "code", "title", "description", "parent", "owner", "order"]
        read_only_fields = ["id"]

    def validate_code(self, value):
        taken = Goal.objects.filter(organisation=self.context["organisation"], code=value)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise serializers.ValidationError(_("Er is al een doel met de code ‘%(code)s’.") % {"code": value})
        return value

    def validate_parent(self, parent):
        if parent is not None and self.instance is not None and parent.pk in goal_subtree(self.instance):
            raise serializers.ValidationError(_("Een doel kan niet onder zichzelf of een van zijn subdoelen vallen."))
        return parent


@extend_schema_view(
    list=extend_schema(summary="De doelen van de digitale agenda (een boom via parent)"),
    retrieve=extend_schema(summary="Eén doel"),
    create=extend_schema(summary="Een doel toevoegen (beheerder)"),
    partial_update=extend_schema(summary="Een doel wijzigen (beheerder)"),
    destroy=extend_schema(summary="Een doel verwijderen (beheerder); subdoelen worden hoofddoel"),
)
class GoalViewSet(OrganisationScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                  mixins.UpdateModelMixin, mixins.DestroyModelMixin, ApiViewSet):
    serializer_class = GoalSerializer
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    required_roles = MANAGER_WRITES

    def get_queryset(self):
        if _fake(self):
            return Goal.objects.none()
        return Goal.objects.filter(organisation=self.organisation).order_by("order", "code", "id")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "organisation": self.organisation}

    def perform_create(self, serializer):
        serializer.save(organisation=self.organisation)


class AssessmentSerializer(serializers.Serializer):
    """Status and forecast; the ``next_*`` and forecast fields are null with fewer than three measurements
    or without a later target."""

    status = serializers.ChoiceField(choices=STATUS_CHOICES, help_text="op_koers, let_op, uit_koers of "
                                                                        "onvoldoende_gegevens.")
    label = serializers.CharField(help_text="De status in woorden.")
    latest_date = serializers.DateField(allow_null=True)
    latest_value = serializers.FloatField(allow_null=True)
    target = serializers.FloatField(allow_null=True, help_text="De streefwaarde op de datum van de laatste meting.")
    gap = serializers.FloatField(allow_null=True, help_text="Laatste meting min streefwaarde.")
    next_date = serializers.DateField(allow_null=True, help_text="De volgende streefdatum.")
    next_target = serializers.FloatField(allow_null=True, help_text="De streefwaarde op die datum.")
    forecast = serializers.FloatField(allow_null=True, help_text="De verwachte waarde op die datum.")
    forecast_low = serializers.FloatField(allow_null=True, help_text="Ondergrens van het 80 %-interval.")
    forecast_high = serializers.FloatField(allow_null=True, help_text="Bovengrens van het 80 %-interval.")
    probability = serializers.FloatField(allow_null=True, help_text="Kans (0 tot 1) dat de streefwaarde wordt "
                                                                    "gehaald.")
    method = serializers.CharField(allow_null=True, help_text="De methode van de verwachting, kort.")


def assessment_data(state) -> dict:
    a = state.assessment
    p, n = a.projection, a.next_target
    return {"status": state.status, "label": str(state.label), "latest_date": a.latest[0] if a.latest else None,
            "latest_value": a.latest[1] if a.latest else None, "target": a.target, "gap": a.gap,
            "next_date": n.date if n else None, "next_target": n.value if n else None,
            "forecast": p.value if p else None, "forecast_low": p.low if p else None,
            "forecast_high": p.high if p else None, "probability": p.probability if p else None,
            "method": p.method if p else None}


class IndicatorSerializer(OrganisationSerializer):
    goals = serializers.PrimaryKeyRelatedField(many=True, queryset=Goal.objects.none(), required=False,
                                               help_text="Ids van de doelen.")
    initiatives = serializers.PrimaryKeyRelatedField(many=True, queryset=Initiative.objects.none(), required=False,
                                                     help_text="Ids van de initiatieven die het moeten bewegen.")
    tolerance = serializers.FloatField(min_value=0, max_value=1, required=False,
                                       help_text="Marge (fractie van de streefwaarde) waarbinnen aan de verkeerde "
                                                 "kant ‘let op’ geldt in plaats van ‘uit koers’.")
    assessment = serializers.SerializerMethodField()
    scoped = {"goals": Goal, "initiatives": Initiative}

    class Meta:
        model = Indicator
        fields = ["id", "name", "meaning", "unit", "direction", "source", "data_lag", "frequency", "owner",
                  "baseline_value", "baseline_date", "tolerance", "goals", "initiatives", "assessment"]
        read_only_fields = ["id"]

    @extend_schema_field(AssessmentSerializer)
    def get_assessment(self, indicator) -> dict:
        return assessment_data(assessing.status_of(indicator))

    def validate_name(self, value):
        taken = Indicator.objects.filter(organisation=self.context["organisation"], name=value.strip())
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise serializers.ValidationError(_("Er is al een indicator met de naam ‘%(name)s’.") % {"name": value})
        return value.strip()


@extend_schema_view(
    list=extend_schema(summary="De indicatoren met hun status en verwachting"),
    retrieve=extend_schema(summary="Eén indicator met status en verwachting"),
    create=extend_schema(summary="Een indicator toevoegen (beheerder)"),
    partial_update=extend_schema(summary="Een indicator wijzigen (beheerder)"),
    destroy=extend_schema(summary="Een indicator verwijderen, met metingen en streefwaarden (beheerder)"),
)
class IndicatorViewSet(OrganisationScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                       mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, ApiViewSet):
    serializer_class = IndicatorSerializer
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    required_roles = MANAGER_WRITES

    def get_queryset(self):
        if _fake(self):
            return Indicator.objects.none()
        return (Indicator.objects.filter(organisation=self.organisation)
                .prefetch_related("goals", "initiatives", "measurements", "targets").order_by("name", "id"))

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "organisation": self.organisation}

    def perform_create(self, serializer):
        serializer.save(organisation=self.organisation)
