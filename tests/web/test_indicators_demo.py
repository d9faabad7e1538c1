"""The demo's effect steering: a goal tree under the portfolio's goals and ten indicators whose statuses
come out as planned on any date (seven on track, one "let op", one off track, one with too few
measurements), linked to the demo initiatives; idempotent."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command
from django.http import HttpRequest

from koers.apps.audit.models import AuditEntry
from koers.apps.indicators import assessing, demo
from koers.apps.indicators.models import Indicator, Measurement, Target
from koers.apps.portfolio.models import Goal

EXPECTED = {
    "Voltooiing van online formulieren": "let_op",
    "Doorlooptijd van een veelgevraagde vergunning": "uit_koers",
    "Toegankelijkheid van de websites": "onvoldoende_gegevens",
}


def _statuses(organisation, today):
    return {state.indicator.name: state.status
            for state in assessing.statuses(Indicator.objects.filter(organisation=organisation), today)}


@pytest.mark.parametrize("today", [dt.date(2026, 12, 3), dt.date(2027, 2, 28), dt.date(2025, 7, 31)])
def test_the_demo_indicators_have_the_planned_statuses_on_any_date(own, today):
    demo.seed(own, today=today)
    statuses = _statuses(own, today)
    assert len(statuses) == 10
    assert {name: statuses[name] for name in EXPECTED} == EXPECTED
    assert Counter(statuses.values()) == {"op_koers": 7, "let_op": 1, "uit_koers": 1, "onvoldoende_gegevens": 1}


def test_two_years_of_monthly_measurements_up_to_today_and_a_target_path(own):
    today = dt.date(2026, 12, 3)
    demo.seed(own, today=today)
    for indicator in Indicator.objects.filter(organisation=own):
        dates = sorted(indicator.measurements.filter(group="").values_list("date", flat=True))
        yearly = indicator.frequency == Indicator.Frequency.YEARLY
        assert len(dates) == (2 if yearly else 24), indicator
        assert dates[0] == dt.date(2025, 1, 1) and dates[-1] <= today
        assert [t.date for t in indicator.targets.all()] == [dt.date(2025, 1, 1), dt.date(2026, 1, 1),
                                                             dt.date(2028, 1, 1)]
        assert indicator.goals.exists() and indicator.owner
    shares = Indicator.objects.get(organisation=own, name="Digitaal aandeel van de contacten")
    assert set(shares.measurements.values_list("group", flat=True)) == {
        "", "18 tot 35 jaar", "35 tot 65 jaar", "65 jaar en ouder"}


def test_the_goal_tree_extends_the_portfolio_goals(own):
    demo.seed(own)
    roots = Goal.objects.filter(organisation=own, parent=None)
    assert sorted(roots.values_list("code", flat=True)) == ["D1", "D2", "D3", "D4", "D5"]
    assert Goal.objects.get(organisation=own, code="D1.2").parent.code == "D1"
    assert Goal.objects.filter(organisation=own, parent__code="D1").count() == 3


def test_seeding_twice_changes_nothing(own):
    demo.seed(own)
    first = [model.objects.count() for model in (Goal, Indicator, Target, Measurement, AuditEntry)]
    demo.seed(own)
    assert [model.objects.count() for model in (Goal, Indicator, Target, Measurement, AuditEntry)] == first


def test_the_demo_command_links_indicators_to_the_demo_initiatives(db, tmp_path, client):
    call_command("koers_demo", manifest=tmp_path / "geen.csv")
    indicator = Indicator.objects.get(name="Digitaal aandeel van de contacten")
    titles = set(indicator.initiatives.values_list("title", flat=True))
    assert "Digitaal klantcontactcentrum met omnichannel" in titles
    assert Goal.objects.filter(code="D1.1", parent__code="D1").exists()
    client.login(request=HttpRequest(), username="viewer", password="koers-demo")  # axes needs a request
    page = client.get(f"/organisaties/gemeente-voorbeeld/effecten/indicatoren/{indicator.pk}/").content.decode()
    assert "op koers" in page and "met 80\u00a0% zekerheid tussen" in page
