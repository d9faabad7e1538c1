"""CSV: one row per document × theme; a document that could not be read gets a single row
with an empty theme and the reason in ``error``, so no document disappears from the file."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from koers.csvsafe import safe_cell
from koers.scan.codebook import Codebook
from koers.scan.model import DocumentResult

CSV_COLUMNS = ("document", "theme", "label", "attention", "probability", "confidence", "score", "passages", "pages",
               "municipality", "code", "doc_type", "year", "codebook_version", "model_version", "error")


def csv_rows(results: Sequence[DocumentResult]):
    for result in results:
        meta = result.metadata or {}
        common = {"document": result.document, "pages": result.pages,
                  "municipality": meta.get("municipality") or "", "code": meta.get("code") or "",
                  "doc_type": meta.get("doc_type") or "", "year": meta.get("year") or "",
                  "codebook_version": result.codebook_version, "model_version": result.model_version}
        if result.error is not None:
            yield {**common, "theme": "", "label": "", "attention": "", "probability": "", "confidence": "",
                   "score": "", "passages": "", "error": result.error}
            continue
        for theme in result.themes:
            yield {**common, "theme": theme.theme, "label": theme.label,
                   "attention": int(theme.attention), "confidence": theme.confidence,
                   "probability": "" if theme.probability is None else f"{theme.probability:.2f}",
                   "score": f"{theme.score:.2f}",
                   "passages": theme.passages, "error": ""}


def render_csv(results: Sequence[DocumentResult], codebook: Codebook) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({column: safe_cell(value) for column, value in row.items()} for row in csv_rows(results))
    return buffer.getvalue()
