"""Uploading documents: per-file validation, storage, background scan and stored results."""

from django.core.files.uploadedfile import SimpleUploadedFile

from koers.apps.agenda.models import EvidencePassage, ScanDocument
from web_helpers import PLAIN_TEXT, text_upload


def upload(client, organisation, files, **data):
    return client.post(f"/organisaties/{organisation.slug}/agenda/uploaden/",
                       {"files": files, "doc_type": "begroting", "year": 2025, **data})


def test_good_files_are_stored_scanned_and_have_results(client_for, own):
    response = upload(client_for("contributor"), own, [text_upload("begroting.txt"),
                                                       text_upload("sport.md", PLAIN_TEXT)])
    assert response.status_code == 302
    documents = {d.original_name: d for d in ScanDocument.objects.filter(organisation=own)}
    assert set(documents) == {"begroting.txt", "sport.md"}
    digital = documents["begroting.txt"]
    assert digital.status == "done" and digital.attempts == 1 and digital.year == 2025
    attention = {t.theme: t.attention for t in digital.themes.all()}
    assert attention["informatieveiligheid-privacy"] is True
    assert attention["smart-city"] is False
    assert not any(t.attention for t in documents["sport.md"].themes.all())
    passage = EvidencePassage.objects.filter(theme_result__document=digital,
                                             theme_result__theme="informatieveiligheid-privacy").first()
    assert "AVG" in passage.text and passage.page == 1 and passage.highlights


def test_a_wrong_file_is_refused_with_a_reason_while_the_others_are_scanned(client_for, own, settings):
    settings.KOERS_MAX_UPLOAD_MB = 1
    too_large = SimpleUploadedFile("groot.txt", b"a " * (600 * 1024))
    program = SimpleUploadedFile("virus.exe", b"MZ\x90\x00")
    response = upload(client_for("contributor"), own, [program, text_upload("goed.txt"), too_large])
    assert response.status_code == 200
    page = response.content.decode()
    assert "virus.exe: het bestandstype .exe wordt niet ondersteund" in page
    assert "groot.txt: het bestand is 1,2 MB, meer dan de grens van 1 MB" in page
    assert 'href="#id_files"' in page  # the error summary links to the field
    assert [d.original_name for d in ScanDocument.objects.all()] == ["goed.txt"]
    assert ScanDocument.objects.get().status == "done"


def test_corrupt_and_encrypted_files_are_refused_with_the_reason_and_others_still_scan(client_for, own, tmp_path):
    from fixtures import write_pdf

    broken = SimpleUploadedFile("kapot.pdf", b"%PDF-1.7\nthis is not really a pdf\n%%EOF")
    locked = SimpleUploadedFile("geheim.pdf", write_pdf(tmp_path, "geheim.pdf", [["Vertrouwelijk."]],
                                                      password="welkom").read_bytes())
    response = upload(client_for("contributor"), own, [broken, locked, text_upload("goed.txt")])
    page = response.content.decode()
    assert response.status_code == 200 and "kapot.pdf: " in page and "beschadigd" in page
    assert "geheim.pdf: " in page and "wachtwoord" in page and "Traceback" not in page
    assert [d.original_name for d in ScanDocument.objects.all()] == ["goed.txt"]
    assert ScanDocument.objects.get().status == "done"


def test_a_scan_that_fails_in_the_worker_shows_the_reason_and_can_be_retried(client_for, own):
    upload(client_for("contributor"), own, [SimpleUploadedFile("nota.pdf", b"%PDF-1.7\n")])  # refused
    assert not ScanDocument.objects.exists()
    document = ScanDocument.objects.create(organisation=own, original_name="kapot.pdf",
                                           file=SimpleUploadedFile("kapot.pdf", b"%PDF-1.7\nkapot\n%%EOF"))
    from koers.apps.agenda.scanning import queue_scan

    queue_scan(document)  # the eager worker scans it now
    document.refresh_from_db()
    assert document.status == "failed"
    assert document.error and "Traceback" not in document.error
    assert str(document.file.path) not in document.error  # the stored path is not shown to users
    assert document.themes.count() == 0
    page = client_for("contributor").get(f"/organisaties/{own.slug}/agenda/").content.decode()
    assert document.error in page or document.error.replace("'", "&#x27;") in page
    assert "Opnieuw scannen" in page


def test_missing_files_and_bad_year_are_reported_per_field(client_for, own):
    response = client_for("contributor").post(f"/organisaties/{own.slug}/agenda/uploaden/",
                                              {"doc_type": "begroting", "year": "twee"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_files"' in page and 'href="#id_year"' in page
    assert ScanDocument.objects.count() == 0


def test_document_page_marks_matched_terms_and_escapes_text(client_for, own, make_document):
    document = make_document(text="<script>alert(1)</script> De gemeente voert de AVG en de BIO strikt uit.\n")
    page = client_for("viewer").get(f"/organisaties/{own.slug}/agenda/documenten/{document.pk}/").content.decode()
    assert "<mark>AVG</mark>" in page and "<mark>BIO</mark>" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "Pagina 1" in page


def test_progress_fragment_polls_only_while_something_is_pending(client_for, own, make_document):
    client = client_for("viewer")
    url = f"/organisaties/{own.slug}/agenda/voortgang/"
    make_document(scan=False)  # stays queued
    waiting = client.get(url).content.decode()
    assert 'hx-trigger="every 2s"' in waiting and "<progress" in waiting
    ScanDocument.objects.update(status="done")
    finished = client.get(url).content.decode()
    assert 'hx-trigger="every 2s"' not in finished
    assert 'value="1"' in finished and 'max="1"' in finished  # batch progress 1 of 1
