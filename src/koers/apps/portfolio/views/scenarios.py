"""Scenarios: selection runs with their result, explanation and sensitivity, side by side."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.apps.organisations.access import requires_role
from koers.apps.organisations.models import Role
from koers.apps.portfolio import framework as frameworks, selection
from koers.apps.portfolio.forms import RunForm
from koers.apps.portfolio.models import Initiative, SelectionRun
from koers.apps.portfolio.views.overview import run_context


@requires_role(Role.VIEWER)
def run_list(request, organisation):
    runs = SelectionRun.objects.filter(organisation=organisation).select_related("framework")
    compare_ids = [int(i) for i in request.GET.getlist("vergelijk") if i.isdigit()][:4]
    compared = list(runs.filter(pk__in=compare_ids, state=SelectionRun.State.DONE))
    comparison = []
    if compared:
        ids = sorted({ident for run in compared for ident in run.selected} | set())
        items = {str(i.pk): i for i in Initiative.objects.filter(organisation=organisation, pk__in=[int(x) for x in ids])}
        comparison = [(items[ident], [ident in run.selected for run in compared])
                      for ident in ids if ident in items]
        comparison.sort(key=lambda row: str(row[0]))
    form = RunForm(organisation=organisation, initial={
        "framework": frameworks.current_framework(organisation), "budget": selection.default_budget(organisation)})
    return render(request, "portfolio/run_list.html", {
        "organisation": organisation, "runs": runs, "compared": compared, "comparison": comparison,
        "form": form})


@requires_role(Role.MANAGER)
@require_POST
def run_create(request, organisation):
    form = RunForm(request.POST, organisation=organisation)
    if not form.is_valid():
        runs = SelectionRun.objects.filter(organisation=organisation).select_related("framework")
        return render(request, "portfolio/run_list.html", {
            "organisation": organisation, "runs": runs, "form": form, "compared": [], "comparison": []}, status=400)
    data = form.cleaned_data
    run = selection.create_run(organisation, data["framework"], name=data["name"], user=request.user,
                               capacity_factor=data["capacity_percent"] / 100, budget=data["budget"],
                               sensitivity_draws=data["sensitivity_draws"])
    run = selection.queue(run)
    if run.state == SelectionRun.State.DONE:
        messages.success(request, _("Het scenario ‘%(name)s’ is berekend.") % {"name": run.name})
    else:
        messages.success(request, _("Het scenario ‘%(name)s’ staat in de wachtrij om berekend te worden.")
                         % {"name": run.name})
    return redirect("portfolio:run", slug=organisation.slug, run_id=run.pk)


def _run(organisation, run_id):
    return get_object_or_404(SelectionRun.objects.select_related("framework"), pk=run_id, organisation=organisation)


@requires_role(Role.MANAGER)
@require_POST
def run_retry(request, organisation, run_id):
    run = _run(organisation, run_id)
    try:
        selection.retry(run)
    except selection.RunRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Het scenario ‘%(name)s’ wordt opnieuw berekend.") % {"name": run.name})
    return redirect("portfolio:run", slug=organisation.slug, run_id=run.pk)


@requires_role(Role.MANAGER)
@require_POST
def run_delete(request, organisation, run_id):
    run = _run(organisation, run_id)
    try:
        selection.delete_run(run)
    except selection.RunRefused as exc:
        messages.error(request, str(exc))
        return redirect("portfolio:run", slug=organisation.slug, run_id=run_id)
    messages.success(request, _("Het scenario ‘%(name)s’ is verwijderd.") % {"name": run.name})
    return redirect("portfolio:runs", slug=organisation.slug)


@requires_role(Role.VIEWER)
def run_detail(request, organisation, run_id):
    run = _run(organisation, run_id)
    context = {"organisation": organisation, "run": run}
    if run.state == SelectionRun.State.DONE:
        context.update(run_context(organisation, run))
    template = "portfolio/_run_state.html" if request.headers.get("HX-Request") else "portfolio/run_detail.html"
    return render(request, template, context)
