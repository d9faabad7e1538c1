"""Dutch numbers, dates, plurals and language on every page, in every form and in the import."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest

from koers.apps.audit.models import AuditEntry
from koers.apps.portfolio import gates, selection, transfer
from koers.apps.portfolio.models import Initiative, PortfolioSettings, Score, TeamCapacity
from koers.web import charts
from koers.web.numbers import DutchDecimalField, DutchFloatField, input_value, parse_decimal

from portfolio_helpers import make_portfolio
from test_api_portfolio_support import empty_organisation  # noqa: F401 - fixture

DASHBOARD = "/organisaties/proefstad/"
PORTFOLIO = "/organisaties/proefstad/portefeuille/"
TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "koers"


# --- language ------------------------------------------------------------------------------------

def test_an_english_browser_gets_dutch_until_english_is_chosen(client_for, own):
    client = client_for("viewer")
    page = client.get(DASHBOARD, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="nl">' in page.content.decode() and page["Content-Language"] == "nl"
    assert client.post("/taal/", {"language": "en", "next": "/"}, HTTP_ACCEPT_LANGUAGE="en").status_code == 302
    page = client.get(DASHBOARD, HTTP_ACCEPT_LANGUAGE="nl")
    assert '<html lang="en">' in page.content.decode() and page["Content-Language"] == "en"


def test_an_unknown_language_cookie_falls_back_to_dutch(client_for, own):
    client = client_for("viewer")
    client.cookies["django_language"] = "xx"
    assert '<html lang="nl">' in client.get(DASHBOARD, HTTP_ACCEPT_LANGUAGE="en").content.decode()


# --- numbers in ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("3,5", "3.5"), ("12.500,00", "12500.00"), ("12500", "12500"), ("1.000", "1000"), ("€ 12.500", "12500"),
    ("1.000.000", "1000000"), ("3.5", "3.5"), ("0.125", "0.125"), ("12500.50", "12500.50"), (" -2,5 ", "-2.5"),
])
def test_dutch_numbers_are_read(text, expected):
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["nan", "inf", "-Infinity", "1e5", "abc", "1,000.50", "1.2.3", "1,", "", "€"])
def test_junk_is_refused_with_a_dutch_message_naming_it(text):
    with pytest.raises(ValueError, match=f"‘{re.escape(text.strip())}’ is geen getal"):
        parse_decimal(text)


def test_number_fields_read_dutch_and_refuse_nan():
    assert DutchFloatField().clean("3,5") == 3.5
    assert DutchDecimalField(max_digits=12, decimal_places=2).clean("12.500,00") == Decimal("12500.00")
    field = DutchFloatField(min_value=0)
    for junk in ("nan", "inf", "veel"):
        with pytest.raises(Exception, match="geen getal"):
            field.clean(junk)
    widget = DutchFloatField().widget.render("x", 12500.5)
    assert 'type="text"' in widget and 'inputmode="decimal"' in widget and 'value="12500,5"' in widget


def test_input_values_read_back_as_themselves_in_any_language(settings):
    for value in (1.125, 12500.5, 0.125, 1000.0, Decimal("12500.50")):
        assert parse_decimal(input_value(value)) == Decimal(str(value))


def test_the_score_form_accepts_a_decimal_comma_and_refuses_nan(client_for, own):
    fw, items = make_portfolio(own)
    item, criterion = items["Chatbot"], fw.criteria.first()
    url = f"{PORTFOLIO}initiatieven/{item.pk}/scores/"
    client = client_for("manager")
    client.post(url, {"framework": fw.pk, f"score_{criterion.pk}": "3,5"})
    assert Score.objects.get(initiative=item, criterion=criterion).value == 3.5
    page = client.post(url, {"framework": fw.pk, f"score_{criterion.pk}": "nan"}, follow=True).content.decode()
    assert "‘nan’ is geen getal" in page
    assert Score.objects.get(initiative=item, criterion=criterion).value == 3.5


def test_capacity_and_budget_accept_dutch_numbers(client_for, own):
    make_portfolio(own)
    team = TeamCapacity.objects.filter(team__organisation=own).first().team
    response = client_for("manager").post(f"{PORTFOLIO}capaciteit/", {
        "action": "capacity", f"cap_{team.pk}_2026-Q1": "1.250,5", "budget": "€ 12.500,00"})
    assert response.status_code == 302
    assert TeamCapacity.objects.get(team=team, quarter="2026-Q1").hours == 1250.5
    assert PortfolioSettings.objects.get(organisation=own).budget == Decimal("12500.00")


def test_the_intake_amounts_accept_dutch_amounts(client_for, own):
    response = client_for("contributor").post(f"{PORTFOLIO}aanvragen/", {
        "title": "Loket", "problem": "Wachten", "department": "Burgerzaken", "personal_data": "none",
        "algorithm": "none", "cost_once": "12.500,00", "cost_yearly": "1.000"})
    assert response.status_code == 302, response.content.decode()
    item = Initiative.objects.get(organisation=own, title="Loket")
    assert (item.cost_once, item.cost_yearly) == (Decimal("12500.00"), Decimal("1000.00"))


# --- numbers and dates out -----------------------------------------------------------------------

def test_counts_are_grouped_years_and_ids_are_not(own, client_for, make_document):
    document = make_document(scan=False, year=2026)
    document.__class__.objects.filter(pk=document.pk).update(pages=1, words=12345)
    page = client_for("viewer").get(f"/organisaties/proefstad/agenda/documenten/{document.pk}/").content.decode()
    assert "1 pagina, 12.345 woorden" in page
    assert "<dd>2026</dd>" in page


def test_amounts_and_hours_on_the_portfolio_pages_are_dutch(client_for, own):
    fw, items = make_portfolio(own, capacity=(12345.5, 50))
    Initiative.objects.filter(pk=items["Chatbot"].pk).update(cost_once=Decimal("12500.00"))
    client = client_for("manager")
    detail = client.get(f"{PORTFOLIO}initiatieven/{items['Chatbot'].pk}/").content.decode()
    assert "€ 12.500 eenmalig" in detail
    assert 'value="12345,5"' in client.get(f"{PORTFOLIO}capaciteit/").content.decode()


def test_no_template_writes_an_id_or_page_number_with_a_thousands_point():
    # With USE_THOUSAND_SEPARATOR a primary key of 1234 in an attribute or URL would become "1.234".
    unsafe = re.compile(r"\{\{\s*[\w.]*(?:\.pk|page_number|page\.number)\s*(?:\|[^}]*)?\}\}")
    found = [(path.name, match) for path in TEMPLATES.rglob("templates/**/*.html")
             for match in unsafe.findall(path.read_text()) if "unlocalize" not in match]
    assert not found


def test_a_percentage_never_wraps_before_its_sign():
    # "86 %" with a plain space may break onto two lines on a phone; templates write &nbsp;%.
    loose = re.compile(r"(?:\d|\}\}|%\}) %(?![}(])")
    found = [(path.name, line) for path in TEMPLATES.rglob("templates/**/*.html")
             for line in path.read_text().splitlines() if loose.search(line)]
    assert not found
    from koers.apps.agenda.templatetags.koers_agenda import percent
    assert percent(86) == "86\u00a0%"


def test_chart_labels_are_dutch_and_coordinates_stay_plain():
    svg = str(charts.scatter([charts.Point(12000.0, 0.5, "A", True)], title="t", description="d", x_label="x",
                             y_label="y", selected_label="s", other_label="o").svg)
    assert ">12.000</text>" in svg and ">0,50</text>" in svg
    assert not re.search(r' (?:x|y|cx|cy)="[^"]*,', svg)


def test_the_explanation_writes_amounts_and_hours_the_dutch_way():
    assert "(€ 12.500)" in selection.explanation_text({"code": selection.OUT_BUDGET, "left": 12500.4}, {})
    text = selection.explanation_text({"code": selection.OUT_CAPACITY, "team": "ICT", "quarter": "2026-Q1",
                                       "left": 1250.5, "needed": 2000.0}, {})
    assert "nog 1.250,5 uur" in text and "vraagt 2.000 uur" in text


# --- plurals -------------------------------------------------------------------------------------

def test_one_principle_and_one_deviation_are_singular():
    facts = gates.Facts(principle_answers={"a": (None, ""), "b": ("deviates", "")})
    message = gates.principles_checked(facts, gates.IN_PROGRESS)
    assert "1 principe is nog niet getoetst" in message and "1 afwijking heeft geen onderbouwing" in message


def test_the_import_summary_counts_in_singular_and_plural(own, users):
    data = "kenmerk,titel,probleem,afdeling\r\nA-1,Loket,Wachten,Burgerzaken\r\n".encode()
    summary = transfer.import_portfolio(own, data, "een.csv", users["manager"]).summary()
    assert summary.startswith("1 rij gelezen: 1 initiatief nieuw")


# --- import --------------------------------------------------------------------------------------

def test_the_import_reads_dutch_amounts_numbers_and_words(own, users):
    make_portfolio(own)
    data = ("kenmerk;titel;probleem;afdeling;eenmalige_kosten;jaarlijkse_kosten;inzet:a:2026-Q1;"
            "persoonsgegevens;algoritme;verplicht;dpia_afgerond;status\r\n"
            "A-1;Loket;Wachten;Burgerzaken;12.500,00;€ 1.250;3,5;Hoog;ja;JA;nee;Geprioriteerd\r\n"
            "A-2;Balie;Wachten;Burgerzaken;€ 12.500;1.000;1.000;laag;geen;nee;ja;intake\r\n").encode()
    transfer.import_portfolio(own, data, "nl.csv", users["manager"])
    first = Initiative.objects.get(organisation=own, reference="A-1")
    assert (first.cost_once, first.cost_yearly, first.effort.get().hours) == (Decimal("12500"), Decimal("1250"), 3.5)
    assert (first.personal_data, first.algorithm, first.mandatory, first.dpia_done, first.status) == (
        "high", "affects_residents", True, False, "prioritised")
    second = Initiative.objects.get(organisation=own, reference="A-2")
    assert (second.cost_once, second.cost_yearly, second.effort.get().hours) == (Decimal("12500"), Decimal("1000"), 1000)
    assert (second.personal_data, second.algorithm, second.status) == ("low", "none", "intake")


def test_the_import_names_row_and_column_of_a_bad_amount(own, users):
    data = "kenmerk,titel,probleem,afdeling,eenmalige_kosten\r\nA-1,Loket,Wachten,Burgerzaken,nan\r\n".encode()
    with pytest.raises(transfer.PortfolioImportError, match="rij 2, kolom ‘eenmalige_kosten’: ‘nan’ is geen bedrag"):
        transfer.import_portfolio(own, data, "fout.csv", users["manager"])


def test_hours_with_three_decimals_survive_csv_and_xlsx(own, users, empty_organisation):
    from koers.apps.portfolio.models import EffortEstimate

    fw, items = make_portfolio(own)
    EffortEstimate.objects.filter(initiative=items["Chatbot"]).update(hours=1.125)
    for export, name in ((transfer.export_csv, "p.csv"), (transfer.export_xlsx, "p.xlsx")):
        Initiative.objects.filter(organisation=empty_organisation).delete()
        transfer.import_portfolio(empty_organisation, export(own), name, users["manager"])
        hours = EffortEstimate.objects.filter(initiative__organisation=empty_organisation,
                                              initiative__title="Chatbot").values_list("hours", flat=True)
        assert set(hours) == {1.125}, name


# --- audit trail ---------------------------------------------------------------------------------

def test_the_audit_trail_shows_yes_no_dashes_and_local_dutch_time(client_for, own, users):
    when = datetime.datetime(2026, 12, 3, 13, 5, tzinfo=datetime.timezone.utc)
    with mock.patch("django.utils.timezone.now", return_value=when):  # entries refuse updates
        AuditEntry.objects.create(
            organisation=own, actor_name="manager", action="update", model="portfolio.initiative", object_id="1",
            object_repr="Loket", changes={"mandatory": [False, True], "themes": [[], ["data", "ai"]],
                                          "cost_once": ["1000.00", "12500.00"], "owner": [None, "Eigenaar"],
                                          "desired_start": ["", "2026-Q1"]})
        AuditEntry.objects.create(organisation=own, actor_name="manager", action="update", model="agenda.scandocument",
                                  object_id="2", object_repr="Begroting", changes={"year": [2025, 2026],
                                                                                   "pages": [1.5, 12345.5]})
    page = client_for("manager").get("/organisaties/proefstad/audit/").content.decode()
    row = page[page.index("Loket"):]
    row = row[:row.index("</tr>")]
    assert "nee → ja" in row and "– → data, ai" in row and "1.000 → 12.500" in row and "– → Eigenaar" in row
    assert "3 december 2026, 14:05" in page  # 13:05 UTC is 14:05 in Amsterdam in winter
    for raw in ("False", "True", "[]", "None", "+00:00"):
        assert raw not in row
    assert "2025 → 2026" in page and "1,5 → 12.345,5" in page  # a year is never grouped
