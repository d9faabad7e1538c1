"""Streaming text extraction: one cleaned page at a time, with its page number.

``iter_pages`` checks the file, picks the reader for its extension (one module per format),
cleans every page (``clean.py``) and, for paginated formats, drops running headers and
footers. Every problem with the file becomes a ``DocumentError`` with a one-line Dutch
message; the caller adds the document name. ``limits.py`` caps the markup a document may
inflate to and the text per page and per document, so a small "bomb" file stops early.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TypeVar

from koers.scan.errors import DocumentError
from koers.scan.extract import docx, html, limits, messages, odt, pdf, sniff, text
from koers.scan.extract.clean import clean_text, drop_repeated_edges
from koers.scan.model import Page

__all__ = ["DEFAULT_MAX_BYTES", "SUPPORTED_EXTENSIONS", "iter_pages"]

DEFAULT_MAX_BYTES = 250 * 1_000_000
_log = logging.getLogger(__name__)

T = TypeVar("T")
RawPages = Callable[[str], Iterable[tuple[int, str]]]
# extension -> (reader of raw pages, whether running headers/footers are removed)
_READERS: dict[str, tuple[RawPages, bool]] = {
    ".pdf": (pdf.iter_raw_pages, pdf.PAGINATED),
    ".docx": (docx.iter_raw_pages, docx.PAGINATED),
    ".odt": (odt.iter_raw_pages, odt.PAGINATED),
    ".html": (html.iter_raw_pages, html.PAGINATED),
    ".htm": (html.iter_raw_pages, html.PAGINATED),
    ".txt": (text.iter_raw_pages, text.PAGINATED),
    ".md": (partial(text.iter_raw_pages, markdown=True), text.PAGINATED),
    ".markdown": (partial(text.iter_raw_pages, markdown=True), text.PAGINATED),
}
SUPPORTED_EXTENSIONS = frozenset(_READERS)


def iter_pages(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Page]:
    """Yield the cleaned pages of a document, lazily, in order.

    The file itself is checked at once (missing, folder, type, empty, too large); problems
    inside the file surface while iterating. Both raise ``DocumentError``.
    """
    name = os.fspath(path)
    read, paginated = _reader_for(name, max_bytes)
    return _guarded(_cleaned(read(name), paginated))


def probe(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """The Dutch reason a document cannot be read (corrupt, encrypted, wrong format), found by
    opening it and reading its first page only; None when that works. For checks at upload.

    The raw first page, not the cleaned one: cleaning reads several pages ahead (running
    headers), and an upload should not wait for them."""
    pages = None
    try:
        name = os.fspath(path)
        read, _paginated = _reader_for(name, max_bytes)
        pages = _guarded(_limited(read(name)))
        next(pages, None)
    except DocumentError as exc:
        return str(exc)
    except Exception:  # noqa: BLE001 - our own bug: the full scan reports it; never block an upload on it
        _log.exception("probe of %s failed", path)
    finally:
        if pages is not None:
            pages.close()
    return None


def _reader_for(name: str, max_bytes: int) -> tuple[RawPages, bool]:
    extension = os.path.splitext(name)[1].lower()
    try:
        info = os.stat(name)
    except FileNotFoundError as exc:
        raise DocumentError(messages.not_found()) from exc
    except OSError as exc:
        raise DocumentError(messages.no_access(exc.strerror or type(exc).__name__)) from exc
    if stat.S_ISDIR(info.st_mode):
        raise DocumentError(messages.is_folder())
    if extension not in _READERS:
        raise DocumentError(messages.unsupported(extension, ", ".join(sorted(_READERS))))
    if info.st_size == 0:
        raise DocumentError(messages.empty())
    if info.st_size > max_bytes:
        raise DocumentError(messages.too_large(info.st_size, max_bytes))
    sniff.check(name, extension)
    return _READERS[extension]


def _cleaned(raw_pages: Iterable[tuple[int, str]], paginated: bool) -> Iterator[Page]:
    pages = ((number, clean_text(raw)) for number, raw in _limited(raw_pages))
    if paginated:
        pages = drop_repeated_edges(pages)
    for number, page_text in pages:
        yield Page(number, page_text)


def _limited(raw_pages: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """The raw pages, refused once a page or the document holds more text than the limits."""
    total = 0
    for number, raw in raw_pages:
        limits.check_page_count(number)
        limits.check_page(number, len(raw))
        total += len(raw)
        limits.check_document(total)
        yield number, raw


def _guarded(pages: Iterator[T]) -> Iterator[T]:
    """Turn failures inside parser libraries into DocumentError; let our own bugs through."""
    try:
        yield from pages
    except DocumentError:
        raise
    except OSError as exc:
        raise DocumentError(messages.no_access(exc.strerror or str(exc))) from exc
    except MemoryError as exc:
        raise DocumentError(messages.unexpected(exc)) from exc
    except Exception as exc:
        if not _raised_in_parser(exc):
            raise
        _log.warning("parser library failed", exc_info=True)
        raise DocumentError(messages.unexpected(exc)) from exc


def _library_paths() -> tuple[str, ...]:
    import lxml
    import pypdfium2
    import zipfile

    paths = [os.path.dirname(pypdfium2.__file__), os.path.dirname(lxml.__file__)]
    zip_file = zipfile.__file__
    paths.append(os.path.dirname(zip_file) if zip_file.endswith("__init__.py")
                 else os.path.splitext(zip_file)[0])  # zipfile.py, or the zipfile package
    return tuple(os.path.realpath(path) for path in paths)


_PARSER_PATHS = _library_paths()


def _raised_in_parser(exc: BaseException) -> bool:
    """True when the traceback passes through a parser library (PDFium, lxml, zipfile).

    A failure there is a document the library could not handle. An error that never
    entered a parser library comes from our own code: a bug that tests must see.
    """
    tb = exc.__traceback__
    while tb is not None:
        filename = os.path.realpath(tb.tb_frame.f_code.co_filename)
        if filename.startswith(_PARSER_PATHS):
            return True
        tb = tb.tb_next
    return False
