"""The indicator list with every status, an indicator's page, and its definition (managers)."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.apps.indicators import assessing, defaults, display
from koers.apps.indicators.forms import IndicatorForm, MeasurementForm
from koers.apps.indicators.models import Indicator
from koers.apps.indicators.views.common import back_to, indicator_of
from koers.apps.organisations.access import can, requires_role
from koers.apps.organisations.models import Role


@requires_role(Role.VIEWER)
def indicator_list(request, organisation):
    indicators = Indicator.objects.filter(organisation=organisation)
    return render(request, "indicators/indicator_list.html", {
        "organisation": organisation, "statuses": assessing.statuses(indicators),
        "definitions": defaults.missing(organisation) if can(request, Role.MANAGER) else [],
    })


@requires_role(Role.VIEWER)
def indicator_detail(request, organisation, indicator_id):
    indicator = indicator_of(organisation, indicator_id)
    state = assessing.status_of(indicator)
    measurements = indicator.measurements.select_related("entered_by").order_by("-date", "group")
    return render(request, "indicators/indicator_detail.html", {
        "organisation": organisation, "indicator": indicator, "state": state,
        "chart": display.chart(indicator, state),
        "measurements": measurements,
        "targets": indicator.targets.select_related("created_by").order_by("date", "created_at"),
        "measurement_form": MeasurementForm() if can(request, Role.CONTRIBUTOR) else None,
    })


def _edit(request, organisation, indicator, created: bool):
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        indicator = form.save()
        messages.success(request, _("De indicator ‘%(name)s’ is opgeslagen.") % {"name": indicator})
        return back_to(indicator)
    return render(request, "indicators/indicator_edit.html", {
        "organisation": organisation, "indicator": indicator, "form": form, "created": created,
    }, status=400 if request.method == "POST" else 200)


@requires_role(Role.MANAGER)
def indicator_create(request, organisation):
    return _edit(request, organisation, Indicator(organisation=organisation), True)


@requires_role(Role.MANAGER)
def indicator_edit(request, organisation, indicator_id):
    return _edit(request, organisation, indicator_of(organisation, indicator_id), False)


@requires_role(Role.MANAGER)
@require_POST
def indicator_delete(request, organisation, indicator_id):
    with transaction.atomic():
        indicator = indicator_of(organisation, indicator_id)
        indicator.delete()
    messages.success(request, _("De indicator ‘%(name)s’ is verwijderd, met haar metingen en streefwaarden.")
                     % {"name": indicator})
    return redirect("indicators:list", slug=organisation.slug)


@requires_role(Role.MANAGER)
@require_POST
def add_default(request, organisation):
    try:
        indicator = defaults.add(organisation, request.POST.get("key", ""))
    except KeyError:
        raise Http404("onbekende standaardindicator") from None
    messages.success(request, _("De indicator ‘%(name)s’ is toegevoegd; vul de streefwaarden en de eigenaar aan.")
                     % {"name": indicator})
    return back_to(indicator)
