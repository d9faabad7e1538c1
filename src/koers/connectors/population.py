"""Inhabitants per municipality per year from CBS StatLine, and municipal mergers by CBS code.

Public API::

    population_by_year(client, years, table=POPULATION_TABLE, topic=POPULATION_TOPIC) -> {(code, year): int}
    Merger(year, old_code, old_name, new_code, new_name)       (frozen) from data/municipal_mergers.csv
    mergers() -> tuple[Merger, ...]
    successor(code, year) -> str      the code the municipality had on 1 January of ``year``
    current_code(code) -> str         the code it has now
    by_current_code(population) -> Regrouped(figures, unknown)

``population_by_year`` reads the figures as CBS publishes them: per municipality as it existed on
1 January of that year. ``by_current_code`` adds them up per municipality as it exists now, so the
population of a merged municipality in a year before the merger is the sum of its predecessors
(and a municipality that absorbed another counts the absorbed one too). A code that is neither
current nor in the merger list is reported in ``unknown`` rather than guessed.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from gettext import gettext as _
from importlib import resources

from koers.connectors.http import SourceError
from koers.scan.municipalities import by_code

POPULATION_TABLE = "70072NED"        # Regionale kerncijfers Nederland
POPULATION_TOPIC = "TotaleBevolking_1"  # inhabitants on 1 January
REGION = "RegioS"


@dataclass(frozen=True)
class Merger:
    year: int       # the first year whose 1 January layout has the new municipality
    old_code: str
    old_name: str
    new_code: str
    new_name: str


@dataclass(frozen=True)
class Regrouped:
    figures: dict   # (current code, year) -> inhabitants
    unknown: list   # codes found in the figures that map to no current municipality


def population_by_year(client, years, table: str = POPULATION_TABLE,
                       topic: str = POPULATION_TOPIC) -> dict[tuple[str, int], int]:
    """Inhabitants per municipality code (as in that year) and year, from one StatLine table."""
    years = sorted({_year(year) for year in years})
    rows = client.observations(table, {"Perioden": [f"{year}JJ00" for year in years]}, [REGION, "Perioden", topic])
    figures = {}
    for row in rows:
        code, period, value = str(row.get(REGION, "")).strip(), str(row.get("Perioden", "")), row.get(topic)
        if code.startswith("GM") and value is not None and period[:4].isdigit():
            figures[(code, int(period[:4]))] = int(value)
    return figures


def _year(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise SourceError(_("{value!r} is geen jaartal.").format(value=value)) from None


@lru_cache(maxsize=1)
def mergers() -> tuple[Merger, ...]:
    """The shipped merger list (its source: data/README.md), oldest first."""
    text = (resources.files("koers") / "data" / "municipal_mergers.csv").read_text(encoding="utf-8")
    return tuple(sorted((Merger(int(row["year"]), row["old_code"], row["old_name"], row["new_code"], row["new_name"])
                         for row in csv.DictReader(io.StringIO(text))), key=lambda merger: merger.year))


def successor(code: str, year: int) -> str:
    """The code of the municipality that ``code``'s area belonged to on 1 January of ``year``."""
    code = _known(code)
    for merger in mergers():
        if merger.old_code == code and merger.year <= year:
            code = merger.new_code
    return code


def current_code(code: str) -> str:
    return successor(code, 10_000)


def _known(code: str) -> str:
    code = str(code).strip().upper()
    if (current := by_code(code)) is not None:
        return current.code
    if all(code != merger.old_code for merger in mergers()):
        raise SourceError(_("Gemeentecode {code} is onbekend: geen huidige gemeente en niet in de lijst van "
                            "herindelingen.").format(code=code))
    return code


def by_current_code(population: dict[tuple[str, int], int]) -> Regrouped:
    """The figures added up per current municipality; codes that cannot be placed are listed."""
    totals, unknown = defaultdict(int), set()
    for (code, year), value in population.items():
        try:
            totals[(current_code(code), year)] += value
        except SourceError:
            unknown.add(code)
    return Regrouped(dict(totals), sorted(unknown))
