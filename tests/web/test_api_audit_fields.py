"""Every change through the API is audited (issue 14, point 2): for every PATCH and PUT operation of the
OpenAPI document and every writable field of its request body, a write of that field alone (a PUT: the
baseline body with that field changed) leaves a new audit entry naming the field.

The fields come from the document, so a new writable field or endpoint is walked without editing this
file; only how to reach an endpoint's object (``TARGETS``) and values a field's type cannot suggest
(``VALUES``) are written here, and a missing one fails the test by name.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Model

from koers.apps.audit.models import AuditEntry
from koers.apps.organisations.models import Membership, Role
from koers.apps.portfolio import framework as frameworks
from koers.apps.portfolio.models import GateRule, Initiative, Principle
from koers.apps.readiness import questionnaires

from readiness_helpers import make_round
from report_helpers import make_report_data
from test_api_permissions import CODEBOOK
from test_api_support import API, api_for, openapi_document  # noqa: F401
from web_helpers import make_user, store_document

PRECONDITIONS = {"version"}  # checks the write, is no field of its own (see test_portfolio_concurrency)
# Writable when the object is made, refused (400, nothing stored) afterwards.
FIXED_AFTER_CREATE = {("/organisations/{organisation_slug}/readiness-rounds/{id}", "questionnaire")}
# Where an API field is stored under another name (or on a child object): the audited field names.
STORED_AS = {"effort": {"hours", "quarter", "team"}, "capacity": {"hours", "quarter"},
             "closed": {"closed_at"}, "threshold": {"threshold"}}


# Built once for the module (conftest), before its first test: every test sees the same data.
pytestmark = pytest.mark.usefixtures("shared_tenants", "shared_world")


@pytest.fixture(scope="module")
def shared_world(shared_tenants, django_db_blocker):
    with django_db_blocker.unblock():
        return make_world(shared_tenants.own)


@pytest.fixture
def world(own, users, shared_world):
    """The shared objects as this test's own instances (a test changes them)."""
    return {key: type(value).objects.get(pk=value.pk) if isinstance(value, Model) else value
            for key, value in shared_world.items()}


def make_world(own):
    data = make_report_data(own)
    fw = frameworks.current_framework(own)
    other = Initiative.objects.filter(organisation=own).exclude(pk=data["initiative"].pk).first()
    member = Membership.objects.get(user=make_user("lid", own, Role.VIEWER), organisation=own)
    own_questionnaire = questionnaires.copy(questionnaires.default(), own, "Eigen vragenlijst")
    questionnaires.publish(own_questionnaire)
    return {
        "slug": own.slug, "organisation": own, "initiative": data["initiative"], "other": other,
        "goal": data["sub"], "root": data["goal"], "indicator": data["indicator"], "decision": data["decision"],
        "framework": frameworks.new_version(fw), "criterion": fw.criteria.first(),
        "principle": Principle.objects.filter(organisation=own, active=True).first(),
        "team": data["items"]["Chatbot"].effort.first().team, "member": member,
        "round": make_round(own, closed=False, extra_links=1), "document": store_document(own),
        "questionnaire": own_questionnaire, "rule": GateRule.objects.filter(organisation=own).first(),
    }


# path template -> the path parameters from the world (other than the organisation's slug)
TARGETS = {
    "/organisations/{slug}": lambda w: {},
    "/organisations/{organisation_slug}/codebook": lambda w: {},
    "/organisations/{organisation_slug}/inclusion-settings": lambda w: {},
    "/organisations/{organisation_slug}/decisions/{id}": lambda w: {"id": w["decision"].pk},
    "/organisations/{organisation_slug}/documents/{id}/reviews/{theme}":
        lambda w: {"id": w["document"].pk, "theme": w["document"].themes.first().theme},
    "/organisations/{organisation_slug}/frameworks/{id}": lambda w: {"id": w["framework"].pk},
    "/organisations/{organisation_slug}/goals/{id}": lambda w: {"id": w["goal"].pk},
    "/organisations/{organisation_slug}/indicators/{id}": lambda w: {"id": w["indicator"].pk},
    "/organisations/{organisation_slug}/initiatives/{id}": lambda w: {"id": w["initiative"].pk},
    "/organisations/{organisation_slug}/initiatives/{id}/principle-checks/{principle_id}":
        lambda w: {"id": w["initiative"].pk, "principle_id": w["principle"].pk},
    "/organisations/{organisation_slug}/initiatives/{id}/scores/{criterion_id}":
        lambda w: {"id": w["initiative"].pk, "criterion_id": w["criterion"].pk},
    "/organisations/{organisation_slug}/members/{id}": lambda w: {"id": w["member"].pk},
    "/organisations/{organisation_slug}/readiness-rounds/{id}": lambda w: {"id": w["round"].pk},
    "/organisations/{organisation_slug}/rules-of-play/{code}": lambda w: {"code": w["rule"].code},
    "/organisations/{organisation_slug}/teams/{id}": lambda w: {"id": w["team"].pk},
}

