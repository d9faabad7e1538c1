"""Targets (managers), measurements and their import (contributors) of one indicator."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from koers.apps.indicators import importing, measuring
from koers.apps.indicators.forms import MappingForm, MeasurementForm, TargetForm, UploadForm
from koers.apps.indicators.views.common import back_to, indicator_of
from koers.apps.organisations.access import requires_role
from koers.apps.organisations.models import Role
from koers.web.column_import import ColumnImport, import_page


@requires_role(Role.MANAGER)
def targets(request, organisation, indicator_id):
    """Add a target, or change the one on a date (the old value stays as history)."""
    indicator = indicator_of(organisation, indicator_id)
    form = TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        measuring.set_target(indicator, form.cleaned_data["date"], form.cleaned_data["value"], request.user)
        messages.success(request, _("De streefwaarde is opgeslagen."))
        return back_to(indicator, "streefwaarden")
    return render(request, "indicators/targets.html", {
        "organisation": organisation, "indicator": indicator, "form": form,
        "current": measuring.current_targets(indicator),
    }, status=400 if request.method == "POST" else 200)


@requires_role(Role.MANAGER)
@require_POST
def target_remove(request, organisation, indicator_id, target_id):
    indicator = indicator_of(organisation, indicator_id)
    target = get_object_or_404(measuring.current_targets(indicator), pk=target_id)
    measuring.retire(target)
    messages.success(request, _("De streefwaarde is uit het pad gehaald; ze blijft in de geschiedenis staan."))
    return back_to(indicator, "streefwaarden")


def _stored_message(added: int, replaced: int) -> str:
    text = ngettext("%(n)d meting toegevoegd", "%(n)d metingen toegevoegd", added) % {"n": added}
    if replaced:
        text += ", " + ngettext("%(n)d bestaande meting bijgewerkt", "%(n)d bestaande metingen bijgewerkt",
                                replaced) % {"n": replaced}
    return text + "."


@requires_role(Role.CONTRIBUTOR)
def measurement_add(request, organisation, indicator_id):
    indicator = indicator_of(organisation, indicator_id)
    form = MeasurementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        row = measuring.Row(data["date"], data["value"], data["group"], data["source"])
        messages.success(request, _stored_message(*measuring.record(indicator, [row], request.user)))
        return back_to(indicator, "metingen")
    return render(request, "indicators/measurement_add.html", {
        "organisation": organisation, "indicator": indicator, "form": form,
    }, status=400 if request.method == "POST" else 200)


@requires_role(Role.MANAGER)
@require_POST
def measurement_delete(request, organisation, indicator_id, measurement_id):
    indicator = indicator_of(organisation, indicator_id)
    get_object_or_404(indicator.measurements, pk=measurement_id).delete()
    messages.success(request, _("De meting is verwijderd."))
    return back_to(indicator, "metingen")


@requires_role(Role.CONTRIBUTOR)
def import_measurements(request, organisation, indicator_id):
    """Upload a file, map its columns, store all or nothing (see ``koers.web.column_import``)."""
    indicator = indicator_of(organisation, indicator_id)
    return import_page(request, ColumnImport(
        session_key=f"indicators-import-{indicator.pk}", template="indicators/import.html",
        context={"organisation": organisation, "indicator": indicator},
        upload_form=UploadForm, mapping_form=MappingForm, read=importing.read, guess=importing.guess_mapping,
        store=lambda rows, mapping: importing.import_rows(indicator, rows, mapping, request.user),
        stored_message=_stored_message, done=lambda: back_to(indicator, "metingen")))
