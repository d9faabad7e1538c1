"""Demo readiness rounds for Gemeente Voorbeeld: a baseline half a year ago and a repeat last month,
seven respondents each. The repeat is better on effects for residents and on collaboration, and its
respondents strongly disagree on fear of technology or job loss.

``seed(organisation)`` does nothing when the rounds are there already. Responses go through the same
links and service as real respondents (``rounds.submit``).
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from koers.apps.readiness import questionnaires, rounds
from koers.apps.readiness.models import Item, Response, Round

BASELINE, REPEAT = "Nulmeting", "Herhaling"
# per round: (days ago it closed, per respondent a level per dimension; others get ``base`` + a small offset)
OFFSETS = (0, 1, 0, -1, 0, 1, 0)  # per respondent: keeps every other dimension's spread modest
BASE = {"leiderschap": 3, "sturing": 2, "verantwoording": 3, "effecten": 2, "vaardigheden": 3,
        "experimenteren": 2, "verandering": 3, "samenwerking": 2, "raad": 2, "angst": 3, "verleden": 3}
ROUNDS = {
    BASELINE: (200, {}),
    REPEAT: (20, {"effecten": +2, "samenwerking": +1}),
}
DISAGREEMENT = ("angst", (1, 1, 2, 3, 4, 5, 5))  # in the repeat only; the median stays 3
EVIDENCE = {
    "effecten": "Sinds dit jaar meten we de doorlooptijd van vergunningen per kwartaal.",
    "samenwerking": "Het team Wonen werkt nu samen met Burgerzaken aan één aanvraagroute.",
    "angst": "In het personeelsoverleg ging het vooral over het verdwijnen van baliewerk.",
}


def _levels(name: str, respondent: int) -> dict[str, int]:
    _days, better = ROUNDS[name]
    levels = {code: max(1, min(5, base + better.get(code, 0) + OFFSETS[respondent])) for code, base in BASE.items()}
    if name == REPEAT:
        code, values = DISAGREEMENT
        levels[code] = values[respondent]
    return levels


def _round(organisation, questionnaire, name: str, items: list[Item]) -> None:
    days, _better = ROUNDS[name]
    closed = timezone.now() - timedelta(days=days)
    round_ = rounds.open_round(organisation, questionnaire, name)
    round_.opened_at = closed - timedelta(days=21)
    round_.save(update_fields=["opened_at"])
    tokens = rounds.create_invitations(round_, len(OFFSETS) + 1)  # one link stays unused
    for respondent, token in enumerate(tokens[:len(OFFSETS)]):
        levels = _levels(name, respondent)
        given = []
        for item in items:
            code = item.dimension.code
            note = EVIDENCE.get(code, "") if respondent == 0 and item.order == 0 and name == REPEAT else ""
            given.append(rounds.Given(item.pk, levels[code], note, confidence="high" if note else "medium"))
        rounds.submit(token, given)
    Response.objects.filter(round=round_).update(submitted_on=timezone.localdate(closed))
    round_.closed_at = closed
    round_.save(update_fields=["closed_at"])


@transaction.atomic
def seed(organisation) -> None:
    if Round.objects.filter(organisation=organisation, name__in=list(ROUNDS)).exists():
        return
    questionnaire = questionnaires.default()
    items = list(Item.objects.filter(dimension__questionnaire=questionnaire).select_related("dimension"))
    for name in ROUNDS:
        _round(organisation, questionnaire, name, items)
