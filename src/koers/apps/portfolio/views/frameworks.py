"""Weighing frameworks: versions, criteria, weights directly or by pairwise comparison (AHP)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.apps.organisations.access import requires_role
from koers.apps.organisations.models import Role
from koers.apps.portfolio import framework as frameworks
from koers.apps.portfolio.forms import CriterionForm, FrameworkCreateForm, PairwiseForm
from koers.apps.portfolio.models import CriteriaFramework, Criterion
from koers.web.numbers import format_number, parse_number


@requires_role(Role.MANAGER)
def framework_list(request, organisation):
    form = FrameworkCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["name"].strip()
        created = CriteriaFramework.objects.create(organisation=organisation, name=name,
                                                   version=frameworks.next_version(organisation, name),
                                                   created_by=request.user)
        return redirect("portfolio:framework", slug=organisation.slug, framework_id=created.pk)
    return render(request, "portfolio/framework_list.html", {
        "organisation": organisation, "form": form,
        "frameworks": CriteriaFramework.objects.filter(organisation=organisation)},
        status=400 if request.method == "POST" else 200)


@requires_role(Role.MANAGER)
def framework_detail(request, organisation, framework_id):
    framework = get_object_or_404(CriteriaFramework, pk=framework_id, organisation=organisation)
    criteria = list(framework.criteria.all())
    form = CriterionForm()
    pairwise = PairwiseForm(criteria=criteria, matrix=framework.pairwise)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            frameworks.editable(framework)
            if action == "add":
                form = CriterionForm(request.POST, instance=Criterion(framework=framework))
                if form.is_valid():
                    form.save()
                    messages.success(request, _("Het criterium is toegevoegd."))
                    return redirect(request.path)
                status = 400
            elif action == "delete":
                get_object_or_404(Criterion, pk=request.POST.get("criterion") or 0, framework=framework).delete()
                return redirect(request.path)
            elif action == "weights":
                weights = {c.pk: parse_number(request.POST.get(f"weight_{c.pk}") or "0") for c in criteria}
                if any(w < 0 for w in weights.values()):
                    raise frameworks.FrameworkError(_("Gewichten mogen niet negatief zijn."))
                frameworks.set_weights(framework, weights)
                messages.success(request, _("De gewichten zijn opgeslagen."))
                return redirect(request.path)
            elif action == "pairwise":
                pairwise = PairwiseForm(request.POST, criteria=criteria, matrix=framework.pairwise)
                if not pairwise.is_valid():
                    raise frameworks.FrameworkError(_("Kies bij elke vergelijking een van de oordelen."))
                _pairwise_message(request, frameworks.set_pairwise(framework, pairwise.matrix()))
                return redirect(request.path)
        except (ValidationError, ValueError) as exc:  # FrameworkError and parse_number's ValueError: Dutch
            messages.error(request, exc.messages[0] if isinstance(exc, ValidationError) else str(exc))
            status = 400
    return render(request, "portfolio/framework_detail.html", {
        "organisation": organisation, "framework": framework, "criteria": criteria, "form": form,
        "pairwise": pairwise, "consistency_ratio": framework.consistency_ratio, "cr_limit": frameworks.CR_LIMIT,
        "inconsistent": (framework.consistency_ratio or 0) > frameworks.CR_LIMIT,
        "inconsistency": frameworks.inconsistency(framework, criteria),
    }, status=status)


def _pairwise_message(request, result: frameworks.AhpResult) -> None:
    """Success only when the judgements are consistent enough; otherwise a warning, never 'Gelukt'."""
    if result.consistent:
        messages.success(request, _("De gewichten zijn afgeleid uit de paarsgewijze vergelijking."))
    else:
        messages.warning(request, _(
            "De gewichten zijn afgeleid, maar de oordelen spreken elkaar tegen (consistentieratio %(cr)s, "
            "grens %(limit)s). Bekijk de vergelijkingen die hieronder worden genoemd.") % {
            "cr": format_number(round(result.consistency_ratio, 2)), "limit": format_number(frameworks.CR_LIMIT)})


@requires_role(Role.MANAGER)
@require_POST
def framework_publish(request, organisation, framework_id):
    framework = get_object_or_404(CriteriaFramework, pk=framework_id, organisation=organisation)
    try:
        frameworks.publish(framework, request.user)
        messages.success(request, _("Versie %(v)d is vastgesteld.") % {"v": framework.version})
    except (frameworks.FrameworkError, ValidationError) as exc:
        messages.error(request, exc.messages[0] if isinstance(exc, ValidationError) else str(exc))
    return redirect("portfolio:framework", slug=organisation.slug, framework_id=framework.pk)


@requires_role(Role.MANAGER)
@require_POST
def framework_new_version(request, organisation, framework_id):
    framework = get_object_or_404(CriteriaFramework, pk=framework_id, organisation=organisation)
    copy = frameworks.new_version(framework, request.user)
    messages.success(request, _("Versie %(v)d is aangemaakt als concept.") % {"v": copy.version})
    return redirect("portfolio:framework", slug=organisation.slug, framework_id=copy.pk)
