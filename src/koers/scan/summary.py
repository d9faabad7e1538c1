"""The study table: per theme the share of municipalities with explicit attention, per size class.

A municipality has attention for a theme when at least one of its documents (after the filters)
has attention. It counts in ``n`` when at least one of its documents could be read; documents
that could not be read, or that are not in the manifest, are left out and mentioned in ``notes``.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from gettext import gettext as _
from pathlib import Path

from koers.csvsafe import safe_row, unguard
from koers.scan.errors import ScanError
from koers.scan.manifest import Manifest
from koers.scan.municipalities import DEFAULT_BOUNDS, class_labels, size_class_index
from koers.scan.report.table_report import format_table

SUMMARY_FORMATS = ("table", "csv", "json")


class ResultsError(ScanError):
    """A results file from ``koers scan`` that cannot be read."""


@dataclass
class ScanRecord:
    """What the summary needs of one scanned document."""

    document: str
    error: str | None
    attention: dict[str, bool] = field(default_factory=dict)


@dataclass
class ScanRecords:
    themes: list[tuple[str, str]]  # (id, label) in codebook order
    records: list[ScanRecord]


def load_results(path: str | os.PathLike) -> ScanRecords:
    """Read a CSV or JSON file written by ``koers scan`` (by extension, else by content)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ResultsError(_("{file}: resultatenbestand niet gevonden").format(file=path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ResultsError(_("{file}: resultatenbestand kan niet worden gelezen ({kind})")
                           .format(file=path, kind=exc.__class__.__name__)) from None
    as_json = path.suffix.lower() == ".json" or (path.suffix.lower() != ".csv" and text.lstrip().startswith("{"))
    try:
        return _records_from_json(text) if as_json else _records_from_csv(text)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        kind = "JSON" if as_json else "CSV"
        detail = f"'{exc.args[0]}' ontbreekt" if isinstance(exc, KeyError) else str(exc)
        raise ResultsError(_("{file}: geen geldige {kind}-uitvoer van 'koers scan': {detail}")
                           .format(file=path, kind=kind, detail=detail)) from None


def _records_from_json(text: str) -> ScanRecords:
    data = json.loads(text)
    themes = [(t["id"], t.get("label", t["id"])) for t in data["codebook"]["themes"]]
    records = [ScanRecord(d["document"], d.get("error"),
                          {t["theme"]: bool(t["attention"]) for t in d.get("themes") or []})
               for d in data["documents"]]
    return ScanRecords(themes, records)


def _records_from_csv(text: str) -> ScanRecords:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("document", "theme", "attention") if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(_("kolom '{column}' ontbreekt").format(column=missing[0]))
    themes: dict[str, str] = {}
    records: dict[str, ScanRecord] = {}
    for row in reader:
        document = unguard(row["document"])  # the scan's CSV guards its text cells against formulas
        record = records.setdefault(document, ScanRecord(document, None))
        if (row.get("error") or "").strip():
            record.error = unguard(row["error"]).strip()
        if row["theme"]:
            themes.setdefault(row["theme"], unguard(row.get("label") or "") or row["theme"])
            if row["attention"] not in ("0", "1"):
                raise ValueError(_("regel {line}: attention moet 0 of 1 zijn")
                                 .format(line=reader.line_num))
            record.attention[row["theme"]] = row["attention"] == "1"
    return ScanRecords(list(themes.items()), list(records.values()))


@dataclass
class ThemeShares:
    id: str
    label: str
    counts: list[int]  # municipalities with attention, per class
    total: int

    def shares(self, n: Sequence[int]) -> list[float | None]:
        return [_share(count, size) for count, size in zip(self.counts, n)]


@dataclass
class Summary:
    bounds: tuple[int, ...]
    classes: tuple[str, ...]
    n: list[int]  # municipalities per class
    themes: list[ThemeShares]
    notes: list[str] = field(default_factory=list)

    @property
    def total_n(self) -> int:
        return sum(self.n)


def _share(count: int, size: int) -> float | None:
    return round(100 * count / size, 1) if size else None


def summarise(scan: ScanRecords, manifest: Manifest, *, bounds: tuple[int, ...] = DEFAULT_BOUNDS,
              doc_type: str | None = None, year: int | None = None, base: Path | None = None) -> Summary:
    """Aggregate document verdicts to municipalities; ``base`` is the folder the scan ran in."""
    municipalities: dict[str, tuple[int, set[str]]] = {}
    unmatched, unreadable = [], []
    for record in scan.records:
        entry = manifest.match(record.document, base)
        if entry is None:
            unmatched.append(record.document)
            continue
        if doc_type is not None and entry.doc_type.casefold() != doc_type.casefold():
            continue
        if year is not None and entry.year != year:
            continue
        if record.error is not None:
            unreadable.append(record.document)
            continue
        size, themes = municipalities.setdefault(
            entry.key, (size_class_index(entry.population or 0, bounds), set()))
        themes.update(theme for theme, attention in record.attention.items() if attention)
    n = [0] * (len(bounds) + 1)
    for size, _themes in municipalities.values():
        n[size] += 1
    shares = []
    for theme_id, label in scan.themes:
        counts = [0] * len(n)
        for size, themes in municipalities.values():
            counts[size] += theme_id in themes
        shares.append(ThemeShares(theme_id, label, counts, sum(counts)))
    return Summary(bounds, class_labels(bounds), n, shares, _notes(unmatched, unreadable))


def _notes(unmatched: list[str], unreadable: list[str]) -> list[str]:
    notes = []
    if unmatched:
        notes.append(_("{count} document(en) niet in het manifest, niet meegeteld: {names}")
                     .format(count=len(unmatched), names=_names(unmatched)))
    if unreadable:
        notes.append(_("{count} document(en) konden niet worden gelezen, niet meegeteld: {names}")
                     .format(count=len(unreadable), names=_names(unreadable)))
    return notes


def _names(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    return shown + (_(" en {more} meer").format(more=len(names) - limit) if len(names) > limit else "")


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}%"


def render_summary(summary: Summary, fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps(summary_data(summary), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _summary_csv(summary)
    return _summary_table(summary)


def summary_data(summary: Summary) -> dict:
    return {
        "bounds": list(summary.bounds),
        "classes": [{"label": label, "n": n} for label, n in zip(summary.classes, summary.n)],
        "total_n": summary.total_n,
        "themes": [{"id": t.id, "label": t.label, "counts": t.counts, "shares": t.shares(summary.n),
                    "total": t.total, "total_share": _share(t.total, summary.total_n)}
                   for t in summary.themes],
        "notes": summary.notes,
    }


def _summary_csv(summary: Summary) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["theme", "label", "size_class", "n", "attention", "share"])
    total = _("totaal")
    for theme in summary.themes:
        rows = zip([*summary.classes, total], [*summary.n, summary.total_n], [*theme.counts, theme.total])
        for label, n, count in rows:
            share = _share(count, n)
            writer.writerow(safe_row([theme.id, theme.label, label, n, count, share]))
    return buffer.getvalue()


def _summary_table(summary: Summary) -> str:
    header = [_("thema"), *summary.classes, _("totaal")]
    sizes = ["", *(f"n={n}" for n in summary.n), f"n={summary.total_n}"]
    rows = [sizes] + [[t.label, *map(_percent, t.shares(summary.n)), _percent(_share(t.total, summary.total_n))]
                      for t in summary.themes]
    title = _("Aandeel gemeenten met expliciete aandacht per thema, naar inwonertal")
    return title + "\n\n" + format_table(header, rows)
