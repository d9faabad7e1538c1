"""Koers on a phone: every page that answers a GET with HTML, at 390 x 844 CSS pixels, per demo role.

No page may scroll sideways (wide tables scroll inside their own region or stack their rows) and
the closed header may take at most 15 % of the screen height. The pages come from the URL
patterns, so a new page is checked without being listed here; a new URL parameter needs an
object in ``demo_pages.url_kwargs``, else the test says which one is missing.
"""

from __future__ import annotations

import pytest

from demo_pages import page_urls
from needs import unavailable

try:
    from playwright.sync_api import expect
except ImportError:
    unavailable("the Python package playwright is not installed (dev extra)", module=True)

from browser_helpers import assert_no_errors, log_in, record_csp_violation
from koers.web.management.commands.koers_demo import DEMO_PASSWORD
from shared_demo import load_demo

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
HEADER_SHARE = 0.15

# The outermost elements that stick out on the right (their parent fits), outside any scroll region.
WIDEST = """() => {
  const limit = window.innerWidth + 0.5;
  const clipped = el => {  // inside a scroll region (absolutely positioned elements may escape it)
    if (['absolute', 'fixed'].includes(getComputedStyle(el).position)) return false;
    for (let e = el.parentElement; e; e = e.parentElement) if (getComputedStyle(e).overflowX !== 'visible') return true;
    return false; };
  const sticksOut = el => el.getBoundingClientRect().right > limit && !clipped(el);
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + [...el.classList].map(c => '.' + c).join('');
  const path = el => { const parts = []; for (let e = el; e && e !== document.body; e = e.parentElement)
    parts.unshift(name(e)); return parts.slice(-4).join(' > '); };
  return [...document.body.querySelectorAll('*')]
    .filter(el => sticksOut(el) && !(el.parentElement !== document.body && sticksOut(el.parentElement)))
    .slice(0, 3).map(el => `${path(el)} (right edge ${Math.round(el.getBoundingClientRect().right)}px)`);
}"""


def problems_on(page) -> list[str]:
    """What makes the page unfit for a phone: sideways scrolling or a tall header."""
    found = []
    sizes = page.evaluate("({scroll: document.documentElement.scrollWidth, width: window.innerWidth,"
                          " height: window.innerHeight,"
                          " header: document.querySelector('header')?.getBoundingClientRect().height || 0})")
    if sizes["scroll"] > sizes["width"]:
        found.append(f"{sizes['scroll']}px wide, widest: {'; '.join(page.evaluate(WIDEST))}")
    if sizes["header"] > HEADER_SHARE * sizes["height"]:
        found.append(f"header {sizes['header']:.0f}px high (more than {HEADER_SHARE:.0%} of {sizes['height']}px)")
    return found


@pytest.fixture
def phone(browser):
    # Not is_mobile: Chromium would then zoom out to fit a wide page and hide the overflow.
    context = browser.new_context(viewport=PHONE, locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.koers_errors = []
    page.on("pageerror", lambda error: page.koers_errors.append(f"JavaScript: {error}"))
    page.on("console", lambda message: record_csp_violation(page, message))
    yield page
    context.close()


@pytest.fixture
def demo(transactional_db, tmp_path_factory, settings):
    """Gemeente Voorbeeld as `make run` shows it: a user per role, scanned documents, the portfolio
    (built once per run: shared_demo)."""
    return load_demo(tmp_path_factory, settings)


# The fewest rights (viewer) and the most (admin: every page, every control); contributor and
# manager see a subset of the admin's pages and controls.
@pytest.mark.parametrize("role", ["anonymous", "viewer", "admin"])
def test_no_page_is_wider_than_a_phone(phone, server, demo, role):
    if role != "anonymous":
        log_in(phone, server, role, DEMO_PASSWORD)
    failures, checked = [], []
    for name, path in page_urls(demo):
        response = phone.request.get(server + path, max_redirects=0)
        if response.status != 200 or not response.headers.get("content-type", "").startswith("text/html"):
            continue  # not for this role, POST only, a redirect or a download
        if "<html" not in response.text():
            continue  # an htmx fragment, checked as part of its page
        phone.goto(server + path)
        phone.wait_for_load_state()
        checked.append(name)
        failures += [f"{name} ({path}): {problem}" for problem in problems_on(phone)]
    assert "login" in checked or role != "anonymous", checked
    assert len(checked) > (1 if role == "anonymous" else 10), f"too few pages checked: {checked}"
    assert not failures, f"{len(failures)} problems on {len(checked)} pages as {role}:\n" + "\n".join(failures)
    assert_no_errors(phone)


def test_the_phone_menu_opens_from_the_keyboard(phone, server, manager):
    log_in(phone, server)  # a member of one organisation: the menu has its pages
    menu = phone.get_by_role("button", name="Menu")
    documents = phone.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Documenten")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(documents).to_be_hidden()
    phone.keyboard.press("Tab")  # the skip link comes first
    expect(phone.get_by_role("link", name="Direct naar de inhoud")).to_be_focused()
    menu.focus()
    phone.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(documents).to_be_visible()
    expect(phone.get_by_role("button", name="Uitloggen")).to_be_visible()
    phone.keyboard.press("Enter")
    expect(documents).to_be_hidden()


def test_without_javascript_the_phone_header_shows_its_links(browser, server, manager):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, server)
        expect(page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Documenten")).to_be_visible()
        expect(page.get_by_role("button", name="Menu")).to_have_count(0)  # hidden: it could not open anything
    finally:
        context.close()
