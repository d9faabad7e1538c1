"""Permission matrix of the channel mix: every page and API endpoint × role × own/foreign organisation.

Viewers read; contributors import counts; managers set supply and the threshold. A member of ``own``
asking about ``foreign`` (or its supply entries) gets 404 without data.
"""

from __future__ import annotations


import pytest

from koers.apps.channels.models import ChannelSupply
from koers.apps.channels.urls import urlpatterns
from koers.apps.organisations.models import Role

from channel_helpers import make_channels
from page_matrix import Endpoint, PageMatrix, api_tests
from test_api_support import API, api_for, assert_problem  # noqa: F401 - api_for is a fixture

SUPPLY = {"period": "2025-07-01", "service": "", "channel": "telefoon", "opening_hours": "30"}
# url name -> (HTTP method, the lowest role allowed, form data)
PAGES = {
    "channels:overview": ("get", Role.VIEWER, {}),
    "channels:import": ("get", Role.CONTRIBUTOR, {}),
    "channels:supply": ("post", Role.MANAGER, SUPPLY),
    "channels:supply_delete": ("post", Role.MANAGER, {}),
    "channels:threshold": ("post", Role.MANAGER, {"threshold": "0,3"}),
}
MATRIX = PageMatrix("channels", PAGES, urlpatterns)
KWARGS, url_for, data_for = MATRIX.kwargs, MATRIX.url_for, MATRIX.data_for
(test_the_matrix_covers_every_channels_page, test_every_channels_page_declares_its_role, test_own_organisation,
 test_foreign_organisation_is_never_shown, test_anonymous_users_are_sent_to_the_login_page) = MATRIX.tests()


# Built once for the module (conftest), before its first test: every test sees the same data.
pytestmark = pytest.mark.usefixtures("shared_tenants", "shared_ids")


@pytest.fixture(scope="module")
def shared_ids(shared_tenants, django_db_blocker):
    with django_db_blocker.unblock():
        return {"own": {"supply_id": make_channels(shared_tenants.own)["supply"].pk},
                "foreign": {"supply_id": make_channels(shared_tenants.foreign, "geheim-elders")["supply"].pk}}


@pytest.fixture
def setup(own, foreign, users, outsider, shared_ids):
    return {"own": (own, shared_ids["own"]), "foreign": (foreign, shared_ids["foreign"])}


def test_a_foreign_supply_through_own_organisation_is_not_found(client, users, setup):
    own, _ = setup["own"]
    _, foreign_ids = setup["foreign"]
    client.force_login(users["admin"])
    response = client.post(url_for("channels:supply_delete", own, foreign_ids))
    assert response.status_code == 404
    assert ChannelSupply.objects.filter(organisation__slug="elders").count() == 2


def test_the_overview_shows_only_own_data(client, users, setup):
    client.force_login(users["viewer"])
    response = client.get(url_for("channels:overview", *setup["own"]))
    assert b"eigen paspoort" in response.content and b"geheim-elders" not in response.content


# --- API -------------------------------------------------------------------------------------------

ENDPOINTS = [
    Endpoint("counts", "get", "/channel-counts", "viewer", 200),
    Endpoint("count-batch", "post", "/channel-count-batches", "contributor", 201, {"counts": [
        {"period": "2025-07-01", "service": "Paspoort", "channel": "balie", "group": "75+", "contacts": 12},
        {"period": "2025-07-01", "service": "Paspoort", "channel": "app", "contacts": 30.5}]}),
    Endpoint("supplies", "get", "/channel-supplies", "viewer", 200),
    Endpoint("supply-set", "post", "/channel-supplies", "manager", 201,
             {"period": "2025-07-01", "channel": "telefoon", "opening_hours": 30}),
    Endpoint("supply-delete", "delete", "/channel-supplies/{supply_id}", "manager", 204),
    Endpoint("warnings", "get", "/inclusion-warnings", "viewer", 200),
    Endpoint("settings", "get", "/inclusion-settings", "viewer", 200),
    Endpoint("settings-set", "put", "/inclusion-settings", "manager", 200, {"threshold": 0.3}),
]
API_ROLES = ["viewer", "contributor", "manager", "admin"]


def call(client, endpoint, slug, ids):
    path = f"{API}/organisations/{slug}" + endpoint.path.format(**ids)
    return getattr(client, endpoint.method)(path, endpoint.body, format="json")


def test_api_foreign_supply_through_own_organisation_is_not_found(api_for, setup):
    response = call(api_for("admin"), ENDPOINTS[4], "proefstad", setup["foreign"][1])
    assert_problem(response, 404)
    assert ChannelSupply.objects.filter(organisation__slug="elders").count() == 2


test_api_role_on_own_organisation, test_api_foreign_organisation_is_not_found, test_api_anonymous_gets_401 = \
    api_tests(ENDPOINTS, call, API_ROLES)
