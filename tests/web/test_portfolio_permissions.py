"""Permission matrix over every portfolio page: role × page × own/foreign organisation."""

import pytest
from django.urls import URLResolver, get_resolver, reverse

from koers.apps.organisations.models import ROLE_RANK, Role
from koers.apps.portfolio import selection
from koers.apps.portfolio.models import CriteriaFramework, Decision, Goal, Initiative, Principle, SelectionRun

from portfolio_helpers import make_portfolio
from test_web_permissions import organisation_url_names
from web_helpers import ROLES, tenant_objects

# url name -> (HTTP method, the lowest role allowed)
PAGES = {
    "portfolio:overview": ("get", Role.VIEWER),
    "portfolio:export_csv": ("get", Role.VIEWER),
    "portfolio:export_xlsx": ("get", Role.VIEWER),
    "portfolio:import": ("post", Role.MANAGER),
    "portfolio:initiatives": ("get", Role.VIEWER),
    "portfolio:initiative": ("get", Role.VIEWER),
    "portfolio:submit": ("get", Role.CONTRIBUTOR),
    "portfolio:move": ("post", Role.MANAGER),
    "portfolio:score": ("post", Role.MANAGER),
    "portfolio:principle_checks": ("post", Role.MANAGER),
    "portfolio:compliance": ("post", Role.MANAGER),
    "portfolio:initiative_edit": ("get", Role.CONTRIBUTOR),
    "portfolio:effort_edit": ("get", Role.CONTRIBUTOR),
    "portfolio:frameworks": ("get", Role.MANAGER),
    "portfolio:framework": ("get", Role.MANAGER),
    "portfolio:framework_publish": ("post", Role.MANAGER),
    "portfolio:framework_new_version": ("post", Role.MANAGER),
    "portfolio:rules": ("get", Role.MANAGER),
    "portfolio:principles": ("get", Role.MANAGER),
    "portfolio:principle_edit": ("get", Role.MANAGER),
    "portfolio:goals": ("get", Role.MANAGER),
    "portfolio:goal_edit": ("get", Role.MANAGER),
    "portfolio:goal_delete": ("post", Role.MANAGER),
    "portfolio:capacity": ("get", Role.MANAGER),
    "portfolio:runs": ("get", Role.VIEWER),
    "portfolio:run_create": ("post", Role.MANAGER),
    "portfolio:run": ("get", Role.VIEWER),
    "portfolio:run_retry": ("post", Role.MANAGER),
    "portfolio:run_delete": ("post", Role.MANAGER),
    "portfolio:decisions": ("get", Role.VIEWER),
    "portfolio:decide": ("post", Role.MANAGER),
    "portfolio:decision_publish": ("post", Role.MANAGER),
}
ID_KWARGS = ("initiative_id", "framework_id", "run_id", "decision_id", "goal_id", "principle_id")
# Pages a contributor reaches only for a request they submitted that is still in intake; the matrix's
# initiative was submitted by someone else and is in assessment, so below manager these give 403.
SUBMITTER_PAGES = {"portfolio:initiative_edit", "portfolio:effort_edit"}


def test_the_matrix_covers_every_portfolio_page():
    assert {n for n in organisation_url_names() if n.startswith("portfolio:")} == set(PAGES)


def _route(name):
    pattern = get_resolver().reverse_dict  # noqa: F841 - warm the resolver
    url = reverse(name, kwargs={"slug": "x", **{k: 1 for k in ID_KWARGS if k in _params(name)}})
    return url


def _params(name):
    for top in get_resolver().url_patterns:
        if isinstance(top, URLResolver) and "organisaties/" in str(top.pattern):
            for include in top.url_patterns:
                if isinstance(include, URLResolver) and include.namespace == "portfolio":
                    for p in include.url_patterns:
                        if f"portfolio:{p.name}" == name:
                            return str(p.pattern)
    return ""


def test_every_portfolio_page_declares_its_role():
    resolver = get_resolver()
    for name, (_, role) in PAGES.items():
        assert resolver.resolve(_route(name)).func.required_role == role, name


def url_for(name, organisation, objects):
    kwargs = {"slug": organisation.slug}
    for key in ID_KWARGS:
        if key in _params(name):
            kwargs[key] = objects[key]
    return reverse(name, kwargs=kwargs)


