"""Text cleaning that runs on every page: keep it to str.translate and precompiled regexes.

``clean_text`` normalises one page (ligatures, odd spaces, hyphenation at line ends, blank
lines). ``drop_repeated_edges`` removes running headers and footers from a stream of pages,
holding only a small window of pages in memory.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator

# One pass of str.translate: ligatures, invisible characters and odd spaces.
_TRANSLATION = str.maketrans({
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",  # U+FB05 is the long-s + t ligature
    "\u00ad": None,  # soft hyphen: only a hint where a word may break
    "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
    "\t": " ", "\u00a0": " ", "\u2000": " ", "\u2001": " ", "\u2002": " ", "\u2003": " ",
    "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2007": " ", "\u2008": " ", "\u2009": " ",
    "\u200a": " ", "\u202f": " ", "\u205f": " ", "\u3000": " ",
    "\r": "\n", "\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n\n",
    "\x00": None,
})

_SPACES = re.compile(r" {2,}")
_LINE_EDGE_SPACES = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")
# A hyphen at a line end, or the markers PDFium puts where a hyphenated line ended
# (U+FFFE, or U+0002 in older builds), with the line break PDFium may have swallowed.
_LINE_END_HYPHEN = re.compile("-\n|[\x02\ufffe]\n?")
# Words after which a hyphen is an elision ("informatie- en communicatietechnologie").
_CONJUNCTIONS = frozenset({"en", "of", "tot", "t/m"})
_NEXT_WORD = re.compile(r"[^\s,.;:]*")


def clean_text(text: str) -> str:
    """Normalise one page of extracted text; line structure is kept."""
    text = text.replace("\r\n", "\n").translate(_TRANSLATION)
    text = _SPACES.sub(" ", text)
    text = _LINE_EDGE_SPACES.sub("\n", text)
    if "-\n" in text or "\ufffe" in text or "\x02" in text:
        text = _LINE_END_HYPHEN.sub(_repair_hyphen, text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip(" \n")


def _repair_hyphen(match: re.Match) -> str:
    text, start, end = match.string, match.start(), match.end()
    before = text[max(start - 2, 0):start]
    after = text[end:end + 1]
    marker = match.group()[0]
    if not (before[-1:].isalnum() and after.isalnum()):
        return "-" + match.group()[1:]  # a dash before a list item or after a space: leave it
    if _NEXT_WORD.match(text, end).group() in _CONJUNCTIONS:
        return "- " if marker != "-" else "-\n"  # elision: the hyphen belongs to the word
    if len(before) == 2 and before.isalpha() and before.islower() and after.islower():
        return ""  # "informatie-\nbeveiliging": a word broken over two lines
    return "-"  # "ICT-\nsystemen", "Noord-\nBrabant": a compound that keeps its hyphen


# --- running headers and footers -------------------------------------------------------------

HEADER_WINDOW = 8  # pages in which a line must recur ...
HEADER_MIN_REPEATS = 3  # ... at least this often to count as a running header or footer
_EDGE_LINES = 2  # lines looked at on each edge of a page
_DIGITS = re.compile(r"\d+")


class _Pending:
    """A page waiting in the window, with the keys of its edge lines."""

    __slots__ = ("number", "lines", "top", "bottom")

    def __init__(self, number: int, text: str) -> None:
        self.number = number
        self.lines = text.split("\n")
        filled = [i for i, line in enumerate(self.lines) if line.strip()]
        self.top = {i: _edge_key(self.lines[i]) for i in filled[:_EDGE_LINES]}
        self.bottom = {i: _edge_key(self.lines[i]) for i in filled[-_EDGE_LINES:]}


def _edge_key(line: str) -> str:
    # Page numbers and dates change from page to page; the rest of a header does not.
    return _DIGITS.sub("#", " ".join(line.split()).casefold())


def drop_repeated_edges(pages: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """Remove lines that recur at the top or bottom of pages (running headers/footers).

    A line among the first or last two non-empty lines of a page is dropped when, with digits
    ignored, it recurs at the same edge on at least ``HEADER_MIN_REPEATS`` pages of some window
    of ``HEADER_WINDOW`` consecutive pages. Pages are yielded ``HEADER_WINDOW - 1`` pages late;
    only the window is held in memory.
    """
    span = HEADER_WINDOW - 1
    window: deque[_Pending] = deque()  # up to `span` pages before the current one and `span` after
    current = 0  # index in `window` of the next page to yield
    for number, text in pages:
        window.append(_Pending(number, text))
        if len(window) - 1 - current >= span:
            yield _strip_edges(window, current)
            current += 1
            if current > span:
                window.popleft()
                current -= 1
    while current < len(window):
        yield _strip_edges(window, current)
        current += 1


def _strip_edges(window: deque[_Pending], index: int) -> tuple[int, str]:
    page = window[index]
    drop = [i for i, key in page.top.items() if _recurs(window, index, key, "top")]
    drop += [i for i, key in page.bottom.items() if _recurs(window, index, key, "bottom")]
    if not drop:
        return page.number, "\n".join(page.lines)
    lines = [line for i, line in enumerate(page.lines) if i not in drop]
    return page.number, _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


def _recurs(window: deque[_Pending], index: int, key: str, edge: str) -> bool:
    hits = [i for i, page in enumerate(window) if key in getattr(page, edge).values()]
    # Some run of HEADER_MIN_REPEATS hits that includes `index` must fit in the window.
    for first in range(len(hits) - HEADER_MIN_REPEATS + 1):
        run = hits[first:first + HEADER_MIN_REPEATS]
        if run[0] <= index <= run[-1] and run[-1] - run[0] < HEADER_WINDOW:
            return True
    return False
