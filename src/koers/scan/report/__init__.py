"""Reports of scan results: a terminal table, CSV, JSON and a self-contained HTML page.

``render(fmt, results, codebook)`` returns the report as text; every format holds all
documents, including those that could not be read (with their reason).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from koers.scan.codebook import Codebook
from koers.scan.model import DocumentResult
from koers.scan.report.csv_report import CSV_COLUMNS, render_csv
from koers.scan.report.html_report import render_html
from koers.scan.report.json_report import render_json, report_data
from koers.scan.report.table_report import render_table

Renderer = Callable[[Sequence[DocumentResult], Codebook], str]

RENDERERS: dict[str, Renderer] = {
    "table": render_table,
    "csv": render_csv,
    "json": render_json,
    "html": render_html,
}
FORMATS = tuple(RENDERERS)


def render(fmt: str, results: Sequence[DocumentResult], codebook: Codebook) -> str:
    return RENDERERS[fmt](results, codebook)


__all__ = ["CSV_COLUMNS", "FORMATS", "render", "render_csv", "render_html", "render_json",
           "render_table", "report_data"]
