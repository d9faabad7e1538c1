"""Dutch segmentation of one page into headings, list items, paragraphs and sentences.

Works on the line structure the extractors keep: blank lines separate blocks, a short line
without closing punctuation is a heading, a line starting with a bullet or enumerator is a
list item, other consecutive lines form a paragraph. Sentences are found inside paragraphs;
a full stop after a known abbreviation (o.a., bijv., m.b.t. ...) or an initial does not end one.
All spans are character offsets into the page text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

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
    return [Block(kind, start, end, _block_sentences(text, kind, start, end))
            for kind, start, end in _block_spans(text)]


def sentences(text: str, near: Sequence[int] | None = None) -> list[tuple[int, int]]:
    """All sentence spans of a page, in order (headings and list items count as one).

    With ``near`` (sorted offsets) only the blocks that contain one of those offsets are split
    into sentences: the spans around the offsets are the same, and a page with a few term hits
    skips most of the sentence splitting, the costliest part.
    """
    spans: list[tuple[int, int]] = []
    for kind, start, end in _block_spans(text):
        if near is None or _contains_any(near, start, end):
            spans.extend(_block_sentences(text, kind, start, end))
    return spans


def _contains_any(offsets: Sequence[int], start: int, end: int) -> bool:
    index = bisect_left(offsets, start)
    return index < len(offsets) and offsets[index] < end


def _block_spans(text: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of each heading, list item and paragraph, trimmed of white space.

    Offsets are trimmed with ``str.strip`` on the line (the same white space as ``_trim``)
    instead of walking character by character.
    """
    blocks: list[tuple[str, int, int]] = []
    para_start = para_end = -1  # trimmed start of the paragraph, trimmed end of its last line
    end = -1
    last_char = ""  # last character of the paragraph's last line, white space included
    for line in text.split("\n"):  # one C call instead of a find per line
        start, end = end + 1, end + 1 + len(line)
        stripped = line.strip()
        if not stripped:
            if para_start >= 0:
                blocks.append(("paragraph", para_start, para_end))
                para_start = -1
            continue
        kind = _line_kind(stripped)
        if kind == "heading" and para_start >= 0 and last_char not in ".!?:;":
            kind = "paragraph"  # a short last line of a wrapped sentence, not a heading
        line_start = start + len(line) - len(line.lstrip())
        if kind == "paragraph":
            if para_start < 0:
                para_start = line_start
            para_end = line_start + len(stripped)
            last_char = line[-1]
            continue
        if para_start >= 0:
            blocks.append(("paragraph", para_start, para_end))
            para_start = -1
        blocks.append((kind, line_start, line_start + len(stripped)))
    if para_start >= 0:
        blocks.append(("paragraph", para_start, para_end))
    return blocks


def _block_sentences(text: str, kind: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    if kind == "heading":
        return ((start, end),)
    return tuple(_split_sentences(text, start, end))


def _line_kind(stripped: str) -> str:
    """Kind of a non-empty line, given without its surrounding white space."""
    if _BULLET.match(stripped):
        return "item"
    # The cheap tests first: most lines of running text fail one of them.
    if stripped[-1] in _END_PUNCT or not (stripped[0].isupper() or stripped[0].isdigit()):
        return "paragraph"
    words = stripped.split(None, _MAX_HEADING_WORDS)  # a longer line is no heading anyway
    if len(words) <= _MAX_HEADING_WORDS and words[-1].lower() not in _CONTINUATION_WORDS:
        return "heading"
    return "paragraph"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    sent_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        if _is_abbreviation(text, sent_start, match.start()):
            continue
        stop = match.start() + len(match.group().rstrip())
        _add_sentence(spans, text, sent_start, stop)
        sent_start = match.end()
    if sent_start < end:
        _add_sentence(spans, text, sent_start, end)
    return spans


def _add_sentence(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    if end - start <= _MAX_SENTENCE:
        spans.append((start, end))  # the usual case, without a generator
    else:
        spans.extend(_cap_length(text, start, end))


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
