"""WCAG 2.1 AA on Koers's main pages, checked automatically with axe-core in the browser.

axe-core (the accessibility engine of Deque, from the npm registry: package.json, installed by
``make test``) is injected into each page and run with the WCAG 2.0/2.1 level A and AA rules. Every
page must come out without violations; a failure lists per page the rule, its impact, what it asks
and the first elements it was found on. Without node_modules/axe-core the tests are skipped on a
workstation and fail in CI, like the browser itself (conftest.py).

Not checked: drf-spectacular's Swagger UI (/api/v1/docs) is third-party markup, not ours to fix.
Automated rules find only part of the WCAG problems; the keyboard pass in test_browser.py and
manual review remain necessary.
"""

from __future__ import annotations


import pytest

from needs import unavailable

try:
    from playwright.sync_api import expect
except ImportError:
    unavailable("the Python package playwright is not installed (dev extra)", module=True)

from browser_helpers import AXE, assert_no_errors, axe_violations, describe_violations, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _axe_installed():
    if not AXE.is_file():
        unavailable(f"axe-core is not installed ({AXE} is missing; run `npm ci` or `make test`)")


class Checker:
    """Opens pages one after the other and collects the axe violations of all of them."""

    def __init__(self, page, server):
        self.page = page
        self.server = server
        self.failures: list[str] = []
        self.checked: list[str] = []

    def check(self, name: str, path: str, heading: str):
        response = self.page.goto(self.server + path)
        assert response.status == 200, f"{name}: HTTP {response.status}"
        expect(self.page.get_by_role("heading", level=1)).to_contain_text(heading)
        self.check_current(name)

    def check_current(self, name: str):
        """The page as it is now, e.g. a form after a submit with errors."""
        self.page.wait_for_load_state()  # deferred scripts (htmx, koers.js) have run
        violations = axe_violations(self.page)
        if violations:
            self.failures.append(describe_violations(name, violations))
        self.checked.append(name)

    def assert_accessible(self):
        assert_no_errors(self.page)
        assert not self.failures, (
            f"axe-core found WCAG 2.1 A/AA violations on {len(self.failures)} of {len(self.checked)} pages:\n"
            + "\n".join(self.failures))


def test_document_pages_have_no_wcag_violations(page, server, scanned_document):
    slug = scanned_document.organisation.slug
    checker = Checker(page, server)
    checker.check("login", "/inloggen/", "Inloggen")
    log_in(page, server)
    checker.check("dashboard", f"/organisaties/{slug}/", "Overzicht van")
    checker.check("documents", f"/organisaties/{slug}/agenda/", "Documenten")
    checker.check("document-evidence", f"/organisaties/{slug}/agenda/documenten/{scanned_document.pk}/",
                  scanned_document.original_name)
    checker.check("codebook", f"/organisaties/{slug}/codeboek/", "Codeboek")
    checker.check("audit-trail", f"/organisaties/{slug}/audit/", "Audittrail")
    checker.assert_accessible()


def test_portfolio_pages_have_no_wcag_violations(page, server, organisation, manager):
    """The demo portfolio (40 initiatives, a computed scenario, a published decision)."""
    from koers.apps.portfolio import demo
    from koers.apps.portfolio.models import Initiative, SelectionRun

    demo.load(organisation)
    run = SelectionRun.objects.filter(organisation=organisation).latest("id")
    initiative = Initiative.objects.filter(organisation=organisation).order_by("reference").first()
    base = f"/organisaties/{organisation.slug}/portefeuille/"
    checker = Checker(page, server)
    checker.check("public-decisions", f"/openbaar/{organisation.slug}/portefeuille/", "Besluiten")  # no login
    log_in(page, server)
    checker.check("portfolio-overview", base, "Portefeuille")
    checker.check("initiatives", f"{base}initiatieven/", "Initiatieven")
    checker.check("initiative-detail", f"{base}initiatieven/{initiative.pk}/", initiative.title)
    checker.check("intake-form", f"{base}aanvragen/", "Aanvraag indienen")
    page.get_by_role("button", name="Aanvraag indienen").click()  # empty: the error summary and messages
    expect(page.get_by_role("alert").first).to_be_visible()
    checker.check_current("intake-form-errors")
    # An invalid form is answered with 400 on purpose; the page fixture records that response.
    assert page.koers_errors == [f"HTTP 400: {server}{base}aanvragen/"], page.koers_errors
    page.koers_errors.clear()
    checker.check("scenario", f"{base}scenarios/{run.pk}/", run.name)
    checker.check("capacity", f"{base}capaciteit/", "Capaciteit")
    checker.check("decisions", f"{base}besluiten/", "Besluiten")
    checker.assert_accessible()
