"""Finds codebook terms in page text.

Aho-Corasick (pyahocorasick) finds, in one pass over the lowercased page, which literal cores of
the codebook's terms occur at all; only those terms then run their own small regular expression
to check word boundaries, wildcards and case. Most pages contain few terms, so the cost is
close to one linear scan per page whatever the size of the codebook.
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


def _core(term: str) -> str:
    return max((w.strip("*") for w in term.split(" ")), key=len).lower()


class TermMatcher:
    def __init__(self, codebook: Codebook):
        self.patterns: list[_Pattern] = []
        for index, theme in enumerate(codebook.themes):
            for term, weight in theme.terms:
                self.patterns.append(_Pattern(index, term, weight, compile_term(term), TERM))
            for term, weight in theme.context:
                self.patterns.append(_Pattern(index, term, weight, compile_term(term), CONTEXT))
            for term in theme.exclude:
                self.patterns.append(_Pattern(index, term, 0.0, compile_term(term), EXCLUSION))
        cores: dict[str, list[int]] = {}
        for number, pattern in enumerate(self.patterns):
            cores.setdefault(_core(pattern.term), []).append(number)
        self.automaton = ahocorasick.Automaton()
        for core, numbers in cores.items():
            self.automaton.add_word(core, tuple(numbers))
        self.automaton.make_automaton()

    def find(self, text: str) -> list[Hit]:
        """Term hits in ``text``, without those inside an exclusion of the same theme."""
        lowered = text.lower()
        if len(lowered) != len(text):  # rare characters whose lowercase is longer
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        candidates: set[int] = set()
        for _, numbers in self.automaton.iter(lowered):
            candidates.update(numbers)
        if not candidates:
            return []
        hits: list[Hit] = []
        excluded: list[tuple[int, int, int]] = []
        for number in sorted(candidates):
            pattern = self.patterns[number]
            for match in pattern.regex.finditer(text):
                if pattern.role == EXCLUSION:
                    excluded.append((pattern.theme, match.start(), match.end()))
                else:
                    hits.append(Hit(pattern.theme, pattern.term, pattern.weight, match.start(),
                                    match.end(), pattern.role == CONTEXT))
        if excluded:
            hits = [h for h in hits if not any(t == h.theme and s <= h.start and h.end <= e
                                               for t, s, e in excluded)]
        return hits
