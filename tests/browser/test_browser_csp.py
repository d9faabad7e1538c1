"""The Content-Security-Policy (docs/deploy.md, Beveiliging) breaks nothing: the main pages, with their
htmx, charts and forms, the API documentation (Swagger UI) and the Django admin load without a single
refused script or style (Chromium reports each on the console: "Refused to ...")."""

from __future__ import annotations

import pytest

from needs import unavailable

try:
    from playwright.sync_api import expect
except ImportError:
    unavailable("the Python package playwright is not installed (dev extra)", module=True)

from browser_helpers import assert_no_errors, log_in
from koers.web.management.commands.koers_demo import DEMO_PASSWORD, DEMO_SLUG
from shared_demo import load_demo

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [  # a chart, a table, a form and htmx on each module's main page
    "", "agenda/", "portefeuille/", "portefeuille/initiatieven/", "effecten/", "kanalen/", "zelfscan/",
    "rapportages/", "audit/", "leden/",
]


@pytest.fixture
def demo(transactional_db, tmp_path_factory, settings):
    return load_demo(tmp_path_factory, settings)  # built once per run (shared_demo)


def visit(page, url):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.status == 200, url
    assert "script-src 'self';" in response.headers["content-security-policy"] + ";"


def test_the_main_pages_report_and_api_documentation_break_no_rule_of_the_policy(page, server, demo):
    visit(page, f"{server}/inloggen/")
    visit(page, f"{server}/wachtwoord-vergeten/")
    log_in(page, server, "admin", DEMO_PASSWORD)
    for path in PAGES:
        visit(page, f"{server}/organisaties/{DEMO_SLUG}/{path}")
    from koers.apps.indicators.models import Indicator

    indicator = Indicator.objects.filter(organisation__slug=DEMO_SLUG, measurements__isnull=False).first()
    visit(page, f"{server}/organisaties/{DEMO_SLUG}/effecten/indicatoren/{indicator.pk}/")  # with its chart
    assert page.locator("main figure svg").count() > 0
    # The report document and the API documentation, on the same demo (it takes a while to build).
    from koers.apps.reports.models import Report

    report = Report.objects.filter(organisation__slug=DEMO_SLUG).first()
    visit(page, f"{server}/organisaties/{DEMO_SLUG}/rapportages/{report.pk}/document/")
    # its own styles apply (the body is no wider than its 50em)
    assert page.evaluate("getComputedStyle(document.body).maxWidth") != "none"
    visit(page, f"{server}/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Koers API")
    assert_no_errors(page)


def test_the_django_admin_loads_under_the_policy(page, server, organisation):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("hoofdbeheer", "hoofdbeheer@example.org", DEMO_PASSWORD)
    visit(page, f"{server}/beheer/login/")
    page.get_by_label("Gebruikersnaam").fill("hoofdbeheer")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(lambda url: "/login/" not in url)
    visit(page, f"{server}/beheer/organisations/organisation/")
    page.locator("#result_list tbody th a").first.click()
    page.wait_for_load_state("networkidle")
    assert_no_errors(page)
