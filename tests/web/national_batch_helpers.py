"""A small harvested corpus for the national batch tests: text files and a manifest in the
harvest's format (path,municipality,doc_type,year,source,source_url,retrieved_at,sha256,licence)."""

from __future__ import annotations

import csv
from pathlib import Path

from web_helpers import DIGITAL_TEXT, PLAIN_TEXT

MUNICIPALITIES = ["GM0014", "GM0034", "GM0037", "GM0047", "GM0050"]
HEADER = ["path", "municipality", "doc_type", "year", "source", "source_url", "retrieved_at", "sha256", "licence"]


def write_corpus(folder: Path, rows: list[tuple[str, str, str]] | None = None) -> Path:
    """Write ``(file name, CBS code, text)`` rows (default: one document per municipality above)
    and their manifest; returns the manifest's path."""
    if rows is None:
        rows = [(f"{code}-begroting.txt", code, (DIGITAL_TEXT if i % 2 == 0 else PLAIN_TEXT) + f"\n{code}\n")
                for i, code in enumerate(MUNICIPALITIES)]  # each file its own content
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for name, code, text in rows:
            (folder / name).write_text(text, encoding="utf-8")
            writer.writerow([name, code, "begroting", "2025", "ori", f"https://example.org/{name}",
                             "2025-03-01T10:00:00+00:00", "", "CC0"])
    return folder / "manifest.csv"
