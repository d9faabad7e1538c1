"""Decisions of the portfolio board and the public, login-free page with what was published (Woo)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.apps.organisations.access import requires_role
from koers.apps.organisations.models import Organisation, Role
from koers.apps.portfolio import decisions
from koers.apps.portfolio.forms import DecisionForm
from koers.apps.portfolio.models import Decision
from koers.apps.portfolio.views.common import latest_run


@requires_role(Role.VIEWER)
def decision_list(request, organisation):
    return render(request, "portfolio/decision_list.html", {
        "organisation": organisation,
        "decisions": Decision.objects.filter(organisation=organisation).select_related("run", "decided_by"),
        "form": DecisionForm(organisation=organisation, initial={"run": latest_run(organisation)}),
        "public_url": reverse("portfolio_public:decisions", kwargs={"slug": organisation.slug}),
    })


@requires_role(Role.MANAGER)
@require_POST
def decide(request, organisation):
    form = DecisionForm(request.POST, organisation=organisation)
    if form.is_valid():
        decisions.decide(organisation, title=form.cleaned_data["title"], reasoning=form.cleaned_data["reasoning"],
                         run=form.cleaned_data["run"], user=request.user)
        messages.success(request, _("Het besluit is vastgelegd."))
        return redirect("portfolio:decisions", slug=organisation.slug)
    return render(request, "portfolio/decision_list.html", {
        "organisation": organisation, "form": form,
        "decisions": Decision.objects.filter(organisation=organisation),
        "public_url": reverse("portfolio_public:decisions", kwargs={"slug": organisation.slug}),
    }, status=400)


@requires_role(Role.MANAGER)
@require_POST
def decision_publish(request, organisation, decision_id):
    decision = get_object_or_404(Decision, pk=decision_id, organisation=organisation)
    if request.POST.get("action") == "withdraw":
        decisions.withdraw(decision, request.user)
        messages.success(request, _("Het besluit staat niet meer op de openbare pagina."))
    else:
        decisions.publish(decision, request.user)
        messages.success(request, _("Het besluit staat op de openbare pagina."))
    return redirect("portfolio:decisions", slug=organisation.slug)


def public_decisions(request, slug):
    """Login-free: only decisions a manager published, with what was frozen at publication."""
    organisation = get_object_or_404(Organisation, slug=slug)
    published = Decision.objects.filter(organisation=organisation, published=True).order_by("-published_at")
    if not published.exists():
        raise Http404("niets gepubliceerd")
    return render(request, "portfolio/public.html", {"public_organisation": organisation, "decisions": published})
