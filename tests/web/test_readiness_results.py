"""Readiness results: minimum respondents, median and spread, disagreement, previous round, peers, radar."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from koers.apps.organisations.models import Organisation
from koers.apps.readiness import results
from koers.apps.readiness.results import disagreement

from readiness_helpers import make_round

FIVE = [{"raad": level} for level in (1, 2, 2, 3, 5)]


def dimension(summary, code):
    return next(d for d in summary.dimensions if d.code == code)


def test_no_results_below_the_minimum_number_of_respondents(own):
    make_round(own, answers=FIVE[:4])
    assert results.latest_summary(own) is None


def test_median_quartiles_range_and_answers_per_dimension(own):
    make_round(own, answers=FIVE)
    summary = results.latest_summary(own)
    raad = dimension(summary, "raad")
    assert (raad.median, raad.q1, raad.q3, raad.low, raad.high) == (2, 2, 3, 1, 5)
    assert raad.answers == 10  # two items, five respondents
    assert raad.disagreement  # 1 to 5 spans four levels
    assert not dimension(summary, "leiderschap").disagreement  # everyone said 3
    assert summary.respondents == 5 and summary.round_name == "Ronde 1"
    assert summary.closed == timezone.localdate()


@pytest.mark.parametrize(("q1", "q3", "low", "high", "expected"), [
    (2, 3, 2, 4, False), (2, 4, 2, 4, True), (2, 3, 1, 4, True), (2, 3, 1.5, 4, False)])
def test_disagreement_is_a_wide_middle_half_or_a_wide_range(q1, q3, low, high, expected):
    assert disagreement(q1, q3, low, high) is expected


def test_open_round_gives_no_summary_yet(own):
    make_round(own, answers=FIVE, closed=False)
    assert results.latest_summary(own) is None


def test_change_against_the_previous_round(own):
    make_round(own, "Voorjaar", answers=[{"sturing": 2}] * 5, days_ago=100)
    make_round(own, "Najaar", answers=[{"sturing": 4}] * 5)
    summary = results.latest_summary(own)
    assert summary.round_name == "Najaar" and summary.previous_name == "Voorjaar"
    assert dimension(summary, "sturing").change == 2
    assert dimension(summary, "leiderschap").change == 0


def test_until_picks_the_round_closed_by_then(own):
    make_round(own, "Voorjaar", answers=[{"sturing": 2}] * 5, days_ago=100)
    make_round(own, "Najaar", answers=[{"sturing": 4}] * 5)
    earlier = results.latest_summary(own, until=timezone.localdate() - timedelta(days=50))
    assert earlier.round_name == "Voorjaar" and dimension(earlier, "sturing").change is None


def _peers(count, population=64_000):
    for i in range(count):
        other = Organisation.objects.create(name=f"Peer {i}", slug=f"peer-{i}", population=population)
        make_round(other, answers=[{"raad": 1 + i % 5}] * 5)


def test_peers_only_from_five_organisations_of_the_same_size_class(own):
    _peers(4)
    assert not results.peers(own).shown and results.peers(own).peers == 4
    Organisation.objects.create(name="Groot", slug="groot", population=200_000)
    make_round(Organisation.objects.get(slug="groot"), answers=[{"raad": 5}] * 5)
    assert results.peers(own).peers == 4  # another size class does not count
    other = Organisation.objects.create(name="Peer 5", slug="peer-5", population=60_000)
    make_round(other, answers=[{"raad": 5}] * 5)
    peers = results.peers(own)
    assert peers.shown and peers.peers == 5
    assert peers.ranges["raad"] == (1, 5)


def test_radar_chart_draws_the_range_and_lists_every_dimension(own):
    make_round(own, "Voorjaar", answers=[{"sturing": 2}] * 5, days_ago=100)
    make_round(own, "Najaar", answers=FIVE)
    chart = results.radar_chart(results.latest_summary(own))
    assert chart.svg.startswith("<svg") and 'role="img"' in chart.svg
    assert len(chart.rows) == 11
    raad = next(row for row in chart.rows if row[0] == "Aandacht van de raad")
    assert raad[1:] == ("2", "2–3", "1–5", "3")
    assert chart.headers[-1] == "Voorjaar"
    assert "Laagste tot hoogste" in chart.svg and "Mediaan" in chart.svg  # the legend


def test_finding_the_closed_rounds_takes_one_query_however_many_there_are(own, django_assert_num_queries):
    for days in (300, 200, 100):
        make_round(own, f"Ronde {days}", answers=[{}] * 5, days_ago=days)
    make_round(own, "Te weinig", answers=[{}] * 2, days_ago=50)  # below its minimum: no results
    with django_assert_num_queries(1):
        found = results.closed_rounds(own)
    assert [r.name for r in found] == ["Ronde 100", "Ronde 200", "Ronde 300"]
