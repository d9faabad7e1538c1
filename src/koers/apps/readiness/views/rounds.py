"""The scan's overview (rounds, questionnaires, opening a round), a round with its results and links."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from koers.apps.organisations.access import can, requires_role
from koers.apps.organisations.models import Role
from koers.apps.readiness import display, questionnaires, results, rounds
from koers.apps.readiness.forms import LinksForm, RoundForm
from koers.apps.readiness.models import Invitation, Round


def round_of(organisation, round_id) -> Round:
    return get_object_or_404(Round.objects.select_related("questionnaire"), pk=round_id, organisation=organisation)


def _overview(request, organisation, form=None, status=200):
    if form is None and can(request, Role.MANAGER):
        form = RoundForm(questionnaires=questionnaires.available(organisation))
    all_rounds = Round.objects.filter(organisation=organisation).select_related("questionnaire")
    return render(request, "readiness/overview.html", {
        "organisation": organisation, "form": form,
        "rounds": [(r, results.respondents(r)) for r in all_rounds],
        "questionnaires": questionnaires.of(organisation),
    }, status=status)


@requires_role(Role.VIEWER)
def overview(request, organisation):
    return _overview(request, organisation)


@requires_role(Role.MANAGER)
@require_POST
def round_create(request, organisation):
    form = RoundForm(request.POST, questionnaires=questionnaires.available(organisation))
    if form.is_valid():
        data = form.cleaned_data
        try:
            round_ = rounds.open_round(organisation, data["questionnaire"], data["name"], data["min_respondents"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De ronde ‘%(name)s’ is geopend; maak nu de links voor de "
                                        "respondenten.") % {"name": round_})
            return redirect("readiness:round", slug=organisation.slug, round_id=round_.pk)
    return _overview(request, organisation, form, status=400)


@requires_role(Role.VIEWER)
def round_detail(request, organisation, round_id):
    round_ = round_of(organisation, round_id)
    summary = results.summarise(round_)
    count = results.respondents(round_)
    context = {"organisation": organisation, "round": round_, "summary": summary, "respondents": count,
               "missing": max(round_.min_respondents - count, 0), "is_open": round_.is_open()}
    if summary:
        peers = results.peers(organisation)
        context.update(chart=results.radar_chart(summary), peers=peers,
                       rows=display.rows(organisation, summary, peers), evidence=results.evidence(round_))
    if can(request, Role.MANAGER):
        context.update(invitations=round_.invitations.order_by("created_at", "id"), links_form=LinksForm())
    return render(request, "readiness/round.html", context)


@requires_role(Role.MANAGER)
@require_POST
def invitations_create(request, organisation, round_id):
    round_ = round_of(organisation, round_id)
    form = LinksForm(request.POST)
    tokens, error = [], ""
    if form.is_valid():
        try:
            tokens = rounds.create_invitations(round_, form.cleaned_data["count"])
        except ValidationError as problem:
            error = " ".join(problem.messages)
    else:
        error = " ".join(e for errors in form.errors.values() for e in errors)
    if error:
        messages.error(request, error)
        return redirect("readiness:round", slug=organisation.slug, round_id=round_.pk)
    links = [request.build_absolute_uri(reverse("respond", kwargs={"token": token})) for token in tokens]
    messages.success(request, ngettext("Er is %(n)s link gemaakt.", "Er zijn %(n)s links gemaakt.", len(links))
                     % {"n": len(links)})
    return render(request, "readiness/links.html", {"organisation": organisation, "round": round_,
                                                    "links": links, "text": "\n".join(links) + "\n"})


@requires_role(Role.MANAGER)
@require_POST
def invitation_revoke(request, organisation, round_id, invitation_id):
    round_ = round_of(organisation, round_id)
    rounds.revoke(get_object_or_404(Invitation, pk=invitation_id, round=round_))
    messages.success(request, _("De link is ingetrokken."))
    return redirect(reverse("readiness:round", kwargs={"slug": organisation.slug, "round_id": round_.pk})
                    + "#links")


@requires_role(Role.MANAGER)
@require_POST
def round_close(request, organisation, round_id):
    round_ = round_of(organisation, round_id)
    rounds.close_round(round_)
    messages.success(request, _("De ronde ‘%(name)s’ is gesloten.") % {"name": round_})
    return redirect("readiness:round", slug=organisation.slug, round_id=round_.pk)
