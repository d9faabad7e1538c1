"""Results of a round per dimension: median, quartiles, range, disagreement, the change since the
previous round and the range of peers.

A respondent's score on a dimension is the mean of the levels they gave its items; the figures of a
dimension are taken over those scores. **Disagreement** (a finding, not noise): the interquartile range
is at least 2 levels or the lowest and highest score lie at least 3 levels apart. Results exist only
from the round's ``min_respondents`` on; a round counts as closed once its ``closed_at`` has passed.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.apps.organisations.models import Organisation
from koers.apps.readiness.models import MAX_LEVEL, Answer, Level, Round
from koers.web import charts
from koers.web.templatetags.koers_text import translated

DISAGREEMENT_IQR = 2.0
DISAGREEMENT_RANGE = 3.0


@dataclass(frozen=True)
class DimensionSummary:
    code: str
    name: str
    median: float
    q1: float
    q3: float
    low: float
    high: float
    disagreement: bool
    change: float | None  # median minus the previous round's; None without a comparable previous round
    answers: int = 0
    previous: float | None = None  # the previous round's median


@dataclass(frozen=True)
class RoundSummary:
    round_id: int
    round_name: str
    closed: date | None
    respondents: int
    dimensions: tuple[DimensionSummary, ...]
    scale_max: int = MAX_LEVEL
    previous_name: str | None = None


def disagreement(q1: float, q3: float, low: float, high: float) -> bool:
    return q3 - q1 >= DISAGREEMENT_IQR or high - low >= DISAGREEMENT_RANGE


def _quartiles(scores: list[float]) -> tuple[float, float]:
    if len(scores) < 2:
        return scores[0], scores[0]
    q1, _q2, q3 = statistics.quantiles(scores, n=4, method="inclusive")
    return q1, q3


def respondents(round_: Round) -> int:
    return round_.responses.count()


def _scores(round_: Round) -> dict[int, tuple[list[float], int]]:
    """Per dimension id: each respondent's mean level, and the number of answers."""
    levels = defaultdict(lambda: defaultdict(list))  # dimension -> response -> levels
    for dimension_id, response_id, level in (Answer.objects.filter(response__round=round_)
                                             .values_list("item__dimension_id", "response_id", "level")):
        levels[dimension_id][response_id].append(level)
    return {dimension: ([statistics.fmean(v) for v in by_response.values()],
                        sum(len(v) for v in by_response.values()))
            for dimension, by_response in levels.items()}


def _scale_max(round_: Round) -> int:
    return Level.objects.filter(item__dimension__questionnaire=round_.questionnaire_id).aggregate(
        m=Max("value"))["m"] or MAX_LEVEL


def medians(round_: Round) -> dict[str, float]:
    """Dimension code -> median score (used for the previous round and for peers)."""
    scores = _scores(round_)
    return {d.code: statistics.median(scores[d.pk][0]) for d in round_.questionnaire.dimensions.all()
            if d.pk in scores}


def closed_rounds(organisation, until=None):
    """Closed rounds with enough respondents, newest first."""
    until = until or timezone.now()
    # One query however many rounds there are: the responses are counted in it.
    return list(Round.objects.filter(organisation=organisation, closed_at__lte=until)
                .annotate(responded=Count("responses")).filter(responded__gte=F("min_respondents"))
                .select_related("questionnaire").order_by("-closed_at", "-id"))


def previous_round(round_: Round) -> Round | None:
    """The organisation's last closed round with results before this one started."""
    earlier = [r for r in closed_rounds(round_.organisation, until=round_.opened_at) if r.pk != round_.pk]
    return earlier[0] if earlier else None


