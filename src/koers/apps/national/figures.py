"""The national figures: per theme the share of municipalities with explicit attention, by size class,
province or year, each with n, k and a 95 % Wilson interval, the 2022 study beside it and the median
overhead costs per inhabitant as a (rough) proxy for ICT costs.

The unit is the municipality-year: a municipality has attention for a theme in a year when any of
its scanned documents of that year (optionally of one document type) has it. Two sources feed it:

* harvested public documents (``SourceDocument``), each counted with the most recent done scan of
  its file by the latest codebook version present (the version of the newest done scan). Files
  scanned only with an older codebook are left out and counted, so every figure follows one rule;
* organisations that opted in (``NationalOptIn``): their done documents with the effective verdicts
  (a reviewer's verdict overrides the scan's) count as the data of their CBS code for that year and
  replace the harvested data of the same municipality-year, because reviewed data is better.

:func:`load` reads everything with a fixed number of queries, whatever the number of municipalities
and years; :func:`figures` groups it in memory, so a page can show a table and the trend from one load.
"""

from __future__ import annotations

import csv
import io
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils.translation import gettext as _

from koers.apps.agenda.models import Status, ThemeResult
from koers.apps.agenda.reference import reference_for
from koers.apps.agenda.reviews import effective_attention
from koers.apps.national.models import ContextFigure, OutcomeTheme, ScanOutcome, SourceDocument
from koers.apps.organisations.models import SIZE_CLASS_KEYS, SIZE_CLASS_LABELS, size_class
from koers.csvsafe import safe_row
from koers.scan import municipalities
from koers.scan.codebook import default_codebook
from koers.scan.intervals import wilson_interval

GROUPINGS = ("size_class", "province", "year")
_CODE = re.compile(r"^(?:GM)?(\d{1,4})$", re.IGNORECASE)


def normal_code(code: str) -> str:
    """``GM0363``, ``gm363`` and ``0363`` all become ``GM0363``; anything else stays as written."""
    match = _CODE.match(code.strip())
    return f"GM{int(match.group(1)):04d}" if match else code.strip().upper()


@dataclass
class Unit:
    """One municipality-year: its verdict per theme (True when any document has attention)."""

    code: str
    year: int
    province: str
    verdicts: dict[str, bool] = field(default_factory=dict)
    opted_in: bool = False


@dataclass
class Data:
    """What :func:`load` read: the units and the context figures, with what was left out."""

    units: dict[tuple[str, int], Unit]
    themes: list[tuple[str, str]]  # (id, label), the default codebook's order first
    population: dict[tuple[str, int], float]
    overhead: dict[tuple[str, int], float]
    codebook_version: str | None
    older_codebook: int  # harvested files scanned only with an older codebook version
    unscanned: int  # harvested files without a done scan (queued, failed or not yet in a batch)

    @property
    def years(self) -> list[int]:
        return sorted({year for _code, year in self.units})


@dataclass(frozen=True)
class Row:
    theme: str
    group: str  # the key: a size class key, a province or a year
    label: str
    n: int  # municipality-years with a verdict on the theme
    k: int  # of which with explicit attention
    share: float | None  # fractions, 0..1
    low: float | None
    high: float | None
    reference: int | None  # the 2022 study's share in percent, where it gives one for this group
    overhead: float | None  # median overhead costs per inhabitant (euro) of the group's municipality-years
    overhead_n: int  # municipality-years with an overhead figure
    fallback: int  # municipality-years sized with the shipped 2024 population (no CBS figure for their year)


@dataclass
class Figures:
    grouping: str
    year: int | None
    themes: list[tuple[str, str]]
    rows: list[Row]
    reference: dict[str, int | None]  # theme -> the 2022 study's share over all municipalities
    units: int  # municipality-years counted
    left_out: int  # municipality-years without a group (unknown size or province)
    fallback: int
    opted_in: int  # municipality-years from organisations that opted in
    data: Data

    def rows_for(self, theme: str) -> list[Row]:
        return [row for row in self.rows if row.theme == theme]


def load(doc_type: str | None = None) -> Data:
    """Read the units and context figures (optionally of one document type) in five queries."""
    units: dict[tuple[str, int], Unit] = {}
    labels: dict[str, str] = {}
    version, older, unscanned = _harvested(units, labels, doc_type)
    _opted_in(units, labels, doc_type)
    context: dict[str, dict[tuple[str, int], float]] = defaultdict(dict)
    for kind, code, year, value in ContextFigure.objects.values_list("kind", "municipality_code", "year", "value"):
        context[kind][(normal_code(code), year)] = value
    return Data(units, _ordered_themes(labels), context[ContextFigure.Kind.POPULATION],
                context[ContextFigure.Kind.OVERHEAD], version, older, unscanned)


def _harvested(units, labels, doc_type):
    """Add the harvested documents' verdicts; returns (codebook version, older-codebook files, unscanned files)."""
    version = (ScanOutcome.objects.filter(status=ScanOutcome.Status.DONE).order_by("-scanned_at", "-id")
               .values_list("codebook_version", flat=True).first())
    done = ScanOutcome.objects.filter(sha256=OuterRef("sha256"), status=ScanOutcome.Status.DONE)
    documents = SourceDocument.objects.filter(**({"doc_type": doc_type} if doc_type else {})).annotate(
        outcome=Subquery(done.filter(codebook_version=version).order_by("-scanned_at", "-id").values("id")[:1]),
        scanned=Exists(done))
    outcomes: dict[int, list[Unit]] = defaultdict(list)
    older = unscanned = 0
    for code, province, year, outcome, scanned in documents.values_list(
            "municipality_code", "province", "year", "outcome", "scanned"):
        if outcome is None:
            older += scanned
            unscanned += not scanned
            continue
        code = normal_code(code)
        unit = units.setdefault((code, year), Unit(code, year, province or _province(code)))
        outcomes[outcome].append(unit)
    themes = OutcomeTheme.objects.filter(outcome_id__in=documents.exclude(outcome=None).values("outcome"))
    for outcome, theme, label, attention in themes.values_list("outcome_id", "theme", "label", "attention"):
        labels.setdefault(theme, label)
        for unit in outcomes[outcome]:
            unit.verdicts[theme] = unit.verdicts.get(theme, False) or attention
    return version, older, unscanned


