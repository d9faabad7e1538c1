"""REST API for documents and the codebook: upload, results, retry, rescan, filters, codebook edits."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from koers.apps.agenda.models import OrganisationCodebook, ScanDocument, ThemeResult
from koers.apps.audit.models import AuditEntry
from koers.scan.codebook import DEFAULT_CODEBOOK_PATH
from test_api_support import API, api_for, assert_problem, conforms, failed_document  # noqa: F401
from web_helpers import PLAIN_TEXT, text_upload

DOCUMENTS = f"{API}/organisations/proefstad/documents"
CODEBOOK_URL = f"{API}/organisations/proefstad/codebook"


def upload(client, *files, **data):
    return client.post(DOCUMENTS, {"files": list(files), **data}, format="multipart")


def test_upload_one_good_and_one_bad_file_accepts_the_good_one(api_for, own):
    bad = SimpleUploadedFile("macro.exe", b"MZ\x90\x00")
    response = upload(api_for("contributor"), text_upload("begroting.txt"), bad, doc_type="begroting", year=2025)
    assert response.status_code == 201, response.content
    conforms(response)
    body = response.json()
    assert [d["original_name"] for d in body["documents"]] == ["begroting.txt"]
    assert body["documents"][0]["doc_type"] == "begroting" and body["documents"][0]["year"] == 2025
    [rejected] = body["rejected"]
    assert rejected["name"] == "macro.exe"
    assert rejected["status"] == 400 and rejected["type"] == "urn:koers:problem:rejected-file"
    assert rejected["detail"].startswith("macro.exe: het bestandstype .exe wordt niet ondersteund")
    stored = ScanDocument.objects.get()
    assert stored.original_name == "begroting.txt" and stored.status == "done"  # scanned (eager worker)
    assert stored.uploaded_by.username == "contributor"


def test_upload_with_only_bad_files_is_400_naming_each_file(api_for, own, settings):
    settings.KOERS_MAX_UPLOAD_MB = 1
    too_large = SimpleUploadedFile("groot.txt", b"a " * (600 * 1024))
    empty = SimpleUploadedFile("leeg.txt", b"")
    response = upload(api_for("contributor"), too_large, empty)
    body = assert_problem(response, 400)
    conforms(response)
    reasons = {p["name"]: p["reason"] for p in body["invalid-params"]}
    assert reasons == {
        "files[0]": "groot.txt: het bestand is 1,2 MB, meer dan de grens van 1 MB",
        "files[1]": "leeg.txt: het bestand is leeg",
    }
    assert not ScanDocument.objects.exists()


def test_upload_without_files_or_with_a_bad_doc_type_is_400(api_for, own):
    client = api_for("contributor")
    body = assert_problem(client.post(DOCUMENTS, {"doc_type": "begroting"}, format="multipart"), 400)
    assert [p["name"] for p in body["invalid-params"]] == ["files"]
    body = assert_problem(upload(client, text_upload("a.txt"), doc_type="roman"), 400)
    assert [p["name"] for p in body["invalid-params"]] == ["doc_type"]
    assert not ScanDocument.objects.exists()


def test_document_detail_has_themes_with_evidence_and_highlights(api_for, make_document):
    document = make_document("begroting.txt")
    response = api_for("viewer").get(f"{DOCUMENTS}/{document.pk}")
    assert response.status_code == 200
    conforms(response)
    body = response.json()
    themes = {t["theme"]: t for t in body["themes"]}
    assert set(themes) == set(ThemeResult.objects.filter(document=document).values_list("theme", flat=True))
    security = themes["informatieveiligheid-privacy"]
    assert security["attention"] is True and security["passages"] >= 1
    passage = security["evidence"][0]
    assert passage["rank"] == 1 and passage["page"] == 1 and "AVG" in passage["text"]
    marked = [passage["text"][start:end] for start, end in passage["highlights"]]
    assert "AVG" in marked
    assert themes["smart-city"]["attention"] is False and themes["smart-city"]["evidence"] == []


def test_document_list_filters_and_rejects_unknown_filter_values(api_for, make_document, failed_document):
    make_document("begroting.txt")
    failed = failed_document()
    client = api_for("viewer")
    response = client.get(DOCUMENTS, {"status": "failed"})
    assert response.status_code == 200
    conforms(response)
    assert [d["id"] for d in response.json()["results"]] == [failed.pk]
    assert response.json()["results"][0]["can_retry"] is True
    body = assert_problem(client.get(DOCUMENTS, {"status": "klaar", "year": "vorig"}), 400)
    assert {p["name"] for p in body["invalid-params"]} == {"status", "year"}


def test_pagination_uses_page_and_page_size(api_for, make_document):
    for number in range(3):
        make_document(f"nota-{number}.txt", PLAIN_TEXT, scan=False)
    client = api_for("viewer")
    response = client.get(DOCUMENTS, {"pageSize": 2})
    body = response.json()
    assert body["count"] == 3 and len(body["results"]) == 2
    assert "page=2" in body["next"] and "pageSize=2" in body["next"]
    assert len(client.get(DOCUMENTS, {"pageSize": 2, "page": 2}).json()["results"]) == 1
    assert_problem(client.get(DOCUMENTS, {"page": 9}), 404)


def test_retry_of_a_failed_document_rescans_it(api_for, failed_document):
    document = failed_document()
    document.file.save("kapot.txt", text_upload("kapot.txt").file, save=True)  # the file is readable now
    response = api_for("contributor").post(f"{DOCUMENTS}/{document.pk}/retry")
    assert response.status_code == 202
    conforms(response)
    document.refresh_from_db()
    assert document.status == "done" and document.error == "" and document.attempts == 1
    assert document.themes.filter(attention=True).exists()


def test_retry_of_a_finished_document_is_409(api_for, make_document):
    document = make_document("begroting.txt")
    response = api_for("contributor").post(f"{DOCUMENTS}/{document.pk}/retry")
    body = assert_problem(response, 409)
    assert "begroting.txt" in body["detail"]
    conforms(response)
    document.refresh_from_db()
    assert document.attempts == 1


def test_rescan_queues_every_document_that_is_not_pending(api_for, make_document):
    done = make_document("begroting.txt")
    make_document("wacht.txt", scan=False)  # queued: already waiting, not queued twice
    response = api_for("manager").post(f"{DOCUMENTS}/rescan")
    assert response.status_code == 202 and response.json() == {"queued": 1}
    done.refresh_from_db()
    assert done.attempts == 2


def test_codebook_shows_the_default_until_an_own_one_is_saved(api_for, own):
    response = api_for("manager").get(CODEBOOK_URL)
    assert response.status_code == 200
    conforms(response)
    body = response.json()
    assert body["is_default"] is True and body["updated_by"] is None
    assert body["text"] == DEFAULT_CODEBOOK_PATH.read_text(encoding="utf-8")


VALID_CODEBOOK = """\
[codebook]
name = "Eigen codeboek"

