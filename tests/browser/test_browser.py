"""Koers in a real browser: upload and evidence, a keyboard-only pass, the main pages rendered.

Run with KOERS_SCREENSHOTS=1 to (re)write the screenshots under docs/screenshots/.
"""

from __future__ import annotations

import re

import pytest

from needs import unavailable

try:
    from playwright.sync_api import expect
except ImportError:
    unavailable("the Python package playwright is not installed (dev extra)", module=True)

from browser_helpers import PASSWORD, SCREENSHOTS, VIEWPORT, assert_no_errors, log_in

pytestmark = pytest.mark.django_db(transaction=True)

# What the focused element looks like: its focus indicator and whether it is on screen.
FOCUSED = """() => {
  const el = document.activeElement;
  // Marked for the accessible-name check: ":focus" misses a field whose inner part has the focus.
  document.querySelectorAll("[data-test-focused]").forEach(other => other.removeAttribute("data-test-focused"));
  el.setAttribute("data-test-focused", "");
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), id: el.id, href: el.getAttribute("href") || "",
    text: (el.innerText || el.value || "").trim(),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none",
    onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
              && box.left < innerWidth && box.top < innerHeight,
  };
}"""

# The focused element is the first element of the page that Tab can reach.
FIRST_TAB_STOP_IS_FOCUSED = """() => {
  const stops = document.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, '
    + '[tabindex]:not([tabindex="-1"])');
  return stops.length > 0 && stops[0] === document.activeElement;
}"""


# --- upload, watch it finish, open the evidence ---------------------------------------------------

DISPATCH_UID = "koers-browser-polling-worker"


class PollingWorker:
    """Stands in for the Celery worker so the page really has to poll for the result.

    Queued scans wait until the browser asks for the progress fragment (the htmx poll); at the
    start of that request the worker runs them. It works in the live server's thread, so the
    shared in-memory test database is never used by two threads at once.
    """

    def __init__(self, monkeypatch, organisation):
        from django.core.signals import request_started
        from django.urls import reverse

        from koers.apps.agenda import tasks
        from koers.apps.agenda.scanning import run_scan

        self.queued: list[tuple[int, str]] = []
        self.polls = 0
        self.run_scan = run_scan
        self.progress_path = reverse("agenda:progress", kwargs={"slug": organisation.slug})
        monkeypatch.setattr(tasks, "scan_document", self)  # queue_scan sends the task to this worker
        request_started.connect(self.on_request, dispatch_uid=DISPATCH_UID)

    def disconnect(self):
        from django.core.signals import request_started

        request_started.disconnect(dispatch_uid=DISPATCH_UID)

    def apply_async(self, args, task_id=None, **options):
        self.queued.append((args[0], task_id))

    def on_request(self, sender, environ=None, **kwargs):
        if environ and environ.get("PATH_INFO") == self.progress_path:
            self.polls += 1
            while self.queued:
                self.run_scan(*self.queued.pop(0))


@pytest.fixture
def polling_worker(monkeypatch, organisation):
    worker = PollingWorker(monkeypatch, organisation)
    yield worker
    worker.disconnect()


