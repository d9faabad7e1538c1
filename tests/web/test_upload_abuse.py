"""Hostile uploads through the upload page and the API: each is refused with a Dutch message
naming the problem, or read as text only, in bounded memory, and the organisation's other
documents keep their status and results.

A worker killed in the middle of a scan leaving the document retryable is covered by
test_worker_loss.py.
"""

from __future__ import annotations

import html
import io
import os
import re
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass

import psutil
import pypdfium2.version
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fixtures import write_pdf
from koers.apps.agenda import api as agenda_api
from koers.apps.agenda import views as agenda_views
from koers.apps.agenda.models import ScanDocument
from koers.scan.extract import pdf as pdf_reader
from test_api_support import API, api_for  # noqa: F401
from web_helpers import text_upload

GIB = 1 << 30
MB = 1_000_000
PDF_TEXT = "De gemeente beschermt persoonsgegevens volgens de AVG en versterkt de informatiebeveiliging."


# --- the two routes -------------------------------------------------------------------------


@dataclass
class Route:
    client: object
    url: str
    fields: dict  # the other form fields this route needs
    options: dict  # how this route's client encodes a form

    def post(self, files: list):
        return self.client.post(self.url, {"files": files, **self.fields}, **self.options)

    def post_stream(self, body: "StreamedUpload"):
        return self.client.request(REQUEST_METHOD="POST", PATH_INFO=self.url, CONTENT_LENGTH=str(len(body)),
                                   CONTENT_TYPE=f"multipart/form-data; boundary={body.BOUNDARY}",
                                   **{"wsgi.input": body})


@pytest.fixture(params=["pagina", "api"])
def route(request, client_for, api_for, own):  # noqa: F811
    if request.param == "pagina":
        return Route(client_for("contributor"), f"/organisaties/{own.slug}/agenda/uploaden/",
                     {"doc_type": "begroting", "year": "2025"}, {})
    return Route(api_for("contributor"), f"{API}/organisations/{own.slug}/documents", {}, {"format": "multipart"})


def reasons(response) -> list[str]:
    """The refused files as "name: reason", from the page's error summary or the API's problem."""
    if response["Content-Type"].startswith("text/html"):
        found = re.findall(r'<li><a href="#id_files">(.*?)</a></li>', response.content.decode())
        return [html.unescape(item) for item in found]
    body = response.json()
    if response.status_code == 400:
        return [param["reason"] for param in body["invalid-params"]]
    return [problem["detail"] for problem in body["rejected"]]


def assert_refused(response, name: str, reason: str) -> None:
    assert response.status_code == 400, response.content
    assert [text for text in reasons(response) if text.startswith(f"{name}: ")] == [f"{name}: {reason}"]
    assert not ScanDocument.objects.filter(original_name=name).exists()


# --- the organisation's other documents -----------------------------------------------------


def state(document) -> tuple:
    document.refresh_from_db()
    themes = [(t.theme, t.attention, t.score, t.evidence.count()) for t in document.themes.order_by("theme")]
    return document.status, document.attempts, document.error, document.finished_at, themes


@pytest.fixture
def untouched(make_document):
    """Call at the end of a test: the organisation's earlier document is exactly as it was."""
    earlier = make_document("begroting-2024.txt")
    before = state(earlier)
    assert before[0] == "done" and any(theme[1] for theme in before[4])

    def check() -> None:
        assert state(earlier) == before

    return check


# --- memory ---------------------------------------------------------------------------------


@contextmanager
def memory_grows_less_than(megabytes: int):
    """A generous sanity check on the process's resident memory (not a precise measure)."""
    process = psutil.Process()
    before = process.memory_info().rss
    yield
    assert process.memory_info().rss - before < megabytes * MB


@pytest.fixture
def inflated(monkeypatch):
    """Counts the bytes inflated from any zip archive while the test runs."""
    total = {"bytes": 0}
    original = zipfile.ZipExtFile.read

    def counting_read(self, n=-1):
        data = original(self, n)
        total["bytes"] += len(data)
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting_read)
    return total


# --- hostile files --------------------------------------------------------------------------


