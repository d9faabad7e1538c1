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

import ahocorasick

from koers.scan.codebook import Codebook


@dataclass(frozen=True, slots=True)
class Hit:
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
        for core, numbers in cores.items():
            self.automaton.add_word(core, (len(core), tuple(numbers)))
        self.automaton.make_automaton()

    def find(self, text: str) -> list[Hit]:
        """Term hits in ``text``, without those inside an exclusion of the same theme."""
        lowered = text.lower()
        if len(lowered) != len(text):  # rare characters whose lowercase is longer
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        hits: list[Hit] = []
        excluded: list[tuple[int, int, int]] = []
        seen: set[tuple[int, int]] = set()
        for end, (length, numbers) in self.automaton.iter(lowered):
            core_start = end + 1 - length
            word_start = _phrase_start(text, core_start, 0)
            for number in numbers:
                pattern = self.patterns[number]
                start = (_phrase_start(text, word_start, pattern.words_before)
                         if pattern.words_before else word_start)
                if (number, start) in seen:
                    continue
                seen.add((number, start))
                match = pattern.regex.match(text, start)
                if match is None or match.end() <= core_start:
                    continue
                if pattern.role == EXCLUSION:
                    excluded.append((pattern.theme, match.start(), match.end()))
                else:
                    hits.append(Hit(pattern.theme, pattern.term, pattern.weight, match.start(),
                                    match.end(), pattern.role == CONTEXT))
        if excluded:
            hits = [h for h in hits if not any(t == h.theme and s <= h.start and h.end <= e
                                               for t, s, e in excluded)]
        return hits


def _phrase_start(text: str, position: int, words_before: int) -> int:
    """Start of the word at ``position``, then ``words_before`` words further back."""
    start = position
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    for _ in range(words_before):
        gap = start
        while gap > 0 and text[gap - 1].isspace():
            gap -= 1
        if gap == start or gap == 0:
            return start
        start = gap
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            start -= 1
    return start