# field -> a new value that the field's schema alone cannot suggest (ids, codes, quarters, structures)
VALUES = {
    "goals": lambda w, path: ([w["root"].code] if "initiatives" in path else [w["root"].pk]),
    "initiatives": lambda w, path: [w["other"].pk],
    "requires": lambda w, path: [w["other"].pk],
    "themes": lambda w, path: ["dienstverlening"],
    "desired_start": lambda w, path: "2027-Q1",
    "desired_end": lambda w, path: "2027-Q4",
    "effort": lambda w, path: [{"team": w["team"].code, "quarter": "2027-Q2", "hours": 12}],
    "capacity": lambda w, path: [{"quarter": "2027-Q2", "hours": 99}],
    "parent": lambda w, path: None,
    "questionnaire": lambda w, path: w["questionnaire"].pk,
    "text": lambda w, path: CODEBOOK,
    "cbs_code": lambda w, path: "GM0999",
    "value": lambda w, path: w["criterion"].scale_min,
    "answer": lambda w, path: "deviates",
    "justification": lambda w, path: "Een goede reden.",
}


def _schema(document, ref_or_schema):
    while "$ref" in ref_or_schema or "allOf" in ref_or_schema:
        ref_or_schema = ref_or_schema["allOf"][0] if "allOf" in ref_or_schema else \
            document["components"]["schemas"][ref_or_schema["$ref"].split("/")[-1]]
    return ref_or_schema


def _new_value(document, name, prop, current, world, path):
    if name in VALUES:
        return VALUES[name](world, path)
    prop = _schema(document, prop)
    if "enum" in prop:
        return next(value for value in prop["enum"] if value and value != current)
    kind = prop.get("type")
    if kind == "boolean":
        return not current
    if kind in {"integer", "number"}:
        low, high = prop.get("minimum", 0), prop.get("maximum", 10**6)
        return next(value for value in (low, min(high, low + 3), high) if value != current)
    if kind == "string" and prop.get("format") == "date":
        return dt.date(2025, 2, 1).isoformat()
    if kind == "string" and prop.get("format") == "decimal":
        return "1234.50"
    if kind == "string":
        return "gewijzigd"[:prop.get("maxLength", 9)]
    raise AssertionError(f"no value for {path} {name}: add it to VALUES")


def _operations():
    document = openapi_document()
    for path, item in sorted(document["paths"].items()):
        for method in ("patch", "put"):
            if method in item:
                body = item[method]["requestBody"]["content"]
                schema = _schema(document, next(iter(body.values()))["schema"])
                for name, prop in schema.get("properties", {}).items():
                    if not prop.get("readOnly") and name not in PRECONDITIONS:
                        yield pytest.param(method, path, name, id=f"{method} {path} {name}")


OPERATIONS = list(_operations())


def test_the_walk_covers_every_writable_operation():
    assert {param.values[1] for param in OPERATIONS} == set(TARGETS)


@pytest.mark.parametrize("method, path, name", OPERATIONS)
def test_a_write_of_each_field_is_audited(method, path, name, world, api_for):
    document = openapi_document()
    operation = document["paths"][path][method]
    schema = _schema(document, next(iter(operation["requestBody"]["content"].values()))["schema"])
    url = API + path.format(slug=world["slug"], organisation_slug=world["slug"], **TARGETS[path](world))
    client = api_for("admin")
    current = client.get(url).json() if method == "patch" and "get" in document["paths"][path] else {}
    if method == "put":
        # The baseline: every required field (and this one's neighbours) with a valid value, written first.
        body = {field: _new_value(document, field, prop, None, world, path)
                for field, prop in schema["properties"].items() if not prop.get("readOnly")}
        if name == "answer":
            body["answer"] = "complies"
        assert client.put(url, body, format="json").status_code == 200
        current = body
        body = {**body, name: _changed(document, name, schema, current, world, path)}
    else:
        body = {name: _changed(document, name, schema, current, world, path)}
    if (path, name) in FIXED_AFTER_CREATE:
        assert getattr(client, method)(url, body, format="json").status_code == 400
        return
    # Without a GET of the object a boolean's current value is unknown: one of the two is a change.
    tries = [body, {name: not body[name]}] if name not in current and isinstance(body[name], bool) else [body]
    named = set()
    for attempt in tries:
        last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        response = getattr(client, method)(url, attempt, format="json")
        assert response.status_code == 200, response.content[:400]
        named |= {field for entry in AuditEntry.objects.filter(id__gt=last, organisation=world["organisation"])
                  for field in entry.changes}
    assert named & STORED_AS.get(name, {name}), (name, named)


def _changed(document, name, schema, current, world, path):
    value = _new_value(document, name, schema["properties"][name], current.get(name), world, path)
    if value == current.get(name):  # a PUT baseline already holds it: another valid value
        value = {"answer": "not_applicable", "value": world["criterion"].scale_max,
                 "text": CODEBOOK + "\n# gewijzigd\n"}.get(name, f"{value} (anders)")
    return value
