"""Dutch segmentation of one page into headings, list items, paragraphs and sentences.

Works on the line structure the extractors keep: blank lines separate blocks, a short line
without closing punctuation is a heading, a line starting with a bullet or enumerator is a
list item, other consecutive lines form a paragraph. Sentences are found inside paragraphs;
a full stop after a known abbreviation (o.a., bijv., m.b.t. ...) or an initial does not end one.
All spans are character offsets into the page text.
"""

from __future__ import annotations

import re

from koers.scan.model import Block

# Abbreviations that end in a full stop without ending the sentence (lowercase, without the last dot).
ABBREVIATIONS = frozenset("""
    o.a bijv b.v m.b.t t.b.v i.s.m i.v.m n.a.v m.u.v d.w.z t.a.v o.b.v e.d e.a enz etc ca
    vs jl nr nrs art blz pag p incl excl resp evt mr dr drs ir ing prof dhr mevr st bv nv
    z.g zgn m.i.v t.z.t a.s i.o m.n c.q p.m e.e.a t.o.v v.w.b
""".split())

_BULLET = re.compile(r"[\u2022\u2023\u25aa\u25cf\u00b7\u2013\u2014*-]\s|\(?[0-9]{1,2}[.)]\s|\(?[a-z][.)]\s")
_END_PUNCT = ".:;,!?"
# A candidate sentence end: closing punctuation, optional closing quote/bracket, whitespace,
# then something that can start a sentence.
_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u00de\u2022])")
_MAX_HEADING_WORDS = 12
# A line ending in one of these words is a wrapped sentence, not a heading.
_CONTINUATION_WORDS = frozenset("""
    de het een en of van voor met door in op aan naar bij om te tot die dat als dan maar ook
    wij we zij ze is zijn wordt worden heeft hebben kan kunnen moet moeten zal zullen
""".split())
_MAX_SENTENCE = 600  # longer "sentences" (tables, lists without stops) are split at line breaks


def segment(text: str) -> list[Block]:
    """Split a page into blocks; each block carries its sentence spans."""
    blocks: list[Block] = []
    para_start = para_end = -1
    for start, end in _lines(text):
        line = text[start:end]
        if not line.strip():
            if para_start >= 0:
                blocks.append(_paragraph(text, para_start, para_end))
                para_start = -1
            continue
        kind = _line_kind(line)
        if kind == "heading" and para_start >= 0 and text[para_end - 1] not in ".!?:;":
            kind = "paragraph"  # a short last line of a wrapped sentence, not a heading
        if kind == "paragraph":
            if para_start < 0:
                para_start = start
            para_end = end
            continue
        if para_start >= 0:
            blocks.append(_paragraph(text, para_start, para_end))
            para_start = -1
        if kind == "item":
            blocks.append(_paragraph(text, start, end, kind="item"))
        else:
            start, end = _trim(text, start, end)
            blocks.append(Block("heading", start, end, ((start, end),)))
    if para_start >= 0:
        blocks.append(_paragraph(text, para_start, para_end))
    return blocks


def sentences(text: str) -> list[tuple[int, int]]:
    """All sentence spans of a page, in order (headings and list items count as one)."""
    return [span for block in segment(text) for span in block.sentences]


def _lines(text: str):
    start = 0
    while (end := text.find("\n", start)) >= 0:
        yield start, end
        start = end + 1
    yield start, len(text)


def _line_kind(line: str) -> str:
    stripped = line.strip()
    if _BULLET.match(stripped):
        return "item"
    words = stripped.split()
    if (len(words) <= _MAX_HEADING_WORDS and stripped[-1] not in _END_PUNCT
            and (stripped[0].isupper() or stripped[0].isdigit())
            and words[-1].lower() not in _CONTINUATION_WORDS):
        return "heading"
    return "paragraph"


def _paragraph(text: str, start: int, end: int, kind: str = "paragraph") -> Block:
    start, end = _trim(text, start, end)
    return Block(kind, start, end, tuple(_split_sentences(text, start, end)))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_sentences(text: str, start: int, end: int):
    sent_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        if _is_abbreviation(text, sent_start, match.start()):
            continue
        stop = match.start() + len(match.group().rstrip())
        yield from _cap_length(text, sent_start, stop)
        sent_start = match.end()
    if sent_start < end:
        yield from _cap_length(text, sent_start, end)


def _is_abbreviation(text: str, sent_start: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    token_start = dot
    while token_start > sent_start and not text[token_start - 1].isspace():
        token_start -= 1
    if token_start == dot:
        return False
    word = text[token_start:dot].lstrip("(\"'\u201c\u2018").lower()
    if word in ABBREVIATIONS:
        return True
    if token_start == sent_start and word.isdigit():
        return True  # an enumerator opening a list item: "1. Inleiding"
    # An initial ("J. de Vries") or a dotted abbreviation not in the list ("a.s.r.").
    parts = word.split(".")
    return (len(word) == 1 and word.isalpha()) or (len(parts) > 1 and all(p.isalpha() and len(p) <= 2 for p in parts))


def _cap_length(text: str, start: int, end: int):
    if end - start <= _MAX_SENTENCE or "\n" not in text[start:end]:
        yield start, end
        return
    line_start = start
    for match in re.finditer(r"\n", text[start:end]):
        cut = start + match.start()
        if cut > line_start:
            yield _trim(text, line_start, cut)
        line_start = cut + 1
    if line_start < end:
        yield _trim(text, line_start, end)
