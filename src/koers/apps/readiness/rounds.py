"""The one service for rounds, invitation links and anonymous responses (pages, API and demo).

A link's token is random (``secrets``) and only its SHA-256 is stored, so the database cannot give
links away; the manager sees the links once, when they are made. A response is stored without any
reference to the link it came through (see ``models``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.apps.organisations.keys import digest, new_secret
from koers.apps.readiness.models import Answer, Invitation, Item, Questionnaire, Response, Round

MAX_LINKS = 500  # per request


token_hash = digest  # the same SHA-256 as the organisation's invitation links and API keys


def open_round(organisation, questionnaire: Questionnaire, name: str, min_respondents: int = 5) -> Round:
    if questionnaire.state != Questionnaire.State.PUBLISHED or questionnaire.organisation_id not in (
            None, organisation.pk):
        raise ValidationError(_("Kies een gepubliceerde vragenlijst."))
    round_ = Round(organisation=organisation, questionnaire=questionnaire, name=name.strip(),
                   min_respondents=min_respondents)
    round_.full_clean()
    round_.save()
    return round_


def close_round(round_: Round) -> None:
    if round_.closed_at is None or round_.closed_at > timezone.now():
        round_.closed_at = timezone.now()
        round_.save(update_fields=["closed_at"])


def create_invitations(round_: Round, count: int) -> list[str]:
    """``count`` new links; returns their tokens, which are not stored and cannot be shown again."""
    if not round_.is_open():
        raise ValidationError(_("Deze ronde is gesloten; er kunnen geen uitnodigingen meer bij."))
    if not 1 <= count <= MAX_LINKS:
        raise ValidationError(_("Maak tussen 1 en %(max)s uitnodigingen tegelijk.") % {"max": MAX_LINKS})
    tokens = [new_secret() for _i in range(count)]
    with transaction.atomic():
        for token in tokens:
            Invitation.objects.create(round=round_, token_hash=token_hash(token))
    return tokens


def revoke(invitation: Invitation) -> None:
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


class LinkRefused(Exception):
    """A link that cannot be used; ``status`` 404 (unknown) or 410 (used, revoked or round closed)."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.message, self.status = message, status


def invitation_for(token: str) -> Invitation:
    """The usable invitation of ``token``, or :class:`LinkRefused` with a message that never says whether
    an unknown token ever existed."""
    invitation = (Invitation.objects.select_related("round__organisation", "round__questionnaire")
                  .filter(token_hash=token_hash(token or "")).first())
    if invitation is None:
        raise LinkRefused(_("Deze link is niet geldig. Controleer of u de hele link hebt overgenomen."), 404)
    if invitation.used_on is not None or invitation.revoked_at is not None:
        raise LinkRefused(_("Deze link kan niet meer worden gebruikt: er is al mee geantwoord of hij is "
                            "ingetrokken."), 410)
    if not invitation.round.is_open():
        raise LinkRefused(_("Deze ronde van de zelfscan is gesloten; antwoorden is niet meer mogelijk."), 410)
    return invitation


@dataclass(frozen=True)
class Given:
    """One answer as a respondent gives it."""

    item_id: int
    level: int
    evidence: str = ""
    evidence_link: str = ""
    confidence: str = Answer.Confidence.MEDIUM


def submit(token: str, given: list[Given]) -> Response:
    """Store a response for the link ``token`` (every item answered) and mark the link used."""
    with transaction.atomic():
        invitation = invitation_for(token)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.used_on is not None:
            raise LinkRefused(_("Deze link kan niet meer worden gebruikt: er is al mee geantwoord of hij is "
                                "ingetrokken."), 410)
        round_ = invitation.round
        answers = _answers(round_, given)
        response = Response.objects.create(round=round_)
        for answer in answers:
            answer.response = response
        Answer.objects.bulk_create(answers)
        invitation.used_on = timezone.localdate()
        invitation.save(update_fields=["used_on"])
    return response


def _answers(round_: Round, given: list[Given]) -> list[Answer]:
    items = {item.pk: item for item in Item.objects.filter(dimension__questionnaire=round_.questionnaire_id)
             .prefetch_related("levels")}
    by_item = {g.item_id: g for g in given if g.item_id in items}
    missing = len(items) - len(by_item)
    if missing:
        raise ValidationError(ngettext("Er is nog %(n)s vraag niet beantwoord.",
                                       "Er zijn nog %(n)s vragen niet beantwoord.", missing) % {"n": missing})
    answers = []
    for item_id, g in by_item.items():
        if g.level not in {level.value for level in items[item_id].levels.all()}:
            raise ValidationError(_("Kies bij elke vraag een van de beschreven niveaus."))
        answer = Answer(item_id=item_id, level=g.level, evidence=g.evidence.strip(),
                        evidence_link=g.evidence_link.strip(), confidence=g.confidence)
        answer.full_clean(exclude=["response"])
        answers.append(answer)
    return answers
