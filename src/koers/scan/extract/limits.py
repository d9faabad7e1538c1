"""How much a single document may unpack to: guards against inflation ("zip") bombs.

A small DOCX can inflate to gigabytes of XML, and a page of text costs the detector many times
its size in memory. The readers count what they read and stop at these limits with a Dutch
message, at upload (first page) and in the scan alike. Read at call time, so tests and
deployments may lower them.
"""

from __future__ import annotations

from koers.scan.errors import DocumentError
from koers.scan.extract import messages

# Markup read for one document: the XML inflated from a DOCX/ODT archive (all parts together),
# or an HTML file. Real council documents stay well below it.
MAX_MARKUP_BYTES = 20 * 1_000_000
# Text of one page, and of the whole document (about 2,500 dense pages).
MAX_PAGE_CHARS = 2_000_000
MAX_DOCUMENT_CHARS = 10_000_000
# Pages of one document: a PDF's page tree may claim a million pages (PDFium believes a claim below
# about a million) while holding one, and every claimed page would be loaded in turn.
MAX_PAGES = 5_000


def check_page(number: int, length: int) -> None:
    if length > MAX_PAGE_CHARS:
        raise DocumentError(messages.page_too_long(number, MAX_PAGE_CHARS))


def check_page_count(pages: int) -> None:
    if pages > MAX_PAGES:
        raise DocumentError(messages.too_many_pages(pages, MAX_PAGES))


def check_document(length: int) -> None:
    if length > MAX_DOCUMENT_CHARS:
        raise DocumentError(messages.document_too_long(MAX_DOCUMENT_CHARS))


class InflateBudget:
    """The markup one archive may still inflate to, over every part read from it.

    Both the sizes the zip header declares and the bytes actually inflated are checked: a
    forged header must not let a part grow past the limit.
    """

    CHUNK = 64 * 1024

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.left = MAX_MARKUP_BYTES

    def open(self, archive, name: str) -> "_CountedStream":
        """A stream of the part; KeyError when the archive lacks it."""
        if archive.getinfo(name).file_size > self.left:
            self._refuse()
        return _CountedStream(archive.open(name), self)

    def read(self, archive, name: str) -> bytes:
        with self.open(archive, name) as stream:
            return stream.read()

    def spend(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            self._refuse()

    def _refuse(self) -> None:
        raise DocumentError(messages.inflates_too_far(self.kind, MAX_MARKUP_BYTES))


class _CountedStream:
    """A file-like view of an archive part that charges every inflated byte to the budget."""

    def __init__(self, raw, budget: InflateBudget) -> None:
        self._raw, self._budget = raw, budget

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:  # read all, but in chunks, so a bomb stops at the limit
            return b"".join(iter(lambda: self.read(InflateBudget.CHUNK), b""))
        data = self._raw.read(size)
        self._budget.spend(len(data))
        return data

    def close(self) -> None:
        self._raw.close()

    def __enter__(self) -> "_CountedStream":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
