"""Reading and exporting the audit trail (managers and up). There are no edit views."""

from __future__ import annotations

import csv
import json

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from koers.apps.audit.filters import AuditFilterForm, filtered_entries
from koers.apps.organisations.access import requires_role
from koers.apps.organisations.models import Role

PAGE_SIZE = 50
CSV_HEADER = ["tijdstip", "door", "actie", "soort", "id", "omschrijving", "wijzigingen"]


@requires_role(Role.MANAGER)
def entry_list(request, organisation):
    form = AuditFilterForm(request.GET or None)
    entries = filtered_entries(organisation, form)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(request, "audit/entry_list.html", {
        "organisation": organisation, "form": form, "page": page, "query": query.urlencode(),
    })


class _Echo:
    def write(self, value):
        return value


@requires_role(Role.MANAGER)
def export_csv(request, organisation):
    entries = filtered_entries(organisation, AuditFilterForm(request.GET or None))
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff"  # BOM: spreadsheet programs then read the file as UTF-8
        yield writer.writerow(CSV_HEADER)
        for entry in entries.iterator(chunk_size=500):
            yield writer.writerow([_safe_cell(value) for value in (
                timezone.localtime(entry.created_at).isoformat(timespec="seconds"), entry.actor_name,
                entry.action, entry.model, entry.object_id, entry.object_repr,
                json.dumps(entry.changes, ensure_ascii=False, sort_keys=True),
            )])

    name = f"audittrail-{organisation.slug}-{timezone.localdate():%Y%m%d}.csv"
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _safe_cell(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
