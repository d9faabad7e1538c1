"""The portfolio overview (charts, latest selection) and import and export of the portfolio."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.apps.organisations.access import requires_role
from koers.apps.organisations.models import Role
from koers.apps.portfolio import charts, runs, selection, transfer
from koers.apps.portfolio.models import EffortEstimate
from koers.apps.portfolio.views.common import latest_run


def run_context(organisation, run):
    """Chart, table and explanation data of one run (or of the current candidates without a run).

    The rows are the run's own (``runs.rows``, as the API gives them) plus today's effort in hours."""
    rows = runs.rows(run) if run else runs.candidate_rows(organisation)
    hours = {}
    for effort in EffortEstimate.objects.filter(initiative__in=[r["initiative"] for r in rows if r["initiative"]]):
        hours[effort.initiative_id] = hours.get(effort.initiative_id, 0.0) + effort.hours
    for row in rows:
        row["hours"] = hours.get(row["id"], 0.0)
    capacity_rows = selection.demand_and_capacity(organisation, run)
    return {"rows": rows, "capacity_rows": capacity_rows, "scatter": charts.value_against_effort(rows),
            "bars": charts.demand_against_capacity(capacity_rows) if capacity_rows else None}


def _overview_context(request, organisation):
    run = latest_run(organisation, request.GET.get("scenario") if str(request.GET.get("scenario", "")).isdigit() else None)
    return {"organisation": organisation, "run": run, "max_import_mb": transfer.MAX_FILE_BYTES // (1024 * 1024),
            **run_context(organisation, run)}


@requires_role(Role.VIEWER)
def overview(request, organisation):
    return render(request, "portfolio/overview.html", _overview_context(request, organisation))


# --- import and export (koers.apps.portfolio.transfer) ------------------------------------------

def _download(organisation, kind: str) -> HttpResponse:
    if kind == "csv":
        data, content_type = transfer.export_csv(organisation), transfer.CSV_CONTENT_TYPE
    else:
        data, content_type = transfer.export_xlsx(organisation), transfer.XLSX_CONTENT_TYPE
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{transfer.export_filename(organisation, kind)}"'
    return response


@requires_role(Role.VIEWER)
def export_csv(request, organisation):
    return _download(organisation, "csv")


@requires_role(Role.VIEWER)
def export_xlsx(request, organisation):
    return _download(organisation, "xlsx")


@requires_role(Role.MANAGER)
@require_POST
def import_file(request, organisation):
    """Upload a CSV or XLSX file in the export layout; all or nothing (see transfer.import_portfolio)."""
    upload = request.FILES.get("bestand")
    if upload is None:
        problems = [_("Kies een CSV- of Excel-bestand om te importeren.")]
    elif upload.size > transfer.MAX_FILE_BYTES:
        problems = [_("Het bestand is groter dan %(mb)d MB.") % {"mb": transfer.MAX_FILE_BYTES // (1024 * 1024)}]
    else:
        try:
            result = transfer.import_portfolio(organisation, upload.read(), upload.name, request.user)
        except transfer.PortfolioImportError as exc:
            problems = exc.messages
        else:
            messages.success(request, result.summary())
            return redirect("portfolio:overview", slug=organisation.slug)
    context = _overview_context(request, organisation)
    context.update(import_errors=problems, import_name=upload.name if upload is not None else "")
    return render(request, "portfolio/overview.html", context, status=400)
