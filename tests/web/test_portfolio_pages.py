"""The portfolio pages render for their roles, the intake form stores a request, and the overview
page exports and imports the portfolio (CSV and Excel)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from koers.apps.portfolio import selection
from koers.apps.portfolio.models import EffortEstimate, Initiative, Team, Transition

from portfolio_helpers import make_portfolio


def test_intake_form_stores_the_request(client_for, own):
    Team.objects.create(organisation=own, code="ontwikkeling", name="Ontwikkeling")
    client = client_for("contributor")
    page = client.get(f"/organisaties/{own.slug}/portefeuille/aanvragen/")
    assert page.status_code == 200 and "Beoogd effect" in page.content.decode()
    response = client.post(f"/organisaties/{own.slug}/portefeuille/aanvragen/", {
        "title": "Vergunningscheck", "problem": "Ondernemers weten niet welke vergunning nodig is.",
        "intended_effect": "Snel duidelijkheid", "department": "Vergunningen", "personal_data": "none",
        "algorithm": "none", "owner": "Teamleider", "cost_once": "10000", "cost_yearly": "1000",
        "desired_start": "2026-Q1", "desired_end": "2026-Q2", "effort": "ontwikkeling, 2026-Q1, 120",
    })
    item = Initiative.objects.get(title="Vergunningscheck")
    assert response.status_code == 302 and item.status == "intake" and item.reference == "I-001"
    assert EffortEstimate.objects.get(initiative=item).hours == 120
    assert Transition.objects.get(initiative=item).to_status == "intake"


def test_intake_form_errors_are_in_dutch(client_for, own):
    response = client_for("contributor").post(f"/organisaties/{own.slug}/portefeuille/aanvragen/", {
        "title": "", "effort": "onbekend, 2026-Q1, 5", "desired_start": "2026-5"})
    body = response.content.decode()
    assert response.status_code == 400 and "Er is een probleem" in body and "onbekend team" in body


def test_manager_pages_render(client_for, own):
    fw, items = make_portfolio(own)
    run = selection.queue(selection.create_run(own, fw, name="Basis", sensitivity_draws=3))
    client = client_for("manager")
    base = f"/organisaties/{own.slug}/portefeuille/"
    for path in ("", "initiatieven/", f"initiatieven/{items['Chatbot'].pk}/", "afwegingskaders/",
                 f"afwegingskaders/{fw.pk}/", "spelregels/", "capaciteit/", "scenarios/", f"scenarios/{run.pk}/",
                 "besluiten/"):
        assert client.get(base + path).status_code == 200, path
    assert "Gekozen in trekkingen" in client.get(f"{base}scenarios/{run.pk}/").content.decode()


def test_new_scenario_through_the_page(client_for, own):
    fw, _ = make_portfolio(own)
    response = client_for("manager").post(f"/organisaties/{own.slug}/portefeuille/scenarios/nieuw/", {
        "name": "Capaciteit +20 %", "framework": fw.pk, "capacity_percent": 120, "budget": "",
        "sensitivity_draws": 0})
    assert response.status_code == 302
    assert selection.SelectionRun.objects.get(name="Capaciteit +20 %").capacity_factor == 1.2


def test_changes_are_audited(own):
    from koers.apps.audit.models import AuditEntry

    make_portfolio(own)
    models = set(AuditEntry.objects.filter(organisation=own).values_list("model", flat=True))
    assert {"portfolio.initiative", "portfolio.transition", "portfolio.score", "portfolio.criteriaframework"} <= models


# --- import and export on the overview page ------------------------------------------------------

def _overview(organisation):
    return f"/organisaties/{organisation.slug}/portefeuille/"


def test_viewers_may_export_only_managers_see_the_import_form(client_for, own):
    make_portfolio(own)
    viewer = client_for("viewer").get(_overview(own)).content.decode()
    assert "Exporteren als CSV" in viewer and "Exporteren als Excel" in viewer
    assert 'name="bestand"' not in viewer
    manager = client_for("manager").get(_overview(own)).content.decode()
    assert 'name="bestand"' in manager and 'enctype="multipart/form-data"' in manager
    assert 'for="id_bestand"' in manager and ">Importeren</button>" in manager


@pytest.mark.parametrize("kind, path, content_type", [
    ("csv", "exporteren/csv/", "text/csv; charset=utf-8"),
    ("xlsx", "exporteren/excel/",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
])
def test_an_export_imports_back(client, client_for, own, foreign, outsider, kind, path, content_type):
    make_portfolio(own)
    response = client_for("viewer").get(_overview(own) + path)
    assert response.status_code == 200 and response["Content-Type"] == content_type
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="portefeuille-proefstad-') and disposition.endswith(f'.{kind}"')
    data = response.content
    if kind == "csv":
        assert data.startswith("\ufeffkenmerk;titel;".encode())  # Dutch Excel: semicolons
    else:
        assert data[:4] == b"PK\x03\x04"

    # Back into the same organisation: every row recognised, nothing changes.
    back = client_for("manager").post(_overview(own) + "importeren/", {
        "bestand": SimpleUploadedFile(f"export.{kind}", data, content_type=content_type)}, follow=True)
    assert back.status_code == 200
    assert "5 rijen gelezen: 0 initiatieven nieuw, 0 bijgewerkt, 5 ongewijzigd." in back.content.decode()

    # Into an empty organisation (its own admin): the same initiatives, effort and scores.
    client.force_login(outsider)
    response = client.post(_overview(foreign) + "importeren/", {
        "bestand": SimpleUploadedFile(f"export.{kind}", data, content_type=content_type)})
    assert response.status_code == 302 and response["Location"] == _overview(foreign)
    assert "5 initiatieven nieuw" in client.get(_overview(foreign)).content.decode()
    assert sorted(Initiative.objects.filter(organisation=foreign).values_list("title", flat=True)) == sorted(
        Initiative.objects.filter(organisation=own).values_list("title", flat=True))
    assert EffortEstimate.objects.filter(initiative__organisation=foreign).count() == \
        EffortEstimate.objects.filter(initiative__organisation=own).count()


def test_a_bad_row_is_named_and_nothing_is_stored(client_for, own):
    csv = ("kenmerk,titel,probleem,afdeling,gewenste_start\r\n"
           "N-1,Goede rij,Een probleem.,ICT,2026-Q1\r\n"
           "N-2,Foute rij,Een probleem.,ICT,2026-5\r\n").encode()
    response = client_for("manager").post(_overview(own) + "importeren/", {
        "bestand": SimpleUploadedFile("aanvragen.csv", csv, content_type="text/csv")})
    body = response.content.decode()
    assert response.status_code == 400
    summary = body[body.index('id="foutoverzicht"') - 200:body.index("</div>", body.index('id="foutoverzicht"'))]
    assert 'role="alert"' in summary and "aanvragen.csv is niet geïmporteerd" in summary
    assert "rij 3" in summary and "gewenste_start" in summary and 'href="#id_bestand"' in summary
    assert "rij 2" not in summary
    assert 'aria-invalid="true"' in body and "Er is niets opgeslagen" in body
    assert not Initiative.objects.filter(organisation=own).exists()


def test_import_without_a_file_says_so(client_for, own):
    response = client_for("manager").post(_overview(own) + "importeren/")
    assert response.status_code == 400 and "Kies een CSV- of Excel-bestand" in response.content.decode()


def test_the_portfolio_pages_speak_english_after_the_language_switch(client_for, own):
    fw, items = make_portfolio(own)
    run = selection.queue(selection.create_run(own, fw, name="Basis"))
    client = client_for("manager")
    assert client.post("/taal/", {"language": "en", "next": "/"}).status_code == 302
    base = f"/organisaties/{own.slug}/portefeuille/"
    expected = {
        "": ["<h1>Portfolio</h1>", "Value against effort", "Selection with explanation", "Export as Excel",
             "Import and export", ">Import</button>"],
        "aanvragen/": ["<h1>Submit a request</h1>", "What and why", "Effort, costs and planning"],
        f"initiatieven/{items['Chatbot'].pk}/": ["Rules of play and status", "Principles check", "Status history"],
        "scenarios/": ["<h1>Scenarios</h1>", "Calculate a new scenario"],
        f"scenarios/{run.pk}/": ["Outcome", "optimal (proven)", "Chosen: delivers the most value within the capacity."],
        "besluiten/": ["<h1>Decisions</h1>", "Record decision", "Public page"],
        "capaciteit/": ["<h1>Capacity and budget</h1>", "Add team"],
        "spelregels/": ["<h1>Rules of play and principles</h1>"],
        "afwegingskaders/": ["<h1>Weighing frameworks</h1>"],
    }
    for path, texts in expected.items():
        response = client.get(base + path)
        body = response.content.decode()
        assert response.status_code == 200 and '<html lang="en"' in body, path
        for text in texts:
            assert text in body, (path, text)


def test_number_fields_are_text_inputs_filled_the_way_they_are_read_back(client_for, own):
    # A browser shows <input type="number"> empty when given a Dutch decimal comma, and saving would
    # then wipe the stored value; so number fields are text inputs with a numeric keyboard, filled with
    # a decimal comma and no grouping, which koers.web.numbers reads back unchanged.
    import re

    from koers.apps.portfolio.models import PortfolioSettings, TeamCapacity

    fw, items = make_portfolio(own, capacity=(100.5, 50))
    PortfolioSettings.objects.update_or_create(organisation=own, defaults={"budget": 250000.5})
    client = client_for("manager")
    base = f"/organisaties/{own.slug}/portefeuille/"
    for path in ("capaciteit/", f"initiatieven/{items['Chatbot'].pk}/"):
        body = client.get(base + path).content.decode()
        assert not re.findall(r'<input type="number"[^>]*>', body), path
    capacity = client.get(base + "capaciteit/").content.decode()
    assert re.findall(r'<input type="text" inputmode="decimal"[^>]*>', capacity)  # scores: a radio scale
    assert 'value="100,5"' in capacity and 'value="250000,50"' in capacity
    assert TeamCapacity.objects.filter(hours=100.5).exists()
