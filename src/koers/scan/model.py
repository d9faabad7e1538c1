"""Plain data records that flow through the scan engine.

Every record is a frozen dataclass of built-in types, so results pickle cheaply across
processes (``--jobs``) and serialise to JSON for a task queue or the web application.
Character offsets are always relative to the cleaned text of one page (``Page.text``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # 1-based page number as a reader would count it
    text: str  # cleaned text: ligatures expanded, hyphenation repaired, headers/footers removed


@dataclass(frozen=True, slots=True)
class Block:
    """A heading, list item or paragraph on one page, with its sentence spans."""

    kind: str  # "heading" | "item" | "paragraph"
    start: int
    end: int
    sentences: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Evidence:
    page: int
    start: int  # offset of the passage in the page text
    end: int
    text: str
    score: float
    terms: tuple[str, ...]  # the codebook terms that matched
    highlights: tuple[tuple[int, int], ...]  # matched spans, relative to ``text``


@dataclass(frozen=True, slots=True)
class ThemeResult:
    theme: str
    label: str
    attention: bool
    score: float
    passages: int  # number of supporting passages
    evidence: tuple[Evidence, ...] = ()
    probability: float | None = None  # calibrated chance of attention; None without a calibration
    confidence: str = ""  # "twijfel" inside the rule's uncertain band, "duidelijk" outside, "" unknown


@dataclass(frozen=True, slots=True)
class DocumentResult:
    document: str  # the path exactly as the user gave it
    pages: int = 0
    words: int = 0
    themes: tuple[ThemeResult, ...] = ()
    error: str | None = None  # set when the document could not be read
    metadata: dict = field(default_factory=dict)  # municipality, doc_type, year... from a manifest
    codebook_version: str = ""  # provenance: "<name> <version> (<fingerprint>)" of the codebook used
    model_version: str = ""  # provenance: content hash of the model that gave probabilities, "" for none

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict:
        return asdict(self)
