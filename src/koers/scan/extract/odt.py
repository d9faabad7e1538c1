"""ODT text streamed from content.xml with lxml iterparse.

Pages follow ``text:soft-page-break`` (where the writing application last broke pages) and
paragraph styles that break before a page (``fo:break-before="page"``, own styles only,
not inherited). Footnotes, comments and tracked deletions are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from koers.scan.errors import DocumentError
from koers.scan.extract import messages
from koers.scan.extract.limits import InflateBudget
from koers.scan.extract.office import BROKEN_ARCHIVE_ERRORS, free, open_archive, parser_options
from koers.scan.extract.pages import PAGE_BREAK, PageBuilder

PAGINATED = True
KIND = "ODT"
CONTENT_PART = "content.xml"

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_P, _H, _SOFT_BREAK = TEXT + "p", TEXT + "h", TEXT + "soft-page-break"
_SPACE, _TAB, _LINE_BREAK = TEXT + "s", TEXT + "tab", TEXT + "line-break"
_LIST_ITEM, _STYLE_NAME = TEXT + "list-item", TEXT + "style-name"
_STYLE = STYLE + "style"
# Regions whose paragraphs are not part of the running text.
_SKIPPED = (TEXT + "note", OFFICE + "annotation", TEXT + "tracked-changes")


def iter_raw_pages(path: str) -> Iterator[tuple[int, str]]:
    archive = open_archive(path, KIND)
    budget = InflateBudget(KIND)
    with archive:
        if _is_encrypted(archive, budget):
            raise DocumentError(messages.encrypted_office(KIND))
        breaking = _page_break_styles(archive, budget, "styles.xml")
        try:
            stream = budget.open(archive, CONTENT_PART)
        except KeyError as exc:
            raise DocumentError(messages.missing_part(KIND, CONTENT_PART)) from exc
        try:
            with stream:
                yield from _pages(stream, breaking)
        except BROKEN_ARCHIVE_ERRORS as exc:
            raise DocumentError(messages.corrupt_office(KIND)) from exc


def _is_encrypted(archive, budget: InflateBudget) -> bool:
    try:
        return b"encryption-data" in budget.read(archive, "META-INF/manifest.xml")
    except (KeyError, *BROKEN_ARCHIVE_ERRORS):
        return False


def _page_break_styles(archive, budget: InflateBudget, part: str) -> set[str]:
    """Names of paragraph styles in a small styles part that start on a new page."""
    try:
        root = etree.fromstring(budget.read(archive, part), etree.XMLParser(resolve_entities=False))
    except (KeyError, *BROKEN_ARCHIVE_ERRORS):
        return set()
    return {style.get(STYLE + "name") for style in root.iter(_STYLE) if _breaks_before(style)}


def _breaks_before(style: etree._Element) -> bool:
    props = style.find(STYLE + "paragraph-properties")
    return props is not None and props.get(FO + "break-before") == "page"


def _pages(stream, breaking: set[str]) -> Iterator[tuple[int, str]]:
    builder = PageBuilder()
    skipping = 0  # depth inside footnotes, comments and tracked changes
    # Per open paragraph, the blocks of paragraphs nested in it (text boxes in frames): they
    # end first but are emitted after the paragraph that anchors them.
    nested: list[list[list[object]]] = []
    tags = (_P, _H, _SOFT_BREAK, _STYLE, *_SKIPPED)
    for event, element in etree.iterparse(stream, events=("start", "end"), tag=tags,
                                          **parser_options()):
        tag = element.tag
        if tag in _SKIPPED:
            skipping += 1 if event == "start" else -1
        elif tag == _STYLE:
            if event == "end" and _breaks_before(element):
                breaking.add(element.get(STYLE + "name"))  # automatic styles precede the body
        elif tag == _SOFT_BREAK:
            if event == "end" and not nested and not skipping:
                yield from builder.add_blocks([[PAGE_BREAK]])
        elif event == "start":
            nested.append([])
        else:
            inner = nested.pop()
            if not skipping:
                blocks = [_paragraph(element, breaking), *inner]
                if nested:
                    nested[-1].extend(blocks)
                else:
                    yield from builder.add_blocks(blocks)
            free(element)
    page = builder.finish()
    if page:
        yield page


def _paragraph(p: etree._Element, breaking: set[str]) -> list[object]:
    """Text pieces and PAGE_BREAK markers of one paragraph or heading."""
    pieces: list[object] = []
    if p.get(_STYLE_NAME) in breaking:
        pieces.append(PAGE_BREAK)
    parent = p.getparent()
    if parent is not None and parent.tag == _LIST_ITEM and parent.index(p) == 0:
        pieces.append("\u2022 ")
    _collect(p, pieces)
    return pieces


def _collect(element: etree._Element, pieces: list[object]) -> None:
    """Text of a paragraph in document order; spans and links are walked into."""
    if element.text:
        pieces.append(element.text)
    for child in element:
        tag = child.tag
        if tag == _SPACE:
            pieces.append(" " * _space_count(child.get(TEXT + "c")))
        elif tag == _TAB:
            pieces.append(" ")
        elif tag == _LINE_BREAK:
            pieces.append("\n")
        elif tag == _SOFT_BREAK:
            pieces.append(PAGE_BREAK)
        elif tag not in _SKIPPED and isinstance(tag, str):
            _collect(child, pieces)
        if child.tail:
            pieces.append(child.tail)


def _space_count(value: str | None) -> int:
    # Only the fact that there is space matters; a corrupt count must not explode memory.
    return min(int(value), 8) if value and value.isdigit() else 1
