"""Import of the portfolio from a CSV or XLSX file (``POST portfolio-imports``)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from koers.apps.organisations.models import Role
from koers.apps.portfolio import transfer
from koers.web.api.base import ApiView, problem, problem_response
from koers.web.api.permissions import OrganisationScopedMixin


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
