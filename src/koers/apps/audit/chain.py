"""The hash chain of the audit trail: each entry's ``hash`` covers its content and the hash of the
entry before it, so a changed or removed entry shows up when the chain is walked (``verify``).

One chain for the whole installation, in id order: removing every entry of one organisation is then
just as visible as removing one, and there is a single place to verify. Writers are serialized while
they link (see ``link``), so two at once cannot fork the chain. The hash definition is frozen: the
migration that filled in the existing entries uses it too, and changing it breaks every chain.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

CONTENT_FIELDS = ("organisation_id", "actor_id", "actor_name", "action", "model", "object_id",
                  "object_repr", "changes", "created_at")
_LOCK_KEY = 0x6B6F657273  # "koers": the advisory lock that serializes writers on PostgreSQL


def _canonical(value):
    """The JSON value as any database gives it back: PostgreSQL's jsonb returns 1e16 as an integer."""
    if isinstance(value, dict):
        return {str(key): _canonical(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canonical(item) for item in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).isoformat()
    return value


def compute_hash(content: dict, previous_hash: str) -> str:
    """SHA-256 (hex) of the canonical JSON of the content fields and the previous entry's hash."""
    document = {name: content[name] for name in CONTENT_FIELDS} | {"previous_hash": previous_hash}
    text = json.dumps(_canonical(document), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def link(entry) -> None:
    """Chain a new entry to the latest one. Call inside the transaction that inserts it: on
    PostgreSQL an advisory lock held until commit makes the next writer wait; on SQLite the
    IMMEDIATE transaction mode already lets only one writer in."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
    previous = type(entry)._base_manager.order_by("-id").values_list("hash", flat=True).first()
    entry.previous_hash = previous or ""
    entry.hash = compute_hash({name: getattr(entry, name) for name in CONTENT_FIELDS}, entry.previous_hash)


@dataclass
class Verification:
    count: int
    last_hash: str
    problem: str = ""

    @property
    def message(self) -> str:
        if self.problem:
            return _("Audittrail verbroken: {problem}").format(problem=self.problem)
        return ngettext("Audittrail intact: {count} regel, laatste hash {hash}.",
                        "Audittrail intact: {count} regels, laatste hash {hash}.",
                        self.count).format(count=self.count, hash=self.last_hash or "-")


def _described(row) -> str:
    moment = timezone.localtime(row["created_at"]).strftime("%d-%m-%Y %H:%M:%S")
    return _("auditregel {id} van {moment}").format(id=row["id"], moment=moment)


def _problem(row, previous) -> str:
    if compute_hash(row, row["previous_hash"]) != row["hash"]:
        return _("{entry} is gewijzigd: de inhoud past niet bij de opgeslagen hash").format(entry=_described(row))
    if previous is None and row["previous_hash"]:
        return _("vóór {entry} ontbreken regels: de eerste regel verwijst naar een voorganger").format(
            entry=_described(row))
    if previous is not None and row["previous_hash"] != previous["hash"]:
        return _("tussen {before} en {after} ontbreekt een regel (of {before} is vervangen): "
                 "de verwijzing naar de voorganger klopt niet").format(
            before=_described(previous), after=_described(row))
    return ""


def verify(queryset, batch_size: int = 2000) -> Verification:
    """Walk the chain in id order, ``batch_size`` rows at a time, and stop at the first broken link."""
    rows = queryset.order_by("id").values("id", "hash", "previous_hash", *CONTENT_FIELDS)
    previous, count = None, 0
    for row in rows.iterator(chunk_size=batch_size):
        problem = _problem(row, previous)
        if problem:
            return Verification(count, previous["hash"] if previous else "", problem)
        previous, count = row, count + 1
    return Verification(count, previous["hash"] if previous else "")
