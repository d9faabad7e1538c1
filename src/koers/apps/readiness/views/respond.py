"""The public respondent page: a valid link shows its round's questionnaire once, without an account."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from koers.apps.readiness import rounds
from koers.apps.readiness.forms import ResponseForm
from koers.apps.readiness.models import Item


def _refused(request, refused: rounds.LinkRefused):
    return render(request, "readiness/link_refused.html", {"message": refused.message}, status=refused.status)


@never_cache
def respond(request, token):
    try:
        invitation = rounds.invitation_for(token)
    except rounds.LinkRefused as refused:
        return _refused(request, refused)
    round_ = invitation.round
    items = list(Item.objects.filter(dimension__questionnaire=round_.questionnaire_id)
                 .select_related("dimension").prefetch_related("levels")
                 .order_by("dimension__order", "order", "id"))
    form = ResponseForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        given = [rounds.Given(item.pk, data[f"level_{item.pk}"], data[f"evidence_{item.pk}"],
                              data[f"link_{item.pk}"], data[f"confidence_{item.pk}"]) for item in items]
        try:
            rounds.submit(token, given)
        except rounds.LinkRefused as refused:
            return _refused(request, refused)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(request, "readiness/thanks.html", {"round": round_})
    return render(request, "readiness/respond.html", {
        "round": round_, "form": form, "organisation_name": round_.organisation.name,
        "title": _("Zelfscan digitale transformatie"),
    }, status=400 if form.errors else 200)
