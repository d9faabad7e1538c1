"""Text and page numbers per format, through koers.scan.extract.iter_pages."""

import sys
from pathlib import Path

import pypdfium2

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: shared fixture writers
from fixtures import (write_bytes, write_docx, write_html, write_odt, write_odt_parts,  # noqa: E402
                      write_pdf, write_text)

from koers.scan.extract import DEFAULT_MAX_BYTES, SUPPORTED_EXTENSIONS, iter_pages  # noqa: E402
from koers.scan.extract.clean import HEADER_WINDOW  # noqa: E402
from koers.scan.model import Page  # noqa: E402

PAGES = [
    ["# Digitale dienstverlening", "Inwoners regelen hun zaken steeds vaker online.",
     "- een afspraak maken", "- een melding doen"],
    ["# Informatieveiligheid", "Het college laat de beveiliging jaarlijks toetsen."],
    ["Op de laatste pagina staat een korte samenvatting."],
]


def pages_of(path, **kwargs):
    return list(iter_pages(path, **kwargs))


def lines_of(page: Page) -> list[str]:
    return [line for line in page.text.split("\n") if line]


def test_supported_extensions_and_default_limit():
    assert SUPPORTED_EXTENSIONS == {".pdf", ".docx", ".odt", ".html", ".htm", ".txt", ".md",
                                    ".markdown"}
    assert DEFAULT_MAX_BYTES >= 100_000_000


def test_pdf_text_and_page_numbers(tmp_path):
    pages = pages_of(write_pdf(tmp_path, "nota.pdf", PAGES))
    assert [page.number for page in pages] == [1, 2, 3]
    assert lines_of(pages[0]) == ["Digitale dienstverlening",
                                  "Inwoners regelen hun zaken steeds vaker online.",
                                  "- een afspraak maken", "- een melding doen"]
    assert lines_of(pages[1]) == ["Informatieveiligheid",
                                  "Het college laat de beveiliging jaarlijks toetsen."]
    assert pages[2].text == "Op de laatste pagina staat een korte samenvatting."


def test_pdf_running_header_and_footer_are_removed(tmp_path):
    body = [[f"Paragraaf {n} gaat over een ander onderwerp."] for n in range(1, 6)]
    path = write_pdf(tmp_path, "begroting.pdf", body, header="Gemeente Voorbeeld, begroting 2025",
                     footer="Pagina {page} van {pages}")
    pages = pages_of(path)
    assert [page.text for page in pages] == [
        f"Paragraaf {n} gaat over een ander onderwerp." for n in range(1, 6)]


def test_pdf_with_two_pages_keeps_its_headers(tmp_path):
    body = [["Eerste pagina."], ["Tweede pagina."]]
    path = write_pdf(tmp_path, "kort.pdf", body, header="Gemeente Voorbeeld",
                     footer="Pagina {page} van {pages}")
    pages = pages_of(path)
    assert lines_of(pages[0]) == ["Gemeente Voorbeeld", "Eerste pagina.", "Pagina 1 van 2"]
    assert lines_of(pages[1]) == ["Gemeente Voorbeeld", "Tweede pagina.", "Pagina 2 van 2"]


def test_pdf_hyphenated_line_end_is_repaired(tmp_path):
    path = write_pdf(tmp_path, "afbreking.pdf", [["De informatie-\nbeveiliging en de ICT-\nsystemen."]])
    assert pages_of(path)[0].text == "De informatiebeveiliging en de ICT-systemen."


def test_pdf_uppercase_extension_is_accepted(tmp_path):
    path = write_pdf(tmp_path, "NOTA.PDF", [["Hoofdletters in de extensie."]])
    assert pages_of(path) == [Page(1, "Hoofdletters in de extensie.")]


