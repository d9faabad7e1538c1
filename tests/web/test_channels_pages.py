"""The Kanalen page: digital share over time, per service and per group, the reference figure, the
inclusion warning (also on the organisation's overview), supply and threshold forms, and context."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from koers.apps.audit.models import AuditEntry
from koers.apps.channels import recording
from koers.apps.channels.models import ChannelSupply, InclusionSettings

from channel_helpers import Q2, make_channels


@pytest.fixture
def channels(own):
    return make_channels(own)


def page(client, own):
    return client.get(reverse("channels:overview", kwargs={"slug": own.slug}))


def test_the_page_shows_shares_reference_and_tables(client_for, own, channels):
    response = page(client_for("viewer"), own)
    text = response.content.decode()
    assert response.status_code == 200
    assert "53\u00a0%" in text and "2016" in text  # the reference figure and its source
    assert "<svg" in text  # the chart
    assert "eigen paspoort" in text and "75+" in text and "18-40" in text  # per service and per group
    assert "70,0\u00a0%" in text  # overall: 140 of 200 contacts digital, a Dutch percentage
    assert "50,0\u00a0%" in text and "90,0\u00a0%" in text  # per group


def test_the_warning_names_group_service_channel_and_what_shrank(client_for, own, channels):
    text = page(client_for("viewer"), own).content.decode()
    assert "Inclusiewaarschuwing" in text
    assert "75+ doet bij eigen paspoort nog 50\u00a0% van de contacten via balie" in text
    assert "de openingsuren per week gingen van 40 naar 20" in text
    assert "18-40 doet" not in text  # 10 % is below the threshold of 20 %


def test_the_warning_is_on_the_organisations_overview(client_for, own, channels):
    text = client_for("viewer").get(reverse("agenda:dashboard", kwargs={"slug": own.slug})).content.decode()
    assert "75+ doet bij eigen paspoort" in text
    assert reverse("channels:overview", kwargs={"slug": own.slug}) in text


def test_no_warning_without_a_shrinking_channel(client_for, own):
    make_channels(own, shrink=False)
    text = page(client_for("viewer"), own).content.decode()
    assert "Er is nu geen inclusiewaarschuwing" in text
    assert "75+ doet" not in text
    dashboard = client_for("viewer").get(reverse("agenda:dashboard", kwargs={"slug": own.slug}))
    assert "Inclusiewaarschuwing" not in dashboard.content.decode()


def test_a_higher_threshold_set_by_a_manager_silences_the_warning(client_for, own, channels):
    client = client_for("manager")
    response = client.post(reverse("channels:threshold", kwargs={"slug": own.slug}), {"threshold": "0,6"})
    assert response.status_code == 302
    assert InclusionSettings.objects.get(organisation=own).threshold == pytest.approx(0.6)
    assert "75+ doet" not in page(client, own).content.decode()
    assert AuditEntry.objects.filter(organisation=own, model="channels.inclusionsettings").exists()


def test_a_threshold_outside_zero_and_one_is_refused_in_dutch(client_for, own):
    response = client_for("manager").post(reverse("channels:threshold", kwargs={"slug": own.slug}),
                                          {"threshold": "1,5"})
    assert response.status_code == 400
    assert not InclusionSettings.objects.exists()


def test_supply_for_every_service_applies_until_a_later_entry(client_for, own):
    make_channels(own, shrink=False)
    ChannelSupply.objects.all().delete()
    client = client_for("manager")
    url = reverse("channels:supply", kwargs={"slug": own.slug})
    for period, capacity in (("2025-01-01", "12,5"), ("2025-04-01", "8")):
        response = client.post(url, {"period": period, "service": "", "channel": "balie", "capacity": capacity})
        assert response.status_code == 302
    text = page(client, own).content.decode()
    assert "de capaciteit ging van 12,5 naar 8" in text
    assert "alle diensten" in text


def test_supply_without_capacity_or_hours_is_refused(client_for, own):
    response = client_for("manager").post(reverse("channels:supply", kwargs={"slug": own.slug}),
                                          {"period": "2025-01-01", "channel": "balie"})
    assert response.status_code == 400
    assert "Vul de capaciteit, de openingsuren of allebei in." in response.content.decode()
    assert not ChannelSupply.objects.exists()


def test_figures_the_engine_refuses_are_named_instead_of_a_traceback(client_for, own):
    recording.record_counts(own, [recording.Count(Q2, "tweede", "balie", 1e13)])
    response = page(client_for("viewer"), own)
    assert response.status_code == 200
    assert "De kanaalgegevens kloppen niet" in response.content.decode()
    dashboard = client_for("viewer").get(reverse("agenda:dashboard", kwargs={"slug": own.slug}))
    assert dashboard.status_code == 200


def test_an_empty_page_says_what_to_import(client_for, own):
    text = page(client_for("contributor"), own).content.decode()
    assert "Er zijn nog geen contactaantallen" in text
    assert reverse("channels:import", kwargs={"slug": own.slug}) in text


def test_supply_changes_are_audited(own, channels):
    assert AuditEntry.objects.filter(organisation=own, model="channels.channelsupply").count() == 2
    assert AuditEntry.objects.filter(organisation=own, model="channels.channelcount").count() == 8


def test_periods_are_kept_as_the_first_day_of_their_month(own):
    recording.record_counts(own, [recording.Count(dt.date(2025, 5, 17), "rijbewijs", "app", 3)])
    assert own and recording.ChannelCount.objects.get(service="rijbewijs").period == dt.date(2025, 5, 1)


@pytest.mark.parametrize("model", ["channelcount", "channelsupply", "inclusionsettings", "contextfigure"])
def test_support_sees_the_channel_data_in_the_admin(client, admin_user, own, channels, model):
    client.force_login(admin_user)
    assert client.get(f"/beheer/channels/{model}/").status_code == 200
