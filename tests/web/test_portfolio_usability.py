"""The portfolio as a user works with it: the initiative list searches, filters, sorts and shows value, cost
and the latest selection in a fixed number of queries; the initiative page comes in sections with a
section menu; scores are picked on a labelled scale."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.apps.portfolio import framework, workflow
from koers.apps.portfolio.models import CriteriaFramework, Criterion, Initiative, Score, SelectionRun

from portfolio_helpers import make_portfolio


def _list(client, organisation, query=""):
    response = client.get(f"/organisaties/{organisation.slug}/portefeuille/initiatieven/{query}")
    assert response.status_code == 200
    return response.content.decode()


def _titles(body: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', body)


def _row(body: str, title: str) -> list[str]:
    """The cells of the row of ``title``, tags stripped."""
    row = re.search(r"<tr>((?:(?!</tr>).)*>" + re.escape(title) + r"</a>.*?)</tr>", body, re.S)[1]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]


@pytest.fixture
def portfolio(own):
    fw, items = make_portfolio(own)
    details = {  # title -> (department, owner, cost once, cost yearly)
        "Zaaksysteem vervangen": ("Dienstverlening", "Fatima", 120000, 5000),
        "Open data portaal": ("Informatievoorziening", "Jeroen", 8000, 1500),
        "Wettelijke archiefplicht": ("Archief", "Anouk", 0, 0),
        "Chatbot": ("Klantcontact", "Bram", 12500, 0),
        "Sensoren": ("Openbare ruimte", "Chen", 40000, 10000),
    }
    for title, (department, owner, once, yearly) in details.items():
        Initiative.objects.filter(pk=items[title].pk).update(
            department=department, owner=owner, cost_once=Decimal(once), cost_yearly=Decimal(yearly))
    return fw, items


def test_search_finds_reference_title_department_and_owner(client_for, own, portfolio):
    _fw, items = portfolio
    client = client_for("viewer")
    assert _titles(_list(client, own, "?zoek=portaal")) == ["Open data portaal"]
    assert _titles(_list(client, own, "?zoek=klantCONTACT")) == ["Chatbot"]
    assert _titles(_list(client, own, "?zoek=anouk")) == ["Wettelijke archiefplicht"]
    assert _titles(_list(client, own, f"?zoek={items['Sensoren'].reference}")) == ["Sensoren"]
    body = _list(client, own, "?zoek=bestaat-niet")
    assert _titles(body) == [] and "Geen initiatieven gevonden." in body


def test_search_and_status_filter_combine(client_for, own, portfolio):
    _fw, items = portfolio
    workflow.move(items["Chatbot"], Initiative.Status.PARKED, None, "later")
    client = client_for("viewer")
    assert _titles(_list(client, own, "?status=parked")) == ["Chatbot"]
    assert _titles(_list(client, own, "?status=parked&zoek=portaal")) == []
    assert "Chatbot" not in _titles(_list(client, own, "?status=assessment"))


@pytest.mark.parametrize("sort, expected", [
    ("titel", ["Chatbot", "Open data portaal", "Sensoren", "Wettelijke archiefplicht", "Zaaksysteem vervangen"]),
    ("-titel", ["Zaaksysteem vervangen", "Wettelijke archiefplicht", "Sensoren", "Open data portaal", "Chatbot"]),
    ("-waarde", ["Zaaksysteem vervangen", "Open data portaal", "Chatbot", "Wettelijke archiefplicht", "Sensoren"]),
    ("kosten", ["Wettelijke archiefplicht", "Open data portaal", "Chatbot", "Sensoren", "Zaaksysteem vervangen"]),
    ("afdeling", ["Wettelijke archiefplicht", "Zaaksysteem vervangen", "Open data portaal", "Chatbot",
                  "Sensoren"]),
    ("kenmerk", ["Zaaksysteem vervangen", "Open data portaal", "Wettelijke archiefplicht", "Chatbot", "Sensoren"]),
])
def test_the_list_sorts_on_a_column(client_for, own, portfolio, sort, expected):
    assert _titles(_list(client_for("viewer"), own, f"?sorteer={sort}")) == expected


def test_status_sorts_in_workflow_order(client_for, own, portfolio):
    _fw, items = portfolio
    workflow.move(items["Sensoren"], Initiative.Status.PARKED, None, "later")
    Initiative.objects.filter(pk=items["Chatbot"].pk).update(status=Initiative.Status.INTAKE)
    titles = _titles(_list(client_for("viewer"), own, "?sorteer=status"))
    assert titles[0] == "Chatbot" and titles[-1] == "Sensoren"  # intake first, parked last (not a-z)


def test_headers_link_to_sorting_keep_the_search_and_mark_the_sorted_column(client_for, own, portfolio):
    client = client_for("viewer")
    body = _list(client, own, "?zoek=o&status=assessment")
    assert re.search(r'<th scope="col" aria-sort="ascending"><a href="\?[^"]*">Kenmerk', body)  # the default
    link = re.search(r'<a href="\?([^"]*)">Waarde', body)[1].replace("&amp;", "&")
    assert set(link.split("&")) == {"zoek=o", "status=assessment", "sorteer=waarde"}
    body = _list(client, own, "?" + link)
    assert re.search(r'<th scope="col" aria-sort="ascending"><a href="\?[^"]*sorteer=-waarde[^"]*">Waarde', body)
    assert body.count("aria-sort=") == 1
    body = _list(client, own, "?zoek=o&status=assessment&sorteer=-waarde")
    assert re.search(r'<th scope="col" aria-sort="descending"><a href="\?[^"]*sorteer=waarde[^"]*">Waarde', body)
    assert '<option value="-waarde" selected>' in body  # a new search keeps the order
    assert _titles(_list(client, own, "?sorteer=onzin")) == _titles(_list(client, own))  # unknown: by kenmerk


def test_the_search_form_sorts_too_as_a_phone_hides_the_column_headers(client_for, own, portfolio):
    client = client_for("viewer")
    body = _list(client, own, "?sorteer=-kosten")
    select = body[body.index('<label class="koers-label" for="id_sorteer">Sorteren op</label>'):]
    select = select[:select.index("</select>")]
    options = re.findall(r'<option value="([^"]+)"( selected)?>([^<]+)</option>', select)
    assert [(value, label) for value, _selected, label in options] == [
        (value, f"{column}, {direction}")
        for key, column in (("kenmerk", "Kenmerk"), ("titel", "Titel"), ("afdeling", "Afdeling"), ("status", "Status"),
                            ("waarde", "Waarde"), ("kosten", "Kosten"))
        for value, direction in ((key, "oplopend"), (f"-{key}", "aflopend"))]
    assert [value for value, selected, _label in options if selected] == ["-kosten"]
    assert "koers-table--stack" in body and 'data-label="Kosten">€ 125.000' in body
    # the form's own submission: search, status and the chosen order together
    assert _titles(_list(client, own, "?zoek=e&status=&sorteer=-kosten")) == [
        "Zaaksysteem vervangen", "Sensoren", "Open data portaal", "Wettelijke archiefplicht"]


def test_value_cost_and_selection_columns(client_for, own, portfolio):
    fw, items = portfolio
    chosen, passed = items["Zaaksysteem vervangen"], items["Chatbot"]
    SelectionRun.objects.create(organisation=own, framework=fw, name="Voorjaar 2026", state=SelectionRun.State.DONE,
                                selected=[str(chosen.pk)], values={str(chosen.pk): 1.0, str(passed.pk): 0.5})
    later = workflow.submit(Initiative(organisation=own, title="Nieuw verzoek", problem="p", department="ICT"), None)
    body = _list(client_for("viewer"), own)
    assert "In de selectie van ‘Voorjaar 2026’" in body
    assert _row(body, "Zaaksysteem vervangen")[5:] == ["1,00", "€ 125.000", "ja"]
    assert _row(body, "Chatbot")[5:] == ["0,50", "€ 12.500", "nee"]
    assert _row(body, later.title)[5:] == ["0,00", "€ 0", "–"]  # not scored, not in that run


def test_selection_column_without_a_finished_run(client_for, own, portfolio):
    body = _list(client_for("viewer"), own)
    assert "In de selectie</th>" in body and _row(body, "Chatbot")[-1] == "–"


def test_the_list_takes_the_same_number_of_queries_for_more_initiatives(client_for, own, portfolio):
    fw, _items = portfolio
    client = client_for("viewer")
    SelectionRun.objects.create(organisation=own, framework=fw, name="Basis", state=SelectionRun.State.DONE)
    _list(client, own)  # warm up the session and caches
    with CaptureQueriesContext(connection) as few:
        _list(client, own, "?sorteer=-waarde")
    for number in range(8):
        item = workflow.submit(Initiative(organisation=own, title=f"Extra {number}", problem="p",
                                          department="ICT", owner="X"), None)
        for criterion in fw.criteria.all():
            framework.score(item, criterion, 2)
    with CaptureQueriesContext(connection) as many:
        body = _list(client, own, "?sorteer=-waarde")
    assert len(_titles(body)) == 13
    assert len(many.captured_queries) == len(few.captured_queries)


def test_long_lists_are_paginated_keeping_search_and_order(client_for, own, portfolio, monkeypatch):
    from koers.apps.portfolio.views import initiatives

    monkeypatch.setattr(initiatives, "PER_PAGE", 2)
    client = client_for("viewer")
    first = _list(client, own, "?sorteer=titel&zoek=e")
    assert _titles(first) == ["Open data portaal", "Sensoren"] and "Pagina 1 van 2" in first  # no Chatbot
    link = re.search(r'<a href="\?([^"]*)" rel="next">', first)[1].replace("&amp;", "&")
    assert set(link.split("&")) == {"sorteer=titel", "zoek=e", "pagina=2"}
    assert _titles(_list(client, own, "?" + link)) == ["Wettelijke archiefplicht", "Zaaksysteem vervangen"]


# --- the initiative page -----------------------------------------------------------------------------

SECTIONS = {"overzicht": "Overzicht", "effecten": "Doelen en effecten", "beoordeling": "Beoordeling",
            "toetsing": "Toetsing", "inzet": "Geschatte inzet", "geschiedenis": "Statusgeschiedenis"}


def _detail(client, organisation, item):
    response = client.get(f"/organisaties/{organisation.slug}/portefeuille/initiatieven/{item.pk}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", ["viewer", "manager"])
def test_the_initiative_page_has_sections_with_headings_and_a_section_menu(client_for, own, portfolio, role):
    _fw, items = portfolio
    body = _detail(client_for(role), own, items["Chatbot"])
    menu = body[body.index('<nav class="koers-toc" aria-label="Op deze pagina">'):]
    menu = menu[:menu.index("</nav>")]
    assert re.findall(r'<a href="#([a-z]+)">([^<]+)</a>', menu) == list(SECTIONS.items())
    positions = []
    for anchor, heading in SECTIONS.items():
        section = re.search(rf'<section id="{anchor}" aria-labelledby="([a-z-]+)">\s*<h2 id="\1">{heading}</h2>', body)
        assert section, anchor
        positions.append(section.start())
    assert positions == sorted(positions)


def test_each_part_of_the_page_is_in_its_section_and_posts_to_its_own_address(client_for, own, portfolio):
    _fw, items = portfolio
    item = items["Chatbot"]
    body = _detail(client_for("manager"), own, item)
    sections = {anchor: body[body.index(f'<section id="{anchor}"'):] for anchor in SECTIONS}
    sections = {anchor: text[:text.index("</section>")] for anchor, text in sections.items()}
    base = f"/organisaties/{own.slug}/portefeuille/initiatieven/{item.pk}/"
    assert "Probleem" in sections["overzicht"] and "Kosten" in sections["overzicht"]
    assert f'action="{base}scores/"' in sections["beoordeling"]
    for action in ("status/", "spelregels/", "principes/"):
        assert f'action="{base}{action}"' in sections["toetsing"], action
    assert "Naar ‘" in sections["toetsing"]  # what each next move needs
    assert "Team A" in sections["inzet"] and "Intake" in sections["geschiedenis"]


def _scale(body: str, criterion) -> tuple[str, list[tuple[str, str, bool]]]:
    """(legend, [(value, label, checked)]) of the radio group of ``criterion``."""
    group = body[body.index(f'<fieldset class="koers-field" id="id_score_{criterion.pk}">'):]
    group = group[:group.index("</fieldset>")]
    legend = re.sub(r"<[^>]+>", "", re.search(r"<legend[^>]*>(.*?)</legend>", group, re.S)[1]).strip()
    options = re.findall(r'<input type="radio" name="score_\d+" value="([^"]+)" id="([^"]+)"( checked)?>'
                         r'\s*<label for="\2">([^<]+)</label>', group)
    return legend, [(value, label, bool(checked)) for value, _id, checked, label in options]


def test_a_five_point_scale_is_a_labelled_radio_group(client_for, own, portfolio):
    fw, items = portfolio
    criterion = fw.criteria.first()
    legend, options = _scale(_detail(client_for("manager"), own, items["Open data portaal"]), criterion)
    assert legend.startswith(criterion.name)
    assert options == [("1", "1 = zeer laag", False), ("2", "2 = laag", False), ("3", "3 = gemiddeld", False),
                       ("4", "4 = hoog", True), ("5", "5 = zeer hoog", False)]


def test_other_scales_label_their_ends_and_long_ones_are_typed(client_for, own):
    draft = CriteriaFramework.objects.create(organisation=own, name="Eigen kader", version=1)
    ten = Criterion.objects.create(framework=draft, code="bereik", name="Bereik", scale_min=0, scale_max=10,
                                   weight=1, order=1)
    percent = Criterion.objects.create(framework=draft, code="dekking", name="Dekking", scale_min=0,
                                       scale_max=100, weight=1, order=2)
    framework.publish(draft)
    item = workflow.submit(Initiative(organisation=own, title="Meten", problem="p", department="ICT"), None)
    framework.score(item, percent, 37.5)
    body = _detail(client_for("manager"), own, item)
    _legend, options = _scale(body, ten)
    assert [label for _value, label, _checked in options] == ["0 = zeer laag"] + [str(n) for n in range(1, 10)] + [
        "10 = zeer hoog"]
    field = re.search(rf'<input type="text" name="score_{percent.pk}" [^>]*>', body)[0]
    assert 'value="37,5"' in field and 'inputmode="decimal"' in field
    assert "Van 0 (zeer laag) tot 100 (zeer hoog)" in body


def test_a_score_between_the_points_stays_and_a_picked_point_is_stored(client_for, own, portfolio):
    fw, items = portfolio
    item, criterion = items["Chatbot"], fw.criteria.first()
    Score.objects.filter(initiative=item, criterion=criterion).update(value=3.5)  # as an import may store it
    client = client_for("manager")
    _legend, options = _scale(_detail(client, own, item), criterion)
    assert ("3,5", "3,5 (huidige score)", True) in options and [o[0] for o in options].index("3,5") == 3
    response = client.post(f"/organisaties/{own.slug}/portefeuille/initiatieven/{item.pk}/scores/",
                           {"framework": fw.pk, f"score_{criterion.pk}": "3,5"})
    assert response.status_code == 302
    assert Score.objects.get(initiative=item, criterion=criterion).value == 3.5
    client.post(f"/organisaties/{own.slug}/portefeuille/initiatieven/{item.pk}/scores/",
                {"framework": fw.pk, f"score_{criterion.pk}": "5"})
    assert Score.objects.get(initiative=item, criterion=criterion).value == 5


def test_a_viewer_sees_the_scores_without_a_form(client_for, own, portfolio):
    _fw, items = portfolio
    body = _detail(client_for("viewer"), own, items["Chatbot"])
    assert 'type="radio"' not in body and "Score per criterium" in body
