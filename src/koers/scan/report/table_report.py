"""A plain-text table for the terminal: one line per document, one column per theme."""

from __future__ import annotations

from collections.abc import Sequence
from gettext import gettext as _
from gettext import ngettext

from koers.scan.calibration import UNCERTAIN
from koers.scan.codebook import Codebook
from koers.scan.model import DocumentResult, ThemeResult


def _cell(theme: ThemeResult) -> str:
    verdict = _("ja") if theme.attention else _("nee")
    if theme.passages:
        verdict += f" ({theme.passages})"
    return verdict + " " + _("twijfel") if theme.confidence == UNCERTAIN else verdict


def format_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell; a short row's last cell spans the remaining columns."""
    widths = [len(str(cell)) for cell in header]
    for row in rows:
        measured = row if len(row) == len(header) else row[:-1]
        for i, cell in enumerate(measured):
            widths[i] = max(widths[i], len(str(cell)))
    lines = []
    for row in [header, *rows]:
        cells = [str(cell).ljust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines) + "\n"


def render_table(results: Sequence[DocumentResult], codebook: Codebook) -> str:
    header = [_("document"), _("pagina's"), *codebook.theme_ids]
    rows = []
    for result in results:
        if result.error is not None:
            rows.append([result.document, "", _("KAN NIET LEZEN: {reason}").format(reason=result.error)])
        else:
            by_id = {theme.theme: theme for theme in result.themes}
            rows.append([result.document, str(result.pages),
                         *(_cell(by_id[tid]) if tid in by_id else "" for tid in codebook.theme_ids)])
    readable = sum(1 for r in results if r.error is None)
    legend = _("ja/nee = expliciete aandacht voor het thema; tussen haakjes het aantal passages; "
               "twijfel = de kans op aandacht ligt in de twijfelzone van het codeboek.")
    counts = ngettext("{readable} van {total} document gelezen.", "{readable} van {total} documenten gelezen.",
                      len(results)).format(readable=readable, total=len(results))
    return format_table(header, rows) + "\n" + legend + "\n" + counts + "\n"
