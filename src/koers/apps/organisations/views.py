"""Start page, member management and the user's own API key."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from rest_framework.authtoken.models import Token

from koers.apps.organisations.access import requires_role
from koers.apps.organisations.forms import AddMemberForm, ChangeRoleForm
from koers.apps.organisations.models import Membership, Role


@login_required
def home(request):
    memberships = (Membership.objects.for_user(request.user).select_related("organisation")
                   .order_by("organisation__name"))
    if len(memberships) == 1:
        return redirect("agenda:dashboard", slug=memberships[0].organisation.slug)
    return render(request, "organisations/home.html", {"memberships": memberships})


@requires_role(Role.ADMIN)
def members(request, organisation):
    form = AddMemberForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        user = form.cleaned_data["user"]
        Membership.objects.create(user=user, organisation=organisation, role=form.cleaned_data["role"])
        messages.success(request, _("%(user)s is toegevoegd.") % {"user": user.get_username()})
        return redirect("organisations:members", slug=organisation.slug)
    rows = organisation.memberships.select_related("user").order_by("user__username")
    return render(request, "organisations/members.html", {
        "organisation": organisation, "form": form, "rows": rows, "roles": Role.choices,
    })


@requires_role(Role.ADMIN)
@require_POST
def change_role(request, organisation, member_id):
    membership = get_object_or_404(Membership, pk=member_id, organisation=organisation)
    form = ChangeRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een geldige rol."))
    elif _would_leave_no_admin(membership, form.cleaned_data["role"]):
        messages.error(request, _("De laatste organisatiebeheerder kan geen andere rol krijgen."))
    else:
        membership.role = form.cleaned_data["role"]
        membership.save()
        messages.success(request, _("De rol van %(user)s is gewijzigd.") % {"user": membership.user.get_username()})
    return redirect("organisations:members", slug=organisation.slug)


@requires_role(Role.ADMIN)
@require_POST
def remove_member(request, organisation, member_id):
    membership = get_object_or_404(Membership, pk=member_id, organisation=organisation)
    with transaction.atomic():
        if _would_leave_no_admin(membership, None):
            messages.error(request, _("De laatste organisatiebeheerder kan niet worden verwijderd."))
        else:
            membership.delete()
            messages.success(request, _("%(user)s is verwijderd.") % {"user": membership.user.get_username()})
    return redirect("organisations:members", slug=organisation.slug)


def _would_leave_no_admin(membership: Membership, new_role: str | None) -> bool:
    if membership.role != Role.ADMIN or new_role == Role.ADMIN:
        return False
    others = membership.organisation.memberships.filter(role=Role.ADMIN).exclude(pk=membership.pk)
    return not others.exists()


@login_required
@never_cache  # the page right after creation shows the key
@require_http_methods(["GET", "POST"])
def api_token(request):
    """The user's own API key (DRF's one token per user): create or replace, revoke.

    The key is shown only in the answer to the POST that created it, never again.
    """
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "revoke":
        deleted, _details = Token.objects.filter(user=request.user).delete()
        messages.success(request, _("Uw API-sleutel is ingetrokken; hij werkt niet meer.") if deleted
                         else _("U had geen API-sleutel."))
        return redirect("api_token")
    new_key = None
    if action == "create":
        with transaction.atomic():
            Token.objects.filter(user=request.user).delete()
            new_key = Token.objects.create(user=request.user).key
    elif request.method == "POST":
        messages.error(request, _("Kies ‘API-sleutel maken’ of ‘API-sleutel intrekken’."))
        return redirect("api_token")
    token = Token.objects.filter(user=request.user).first()
    return render(request, "organisations/api_token.html", {"token": token, "new_key": new_key})
