"""Start page, members and invitations, accepting an invitation, and the user's own API keys."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from koers.apps.organisations import invitations, tokens
from koers.apps.organisations.access import requires_role
from koers.apps.organisations.forms import ApiTokenForm, ChangeRoleForm, InviteForm
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
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitations.invite(organisation, form.cleaned_data["email"], form.cleaned_data["role"],
                                            request.user, accept_link(request))
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("De uitnodiging is verstuurd naar %(email)s. Zodra de ontvanger haar "
                                        "accepteert, staat hij of zij in de lijst van leden.")
                             % {"email": invitation.email})
            return redirect("organisations:members", slug=organisation.slug)
    rows = organisation.memberships.select_related("user").order_by("user__username")
    return render(request, "organisations/members.html", {
        "organisation": organisation, "form": form, "rows": rows, "roles": Role.choices,
        "invitations": invitations.pending(organisation), "now": timezone.now(),
        "valid_days": invitations.VALID_DAYS,
    })


def accept_link(request):
    """``token -> absolute URL`` of the acceptance page, for the invitation mail."""
    return lambda token: request.build_absolute_uri(reverse("accept_invitation", kwargs={"token": token}))


@requires_role(Role.ADMIN)
@require_POST
def withdraw_invitation(request, organisation, invitation_id):
    invitation = get_object_or_404(invitations.pending(organisation), pk=invitation_id)
    invitations.withdraw(invitation)
    messages.success(request, _("De uitnodiging voor %(email)s is ingetrokken.") % {"email": invitation.email})
    return redirect("organisations:members", slug=organisation.slug)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    """The link in the invitation mail: shows the offer, and makes the membership on POST."""
    try:
        invitation = invitations.invitation_for(token)
        if request.method == "POST":
            membership = invitations.accept(token, request.user)
            messages.success(request, _("U bent nu lid van %(organisation)s.")
                             % {"organisation": membership.organisation.name})
            return redirect("agenda:dashboard", slug=membership.organisation.slug)
    except invitations.InvitationRefused as refused:
        return render(request, "organisations/invitation.html", {"refused": refused.message},
                      status=refused.status)
    return render(request, "organisations/invitation.html", {"invitation": invitation})


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
    """The user's own API keys: make one (its key is shown in this answer only), list, revoke."""
    form = ApiTokenForm(request.POST if request.POST.get("action") == "create" else None)
    new_key = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "revoke":
            return _revoke_token(request)
        if action != "create":
            messages.error(request, _("Kies ‘API-sleutel maken’ of ‘Intrekken’ bij een sleutel."))
            return redirect("api_token")
        if form.is_valid():
            try:
                _token, new_key = tokens.create(request.user, form.cleaned_data["name"], form.cleaned_data["days"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                form = ApiTokenForm()
    rows = [(token, tokens.is_active(token)) for token in request.user.api_tokens.all()]
    return render(request, "organisations/api_token.html", {"form": form, "rows": rows, "new_key": new_key})


def _revoke_token(request):
    # Someone else's key is not found: 404, as if it did not exist.
    token_id = request.POST.get("token", "")
    token = get_object_or_404(request.user.api_tokens, pk=int(token_id) if token_id.isdigit() else 0)
    tokens.revoke(token)
    messages.success(request, _("De API-sleutel ‘%(name)s’ is ingetrokken; hij werkt niet meer.") % {"name": token.name})
    return redirect("api_token")
