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


def _session_key(indicator) -> str:
    return f"indicators-import-{indicator.pk}"


@requires_role(Role.CONTRIBUTOR)
def import_measurements(request, organisation, indicator_id):
    """Step 1: upload a file (kept in the session); step 2: map its columns and store all or nothing."""
    indicator = indicator_of(organisation, indicator_id)
    key = _session_key(indicator)
    context = {"organisation": organisation, "indicator": indicator, "problems": []}
    if request.method == "POST" and request.POST.get("step") == "map":
        rows = request.session.get(key)
        if not rows:
            messages.error(request, _("Het bestand is niet meer bewaard; upload het opnieuw."))
            return render(request, "indicators/import.html", {**context, "upload": UploadForm()}, status=400)
        form = MappingForm(rows[0], request.POST)
        if form.is_valid():
            try:
                added, replaced = importing.import_rows(indicator, rows, form.mapping(), request.user)
            except importing.MeasurementImportError as exc:
                context["problems"] = exc.messages
            else:
                del request.session[key]
                messages.success(request, _stored_message(added, replaced))
                return back_to(indicator, "metingen")
        return render(request, "indicators/import.html", {**context, **_mapping(rows, form)}, status=400)
    upload = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and upload.is_valid():
        file = upload.cleaned_data["file"]
        try:
            rows = importing.read(file.read(), file.name)
        except importing.MeasurementImportError as exc:
            context["problems"] = exc.messages
        else:
            request.session[key] = rows
            return render(request, "indicators/import.html", {
                **context, **_mapping(rows, MappingForm(rows[0], initial=importing.guess_mapping(rows[0])))})
    return render(request, "indicators/import.html", {**context, "upload": upload},
                  status=400 if request.method == "POST" else 200)


def _mapping(rows, form) -> dict:
    return {"mapping": form, "header": rows[0], "preview": rows[1:6], "count": len(rows) - 1}
