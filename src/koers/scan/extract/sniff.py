"""What a file really is, from its first bytes: a file whose extension lies is refused by name.

An HTML page, a ZIP archive or a program renamed ``.pdf`` (or a PDF renamed ``.docx``) would
otherwise reach a parser meant for something else and fail with a vague "corrupt" message.
Only the start of the file (and for a zip its directory, never its contents) is read.
"""

from __future__ import annotations

import zipfile

from koers.scan.errors import DocumentError
from koers.scan.extract import messages

_HEAD = 64
# Magic numbers at the very start of the file. A PDF with bytes before its header (PDFium
# tolerates some) is not recognised here and is left to the reader.
_MAGIC = (
    (b"%PDF-", "pdf"), (b"PK\x03\x04", "zip"), (b"\x7fELF", "elf"), (b"\xd0\xcf\x11\xe0", "ole2"),
    (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF87a", "gif"), (b"GIF89a", "gif"),
)
# Parts that tell the office formats apart inside a zip.
_ZIP_KINDS = (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"),
              ("ppt/presentation.xml", "pptx"), ("content.xml", "odt"))
_OFFICE = {"zip", "ole2"}  # left to the office readers: a broken zip, or a password-protected file
# What each extension may really be; a type not found (None) is left to the reader.
_ACCEPTS = {".pdf": {"pdf"}, ".docx": {"docx", *_OFFICE}, ".odt": {"odt", *_OFFICE}}
_TEXT_KINDS = {"html"}  # text, Markdown and HTML extensions: any text, HTML included


def check(path: str, extension: str) -> None:
    """Raise DocumentError naming the real type when the file is not what its extension says."""
    kind = real_kind(path)
    if kind is not None and kind not in _ACCEPTS.get(extension, _TEXT_KINDS):
        raise DocumentError(messages.wrong_type(extension, kind))


def real_kind(path: str) -> str | None:
    with open(path, "rb") as stream:
        head = stream.read(_HEAD)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return _zip_kind(path) if kind == "zip" else kind
    if head.startswith(b"MZ") and b"\0" in head:  # a DOS/Windows program (a text starting "MZ" has no NUL)
        return "exe"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def _zip_kind(path: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())  # the central directory only: nothing is inflated
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return "zip"
    return next((kind for part, kind in _ZIP_KINDS if part in names), "zip")

