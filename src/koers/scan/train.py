"""Fitting what the scan learns from labelled documents: training time only, with scikit-learn.

Nothing here runs while scanning: the fitted numbers are written as JSON (sorted keys, rounded
floats, a fixed seed, so a rerun on the same data gives the same bytes) and applied in pure
Python by ``koers.scan.calibration``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from gettext import gettext as _

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


def train_model(examples: Sequence[Example], codebook: Codebook) -> dict:
    return {"format": MODEL_FORMAT, "codebook": fingerprint(codebook),
            "codebook_version": f"{codebook.name} {codebook.version}".strip(),
            "documents": len(examples), "calibration": fit_calibration(examples, codebook)}


def model_json(model: dict) -> str:
    return json.dumps(model, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