def test_upload_a_pdf_watch_the_scan_finish_and_open_the_evidence(page, server, manager, example_pdf,
                                                                  polling_worker):
    log_in(page, server)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Documenten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Documenten")
    page.wait_for_load_state()  # upload.js is ready

    page.get_by_label("Documenten", exact=True).set_input_files(example_pdf)
    expect(page.get_by_text(f"Gekozen: {example_pdf.name}")).to_be_visible()  # upload.js names the file
    page.get_by_label("Soort document").select_option("begroting")
    page.get_by_label("Jaar").fill("2025")
    page.get_by_role("button", name="Uploaden en scannen").click()

    expect(page.get_by_text("1 document ontvangen en in de wachtrij gezet.")).to_be_visible()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=example_pdf.name))
    status = row.locator(".koers-status")
    expect(status).to_have_text("In de wachtrij")
    expect(row.get_by_role("progressbar", name=f"Voortgang van {example_pdf.name}")).to_be_visible()
    expect(page.locator("#documenten")).to_have_attribute("hx-trigger", "every 2s")

    # htmx polls the progress fragment; the worker finishes on the first poll.
    expect(status).to_have_text("Klaar", timeout=8_000)
    assert polling_worker.polls == 1 and not polling_worker.queued
    expect(page.get_by_text("1 van 1 document verwerkt")).to_be_visible()
    expect(page.locator("#documenten")).not_to_have_attribute("hx-get", re.compile(".*"))  # polling stops
    expect(row.get_by_role("progressbar")).to_have_count(0)
    attention = int(row.get_by_role("cell").nth(3).inner_text())
    assert attention >= 3  # the budget pays explicit attention to several themes

    row.get_by_role("link", name=example_pdf.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(example_pdf.name)
    expect(page.locator(".koers-definitions .koers-status")).to_have_text("Klaar")
    pages = int(re.search(r"(\d+) pagina's", page.locator(".koers-definitions").inner_text()).group(1))
    assert pages > 1

    themes = page.locator("section.koers-evidence").filter(has=page.locator("mark"))
    assert themes.count() >= 3, "evidence for several themes"
    for index in range(themes.count()):
        passage = themes.nth(index).locator("ol.koers-passages > li").first
        page_number = int(re.match(r"Pagina (\d+)", passage.locator(".koers-passage__meta").inner_text()).group(1))
        assert 1 <= page_number <= pages
        marked = passage.locator("blockquote mark").first
        expect(marked).to_be_visible()
        assert marked.inner_text().strip()
        background = marked.evaluate("el => getComputedStyle(el).backgroundColor")
        assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the hit is highlighted"

    # The theme table links to each theme's evidence.
    first = themes.first.get_by_role("heading", level=2)
    page.get_by_role("table").get_by_role("link", name=first.inner_text()).click()
    expect(first).to_be_focused()
    assert_no_errors(page)


# --- keyboard only ---------------------------------------------------------------------------------

class Keyboard:
    """Moves through a page with Tab only, checking every element it reaches."""

    def __init__(self, page):
        self.page = page
        self.reached: list[str] = []

    def tab(self, backwards=False) -> dict:
        self.page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = self.page.evaluate(FOCUSED)
        label = f"{focused['tag']} {focused['text'] or focused['id'] or focused['href']!r}"
        assert focused["tag"] != "body", "focus fell out of the page"
        assert focused["outline"] or focused["shadow"], f"no visible focus on {label}"
        assert focused["onScreen"], f"focused element is not on screen: {label}"
        expect(self.page.locator("[data-test-focused]"), f"accessible name of {label}").to_have_accessible_name(
            re.compile(r"\w"), timeout=1_000)
        self.reached.append(label)
        return focused

    def tab_to(self, wanted, backwards=False, limit=60) -> dict:
        for _ in range(limit):
            focused = self.tab(backwards)
            if wanted(focused):
                return focused
        raise AssertionError(f"not reached with Tab; reached: {self.reached[-limit:]}")

    def first_stop_is_skip_link(self):
        focused = self.tab()
        assert focused["tag"] == "a" and focused["href"] == "#inhoud", "the first tab stop is the skip link"
        assert focused["text"] == "Direct naar de inhoud"
        assert self.page.evaluate(FIRST_TAB_STOP_IS_FOCUSED)


def test_keyboard_only_from_login_to_evidence_and_audit_trail(page, server, scanned_document):
    keys = Keyboard(page)
    page.goto(f"{server}/inloggen/")

    # The login form puts the focus in its first field (Django's autofocus), past the header;
    # going back with Shift+Tab still leads to the skip link as the first stop of the page.
    expect(page.get_by_label("Gebruikersnaam")).to_be_focused()
    keys.tab_to(lambda f: f["href"] == "#inhoud", backwards=True, limit=5)
    assert page.evaluate(FIRST_TAB_STOP_IS_FOCUSED)
    page.keyboard.press("Enter")  # skip to the content: the next stop is the first form field
    expect(page.locator("main")).to_be_focused()
    assert keys.tab()["id"] == "id_username"
    page.keyboard.type("beheerder")
    assert keys.tab()["id"] == "id_password"
    page.keyboard.type(PASSWORD)
    assert keys.tab()["text"] == "Inloggen"
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.url.endswith("/organisaties/proefstad/"), "the dashboard of the only organisation"

    keys.first_stop_is_skip_link()
    keys.tab_to(lambda f: f["tag"] == "a" and f["text"] == "Documenten")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Documenten")

    keys.first_stop_is_skip_link()
    keys.tab_to(lambda f: f["text"] == scanned_document.original_name)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(scanned_document.original_name)

    keys.first_stop_is_skip_link()
    link = keys.tab_to(lambda f: f["href"].startswith("#thema-"))
    page.keyboard.press("Enter")
    theme = page.locator(link["href"])
    expect(theme).to_be_focused()  # the theme's evidence heading, with its passages below
    section = page.locator("section.koers-evidence").filter(has=theme)
    expect(section.locator(".koers-passage__meta").first).to_have_text(re.compile(r"^Pagina \d+"))
    expect(section.locator("mark").first).to_be_visible()

    keys.tab_to(lambda f: f["tag"] == "a" and f["text"] == "Audittrail", backwards=True)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Audittrail")
    expect(page.get_by_role("cell", name=re.compile(scanned_document.original_name)).first).to_be_visible()

    keys.first_stop_is_skip_link()  # and every control of the audit trail reachable and named
    keys.tab_to(lambda f: f["text"] == "Exporteren als CSV")
    assert_no_errors(page)


# --- the main pages, with screenshots on request ----------------------------------------------------

def page_renders(page, name: str):
    """The page fits the viewport width, loaded without errors and (Koers's own pages) is Dutch."""
    if name != "api-docs":  # drf-spectacular's Swagger UI template sets neither lang nor our title
        assert page.evaluate("document.documentElement.lang") == "nl"
        assert page.title().endswith("– Koers")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name}: {overflow}px wider than the viewport"
    assert_no_errors(page)