def _bomb(path, kind: str) -> bytes:
    """A DOCX or ODT of a few MB whose text part inflates to a gigabyte, streamed into the zip."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    if kind == "docx":
        part, start, paragraph = "word/document.xml", f"<w:document {w}><w:body>", "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"
    else:
        part, start, paragraph = "content.xml", f"<office:document-content {ns}><office:body><office:text>", "<text:p>{}</text:p>"
    block = (paragraph.format(PDF_TEXT * 100) * 110).encode()  # about 1 MB
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        if kind == "odt":
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        with archive.open(part, "w", force_zip64=True) as stream:
            stream.write(f'<?xml version="1.0" encoding="UTF-8"?>{start}'.encode())
            for _ in range(GIB // len(block) + 1):
                stream.write(block)
        assert archive.getinfo(part).file_size > GIB
    return path.read_bytes()


@pytest.fixture(scope="module")
def bombs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bommen")
    return {kind: _bomb(folder / f"bom.{kind}", kind) for kind in ("docx", "odt")}


def raw_pdf(objects: list[str]) -> bytes:
    """A PDF written by hand from its object bodies (object 1 the catalog), with a true xref table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def one_page_pdf(*, claimed_pages: int = 1, catalog: str = "", extra: tuple[str, ...] = ()) -> bytes:
    """One real page of text; the page tree's /Count claims ``claimed_pages``."""
    content = f"BT /F1 11 Tf 50 750 Td ({PDF_TEXT}) Tj ET"
    return raw_pdf([
        f"<< /Type /Catalog /Pages 2 0 R {catalog} >>",
        f"<< /Type /Pages /Kids [3 0 R] /Count {claimed_pages} >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *extra,
    ])


