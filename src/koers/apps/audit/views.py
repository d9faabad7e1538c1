"""Reading and exporting the audit trail (managers and up). There are no edit views."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render

from koers.apps.audit import display
from koers.apps.audit.export import csv_response
from koers.apps.audit.filters import AuditFilterForm, filtered_entries
from koers.apps.organisations.access import requires_role
from koers.apps.organisations.models import Role

PAGE_SIZE = 50


@requires_role(Role.MANAGER)
def entry_list(request, organisation):
    form = AuditFilterForm(request.GET or None)
    entries = filtered_entries(organisation, form)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("pagina"))
    display.annotate(page)  # related objects by name: one query per related model, not per row
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(request, "audit/entry_list.html", {
        "organisation": organisation, "form": form, "page": page, "query": query.urlencode(),
    })


@requires_role(Role.MANAGER)
def export_csv(request, organisation):
    return csv_response(organisation, filtered_entries(organisation, AuditFilterForm(request.GET or None)))
