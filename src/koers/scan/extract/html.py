"""HTML text with lxml.html: page furniture dropped, blocks on their own lines.

An HTML file is one page, unless elements ask for a page break in their inline style
(``page-break-before: always`` or ``break-before: page``), as exported council documents do.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import lxml.html
from lxml import etree

from koers.scan.errors import DocumentError
from koers.scan.extract import limits, messages

PAGINATED = False

# Elements that hold no running text: scripts, styling, navigation and page furniture.
_DROPPED = frozenset({"head", "script", "style", "noscript", "template", "nav", "header",
                      "footer", "aside", "form", "iframe", "svg", "canvas", "object", "button",
                      "select"})
# Elements that start their own line.
_BLOCKS = frozenset({"address", "article", "blockquote", "dd", "details", "dialog", "div",
                     "dl", "dt", "fieldset", "figcaption", "figure", "hr", "main", "ol", "pre",
                     "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul",
                     "caption", "center"})
# Elements that are a block of their own: a blank line before and after.
_PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote",
                         "pre", "dl"})
_CELLS = frozenset({"td", "th"})
_PAGE_BREAK_STYLE = re.compile(r"(?:page-)?break-before\s*:\s*(?:always|page)", re.I)
_WHITESPACE = re.compile(r"\s+")
_FORM_FEED = "\f"


def iter_raw_pages(path: str) -> Iterator[tuple[int, str]]:
    with open(path, "rb") as stream:
        data = stream.read(limits.MAX_MARKUP_BYTES + 1)  # lxml.html needs the whole document
    if len(data) > limits.MAX_MARKUP_BYTES:
        raise DocumentError(messages.markup_too_large(os.path.getsize(path), limits.MAX_MARKUP_BYTES))
    root = _parse(data)
    if root is None:
        return
    _drop_furniture(root)
    text = _text(root)
    for number, page in enumerate(text.split(_FORM_FEED), start=1):
        yield number, page


def _parse(data: bytes):
    try:
        markup: str | bytes = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        markup = data  # let lxml follow the declared charset (e.g. windows-1252)
    try:
        try:
            return lxml.html.document_fromstring(markup)
        except ValueError:
            # lxml refuses a str that carries an XML encoding declaration: give it the bytes.
            return lxml.html.document_fromstring(data)
    except etree.ParserError:
        return None  # nothing but whitespace or comments: no text
    except (etree.LxmlError, ValueError) as exc:
        raise DocumentError(messages.corrupt_html()) from exc


def _drop_furniture(root: etree._Element) -> None:
    doomed = [el for el in root.iter() if _is_furniture(el)]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()  # keeps the tail text that follows the element


def _is_furniture(element: etree._Element) -> bool:
    if not isinstance(element.tag, str):
        return True  # comments and processing instructions
    return (element.tag in _DROPPED or element.get("role") == "navigation"
            or element.get("aria-hidden") == "true" or element.get("hidden") is not None)


def _text(root: etree._Element) -> str:
    parts: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if _PAGE_BREAK_STYLE.search(element.get("style", "")):
                parts.append(_FORM_FEED)
            _open(tag, parts)
            if element.text:
                parts.append(element.text if tag == "pre" else _WHITESPACE.sub(" ", element.text))
        else:
            _close(tag, parts)
            if element.tail:
                parts.append(_WHITESPACE.sub(" ", element.tail))
    return "".join(parts)


def _open(tag: str, parts: list[str]) -> None:
    if tag in _PARAGRAPHS:
        parts.append("\n\n")
    elif tag == "li":
        parts.append("\n\u2022 ")
    elif tag in _BLOCKS:
        parts.append("\n")
    elif tag in _CELLS:
        parts.append(" ")
    elif tag == "br":
        parts.append("\n")


def _close(tag: str, parts: list[str]) -> None:
    if tag in _PARAGRAPHS:
        parts.append("\n\n")
    elif tag in _BLOCKS:
        parts.append("\n")
