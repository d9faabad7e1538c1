"""Turns term hits into per-theme verdicts with evidence.

A passage (sentence, heading or list item) supports a theme when the weights of the distinct
theme terms in it add up to at least the rule's ``passage_threshold``: one strong term is
enough, a weak term needs company, so a word in passing does not count. A theme gets explicit
attention when it has at least ``min_passages`` supporting passages and their summed weight
(the score) reaches ``min_score``.

With a passage model (``koers.scan.passages``, opt-in) every candidate passage is scored by the
model instead, the document's probability is the best passage's, and attention is a probability
of 0.5 or more; evidence is then ranked by passage probability. A model with only a calibration
(``koers train`` without quotes, e.g. an organisation's own model learned from its reviewed
verdicts) decides the same way from the codebook's verdict and score. Without a model, the
default codebook's verdicts get the shipped calibrated probability (``koers.scan.calibration``).
"""

from __future__ import annotations

import heapq
from dataclasses import replace
from bisect import bisect_right
from itertools import count

from koers.scan.background import counted_hits
from koers.scan.calibration import (SHIPPED_MODEL, calibrated, calibration_for, codebook_version, load_model,
                                     model_version)
from koers.scan.codebook import Codebook
from koers.scan.matcher import Hit, TermMatcher
from koers.scan.model import DocumentResult, Evidence, Page, ThemeResult
from koers.scan.passages import decided, passage_features, passage_probability
from koers.scan.segment import sentences

_matchers: dict[int, tuple[Codebook, TermMatcher]] = {}


def matcher_for(codebook: Codebook) -> TermMatcher:
    """Build the matcher once per codebook object (compiling costs milliseconds)."""
    cached = _matchers.get(id(codebook))
    if cached is None or cached[0] is not codebook:
        cached = (codebook, TermMatcher(codebook))
        _matchers[id(codebook)] = cached
    return cached[1]


