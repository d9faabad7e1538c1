"""The audit trail as a streamed CSV file: one implementation for the page and the API."""

from __future__ import annotations

import csv
import json

from django.http import StreamingHttpResponse
from django.utils import timezone

from koers.csvsafe import safe_row

CSV_HEADER = ["tijdstip", "door", "actie", "soort", "id", "omschrijving", "wijzigingen"]


class _Echo:
    """A file-like object for csv.writer that hands each row back instead of storing it."""

    def write(self, value):
        return value


def csv_response(organisation, entries) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff"  # BOM: spreadsheet programs then read the file as UTF-8
        yield writer.writerow(CSV_HEADER)
        for entry in entries.iterator(chunk_size=500):
            yield writer.writerow(safe_row((
                timezone.localtime(entry.created_at).isoformat(timespec="seconds"), entry.actor_name,
                entry.action, entry.model, entry.object_id, entry.object_repr,
                json.dumps(entry.changes, ensure_ascii=False, sort_keys=True),
            )))

    name = f"audittrail-{organisation.slug}-{timezone.localdate():%Y%m%d}.csv"
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
