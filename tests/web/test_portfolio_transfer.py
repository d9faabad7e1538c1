"""Import and export of the portfolio (koers.apps.portfolio.transfer) and their API endpoints.

Round trip: export → import into an empty organisation → export gives the same content, in CSV and
XLSX. A bad row names its row and column and stores nothing; a malformed file is a 400 problem.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from koers.apps.audit.models import AuditEntry
from koers.apps.portfolio import transfer
from koers.apps.portfolio.models import (CriteriaFramework, EffortEstimate, Goal, Initiative, Score, Team,
                                         Transition)
from test_api_portfolio_support import XLSX, conforms, empty_organisation, make_initiative, portfolio_for  # noqa: F401
from test_api_support import API, api_for, assert_problem  # noqa: F401


@pytest.fixture
def rich(own):
    """The standard small portfolio plus an initiative that uses every column, awkward text included."""
    ids = portfolio_for(own)
    goal = Goal.objects.create(organisation=own, code="D1", title="Digitaal eerst")
    data = Team.objects.create(organisation=own, code="data", name="Datateam")
    first = Initiative.objects.get(pk=ids["assessed"])
    item = make_initiative(
        own, "Formulier \"slim\", met komma's", problem="Regel één\nRegel twee, met \"quotes\"\n=SOM(A1)",
        intended_effect="-minder bellen; €, é en ü", department="=Publiekszaken", themes=["dienstverlening", "data"],
        personal_data="high", algorithm="affects_residents", cost_once="1234.50", cost_yearly="99.99",
        desired_start="2026-Q2", desired_end="2026-Q4", exclusive_group="formulieren", mandatory=True,
        already_running=True, dpia_done=True, iama_done=True, algorithm_registered=False)
    item.goals.set([goal])
    item.requires.set([first])
    EffortEstimate.objects.create(initiative=item, team=data, quarter="2026-Q2", hours=12.5)
    EffortEstimate.objects.create(initiative=item, team=Team.objects.get(organisation=own, code="ict"),
                                  quarter="2026-Q3", hours=40)
    Initiative.objects.filter(pk=item.pk).update(status=Initiative.Status.PRIORITISED)
    return ids


def _csv(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def _cells(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _counts(organisation=None) -> tuple:
    return (Initiative.objects.count(), EffortEstimate.objects.count(), Score.objects.count(), Team.objects.count(),
            Goal.objects.count(), Transition.objects.count(), AuditEntry.objects.count())


# --- round trips ---------------------------------------------------------------------------------

def test_csv_round_trip_into_an_empty_organisation_loses_nothing(own, rich, empty_organisation, users):
    first = transfer.export_csv(own)
    result = transfer.import_portfolio(empty_organisation, first, "portefeuille.csv", users["manager"])
    assert (result.created, result.updated) == (Initiative.objects.filter(organisation=own).count(), 0)
    assert transfer.export_csv(empty_organisation) == first

    text = first.decode("utf-8-sig")
    header = text.splitlines()[0].split(";")
    assert header[:4] == ["kenmerk", "titel", "probleem", "beoogd_effect"]
    assert "inzet:data:2026-Q2" in header and "inzet:ict:2026-Q1" in header
    assert "score:Afwegingskader digitale agenda:v1:maatschappelijke-waarde" in header
    assert "'=Publiekszaken" in text  # formula guard in CSV, undone by the import
    copied = Initiative.objects.get(organisation=empty_organisation, title__startswith="Formulier")
    assert copied.department == "=Publiekszaken" and copied.problem.endswith("=SOM(A1)")
    assert copied.status == Initiative.Status.PRIORITISED and copied.mandatory and not copied.algorithm_registered
    assert [e.hours for e in copied.effort.order_by("quarter")] == [12.5, 40]
    assert [r.reference for r in copied.requires.all()] == ["I-001"]
    assert copied.transitions.get().reason == "Geïmporteerd uit portefeuille.csv"
    assert Team.objects.get(organisation=empty_organisation, code="data").name == "data"
    assert CriteriaFramework.objects.get(organisation=empty_organisation).is_published


def test_xlsx_round_trip_into_an_empty_organisation_loses_nothing(own, rich, empty_organisation, users):
    first = transfer.export_xlsx(own)
    transfer.import_portfolio(empty_organisation, first, "portefeuille.xlsx", users["manager"])
    again = transfer.export_xlsx(empty_organisation)
    assert _cells(again) == _cells(first)
    cells = _cells(first)
    assert cells[0][0] == "kenmerk" and len(cells) == Initiative.objects.filter(organisation=own).count() + 1
    formula_row = next(row for row in cells if row[1].startswith("Formulier"))
    assert formula_row[4] == "=Publiekszaken"  # stored as text, not as a formula
    # CSV and XLSX have the same columns (in XLSX amounts and hours are numbers)
    assert transfer.read_table(first, "p.xlsx")[0] == transfer.read_table(transfer.export_csv(own), "p.csv")[0]


def test_importing_the_own_export_again_changes_nothing(own, rich, users):
    data = transfer.export_csv(own)
    before = _counts()
    result = transfer.import_portfolio(own, data, "portefeuille.csv", users["manager"])
    assert (result.created, result.updated, result.unchanged) == (0, 0, result.rows)
    assert _counts() == before  # not even an audit entry


def test_import_updates_by_kenmerk_and_creates_new_rows(own, rich, users):
    data = _csv("kenmerk,titel,probleem,afdeling,eigenaar,inzet:ict:2026-Q1,status\n"
                "I-001,Digitaal loket 2.0,Nog steeds wachten,Publiekszaken,Nieuwe eigenaar,,prioritised\n"
                ",Nieuw idee,Iets,Burgerzaken,,8,\n")
    result = transfer.import_portfolio(own, data, "wijziging.csv", users["manager"])
    assert (result.created, result.updated) == (1, 1)
    updated = Initiative.objects.get(organisation=own, reference="I-001")
    assert (updated.title, updated.owner) == ("Digitaal loket 2.0", "Nieuwe eigenaar")
    assert not updated.effort.exists()  # the empty cell removed the estimate
    new = Initiative.objects.get(organisation=own, title="Nieuw idee")
    assert new.reference and new.status == Initiative.Status.INTAKE and new.effort.get().hours == 8
    entry = AuditEntry.objects.filter(model="portfolio.initiative", object_id=str(updated.pk), action="update").first()
    assert entry.actor_name == "manager" and entry.changes["title"] == ["Digitaal loket", "Digitaal loket 2.0"]


def test_semicolon_csv_with_decimal_commas_from_dutch_excel(own, users):
    data = ("\ufeffkenmerk;titel;probleem;afdeling;eenmalige_kosten;inzet:ict:2026-Q1\r\n"
            "A-1;Loket;Wachten;Publiekszaken;1250,50;12,5\r\n").encode("utf-8")
    transfer.import_portfolio(own, data, "excel.csv", users["manager"])
    item = Initiative.objects.get(organisation=own, reference="A-1")
    assert str(item.cost_once) == "1250.50" and item.effort.get().hours == 12.5


def test_csv_export_is_dutch_excel_csv_and_reads_back_as_itself(own, users, empty_organisation):
    item = make_initiative(own, "Loket", cost_once="12500.50", cost_yearly="1250")
    team = Team.objects.create(organisation=own, code="ict", name="ICT")
    EffortEstimate.objects.create(initiative=item, team=team, quarter="2026-Q1", hours=1.125)
    data = transfer.export_csv(own)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the accents
    header, row = data.decode("utf-8-sig").splitlines()
    cells = dict(zip(header.split(";"), row.split(";"), strict=True))
    assert (cells["eenmalige_kosten"], cells["jaarlijkse_kosten"], cells["inzet:ict:2026-Q1"]) == (
        "12500,50", "1250,00", "1,125")

    transfer.import_portfolio(empty_organisation, data, "p.csv", users["manager"])
    copied = Initiative.objects.get(organisation=empty_organisation, title="Loket")
    assert (str(copied.cost_once), str(copied.cost_yearly), copied.effort.get().hours) == ("12500.50", "1250.00", 1.125)


def test_an_old_comma_export_with_decimal_points_still_imports(own, users):
    data = _csv("kenmerk,titel,probleem,afdeling,eenmalige_kosten,themas,inzet:ict:2026-Q1\n"
                "A-1,Loket,\"Wachten, lang\",Publiekszaken,12500.50,data;dienstverlening,1.1250\n")
    transfer.import_portfolio(own, data, "oud.csv", users["manager"])
    item = Initiative.objects.get(organisation=own, reference="A-1")
    assert (str(item.cost_once), item.effort.get().hours, item.problem) == ("12500.50", 1.125, "Wachten, lang")
    assert item.themes == ["data", "dienstverlening"]


# --- bad rows and files --------------------------------------------------------------------------

def test_a_bad_row_names_row_and_column_and_nothing_is_imported(own, rich, users):
    data = _csv("kenmerk,titel,probleem,afdeling,eenmalige_kosten,inzet:nieuwteam:2026-Q1,doelen\n"
                "N-1,Eerste,Probleem,Publiekszaken,100,10,NIEUW\n"
                "N-2,Tweede,Probleem,Publiekszaken,veel,10,\n"
                "I-001,Gewijzigde titel,Probleem,Publiekszaken,5,,\n")
    before = _counts()
    with pytest.raises(transfer.PortfolioImportError) as caught:
        transfer.import_portfolio(own, data, "fout.csv", users["manager"])
    assert str(caught.value) == "rij 3, kolom ‘eenmalige_kosten’: ‘veel’ is geen bedrag; schrijf bijvoorbeeld 12.500,00"
    assert _counts() == before
    assert not Team.objects.filter(code="nieuwteam").exists() and not Goal.objects.filter(code="NIEUW").exists()
    assert Initiative.objects.get(organisation=own, reference="I-001").title == "Digitaal loket"


@pytest.mark.parametrize(("csv_text", "expected"), [
    ("kenmerk,titel,probleem,afdeling\nX-1,,Probleem,Afdeling\n", "rij 2, kolom ‘titel’:"),
    ("kenmerk,titel,probleem,afdeling,inzet:ict:2026-Q1\nX-1,T,P,A,-5\n", "rij 2, kolom ‘inzet:ict:2026-Q1’:"),
    ("kenmerk,titel,probleem,afdeling,gewenste_start\nX-1,T,P,A,2026-K1\n", "rij 2, kolom ‘gewenste_start’:"),
    ("kenmerk,titel,probleem,afdeling,persoonsgegevens\nX-1,T,P,A,veel\n", "rij 2, kolom ‘persoonsgegevens’:"),
    ("kenmerk,titel,probleem,afdeling,verplicht\nX-1,T,P,A,misschien\n", "rij 2, kolom ‘verplicht’:"),
    ("kenmerk,titel,probleem,afdeling\nX-1,T,P,A\nX-1,T,P,A\n", "rij 3, kolom ‘kenmerk’: kenmerk X-1 staat ook al in rij 2"),
    ("kenmerk,titel,probleem,afdeling,afhankelijk_van\nX-1,T,P,A,X-2\nX-2,T,P,A,X-1\n", "vormen een kringloop: X-1 → X-2 → X-1"),
    ("kenmerk,titel,probleem,afdeling,afhankelijk_van\nX-1,T,P,A,ONBEKEND\n", "kenmerk ONBEKEND bestaat niet"),
    ("kenmerk,titel,probleem,afdeling\nX-1,T,P,A,extra\n", "rij 2: deze rij heeft meer velden dan er kolommen zijn"),
    ("kenmerk,titel,probleem,afdeling,status\nI-001,T,P,A,done\n", "de status van een bestaand initiatief verandert niet"),
    ("kenmerk,titel,probleem,afdeling,score:Eigen kader:v1:waarde\nX-1,T,P,A,3\n",
     "rij 1, kolom ‘score:Eigen kader:v1:waarde’: afwegingskader ‘Eigen kader’ versie 1 bestaat niet"),
    ("kenmerk,titel,probleem,afdeling,score:Afwegingskader digitale agenda:v1:efficiency\nX-1,T,P,A,9\n",
     "rij 2, kolom ‘score:Afwegingskader digitale agenda:v1:efficiency’: de score 9 ligt niet tussen 1 en 5"),
])
def test_each_problem_is_named_in_dutch(own, users, csv_text, expected):
    portfolio_for(own)
    before = _counts()
    with pytest.raises(transfer.PortfolioImportError) as caught:
        transfer.import_portfolio(own, _csv(csv_text), "fout.csv", users["manager"])
    assert expected in str(caught.value)
    assert _counts() == before


def test_wrong_columns_are_named(own, users):
    with pytest.raises(transfer.PortfolioImportError) as caught:
        transfer.import_portfolio(own, _csv("naam,bedrag\nLoket,12\n"), "x.csv", users["manager"])
    messages = caught.value.messages
    assert "rij 1, kolom ‘naam’: onbekende kolom; zie de beschrijving van de kolommen in de documentatie" in messages
    assert "rij 1, kolom ‘kenmerk’: deze kolom ontbreekt" in messages


# --- through the API -----------------------------------------------------------------------------

def _upload(client, name: str, data: bytes, content_type="text/csv", slug="proefstad"):
    return client.post(f"{API}/organisations/{slug}/portfolio-imports",
                       {"file": SimpleUploadedFile(name, data, content_type)}, format="multipart")


def test_export_and_import_through_the_api_round_trip(api_for, own, rich, empty_organisation):
    client = api_for("manager")
    for kind, accept in (("csv", "text/csv"), ("xlsx", XLSX)):
        response = client.get(f"{API}/organisations/proefstad/initiatives?format={kind}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith(accept)
        assert response["Content-Disposition"].startswith('attachment; filename="portefeuille-proefstad-')
        conforms(response)
        negotiated = client.get(f"{API}/organisations/proefstad/initiatives", HTTP_ACCEPT=accept)
        assert negotiated["Content-Type"].startswith(accept)
    exported = client.get(f"{API}/organisations/proefstad/initiatives?format=csv").content
    response = _upload(client, "portefeuille.csv", exported, slug="nieuwdorp")
    assert response.status_code == 200, response.content
    conforms(response)
    body = response.json()
    assert body["created"] == Initiative.objects.filter(organisation=own).count() and body["teams_created"] == ["data", "ict"]
    assert "nieuw" in body["message"]
    again = client.get(f"{API}/organisations/nieuwdorp/initiatives?format=csv").content
    assert again == exported


def test_bad_row_through_the_api_is_a_problem_naming_row_and_column(api_for, own, rich):
    data = _csv("kenmerk,titel,probleem,afdeling,inzet:ict:2026-Q1\nN-1,Een,P,A,10\nN-2,Twee,P,A,tien\n")
    before = _counts()
    response = _upload(api_for("manager"), "fout.csv", data)
    body = assert_problem(response, 400)
    assert body["detail"] == "rij 3, kolom ‘inzet:ict:2026-Q1’: ‘tien’ is geen getal; schrijf bijvoorbeeld 12.500 of 3,5."
    assert body["invalid-params"] == [{"name": "file", "code": "invalid", "reason": body["detail"]}]
    assert _counts() == before
    conforms(response)


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("leesmij.txt", "geen werkmap")
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("plaatje.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "geen CSV-tekst"),
    ("latin1.csv", "kenmerk,titel\nX,caf\xe9\n".encode("latin-1"), "geen CSV-tekst in UTF-8"),
    ("leeg.csv", b"", "Het bestand is leeg"),
    ("kop.csv", b"kenmerk,titel,probleem,afdeling\r\n", "geen initiatieven"),
    ("kapot.csv", b'kenmerk,titel,probleem,afdeling\r\nX,"open,P,A\r\n', "geen geldige CSV"),
    ("namen.csv", b"naam,bedrag\r\nLoket,12\r\n", "onbekende kolom"),
    ("tekst.xlsx", b"kenmerk,titel\r\nX,Y\r\n", "geen geldige Excel-werkmap"),
    ("archief.xlsx", None, "geen geldige Excel-werkmap"),
    ("oud.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "Oude Excel-bestanden"),
])
def test_malformed_files_are_a_problem_never_a_traceback(api_for, own, name, data, expected):
    before = _counts()
    response = _upload(api_for("manager"), name, _zip_without_workbook() if data is None else data,
                       "application/octet-stream")
    body = assert_problem(response, 400)
    assert expected in body["detail"], body["detail"]
    assert "Traceback" not in response.content.decode()
    assert _counts() == before
    conforms(response)


def test_import_without_a_file_is_invalid_input(api_for, own):
    response = api_for("manager").post(f"{API}/organisations/proefstad/portfolio-imports", {}, format="multipart")
    body = assert_problem(response, 400)
    assert body["invalid-params"][0]["name"] == "file"
    conforms(response)


def test_unknown_export_format_is_not_a_traceback(api_for, own):
    response = api_for("viewer").get(f"{API}/organisations/proefstad/initiatives?format=pdf")
    assert response.status_code in {404, 406}
    assert response["Content-Type"] == "application/problem+json"
