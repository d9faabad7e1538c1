"""Per theme: does this organisation give explicit attention, and how common is that elsewhere?

All figures come from a fixed number of queries, however many documents there are.
Other organisations appear only as an aggregate, and only when there are enough of them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, Q

from koers.apps.agenda.models import ScanDocument, Status, ThemeResult
from koers.apps.agenda.reference import reference_for
from koers.apps.organisations.models import Organisation, size_class


@dataclass
class ThemeRow:
    theme: str
    label: str
    attention: bool | None  # None: no scanned document of that year has this theme
    documents: int  # documents of the year with attention
    study_total: int | None
    study_class: int | None
    peers_share: int | None  # percent, only with enough peers


@dataclass
class Overview:
    year: int | None
    scanned: int
    rows: list[ThemeRow]
    peers: int  # peers of the same size class with scanned documents
    peers_shown: bool
    size_class: str | None


def _latest_attention(rows) -> dict[int, dict[str, bool]]:
    """{organisation id: {theme: attention}} for each organisation's latest year (None = no year)."""
    latest: dict[int, object] = {}
    for row in rows:
        org, year = row["document__organisation"], row["document__year"]
        if org not in latest or (year is not None and (latest[org] is None or year > latest[org])):
            latest[org] = year
    result: dict[int, dict[str, bool]] = defaultdict(dict)
    for row in rows:
        org = row["document__organisation"]
        if row["document__year"] == latest[org]:
            result[org][row["theme"]] = result[org].get(row["theme"], False) or bool(row["attention"])
    return result


def overview(organisation: Organisation, themes: list[tuple[str, str]]) -> Overview:
    """``themes`` gives the (id, label) order of the organisation's codebook."""
    own_done = ScanDocument.objects.filter(organisation=organisation, status=Status.DONE)
    year = own_done.aggregate(year=Max("year"))["year"]
    scope = own_done.filter(year=year) if year is not None else own_done
    scanned = scope.count()
    own = defaultdict(lambda: [False, 0])
    labels = dict(themes)
    # Counted by the database: a few rows per theme, however many documents there are.
    for result in (ThemeResult.objects.filter(document__in=scope).order_by("theme", "label")
                   .values("theme", "label").annotate(with_attention=Count("id", filter=Q(attention=True)))):
        own[result["theme"]][0] |= result["with_attention"] > 0
        own[result["theme"]][1] += result["with_attention"]
        labels.setdefault(result["theme"], result["label"])

    my_class = organisation.size_class
    peer_ids = [o.pk for o in Organisation.objects.exclude(pk=organisation.pk)
                .filter(kind=organisation.kind).only("id", "population")
                if my_class is not None and size_class(o.population) == my_class]
    peer_rows = (ThemeResult.objects.filter(document__organisation_id__in=peer_ids,
                                            document__status=Status.DONE)
                 .values("document__organisation", "document__year", "theme")
                 .annotate(attention=Count("id", filter=Q(attention=True))))
    peer_attention = _latest_attention(list(peer_rows)) if peer_ids else {}
    peers = len(peer_attention)
    shown = peers >= settings.KOERS_MIN_PEERS

    rows = []
    for theme, label in labels.items():
        total, by_class = reference_for(theme, my_class)
        share = None
        if shown:
            with_attention = sum(1 for org in peer_attention.values() if org.get(theme))
            share = round(100 * with_attention / peers)
        attention = own[theme][0] if theme in own else None
        rows.append(ThemeRow(theme, label, attention, own[theme][1] if theme in own else 0,
                             total, by_class, share))
    return Overview(year, scanned, rows, peers, shown, my_class)