[[themes]]
id = "dienstverlening"
label = "Digitale dienstverlening"
terms = ["digitaal loket", "DigiD"]
"""


def test_codebook_put_saves_validated_text_and_is_audited_under_the_token_user(api_for, own):
    response = api_for("manager").put(CODEBOOK_URL, {"text": VALID_CODEBOOK}, format="json")
    assert response.status_code == 200
    conforms(response)
    body = response.json()
    assert body["is_default"] is False and body["updated_by"] == "manager" and body["text"] == VALID_CODEBOOK
    assert OrganisationCodebook.objects.get(organisation=own).text == VALID_CODEBOOK
    entry = AuditEntry.objects.filter(model="agenda.organisationcodebook").get()
    assert entry.actor_name == "manager" and entry.action == "create"


def test_broken_codebook_is_400_naming_the_line_and_keeps_the_stored_one(api_for, own):
    client = api_for("manager")
    client.put(CODEBOOK_URL, {"text": VALID_CODEBOOK}, format="json")
    broken = VALID_CODEBOOK.replace('terms = ["digitaal loket", "DigiD"]', 'termen = ["loket"]')
    response = client.put(CODEBOOK_URL, {"text": broken}, format="json")
    body = assert_problem(response, 400)
    conforms(response)
    [param] = body["invalid-params"]
    assert param["name"] == "text"
    assert "regel 7" in body["detail"] and "termen" in body["detail"]  # line 7 holds the unknown key
    assert OrganisationCodebook.objects.get(organisation=own).text == VALID_CODEBOOK


def test_codebook_with_broken_toml_names_line_and_column(api_for, own):
    response = api_for("manager").put(CODEBOOK_URL, {"text": "[codebook]\nname = = 1\n"}, format="json")
    body = assert_problem(response, 400)
    assert "regel 2, kolom 8" in body["detail"]
    assert not OrganisationCodebook.objects.exists()


def test_a_corrupt_pdf_is_refused_by_the_api_and_the_good_file_is_scanned(api_for, own):
    broken = SimpleUploadedFile("kapot.pdf", b"%PDF-1.7\nthis is not really a pdf\n%%EOF")
    response = upload(api_for("contributor"), broken, text_upload("begroting.txt"), doc_type="begroting")
    assert response.status_code == 201, response.content
    conforms(response)
    [rejected] = response.json()["rejected"]
    assert rejected["name"] == "kapot.pdf" and "beschadigd" in rejected["detail"]
    assert [d.original_name for d in ScanDocument.objects.all()] == ["begroting.txt"]
