"""Finds codebook terms in page text.

Aho-Corasick (pyahocorasick) finds, in one pass over the lowercased page, every occurrence of
the literal core of each codebook term; only there does the term's own small regular expression
run, anchored at the start of the word (or phrase), to check word boundaries, wildcards and case.
The cost is one linear scan per page plus a little work per occurrence, whatever the size of
the codebook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick

from koers.scan.codebook import Codebook


class Hit(NamedTuple):
    """One term occurrence. A named tuple, not a frozen dataclass: a page has dozens of hits and
    a frozen dataclass pays a ``object.__setattr__`` call per field to build each one."""

    theme: int  # index into codebook.themes
    term: str
    weight: float
    start: int
    end: int
    context: bool = False  # a context term counts only beside a real term


# What a compiled pattern is for.
TERM, CONTEXT, EXCLUSION = "term", "context", "exclusion"


@dataclass(frozen=True, slots=True)
class _Pattern:
    theme: int
    term: str
    weight: float
    regex: re.Pattern
    role: str
    words_before: int  # words of the term before the one the automaton looks for


def compile_term(term: str) -> re.Pattern:
    """Regex for a codebook term: whole words unless a word starts or ends with ``*``."""
    parts = []
    for word in term.split(" "):
        core = re.escape(word.strip("*"))
        lead = r"(?<!\w)\w*" if word.startswith("*") else r"(?<!\w)"
        trail = r"\w*" if word.endswith("*") else r"(?!\w)"
        parts.append(lead + core + trail)
    flags = 0 if _is_acronym(term) else re.IGNORECASE
    return re.compile(r"[\s\u00a0]+".join(parts), flags)


def _is_acronym(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _core(term: str) -> tuple[str, int]:
    """The longest literal word of a term, and how many words come before it."""
    words = [w.strip("*") for w in term.split(" ")]
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    return words[longest].lower(), longest


class TermMatcher:
    def __init__(self, codebook: Codebook):
        self.patterns: list[_Pattern] = []
        cores: dict[str, list[int]] = {}
        for index, theme in enumerate(codebook.themes):
            entries = [(term, weight, TERM) for term, weight in theme.terms]
            entries += [(term, weight, CONTEXT) for term, weight in theme.context]
            entries += [(term, 0.0, EXCLUSION) for term in theme.exclude]
            for term, weight, role in entries:
                core, words_before = _core(term)
                cores.setdefault(core, []).append(len(self.patterns))
                self.patterns.append(_Pattern(index, term, weight, compile_term(term), role, words_before))
        self.automaton = ahocorasick.Automaton()
        for index, (core, numbers) in enumerate(cores.items()):
            self.automaton.add_word(core, (len(core), index, tuple(self._probe(n) for n in numbers)))
        self.automaton.make_automaton()

    def _probe(self, number: int) -> tuple:
        """What ``find`` needs of a pattern, flattened into a tuple so that the loop that runs
        for every occurrence unpacks it instead of looking up attributes."""
        p = self.patterns[number]
        return (number, p.words_before, p.regex.match, p.theme, p.term, p.weight,
                p.role == EXCLUSION, p.role == CONTEXT)

    def find(self, text: str) -> list[Hit]:
        """Term hits in ``text``, without those inside an exclusion of the same theme."""
        lowered = text.lower()
        if len(lowered) != len(text):  # rare characters whose lowercase is longer
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        hits: list[Hit] = []
        excluded: list[tuple[int, int, int]] = []
        seen: set[tuple[int, int]] = set()  # (pattern, start) of phrases already tried
        last_start: dict[int, int] = {}  # core -> word start of its previous occurrence
        for end, (length, core, probes) in self.automaton.iter(lowered):
            core_start = end + 1 - length
            word_start = _word_start(text, core_start)
            # A core found twice in one word ("datadata") would try the same single-word
            # patterns at the same start again. The occurrences of one core come in text order
            # and word starts only grow, so comparing with the previous one finds every repeat.
            repeat = last_start.get(core) == word_start
            last_start[core] = word_start
            for number, words_before, match, theme, term, weight, exclusion, context in probes:
                if words_before:
                    start = _phrase_start(text, word_start, words_before)
                    if (number, start) in seen:
                        continue
                    seen.add((number, start))
                elif repeat:
                    continue
                else:
                    start = word_start
                found = match(text, start)
                if found is None:
                    continue
                found_end = found.end()  # an anchored match starts at ``start``
                if found_end <= core_start:
                    continue
                if exclusion:
                    excluded.append((theme, start, found_end))
                else:
                    hits.append(Hit(theme, term, weight, start, found_end, context))
        if excluded:
            hits = _without_excluded(hits, excluded)
        return hits


def _without_excluded(hits: list[Hit], excluded: list[tuple[int, int, int]]) -> list[Hit]:
    """Drop the hits inside an exclusion of their own theme; most hits have none to check."""
    by_theme: dict[int, list[tuple[int, int]]] = {}
    for theme, start, end in excluded:
        by_theme.setdefault(theme, []).append((start, end))
    return [h for h in hits if h.theme not in by_theme
            or not any(s <= h.start and h.end <= e for s, e in by_theme[h.theme])]


def _word_start(text: str, position: int) -> int:
    """Start of the word at ``position`` (a word is what ``\\w`` matches)."""
    start = position
    while start and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return start


def _phrase_start(text: str, position: int, words_before: int) -> int:
    """Start of the word at ``position``, then ``words_before`` words further back."""
    start = _word_start(text, position)
    for _ in range(words_before):
        gap = start
        while gap > 0 and text[gap - 1].isspace():
            gap -= 1
        if gap == start or gap == 0:
            return start
        start = _word_start(text, gap)
    return start
