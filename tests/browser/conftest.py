"""Fixtures for the browser tests: Debian's headless Chromium driven by Playwright.

The browser is Debian's ``chromium`` package (``/usr/bin/chromium``, or ``KOERS_CHROMIUM``),
started through Playwright's ``executable_path``; Playwright never downloads a browser here.
Without that browser the tests are skipped on a workstation, but fail in CI (``CI`` set),
because ``.ci/run`` installs it and a silent skip there would hide a broken setup.

The pages are served by pytest-django's ``live_server`` (a thread in this process, with the
test database, ``transactional_db``). Playwright's sync API runs an event loop in the test
thread; Django then refuses synchronous ORM calls there unless DJANGO_ALLOW_ASYNC_UNSAFE is set,
which is the documented way out for tests like these; it is set only while the browser runs, so
the other tests keep Django's guard.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from browser_helpers import CHROMIUM, CHROMIUM_ARGS, PASSWORD, REPO, VIEWPORT, record_csp_violation
from needs import unavailable


@pytest.fixture(scope="module")
def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the Python package playwright is not installed (dev extra)")
    if not CHROMIUM.is_file():
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            yield playwright
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture(scope="module")
def browser(_playwright):
    browser = _playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT, locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.koers_errors = []  # uncaught JavaScript errors and failed requests, asserted by the tests
    page.on("pageerror", lambda error: page.koers_errors.append(f"JavaScript: {error}"))
    page.on("console", lambda message: record_csp_violation(page, message))
    page.on("response", lambda response: response.status >= 400 and not response.url.endswith("/favicon.ico")
            and page.koers_errors.append(f"HTTP {response.status}: {response.url}"))
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins


@pytest.fixture
def server(live_server, transactional_db):
    """The live server's base URL (the live server needs transactional_db: it runs in another thread)."""
    return live_server.url


@pytest.fixture
def organisation(transactional_db):
    from koers.apps.organisations.models import Organisation

    return Organisation.objects.create(name="Gemeente Proefstad", slug="proefstad", population=64_000)


@pytest.fixture
def manager(organisation):
    from django.contrib.auth import get_user_model

    from koers.apps.organisations.models import Membership, Role

    user = get_user_model().objects.create_user("beheerder", "beheerder@example.org", PASSWORD)
    Membership.objects.create(user=user, organisation=organisation, role=Role.MANAGER)
    return user


@pytest.fixture(scope="session")
def example_pdf(tmp_path_factory) -> Path:
    """The fictional budget of Gemeente Voorbeeld (examples/documents) rendered to a multi-page PDF."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("examples_make_pdf", REPO / "examples" / "make_pdf.py")
    make_pdf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_pdf)
    out = tmp_path_factory.mktemp("pdf") / "begroting-2025.pdf"
    source = make_pdf.read_source(REPO / "examples" / "documents" / "voorbeeld" / "begroting-2025.md")
    pages = make_pdf.render_pdf(source, out, "Programmabegroting 2025")
    assert pages > 1
    return out


@pytest.fixture
def scanned_document(organisation, manager, example_pdf):
    """The example PDF stored for the organisation and scanned (eagerly, before the browser starts)."""
    from django.core.files import File

    from koers.apps.agenda.models import ScanDocument, Status
    from koers.apps.agenda.scanning import queue_scan

    with example_pdf.open("rb") as handle:
        document = ScanDocument.objects.create(
            organisation=organisation, uploaded_by=manager, file=File(handle, name=example_pdf.name),
            original_name=example_pdf.name, doc_type="begroting", year=2025)
    queue_scan(document)
    document.refresh_from_db()
    assert document.status == Status.DONE, document.error
    return document


@pytest.fixture(scope="session")
def screenshots_wanted() -> bool:
    """Screenshots under docs/screenshots are rewritten only on request (KOERS_SCREENSHOTS=1)."""
    return os.environ.get("KOERS_SCREENSHOTS") == "1"
