"""Codebooks: the themes, terms, exclusions, weights and attention rule, read from TOML.

The engine is driven by this file, not by code. A term is a word or phrase with optional
``*`` wildcards at the start or end of each word (see docs/codebook.md):

    informatiebeveiliging*   a word starting with it (informatiebeveiligingsbeleid)
    *sensor*                 a word containing it (geluidssensoren)
    digitale dienstverlening a phrase of whole words
    AVG                      a term in capitals only matches in capitals (an acronym)

Every validation error names the file, the line and the problem.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from koers.scan.errors import CodebookError

DEFAULT_CODEBOOK_PATH = Path(str(resources.files("koers.scan") / "codebooks" / "default.toml"))

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TERM = re.compile(r"^\*?[^\s*]+\*?(?: \*?[^\s*]+\*?)*$")
_THEME_KEYS = {"id", "label", "definition", "terms", "weak_terms", "weak_weight", "context_terms",
               "context_weight", "weight", "weights", "exclude", "attention"}
_RULE_KEYS = {"passage_threshold", "min_passages", "min_score", "evidence", "uncertain_from", "uncertain_to"}


@dataclass(frozen=True, slots=True)
class Rule:
    """When a theme counts as explicit attention in a document."""

    passage_threshold: float = 1.0  # weight of distinct terms a passage needs to support a theme
    min_passages: int = 1  # supporting passages needed for attention
    min_score: float = 1.0  # total weight of supporting passages needed for attention
    evidence: int = 5  # evidence passages kept per theme
    uncertain_from: float = 0.35  # a verdict whose probability lies in this band is marked "twijfel"
    uncertain_to: float = 0.65


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    label: str
    definition: str
    terms: tuple[tuple[str, float], ...]  # (pattern, weight)
    context: tuple[tuple[str, float], ...]  # (pattern, weight), counted only beside a term
    exclude: tuple[str, ...]
    rule: Rule


@dataclass(frozen=True, slots=True)
class Codebook:
    name: str
    version: str
    source: str  # file the codebook came from, for messages and reports
    themes: tuple[Theme, ...]

    @property
    def theme_ids(self) -> tuple[str, ...]:
        return tuple(theme.id for theme in self.themes)

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)


@lru_cache(maxsize=1)
def default_codebook() -> Codebook:
    return load_codebook(DEFAULT_CODEBOOK_PATH)


def load_codebook(path: str | Path) -> Codebook:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CodebookError(f"{path}: codeboek niet gevonden") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CodebookError(f"{path}: codeboek kan niet worden gelezen ({exc.__class__.__name__})") from None
    return parse_codebook(text, str(path))


def parse_codebook(text: str, source: str = "codeboek") -> Codebook:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CodebookError(f"{source}: ongeldige TOML: {_dutch_toml_error(str(exc))}") from None
    return _Validator(text, source).codebook(data)


def _dutch_toml_error(message: str) -> str:
    # tomllib says "... (at line 3, column 7)": keep the position, put it first.
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if not match:
        return message
    detail = message[: match.start()].strip()
    return f"regel {match.group(1)}, kolom {match.group(2)}: {detail}"


class _Validator:
    """Checks the parsed TOML and builds the Codebook; errors point at a line in the file."""

    def __init__(self, text: str, source: str):
        self.lines = text.splitlines()
        self.source = source

    def fail(self, problem: str, line: int | None) -> CodebookError:
        where = f"{self.source}, regel {line}" if line else self.source
        return CodebookError(f"{where}: {problem}")

    def line_of(self, key: str, theme_index: int | None = None) -> int | None:
        """First line defining ``key``, inside the n-th [[themes]] block when given."""
        start, seen = 0, -1
        if theme_index is not None:
            for number, line in enumerate(self.lines):
                if line.strip().startswith("[[themes]]"):
                    seen += 1
                    if seen == theme_index:
                        start = number
                        break
        key_line = re.compile(rf"^\s*(\[+\s*)?(themes\.)?{re.escape(key)}\b")
        for number in range(start, len(self.lines)):
            if number > start and theme_index is not None and self.lines[number].strip().startswith("[[themes]]"):
                break
            if key_line.match(self.lines[number]):
                return number + 1
        return start + 1 if theme_index is not None else None

    def codebook(self, data: dict) -> Codebook:
        info = data.get("codebook", {})
        if not isinstance(info, dict):
            raise self.fail("[codebook] moet een tabel zijn", self.line_of("codebook"))
        rule = self.rule(data.get("rule", {}), Rule(), None)
        themes = data.get("themes")
        if not isinstance(themes, list) or not themes:
            raise self.fail("geen thema's: voeg ten minste één [[themes]]-blok toe", None)
        unknown = set(data) - {"codebook", "rule", "themes"}
        if unknown:
            key = sorted(unknown)[0]
            raise self.fail(f"onbekende sleutel '{key}'", self.line_of(key))
        built = tuple(self.theme(item, index, rule) for index, item in enumerate(themes))
        seen: set[str] = set()
        for index, theme in enumerate(built):
            if theme.id in seen:
                raise self.fail(f"thema-id '{theme.id}' komt twee keer voor", self.line_of("id", index))
            seen.add(theme.id)
        return Codebook(str(info.get("name", "codeboek")), str(info.get("version", "")), self.source, built)

    def rule(self, data, base: Rule, theme_index: int | None) -> Rule:
        if not isinstance(data, dict):
            raise self.fail("de regel voor aandacht moet een tabel zijn", self.line_of("rule", theme_index))
        for key, value in data.items():
            line = self.line_of(key, theme_index)
            if key not in _RULE_KEYS:
                raise self.fail(f"onbekende sleutel '{key}' in de regel voor aandacht "
                                f"(toegestaan: {', '.join(sorted(_RULE_KEYS))})", line)
            wanted = int if key in ("min_passages", "evidence") else (int, float)
            lowest = 1 if key == "min_passages" else 0
            if isinstance(value, bool) or not isinstance(value, wanted) or value < lowest:
                kind = "een geheel getal" if wanted is int else "een getal"
                raise self.fail(f"'{key}' moet {kind} van {lowest} of meer zijn", line)
            if key.startswith("uncertain_") and value > 1:
                raise self.fail(f"'{key}' is een kans: een getal van 0 tot en met 1", line)
        rule = Rule(**{**_rule_dict(base), **data})
        if rule.uncertain_from > rule.uncertain_to:
            raise self.fail("'uncertain_from' mag niet groter zijn dan 'uncertain_to'",
                            self.line_of("uncertain_from", theme_index))
        return rule

    def theme(self, item, index: int, rule: Rule) -> Theme:
        if not isinstance(item, dict):
            raise self.fail("elk [[themes]]-blok moet een tabel zijn", self.line_of("themes", index))
        for key in item:
            if key not in _THEME_KEYS:
                raise self.fail(f"onbekende sleutel '{key}' in thema", self.line_of(key, index))
        theme_id = self.text(item, "id", index)
        if not _ID.match(theme_id):
            raise self.fail(f"thema-id '{theme_id}' mag alleen kleine letters, cijfers en "
                            "koppeltekens bevatten", self.line_of("id", index))
        weight = self.number(item, "weight", index, 1.0)
        weak_weight = self.number(item, "weak_weight", index, 0.5)
        context_weight = self.number(item, "context_weight", index, 0.5)
        weights = item.get("weights", {})
        if not isinstance(weights, dict):
            raise self.fail("'weights' moet een tabel van term = gewicht zijn", self.line_of("weights", index))
        terms = [(t, weight) for t in self.patterns(item, "terms", index)]
        terms += [(t, weak_weight) for t in self.patterns(item, "weak_terms", index)]
        context = [(t, context_weight) for t in self.patterns(item, "context_terms", index)]
        if not terms:
            raise self.fail(f"thema '{theme_id}' heeft geen termen", self.line_of("id", index))
        known = {t for t, _ in terms + context}
        for term, value in weights.items():
            if term not in known:
                raise self.fail(f"gewicht voor onbekende term '{term}'", self.line_of("weights", index))
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise self.fail(f"gewicht van '{term}' moet een getal van 0 of meer zijn",
                                self.line_of("weights", index))
        terms = [(t, float(weights.get(t, w))) for t, w in terms]
        context = [(t, float(weights.get(t, w))) for t, w in context]
        return Theme(
            id=theme_id,
            label=self.text(item, "label", index),
            definition=self.text(item, "definition", index, required=False),
            terms=tuple(terms),
            context=tuple(context),
            exclude=tuple(self.patterns(item, "exclude", index)),
            rule=self.rule(item.get("attention", {}), rule, index),
        )

    def text(self, item: dict, key: str, index: int, required: bool = True) -> str:
        value = item.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"'{key}' ontbreekt of is geen tekst", self.line_of(key, index)
                            if key in item else self.line_of("themes", index))
        return value.strip()

    def number(self, item: dict, key: str, index: int, default: float) -> float:
        value = item.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise self.fail(f"'{key}' moet een getal van 0 of meer zijn", self.line_of(key, index))
        return float(value)

    def patterns(self, item: dict, key: str, index: int) -> list[str]:
        values = item.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise self.fail(f"'{key}' moet een lijst van teksten zijn", self.line_of(key, index))
        cleaned = [" ".join(v.split()) for v in values]
        for value in cleaned:
            if not _TERM.match(value) or not value.strip("*"):
                raise self.fail(f"ongeldige term '{value}' in '{key}': een * mag alleen aan het begin "
                                "of eind van een woord staan", self.line_of(key, index))
        return cleaned


def _rule_dict(rule: Rule) -> dict:
    return {name: getattr(rule, name) for name in Rule.__slots__}
