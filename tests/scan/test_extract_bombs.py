"""Inflation bombs: a small file that unpacks to far more markup or text than any real document
stops at the limits with a Dutch message, at the upload check (first page) and in the scan."""

import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: shared fixture writers
from fixtures import (docx_bomb, write_bytes, write_docx, write_html, write_odt_parts,  # noqa: E402
                      write_text)

from koers.scan.errors import DocumentError  # noqa: E402
from koers.scan.extract import iter_pages, limits, probe  # noqa: E402


def error_of(path) -> str:
    with pytest.raises(DocumentError) as caught:
        list(iter_pages(path))
    return str(caught.value)


@pytest.fixture
def small_limits(monkeypatch):
    """Limits low enough that the test files stay small and fast."""
    monkeypatch.setattr(limits, "MAX_MARKUP_BYTES", 1_000_000)
    monkeypatch.setattr(limits, "MAX_PAGE_CHARS", 100_000)
    monkeypatch.setattr(limits, "MAX_DOCUMENT_CHARS", 300_000)


def test_a_docx_that_inflates_past_the_limit_is_refused_on_its_first_page(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_MARKUP_BYTES", 1_000_000)
    path = write_bytes(tmp_path, "bom.docx", docx_bomb([1_500_000]))
    assert path.stat().st_size < 50_000
    message = error_of(path)
    assert message.startswith("het DOCX-bestand pakt uit tot meer dan 1,0 MB")
    assert probe(path) == message  # the upload check refuses it too


def test_parts_together_count_against_the_limit(tmp_path, monkeypatch):
    # Each part alone is under the limit (and its zip header says so); together they are not.
    monkeypatch.setattr(limits, "MAX_MARKUP_BYTES", 1_000_000)
    filler = "<!-- " + "opvulling " * 60_000 + "-->"
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    path = write_odt_parts(tmp_path, "bom.odt", {
        "styles.xml": f'<office:document-styles {ns}>{filler}</office:document-styles>',
        "content.xml": (f'<office:document-content {ns}><office:body><office:text>'
                        f'<text:p>Tekst.</text:p>{filler}</office:text></office:body></office:document-content>'),
    })
    with zipfile.ZipFile(path) as archive:
        assert all(info.file_size < 1_000_000 for info in archive.infolist())
    assert "ODT-bestand pakt uit tot meer dan 1,0 MB" in error_of(path)


def test_a_page_with_too_much_text_is_refused(tmp_path, small_limits):
    message = error_of(write_bytes(tmp_path, "lang.docx", docx_bomb([150_000])))
    assert message == "pagina 1 bevat meer dan 100.000 tekens tekst, meer dan een pagina kan bevatten"
    assert "pagina 1 bevat meer dan" in error_of(write_text(tmp_path, "lang.txt", "woord " * 20_000))
    assert "pagina 1 bevat meer dan" in error_of(write_html(tmp_path, "lang.html", "<p>woord </p>" * 20_000))


def test_only_the_first_page_is_checked_at_upload_and_the_scan_stops_later(tmp_path, small_limits):
    path = write_bytes(tmp_path, "later.docx", docx_bomb([2_000, 150_000]))
    assert probe(path) is None  # the upload check reads the first page only
    assert error_of(path).startswith("pagina 2 bevat meer dan 100.000 tekens")


def test_a_document_with_too_much_text_in_total_is_refused(tmp_path, small_limits):
    message = error_of(write_bytes(tmp_path, "veel.docx", docx_bomb([90_000] * 4)))
    assert message == "het document bevat meer dan 300.000 tekens tekst, de grens per document"


def test_an_html_file_with_more_markup_than_the_limit_is_refused(tmp_path, small_limits):
    path = write_html(tmp_path, "groot.html", "<p>woord</p>\n<div></div>" * 50_000)
    assert "het HTML-bestand is 1,2 MB, meer dan de grens van 1,0 MB" in error_of(path)


def test_normal_documents_still_read_with_the_default_limits(tmp_path):
    path = write_docx(tmp_path, "begroting.docx", [["# Inleiding", "Wij investeren in de AVG."], ["Slot."]])
    assert [page.number for page in iter_pages(path)] == [1, 2]
    assert probe(path) is None
    assert len(list(iter_pages(write_bytes(tmp_path, "groot.docx", docx_bomb([500_000] * 3))))) == 3
