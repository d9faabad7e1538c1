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
from koers.apps.portfolio.forms import DecisionForm, PublishForm
from koers.apps.portfolio.models import Decision
from koers.apps.portfolio.views.common import latest_run


def _list(request, organisation, form, status=200):
    return render(request, "portfolio/decision_list.html", {
        "organisation": organisation, "form": form, "publish_form": PublishForm(),
        "decisions": Decision.objects.filter(organisation=organisation).select_related(
            "run", "decided_by", "supersedes"),
        "public_url": reverse("portfolio_public:decisions", kwargs={"slug": organisation.slug}),
    }, status=status)


@requires_role(Role.VIEWER)
def decision_list(request, organisation):
    return _list(request, organisation, DecisionForm(organisation=organisation,
                                                     initial={"run": latest_run(organisation)}))


@requires_role(Role.MANAGER)
@require_POST
def decide(request, organisation):
    form = DecisionForm(request.POST, organisation=organisation)
    if form.is_valid():
        data = form.cleaned_data
        try:
            decisions.decide(organisation, title=data["title"], reasoning=data["reasoning"], run=data["run"],
                             user=request.user, meeting_date=data["meeting_date"], body=data["body"],
                             document_url=data["document_url"])
        except decisions.DecisionRefused as refused:
            for message in refused.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Het besluit is vastgelegd."))
            return redirect("portfolio:decisions", slug=organisation.slug)
    return _list(request, organisation, form, status=400)


@requires_role(Role.MANAGER)
@require_POST
def decision_publish(request, organisation, decision_id):
    decision = get_object_or_404(Decision, pk=decision_id, organisation=organisation)
    if request.POST.get("action") == "withdraw":
        decisions.withdraw(decision, request.user)
        messages.success(request, _("Het besluit staat niet meer op de openbare pagina."))
    elif PublishForm(request.POST).is_valid():
        decisions.publish(decision, request.user)
        messages.success(request, _("Het besluit staat op de openbare pagina."))
    else:
        messages.error(request, _("Het besluit ‘%(title)s’ is niet gepubliceerd: vink eerst aan dat het "
                                  "openbaar mag.") % {"title": decision.title})
    return redirect("portfolio:decisions", slug=organisation.slug)


def public_decisions(request, slug):
    """Login-free: only decisions a manager published, with what was frozen at publication."""
    organisation = get_object_or_404(Organisation, slug=slug)
    published = (Decision.objects.filter(organisation=organisation, published=True)
                 .select_related("supersedes").order_by("-published_at", "-id"))
    if not published.exists():
        raise Http404("niets gepubliceerd")
    return render(request, "portfolio/public.html", {"public_organisation": organisation, "decisions": published})
