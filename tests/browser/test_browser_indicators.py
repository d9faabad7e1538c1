"""Effect steering in a real browser: from defining an indicator to seeing its status change.

A manager defines an indicator through the form (no measurements: "onvoldoende gegevens"), sets two
targets, enters one measurement by hand, imports three more from a CSV file whose column names Koers
cannot guess (so the mapping step is needed), and then sees the status "op koers" with a forecast and
its chart. The demo's indicator pages get screenshots on request (KOERS_SCREENSHOTS=1).
"""

from __future__ import annotations

import re

import pytest

from needs import unavailable

try:
    from playwright.sync_api import expect
except ImportError:
    unavailable("the Python package playwright is not installed (dev extra)", module=True)

from browser_helpers import SCREENSHOTS, assert_no_errors, log_in

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "Aandeel online aanvragen"
# Own column names (none of them guessed), semicolons and Dutch decimals, as a spreadsheet exports them.
CSV = "Meetmoment;Herkomst;Online (%)\n2026-02;Formulierenplatform;63,5\n2026-03;Formulierenplatform;65,2\n" \
      "2026-04;Formulierenplatform;67\n"


def status(page):
    return page.locator("#status .koers-status")


def test_a_manager_defines_an_indicator_and_sees_its_status_change_after_an_import(page, server, organisation,
                                                                                    manager, tmp_path):
    from koers.apps.indicators.models import Indicator

    log_in(page, server)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Effecten").click()
    page.get_by_role("link", name="Indicator toevoegen").click()
    page.get_by_label("Naam").fill(NAME)
    page.get_by_label("Eenheid").fill("%")
    page.get_by_label("Richting").select_option(label="Hoger is beter")
    page.get_by_label("Marge voor ‘let op’ (fractie)").fill("0,05")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    expect(status(page)).to_have_text("onvoldoende gegevens")

    for day, value in (("2026-01-01", "60"), ("2027-01-01", "80")):
        page.get_by_role("link", name="Streefwaarde toevoegen of wijzigen").click()
        page.get_by_label("Datum").fill(day)
        page.get_by_label("Streefwaarde").fill(value)
        page.get_by_role("button", name="Streefwaarde opslaan").click()
        expect(page.get_by_text("De streefwaarde is opgeslagen.")).to_be_visible()

    page.get_by_role("link", name="Meting toevoegen").click()
    page.get_by_label("Datum").fill("2026-01-01")
    page.get_by_label("Waarde").fill("61,5")
    page.get_by_role("button", name="Meting opslaan").click()
    expect(page.get_by_text("1 meting toegevoegd.")).to_be_visible()
    expect(status(page)).to_have_text("onvoldoende gegevens")  # one measurement is no trend
    expect(page.get_by_text("minstens drie metingen")).to_be_visible()

    csv = tmp_path / "metingen.csv"
    csv.write_text(CSV, encoding="utf-8")
    page.get_by_role("link", name="Metingen importeren (CSV of Excel)").click()
    page.get_by_label("Bestand (CSV of Excel)").set_input_files(csv)
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", name="Stap 2 van 2: kies de kolommen")).to_be_visible()
    expect(page.get_by_role("region", name="De eerste rijen van het bestand")).to_contain_text("63,5")
    page.get_by_label("Datum").select_option("Meetmoment")
    page.get_by_label("Waarde").select_option("Online (%)")
    page.get_by_label("Bron").select_option("Herkomst")
    page.get_by_role("button", name="Importeren").click()

    expect(page.get_by_text("3 metingen toegevoegd.")).to_be_visible()
    expect(status(page)).to_have_text("op koers")
    expect(page.get_by_text(re.compile(r"met 80\s% zekerheid tussen"))).to_be_visible()
    chart = page.locator("#verloop svg[role=img]")
    expect(chart).to_be_visible()
    expect(chart.locator("title")).to_have_text(NAME)
    expect(page.locator("#metingen")).to_contain_text("Formulierenplatform")
    assert_no_errors(page)
    indicator = Indicator.objects.get(organisation=organisation, name=NAME)
    assert indicator.measurements.filter(entered_by=manager).count() == 4


def test_indicator_pages_render_with_the_demo_indicators(page, server, organisation, manager, screenshots_wanted):
    """The demo's indicators: the list with every status and one indicator's page with its chart;
    nothing wider than the screen, no errors; screenshots on request."""
    from koers.apps.indicators import demo
    from koers.apps.indicators.models import Indicator

    demo.seed(organisation)
    shares = Indicator.objects.get(organisation=organisation, name="Digitaal aandeel van de contacten")
    base = f"/organisaties/{organisation.slug}/effecten/"
    log_in(page, server)
    for name, path, heading in [
        ("effects-indicators", "", "Effecten: indicatoren"),
        ("effects-indicator", f"indicatoren/{shares.pk}/", shares.name),
    ]:
        response = page.goto(server + base + path)
        assert response.status == 200, f"{name}: HTTP {response.status}"
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name}: {overflow}px wider than the viewport"
        assert_no_errors(page)
        if name == "effects-indicators":
            for label in ("op koers", "let op", "uit koers", "onvoldoende gegevens"):
                expect(page.locator("main .koers-status", has_text=label).first).to_be_visible()
        else:
            expect(page.locator("#verloop svg[role=img]")).to_be_visible()
        if screenshots_wanted:
            if name == "effects-indicator":  # the chart with its legend, not only the figures above it
                page.locator("#verloop").evaluate("el => el.scrollIntoView()")
            page.screenshot(path=SCREENSHOTS / f"{name}.png")


def test_the_channel_page_shows_the_mix_and_the_inclusion_warning(page, server, organisation, manager,
                                                                   screenshots_wanted):
    """The demo's channel data: the digital share with its charts and the one inclusion warning,
    named in words; nothing wider than the screen, no errors; a screenshot on request."""
    from koers.apps.channels import demo

    demo.seed(organisation)
    log_in(page, server)
    response = page.goto(f"{server}/organisaties/{organisation.slug}/kanalen/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Kanalen en digitale inclusie")
    warning = page.locator("#inclusiewaarschuwingen")
    expect(warning).to_contain_text(demo.CUT_SERVICE)
    expect(warning).to_contain_text("75 jaar of ouder")
    expect(page.locator("#digitaal-aandeel svg[role=img]").first).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{overflow}px wider than the viewport"
    assert_no_errors(page)
    if screenshots_wanted:
        page.screenshot(path=SCREENSHOTS / "effects-channels.png")
