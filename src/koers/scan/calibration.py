"""A calibrated probability for each theme verdict, applied in pure Python at scan time.

A calibration is a logistic curve per theme over two facts of the codebook's verdict: whether the
rule gave attention, and log(1 + score). Its few numbers are fitted on labelled documents at
training time (``koers train``, ``koers.scan.train``) and shipped as JSON in the package. It is
only valid for the codebook it was fitted on: a codebook whose terms, weights, exclusions or rule
differ (another ``fingerprint``) gets no probability rather than a wrong one.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from koers.scan.codebook import Codebook, Rule
from koers.scan.model import ThemeResult

SHIPPED_MODEL = "default.json"
UNCERTAIN, CLEAR = "twijfel", "duidelijk"


def fingerprint(codebook: Codebook) -> str:
    """A short hash of everything in the codebook that changes verdicts or scores."""
    parts = [(t.id, t.terms, t.context, t.exclude, t.rule.passage_threshold, t.rule.min_passages,
              t.rule.min_score) for t in codebook.themes]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def codebook_version(codebook: Codebook) -> str:
    """What a result records about the codebook that produced it: its name, version and fingerprint."""
    return f"{codebook.name} {codebook.version} ({fingerprint(codebook)})".replace("  ", " ")


_versions: dict[int, tuple[dict, str]] = {}


def model_version(model: dict) -> str:
    """A short hash of the model's content: two results with the same version came from the same numbers."""
    cached = _versions.get(id(model))
    if cached is None or cached[0] is not model:
        digest = hashlib.sha256(json.dumps(model, sort_keys=True).encode()).hexdigest()[:12]
        cached = _versions[id(model)] = (model, digest)
    return cached[1]


def features(theme: ThemeResult) -> tuple[float, float]:
    return float(theme.attention), math.log1p(theme.score)


def logistic(intercept: float, weights, values) -> float:
    z = intercept + sum(w * x for w, x in zip(weights, values, strict=True))
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def confidence(probability: float | None, rule: Rule) -> str:
    if probability is None:
        return ""
    return UNCERTAIN if rule.uncertain_from <= probability <= rule.uncertain_to else CLEAR


def calibrated(theme: ThemeResult, curve: dict, rule: Rule) -> ThemeResult:
    """The verdict with its probability and confidence; ``curve`` is {"intercept", "weights"}."""
    probability = round(logistic(curve["intercept"], curve["weights"], features(theme)), 4)
    return replace(theme, probability=probability, confidence=confidence(probability, rule))


@lru_cache(maxsize=4)
def load_model(path: str) -> dict:
    """A model file written by ``koers train`` (the caller turns errors into Dutch messages)."""
    if path == SHIPPED_MODEL:
        text = (resources.files("koers.scan") / "models" / SHIPPED_MODEL).read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    return json.loads(text)


_fitted: dict[int, tuple[Codebook, dict | None]] = {}


def calibration_for(codebook: Codebook) -> dict[str, dict] | None:
    """The shipped calibration curves per theme, when they were fitted on this codebook
    (looked up once per codebook object, as the matcher is)."""
    cached = _fitted.get(id(codebook))
    if cached is None or cached[0] is not codebook:
        model = load_model(SHIPPED_MODEL)
        curves = model.get("calibration") if model.get("codebook") == fingerprint(codebook) else None
        cached = _fitted[id(codebook)] = (codebook, curves)
    return cached[1]
