"""JSON: the codebook's themes and every document with its evidence, for scripts and the web app."""

from __future__ import annotations

import json
from collections.abc import Sequence

from koers.scan.codebook import Codebook
from koers.scan.model import DocumentResult


def report_data(results: Sequence[DocumentResult], codebook: Codebook) -> dict:
    return {
        "codebook": {
            "name": codebook.name,
            "version": codebook.version,
            "themes": [{"id": t.id, "label": t.label, "definition": t.definition} for t in codebook.themes],
        },
        "documents": [result.to_dict() for result in results],
    }


def render_json(results: Sequence[DocumentResult], codebook: Codebook) -> str:
    return json.dumps(report_data(results, codebook), ensure_ascii=False, indent=2) + "\n"
