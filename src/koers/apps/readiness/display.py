"""What the results page shows beside the figures: peers per dimension, advice for weak dimensions and
a link that proposes an initiative in the portfolio intake, prefilled."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from koers.apps.readiness import questionnaire_default as shipped
from koers.apps.readiness.results import DimensionSummary, PeerRange, RoundSummary
from koers.web.numbers import format_number
from koers.web.templatetags.koers_text import translated

WEAK_MEDIAN = 2  # a median at or below this level is weak; the lowest dimension always is


@dataclass(frozen=True)
class Row:
    dimension: DimensionSummary
    peer_range: tuple[float, float] | None
    advice: str  # empty for a dimension that is not weak
    propose_url: str


def weak(summary: RoundSummary) -> set[str]:
    if not summary.dimensions:
        return set()
    lowest = min(d.median for d in summary.dimensions)
    return {d.code for d in summary.dimensions if d.median <= WEAK_MEDIAN or d.median == lowest}


def advice(code: str) -> str:
    return _(shipped.ADVICE.get(code, shipped.GENERIC_ADVICE))


def propose_url(organisation, dimension: DimensionSummary, text: str) -> str:
    name = translated(dimension.name)
    query = {"title": _("Versterken: %(dimension)s") % {"dimension": name},
             "problem": _("De zelfscan geeft de dimensie ‘%(dimension)s’ een mediaan van %(median)s op "
                          "een schaal van 1 tot 5.") % {"dimension": name,
                                                       "median": format_number(dimension.median, None)}
             + " " + text}
    return reverse("portfolio:submit", kwargs={"slug": organisation.slug}) + "?" + urlencode(query)


def rows(organisation, summary: RoundSummary, peers: PeerRange) -> list[Row]:
    weak_codes = weak(summary)
    found = []
    for dimension in summary.dimensions:
        text = advice(dimension.code) if dimension.code in weak_codes else ""
        found.append(Row(dimension, peers.ranges.get(dimension.code),
                         text, propose_url(organisation, dimension, text) if text else ""))
    return found
