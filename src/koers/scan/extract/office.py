"""Shared checks for the zip-based office formats (DOCX, ODT)."""

from __future__ import annotations

import zipfile
import zlib

from lxml import etree

from koers.scan.errors import DocumentError
from koers.scan.extract import messages

# An OLE2 compound file: what Word writes for a password-protected .docx (and old .doc files).
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
# Errors that mean "the archive or its XML is broken", not "our code is wrong".
BROKEN_ARCHIVE_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError,
                         NotImplementedError, etree.LxmlError)


def open_archive(path: str, kind: str) -> zipfile.ZipFile:
    """Open the zip container, recognising encrypted files before the zip parser complains."""
    with open(path, "rb") as stream:
        magic = stream.read(len(OLE2_MAGIC))
    if magic == OLE2_MAGIC:
        raise DocumentError(messages.encrypted_office(kind))
    try:
        return zipfile.ZipFile(path)
    except BROKEN_ARCHIVE_ERRORS as exc:
        raise DocumentError(messages.corrupt_office(kind)) from exc


def parser_options() -> dict:
    """iterparse options: no entities, no network, and libxml2's own limits kept (no huge_tree:
    that would lift its caps on text nodes, depth and entity amplification)."""
    return {"resolve_entities": False, "no_network": True, "recover": False}


def free(element: etree._Element) -> None:
    """Release a processed element and the siblings before it, so memory stays flat."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