class StreamedUpload:
    """A multipart body with one file of zero bytes of any size, then a small text file, made
    as it is read: the test never holds it, and no one may ask for all of it at once."""

    BOUNDARY = "koers-grens"

    def __init__(self, name: str, size: int) -> None:
        def part(field: str, filename: str, kind: str) -> str:
            return (f'--{self.BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; '
                    f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n')

        self.head = part("files", name, "application/pdf").encode()
        self.size = size
        self.tail = ("\r\n" + part("files", "goed.txt", "text/plain") + PDF_TEXT + "\r\n"
                     + "".join(f'--{self.BOUNDARY}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'
                               for key, value in (("doc_type", "begroting"), ("year", "2025")))
                     + f"--{self.BOUNDARY}--\r\n").encode()
        self.position = 0

    def __len__(self) -> int:
        return len(self.head) + self.size + len(self.tail)

    def read(self, size: int = -1) -> bytes:
        assert size is not None and size >= 0, "the whole upload was read at once"
        size = min(size, len(self) - self.position)
        start, self.position = self.position, self.position + size
        zeros_end = len(self.head) + self.size
        head = self.head[start:start + size]
        zeros = max(0, min(start + size, zeros_end) - max(start, len(self.head)))
        tail = self.tail[max(0, start - zeros_end):max(0, start + size - zeros_end)]
        return head + bytes(zeros) + tail

    def readline(self, size: int = -1) -> bytes:
        raise AssertionError("a multipart body is not read by lines")


# --- the cases ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_a_zip_bomb_is_refused_without_being_inflated(route, kind, bombs, inflated, untouched):
    with memory_grows_less_than(200):
        response = route.post([SimpleUploadedFile(f"bom.{kind}", bombs[kind])])
    assert_refused(response, f"bom.{kind}", f"het {kind.upper()}-bestand pakt uit tot meer dan 20,0 MB, "
                   "de grens per document; bevat het veel ingesloten ballast, sla het dan op als PDF")
    assert inflated["bytes"] < 1 * MB  # the declared size was enough: no gigabyte was inflated
    untouched()


def test_a_pdf_claiming_ten_million_pages_is_read_as_the_pages_it_has(route, untouched):
    # PDFium disbelieves a /Count of a million or more and counts the real pages instead, so
    # nothing is allocated per claimed page: the one real page is scanned.
    with memory_grows_less_than(200):
        response = route.post([SimpleUploadedFile("opgeblazen.pdf", one_page_pdf(claimed_pages=10_000_000))])
    assert response.status_code in (201, 302), response.content
    document = ScanDocument.objects.get(original_name="opgeblazen.pdf")
    assert (document.status, document.pages) == ("done", 1)
    untouched()


def test_a_pdf_claiming_more_pages_than_the_limit_is_refused_before_any_page_is_read(route, monkeypatch, untouched):
    # A claim under a million PDFium believes; the page limit refuses it before loading a page.
    loaded = []
    monkeypatch.setattr(pdf_reader, "_page_text", lambda document, index: loaded.append(index) or "")
    response = route.post([SimpleUploadedFile("opgeblazen.pdf", one_page_pdf(claimed_pages=999_999))])
    assert_refused(response, "opgeblazen.pdf", "het document heeft 999.999 pagina's, meer dan de grens van "
                   "5.000 per document")
    assert loaded == []
    untouched()


def test_a_file_over_the_upload_limit_is_refused_without_being_kept(route, settings, monkeypatch, untouched):
    settings.KOERS_MAX_UPLOAD_MB = 8  # above FILE_UPLOAD_MAX_MEMORY_SIZE: the same path as the default 50
    seen = {}

    def spy(check):
        def checked(upload):
            seen[upload.name] = (upload.size, os.path.getsize(upload.temporary_file_path()))
            return check(upload)
        return checked

    for module in (agenda_views, agenda_api):
        monkeypatch.setattr(module, "check_upload", spy(module.check_upload))
    with memory_grows_less_than(100):
        response = route.post_stream(StreamedUpload("groot.pdf", 200 * 1024 * 1024))
    assert response.status_code in (200, 201), response.content
    assert reasons(response) == ["groot.pdf: het bestand is 200,0 MB, meer dan de grens van 8 MB"]
    assert seen["groot.pdf"] == (200 * 1024 * 1024, 0)  # its real size is known, none of it kept on disk
    assert [d.original_name for d in ScanDocument.objects.exclude(original_name="begroting-2024.txt")] == ["goed.txt"]
    untouched()


HTML_PAGE = b"<!DOCTYPE html>\n<html><body><p>Begroting</p></body></html>"


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("begroting.txt", PDF_TEXT)
    return buffer.getvalue()


@pytest.mark.parametrize("name, content, real", [
    ("nota.pdf", HTML_PAGE, "een HTML-pagina"),
    ("nota.pdf", _zip(), "een ZIP-archief"),
    ("nota.pdf", b"MZ\x90\x00" + bytes(200), "een programma (EXE)"),
    ("nota.docx", one_page_pdf(), "een PDF-bestand"),
], ids=["html-as-pdf", "zip-as-pdf", "exe-as-pdf", "pdf-as-docx"])
def test_a_file_whose_extension_lies_is_refused_naming_what_it_is(route, name, content, real, untouched):
    response = route.post([SimpleUploadedFile(name, content)])
    extension = name[name.index("."):]
    assert_refused(response, name, f"het bestand heet {extension} maar is {real}; geef het de juiste extensie "
                   "of sla het op als een van de ondersteunde soorten")
    untouched()


def test_a_password_protected_pdf_is_refused_saying_so(route, tmp_path, untouched):
    locked = write_pdf(tmp_path, "geheim.pdf", [[PDF_TEXT]], password="welkom").read_bytes()
    response = route.post([SimpleUploadedFile("geheim.pdf", locked)])
    assert_refused(response, "geheim.pdf", "de PDF is beveiligd met een wachtwoord; sla een versie zonder "
                   "wachtwoord op")
    untouched()


def test_a_pdf_with_javascript_is_scanned_as_text_only(route, untouched):
    # Accepted: only its text is read. Nothing can run it: the reader never sets up PDFium's
    # form-fill environment, the only way PDFium runs scripts, and this PDFium has no script
    # engine (a V8 build would list it among its flags).
    assert "V8" not in pypdfium2.version.PDFIUM_INFO.flags
    script = one_page_pdf(catalog="/OpenAction 6 0 R", extra=(
        "<< /Type /Action /S /JavaScript /JS (app.alert\\('hallo'\\); this.submitForm\\('https://example.org'\\);) >>",))
    response = route.post([SimpleUploadedFile("script.pdf", script)])
    assert response.status_code in (201, 302), response.content
    document = ScanDocument.objects.get(original_name="script.pdf")
    assert (document.status, document.pages, document.error) == ("done", 1, "")
    assert document.words == len(PDF_TEXT.split())
    untouched()


def test_a_text_that_merely_starts_like_a_program_is_accepted(route, untouched):
    response = route.post([SimpleUploadedFile("mz-regio.md", f"MZ-regio\n\n{PDF_TEXT}\n".encode())])
    assert response.status_code in (201, 302), response.content
    assert ScanDocument.objects.get(original_name="mz-regio.md").status == "done"
    untouched()
