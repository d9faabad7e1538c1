"""The codebook in plain Dutch for the codebook page: what each term finds and when a theme counts.

The engine's term syntax (docs/codebook.md) is explained here for readers, not parsed again:
``*`` at the start or end of a word, several words form a phrase, all capitals match only in capitals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.scan.codebook import Codebook, Rule, Theme
from koers.scan.matcher import compile_term
from koers.web.numbers import format_number


@dataclass(frozen=True)
class Term:
    pattern: str
    weight: str  # formatted for the active language
    meaning: str


@dataclass(frozen=True)
class ThemeText:
    id: str
    label: str
    definition: str
    terms: list[Term]
    context: list[Term]
    exclude: list[Term]
    rule: list[str]


def describe(codebook: Codebook) -> list[ThemeText]:
    return [_theme(theme) for theme in codebook.themes]


def _theme(theme: Theme) -> ThemeText:
    def terms(pairs):
        return [Term(pattern, format_number(weight), describe_term(pattern)) for pattern, weight in pairs]

    return ThemeText(
        id=theme.id, label=theme.label, definition=theme.definition,
        terms=terms(theme.terms), context=terms(theme.context),
        exclude=[Term(pattern, "", describe_term(pattern)) for pattern in theme.exclude],
        rule=rule_sentences(theme.rule),
    )


def describe_term(pattern: str) -> str:
    """What ``pattern`` finds, e.g. 'een woord dat begint met ‘cyber’'."""
    words = pattern.split(" ")
    if len(words) == 1:
        text = _word(words[0])
    elif "*" not in pattern:
        text = _("de woorden ‘%(phrase)s’ na elkaar") % {"phrase": pattern}
    else:
        text = _("woorden na elkaar: %(words)s") % {"words": _(", dan ").join(_word(w) for w in words)}
    if not compile_term(pattern).flags & re.IGNORECASE:
        text += " " + _("(alleen in hoofdletters)")
    return text


def _word(word: str) -> str:
    core = word.strip("*")
    if word.startswith("*") and word.endswith("*"):
        return _("een woord waarin ‘%(part)s’ voorkomt") % {"part": core}
    if word.endswith("*"):
        return _("een woord dat begint met ‘%(part)s’") % {"part": core}
    if word.startswith("*"):
        return _("een woord dat eindigt op ‘%(part)s’") % {"part": core}
    return _("het woord ‘%(word)s’") % {"word": word}


def rule_sentences(rule: Rule) -> list[str]:
    """The attention rule as three Dutch sentences."""
    passages = ngettext(
        "Een document geeft expliciete aandacht aan dit thema bij ten minste %(count)d zo’n passage, "
        "met samen een gewicht van ten minste %(score)s.",
        "Een document geeft expliciete aandacht aan dit thema bij ten minste %(count)d zulke passages, "
        "met samen een gewicht van ten minste %(score)s.", rule.min_passages)
    if rule.evidence:
        evidence = ngettext("Als bewijs bewaart Koers de sterkste passage.",
                            "Als bewijs bewaart Koers de %(count)d sterkste passages.", rule.evidence)
    else:
        evidence = _("Koers bewaart geen passages als bewijs.")
    return [
        _("Een zin, kop of lijstpunt telt mee als de verschillende termen erin samen ten minste "
          "%(threshold)s wegen.") % {"threshold": format_number(rule.passage_threshold)},
        passages % {"count": rule.min_passages, "score": format_number(rule.min_score)},
        evidence % {"count": rule.evidence},
    ]
