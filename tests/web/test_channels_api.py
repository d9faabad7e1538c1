"""The channel API's behaviour: a batch all or nothing with problems per row, supply replaced on the
same key, and the warnings with the organisation's threshold."""

from __future__ import annotations

from koers.apps.channels.models import ChannelCount, ChannelSupply

from channel_helpers import make_channels
from test_api_support import API, api_for, assert_problem, conforms  # noqa: F401 - api_for is a fixture

BASE = f"{API}/organisations/proefstad"


def test_warnings_name_group_service_channel_and_the_shrink(api_for, own):
    make_channels(own)
    response = api_for("viewer").get(f"{BASE}/inclusion-warnings")
    assert response.status_code == 200
    conforms(response)
    body = response.json()
    assert body["threshold"] == 0.2
    [warning] = body["warnings"]
    assert (warning["group"], warning["service"], warning["channel"]) == ("75+", "eigen paspoort", "balie")
    assert (warning["opening_before"], warning["opening_after"], warning["share"]) == (40, 20, 0.5)


def test_a_bad_batch_stores_nothing_and_names_the_row(api_for, own):
    counts = [{"period": "2025-01-01", "service": "Afval", "channel": "app", "contacts": 3},
              {"period": "2025-01-01", "service": "Afval", "channel": "app", "contacts": 4}]
    response = api_for("contributor").post(f"{BASE}/channel-count-batches", {"counts": counts}, format="json")
    assert_problem(response, 400)
    assert "counts.1.period" in response.content.decode()
    assert not ChannelCount.objects.exists()


def test_an_unknown_channel_is_refused(api_for, own):
    counts = [{"period": "2025-01-01", "service": "Afval", "channel": "fax", "contacts": 3}]
    response = api_for("contributor").post(f"{BASE}/channel-count-batches", {"counts": counts}, format="json")
    assert_problem(response, 400)
    assert not ChannelCount.objects.exists()


def test_counts_are_listed_and_filtered(api_for, own):
    make_channels(own)
    response = api_for("viewer").get(f"{BASE}/channel-counts", {"group": "75+"})
    conforms(response)
    assert {row["group"] for row in response.json()["results"]} == {"75+"}


def test_supply_on_the_same_period_service_and_channel_replaces_it(api_for, own):
    client = api_for("manager")
    for hours in (30, 24):
        response = client.post(f"{BASE}/channel-supplies", {"period": "2025-07-01", "channel": "telefoon",
                                                            "opening_hours": hours}, format="json")
        assert response.status_code == 201
    assert list(ChannelSupply.objects.values_list("opening_hours", flat=True)) == [24]


def test_supply_without_figures_is_refused(api_for, own):
    response = api_for("manager").post(f"{BASE}/channel-supplies", {"period": "2025-07-01", "channel": "balie"},
                                       format="json")
    assert_problem(response, 400)
    assert "Vul de capaciteit" in response.content.decode()


def test_a_manager_sets_the_threshold_and_the_warnings_follow_it(api_for, own):
    make_channels(own)
    manager = api_for("manager")
    assert manager.get(f"{BASE}/inclusion-settings").json() == {"threshold": 0.2}
    response = manager.put(f"{BASE}/inclusion-settings", {"threshold": 0.6}, format="json")
    assert response.status_code == 200 and response.json() == {"threshold": 0.6}
    conforms(response)
    body = manager.get(f"{BASE}/inclusion-warnings").json()
    assert body["threshold"] == 0.6 and body["warnings"] == []  # the group's 50 % is now below it
    refused = manager.put(f"{BASE}/inclusion-settings", {"threshold": 1.5}, format="json")
    assert_problem(refused, 400)
    assert manager.get(f"{BASE}/inclusion-settings").json() == {"threshold": 0.6}
