"""One document in, one result out: extraction, segmentation and detection glued together."""

from __future__ import annotations

import logging
import os

from koers.scan.codebook import Codebook, default_codebook
from koers.scan.detect import Detector
from koers.scan.errors import DocumentError
from koers.scan.extract import DEFAULT_MAX_BYTES, iter_pages
from koers.scan.model import DocumentResult, Page


def scan_file(path: str | os.PathLike, codebook: Codebook | None = None, *,
              document: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
              model: dict | None = None, collect: list | None = None) -> DocumentResult:
    """Scan one file. Never raises for bad input: a unreadable file gives ``error``.

    ``model`` is a passage model (``koers train``) that decides attention instead of the codebook's
    rule; ``collect`` receives the features of every candidate passage (for training)."""
    name = document if document is not None else os.fspath(path)
    detector = Detector(codebook or default_codebook(), model, collect)
    try:
        for page in iter_pages(path, max_bytes=max_bytes):
            detector.add_page(page)
    except DocumentError as exc:
        return DocumentResult(document=name, error=str(exc))
    except Exception as exc:  # a bug must not stop a batch of 10,000 documents; it is logged
        logging.getLogger(__name__).exception("unexpected error scanning %s", name)
        return DocumentResult(document=name, error=f"interne fout ({type(exc).__name__}); meld dit a.u.b.")
    if detector.pages == 0:
        return DocumentResult(document=name, error="het document bevat geen tekst")
    return detector.result(name)


def scan_text(text: str, codebook: Codebook | None = None, *, document: str = "tekst",
              model: dict | None = None, collect: list | None = None) -> DocumentResult:
    """Scan text already in memory (one page per form feed)."""
    detector = Detector(codebook or default_codebook(), model, collect)
    for number, page_text in enumerate(text.split("\f"), start=1):
        detector.add_page(Page(number, page_text))
    return detector.result(document)
