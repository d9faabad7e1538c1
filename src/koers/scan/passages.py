"""The learned decision layer: features of each candidate passage and a logistic model per theme.

The codebook finds candidate passages (a sentence, heading or list item with a term of a theme);
what a careful reader then asks is captured as features: where the words stand (heading, list
item, table-of-contents line, table row, running text), whether the sentence states the
organisation's own aim, decision or action (first person plural, or "de gemeente"/"het college"
with a modal or future verb) or gives background (national programmes, laws, trends, other
documents), open data for others, how heavy and how many the terms are, and which terms matched.

A document's probability for a theme is the **maximum** of its passages' probabilities: attention
needs one passage that convinces on its own, as the labelling rules say, and adding passages that
each fall short never raises it, so a 300-page document of weak passages stays negative. A
noisy-OR or a sum would let length alone turn a document positive. A document without a candidate
passage gets the theme's base rate from training. Pure Python: applied at scan time from JSON.
"""

from __future__ import annotations

import math
import re

from dataclasses import replace
from gettext import gettext as _

from koers.scan.calibration import SHIPPED_MODEL, confidence, fingerprint, load_model, logistic
from koers.scan.codebook import Codebook, Rule
from koers.scan.errors import ScanError
from koers.scan.model import ThemeResult
from koers.scan.matcher import Hit
from koers.scan.segment import _BULLET, _line_kind

class ModelError(ScanError):
    """A model file that cannot be used; the message names the file and the problem."""


_TOC = re.compile(r"(\.{3,}|…|\s{2,}|\t)\s*\d{1,3}\s*$|^\d+(\.\d+)*\.?\s+\S.*\s\d{1,3}$")
_NUMBER = re.compile(r"\d[\d.,]*")
_WE = re.compile(r"\b(wij|we|ons|onze)\b")
_OWN = re.compile(r"\b(de gemeente|het college|de raad|gemeente [a-z]+)\b")
_MODAL = re.compile(r"\b(gaat|gaan|zal|zullen|wil|willen|moet|moeten|blijft|blijven|werkt|werken|zet|zetten|"
                    r"investeert|investeren|ontwikkelt|ontwikkelen|richt|voert|neemt|start|starten|maakt|"
                    r"stelt|verbetert|versterkt|heeft|hebben|is|zijn)\b")
_BACKGROUND = re.compile(r"\b(landelijk\w*|rijk|rijksoverheid|kabinet|minister\w*|europe\w*|nationa\w*|vng|"
                         r"trend\w*|ontwikkelingen|wet|wetgeving|samenleving|maatschappij)\b")
_OPEN_DATA = re.compile(r"\bopen ?data\b")
_FUTURE_YEAR = re.compile(r"\b20[2-3]\d\b")


def passage_features(text: str, hits: list[Hit], score: float) -> dict[str, float]:
    """Features of one candidate passage for one theme (``text`` is the passage, ``hits`` its terms)."""
    stripped = " ".join(text.split())
    lower = stripped.lower()
    words = len(stripped.split())
    digits = sum(len(m.group()) for m in _NUMBER.finditer(stripped))
    terms = {hit.term for hit in hits if not hit.context}
    features = {
        "score": math.log1p(score),
        "terms": float(len(terms)),
        "words": math.log1p(words),
        "heading": float(bool(stripped) and _line_kind(stripped) == "heading" and not _TOC.search(stripped)),
        "item": float(bool(_BULLET.match(stripped))),
        "toc": float(bool(_TOC.search(stripped))),
        "table": float(digits > 0.25 * max(len(stripped), 1) or stripped.count("€") > 1),
        "we": float(bool(_WE.search(lower))),
        "own_action": float(bool(_OWN.search(lower) and _MODAL.search(lower))),
        "background": float(bool(_BACKGROUND.search(lower))),
        "open_data": float(bool(_OPEN_DATA.search(lower))),
        "year": float(bool(_FUTURE_YEAR.search(lower))),
    }
    for term in terms:
        features[f"term:{term}"] = 1.0
    return features


def passage_probability(curve: dict, features: dict[str, float]) -> float:
    """``curve`` is {"intercept", "weights": {feature: weight}}; unknown features weigh nothing."""
    weights = curve["weights"]
    names = [name for name in features if name in weights]
    return logistic(curve["intercept"], [weights[n] for n in names], [features[n] for n in names])


def document_probability(curve: dict, passage_probabilities) -> float:
    """The maximum over the passages, or the base rate when there are none (see the module doc)."""
    return max(passage_probabilities, default=curve["base_rate"])


def decided(theme: ThemeResult, curve: dict, probabilities, rule: Rule) -> ThemeResult:
    """The theme's verdict by the model: attention when the document's probability is 0.5 or more."""
    probability = round(document_probability(curve, probabilities), 4)
    return replace(theme, attention=probability >= 0.5, probability=probability,
                   confidence=confidence(probability, rule))


def load_passage_model(path: str, codebook: Codebook) -> dict:
    """A model file with a passage model for this codebook (``shipped``: the one in the package)."""
    name = SHIPPED_MODEL if path == "shipped" else path
    try:
        model = load_model(name)
    except FileNotFoundError:
        raise ModelError(_("{file}: modelbestand niet gevonden").format(file=path)) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ModelError(_("{file}: geen bruikbaar modelbestand ({kind})").format(
            file=path, kind=exc.__class__.__name__)) from None
    if not isinstance(model, dict) or not isinstance(model.get("passages"), dict):
        raise ModelError(_("{file}: bevat geen passagemodel (maak het met koers train --evidence)").format(file=path))
    if model.get("codebook") != fingerprint(codebook):
        raise ModelError(_("{file}: het model is geleerd met een ander codeboek ({version})").format(
            file=path, version=model.get("codebook_version", "?")))
    return model