def test_pdf_pages_are_read_lazily_one_at_a_time(tmp_path, monkeypatch):
    path = write_pdf(tmp_path, "lang.pdf", [[f"Tekst van pagina {n} in het verslag."] for n in range(1, 51)])
    loaded, open_pages = [], set()
    real_get_page, real_close = pypdfium2.PdfDocument.get_page, pypdfium2.PdfPage.close

    def spy_get_page(document, index):
        assert not open_pages, "a page was loaded while another one was still open"
        page = real_get_page(document, index)
        loaded.append(index)
        open_pages.add(id(page))
        return page

    def spy_close(page, *args, **kwargs):
        open_pages.discard(id(page))
        return real_close(page, *args, **kwargs)

    monkeypatch.setattr(pypdfium2.PdfDocument, "get_page", spy_get_page)
    monkeypatch.setattr(pypdfium2.PdfPage, "close", spy_close)
    pages = iter_pages(path)
    first = next(pages)
    assert first == Page(1, "Tekst van pagina 1 in het verslag.")
    # Only the header/footer window was read ahead, not the other 42 pages.
    assert loaded == list(range(HEADER_WINDOW))
    assert [page.number for page in pages] == list(range(2, 51))
    assert len(loaded) == 50


def test_docx_text_page_break_heading_and_list(tmp_path):
    pages = pages_of(write_docx(tmp_path, "nota.docx", PAGES))
    assert [page.number for page in pages] == [1, 2, 3]
    assert pages[0].text == ("Digitale dienstverlening\n\n"
                             "Inwoners regelen hun zaken steeds vaker online.\n\n"
                             "\u2022 een afspraak maken\n\n\u2022 een melding doen")
    assert pages[1].text == ("Informatieveiligheid\n\n"
                             "Het college laat de beveiliging jaarlijks toetsen.")
    assert pages[2].text == "Op de laatste pagina staat een korte samenvatting."


DOCX_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')


def write_docx_body(folder, body: str) -> Path:
    """A minimal DOCX holding only word/document.xml with this body XML."""
    import zipfile

    path = folder / "handwerk.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?>'
                         f"<w:document {DOCX_NS}><w:body>{body}</w:body></w:document>")
    return path


def test_docx_rendered_break_after_explicit_break_counts_once(tmp_path):
    body = ('<w:p><w:r><w:t>Eerste pagina.</w:t></w:r><w:r><w:br w:type="page"/></w:r></w:p>'
            "<w:p><w:r><w:lastRenderedPageBreak/><w:t>Tweede pagina.</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>Nog steeds de tweede,</w:t></w:r><w:r><w:lastRenderedPageBreak/>"
            "<w:t> maar dit staat op de derde.</w:t></w:r></w:p>")
    pages = pages_of(write_docx_body(tmp_path, body))
    assert pages == [Page(1, "Eerste pagina."),
                     Page(2, "Tweede pagina.\n\nNog steeds de tweede,"),
                     Page(3, "maar dit staat op de derde.")]


def test_docx_page_break_before_tabs_and_textbox_read_once(tmp_path):
    body = ("<w:p><w:r><w:t>Inleiding</w:t><w:tab/><w:t>kort.</w:t></w:r></w:p>"
            '<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>Bijlage</w:t></w:r>'
            "<w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>In het kader."
            "</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p>"
            "<w:r><w:t>In het kader.</w:t></w:r></w:p></w:txbxContent></mc:Fallback>"
            "</mc:AlternateContent></w:r></w:p>"
            "<w:p><w:r><w:delText>geschrapt</w:delText><w:t>Blijft staan.</w:t></w:r></w:p>")
    pages = pages_of(write_docx_body(tmp_path, body))
    assert pages[0] == Page(1, "Inleiding kort.")
    assert pages[1].number == 2
    assert pages[1].text.count("In het kader.") == 1
    assert "Bijlage" in pages[1].text and "Blijft staan." in pages[1].text
    assert "geschrapt" not in pages[1].text


def test_odt_text_soft_page_breaks_heading_and_list(tmp_path):
    pages = pages_of(write_odt(tmp_path, "nota.odt", PAGES))
    assert [page.number for page in pages] == [1, 2, 3]
    assert pages[0].text == ("Digitale dienstverlening\n\n"
                             "Inwoners regelen hun zaken steeds vaker online.\n\n"
                             "\u2022 een afspraak maken\n\n\u2022 een melding doen")
    assert pages[2].text == "Op de laatste pagina staat een korte samenvatting."


ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')


