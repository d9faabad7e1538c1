"""Readiness rounds with chosen answers, for the readiness tests."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from koers.apps.readiness import questionnaires, rounds
from koers.apps.readiness.models import Item


def answer_all(token: str, questionnaire, levels: dict[str, int], default: int = 3):
    """Submit a response through ``token``: ``levels`` maps a dimension code to the level of its items."""
    given = [rounds.Given(item.pk, levels.get(item.dimension.code, default))
             for item in Item.objects.filter(dimension__questionnaire=questionnaire).select_related("dimension")]
    return rounds.submit(token, given)


def make_round(organisation, name="Ronde 1", answers=(), closed=True, days_ago=0, extra_links=0):
    """A round of the shipped questionnaire with one response per entry of ``answers`` (dicts as in
    :func:`answer_all`); closed ``days_ago`` days ago when ``closed``."""
    questionnaire = questionnaires.default()
    round_ = rounds.open_round(organisation, questionnaire, name)
    round_.opened_at = timezone.now() - timedelta(days=days_ago + 30)
    round_.save()
    tokens = rounds.create_invitations(round_, len(answers) + extra_links)
    for token, levels in zip(tokens, answers):
        answer_all(token, questionnaire, levels)
    if closed:
        round_.closed_at = timezone.now() - timedelta(days=days_ago)
        round_.save()
    round_.tokens = tokens[len(answers):]
    return round_
