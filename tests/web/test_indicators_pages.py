"""The effect-steering pages: goal tree, goal page, indicator status, targets with history, defaults."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from koers.apps.audit.models import AuditEntry
from koers.apps.indicators import defaults, measuring
from koers.apps.indicators.models import Indicator, Target
from koers.apps.portfolio.models import Goal

from indicator_helpers import make_effects


@pytest.fixture
def effects(own):
    return make_effects(own)


def url(name, organisation, **kwargs):
    return reverse(f"indicators:{name}", kwargs={"slug": organisation.slug, **kwargs})


def test_goal_tree_nests_sub_goals_under_their_parent(client_for, own, effects):
    page = client_for("viewer").get(url("goals", own)).content.decode()
    root, sub = page.index("eigen dienstverlening"), page.index("eigen digitaal loket")
    assert root < sub
    assert page.count('<ul class="koers-tree">') == 2  # the sub-goal sits in a nested list
    assert "Teamleider KCC" in page


def test_goal_page_lists_initiatives_with_status_and_indicators_with_status(client_for, own, effects):
    page = client_for("viewer").get(url("goal", own, goal_id=effects["sub"].pk)).content.decode()
    assert "eigen e-formulieren" in page and "Intake" in page
    assert "eigen digitaal aandeel" in page and "op koers" in page


def test_indicator_page_shows_status_forecast_interval_and_probability(client_for, own, effects):
    page = client_for("viewer").get(url("indicator", own, indicator_id=effects["indicator"].pk)).content.decode()
    assert "op koers" in page
    assert "met 80\u00a0% zekerheid tussen" in page
    assert "\u00a0%" in page  # the probability as a Dutch percentage
    assert "docs/effects.md" in page


def test_fewer_than_three_measurements_say_so_instead_of_guessing(client_for, own):
    indicator = make_effects(own, "weinig", measurements=2)["indicator"]
    page = client_for("viewer").get(url("indicator", own, indicator_id=indicator.pk)).content.decode()
    assert "onvoldoende gegevens" in page
    assert "minstens drie metingen" in page
    listing = client_for("viewer").get(url("list", own)).content.decode()
    assert "onvoldoende gegevens" in listing


def test_changing_a_target_keeps_the_old_one_as_history(client_for, own, effects):
    indicator = effects["indicator"]
    response = client_for("manager").post(url("targets", own, indicator_id=indicator.pk),
                                          {"date": "2026-12-01", "value": "85,5"})
    assert response.status_code == 302
    rows = list(Target.objects.filter(indicator=indicator, date=dt.date(2026, 12, 1)).order_by("created_at"))
    assert [(t.value, t.replaced_at is None) for t in rows] == [(80, False), (85.5, True)]
    page = client_for("viewer").get(url("indicator", own, indicator_id=indicator.pk)).content.decode()
    assert "vervangen op" in page and "85,5" in page


def test_removing_a_target_takes_it_out_of_the_path_but_not_out_of_history(client_for, own, effects):
    indicator = effects["indicator"]
    target = measuring.current_targets(indicator).last()
    client_for("manager").post(url("target_remove", own, indicator_id=indicator.pk, target_id=target.pk))
    target.refresh_from_db()
    assert target.replaced_at is not None
    assert list(measuring.current_targets(indicator).values_list("value", flat=True)) == [50]


def test_measurement_form_reads_a_dutch_decimal_and_records_who_entered_it(client_for, users, own, effects):
    indicator = effects["indicator"]
    response = client_for("contributor").post(url("measurement_add", own, indicator_id=indicator.pk),
                                              {"date": "2025-07-01", "value": "63,25", "group": "65+",
                                               "source": "KCC-telling"})
    assert response.status_code == 302
    stored = indicator.measurements.get(date=dt.date(2025, 7, 1), group="65+")
    assert (stored.value, stored.source, stored.entered_by) == (63.25, "KCC-telling", users["contributor"])


def test_bad_measurement_input_gives_a_dutch_message(client_for, own, effects):
    response = client_for("contributor").post(url("measurement_add", own, indicator_id=effects["indicator"].pk),
                                              {"date": "2025-07-01", "value": "veel"})
    assert response.status_code == 400
    assert "is geen getal" in response.content.decode()


def test_a_manager_adds_a_default_indicator_with_one_click(client_for, own):
    listing = client_for("manager").get(url("list", own)).content.decode()
    assert "Doorlooptijd van een veelgevraagde vergunning" in listing
    client_for("manager").post(url("add_default", own), {"key": "doorlooptijd-vergunning"})
    indicator = Indicator.objects.get(organisation=own, name="Doorlooptijd van een veelgevraagde vergunning")
    assert indicator.direction == Indicator.Direction.LOWER
    assert "Doorlooptijd van een veelgevraagde vergunning" not in [str(d.name) for d in defaults.missing(own)]
    assert len(defaults.DEFINITIONS) == 9


def test_unknown_default_is_not_found(client_for, own):
    assert client_for("manager").post(url("add_default", own), {"key": "bestaat-niet"}).status_code == 404


def test_indicator_form_creates_an_indicator_linked_to_goals(client_for, own, effects):
    response = client_for("manager").post(url("create", own), {
        "name": "Wachttijd telefoon", "direction": "lower", "frequency": "monthly", "tolerance": "0,1",
        "goals": [effects["goal"].pk], "unit": "seconden"})
    assert response.status_code == 302
    indicator = Indicator.objects.get(organisation=own, name="Wachttijd telefoon")
    assert indicator.tolerance == 0.1 and list(indicator.goals.all()) == [effects["goal"]]


def test_initiative_page_shows_its_goals_and_the_indicators_it_should_move(client_for, own, effects):
    page = client_for("viewer").get(reverse("portfolio:initiative", kwargs={
        "slug": own.slug, "initiative_id": effects["initiative"].pk})).content.decode()
    section = page[page.index('id="effecten"'):]
    assert "eigen digitaal loket" in section and "eigen digitaal aandeel" in section and "op koers" in section


def test_goal_form_refuses_a_parent_below_the_goal_itself(client_for, own, effects):
    response = client_for("manager").post(reverse("portfolio:goal_edit", kwargs={
        "slug": own.slug, "goal_id": effects["goal"].pk}), {"code": "D1", "title": "x", "parent": effects["sub"].pk,
                                                            "order": "0"})
    assert response.status_code == 400
    assert Goal.objects.get(pk=effects["goal"].pk).parent is None


def test_every_change_is_in_the_audit_trail(client_for, own, effects):
    indicator = effects["indicator"]
    client_for("manager").post(url("targets", own, indicator_id=indicator.pk), {"date": "2026-06-01", "value": "70"})
    client_for("contributor").post(url("measurement_add", own, indicator_id=indicator.pk),
                                   {"date": "2025-08-01", "value": "66"})
    labels = set(AuditEntry.objects.filter(organisation=own).values_list("model", flat=True))
    assert {"indicators.indicator", "indicators.target", "indicators.measurement"} <= labels
