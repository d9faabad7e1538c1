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
from koers.web.column_import import ColumnImport, import_page


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


@requires_role(Role.CONTRIBUTOR)
def import_counts(request, organisation):
    """Upload a file, map its columns, store all or nothing (see ``koers.web.column_import``)."""
    return import_page(request, ColumnImport(
        session_key=f"channels-import-{organisation.pk}", template="channels/import.html",
        context={"organisation": organisation},
        upload_form=UploadForm, mapping_form=MappingForm, read=importing.read, guess=importing.guess_mapping,
        store=lambda rows, mapping: importing.import_rows(organisation, rows, mapping),
        stored_message=_stored_message, done=lambda: _back(organisation)))
