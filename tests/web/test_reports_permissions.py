"""Permission matrix of the council reports: every page × role × own/foreign organisation, and the
public pages. Viewers read issued reports; managers write, preview, issue and publish; drafts stay
with the managers; another organisation's reports are not found; anonymous visitors see only
published reports, on the public pages."""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse

from koers.apps.organisations.models import ROLE_RANK, Role
from koers.apps.reports import issuing
from koers.apps.reports.models import Report
from koers.apps.reports.urls import urlpatterns

from report_helpers import reports_of
from test_web_permissions import organisation_url_names
from web_helpers import ROLES, tenant_objects

FORM = {"title": "Nieuwe rapportage", "period_start": "2026-01-01", "period_end": "2026-06-30",
        "sections": ["indicators"], "foreword": "", "request_to_council": ""}
# url name -> (HTTP method, the lowest role allowed, form data, which report: issued or draft)
PAGES = {
    "reports:list": ("get", Role.VIEWER, {}, "issued"),
    "reports:create": ("post", Role.MANAGER, FORM, "issued"),
    "reports:detail": ("get", Role.VIEWER, {}, "issued"),
    "reports:edit": ("post", Role.MANAGER, FORM, "draft"),
    "reports:document": ("get", Role.VIEWER, {}, "issued"),
    "reports:pdf": ("get", Role.VIEWER, {}, "issued"),
    "reports:issue": ("post", Role.MANAGER, {}, "draft"),
    "reports:publish": ("post", Role.MANAGER, {"published": "1"}, "issued"),
    "reports:copy": ("post", Role.MANAGER, {}, "issued"),
}
NEEDS_ID = {f"reports:{p.name}" for p in urlpatterns if "report_id" in p.pattern.converters}



# Built once for the module (conftest), before its first test: every test sees the same data.
pytestmark = pytest.mark.usefixtures("shared_tenants", "shared_reports")


shared_reports = tenant_objects("shared_reports", reports_of, "eigen")


@pytest.fixture
def setup(own, foreign, users, outsider, shared_reports):
    def fresh(reports):  # this test's own instances
        return {which: Report.objects.get(pk=report.pk) for which, report in reports.items()}

    return {"own": (own, fresh(shared_reports["own"])), "foreign": (foreign, fresh(shared_reports["foreign"]))}


def url_for(name, organisation, reports, which="issued"):
    kwargs = {"slug": organisation.slug}
    if name in NEEDS_ID:
        kwargs["report_id"] = reports[which].pk
    return reverse(name, kwargs=kwargs)


def test_the_matrix_covers_every_report_page():
    assert {n for n in organisation_url_names() if n.startswith("reports:")} == set(PAGES)


def test_every_report_page_declares_its_role(setup):
    own, reports = setup["own"]
    for name, (_, role, _, which) in PAGES.items():
        assert get_resolver().resolve(url_for(name, own, reports, which)).func.required_role == role, name


@pytest.mark.parametrize("role", [r.value for r in ROLES])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_own_organisation(client, users, setup, role, name):
    method, needed, data, which = PAGES[name]
    client.force_login(users[role])
    response = getattr(client, method)(url_for(name, *setup["own"], which), data)
    if ROLE_RANK[role] < ROLE_RANK[needed]:
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 302), response.content[:300]


@pytest.mark.parametrize("role", [r.value for r in ROLES])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_foreign_organisation_is_never_shown(client, users, setup, role, name):
    method, _, data, which = PAGES[name]
    client.force_login(users[role])
    response = getattr(client, method)(url_for(name, *setup["foreign"], which), data)
    assert response.status_code == 404
    assert b"geheim-elders" not in response.content


def test_a_foreign_report_through_own_organisation_is_not_found(client, users, setup):
    own, _ = setup["own"]
    _, foreign_reports = setup["foreign"]
    client.force_login(users["admin"])
    for name in ("reports:detail", "reports:pdf", "reports:document"):
        assert client.get(url_for(name, own, foreign_reports)).status_code == 404


@pytest.mark.parametrize("role", ["viewer", "contributor"])
def test_drafts_stay_with_the_managers(client, users, setup, role):
    own, reports = setup["own"]
    client.force_login(users[role])
    assert b"eigen concept" not in client.get(url_for("reports:list", own, reports)).content
    assert client.get(url_for("reports:detail", own, reports, "draft")).status_code == 404
    client.force_login(users["manager"])
    assert b"eigen concept" in client.get(url_for("reports:list", own, reports)).content


@pytest.mark.parametrize("name", sorted(PAGES))
def test_anonymous_users_are_sent_to_the_login_page(client, setup, name):
    method, _, data, which = PAGES[name]
    response = getattr(client, method)(url_for(name, *setup["own"], which), data)
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


def public(name, organisation, report=None):
    kwargs = {"slug": organisation.slug, **({"report_id": report.pk} if report else {})}
    return reverse(f"reports_public:{name}", kwargs=kwargs)


def test_anonymous_visitors_see_only_published_reports(client, setup):
    own, reports = setup["own"]
    issued = reports["issued"]
    assert client.get(public("list", own)).status_code == 404  # nothing published yet
    assert client.get(public("pdf", own, issued)).status_code == 404
    issuing.set_published(issued, True)
    second = issuing.issue(issuing.copy_as_draft(issued), None)  # issued, not published
    page = client.get(public("list", own)).content.decode()
    assert "eigen uitgebracht" in page and issued.pdf_sha256 in page and second.pdf_sha256 not in page
    pdf = client.get(public("pdf", own, issued))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content) == issued.pdf.open("rb").read()
    assert "eigen uitgebracht" in client.get(public("document", own, issued)).content.decode()
    for report in (second, reports["draft"]):
        assert client.get(public("document", own, report)).status_code == 404
        assert client.get(public("pdf", own, report)).status_code == 404
    foreign, foreign_reports = setup["foreign"]
    assert client.get(public("document", own, foreign_reports["issued"])).status_code == 404


def test_the_public_portfolio_page_lists_published_reports(client, setup):
    from koers.apps.portfolio import decisions

    own, reports = setup["own"]
    decisions.publish(decisions.decide(own, title="Besluit", reasoning="Waarom", run=None))
    assert "eigen uitgebracht" not in client.get(f"/openbaar/{own.slug}/portefeuille/").content.decode()
    issuing.set_published(reports["issued"], True)
    page = client.get(f"/openbaar/{own.slug}/portefeuille/").content.decode()
    assert "Rapportages aan de raad" in page and public("pdf", own, reports["issued"]) in page