def summarise(round_: Round) -> RoundSummary | None:
    """The figures of ``round_``; None below its minimum number of respondents."""
    count = respondents(round_)
    if count < round_.min_respondents:
        return None
    previous = previous_round(round_)
    before = medians(previous) if previous else {}
    scores = _scores(round_)
    rows = []
    for dimension in round_.questionnaire.dimensions.all():
        values, answers = scores.get(dimension.pk, ([], 0))
        if not values:
            continue
        median = statistics.median(values)
        q1, q3 = _quartiles(sorted(values))
        low, high = min(values), max(values)
        prior = before.get(dimension.code)
        rows.append(DimensionSummary(dimension.code, dimension.name, median, q1, q3, low, high,
                                     disagreement(q1, q3, low, high),
                                     None if prior is None else median - prior, answers, prior))
    closed = timezone.localdate(round_.closed_at) if round_.closed_at else None
    return RoundSummary(round_.pk, round_.name, closed, count, tuple(rows), _scale_max(round_),
                        previous.name if previous else None)


def latest_summary(organisation, until=None) -> RoundSummary | None:
    """The summary of the organisation's latest closed round with enough respondents (closed on or
    before ``until``, a datetime or date; default now), or None."""
    if isinstance(until, date) and not hasattr(until, "hour"):
        until = timezone.make_aware(timezone.datetime.combine(until, timezone.datetime.max.time()))
    rounds = closed_rounds(organisation, until)
    return summarise(rounds[0]) if rounds else None


@dataclass(frozen=True)
class PeerRange:
    peers: int  # organisations of the same size class with a closed round
    shown: bool  # only from settings.KOERS_MIN_PEERS on
    ranges: dict  # dimension code -> (lowest, highest) of their medians


def peers(organisation) -> PeerRange:
    """The range of the dimension medians of other organisations of the same size class, each with its
    latest closed round; never named, and only from ``KOERS_MIN_PEERS`` organisations on."""
    my_class = organisation.size_class
    found = []
    if my_class is not None:
        others = Organisation.objects.exclude(pk=organisation.pk).exclude(population=None)
        for other in others:
            if other.size_class == my_class:
                rounds = closed_rounds(other)
                if rounds:
                    found.append(medians(rounds[0]))
    shown = len(found) >= settings.KOERS_MIN_PEERS
    ranges = {}
    if shown:
        by_code = defaultdict(list)
        for row in found:
            for code, value in row.items():
                by_code[code].append(value)
        ranges = {code: (min(v), max(v)) for code, v in by_code.items() if len(v) >= settings.KOERS_MIN_PEERS}
    return PeerRange(len(found), shown, ranges)


def radar_chart(summary: RoundSummary) -> charts.Chart:
    """The radar of a summary: per dimension the median, the interquartile range and the range, and the
    previous round's median where there is one; the data as a table beside it."""
    axes = [charts.RadarAxis(translated(d.name), d.median, d.q1, d.q3, d.low, d.high, d.previous)
            for d in summary.dimensions]
    return charts.radar(
        axes, title=_("Zelfscan ‘%(round)s’ per dimensie") % {"round": summary.round_name},
        description=_("Per dimensie de mediaan van %(n)s respondenten (doorgetrokken lijn), de middelste helft van "
                      "de antwoorden (dikke streep) en het laagste tot hoogste antwoord (dunne streep), op een schaal "
                      "van 1 tot %(max)s.") % {"n": summary.respondents, "max": summary.scale_max},
        scale_max=summary.scale_max, previous_label=summary.previous_name or "")


@dataclass(frozen=True)
class Evidence:
    dimension: str
    item: str
    level: int
    confidence: str
    text: str
    link: str


def evidence(round_: Round) -> list[Evidence]:
    """Every answer of the round that gives evidence, by dimension and item; in that order only, so the
    list does not show which answers came from the same respondent."""
    answers = (Answer.objects.filter(response__round=round_).exclude(evidence="", evidence_link="")
               .select_related("item__dimension")
               .order_by("item__dimension__order", "item__order", "level", "evidence", "evidence_link"))
    return [Evidence(a.item.dimension.name, a.item.text, a.level, a.get_confidence_display(), a.evidence,
                     a.evidence_link) for a in answers]
