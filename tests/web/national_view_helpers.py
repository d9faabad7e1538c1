"""Harvested documents with their scan outcomes for the national view's tests (figures, page, API, screenshot)."""

from __future__ import annotations

import hashlib
import itertools
import random

from koers.apps.national.models import ContextFigure, OutcomeTheme, ScanOutcome, SourceDocument
from koers.scan.codebook import default_codebook
from koers.scan.municipalities import municipalities

CODEBOOK = "Koers-standaard 1 (abc)"
_counter = itertools.count()


def harvested(code: str, year: int, verdicts: dict[str, bool], *, doc_type: str = "begroting", province: str = "",
              codebook: str = CODEBOOK, status: str = ScanOutcome.Status.DONE, sha256: str | None = None):
    """One harvested document and (unless status is None) its scan with these verdicts per theme."""
    sha256 = sha256 or hashlib.sha256(f"{code}{year}{doc_type}{next(_counter)}".encode()).hexdigest()
    document = SourceDocument.objects.create(
        municipality_code=code, municipality=code, province=province, doc_type=doc_type, year=year,
        path=f"/data/{sha256}.pdf", sha256=sha256, source="ori")
    if status is not None:
        outcome = ScanOutcome.objects.create(sha256=sha256, codebook_version=codebook, status=status)
        OutcomeTheme.objects.bulk_create(OutcomeTheme(outcome=outcome, theme=theme, label=theme, attention=on)
                                         for theme, on in verdicts.items())
    return document


def figure(kind: str, code: str, year: int, value: float):
    return ContextFigure.objects.create(kind=kind, municipality_code=code, year=year, value=value, source="test")


def seed_country(years=(2023, 2024, 2025), seed: int = 13) -> int:
    """Every municipality of the shipped list, a scanned begroting per year with seeded verdicts (made up,
    for tests and the screenshot), inhabitants and overhead costs per year; returns the number of units."""
    rng = random.Random(seed)
    themes = [(theme.id, theme.label) for theme in default_codebook().themes]
    base = {"informatieveiligheid-privacy": .8, "digitale-dienstverlening": .75, "datagedreven-werken": .5,
            "smart-city": .15, "digitale-transformatie": .1}
    documents, outcomes, figures = [], [], []
    for m, year in itertools.product(municipalities(), years):
        sha256 = hashlib.sha256(f"{m.code}{year}".encode()).hexdigest()
        documents.append(SourceDocument(municipality_code=m.code, municipality=m.name, province=m.province,
                                        doc_type="begroting", year=year, path=f"/data/{sha256}.pdf",
                                        sha256=sha256, source="ori"))
        outcomes.append(ScanOutcome(sha256=sha256, codebook_version=CODEBOOK, status=ScanOutcome.Status.DONE))
        figures += [ContextFigure(kind="population", municipality_code=m.code, year=year, source="test",
                                  value=round(m.population * (1 + 0.01 * (year - 2024)))),
                    ContextFigure(kind="overhead", municipality_code=m.code, year=year, source="test",
                                  value=round(rng.uniform(250, 650), 2))]
    SourceDocument.objects.bulk_create(documents)
    ContextFigure.objects.bulk_create(figures)
    stored = ScanOutcome.objects.bulk_create(outcomes)
    if stored[0].pk is None:  # backends that return no ids from a bulk insert
        stored = list(ScanOutcome.objects.order_by("id"))
    year_of = {o.sha256: d.year for o, d in zip(outcomes, documents)}
    OutcomeTheme.objects.bulk_create(
        OutcomeTheme(outcome=outcome, theme=theme, label=label,
                     attention=rng.random() < base[theme] + 0.05 * (year_of[outcome.sha256] - years[0]))
        for outcome in stored for theme, label in themes)
    return len(documents)
