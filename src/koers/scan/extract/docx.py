"""DOCX text streamed from word/document.xml with lxml iterparse (no python-docx at runtime).

Pages follow explicit breaks (``w:br w:type="page"``, ``w:pageBreakBefore``) and the breaks
Word stored when it last laid out the document (``w:lastRenderedPageBreak``). Headers,
footers and footnotes live in other parts and are not read.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from lxml import etree

from koers.scan.errors import DocumentError
from koers.scan.extract import messages
from koers.scan.extract.limits import InflateBudget
from koers.scan.extract.office import BROKEN_ARCHIVE_ERRORS, free, open_archive, parser_options
from koers.scan.extract.pages import PAGE_BREAK, PageBuilder

PAGINATED = True
KIND = "DOCX"
DEFAULT_PART = "word/document.xml"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _T, _TAB, _BR, _CR = W + "p", W + "t", W + "tab", W + "br", W + "cr"
_RENDERED_BREAK, _NB_HYPHEN = W + "lastRenderedPageBreak", W + "noBreakHyphen"
_PPR, _NUMPR, _PSTYLE, _BREAK_BEFORE = W + "pPr", W + "numPr", W + "pStyle", W + "pageBreakBefore"
_VAL, _TYPE = W + "val", W + "type"
# Alternative content: Word writes a textbox twice (Choice and Fallback); read it once.
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFF = {"0", "false", "off"}
_LIST_STYLES = ("list", "lijst")
_HEADING_STYLES = ("heading", "kop", "title", "titel")


def iter_raw_pages(path: str) -> Iterator[tuple[int, str]]:
    archive = open_archive(path, KIND)
    budget = InflateBudget(KIND)
    with archive:
        part = _main_part(archive, budget)
        try:
            stream = budget.open(archive, part)
        except KeyError as exc:
            raise DocumentError(messages.missing_part(KIND, part)) from exc
        try:
            with stream:
                yield from _pages(stream)
        except BROKEN_ARCHIVE_ERRORS as exc:
            raise DocumentError(messages.corrupt_office(KIND)) from exc


def _main_part(archive, budget: InflateBudget) -> str:
    """The main document part named in _rels/.rels, or word/document.xml."""
    try:
        rels = etree.fromstring(budget.read(archive, "_rels/.rels"), etree.XMLParser(resolve_entities=False))
    except (KeyError, *BROKEN_ARCHIVE_ERRORS):
        return DEFAULT_PART
    for rel in rels.iter(_RELS_NS + "Relationship"):
        if rel.get("Type", "").endswith("/officeDocument") and rel.get("Target"):
            return posixpath.normpath(rel.get("Target").lstrip("/"))
    return DEFAULT_PART


def _pages(stream) -> Iterator[tuple[int, str]]:
    builder = PageBuilder()
    skipping = 0  # depth inside mc:Fallback
    # Per open paragraph, the blocks of paragraphs nested in it (text boxes): they end first
    # but are emitted after the paragraph that anchors them.
    nested: list[list[list[object]]] = []
    for event, element in etree.iterparse(stream, events=("start", "end"), tag=(_P, _FALLBACK),
                                          **parser_options()):
        if element.tag == _FALLBACK:
            skipping += 1 if event == "start" else -1
            if event == "end":
                free(element)
            continue
        if event == "start":
            nested.append([])
            continue
        inner = nested.pop()
        if not skipping:
            blocks = [list(_paragraph(element)), *inner]
            if nested:
                nested[-1].extend(blocks)
            else:
                yield from builder.add_blocks(blocks)
        free(element)
    page = builder.finish()
    if page:
        yield page


def _paragraph(p: etree._Element) -> Iterator[object]:
    """The pieces of one paragraph: text strings and PAGE_BREAK markers, in order."""
    props = p.find(_PPR)
    if props is not None:
        if _is_on(props.find(_BREAK_BEFORE)):
            yield PAGE_BREAK
        if _is_list_item(props):
            yield "\u2022 "
    for node in p.iter(_T, _TAB, _BR, _CR, _RENDERED_BREAK, _NB_HYPHEN):
        tag = node.tag
        if tag == _T:
            if node.text:
                yield node.text
        elif tag == _TAB:
            if node.getparent().tag != _PPR and node.getparent().tag != W + "tabs":
                yield " "
        elif tag == _BR:
            yield PAGE_BREAK if node.get(_TYPE) == "page" else "\n"
        elif tag == _CR:
            yield "\n"
        elif tag == _RENDERED_BREAK:
            yield PAGE_BREAK
        else:
            yield "-"


def _is_on(flag: etree._Element | None) -> bool:
    return flag is not None and flag.get(_VAL, "true").lower() not in _OFF


def _is_list_item(props: etree._Element) -> bool:
    style_element = props.find(_PSTYLE)
    style = (style_element.get(_VAL, "") if style_element is not None else "").lower()
    if style.startswith(_HEADING_STYLES):
        return False  # a numbered heading is still a heading
    return props.find(_NUMPR) is not None or style.startswith(_LIST_STYLES)
