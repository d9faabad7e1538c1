"""Text cleaning that runs on every page: keep it to precompiled regexes and str methods.

``clean_text`` normalises one page (ligatures, odd spaces, hyphenation at line ends, blank
lines). ``drop_repeated_edges`` removes running headers and footers from a stream of pages,
holding only a small window of pages in memory.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterable, Iterator

# Characters replaced on every page: ligatures, invisible characters and odd spaces.
_REPLACEMENTS = {
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",  # U+FB05 is the long-s + t ligature
    "\u00ad": "",  # soft hyphen: only a hint where a word may break
    "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "",
    "\t": " ", "\u00a0": " ", "\u2000": " ", "\u2001": " ", "\u2002": " ", "\u2003": " ",
    "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2007": " ", "\u2008": " ", "\u2009": " ",
    "\u200a": " ", "\u202f": " ", "\u205f": " ", "\u3000": " ",
    "\r": "\n", "\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n\n",
    "\x00": "",
}
# Not str.translate: on text with any non-ASCII letter (every Dutch page: "ë", "é") CPython
# leaves its ASCII fast path and looks up every character in the table, which costs a sixth
# of PDFium's own extraction. A character class finds the rare characters at memory speed and
# the callback only runs where one occurs.
_SPECIAL = re.compile("[" + "".join(_REPLACEMENTS) + "]")


def _replacement(match: re.Match) -> str:
    return _REPLACEMENTS[match.group()]


_SPACES = re.compile(r" {2,}")
_LINE_EDGE_SPACES = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")
# Where a hyphenated line ended: a hyphen before a line break, or the marker PDFium puts
# there instead (U+FFFE, or U+0002 in older builds), after which it drops the line break.
_HYPHEN_MARKERS = ("-\n", "\ufffe\n", "\x02\n", "\ufffe", "\x02")
# Words after which a hyphen is an elision ("informatie- en communicatietechnologie").
_CONJUNCTIONS = frozenset({"en", "of", "tot", "t/m"})
_WORD_END = " \n,.;:)"


def clean_text(text: str) -> str:
    """Normalise one page of extracted text; line structure is kept.

    Every regex is guarded by a substring test: ``in`` runs at memory speed, while a regex
    that may match at many positions would cost more than the PDF extraction itself.
    """
    text = _SPECIAL.sub(_replacement, text.replace("\r\n", "\n"))
    if "  " in text:
        text = _SPACES.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _LINE_EDGE_SPACES.sub("\n", text)
    for marker in _HYPHEN_MARKERS:
        if marker in text:
            text = _repair_hyphens(text, marker)
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip(" \n")


def _repair_hyphens(text: str, marker: str) -> str:
    """Rejoin the words broken at each occurrence of ``marker`` (split/join runs in C)."""
    parts = text.split(marker)
    out = [parts[0]]
    for part in parts[1:]:
        out.append(_hyphen_join(out[-1], part, marker))
        out.append(part)
    return "".join(out)


def _hyphen_join(before: str, after: str, marker: str) -> str:
    """What replaces a line-end hyphen between ``before`` and ``after``."""
    soft = marker[0] != "-"
    if not (before[-1:].isalnum() and after[:1].isalnum()):
        return "-" + marker[1:]  # a dash before a list item or after a space: leave it
    if _next_word(after) in _CONJUNCTIONS:
        return "- " if soft else marker  # elision: the hyphen belongs to the word before
    tail = before[-2:]
    if len(tail) == 2 and tail.isalpha() and tail.islower() and after[0].islower():
        return ""  # "informatie-\nbeveiliging": one word broken over two lines
    return "-"  # "ICT-\nsystemen", "Noord-\nBrabant": a compound that keeps its hyphen


def _next_word(text: str) -> str:
    end = len(text)
    for stop in _WORD_END:
        found = text.find(stop, 0, min(end, 8))
        if found >= 0:
            end = found
    return text[:min(end, 8)]


# --- running headers and footers -------------------------------------------------------------

HEADER_WINDOW = 8  # pages in which a line must recur ...
HEADER_MIN_REPEATS = 3  # ... at least this often to count as a running header or footer
_EDGE_LINES = 2  # lines looked at on each edge of a page
_EDGE_SCAN = 6  # lines read from each edge to find them (blank lines in between)
_DIGITS = re.compile(r"\d+")
_SENTENCE_WORDS = 4


class _Pending:
    """A page waiting in the window, with the keys of its edge lines."""

    __slots__ = ("number", "text", "top", "bottom")

    def __init__(self, number: int, text: str) -> None:
        self.number = number
        self.text = text
        lines = text.split("\n", _EDGE_SCAN)[:_EDGE_SCAN]
        self.top = _edge_keys(lines)
        lines = text.rsplit("\n", _EDGE_SCAN)[-_EDGE_SCAN:]
        lines.reverse()
        self.bottom = _edge_keys(lines)


def _edge_keys(lines: list[str]) -> dict[str, str]:
    """Key -> line for the first ``_EDGE_LINES`` non-empty lines."""
    keys: dict[str, str] = {}
    for line in lines:
        if line.strip():
            keys[_edge_key(line)] = line
            if len(keys) == _EDGE_LINES:
                break
    return keys


def _edge_key(line: str) -> str:
    # Page numbers and dates change from page to page; the rest of a header does not.
    # A sentence keeps its digits: "Artikel 4 regelt ..." on page 4 is text, not a header.
    words = line.split()
    key = " ".join(words).casefold()
    if len(words) >= _SENTENCE_WORDS and key[-1:] in ".!?" and key[-2:-1].isalpha():
        return key
    return _DIGITS.sub("#", key)


def drop_repeated_edges(pages: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """Remove lines that recur at the top or bottom of pages (running headers/footers).

    A line among the first or last two non-empty lines of a page is dropped when, with digits
    ignored (unless the line reads as a sentence), it recurs at the same edge on at least
    ``HEADER_MIN_REPEATS`` pages of some window of ``HEADER_WINDOW`` consecutive pages. Pages are yielded ``HEADER_WINDOW - 1`` pages late;
    only the window is held in memory.
    """
    span = HEADER_WINDOW - 1
    window: deque[_Pending] = deque()  # up to `span` pages before the current one and `span` after
    counts = {"top": Counter(), "bottom": Counter()}  # edge keys in the window: a cheap first test
    current = 0  # index in `window` of the next page to yield
    for number, text in pages:
        _enter(window, counts, _Pending(number, text))
        if len(window) - 1 - current >= span:
            yield _strip_edges(window, counts, current)
            current += 1
            if current > span:
                _leave(window, counts)
                current -= 1
    while current < len(window):
        yield _strip_edges(window, counts, current)
        current += 1


def _enter(window: deque[_Pending], counts: dict[str, Counter], page: _Pending) -> None:
    window.append(page)
    counts["top"].update(page.top.keys())
    counts["bottom"].update(page.bottom.keys())


def _leave(window: deque[_Pending], counts: dict[str, Counter]) -> None:
    page = window.popleft()
    for edge, keys in (("top", page.top), ("bottom", page.bottom)):
        counter = counts[edge]
        for key in keys:
            counter[key] -= 1
            if not counter[key]:
                del counter[key]  # keep the counter as small as the window


def _strip_edges(window: deque[_Pending], counts: dict[str, Counter], index: int) -> tuple[int, str]:
    page = window[index]
    top = {line for key, line in page.top.items() if _running(window, counts, index, key, "top")}
    bottom = {line for key, line in page.bottom.items()
              if _running(window, counts, index, key, "bottom")}
    if not top and not bottom:
        return page.number, page.text
    lines = page.text.split("\n")
    _drop_lines(lines, top)
    lines.reverse()
    _drop_lines(lines, bottom)
    lines.reverse()
    text = "\n".join(lines)
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return page.number, text.strip("\n")


def _drop_lines(lines: list[str], doomed: set[str]) -> None:
    """Remove the doomed lines from the start of ``lines`` (blank lines may sit between)."""
    index = 0
    while doomed and index < min(len(lines), _EDGE_SCAN):
        if lines[index] in doomed:
            doomed.discard(lines.pop(index))
        else:
            index += 1


def _running(window: deque[_Pending], counts: dict[str, Counter], index: int, key: str, edge: str) -> bool:
    """Whether the edge line with ``key`` on page ``window[index]`` is a running header/footer."""
    count = counts[edge][key]
    if count < HEADER_MIN_REPEATS:
        return False
    if count == len(window):  # on every page of the window (a real running header): any run fits
        return True
    return _recurs(window, index, key, edge)


def _recurs(window: deque[_Pending], index: int, key: str, edge: str) -> bool:
    hits = [i for i, page in enumerate(window) if key in getattr(page, edge)]
    # Some run of HEADER_MIN_REPEATS hits that includes `index` must fit in the window.
    for first in range(len(hits) - HEADER_MIN_REPEATS + 1):
        run = hits[first:first + HEADER_MIN_REPEATS]
        if run[0] <= index <= run[-1] and run[-1] - run[0] < HEADER_WINDOW:
            return True
    return False