def _objects(organisation, secret):
    fw, items = make_portfolio(organisation)
    initiative = Initiative.objects.filter(organisation=organisation).first()
    initiative.title = secret
    initiative.save()
    run = selection.create_run(organisation, fw, name=secret + " scenario")  # queued: no solver needed here
    decision = Decision.objects.create(organisation=organisation, title=secret + " besluit", reasoning=secret,
                                       run=run)  # a queued run: the service would refuse a decision on it
    goal = Goal.objects.create(organisation=organisation, code="D1", title=secret + " doel")
    principle = Principle.objects.filter(organisation=organisation).first()
    return {"initiative_id": initiative.pk, "framework_id": fw.pk, "run_id": run.pk, "decision_id": decision.pk,
            "goal_id": goal.pk, "principle_id": principle.pk}


# Built once for the module (conftest), before its first test: every test sees the same data.
pytestmark = pytest.mark.usefixtures("shared_tenants", "shared_objects")


shared_objects = tenant_objects("shared_objects", _objects, "eigen-initiatief")


@pytest.fixture
def setup(own, foreign, users, outsider, shared_objects):
    return {"own": (own, shared_objects["own"]), "foreign": (foreign, shared_objects["foreign"])}


@pytest.mark.parametrize("role", [r.value for r in ROLES])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_own_organisation(client, users, setup, role, name):
    method, needed = PAGES[name]
    client.force_login(users[role])
    response = getattr(client, method)(url_for(name, *setup["own"]))
    if ROLE_RANK[role] < ROLE_RANK[needed] or (name in SUBMITTER_PAGES and ROLE_RANK[role] < ROLE_RANK[Role.MANAGER]):
        assert response.status_code == 403
        assert b"eigen-initiatief" not in response.content
    else:
        assert response.status_code in (200, 302, 400)


@pytest.mark.parametrize("role", [r.value for r in ROLES])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_foreign_organisation_is_never_shown(client, users, setup, role, name):
    method, _ = PAGES[name]
    client.force_login(users[role])
    response = getattr(client, method)(url_for(name, *setup["foreign"]))
    assert response.status_code == 404
    assert b"Elders" not in response.content and b"geheim-elders" not in response.content


ID_PAGES = sorted(name for name in PAGES if any(key in _params(name) for key in ID_KWARGS))


@pytest.mark.parametrize("name", ID_PAGES)
def test_foreign_object_through_own_organisation_is_not_found(client, users, setup, name):
    """An admin of the own organisation asking for the other tenant's initiative, framework, run or decision."""
    own, _ = setup["own"]
    _, foreign_objects = setup["foreign"]
    client.force_login(users["admin"])
    method, _ = PAGES[name]
    response = getattr(client, method)(url_for(name, own, foreign_objects))
    assert response.status_code == 404
    assert b"geheim-elders" not in response.content


@pytest.mark.parametrize("name", sorted(PAGES))
def test_anonymous_users_are_sent_to_the_login_page(client, setup, name):
    method, _ = PAGES[name]
    response = getattr(client, method)(url_for(name, *setup["own"]))
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


def test_foreign_objects_are_not_changed(client, users, setup):
    own, _ = setup["own"]
    foreign, objects = setup["foreign"]
    client.force_login(users["admin"])
    client.post(url_for("portfolio:move", own, objects), {"target": "rejected", "reason": "x"})
    client.post(url_for("portfolio:decision_publish", own, objects), {"action": "publish"})
    client.post(url_for("portfolio:framework_new_version", own, objects))
    client.post(url_for("portfolio:initiative_edit", own, objects), {"title": "overschreven"})
    client.post(url_for("portfolio:effort_edit", own, objects), {"effort": ""})
    client.post(url_for("portfolio:goal_delete", own, objects))
    client.post(url_for("portfolio:goal_edit", own, objects), {"code": "X", "title": "overschreven"})
    client.post(url_for("portfolio:principle_edit", own, objects), {"title": "overschreven"})
    assert Initiative.objects.get(pk=objects["initiative_id"]).status == "assessment"
    assert Initiative.objects.get(pk=objects["initiative_id"]).title == "geheim-elders"
    assert Initiative.objects.get(pk=objects["initiative_id"]).effort.exists()
    assert Goal.objects.get(pk=objects["goal_id"]).title == "geheim-elders doel"
    assert Principle.objects.get(pk=objects["principle_id"]).title != "overschreven"
    assert not Decision.objects.get(pk=objects["decision_id"]).published
    assert CriteriaFramework.objects.filter(organisation=foreign).count() == 1
    assert SelectionRun.objects.filter(organisation=foreign).count() == 1
