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
# axe-core, the accessibility engine, from the npm registry (package.json; `make test` installs it).
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
# The rules of WCAG 2.1 level A and AA that axe can check automatically.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]



def log_in(page, server, username="beheerder", password=PASSWORD):
    page.goto(f"{server}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/inloggen/" not in url)  # on a phone the logout button is folded away


def record_csp_violation(page, message) -> None:
    """A console message from Chromium about something the Content-Security-Policy refused, as an error."""
    if "Content Security Policy" in message.text or message.text.startswith("Refused to"):
        page.koers_errors.append(f"CSP: {message.text}")


def assert_no_errors(page):
    """No JavaScript error and no HTTP error response (the ``page`` fixture records them)."""
    assert page.koers_errors == [], page.koers_errors


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page as it is now (WCAG 2.1 A and AA) and return its violations."""
    if not page.evaluate("typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
        # govern (a <script> tag with the text would be refused as inline script).
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then(results => results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " count: v.nodes.length, targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))",
        AXE_TAGS)


def describe_violations(name: str, violations: list[dict]) -> str:
    """One line per violation: rule id, impact, help text and the first elements it was found on."""
    return "\n".join(
        f"{name}: {v['id']} ({v['impact']}) {v['help']}; {v['count']}x, e.g. {', '.join(v['targets'])}"
        for v in violations)
