"""The CBS context of the national figures: inhabitants and overhead costs per inhabitant per
municipality and year, fetched through ``koers.connectors.population`` and ``koers.connectors.iv3``.

Each kind is fetched whole before anything is stored, then replaces the stored figures of those
years in one transaction; a failed fetch (a ``SourceError`` with a Dutch message) keeps what was
there. Pages never fetch; run the management command ``refresh_national_context``.
Both connectors key a figure by the CBS code the municipality had in that year, the code the
harvest records for a document of that year, so a merger needs no mapping here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from koers.apps.national.models import ContextFigure
from koers.connectors.http import SourceError
from koers.connectors.iv3 import IV3_BASE_URL, IV3_TABLES, overhead_per_inhabitant
from koers.connectors.population import POPULATION_TABLE, population_by_year
from koers.connectors.statline import StatLineClient

Kind = ContextFigure.Kind


@dataclass
class Refreshed:
    stored: dict[str, int] = field(default_factory=dict)  # kind -> figures stored
    failures: dict[str, str] = field(default_factory=dict)  # kind -> the Dutch reason


def refresh_national_context(years, population_client=None, iv3_client=None, iv3_tables=None) -> Refreshed:
    """Fetch and store both kinds for ``years``; the clients are for tests (no network)."""
    years = sorted(set(years))
    iv3_tables = IV3_TABLES if iv3_tables is None else iv3_tables
    done = Refreshed()
    try:
        population = population_by_year(population_client or StatLineClient(), years)
    except SourceError as exc:
        done.failures[Kind.POPULATION] = str(exc)
        return done  # the overhead per inhabitant needs the inhabitants
    done.stored[Kind.POPULATION] = _replace(Kind.POPULATION, years, population,
                                            lambda year: f"CBS StatLine {POPULATION_TABLE}")
    try:
        overhead = overhead_per_inhabitant(iv3_client or StatLineClient(base_url=IV3_BASE_URL), years, population,
                                           iv3_tables)
    except SourceError as exc:
        done.failures[Kind.OVERHEAD] = str(exc)
        return done
    done.stored[Kind.OVERHEAD] = _replace(Kind.OVERHEAD, years, overhead,
                                          lambda year: f"CBS Iv3 {iv3_tables.get(year, '')}".strip())
    return done


def _replace(kind: str, years: list[int], figures: dict[tuple[str, int], float], source) -> int:
    with transaction.atomic():
        ContextFigure.objects.filter(kind=kind, year__in=years).delete()
        ContextFigure.objects.bulk_create(
            ContextFigure(kind=kind, municipality_code=code, year=year, value=value, source=source(year))
            for (code, year), value in figures.items())
    return len(figures)
