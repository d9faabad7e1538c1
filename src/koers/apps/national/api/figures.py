"""The national figures in the REST API: public and read-only, like the page at /landelijk/."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response

from koers.apps.national import figures
from koers.apps.national.forms import FilterForm
from koers.web.api.base import ApiView


class IntervalSerializer(serializers.Serializer):
    low = serializers.FloatField(help_text="Ondergrens van het 95%-interval (Wilson), als fractie.")
    high = serializers.FloatField(help_text="Bovengrens van het 95%-interval (Wilson), als fractie.")


class RowSerializer(serializers.Serializer):
    theme = serializers.CharField()
    group = serializers.CharField(help_text="Grootteklasse (<50k, 50k-100k, >100k), provincie of jaar.")
    label = serializers.CharField()
    n = serializers.IntegerField(help_text="Gemeentejaren met een oordeel over het thema.")
    k = serializers.IntegerField(help_text="Daarvan met expliciete aandacht.")
    share = serializers.FloatField(allow_null=True, help_text="k / n, als fractie.")
    interval = IntervalSerializer(allow_null=True)
    reference = serializers.FloatField(allow_null=True, help_text=(
        "Het aandeel in het onderzoek van 2022 voor deze grootteklasse, als fractie; alleen waar het "
        "onderzoek dat geeft."))
    overhead_median = serializers.FloatField(allow_null=True, help_text=(
        "Mediaan van de overheadkosten per inwoner in euro (CBS, Iv3): een ruwe maat voor ICT-kosten, "
        "die daar onder overhead vallen."))
    overhead_n = serializers.IntegerField(help_text="Gemeentejaren met een overheadcijfer.")
    population_fallback = serializers.IntegerField(help_text=(
        "Gemeentejaren waarvan de grootteklasse uit het inwonertal van 1 januari 2024 komt, omdat het "
        "CBS-cijfer van hun jaar ontbreekt."))


class ThemeSerializer(serializers.Serializer):
    id = serializers.CharField()
    label = serializers.CharField()
    reference = serializers.FloatField(allow_null=True, help_text="Het aandeel in het onderzoek van 2022 "
                                                                   "(50 gemeenten), als fractie.")


class FiguresSerializer(serializers.Serializer):
    group = serializers.ChoiceField(choices=figures.GROUPINGS)
    year = serializers.IntegerField(allow_null=True)
    doc_type = serializers.CharField(allow_null=True)
    codebook_version = serializers.CharField(allow_null=True)
    units = serializers.IntegerField(help_text="Gemeentejaren die meetellen.")
    left_out = serializers.IntegerField(help_text="Gemeentejaren zonder bekende grootteklasse of provincie.")
    opted_in = serializers.IntegerField(help_text="Gemeentejaren van organisaties die zelf meedoen.")
    population_fallback = serializers.IntegerField()
    themes = ThemeSerializer(many=True)
    rows = RowSerializer(many=True)


def _fraction(percent: int | None) -> float | None:
    return None if percent is None else percent / 100


def figures_data(result: figures.Figures, doc_type: str | None) -> dict:
    return {
        "group": result.grouping, "year": result.year, "doc_type": doc_type,
        "codebook_version": result.data.codebook_version, "units": result.units, "left_out": result.left_out,
        "opted_in": result.opted_in, "population_fallback": result.fallback,
        "themes": [{"id": theme, "label": label, "reference": _fraction(result.reference.get(theme))}
                   for theme, label in result.themes],
        "rows": [{"theme": row.theme, "group": row.group, "label": row.label, "n": row.n, "k": row.k,
                  "share": row.share, "interval": None if row.low is None else {"low": row.low, "high": row.high},
                  "reference": _fraction(row.reference), "overhead_median": row.overhead,
                  "overhead_n": row.overhead_n, "population_fallback": row.fallback} for row in result.rows],
    }


class NationalFiguresView(ApiView):
    """Public: the figures come from public documents and from organisations that chose to share."""

    authentication_classes = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="Het landelijk beeld: per thema het aandeel gemeenten met expliciete aandacht",
        description=("Openbaar, zonder aanmelding. Per thema en groep: n (gemeentejaren), k (met aandacht), het "
                     "aandeel met een 95%-interval (Wilson), het aandeel in het onderzoek van 2022 en de mediaan "
                     "van de overheadkosten per inwoner. Aandelen zijn fracties tussen 0 en 1."),
        parameters=[
            OpenApiParameter("group", str, enum=list(figures.GROUPINGS),
                             description="Indeling: grootteklasse (standaard), provincie of jaar."),
            OpenApiParameter("year", str, pattern="^([0-9]{4}|alle)$",
                             description="Dit jaar; zonder: het laatste jaar met gegevens (bij indeling naar "
                                         "jaar: alle jaren); 'alle': alle jaren samen (n telt dan gemeentejaren)."),
            OpenApiParameter("docType", str, description="Alleen deze soort document; zonder: alle soorten."),
        ],
        responses={200: FiguresSerializer})
    def get(self, request, *args, **kwargs):
        query = request.query_params
        form = FilterForm({"group": query.get("group", ""), "year": query.get("year", ""),
                           "doc_type": query.get("docType", "")})
        if not form.is_valid():
            names = {"doc_type": "docType"}
            raise serializers.ValidationError({names.get(name, name): errors for name, errors in form.errors.items()})
        options = form.cleaned_data
        doc_type = options["doc_type"] or None
        data = figures.load(doc_type)
        result = figures.figures(data, options["group"], form.year_for(data.years))
        return Response(FiguresSerializer(figures_data(result, doc_type)).data)
