"""Permission matrix of effect steering: every page and API endpoint × role × own/foreign organisation.

Viewers read; contributors enter and import measurements; managers define goals, indicators and
targets. A member of ``own`` asking about ``foreign`` (or for its objects) gets 404 without data.
"""

from __future__ import annotations


import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from koers.apps.indicators.models import Indicator, Measurement, Target
from koers.apps.indicators.urls import urlpatterns
from koers.apps.organisations.models import Role
from koers.apps.portfolio.models import Goal

from indicator_helpers import make_effects
from page_matrix import Endpoint, PageMatrix, api_tests
from test_api_support import API, api_for, assert_problem  # noqa: F401 - api_for is a fixture

# url name -> (HTTP method, the lowest role allowed, form data)
PAGES = {
    "indicators:list": ("get", Role.VIEWER, {}),
    "indicators:goals": ("get", Role.VIEWER, {}),
    "indicators:goal": ("get", Role.VIEWER, {}),
    "indicators:indicator": ("get", Role.VIEWER, {}),
    "indicators:create": ("get", Role.MANAGER, {}),
    "indicators:add_default": ("post", Role.MANAGER, {"key": "datalekken"}),
    "indicators:edit": ("get", Role.MANAGER, {}),
    "indicators:delete": ("post", Role.MANAGER, {}),
    "indicators:targets": ("post", Role.MANAGER, {"date": "2027-01-01", "value": "90"}),
    "indicators:target_remove": ("post", Role.MANAGER, {}),
    "indicators:measurement_add": ("post", Role.CONTRIBUTOR, {"date": "2025-09-01", "value": "61,5"}),
    "indicators:measurement_delete": ("post", Role.MANAGER, {}),
    "indicators:import": ("get", Role.CONTRIBUTOR, {}),
}


def _ids(organisation, secret) -> dict:
    made = make_effects(organisation, secret)
    indicator = made["indicator"]
    return {"goal_id": made["sub"].pk, "indicator_id": indicator.pk,
            "target_id": indicator.targets.first().pk, "measurement_id": indicator.measurements.first().pk}


# Built once for the module (conftest), before its first test: every test sees the same data.
pytestmark = pytest.mark.usefixtures("shared_tenants", "shared_ids")


@pytest.fixture(scope="module")
def shared_ids(shared_tenants, django_db_blocker):
    with django_db_blocker.unblock():
        return {"own": _ids(shared_tenants.own, "eigen"), "foreign": _ids(shared_tenants.foreign, "geheim-elders")}


@pytest.fixture
def setup(own, foreign, users, outsider, shared_ids):
    return {"own": (own, shared_ids["own"]), "foreign": (foreign, shared_ids["foreign"])}


MATRIX = PageMatrix("indicators", PAGES, urlpatterns)
KWARGS, url_for, data_for = MATRIX.kwargs, MATRIX.url_for, MATRIX.data_for
(test_the_matrix_covers_every_indicators_page, test_every_indicators_page_declares_its_role, test_own_organisation,
 test_foreign_organisation_is_never_shown, test_anonymous_users_are_sent_to_the_login_page) = MATRIX.tests()


@pytest.mark.parametrize("name", sorted(n for n in PAGES if n not in ("indicators:list", "indicators:goals",
                                                                         "indicators:create",
                                                                         "indicators:add_default")))
def test_foreign_object_through_own_organisation_is_not_found(client, users, setup, name):
    own, _ = setup["own"]
    _, foreign_ids = setup["foreign"]
    method, _, data = PAGES[name]
    client.force_login(users["admin"])
    response = getattr(client, method)(url_for(name, own, foreign_ids), data)
    assert response.status_code == 404
    assert b"geheim-elders" not in response.content


def test_foreign_objects_are_not_changed(client, users, setup):
    own, _ = setup["own"]
    foreign, ids = setup["foreign"]
    client.force_login(users["admin"])
    for name in ("indicators:delete", "indicators:target_remove", "indicators:measurement_delete",
                 "indicators:targets", "indicators:measurement_add"):
        client.post(url_for(name, own, ids), PAGES[name][2])
    assert Indicator.objects.filter(organisation=foreign).count() == 1
    assert Target.objects.filter(indicator__organisation=foreign, replaced_at=None).count() == 2
    assert Measurement.objects.filter(indicator__organisation=foreign).count() == 5


# --- API -------------------------------------------------------------------------------------------

ENDPOINTS = [
    Endpoint("goals", "get", "/goals", "viewer", 200),
    Endpoint("goal", "get", "/goals/{goal_id}", "viewer", 200),
    Endpoint("goal-add", "post", "/goals", "manager", 201, {"code": "D9", "title": "Nieuw doel"}),
    Endpoint("goal-update", "patch", "/goals/{goal_id}", "manager", 200, {"owner": "Directeur"}),
    Endpoint("goal-delete", "delete", "/goals/{goal_id}", "manager", 204),
    Endpoint("indicators", "get", "/indicators", "viewer", 200),
    Endpoint("indicator", "get", "/indicators/{indicator_id}", "viewer", 200),
    Endpoint("indicator-add", "post", "/indicators", "manager", 201, {"name": "Wachttijd", "direction": "lower"}),
    Endpoint("indicator-update", "patch", "/indicators/{indicator_id}", "manager", 200, {"tolerance": 0.1}),
    Endpoint("indicator-delete", "delete", "/indicators/{indicator_id}", "manager", 204),
    Endpoint("targets", "get", "/indicators/{indicator_id}/targets", "viewer", 200),
    Endpoint("target-set", "post", "/indicators/{indicator_id}/targets", "manager", 201,
             {"date": "2027-01-01", "value": 90}),
    Endpoint("target-remove", "delete", "/indicators/{indicator_id}/targets/{target_id}", "manager", 204),
    Endpoint("measurements", "get", "/indicators/{indicator_id}/measurements", "viewer", 200),
    Endpoint("measurement-add", "post", "/indicators/{indicator_id}/measurements", "contributor", 201,
             {"date": "2025-09-01", "value": 61.5}),
    Endpoint("measurement-delete", "delete", "/indicators/{indicator_id}/measurements/{measurement_id}",
             "manager", 204),
    Endpoint("measurement-batch", "post", "/indicators/{indicator_id}/measurement-batches", "contributor", 201,
             {"measurements": [{"date": "2025-10-01", "value": 62}, {"date": "2025-11-01", "value": 63}]}),
    Endpoint("measurement-import", "post", "/indicators/{indicator_id}/measurement-imports", "contributor", 201,
             upload=True),
]
API_ROLES = ["viewer", "contributor", "manager", "admin"]


def call(client, endpoint, slug, ids):
    path = f"{API}/organisations/{slug}" + endpoint.path.format(**ids)
    if endpoint.upload:
        upload = SimpleUploadedFile("metingen.csv", "datum;waarde\n1-12-2025;64,5\n".encode(), "text/csv")
        return client.post(path, {"file": upload}, format="multipart")
    return getattr(client, endpoint.method)(path, endpoint.body, format="json")


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if "{" in e.path], ids=lambda e: e.name)
def test_api_foreign_object_through_own_organisation_is_not_found(endpoint, api_for, setup):
    response = call(api_for("admin"), endpoint, "proefstad", setup["foreign"][1])
    assert_problem(response, 404)
    assert Goal.objects.filter(organisation__slug="elders").count() == 2


test_api_role_on_own_organisation, test_api_foreign_organisation_is_not_found, test_api_anonymous_gets_401 = \
    api_tests(ENDPOINTS, call, API_ROLES)