def test_main_pages_render(page, server, scanned_document, screenshots_wanted):
    slug = scanned_document.organisation.slug
    shots = []

    def shoot(name):
        page_renders(page, name)
        if screenshots_wanted:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOTS / f"{name}.png")
            shots.append(name)

    page.goto(f"{server}/inloggen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    header = page.locator(".koers-header").evaluate("el => getComputedStyle(el).backgroundColor")
    assert header not in ("rgba(0, 0, 0, 0)", "transparent"), "the style sheet is applied"
    shoot("login")

    log_in(page, server)
    pages = [
        ("dashboard", f"/organisaties/{slug}/", "Overzicht van"),
        ("documents", f"/organisaties/{slug}/agenda/", "Documenten"),
        ("document-evidence", f"/organisaties/{slug}/agenda/documenten/{scanned_document.pk}/",
         scanned_document.original_name),
        ("codebook", f"/organisaties/{slug}/codeboek/", "Codeboek"),
        ("audit-trail", f"/organisaties/{slug}/audit/", "Audittrail"),
    ]
    for name, path, heading in pages:
        response = page.goto(server + path)
        assert response.status == 200, f"{name}: HTTP {response.status}"
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        if name == "document-evidence":  # show the theme table and the first highlighted passages
            expect(page.locator(".koers-passage mark").first).to_be_visible()
            page.get_by_role("heading", name="Resultaat per thema").evaluate("el => el.scrollIntoView()")
        shoot(name)

    response = page.goto(f"{server}/api/v1/docs")
    assert response.status == 200
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Koers API")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()  # the operations are listed
    shoot("api-docs")

    if screenshots_wanted:
        for name in shots:
            png = (SCREENSHOTS / f"{name}.png").read_bytes()
            assert png[:8] == b"\x89PNG\r\n\x1a\n"
            width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
            assert (width, height) == (VIEWPORT["width"], VIEWPORT["height"])
