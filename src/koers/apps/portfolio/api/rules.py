"""Rules of play (stage gates), switched on or off: serializer and viewset."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.response import Response

from koers.apps.organisations.models import Role
from koers.apps.portfolio import workflow
from koers.apps.portfolio.models import GateRule
from koers.web.api.base import ApiViewSet
from koers.web.api.permissions import OrganisationScopedMixin


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
