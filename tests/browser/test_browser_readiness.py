"""The readiness scan in a real browser: a manager opens a round and makes links, a respondent without an
account answers through one, and once enough people answered the manager sees the radar and the table; the
used link is refused. With KOERS_SCREENSHOTS=1 the demo's radar, report (its PDF pages) and overview are
written to docs/screenshots.
"""

from __future__ import annotations

import pytest

from needs import unavailable

try:
    from playwright.sync_api import expect
except ImportError:
    unavailable("the Python package playwright is not installed (dev extra)", module=True)

from browser_helpers import SCREENSHOTS, VIEWPORT, assert_no_errors, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def answer_by_service(token: str, level: int) -> None:
    """A response through the same service the respondent page calls (every item at ``level``)."""
    from koers.apps.readiness import rounds
    from koers.apps.readiness.models import Invitation, Item

    invitation = Invitation.objects.get(pk=rounds.invitation_for(token).pk)
    items = Item.objects.filter(dimension__questionnaire=invitation.round.questionnaire_id)
    rounds.submit(token, [rounds.Given(item.pk, level) for item in items])


def test_a_respondent_answers_through_a_link_and_the_manager_sees_the_result(page, browser, server, organisation,
                                                                             manager):
    log_in(page, server)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Zelfscan").click()
    page.get_by_label("Naam van de ronde").fill("Nulmeting")
    page.get_by_label("Minimum aantal respondenten").fill("3")
    page.get_by_role("button", name="Ronde openen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nulmeting")
    round_url = page.url
    page.get_by_label("Aantal links").fill("3")
    page.get_by_role("button", name="Links maken").click()
    links = page.locator("#links").input_value().split()
    assert len(links) == 3 and all(link.startswith(server) for link in links)

    # The respondent: a fresh browser context, so no session and no account.
    respondent = browser.new_context(viewport=VIEWPORT, locale="nl-NL").new_page()
    respondent.goto(links[0])
    expect(respondent.get_by_role("heading", level=1)).to_have_text("Zelfscan digitale transformatie")
    radios = respondent.locator("input[type=radio][name^=level_][value='4']")
    assert radios.count() > 10
    for number in range(radios.count()):
        radios.nth(number).check()
    respondent.locator("details").first.locator("summary").click()
    respondent.locator("textarea[name^=evidence_]").first.fill("Het collegeprogramma noemt de visie.")
    respondent.get_by_role("button", name="Antwoorden versturen").click()
    expect(respondent.get_by_role("heading", level=1)).to_have_text("Bedankt voor uw antwoorden")

    page.goto(round_url)
    expect(page.locator("#uitkomsten")).to_contain_text("Er zijn nog 2 respondenten nodig")
    expect(page.locator("#uitkomsten svg")).to_have_count(0)
    for token_link, level in zip(links[1:], (2, 3)):
        answer_by_service(token_link.rstrip("/").rsplit("/", 1)[-1], level)

    page.reload()
    expect(page.locator("#uitkomsten svg[role=img]")).to_be_visible()
    table = page.get_by_role("table", name="Uitkomsten per dimensie")
    expect(table).to_be_visible()
    expect(table.get_by_role("row", name="Leiderschap en gedeelde visie")).to_contain_text("3")  # median of 4, 2, 3
    assert_no_errors(page)

    refused = respondent.goto(links[0])
    assert refused.status == 410
    expect(respondent.get_by_role("heading", level=1)).to_have_text("Deze link werkt niet")
    expect(respondent.get_by_text("er is al mee geantwoord")).to_be_visible()
    respondent.context.close()


def test_the_demo_radar_report_and_overview_render(page, server, organisation, manager, scanned_document,
                                                   screenshots_wanted):
    """All demo modules on one organisation (and the example budget, scanned): the latest round's radar, the overview with a block per module,
    and the issued report, whose PDF pages become PNGs on request."""
    import importlib

    from koers.apps.readiness.models import Round

    importlib.import_module("koers.apps.portfolio.demo").load(organisation)
    for module in ("indicators", "channels", "readiness", "reports"):  # the order of `koers_demo`
        importlib.import_module(f"koers.apps.{module}.demo").seed(organisation)
    latest = Round.objects.filter(organisation=organisation).order_by("-closed_at").first()
    log_in(page, server)

    page.goto(f"{server}/organisaties/{organisation.slug}/zelfscan/rondes/{latest.pk}/")
    radar = page.locator("#uitkomsten svg[role=img]")
    expect(radar).to_be_visible()
    assert_no_errors(page)
    if screenshots_wanted:
        page.locator("#uitkomsten").evaluate("el => el.scrollIntoView()")
        page.screenshot(path=SCREENSHOTS / "readiness-radar.png")

    page.goto(f"{server}/organisaties/{organisation.slug}/")
    for block in ("portefeuille", "indicatoren", "zelfscan", "rapportage"):
        expect(page.locator(f"#overzicht-{block} h2 a")).to_be_visible()
    expect(page.locator("#overzicht-rapportage")).to_contain_text("Voortgang digitale transformatie")
    expect(page.locator("#inclusiewaarschuwingen")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{overflow}px wider than the viewport"
    assert_no_errors(page)
    if screenshots_wanted:
        page.screenshot(path=SCREENSHOTS / "overview.png")
        write_report_pages(organisation)


def write_report_pages(organisation, pages=2) -> None:
    """The first pages of the organisation's issued report, rendered by PDFium to PNG."""
    import pypdfium2 as pdfium

    from koers.apps.reports.models import Report

    report = Report.objects.get(organisation=organisation, state=Report.State.ISSUED)
    with report.pdf.open("rb") as handle:
        document = pdfium.PdfDocument(handle.read())
    try:
        for number in range(min(pages, len(document))):
            document[number].render(scale=1.5).to_pil().save(SCREENSHOTS / f"report-page-{number + 1}.png")
    finally:
        document.close()
