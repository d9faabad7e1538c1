"""Fitting what the scan learns from labelled documents: training time only, with scikit-learn.

Nothing here runs while scanning: the fitted numbers are written as JSON (sorted keys, rounded
floats, a fixed seed, so a rerun on the same data gives the same bytes) and applied in pure
Python by ``koers.scan.calibration``.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
from collections.abc import Sequence
from gettext import gettext as _
from pathlib import Path

from koers.scan.calibration import features, fingerprint
from koers.scan.codebook import Codebook
from koers.scan.errors import ScanError
from koers.scan.model import DocumentResult

SEED = 20260
MODEL_FORMAT = 1
Example = tuple[DocumentResult, dict[str, bool]]  # a readable scan result and its labels


class TrainError(ScanError):
    """Training cannot run; the message says why in Dutch."""


def logistic_regression(**options):
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise TrainError(_("leren uit labels vraagt scikit-learn; installeer het met "
                           "pip install 'koers[train]'")) from None
    return LogisticRegression(random_state=SEED, **options)


def _rounded(value: float) -> float:
    return round(float(value), 6)


def fit_curve(rows: Sequence[Sequence[float]], targets: Sequence[bool]) -> dict:
    """A logistic curve {"intercept", "weights"}; with one class only, a flat smoothed rate."""
    if len(set(targets)) < 2:
        rate = (sum(targets) + 0.5) / (len(targets) + 1)  # never exactly 0 or 1
        return {"intercept": _rounded(math.log(rate / (1 - rate))), "weights": [0.0] * len(rows[0])}
    model = logistic_regression(C=1.0).fit([list(row) for row in rows], [int(t) for t in targets])
    return {"intercept": _rounded(model.intercept_[0]), "weights": [_rounded(w) for w in model.coef_[0]]}


def fit_calibration(examples: Sequence[Example], codebook: Codebook) -> dict[str, dict]:
    """Per theme, the probability of a positive label given the codebook's verdict and score."""
    if not examples:
        raise TrainError(_("geen leesbare gelabelde documenten om van te leren"))
    curves = {}
    for theme_id in examples[0][1]:
        themes = [next(t for t in result.themes if t.theme == theme_id) for result, _gold in examples]
        curves[theme_id] = fit_curve([features(t) for t in themes], [gold[theme_id] for _r, gold in examples])
    return curves


def train_model(examples: Sequence[Example], codebook: Codebook, candidates: dict | None = None,
                quotes: dict | None = None) -> dict:
    """The model file: the calibration curves and, with candidate passages and quotes, the passage model."""
    model = {"format": MODEL_FORMAT, "codebook": fingerprint(codebook),
             "codebook_version": f"{codebook.name} {codebook.version}".strip(),
             "documents": len(examples), "calibration": fit_calibration(examples, codebook)}
    if candidates is not None and quotes is not None:
        model["passages"] = fit_passages(
            [(r.document, gold, candidates.get(r.document, ())) for r, gold in examples], quotes)
    return model


def model_json(model: dict) -> str:
    return json.dumps(model, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


# --- the passage model -------------------------------------------------------------------------

Candidate = tuple[str, str, dict]  # (theme id, passage text, features), as the Detector collects them


def read_rows(path: str | os.PathLike, columns: tuple[str, ...], error: type[ScanError],
              not_found: str) -> list[dict[str, str]]:
    """The rows of a CSV file that must have ``columns``; ``error`` with a Dutch message otherwise."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except FileNotFoundError:
        raise error(not_found.format(file=path)) from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise error(_("{file}: kan niet worden gelezen ({kind})").format(
            file=path, kind=exc.__class__.__name__)) from None
    if not rows or not set(columns) <= set(rows[0]):
        quoted = [f"'{column}'" for column in columns]
        raise error(_("{file}: de kolommen {columns} ontbreken").format(
            file=path, columns=_("{first} en {last}").format(first=", ".join(quoted[:-1]), last=quoted[-1])))
    return rows


def load_evidence(path: str | os.PathLike) -> dict[tuple[str, str], list[str]]:
    """(document, theme) → the quotes where a reader saw attention (``document,theme,quote``)."""
    rows = read_rows(path, ("document", "theme", "quote"), TrainError,
                     _("{file}: bestand met citaten niet gevonden"))
    quotes: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        quotes.setdefault((row["document"].strip(), row["theme"].strip()), []).append(row["quote"] or "")
    return quotes


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def overlaps(passage: str, quote: str) -> bool:
    """The passage is (part of) the quote or holds it, or shares most of its words with it."""
    a, b = " ".join(_words(passage)), " ".join(_words(quote))
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    shared = set(a.split()) & set(b.split())
    return len(shared) >= 0.6 * min(len(set(a.split())), len(set(b.split())))


def passage_examples(candidates: Sequence[Candidate], gold: dict[str, bool], quotes: dict, document: str):
    """(theme, features, label): passages overlapping a quote are positives, every candidate in a
    document labelled 0 is a hard negative; other passages of positive documents are left out."""
    for theme, text, features in candidates:
        if theme not in gold:
            continue
        if not gold[theme]:
            yield theme, features, False
        elif any(overlaps(text, quote) for quote in quotes.get((document, theme), ())):
            yield theme, features, True


def fit_passages(documents: Sequence[tuple[str, dict[str, bool], Sequence[Candidate]]], quotes: dict) -> dict:
    """A logistic model per theme over passage features, and the base rate of documents without candidates."""
    try:
        from sklearn.feature_extraction import DictVectorizer
    except ImportError:
        logistic_regression()  # raises the Dutch message
        raise
    themes = list(documents[0][1]) if documents else []
    curves = {}
    for theme in themes:
        rows, targets = [], []
        for document, gold, candidates in documents:
            for found, features, label in passage_examples(candidates, gold, quotes, document):
                if found == theme:
                    rows.append(features)
                    targets.append(label)
        empty = [gold[theme] for _d, gold, candidates in documents if not any(c[0] == theme for c in candidates)]
        base_rate = _rounded((sum(empty) + 0.5) / (len(empty) + 1))
        if len(set(targets)) < 2:
            rate = (sum(targets) + 0.5) / (len(targets) + 1)
            curves[theme] = {"intercept": _rounded(math.log(rate / (1 - rate))), "weights": {}, "base_rate": base_rate}
            continue
        vectoriser = DictVectorizer(sparse=False, sort=True)
        matrix = vectoriser.fit_transform(rows)
        # Balanced: the few quoted passages weigh as much as the many hard negatives.
        model = logistic_regression(C=1.0, max_iter=1000, class_weight="balanced")
        model.fit(matrix, [int(t) for t in targets])
        weights = {name: _rounded(w) for name, w in zip(vectoriser.feature_names_, model.coef_[0], strict=True)
                   if round(w, 6) != 0}
        curves[theme] = {"intercept": _rounded(model.intercept_[0]), "weights": weights, "base_rate": base_rate}
    return curves


def collect_candidates(targets, codebook: Codebook) -> dict[str, list[Candidate]]:
    """document → the features of its candidate passages (one process: the lists stay here)."""
    from koers.scan.engine import scan_file

    found: dict[str, list[Candidate]] = {}
    for target in targets:
        if target.error is None:
            scan_file(target.path, codebook, document=target.document, collect=found.setdefault(target.document, []))
    return found
