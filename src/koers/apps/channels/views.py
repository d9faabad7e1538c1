"""The Kanalen page (viewers), the import of contact counts (contributors), and the supply and warning
threshold (managers). Every page goes through ``requires_role``; writes go through ``recording``."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from koers.apps.channels import context, display, importing, mix, recording
from koers.apps.channels.forms import MappingForm, SupplyForm, ThresholdForm, UploadForm
from koers.apps.channels.models import ChannelSupply
from koers.apps.organisations.access import can, requires_role
from koers.apps.organisations.models import Role
from koers.effects.errors import EffectsError


def _back(organisation, anchor: str = ""):
    response = redirect("channels:overview", slug=organisation.slug)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@requires_role(Role.VIEWER)
def overview(request, organisation):
    data = mix.rows(organisation)
    try:
        warnings, figures, problem = mix.warnings(organisation, data), display.figures(data), ""
    except EffectsError as exc:  # e.g. two supply figures that contradict each other
        warnings, figures, problem = [], {}, str(exc)
    threshold = recording.threshold_of(organisation)
    return render(request, "channels/overview.html", {
        "organisation": organisation, "warnings": warnings, "problem": problem, "has_data": bool(data),
        "threshold": threshold, **figures, "context_figures": context.latest(),
        "supplies": ChannelSupply.objects.filter(organisation=organisation).order_by("channel", "service", "period"),
        "threshold_form": ThresholdForm(initial={"threshold": threshold}) if can(request, Role.MANAGER) else None,
    })


@requires_role(Role.MANAGER)
def supply(request, organisation):
    form = SupplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recording.set_supply(organisation, data["period"], data["service"], data["channel"], data["capacity"],
                             data["opening_hours"])
        messages.success(request, _("Het aanbod is opgeslagen."))
        return _back(organisation, "aanbod")
    return _form_page(request, organisation, form, _("Aanbod van een kanaal"), _(
        "De capaciteit (bijvoorbeeld uren bezetting) en de openingsuren per week van een kanaal zonder internet, "
        "vanaf een periode. Een bestaande invoer voor dezelfde periode, dienst en kanaal wordt vervangen."))


@requires_role(Role.MANAGER)
@require_POST
def supply_delete(request, organisation, supply_id):
    get_object_or_404(ChannelSupply, pk=supply_id, organisation=organisation).delete()
    messages.success(request, _("Het aanbod is verwijderd."))
    return _back(organisation, "aanbod")


@requires_role(Role.MANAGER)
def threshold(request, organisation):
    form = ThresholdForm(request.POST or None, initial={"threshold": recording.threshold_of(organisation)})
    if request.method == "POST" and form.is_valid():
        recording.set_threshold(organisation, form.cleaned_data["threshold"])
        messages.success(request, _("De drempel voor de inclusiewaarschuwing is opgeslagen."))
        return _back(organisation, "waarschuwingen")
    return _form_page(request, organisation, form, _("Drempel voor de inclusiewaarschuwing"), _(
        "Vanaf welk aandeel van haar contacten een groep genoemd wordt als een kanaal krimpt."))


def _form_page(request, organisation, form, heading: str, intro: str):
    return render(request, "channels/_form_page.html", {
        "organisation": organisation, "form": form, "heading": heading, "intro": intro,
    }, status=400 if request.method == "POST" else 200)


def _stored_message(added: int, replaced: int) -> str:
    text = ngettext("%(n)d aantal toegevoegd", "%(n)d aantallen toegevoegd", added) % {"n": added}
    if replaced:
        text += ", " + ngettext("%(n)d bestaand aantal bijgewerkt", "%(n)d bestaande aantallen bijgewerkt",
                                replaced) % {"n": replaced}
    return text + "."


SESSION_KEY = "channels-import"


@requires_role(Role.CONTRIBUTOR)
def import_counts(request, organisation):
    """Step 1: upload a file (kept in the session); step 2: map its columns and store all or nothing."""
    key = f"{SESSION_KEY}-{organisation.pk}"
    page = {"organisation": organisation, "problems": []}
    if request.method == "POST" and request.POST.get("step") == "map":
        rows = request.session.get(key)
        if not rows:
            messages.error(request, _("Het bestand is niet meer bewaard; upload het opnieuw."))
            return render(request, "channels/import.html", {**page, "upload": UploadForm()}, status=400)
        form = MappingForm(rows[0], request.POST)
        if form.is_valid():
            try:
                added, replaced = importing.import_rows(organisation, rows, form.mapping())
            except importing.PortfolioImportError as exc:
                page["problems"] = exc.messages
            else:
                del request.session[key]
                messages.success(request, _stored_message(added, replaced))
                return _back(organisation)
        return render(request, "channels/import.html", {**page, **_mapping(rows, form)}, status=400)
    upload = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and upload.is_valid():
        file = upload.cleaned_data["file"]
        try:
            rows = importing.read(file.read(), file.name)
        except importing.PortfolioImportError as exc:
            page["problems"] = exc.messages
        else:
            request.session[key] = rows
            form = MappingForm(rows[0], initial=importing.guess_mapping(rows[0]))
            return render(request, "channels/import.html", {**page, **_mapping(rows, form)})
    return render(request, "channels/import.html", {**page, "upload": upload},
                  status=400 if request.method == "POST" else 200)


def _mapping(rows, form) -> dict:
    return {"mapping": form, "header": rows[0], "preview": rows[1:6], "count": len(rows) - 1}
