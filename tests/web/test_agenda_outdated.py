"""Results made by another codebook or model version than now applies (after a Koers upgrade, a
codebook edit or a switch of model) are pointed out on the pages and in the API, until a rescan."""

from koers.apps.agenda.models import OrganisationCodebook, ScanDocument
from koers.scan.codebook import DEFAULT_CODEBOOK_PATH
from test_api_support import API, api_for, conforms  # noqa: F401

LIST = "/organisaties/proefstad/agenda/"
NOTICE = "gescand met een andere versie van het codeboek of het model dan nu geldt"


def _api_document(api_for, document) -> dict:
    response = api_for("viewer").get(f"{API}/organisations/proefstad/documents/{document.pk}")
    conforms(response)
    return response.json()


def test_fresh_results_carry_no_notice(client_for, api_for, make_document):
    document = make_document()
    assert NOTICE not in client_for("viewer").get(LIST).content.decode()
    assert _api_document(api_for, document)["outdated"] is False


def test_results_of_an_older_koers_codebook_are_pointed_out_until_rescanned(client_for, api_for, make_document):
    document = make_document()
    make_document(name="tweede.txt")
    ScanDocument.objects.filter(pk=document.pk).update(codebook_version="Koers standaard 2025.9 (0123456789ab)")
    viewer = client_for("viewer")
    assert f"1 document is {NOTICE}" in viewer.get(LIST).content.decode()
    detail = viewer.get(f"{LIST}documenten/{document.pk}/").content.decode()
    assert "Deze resultaten komen van een andere versie van het codeboek of het model" in detail
    assert _api_document(api_for, document)["outdated"] is True
    listed = api_for("viewer").get(f"{API}/organisations/proefstad/documents").json()["results"]
    assert sorted(row["outdated"] for row in listed) == [False, True]

    client_for("manager").post(f"{LIST}opnieuw-scannen/")  # eager worker in tests
    assert NOTICE not in viewer.get(LIST).content.decode()
    assert _api_document(api_for, document)["outdated"] is False


def test_an_edited_codebook_makes_every_earlier_result_outdated(client_for, make_document, own):
    make_document()
    make_document(name="tweede.txt")
    text = DEFAULT_CODEBOOK_PATH.read_text(encoding="utf-8").replace('version = "', 'version = "eigen-', 1)
    OrganisationCodebook.objects.create(organisation=own, text=text)
    assert f"2 documenten zijn {NOTICE}" in client_for("viewer").get(LIST).content.decode()