class Detector:
    """Feed pages one by one, then ask for the result; keeps only the top evidence in memory."""

    def __init__(self, codebook: Codebook, model: dict | None = None, collect: list | None = None):
        self.codebook = codebook
        self.model = model
        self.matcher = matcher_for(codebook)
        curves = (model or {}).get("passages") or {}
        # A model of its own without a passage layer decides by its calibration (see ``result``).
        self.decides = bool(model) and not curves
        self.calibration = model.get("calibration") if self.decides else calibration_for(codebook)
        self.curves = [curves.get(theme.id) for theme in codebook.themes] if curves else None
        self.collect = collect  # training: gets (theme id, passage text, features) of every candidate
        self.best = [-1.0] * len(codebook.themes)  # highest passage probability per theme
        self.pages = 0
        self.words = 0
        themes = len(codebook.themes)
        self.scores = [0.0] * themes
        self.passages = [0] * themes
        self.evidence: list[list] = [[] for _ in range(themes)]
        self._order = count()

    def add_page(self, page: Page) -> None:
        self.pages += 1
        self.words += len(page.text.split())
        hits = self.matcher.find(page.text)
        # Only passages with a real term can support a theme (context terms alone support
        # nothing), so only the blocks around real terms need their sentences.
        near = sorted({hit.start for hit in hits if not hit.context})
        if near:
            self._add_hits(page, hits, near)

    def _add_hits(self, page: Page, hits: list[Hit], near: list[int]) -> None:
        spans = sentences(page.text, near)
        starts = [start for start, _ in spans]
        grouped: dict[tuple[int, int], list[Hit]] = {}
        for hit in hits:
            index = bisect_right(starts, hit.start) - 1
            if index >= 0 and hit.start < spans[index][1]:
                key = (hit.theme, index)
                if key in grouped:
                    grouped[key].append(hit)
                else:
                    grouped[key] = [hit]
        for (theme_index, index), passage_hits in grouped.items():
            rule = self.codebook.themes[theme_index].rule
            start, end = spans[index]
            passage_hits = counted_hits(page.text[start:end], passage_hits, start)
            score = _passage_score(passage_hits)
            if score == 0:
                continue
            curve = self.curves[theme_index] if self.curves else None
            rank = score
            if curve is not None or self.collect is not None:
                rank = self._learned(theme_index, curve, page.text[slice(*spans[index])], passage_hits, score)
            if score < rule.passage_threshold and curve is None:
                continue
            if score >= rule.passage_threshold:
                self.scores[theme_index] += score
                self.passages[theme_index] += 1
            self._keep(theme_index, rule.evidence, page, spans[index], score, passage_hits, rank)

    def _learned(self, theme_index, curve, text, hits, score) -> float:
        """The passage's probability under the model (kept as the theme's best); records it when training."""
        features = passage_features(text, hits, score)
        if self.collect is not None:
            self.collect.append((self.codebook.themes[theme_index].id, text, features))
        if curve is None:
            return score
        probability = passage_probability(curve, features)
        self.best[theme_index] = max(self.best[theme_index], probability)
        return probability

    def _keep(self, theme_index, limit, page, span, score, hits, rank) -> None:
        heap = self.evidence[theme_index]
        key = (rank, -page.number, -span[0], next(self._order))
        if len(heap) >= limit and key <= heap[0][:4]:
            return
        start, end = span
        evidence = Evidence(
            page=page.number, start=start, end=end,
            text=page.text[start:end].replace("\n", " "),
            score=round(score, 3),
            terms=tuple(sorted({hit.term for hit in hits})),
            highlights=_merge((hit.start - start, hit.end - start) for hit in hits),
        )
        item = (*key, evidence)
        if len(heap) < limit:
            heapq.heappush(heap, item)
        else:
            heapq.heapreplace(heap, item)

    def result(self, document: str) -> DocumentResult:
        themes = []
        for index, theme in enumerate(self.codebook.themes):
            score, passages = self.scores[index], self.passages[index]
            ranked = sorted(self.evidence[index], key=lambda item: (-item[0], -item[1], -item[2]))
            result = ThemeResult(
                theme=theme.id, label=theme.label,
                attention=passages >= theme.rule.min_passages and score >= theme.rule.min_score,
                score=round(score, 3), passages=passages,
                evidence=tuple(item[-1] for item in ranked),
            )
            if self.curves and self.curves[index] is not None:
                best = self.best[index]
                themes.append(decided(result, self.curves[index], [best] if best >= 0 else [], theme.rule))
                continue
            curve = self.calibration.get(theme.id) if self.calibration else None
            result = calibrated(result, curve, theme.rule) if curve else result
            if self.decides and result.probability is not None:
                result = replace(result, attention=result.probability >= 0.5)
            themes.append(result)
        return DocumentResult(document=document, pages=self.pages, words=self.words, themes=tuple(themes),
                              codebook_version=codebook_version(self.codebook), model_version=self._model_version())

    def _model_version(self) -> str:
        if self.curves or self.decides:
            return model_version(self.model)
        return model_version(load_model(SHIPPED_MODEL)) if self.calibration else ""


def _passage_score(hits: list[Hit]) -> float:
    """Sum of the weights of distinct terms; where terms overlap (``dienstverlening`` and
    ``*dienstverlening`` on the same word) only the first, heaviest counts. Context terms
    count only when the passage has a real term too."""
    weights: dict[str, float] = {}
    context: dict[str, float] = {}
    last_end = -1
    for hit in sorted(hits, key=lambda h: (h.start, h.context, -h.weight, -h.end)):
        if hit.start < last_end:
            continue
        last_end = hit.end
        (context if hit.context else weights)[hit.term] = hit.weight
    return sum(weights.values()) + sum(context.values()) if weights else 0.0


def _merge(spans) -> tuple[tuple[int, int], ...]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((start, end) for start, end in merged)
