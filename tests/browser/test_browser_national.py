"""The public national view in a browser: without an account, on a desktop and 390 px wide (no sideways
scrolling), the grouping switched with the filters, no WCAG violations that axe finds. With
KOERS_SCREENSHOTS=1 it writes docs/screenshots/national.png (made-up verdicts for every municipality)."""

from __future__ import annotations

import pytest

from needs import unavailable

try:
    from playwright.sync_api import expect
except ImportError:
    unavailable("the Python package playwright is not installed (dev extra)", module=True)

from test_browser_mobile import problems_on

from browser_helpers import AXE, SCREENSHOTS, assert_no_errors, axe_violations, describe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def country(transactional_db):
    from web.national_view_helpers import seed_country

    return seed_country(years=(2023, 2024, 2025))


def test_the_national_view_without_an_account(page, server, country, screenshots_wanted):
    page.goto(f"{server}/landelijk/", timeout=60_000)  # the first chart starts the chart engine
    expect(page.get_by_role("heading", level=1)).to_contain_text("Landelijk beeld")
    expect(page.locator("caption").filter(has_text="Datagedreven werken: aandeel")).to_contain_text("per grootteklasse")
    expect(page.get_by_role("img", name="Aandeel gemeenten met expliciete aandacht per jaar")).to_be_visible()
    if screenshots_wanted:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.evaluate("document.getElementById('trend').scrollIntoView()")  # the chart and the first table
        page.screenshot(path=SCREENSHOTS / "national.png")
    if AXE.is_file():
        violations = axe_violations(page)
        assert not violations, describe_violations("landelijk", violations)

    page.get_by_label("Indeling").select_option("province")
    page.locator("#id_year").select_option("2024")
    page.get_by_role("button", name="Tonen").click()
    caption = page.locator("caption").filter(has_text="Smart city: aandeel")
    expect(caption).to_contain_text("per provincie (2024)")
    expect(page.get_by_role("row", name="Zeeland")).to_have_count(5)  # one row per theme
    assert_no_errors(page)


def test_the_national_view_fits_a_phone(browser, server, country):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    phone = context.new_page()
    try:
        for query in ("", "?group=province", "?group=year"):
            phone.goto(f"{server}/landelijk/{query}", timeout=60_000)
            assert problems_on(phone) == [], query
    finally:
        context.close()
