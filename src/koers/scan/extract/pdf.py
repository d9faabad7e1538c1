"""PDF text with PDFium (pypdfium2): one page and its text page loaded at a time.

Only text is read. JavaScript in a PDF (an /OpenAction, form actions) never runs: PDFium runs
scripts only through its form-fill environment, which is never initialised here (no
``init_forms``), and the pypdfium2 builds carry no JavaScript engine at all.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from koers.scan.errors import DocumentError
from koers.scan.extract import limits, messages

PAGINATED = True
_log = logging.getLogger(__name__)


def iter_raw_pages(path: str) -> Iterator[tuple[int, str]]:
    """Yield (page number, raw text); raise DocumentError for unreadable or textless PDFs."""
    document = _open(path)
    try:
        count = len(document)
        if count == 0:
            raise DocumentError(messages.no_pages())
        limits.check_page_count(count)  # before any page is loaded
        has_text = False  # blank leading pages are held back until a page with text appears
        for index in range(count):
            text = _page_text(document, index)
            if not has_text:
                if not text.strip():
                    continue
                has_text = True
                yield from ((number, "") for number in range(1, index + 1))
            yield index + 1, text
        if not has_text:
            raise DocumentError(messages.scanned_pdf(count))
    finally:
        document.close()


def _open(path: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise DocumentError(messages.encrypted_pdf()) from exc
        raise DocumentError(messages.corrupt_pdf()) from exc


def _page_text(document: pdfium.PdfDocument, index: int) -> str:
    """The raw text of one page; a page PDFium cannot load counts as empty, not as fatal."""
    try:
        page = document.get_page(index)
        try:
            textpage = page.get_textpage()
            try:
                return textpage.get_text_range()
            finally:
                textpage.close()
        finally:
            page.close()
    except pdfium.PdfiumError:
        _log.warning("PDF page %d could not be read", index + 1, exc_info=True)
        return ""
