"""Every unreadable input gives a DocumentError with a one-line Dutch message naming the problem."""

import sys
import zipfile
from pathlib import Path

import pypdfium2.raw
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: shared fixture writers
from fixtures import (write_bytes, write_docx, write_drawing_pdf, write_odt_parts,  # noqa: E402
                      write_pdf, write_text)

from koers.scan.errors import DocumentError  # noqa: E402
from koers.scan.extract import clean, iter_pages  # noqa: E402


def error_of(path, **kwargs) -> str:
    with pytest.raises(DocumentError) as caught:
        list(iter_pages(path, **kwargs))
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) not in message  # the caller adds the document name
    return message


def test_missing_path(tmp_path):
    assert "niet gevonden" in error_of(tmp_path / "weg.pdf")


def test_folder(tmp_path):
    assert "map" in error_of(tmp_path)


def test_unknown_extension(tmp_path):
    message = error_of(write_text(tmp_path, "tabel.xlsx", "iets"))
    assert ".xlsx" in message and "niet ondersteund" in message and ".pdf" in message


def test_no_extension(tmp_path):
    assert "zonder extensie" in error_of(write_text(tmp_path, "LEESMIJ", "iets"))


@pytest.mark.parametrize("name", ["leeg.txt", "leeg.pdf", "leeg.docx"])
def test_empty_file(tmp_path, name):
    assert "leeg" in error_of(write_bytes(tmp_path, name, b""))


def test_too_large(tmp_path):
    message = error_of(write_text(tmp_path, "groot.txt", "x" * 2000), max_bytes=1000)
    assert "te groot" in message


def test_corrupt_pdf(tmp_path):
    message = error_of(write_bytes(tmp_path, "kapot.pdf", b"%PDF-1.7\nhier hoort meer te staan"))
    assert "beschadigd" in message and "PDF" in message


def test_encrypted_pdf(tmp_path):
    path = write_pdf(tmp_path, "geheim.pdf", [["Vertrouwelijke tekst."]], password="welkom")
    assert "wachtwoord" in error_of(path)


def test_pdf_without_text_layer_is_probably_a_scan(tmp_path):
    message = error_of(write_drawing_pdf(tmp_path, "scan.pdf", pages=2))
    assert "geen tekstlaag" in message and "scan" in message and "2" in message


def test_docx_that_is_an_ole2_file_is_encrypted(tmp_path):
    path = write_bytes(tmp_path, "beveiligd.docx", bytes.fromhex("d0cf11e0a1b11ae1") + bytes(600))
    message = error_of(path)
    assert "wachtwoord" in message and "versleuteld" in message


def test_docx_that_is_not_a_zip(tmp_path):
    message = error_of(write_text(tmp_path, "nep.docx", "gewone tekst, geen zip"))
    assert "beschadigd" in message and "DOCX" in message


def test_docx_zip_without_document_part(tmp_path):
    path = tmp_path / "leeg.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/styles.xml", "<styles/>")
    message = error_of(path)
    assert "word/document.xml" in message and "mist" in message


def test_docx_with_broken_xml(tmp_path):
    path = tmp_path / "half.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>")
    assert "beschadigd" in error_of(path)


def test_docx_with_truncated_zip(tmp_path):
    whole = write_docx(tmp_path, "heel.docx", [["Een alinea tekst."]]).read_bytes()
    path = write_bytes(tmp_path, "afgebroken.docx", whole[: len(whole) // 2])
    assert "beschadigd" in error_of(path)


def test_odt_without_content_part(tmp_path):
    path = write_odt_parts(tmp_path, "leeg.odt", {"styles.xml": "<styles/>"})
    assert "content.xml" in error_of(path)


def test_odt_with_encrypted_content(tmp_path):
    path = tmp_path / "geheim.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("META-INF/manifest.xml", '<manifest:manifest xmlns:manifest="urn:oasis:'
                         'names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
                         'manifest:full-path="content.xml"><manifest:encryption-data/>'
                         "</manifest:file-entry></manifest:manifest>")
        archive.writestr("content.xml", bytes(range(256)))
    assert "wachtwoord" in error_of(path)


def test_binary_data_in_text_file(tmp_path):
    message = error_of(write_bytes(tmp_path, "data.txt", b"begin\x00\x01\x02einde"))
    assert "binaire" in message


def test_binary_data_after_the_first_block(tmp_path):
    data = b"gewone regel\n" * 2000 + b"en dan\x00binair\n"
    assert "binaire" in error_of(write_bytes(tmp_path, "laat.txt", data))


def test_text_that_is_not_utf8(tmp_path):
    path = write_text(tmp_path, "oud.txt", "eerste regel\nCaf\u00e9 op de hoek\n", encoding="cp1252")
    message = error_of(path)
    assert "UTF-8" in message and "regel 2" in message


def test_unexpected_parser_failure_becomes_document_error(tmp_path, monkeypatch):
    path = write_pdf(tmp_path, "nota.pdf", [["Gewone tekst."]])

    def broken_text_page(*args):
        raise RuntimeError("interne fout in de parser")

    monkeypatch.setattr(pypdfium2.raw, "FPDFText_LoadPage", broken_text_page)
    message = error_of(path)
    assert "onverwachte fout" in message and "RuntimeError" in message


def test_bug_in_our_own_code_is_not_hidden(tmp_path, monkeypatch):
    path = write_text(tmp_path, "nota.txt", "Gewone tekst.")
    monkeypatch.setattr(clean, "_SPECIAL", None)  # None.sub raises AttributeError
    with pytest.raises(AttributeError):
        list(iter_pages(path))


def test_pdf_page_that_cannot_be_read_is_empty_and_the_rest_goes_on(tmp_path, monkeypatch):
    path = write_pdf(tmp_path, "deels.pdf", [["Eerste pagina."], ["Tweede pagina."], ["Derde pagina."]])
    real_load = pypdfium2.raw.FPDFText_LoadPage
    calls = []

    def fail_on_second_page(page):
        calls.append(page)
        return None if len(calls) == 2 else real_load(page)  # PDFium's NULL: no text page

    monkeypatch.setattr(pypdfium2.raw, "FPDFText_LoadPage", fail_on_second_page)
    pages = list(iter_pages(path))
    assert [(page.number, page.text) for page in pages] == [
        (1, "Eerste pagina."), (2, ""), (3, "Derde pagina.")]


def test_probe_reads_only_enough_to_name_the_problem(tmp_path):
    from koers.scan.extract import probe

    assert probe(write_pdf(tmp_path, "goed.pdf", [["Tekst op pagina een."], ["En twee."]])) is None
    assert "wachtwoord" in probe(write_pdf(tmp_path, "geheim.pdf", [["Geheim."]], password="welkom"))
    assert "beschadigd" in probe(write_bytes(tmp_path, "kapot.pdf", b"%PDF-1.7\nkapot"))
    assert probe(tmp_path / "bestaat-niet.pdf")  # a missing file has a reason too
