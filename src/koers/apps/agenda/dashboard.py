"""Per theme: does this organisation give explicit attention, and how common is that elsewhere?

All figures come from a fixed number of queries, however many documents there are.
Other organisations appear only as an aggregate, and only when there are enough of them.
:func:`cached_overview` keeps the figures in Django's cache until the data behind them changes.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max

from koers.apps.agenda.models import OrganisationCodebook, ScanDocument, Status, ThemeResult, VerdictReview
from koers.apps.agenda.reference import reference_for
from koers.apps.agenda.reviews import effective_attention, open_doubt
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
    uncertain: int = 0  # verdicts marked "twijfel" and not reviewed, in the documents counted
    reviewed: int = 0  # reviewed verdicts in the documents counted


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
                   .values("theme", "label").annotate(with_attention=Count("id", filter=effective_attention()))):
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
                 .annotate(attention=Count("id", filter=effective_attention())))
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
    uncertain = ThemeResult.objects.filter(open_doubt(), document__in=scope).count()
    reviewed = VerdictReview.objects.filter(document__in=scope).count()
    return Overview(year, scanned, rows, peers, shown, my_class, uncertain, reviewed)


CACHE_SECONDS = 3600  # only to let unused entries go; a data change gives a new key at once


def data_version(organisation: Organisation) -> tuple:
    """A stamp that changes whenever anything :func:`overview` reads changes, in one query.

    Worked out from the database, not kept up to date by signals: the scans finish in the
    Celery worker, another process with another cache. Over all documents, because the
    figures compare with other organisations. An upload or deletion changes the count or
    highest id, a rescan the done count and queued time, a finished scan the finished time
    and the highest theme result id (results are replaced, so new ids even if the clock of
    the worker lags). Reviews: their number, highest id and latest time (a change, an undo or a
    new review moves one of them). Other organisations of the same kind: their number and populations
    decide the peers. The own codebook gives the themes' order and labels.
    """
    document, theme, organisations, codebook, review = (
        connection.ops.quote_name(model._meta.db_table)
        for model in (ScanDocument, ThemeResult, Organisation, OrganisationCodebook, VerdictReview))
    sql = (f"SELECT COUNT(*), MAX(id), SUM(CASE WHEN status = %s THEN 1 ELSE 0 END), MAX(queued_at),"
           f" MAX(finished_at), (SELECT MAX(id) FROM {theme}),"
           f" (SELECT COUNT(*) FROM {organisations} WHERE kind = %s),"
           f" (SELECT SUM(population) FROM {organisations} WHERE kind = %s),"
           f" (SELECT updated_at FROM {codebook} WHERE organisation_id = %s),"
           f" (SELECT COUNT(*) FROM {review}), (SELECT MAX(id) FROM {review}),"
           f" (SELECT MAX(reviewed_at) FROM {review})"
           f" FROM {document}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [Status.DONE.value, organisation.kind, organisation.kind, organisation.pk])
        return tuple(cursor.fetchone())


def cached_overview(organisation: Organisation, themes: Callable[[], list[tuple[str, str]]]) -> Overview:
    """:func:`overview` from the cache while its data is unchanged; ``themes`` is called on a miss."""
    # The organisation's own fields come with it and need no query. Its creation time: after a
    # rollback SQLite hands out an id again (tests), and that is another organisation.
    stamp = repr((organisation.pk, organisation.created_at, organisation.kind, organisation.population,
                  settings.KOERS_MIN_PEERS, data_version(organisation)))
    key = "agenda-overview:" + hashlib.sha256(stamp.encode()).hexdigest()  # short, no spaces: any backend
    data = cache.get(key)
    if data is None:
        # Computed after the stamp was read: at worst newer than its key, never older.
        data = overview(organisation, themes())
        cache.set(key, data, CACHE_SECONDS)
    return data
