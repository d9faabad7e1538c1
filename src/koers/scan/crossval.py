"""Grouped K-fold cross-validation: an honest estimate of how the scan does on unseen organisations.

Documents are grouped by organisation (``docs.csv``: ``document`` and ``municipality``), and a
group never spans two folds, so texts of one organisation never sit on both sides. A decision
layer has ``fit(train_examples) -> predictor``: whatever it learns (weights, thresholds, a
probability curve) comes from the training folds only, and the predictor rewrites the verdicts of
the held-out documents. Each document is predicted exactly once; the pooled predictions are then
scored as one set (``koers.scan.evaluate``).
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Sequence
from dataclasses import replace
from gettext import gettext as _
from typing import Protocol

from koers.scan.calibration import calibrated
from koers.scan.codebook import Codebook
from koers.scan.errors import ScanError
from koers.scan.evaluate import LabelSet
from koers.scan.model import DocumentResult
from koers.scan.passages import decided, passage_probability
from koers.scan.train import SEED, Example, fit_calibration, fit_passages, read_rows

Predictor = Callable[[DocumentResult], DocumentResult]


class GroupError(ScanError):
    """The organisation file or the number of folds cannot be used."""


class DecisionLayer(Protocol):
    def fit(self, train: Sequence[Example]) -> Predictor: ...


class CodebookLayer:
    """The codebook's own verdicts (nothing to fit), with a probability curve fitted on the training folds."""

    def __init__(self, codebook: Codebook):
        self.codebook = codebook

    def fit(self, train: Sequence[Example]) -> Predictor:
        curves = fit_calibration(train, self.codebook)
        rules = {theme.id: theme.rule for theme in self.codebook.themes}

        def predict(result: DocumentResult) -> DocumentResult:
            return replace(result, themes=tuple(
                calibrated(t, curves[t.theme], rules[t.theme]) if t.theme in curves else t for t in result.themes))
        return predict


class PassageLayer:
    """The learned passage model: fitted per fold on the candidate passages of the training documents."""

    def __init__(self, codebook: Codebook, candidates: dict[str, list], quotes: dict):
        self.codebook, self.candidates, self.quotes = codebook, candidates, quotes

    def fit(self, train: Sequence[Example]) -> Predictor:
        curves = fit_passages([(r.document, gold, self.candidates.get(r.document, ())) for r, gold in train],
                              self.quotes)
        rules = {theme.id: theme.rule for theme in self.codebook.themes}

        def predict(result: DocumentResult) -> DocumentResult:
            found = self.candidates.get(result.document, ())
            return replace(result, themes=tuple(
                decided(t, curves[t.theme], [passage_probability(curves[t.theme], features)
                                             for theme, _text, features in found if theme == t.theme], rules[t.theme])
                if t.theme in curves else t for t in result.themes))
        return predict


def load_groups(path: str | os.PathLike) -> dict[str, str]:
    """document → organisation, from a CSV with the columns ``document`` and ``municipality``."""
    rows = read_rows(path, ("document", "municipality"), GroupError,
                     _("{file}: bestand met organisaties niet gevonden (nodig voor --cv)"))
    return {row["document"].strip(): (row["municipality"] or "").strip() for row in rows}


def grouped_folds(documents: Sequence[str], groups: dict[str, str], k: int, seed: int = SEED) -> list[list[str]]:
    """K folds of documents that never split a group; a document without a group is its own.

    Groups are shuffled with a fixed seed, then placed largest first in the fold with the fewest
    documents so far, so the folds are balanced and the same on every run.
    """
    members: dict[str, list[str]] = {}
    for document in documents:
        members.setdefault(groups.get(document) or f"\0{document}", []).append(document)
    if k < 2 or k > len(members):
        raise GroupError(_("--cv moet tussen 2 en het aantal organisaties ({count}) liggen").format(count=len(members)))
    names = sorted(members)
    random.Random(seed).shuffle(names)
    names.sort(key=lambda name: -len(members[name]))  # stable: ties keep the shuffled order
    folds: list[list[str]] = [[] for _ in range(k)]
    for name in names:
        min(folds, key=len).extend(members[name])
    return [sorted(fold) for fold in folds]


def cross_validate(results: Sequence[DocumentResult], labels: LabelSet, layer: DecisionLayer,
                   folds: Sequence[Sequence[str]]) -> list[DocumentResult]:
    """Every result predicted by a layer fitted on the other folds, in the input order."""
    predicted: dict[str, DocumentResult] = {}
    for fold in folds:
        held_out = set(fold)
        train = [(r, labels.documents[r.document]) for r in results
                 if r.document not in held_out and r.error is None and r.document in labels.documents]
        predict = layer.fit(train)
        for result in results:
            if result.document in held_out:
                predicted[result.document] = predict(result) if result.error is None else result
    return [predicted.get(result.document, result) for result in results]
