"""Portfolio management in a real browser: from a contributor's request to the public decision.

A contributor submits a request through the intake form; a manager moves it into assessment,
scores it, runs the selection (Celery runs eagerly in tests), sees the result with its explanation,
records a decision and publishes it after confirming. A fresh browser context without a login then
reads the public page: the published decision with its chosen initiative, the one not chosen with
its reason, the criteria and weights, nothing unpublished.
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

NEW_TITLE = "Digitaal parkeervergunningloket"
RIVAL_TITLE = "Sensorennetwerk riolering"
UNPUBLISHED_TITLE = "Conceptbesluit dat niet openbaar is"
DECISION_TITLE = "Portefeuille 2026, eerste kwartaal"


def new_page(browser):
    """A page in its own browser context (own cookies), recording errors like the ``page`` fixture."""
    context = browser.new_context(viewport=VIEWPORT, locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.koers_errors = []
    page.on("pageerror", lambda error: page.koers_errors.append(f"JavaScript: {error}"))
    page.on("response", lambda response: response.status >= 400 and not response.url.endswith("/favicon.ico")
            and page.koers_errors.append(f"HTTP {response.status}: {response.url}"))
    return page


@pytest.fixture
def contributor(organisation):
    from django.contrib.auth import get_user_model

    from koers.apps.organisations.models import Membership, Role

    user = get_user_model().objects.create_user("indiener", "indiener@example.org", PASSWORD)
    Membership.objects.create(user=user, organisation=organisation, role=Role.CONTRIBUTOR)
    return user


@pytest.fixture
def portfolio(organisation):
    """A published default framework, one team with 100 hours in 2026-Q1, a scored rival needing 80
    of them, and an unpublished decision that must never reach the public page."""
    from koers.apps.portfolio import decisions, framework, principles, workflow
    from koers.apps.portfolio.models import EffortEstimate, Initiative, Team, TeamCapacity

    principles.ensure_defaults(organisation)
    fw = framework.ensure_default_framework(organisation)
    team = Team.objects.create(organisation=organisation, code="ontwikkeling", name="Ontwikkeling")
    TeamCapacity.objects.create(team=team, quarter="2026-Q1", hours=100)
    rival = workflow.submit(Initiative(
        organisation=organisation, title=RIVAL_TITLE, problem="Storingen worden laat ontdekt.",
        department="Openbare ruimte", intended_effect="Minder wateroverlast.", owner="Beheer"), None)
    EffortEstimate.objects.create(initiative=rival, team=team, quarter="2026-Q1", hours=80)
    for criterion in fw.criteria.all():
        framework.score(rival, criterion, 2)
    check_principles(rival)
    workflow.move(rival, Initiative.Status.ASSESSMENT, None, "klaar voor beoordeling")
    decisions.decide(organisation, title=UNPUBLISHED_TITLE, reasoning="Nog in bespreking.", run=None)
    return {"framework": fw, "rival": rival}


def check_principles(item):
    """Every principle answered: the rules of play then let it start, so the selection may choose it."""
    from koers.apps.portfolio import workflow
    from koers.apps.portfolio.models import Principle

    for principle in Principle.objects.filter(organisation=item.organisation, active=True):
        workflow.check_principle(item, principle, "complies")


def test_request_to_published_decision(browser, page, server, organisation, manager, contributor, portfolio):
    from koers.apps.portfolio.models import Initiative, Score

    slug = organisation.slug
    base = f"{server}/organisaties/{slug}/portefeuille/"

    # 1. The contributor submits a request through the intake form.
    asker = new_page(browser)
    try:
        log_in(asker, server, "indiener")
        asker.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Portefeuille").click()
        asker.get_by_role("navigation", name="Portefeuille").get_by_role("link", name="Aanvraag indienen").click()
        expect(asker.get_by_role("heading", level=1)).to_have_text("Aanvraag indienen")
        asker.get_by_label("Titel").fill(NEW_TITLE)
        asker.get_by_label("Probleem").fill("Inwoners moeten voor een parkeervergunning naar het stadhuis.")
        asker.get_by_label("Beoogd effect").fill("Inwoners regelen hun vergunning in vijf minuten online.")
        asker.get_by_label("Aanvragende afdeling").fill("Publiekszaken")
        asker.get_by_label("Eigenaar").fill("Teamleider Publiekszaken")
        asker.get_by_label("Geschatte inzet per team per kwartaal").fill("ontwikkeling, 2026-Q1, 80")
        asker.get_by_label("Eenmalige kosten").fill("25000")
        asker.get_by_role("button", name="Aanvraag indienen").click()
        expect(asker.get_by_text(re.compile(r"Uw aanvraag I-\d+ is ingediend\."))).to_be_visible()
        expect(asker.get_by_role("heading", level=1)).to_contain_text(NEW_TITLE)
        expect(asker.get_by_text("Status: Intake")).to_be_visible()
        assert_no_errors(asker)
    finally:
        asker.context.close()
    item = Initiative.objects.get(organisation=organisation, title=NEW_TITLE)
    assert item.status == Initiative.Status.INTAKE and item.submitted_by == contributor

    # 2. The manager assesses it: into assessment (the rules of play allow it), then scores.
    log_in(page, server, "beheerder")
    page.goto(f"{base}initiatieven/")
    page.get_by_role("link", name=NEW_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{item.reference} {NEW_TITLE}")
    page.get_by_label("Nieuwe status").select_option(label="Beoordeling")
    page.get_by_label("Reden").fill("Compleet; door naar de beoordeling.")
    page.get_by_role("button", name="Status wijzigen").click()
    expect(page.get_by_text("De status is nu ‘Beoordeling’.")).to_be_visible()
    criteria = list(portfolio["framework"].criteria.all())
    for criterion in criteria:
        page.get_by_role("group", name=criterion.name).get_by_label("5 = zeer hoog").check()
    page.get_by_role("button", name="Scores opslaan").click()
    expect(page.get_by_text("De scores zijn opgeslagen.")).to_be_visible()
    assert sorted(Score.objects.filter(initiative=item).values_list("value", flat=True)) == [5.0] * len(criteria)
    check_principles(item)

    # 3. The selection: both need the team's hours, only one fits; the better one is chosen.
    page.get_by_role("navigation", name="Portefeuille").get_by_role("link", name="Scenario's").click()
    page.get_by_label("Naam van het scenario").fill("Basis 2026")
    page.get_by_role("button", name="Berekenen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Scenario ‘Basis 2026’")
    outcome = page.locator(".koers-definitions dt", has_text="Uitkomst").locator("xpath=following-sibling::dd[1]")
    expect(outcome).to_have_text("optimaal (bewezen)")
    table = page.get_by_role("table", name="Initiatieven met waarde, inzet, keuze en uitleg")
    chosen = table.get_by_role("row").filter(has=page.get_by_role("link", name=NEW_TITLE))
    expect(chosen.get_by_role("cell").nth(2)).to_have_text("ja")
    expect(chosen).to_contain_text("Gekozen: levert binnen de capaciteit de meeste waarde op.")
    rival = table.get_by_role("row").filter(has=page.get_by_role("link", name=RIVAL_TITLE))
    expect(rival.get_by_role("cell").nth(2)).to_have_text("nee")
    expect(rival).to_contain_text(re.compile(r"Niet gekozen: team ontwikkeling heeft in 2026-Q1 nog 20(\.0)? uur"))

    # 4. A decision on that scenario, then published.
    page.get_by_role("navigation", name="Portefeuille").get_by_role("link", name="Besluiten").click()
    page.get_by_label("Titel van het besluit").fill(DECISION_TITLE)
    page.get_by_label("Onderbouwing").fill("Het loket helpt de meeste inwoners binnen de capaciteit.")
    expect(page.get_by_label("Scenario")).to_have_value(re.compile(r"\d+"))  # the latest scenario
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Het besluit is vastgelegd.")).to_be_visible()
    card = page.locator("article").filter(has=page.get_by_role("heading", name=DECISION_TITLE))
    expect(card).to_contain_text("Niet gepubliceerd")
    card.get_by_label("Ik bevestig dat dit besluit").check()  # publishing asks for confirmation
    card.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("Het besluit staat op de openbare pagina.")).to_be_visible()
    expect(card.get_by_role("button", name="Publicatie intrekken")).to_be_visible()
    assert_no_errors(page)

    # 5. The public page, in a fresh context without a login.
    visitor = new_page(browser)
    try:
        response = visitor.goto(f"{server}/openbaar/{slug}/portefeuille/")
        assert response.status == 200
        expect(visitor.get_by_role("button", name="Uitloggen")).to_have_count(0)
        expect(visitor.get_by_role("heading", level=1)).to_have_text(
            f"Besluiten over de digitale portefeuille van {organisation.name}")
        decision = visitor.locator("article").filter(has=visitor.get_by_role("heading", name=DECISION_TITLE))
        expect(decision).to_contain_text("Het loket helpt de meeste inwoners binnen de capaciteit.")
        row = decision.get_by_role("row").filter(has_text=NEW_TITLE)
        expect(row).to_contain_text("Inwoners regelen hun vergunning in vijf minuten online.")
        expect(row).to_contain_text("Gekozen: levert binnen de capaciteit de meeste waarde op.")
        not_chosen = decision.get_by_role("table", name="Niet gekozen initiatieven").get_by_role("row").filter(
            has_text=RIVAL_TITLE)
        expect(not_chosen).to_contain_text("Niet gekozen: team ontwikkeling heeft in 2026-Q1 nog 20")
        expect(decision.get_by_role("table", name="Criteria en gewichten")).to_be_visible()
        assert UNPUBLISHED_TITLE not in visitor.locator("main").inner_text()
        expect(visitor.locator("article")).to_have_count(1)
        assert_no_errors(visitor)
    finally:
        visitor.context.close()


def test_portfolio_pages_render_with_the_demo_portfolio(page, server, organisation, manager, screenshots_wanted):
    """The demo portfolio (40 initiatives, 4 teams x 8 quarters) on the main portfolio pages:
    charts drawn, nothing wider than the screen, no errors; screenshots on request."""
    from koers.apps.portfolio import demo
    from koers.apps.portfolio.models import Initiative, SelectionRun

    demo.load(organisation)
    run = SelectionRun.objects.filter(organisation=organisation).latest("id")
    chosen = Initiative.objects.get(pk=int(run.selected[0]))
    framework = run.framework
    base = f"/organisaties/{organisation.slug}/portefeuille/"
    log_in(page, server)
    for name, path, heading in [
        ("portfolio-overview", "", "Portefeuille"),
        ("portfolio-initiatives", "initiatieven/?sorteer=-waarde", "Initiatieven"),
        ("portfolio-initiative", f"initiatieven/{chosen.pk}/", chosen.title),
        ("portfolio-framework", f"afwegingskaders/{framework.pk}/", framework.name),
        ("portfolio-capacity", "capaciteit/", "Capaciteit"),
        ("portfolio-scenario", f"scenarios/{run.pk}/", run.name),
        ("portfolio-decisions", "besluiten/", "Besluiten"),
        ("portfolio-public", f"/openbaar/{organisation.slug}/portefeuille/", organisation.name),
    ]:
        path = path if path.startswith("/") else base + path
        response = page.goto(server + path)
        assert response.status == 200, f"{name}: HTTP {response.status}"
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        if name == "portfolio-overview":  # value against effort, demand against capacity
            assert page.locator("svg").count() >= 2, "the overview lacks its charts"
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name}: {overflow}px wider than the viewport"
        assert_no_errors(page)
        if screenshots_wanted:
            if name == "portfolio-overview":  # the charts, not only the key figures above them
                page.get_by_role("heading", name="Waarde tegen inzet").evaluate("el => el.scrollIntoView()")
            page.screenshot(path=SCREENSHOTS / f"{name}.png")