def test_odt_break_before_style_spaces_and_notes(tmp_path):
    content = (f'<office:document-content {ODT_NS}><office:automatic-styles>'
               '<style:style style:name="P1" style:family="paragraph">'
               '<style:paragraph-properties fo:break-before="page"/></style:style>'
               "</office:automatic-styles><office:body><office:text>"
               "<text:p>Twee<text:s text:c=\"3\"/>woorden<text:tab/>en<text:line-break/>"
               "<text:span>een regel</text:span>.</text:p>"
               '<text:p text:style-name="P1">Nieuwe pagina<text:note><text:note-citation>1'
               "</text:note-citation><text:note-body><text:p>Voetnoot.</text:p></text:note-body>"
               "</text:note> zonder voetnoot.</text:p>"
               "<text:p>In het midden<text:soft-page-break/> gebroken.</text:p>"
               "</office:text></office:body></office:document-content>")
    pages = pages_of(write_odt_parts(tmp_path, "stijl.odt", {"content.xml": content}))
    assert pages == [Page(1, "Twee woorden en\neen regel."),
                     Page(2, "Nieuwe pagina zonder voetnoot.\n\nIn het midden"),
                     Page(3, "gebroken.")]


def test_html_drops_page_furniture_and_keeps_structure(tmp_path):
    body = """
    <header>Gemeente Voorbeeld</header>
    <nav><a href="/">Home</a></nav>
    <div role="navigation">Kruimelpad</div>
    <main>
      <h1>Raadsvoorstel   digitale
          toegankelijkheid</h1>
      <p>De website moet voor <b>iedereen</b> bruikbaar zijn.</p>
      <ul><li>teksten op B1-niveau</li><li>ondertiteling bij video</li></ul>
      <p hidden>Verborgen concept.</p>
      <span aria-hidden="true">Pictogram</span>
      <aside>Lees ook het vorige voorstel.</aside>
      <form><label>Zoeken</label></form>
      <template><p>Sjabloon</p></template>
    </main>
    <script>var tracker = 1;</script><style>p { color: red; }</style>
    <noscript>Zet javascript aan.</noscript>
    <footer>Contact en colofon</footer>"""
    pages = pages_of(write_html(tmp_path, "voorstel.html", body))
    assert pages == [Page(1, "Raadsvoorstel digitale toegankelijkheid\n\n"
                             "De website moet voor iedereen bruikbaar zijn.\n\n"
                             "\u2022 teksten op B1-niveau\n\u2022 ondertiteling bij video")]


def test_html_splits_pages_on_page_break_style(tmp_path):
    body = ('<p>Voorblad.</p><div style="page-break-before: always"><p>Inhoud.</p></div>'
            '<h2 style="break-before:page">Bijlage</h2>')
    pages = pages_of(write_html(tmp_path, "pagina.htm", body))
    assert pages == [Page(1, "Voorblad."), Page(2, "Inhoud."), Page(3, "Bijlage")]


def test_html_follows_declared_legacy_charset(tmp_path):
    markup = ('<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 en re\xfcnie.'
              "</p></body></html>").encode("cp1252")
    pages = pages_of(write_bytes(tmp_path, "oud.html", markup))
    assert pages == [Page(1, "Café en reünie.")]


def test_txt_form_feeds_make_pages(tmp_path):
    path = write_text(tmp_path, "notulen.txt",
                      "Eerste regel.\r\nTweede regel.\r\n\fPagina twee.\n\f\fPagina vier.\n")
    assert pages_of(path) == [Page(1, "Eerste regel.\nTweede regel."), Page(2, "Pagina twee."),
                              Page(3, ""), Page(4, "Pagina vier.")]


def test_txt_with_byte_order_mark(tmp_path):
    path = write_bytes(tmp_path, "bom.txt", "\ufeffZaken met een BOM.".encode("utf-8"))
    assert pages_of(path) == [Page(1, "Zaken met een BOM.")]


def test_markdown_markup_is_stripped_lightly(tmp_path):
    text = ("# Agenda\nKort **overleg** over _data_ en [de nota](https://example.org/nota).\n\n"
            "- punt een\n* punt twee\nbestand_naam_met_streepjes blijft.\n")
    pages = pages_of(write_text(tmp_path, "agenda.MD", text))
    assert pages == [Page(1, "Agenda\n\nKort overleg over data en de nota.\n\n"
                             "\u2022 punt een\n\u2022 punt twee\n"
                             "bestand_naam_met_streepjes blijft.")]
