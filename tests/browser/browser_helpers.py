"""Constants shared by the browser tests (importable: pytest puts tests/browser on sys.path)."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("KOERS_CHROMIUM", "/usr/bin/chromium"))
# As root Chromium needs --no-sandbox; the other switches keep it quiet on a closed network
# (no update checks, sync or QUIC probes) and make it start faster.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
VIEWPORT = {"width": 1280, "height": 900}
PASSWORD = "browser-wachtwoord-123"
REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "docs" / "screenshots"



def log_in(page, server, username="beheerder"):
    from playwright.sync_api import expect

    page.goto(f"{server}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()


def assert_no_errors(page):
    """No JavaScript error and no HTTP error response (the ``page`` fixture records them)."""
    assert page.koers_errors == [], page.koers_errors
