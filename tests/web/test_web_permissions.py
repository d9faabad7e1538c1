"""Permission matrix over every organisation page: role × page × own/foreign organisation."""

from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from koers.apps.agenda.models import ScanDocument
from koers.apps.organisations.models import ROLE_RANK, Invitation, Role
from web_helpers import ROLES, store_document

# url name -> (HTTP method, the lowest role allowed)
PAGES = {
    "agenda:dashboard": ("get", Role.VIEWER),
    "agenda:documents": ("get", Role.VIEWER),
    "agenda:progress": ("get", Role.VIEWER),
    "agenda:document": ("get", Role.VIEWER),
    "agenda:upload": ("post", Role.CONTRIBUTOR),
    "agenda:retry": ("post", Role.CONTRIBUTOR),
    "agenda:rescan_all": ("post", Role.MANAGER),
    "agenda:codebook": ("get", Role.MANAGER),
    "agenda:review": ("post", Role.MANAGER),
    "agenda:labels": ("get", Role.MANAGER),
    "agenda:model": ("get", Role.MANAGER),
    "agenda:model_change": ("post", Role.MANAGER),
    "audit:list": ("get", Role.MANAGER),
    "audit:export": ("get", Role.MANAGER),
    "organisations:members": ("get", Role.ADMIN),
    "organisations:change_role": ("post", Role.ADMIN),
    "organisations:remove_member": ("post", Role.ADMIN),
    "organisations:withdraw_invitation": ("post", Role.ADMIN),
}


def organisation_url_names():
    """Names of all URL patterns below organisaties/<slug>/."""
    names = set()

    def walk(patterns, namespace, inside):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or namespace
                walk(pattern.url_patterns, ns, inside or "organisaties/" in str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and inside:
                names.add(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns, None, False)
    return names


def test_the_matrix_covers_every_organisation_page():
    # the portfolio, indicator and channel pages have their own matrices (test_portfolio_permissions.py,
    # test_indicators_permissions.py, test_channels_permissions.py, test_reports_permissions.py,
    # test_readiness_permissions.py, test_national_permissions.py)
    assert {name for name in organisation_url_names()
            if not name.startswith(("portfolio:", "indicators:", "channels:", "reports:", "readiness:",
                                    "national:"))} == set(PAGES)


def test_every_organisation_page_declares_its_role():
    resolver = get_resolver()
    for name, (_, role) in PAGES.items():
        kwargs = {key: 1 for key in ("document_id", "member_id", "invitation_id") if key in _route(name)}
        view = resolver.resolve(reverse(name, kwargs={"slug": "x", **kwargs})).func
        assert view.required_role == role, name


def _route(name):
    """The route text of a named organisation page, e.g. 'agenda/documenten/<int:document_id>/'."""
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and "organisaties/" in str(pattern.pattern):
            for include in pattern.url_patterns:
                for p in include.url_patterns:
                    if f"{include.namespace}:{p.name}" == name:
                        return str(p.pattern)
    return ""


def url_for(name, organisation, document, membership):
    kwargs = {"slug": organisation.slug}
    route = _route(name)
    if "document_id" in route:
        kwargs["document_id"] = document.pk
    if "member_id" in route:
        kwargs["member_id"] = membership.pk
    if "invitation_id" in route:  # the invitation of the membership's organisation, as with the member id
        kwargs["invitation_id"] = membership.organisation.invitations.get().pk
    return reverse(name, kwargs=kwargs)


# Built once for the module (conftest), before its first test: every test sees the same data.
pytestmark = pytest.mark.usefixtures("shared_tenants", "shared_documents")


@pytest.fixture(scope="module")
def shared_documents(shared_tenants, django_db_blocker):
    own, foreign = shared_tenants.own, shared_tenants.foreign
    with django_db_blocker.unblock():
        documents = {"own": store_document(own, name="eigen.txt").pk,
                     "foreign": store_document(foreign, name="geheim-elders.txt").pk}
        for organisation in (own, foreign):
            Invitation.objects.create(organisation=organisation, email="gast@example.org", token_hash=organisation.slug,
                                      expires_at=timezone.now() + timedelta(days=1))
    return documents


@pytest.fixture
def setup(own, foreign, users, outsider, shared_documents):
    return {
        "own": (own, ScanDocument.objects.get(pk=shared_documents["own"]), users["viewer"].memberships.get()),
        "foreign": (foreign, ScanDocument.objects.get(pk=shared_documents["foreign"]), outsider.memberships.get()),
    }


@pytest.mark.parametrize("role", [r.value for r in ROLES])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_own_organisation(client, users, setup, role, name):
    method, needed = PAGES[name]
    client.force_login(users[role])
    response = getattr(client, method)(url_for(name, *setup["own"]))
    if ROLE_RANK[role] < ROLE_RANK[needed]:
        assert response.status_code == 403
        assert b"eigen.txt" not in response.content
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


ID_PAGES = ["agenda:document", "agenda:retry", "agenda:review", "organisations:change_role", "organisations:remove_member",
            "organisations:withdraw_invitation"]


@pytest.mark.parametrize("name", ID_PAGES)
def test_foreign_object_through_own_organisation_is_not_found(client, users, setup, name):
    """An admin of the own organisation asking for the other tenant's document or member id."""
    own, _, _ = setup["own"]
    _, foreign_document, foreign_membership = setup["foreign"]
    client.force_login(users["admin"])
    method, _ = PAGES[name]
    response = getattr(client, method)(url_for(name, own, foreign_document, foreign_membership))
    assert response.status_code == 404


@pytest.mark.parametrize("name", sorted(PAGES))
def test_anonymous_users_are_sent_to_the_login_page(client, setup, name):
    method, _ = PAGES[name]
    response = getattr(client, method)(url_for(name, *setup["own"]))
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
