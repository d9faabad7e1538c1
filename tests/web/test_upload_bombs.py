"""A small DOCX that inflates past the limit is refused at upload (page and API) with the reason,
and ends as a failed scan with the same reason when it reaches the worker anyway."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fixtures import docx_bomb
from koers.apps.agenda.models import ScanDocument
from koers.apps.agenda.scanning import queue_scan
from koers.scan.extract import limits
from test_api_support import API, assert_problem, api_for  # noqa: F401
from web_helpers import text_upload

REASON = "het DOCX-bestand pakt uit tot meer dan 1,0 MB"


@pytest.fixture(autouse=True)
def _small_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_MARKUP_BYTES", 1_000_000)  # keeps the bomb small and quick


def bomb(name="bom.docx"):
    return SimpleUploadedFile(name, docx_bomb([1_500_000]))


def test_the_upload_page_refuses_a_bomb_and_scans_the_other_files(client_for, own):
    response = client_for("contributor").post(f"/organisaties/{own.slug}/agenda/uploaden/", {
        "files": [bomb(), text_upload("goed.txt")], "doc_type": "begroting", "year": 2025})
    assert response.status_code == 200
    assert f"bom.docx: {REASON}" in response.content.decode()
    assert [(d.original_name, d.status) for d in ScanDocument.objects.all()] == [("goed.txt", "done")]


def test_the_api_refuses_a_bomb_with_400_naming_the_file(api_for, own):
    response = api_for("contributor").post(f"{API}/organisations/{own.slug}/documents",
                                           {"files": [bomb()]}, format="multipart")
    body = assert_problem(response, 400)
    [reason] = [p["reason"] for p in body["invalid-params"]]
    assert reason.startswith(f"bom.docx: {REASON}")
    assert not ScanDocument.objects.exists()


def test_a_bomb_that_reaches_the_worker_fails_with_the_reason(own):
    document = ScanDocument.objects.create(organisation=own, original_name="bom.docx", file=bomb())
    queue_scan(document)  # the eager worker scans it now
    document.refresh_from_db()
    assert document.status == "failed" and document.error.startswith(REASON)
    assert document.themes.count() == 0


def test_a_normal_docx_is_still_accepted_and_scanned(api_for, own, tmp_path):
    from fixtures import write_docx

    path = write_docx(tmp_path, "begroting.docx", [["De gemeente beschermt persoonsgegevens volgens de AVG."]])
    response = api_for("contributor").post(f"{API}/organisations/{own.slug}/documents",
                                           {"files": [SimpleUploadedFile("begroting.docx", path.read_bytes())]},
                                           format="multipart")
    assert response.status_code == 201, response.content
    assert ScanDocument.objects.get().status == "done"
