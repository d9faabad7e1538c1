"""Passages that name a theme without giving it the organisation's own attention.

The labelling rules (and a careful reader) do not count a theme's words when they stand only in
the title of another document or in the name of a law. Both are recognised by their form, the
same in every municipal text, so they hold on documents the codebook was not written from:

- a **title**: every real term of the passage lies inside quotation marks around two words or
  more (a plan or vision named by its title), and the sentence does not make the organisation
  the one who acts ("wij", "onze", "de gemeente werkt"): the organisation's own programme, named
  in quotes while it says what it does, still counts;
- a **law**: a term right after the word "Wet" is part of a law's name and never counts.

Trend phrases ("toenemende digitalisering") are words, not form: the codebook excludes them.
"""

from __future__ import annotations

import re

from koers.scan.matcher import Hit

# An opening quote after the start, a space or a bracket; the closing one before a space,
# punctuation or the end, so the apostrophe of "thema's" or "auto’s" opens nothing.
_QUOTED = re.compile(r"(?:^|(?<=[\s(\[]))['\"‘“„«]([^'\"‘’“”„«»\n]{2,160}?)['\"’”»](?=[\s.,;:!?)\]]|$)")
_LAW = re.compile(r"\bwet\s+$", re.IGNORECASE)
_ACTORS = r"(de gemeente|het college|de raad)"
_ACTS = r"(gaat|zal|wil|zet|werkt|kiest|investeert|ontwikkelt|stelt|maakt|start|blijft|richt|voert)"
_OWN = re.compile(rf"\b(wij|we|ons|onze)\b|\b{_ACTORS}\s+{_ACTS}\b|\b{_ACTS}\s+{_ACTORS}\b", re.IGNORECASE)


def counted_hits(text: str, hits: list[Hit], offset: int) -> list[Hit]:
    """The hits of a passage (``text`` starting at ``offset`` in the page) that may count: none when
    the passage only names a title, and never a term inside the name of a law."""
    hits = [hit for hit in hits if hit.context or not _LAW.search(text[:hit.start - offset])]
    real = [hit for hit in hits if not hit.context]
    if real and _only_in_titles(text, real, offset) and not _OWN.search(text):
        return []
    return hits


def _only_in_titles(text: str, real: list[Hit], offset: int) -> bool:
    titles = [(m.start(1) + offset, m.end(1) + offset) for m in _QUOTED.finditer(text) if " " in m.group(1).strip()]
    return bool(titles) and all(any(start <= hit.start and hit.end <= end for start, end in titles) for hit in real)