def _opted_in(units, labels, doc_type):
    """Replace the municipality-years of organisations that opted in with their own effective verdicts."""
    results = ThemeResult.objects.filter(document__organisation__national_opt_in__isnull=False,
                                         document__status=Status.DONE, document__year__isnull=False)
    results = results.exclude(document__organisation__cbs_code="")
    if doc_type:
        results = results.filter(document__doc_type=doc_type)
    replaced: set[tuple[str, int]] = set()
    for code, year, theme, label, attention in (
            results.values_list("document__organisation__cbs_code", "document__year", "theme", "label")
            .annotate(with_attention=Count("id", filter=effective_attention())).order_by()):
        code = normal_code(code)
        if (code, year) not in replaced:
            units[(code, year)] = Unit(code, year, _province(code), opted_in=True)
            replaced.add((code, year))
        verdicts = units[(code, year)].verdicts
        labels.setdefault(theme, label)
        verdicts[theme] = verdicts.get(theme, False) or attention > 0


def _province(code: str) -> str:
    known = municipalities.by_code(code)
    return known.province if known else ""


def _ordered_themes(labels: dict[str, str]) -> list[tuple[str, str]]:
    shipped = [(theme.id, theme.label) for theme in default_codebook().themes if theme.id in labels]
    known = {theme for theme, _label in shipped}
    return shipped + sorted(((t, label) for t, label in labels.items() if t not in known), key=lambda t: t[1])


def _size(data: Data, unit: Unit) -> tuple[str | None, bool]:
    """(size class key, whether the shipped 2024 population stood in for the year's CBS figure)."""
    population = data.population.get((unit.code, unit.year))
    if population is not None:
        return size_class(int(population)), False
    known = municipalities.by_code(unit.code)
    return (size_class(known.population), True) if known else (None, False)


def figures(data: Data, grouping: str, year: int | None = None) -> Figures:
    """Group the units (of one year, or all) by ``grouping``: one row per theme and group."""
    if grouping not in GROUPINGS:
        raise ValueError(_("Kies een indeling: grootteklasse, provincie of jaar."))
    groups: dict[str, list[Unit]] = defaultdict(list)
    fallback_units: set[tuple[str, int]] = set()
    left_out = 0
    counted = [u for u in data.units.values() if year is None or u.year == year]
    for unit in counted:
        key, fallback = _group(data, unit, grouping)
        if key is None:
            left_out += 1
            continue
        groups[key].append(unit)
        if fallback:
            fallback_units.add((unit.code, unit.year))
    rows = [_row(data, theme, key, groups[key], grouping, fallback_units)
            for theme, _label in data.themes for key in _group_order(grouping, groups)]
    reference = {theme: reference_for(theme, None)[0] for theme, _label in data.themes}
    return Figures(grouping, year, data.themes, rows, reference, len(counted) - left_out, left_out,
                   len(fallback_units), sum(u.opted_in for u in counted), data)


def _group(data: Data, unit: Unit, grouping: str) -> tuple[str | None, bool]:
    if grouping == "size_class":
        return _size(data, unit)
    if grouping == "province":
        return unit.province or None, False
    return str(unit.year), False


def _group_order(grouping: str, groups: dict[str, list[Unit]]) -> list[str]:
    if grouping == "size_class":
        return [key for key in SIZE_CLASS_KEYS if key in groups]
    return sorted(groups, key=int) if grouping == "year" else sorted(groups)


def _row(data: Data, theme: str, key: str, units: list[Unit], grouping: str, fallback_units) -> Row:
    judged = [u for u in units if theme in u.verdicts]
    n, k = len(judged), sum(u.verdicts[theme] for u in judged)
    interval = wilson_interval(k, n)
    overheads = [data.overhead[(u.code, u.year)] for u in judged if (u.code, u.year) in data.overhead]
    size_class_key = key if grouping == "size_class" else None
    return Row(theme=theme, group=key, label=group_label(grouping, key), n=n, k=k,
               share=k / n if n else None, low=interval[0] if interval else None,
               high=interval[1] if interval else None,
               reference=reference_for(theme, size_class_key)[1],
               overhead=statistics.median(overheads) if overheads else None, overhead_n=len(overheads),
               fallback=sum((u.code, u.year) in fallback_units for u in judged))


def group_label(grouping: str, key: str) -> str:
    return str(SIZE_CLASS_LABELS[key]) if grouping == "size_class" else key


CSV_COLUMNS = ("grouping", "group", "theme", "theme_label", "n", "k", "share", "low", "high", "reference_2022",
               "overhead_median_eur", "overhead_n", "population_2024_fallback")


def to_csv(result: Figures) -> str:
    """The rows as CSV (shares in percent, one decimal), text cells guarded against formulas."""
    labels = dict(result.themes)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in result.rows:
        writer.writerow(safe_row([result.grouping, row.label, row.theme, labels[row.theme], row.n, row.k,
                                  *(percent(v) for v in (row.share, row.low, row.high)), row.reference,
                                  None if row.overhead is None else round(row.overhead, 2), row.overhead_n,
                                  row.fallback]))
    return out.getvalue()


def percent(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)
