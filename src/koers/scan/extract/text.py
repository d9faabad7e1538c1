"""Plain text and Markdown, read line by line as UTF-8; a form feed starts a new page."""

from __future__ import annotations

import re
from collections.abc import Iterator

from koers.scan.errors import DocumentError
from koers.scan.extract import limits, messages

PAGINATED = True  # form-feed pages (e.g. from pdftotext) carry running headers too
MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown"})
_BOM = b"\xef\xbb\xbf"
_SNIFF_BYTES = 8192

# Light Markdown: markup that would confuse the segmenter goes, the words stay.
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_BULLET = re.compile(r"^(\s*)[*+-]\s+")
_MD_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def iter_raw_pages(path: str, *, markdown: bool = False) -> Iterator[tuple[int, str]]:
    with open(path, "rb") as stream:
        if b"\x00" in stream.read(_SNIFF_BYTES):
            raise DocumentError(messages.binary_text())
        stream.seek(0)
        lines: list[str] = []
        number, length = 1, 0
        for line_number, raw in enumerate(stream, start=1):
            line = _decode(raw, line_number)
            length += len(line)
            limits.check_page(number, length)
            if markdown:
                line = _markdown_line(line)
            *complete, rest = line.split("\f")
            for part in complete:  # each form feed closes a page
                lines.append(part)
                yield number, "".join(lines)
                number += 1
                lines, length = [], len(rest)
            lines.append(rest)
        yield number, "".join(lines)


def _decode(raw: bytes, line_number: int) -> str:
    if line_number == 1 and raw.startswith(_BOM):
        raw = raw[len(_BOM):]
    if b"\x00" in raw:
        raise DocumentError(messages.binary_text())
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(messages.not_utf8(line_number)) from exc


def _markdown_line(line: str) -> str:
    heading = _MD_HEADING.match(line)
    if heading:
        return "\n" + heading.group(1) + "\n\n"  # a heading is a block of its own
    line = _MD_BULLET.sub("\\1\u2022 ", line, count=1)
    if "[" in line:
        line = _MD_LINK.sub(r"\1", line)
    if "*" in line or "_" in line:
        line = _MD_EMPHASIS.sub(r"\2", line)
    return line
