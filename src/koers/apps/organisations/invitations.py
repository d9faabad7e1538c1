"""The one service for invitations to an organisation (members page and API): invite, accept, withdraw.

An admin never looks users up: the answer to an invitation is the same whether or not the address
belongs to an account, here or in another organisation. Whoever accepts must be logged in with an
account that has the invited address; only then does a membership exist.
"""

from __future__ import annotations

import datetime
import logging
import smtplib

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.apps.organisations.keys import digest, new_secret
from koers.apps.organisations.models import Invitation, Membership, Role

VALID_DAYS = 14
log = logging.getLogger(__name__)


class InvitationRefused(Exception):
    """An invitation that cannot be accepted; ``status`` 404 (unknown), 403 (another account) or 410."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.message, self.status = message, status


def pending(organisation):
    return organisation.invitations.filter(accepted_at__isnull=True).select_related("invited_by")


def invite(organisation, email: str, role: str, invited_by, link_for) -> Invitation:
    """Store an invitation and mail its link (``link_for(token)`` makes the absolute URL).

    A pending invitation to the same address is replaced. When the mail cannot be sent, nothing is stored.
    """
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(_("Vul een geldig e-mailadres in, zoals naam@gemeente.nl.")) from None
    if role not in Role.values:
        raise ValidationError(_("Kies een geldige rol."))
    # Only the own organisation's members are compared: their addresses are on the members page already.
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(_("Iemand met dit e-mailadres is al lid van de organisatie."))
    token = new_secret()
    with transaction.atomic():
        pending(organisation).filter(email__iexact=email).delete()
        invitation = Invitation.objects.create(
            organisation=organisation, email=email, role=role, token_hash=digest(token), invited_by=invited_by,
            expires_at=timezone.now() + datetime.timedelta(days=VALID_DAYS))
        _send(invitation, link_for(token))
    return invitation


def _send(invitation: Invitation, link: str) -> None:
    context = {"invitation": invitation, "link": link, "organisation": invitation.organisation,
               "inviter": invitation.invited_by.get_username() if invitation.invited_by else "",
               "role": invitation.get_role_display(), "expires_at": timezone.localtime(invitation.expires_at)}
    subject = _("Uitnodiging voor %(organisation)s in Koers") % {"organisation": invitation.organisation.name}
    try:
        send_mail(subject, render_to_string("organisations/invitation_email.txt", context), None,
                  [invitation.email])
    except (smtplib.SMTPException, OSError):
        log.exception("invitation mail to organisation %s could not be sent", invitation.organisation_id)
        raise ValidationError(_("De uitnodiging kon niet worden verstuurd: de e-mailserver is niet bereikbaar. "
                                "Probeer het later opnieuw.")) from None


def invitation_for(token: str) -> Invitation:
    """The invitation of ``token`` if it can still be accepted, else :class:`InvitationRefused`."""
    invitation = (Invitation.objects.select_related("organisation")
                  .filter(token_hash=digest(token or "")).first())
    if invitation is None:
        raise InvitationRefused(_("Deze uitnodiging bestaat niet (meer). Misschien is ze ingetrokken of is de "
                                  "link niet helemaal overgenomen."), 404)
    if invitation.accepted_at is not None:
        raise InvitationRefused(_("Deze uitnodiging is al geaccepteerd."), 410)
    if invitation.expires_at <= timezone.now():
        raise InvitationRefused(_("Deze uitnodiging is verlopen. Vraag de organisatiebeheerder om een nieuwe."), 410)
    return invitation


def accept(token: str, user) -> Membership:
    """Make ``user`` a member with the invited role, if the invitation is theirs and still open."""
    with transaction.atomic():
        invitation = invitation_for(token)
        if (user.email or "").strip().casefold() != invitation.email.casefold():
            raise InvitationRefused(_("Deze uitnodiging is voor een ander e-mailadres dan dat van uw account. Log in "
                                      "met het account van het uitgenodigde adres."), 403)
        membership, _created = Membership.objects.get_or_create(
            user=user, organisation=invitation.organisation, defaults={"role": invitation.role})
        invitation.accepted_at, invitation.accepted_by = timezone.now(), user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def withdraw(invitation: Invitation) -> None:
    invitation.delete()
