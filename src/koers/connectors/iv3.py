"""Overhead costs per inhabitant per municipality from CBS's raw Iv3 data (municipal finance).

Public API::

    overhead_costs(client, years, tables=IV3_TABLES, report="begroting", topic=AMOUNT) -> {(code, year): euros}
    overhead_per_inhabitant(client, years, population, tables=IV3_TABLES, report="begroting",
                            topic=AMOUNT) -> {(code, year): euros per inhabitant}

Municipalities report their budget (begroting) and accounts (jaarrekening) to CBS in the Iv3
format: amounts per task field (taakveld) and economic category. CBS publishes them per year in a
separate table on ``dataderden.cbs.nl``; ``client`` is a ``StatLineClient`` with ``IV3_BASE_URL``.
The overhead is task field 0.4: the costs of the organisation itself (management, HR, finance,
ICT, housing, ...). ICT is not reported apart, so the overhead per inhabitant is a proxy for ICT
costs at best: see docs/connectors.md.
"""

from __future__ import annotations

from collections import defaultdict
from gettext import gettext as _

from koers.connectors.http import SourceError

IV3_BASE_URL = "https://dataderden.cbs.nl/ODataFeed/odata"
# "Gemeenten <year>, onbewerkte Iv3-data": one table per year; check before relying (docs/connectors.md).
IV3_TABLES = {2023: "45063NED", 2024: "45067NED", 2025: "45071NED", 2026: "45078NED"}
OVERHEAD = "0.4"                 # taakveld Overhead
AMOUNT = "k_1ePlaatsing_1"       # amounts in thousands of euros, as first placed
REPORTS = {"begroting": "X000", "jaarrekening": "X005"}
EXPENSES = "L"                   # the economic categories of expenses (lasten) start with L


def overhead_costs(client, years, tables: dict | None = None, report: str = "begroting",
                   topic: str = AMOUNT) -> dict[tuple[str, int], float]:
    """The expenses on task field 0.4 in euros, per municipality code (as in that year) and year."""
    tables = IV3_TABLES if tables is None else tables
    if report not in REPORTS:
        raise SourceError(_("Iv3 kent het verslag {report!r} niet; kies begroting of jaarrekening.").format(
            report=report))
    costs = defaultdict(float)
    for year in sorted(set(years)):
        table = tables.get(year)
        if table is None:
            raise SourceError(_("Geen Iv3-tabel bekend voor {year}; geef het tabelnummer op.").format(year=year))
        field = _key(client, table, "TaakveldBalanspost", OVERHEAD)
        kind = _key(client, table, "Verslagsoort", f"{year}{REPORTS[report]}")
        rows = client.observations(table, {"Verslagsoort": kind, "TaakveldBalanspost": field},
                                   ["Gemeenten", "Categorie", topic])
        for row in rows:
            code, value = str(row.get("Gemeenten", "")).strip(), row.get(topic)
            if code.startswith("GM") and str(row.get("Categorie", "")).strip().startswith(EXPENSES) \
                    and value is not None:
                costs[(code, year)] += float(value) * 1000
    return dict(costs)


def _key(client, table: str, dimension: str, wanted: str) -> str:
    """The dimension's key for ``wanted`` exactly as CBS writes it (Iv3 keys are padded with spaces)."""
    for row in client.dimension(table, dimension):
        if str(row.get("Key", "")).strip() == wanted:
            return row["Key"]
    raise SourceError(_("Tabel {table} heeft geen {wanted!r} in {dimension}.").format(
        table=table, wanted=wanted, dimension=dimension))


def overhead_per_inhabitant(client, years, population: dict[tuple[str, int], int], tables: dict | None = None,
                            report: str = "begroting", topic: str = AMOUNT) -> dict[tuple[str, int], float]:
    """Overhead in euros per inhabitant; ``population`` as from ``population.population_by_year``.

    Both are keyed by the code the municipality had in that year, so a merger needs no mapping
    here. A municipality without a population figure for the year is left out.
    """
    return {key: round(euros / population[key], 2)
            for key, euros in overhead_costs(client, years, tables, report, topic).items()
            if population.get(key)}
