"""The national figures (municipality-years per size class, province and year, with Wilson intervals,
the 2022 reference and the overhead costs), the opt-in of organisations, the page, its CSV and the API."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from koers.apps.agenda import reviews
from koers.apps.national import context, figures, participation
from koers.apps.national.models import ContextFigure, ScanOutcome
from koers.connectors.http import SourceError

from national_view_helpers import figure, harvested, seed_country
from web_helpers import PLAIN_TEXT

SECURITY, SERVICE, DATA = "informatieveiligheid-privacy", "digitale-dienstverlening", "datagedreven-werken"


def rows(grouping, year=None, doc_type=None, theme=SECURITY):
    return {row.group: row for row in figures.figures(figures.load(doc_type), grouping, year).rows_for(theme)}


# --- the unit: a municipality-year ----------------------------------------------------------------

def test_a_municipality_year_has_attention_when_any_of_its_documents_has_it(db):
    harvested("GM0014", 2024, {SECURITY: False}, doc_type="begroting")
    harvested("GM0014", 2024, {SECURITY: True}, doc_type="kadernota")
    harvested("GM0014", 2023, {SECURITY: False})
    by_year = rows("year")
    assert (by_year["2024"].n, by_year["2024"].k) == (1, 1)  # two documents, one municipality-year
    assert (by_year["2023"].n, by_year["2023"].k) == (1, 0)
    assert rows("year", doc_type="begroting")["2024"].k == 0  # only the begroting counts now


def test_rows_carry_n_k_the_share_and_its_wilson_interval(db):
    for code, attention in [("GM0014", True), ("GM0034", True), ("GM0037", False), ("GM0047", False)]:
        harvested(code, 2025, {SECURITY: attention}, province="Groningen")
    row = rows("province")["Groningen"]
    assert (row.n, row.k, row.share) == (4, 2, 0.5)
    assert (row.low, row.high) == pytest.approx((0.15004, 0.84996), abs=1e-5)


def test_provinces_come_from_the_shipped_list_when_the_harvest_gave_none(db):
    harvested("GM0014", 2025, {SECURITY: True})  # Groningen, in the province Groningen
    harvested("GM0363", 2025, {SECURITY: False})  # Amsterdam
    assert set(rows("province")) == {"Groningen", "Noord-Holland"}


# --- size classes, reference and overhead -----------------------------------------------------------

def test_the_size_class_follows_the_population_of_the_documents_year_else_the_2024_list(db):
    # Stadskanaal had 32,013 inhabitants in 2024; a CBS figure of 60,000 for 2023 puts 2023 in the middle class.
    figure("population", "GM0037", 2023, 60_000)
    harvested("GM0037", 2023, {SECURITY: True})
    harvested("GM0037", 2024, {SECURITY: True})
    result = figures.figures(figures.load(), "size_class")
    by_class = {row.group: row for row in result.rows_for(SECURITY)}
    assert by_class["50k-100k"].n == 1 and by_class["50k-100k"].fallback == 0
    assert by_class["<50k"].n == 1 and by_class["<50k"].fallback == 1
    assert result.fallback == 1


def test_an_unknown_municipality_is_left_out_of_the_size_classes_and_counted(db):
    harvested("GM9999", 2024, {SECURITY: True})
    result = figures.figures(figures.load(), "size_class")
    assert result.units == 0 and result.left_out == 1


def test_the_2022_study_and_the_median_overhead_stand_beside_each_size_class(db):
    for code, overhead in [("GM0037", 300), ("GM0047", 500), ("GM1680", 400)]:  # three small municipalities
        harvested(code, 2024, {DATA: True})
        figure("overhead", code, 2024, overhead)
    result = figures.figures(figures.load(), "size_class")
    small = result.rows_for(DATA)[0]
    assert (small.group, small.reference, small.overhead, small.overhead_n) == ("<50k", 50, 400, 3)
    assert result.reference[DATA] == 54


# --- which scan counts ----------------------------------------------------------------------------------

def test_the_latest_codebook_counts_and_files_scanned_only_with_an_older_one_are_left_out(db):
    old = harvested("GM0014", 2024, {SECURITY: True}, codebook="oud")
    ScanOutcome.objects.create(sha256=old.sha256, codebook_version="nieuw", status="failed")
    harvested("GM0034", 2024, {SECURITY: False}, codebook="nieuw")
    both = harvested("GM0037", 2024, {SECURITY: False}, codebook="oud")
    newer = ScanOutcome.objects.create(sha256=both.sha256, codebook_version="nieuw", status="done")
    newer.themes.create(theme=SECURITY, label="Informatieveiligheid", attention=True)
    harvested("GM0047", 2024, {}, status=None)  # registered, never scanned
    data = figures.load()
    assert data.codebook_version == "nieuw"
    assert (data.older_codebook, data.unscanned) == (1, 1)
    row = rows("year")["2024"]
    assert (row.n, row.k) == (2, 1)  # GM0034 without and GM0037 with attention (its newer scan)


# --- organisations that opted in ----------------------------------------------------------------------------

def test_an_opted_in_organisation_replaces_the_harvested_year_with_its_reviewed_verdicts(own, users, make_document):
    own.cbs_code = "14"  # Groningen, written the short way
    own.save()
    harvested("GM0014", 2025, {SERVICE: True})
    document = make_document(text=PLAIN_TEXT, year=2025)
    assert rows("year", theme=SERVICE)["2025"].k == 1  # not opted in: only the harvested document counts

    participation.set_opt_in(own, True, users["admin"])
    opted = figures.figures(figures.load(), "year")
    assert opted.opted_in == 1 and opted.rows_for(SERVICE)[0].k == 0  # its own scan found no attention

    reviews.review(document, SERVICE, True, "Paragraaf 3 gaat over het digitale loket.", users["manager"])
    assert rows("year", theme=SERVICE)["2025"].k == 1  # the reviewer's verdict counts

    participation.set_opt_in(own, False, users["admin"])
    assert figures.figures(figures.load(), "year").opted_in == 0


# --- efficiency --------------------------------------------------------------------------------------------

def test_the_whole_country_over_three_years_takes_a_fixed_number_of_queries(db, django_assert_max_num_queries):
    assert seed_country(years=(2023, 2024, 2025)) == 342 * 3
    with django_assert_max_num_queries(5):
        data = figures.load()
        results = [figures.figures(data, grouping) for grouping in figures.GROUPINGS]
    assert results[0].units == 342 * 3 and sum(r.n for r in results[2].rows_for(SECURITY)) == 342 * 3
    assert len(results[1].rows_for(SECURITY)) == 12  # the provinces


# --- the page ----------------------------------------------------------------------------------------------

def test_without_data_the_page_explains_how_the_data_is_collected(client, db):
    page = client.get("/landelijk/").content.decode()
    assert "koers harvest" in page and "koers batch" in page
    assert "CC BY 4.0" in page and "Open Raadsinformatie" in page


def test_the_page_shows_a_table_per_theme_in_dutch_numbers_with_reference_and_overhead(client, db):
    for code, attention in [("GM0037", True), ("GM0047", True), ("GM1680", False)]:
        harvested(code, 2024, {DATA: attention})
        figure("overhead", code, 2024, 412.4)
    page = client.get("/landelijk/", {"group": "size_class", "year": 2024}).content.decode()
    assert "<caption>Datagedreven werken: aandeel gemeenten met expliciete aandacht, per grootteklasse (2024)" in page
    assert '<th scope="row">minder dan 50.000 inwoners</th>' in page
    assert "66,7&nbsp;%" in page and "20,8–93,9&nbsp;%" in page  # 2 of 3, Wilson
    assert "Onderzoek 2022: 50 gemeenten" in page and "54&nbsp;%" in page and "50&nbsp;%" in page
    assert "€&nbsp;412" in page and "waarin ICT" in page
    assert 'role="img"' in page  # the trend chart, with its data as a table
    assert 'href="/landelijk/csv/?group=size_class&amp;year=2024"' in page


def test_without_a_year_the_latest_year_is_shown_and_alle_pools_the_years(client, db):
    harvested("GM0037", 2023, {DATA: False})
    harvested("GM0037", 2024, {DATA: True})
    page = client.get("/landelijk/").content.decode()
    assert "per grootteklasse (2024)" in page and "Gemeenten (n)" in page
    assert '<option value="2024" selected>' in page
    pooled = client.get("/landelijk/", {"year": "alle"}).content.decode()
    assert "per grootteklasse</caption>" in pooled and "Gemeentejaren (n)" in pooled
    assert client.get("/api/v1/national/figures").json()["year"] == 2024
    body = client.get("/api/v1/national/figures", {"year": "alle"}).json()
    assert (body["year"], body["units"]) == (None, 2)


def test_a_wrong_filter_in_the_address_gives_a_dutch_message_and_the_default_view(client, db):
    response = client.get("/landelijk/", {"group": "gemeente", "year": "twintig"})
    assert response.status_code == 200
    assert "Een filter in het adres klopt niet" in response.content.decode()
    csv_response = client.get("/landelijk/csv/", {"year": "twintig"})
    assert csv_response.status_code == 400 and "Traceback" not in csv_response.content.decode()


def test_the_csv_has_every_row_and_guards_text_against_formulas(client, db):
    harvested("GM0014", 2024, {SECURITY: True}, province="=HYPERLINK(\"x\")")
    response = client.get("/landelijk/csv/", {"group": "province"})
    assert response["Content-Disposition"] == 'attachment; filename="koers-landelijk-province.csv"'
    table = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["group"], r["theme"], r["n"], r["k"], r["share"]) for r in table] == [
        ("'=HYPERLINK(\"x\")", SECURITY, "1", "1", "100.0")]
    assert table[0]["low"] == "20.7" and table[0]["reference_2022"] == ""


# --- the API -------------------------------------------------------------------------------------------------

def test_the_api_gives_the_rows_with_interval_reference_and_overhead(client, db):
    for code in ("GM0037", "GM0047"):
        harvested(code, 2024, {DATA: True}, doc_type="kadernota")
        figure("overhead", code, 2024, 400)
    body = client.get("/api/v1/national/figures", {"group": "size_class", "year": 2024, "docType": "kadernota"}).json()
    assert (body["group"], body["year"], body["doc_type"], body["units"]) == ("size_class", 2024, "kadernota", 2)
    assert body["themes"] == [{"id": DATA, "label": "Datagedreven werken", "reference": 0.54}]
    [row] = body["rows"]
    assert (row["group"], row["n"], row["k"], row["share"], row["reference"]) == ("<50k", 2, 2, 1.0, 0.5)
    assert row["interval"]["low"] == pytest.approx(0.34238, abs=1e-5) and row["interval"]["high"] == 1.0
    assert (row["overhead_median"], row["overhead_n"]) == (400, 2)


def test_the_api_names_a_wrong_filter(client, db):
    response = client.get("/api/v1/national/figures", {"group": "gemeente", "docType": "roman"})
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert {p["name"] for p in response.json()["invalid-params"]} == {"group", "docType"}


# --- the CBS context -----------------------------------------------------------------------------------------

class FakeStatLine:
    """Answers like the StatLine and Iv3 OData services (shapes as in koers.connectors), no network."""

    def __init__(self, fail: bool = False):
        self.fail = fail

    def observations(self, table, filters=None, select=None):
        if self.fail:
            raise SourceError("StatLine is niet bereikbaar of gaf geen bruikbaar antwoord: geen netwerk")
        if table == "70072NED":
            return [{"RegioS": "GM0014", "Perioden": "2024JJ00", "TotaleBevolking_1": 240_000},
                    {"RegioS": "GM0037", "Perioden": "2024JJ00", "TotaleBevolking_1": 32_000},
                    {"RegioS": "NL01  ", "Perioden": "2024JJ00", "TotaleBevolking_1": 18_000_000}]
        return [{"Gemeenten": "GM0014", "Categorie": "L1.1", "k_1ePlaatsing_1": 60_000},
                {"Gemeenten": "GM0014", "Categorie": "L3.2", "k_1ePlaatsing_1": 36_000},
                {"Gemeenten": "GM0014", "Categorie": "B1", "k_1ePlaatsing_1": 999_999}]  # a balance item

    def dimension(self, table, name):
        return [{"Key": "0.4     "}, {"Key": "2024X000  "}]


def test_the_context_command_stores_inhabitants_and_overhead_per_inhabitant(db, monkeypatch):
    monkeypatch.setattr(context, "StatLineClient", lambda base_url=None: FakeStatLine())
    out = io.StringIO()
    call_command("refresh_national_context", "--years", "2024", stdout=out)
    assert "Inwoners: 2 cijfers opgehaald" in out.getvalue()
    stored = {(f.kind, f.municipality_code): (f.value, f.source) for f in ContextFigure.objects.all()}
    assert stored == {("population", "GM0014"): (240_000, "CBS StatLine 70072NED"),
                      ("population", "GM0037"): (32_000, "CBS StatLine 70072NED"),
                      ("overhead", "GM0014"): (400.0, "CBS Iv3 45067NED")}  # 96 million euros / 240,000


def test_a_failed_fetch_keeps_the_figures_and_says_why_in_dutch(db, monkeypatch):
    figure("population", "GM0014", 2024, 1)
    monkeypatch.setattr(context, "StatLineClient", lambda base_url=None: FakeStatLine(fail=True))
    with pytest.raises(CommandError, match="niet bereikbaar.*eerder opgehaalde cijfers blijven staan"):
        call_command("refresh_national_context", "--years", "2024")
    assert ContextFigure.objects.get().value == 1


def test_without_documents_or_years_the_command_asks_for_years(db):
    with pytest.raises(CommandError, match="--years"):
        call_command("refresh_national_context")
