"""The harvest: find one document per municipality in an open source, download it with its
provenance, and say per municipality what could not be found. The engine of ``koers harvest``.

Public API::

    Candidate(title, url, date, content_type, extension, size)     (frozen) a document a source offers
    Finding(status, reason, candidates)                             (frozen) status in STATUSES
    SOURCES    {name: find(fetcher, municipality, doc_type, year, base_url=...) -> Finding}
    LICENCES   {name: licence text}
    Outcome(municipality, status, reason, candidates, path)         one municipality's result
    harvest(source, doc_type, year, municipalities, out, fetcher, base_url=None, on_outcome=None) -> list[Outcome]
    read_municipalities(path) -> (list[Municipality], list[str] problems)

``out`` receives the files (``GM0363_begroting_2025.pdf``), ``manifest.csv`` in the format of
``koers scan --manifest`` with the provenance columns, and ``completeness.csv``. Both CSVs are
rewritten (atomically) after every municipality, so an interrupted run leaves a consistent
folder; a rerun skips every row whose file is still there with the recorded SHA-256.
"""

from __future__ import annotations

import csv
import hashlib
import importlib
import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from gettext import gettext as _
from pathlib import Path

from koers.connectors import cvdr, ori
from koers.connectors.http import SourceError
from koers.csvsafe import safe_cell, unguard
from koers.scan.municipalities import Municipality, MunicipalityError, municipalities
from koers.scan.municipalities import find as find_municipality

STATUSES = ("found", "not_found", "ambiguous", "error")
MANIFEST_COLUMNS = ("path", "municipality", "doc_type", "year", "source", "source_url", "retrieved_at",
                    "sha256", "licence")
REPORT_COLUMNS = ("code", "municipality", "status", "reason", "candidates")
_MAGIC = {b"%PDF": "pdf", b"PK\x03\x04": "docx", b"<": "html"}


@dataclass(frozen=True)
class Candidate:
    title: str
    url: str
    date: str  # ISO date as the source gives it, "" when unknown
    content_type: str
    extension: str  # without the dot, "" when unknown
    size: int | None


@dataclass(frozen=True)
class Finding:
    status: str  # one of STATUSES
    reason: str  # Dutch; "" when there is nothing to add
    candidates: list = field(default_factory=list)


SOURCES: dict[str, Callable] = {"ori": ori.find, "cvdr": cvdr.find}
LICENCES = {"ori": ori.LICENCE, "cvdr": cvdr.LICENCE}


ERRORS_IN_A_ROW = 5  # then the source is taken to be down: stop instead of trying all 342


class SourceUnreachable(SourceError):
    """The source failed for several municipalities in a row; ``outcomes`` holds what was done."""

    def __init__(self, message: str, outcomes: list):
        super().__init__(message)
        self.outcomes = outcomes


@dataclass(frozen=True)
class Outcome:
    municipality: Municipality
    status: str
    reason: str
    candidates: list
    path: str = ""  # the file in ``out`` when found


def harvest(source: str, doc_type: str, year: int, towns, out: str | os.PathLike, fetcher, *,
            base_url: str | None = None, on_outcome=None) -> list[Outcome]:
    """Find, download and record one document per municipality; ``on_outcome`` sees each result."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    find = SOURCES[source]
    known = getattr(importlib.import_module(find.__module__), "DOC_TYPES", None)
    if known is not None and str(doc_type).partition(":")[0] not in known:
        raise SourceError(_("Bron {source} kent het documenttype {type!r} niet; kies uit {choices}.").format(
            source=source, type=doc_type, choices=", ".join(known)))
    options = {"base_url": base_url} if base_url else {}
    manifest = _read_manifest(out / "manifest.csv")
    outcomes: list[Outcome] = []
    for town in towns:
        key = (town.code, doc_type, str(year))
        done = manifest.get(key)
        if done and _intact(out, done):
            outcome = Outcome(town, "found", _("al eerder opgehaald (SHA-256 klopt)"), [], done["path"])
        else:
            finding = find(fetcher, town, doc_type, year, **options)
            outcome = _outcome(finding, town, source, doc_type, year, out, fetcher, manifest)
        outcomes.append(outcome)
        _write_csv(out / "manifest.csv", MANIFEST_COLUMNS, list(manifest.values()))
        _write_csv(out / "completeness.csv", REPORT_COLUMNS, [_report_row(o) for o in outcomes])
        if on_outcome:
            on_outcome(outcome)
        if len(outcomes) >= ERRORS_IN_A_ROW and all(o.status == "error" for o in outcomes[-ERRORS_IN_A_ROW:]):
            raise SourceUnreachable(_("De bron gaf {count} keer op rij een fout (laatste: {reason}); het ophalen "
                                      "is gestopt. Wat binnen is, staat in manifest.csv: draai hetzelfde commando "
                                      "later opnieuw om verder te gaan.").format(
                count=ERRORS_IN_A_ROW, reason=outcome.reason), outcomes)
    return outcomes


def read_municipalities(path: str | os.PathLike) -> tuple[list[Municipality], list[str]]:
    """CBS codes or names, one a line or in the first column (a header is skipped); problems named."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(_("{file}: lijst van gemeenten kan niet worden gelezen ({reason})").format(
            file=path, reason=getattr(error, "strerror", None) or error.__class__.__name__)) from None
    delimiter = ";" if text.count(";") > text.count(",") else ","
    found: dict[str, Municipality] = {}
    problems = []
    for line, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        value = row[0].strip() if row else ""
        if not value or (line == 1 and value.lower() in ("code", "municipality", "gemeente", "naam", "name")):
            continue
        try:
            town = find_municipality(value)
        except MunicipalityError as error:
            problems.append(_("{file}, regel {line}: {problem}").format(file=path, line=line, problem=error))
            continue
        found.setdefault(town.code, town)
    return list(found.values()), problems


def all_municipalities() -> list[Municipality]:
    return list(municipalities())


def status_label(status: str) -> str:
    return {"found": _("gevonden"), "not_found": _("niet gevonden"), "ambiguous": _("meerdere kandidaten"),
            "error": _("fout")}.get(status, status)


def render_table(outcomes: list[Outcome]) -> str:
    """The completeness report for the terminal: one line per municipality, then the counts."""
    rows = [(o.municipality.code, o.municipality.name, status_label(o.status),
             " – ".join(part for part in (o.path, o.reason) if part)) for o in outcomes]
    header = (_("code"), _("gemeente"), _("status"), _("bestand of reden"))
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths)) + "  " + row[3]
             for row in [header, *rows]]
    counts = {status: sum(o.status == status for o in outcomes) for status in STATUSES}
    lines.append("")
    lines.append(", ".join(f"{status_label(status)}: {count}" for status, count in counts.items())
                 + _(" (van {total} gemeenten)").format(total=len(outcomes)))
    return "\n".join(lines) + "\n"


# -- internals ---------------------------------------------------------------------------------


def _outcome(finding: Finding, town, source, doc_type, year, out: Path, fetcher, manifest) -> Outcome:
    if finding.status != "found":
        return Outcome(town, finding.status, finding.reason, finding.candidates)
    candidate = finding.candidates[0]
    try:
        name, provenance = _download(fetcher, candidate, out / f"{town.code}_{doc_type}_{year}", source)
    except SourceError as error:
        return Outcome(town, "error", str(error), finding.candidates)
    manifest[(town.code, doc_type, str(year))] = {
        "path": name, "municipality": town.code, "doc_type": doc_type, "year": str(year), "source": source,
        "source_url": provenance.url, "retrieved_at": provenance.retrieved_at, "sha256": provenance.sha256,
        "licence": provenance.licence}
    return Outcome(town, "found", finding.reason, finding.candidates, name)


def _download(fetcher, candidate: Candidate, stem: Path, source: str):
    """Download to ``stem.<extension>``; the first bytes must fit a PDF that was promised."""
    expected = candidate.extension or "bin"
    dest = stem.with_name(f"{stem.name}.{expected}")
    provenance = fetcher.download(candidate.url, dest, source=source, licence=LICENCES.get(source, ""))
    with open(dest, "rb") as file:
        start = file.read(8).lstrip()
    actual = next((kind for magic, kind in _MAGIC.items() if start.startswith(magic)), "")
    if (expected == "pdf" and actual != "pdf") or (expected == "bin" and not actual):
        dest.unlink()
        raise SourceError(_("{url} gaf geen {kind} maar iets anders (een foutpagina?); niet bewaard.").format(
            url=candidate.url, kind=expected.upper() if expected != "bin" else _("bekend documenttype")))
    if expected == "bin":
        dest = dest.rename(dest.with_suffix(f".{actual}"))
    return dest.name, provenance


def _intact(out: Path, row: dict) -> bool:
    path = out / row.get("path", "")
    if not row.get("path") or not path.is_file():
        return False
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest() == row.get("sha256")


def _read_manifest(path: Path) -> dict[tuple, dict]:
    """The rows of an earlier run, by (CBS code, doc type, year); unreadable rows are dropped."""
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8-sig", newline="") as file:
        rows = [{key: unguard(value or "") for key, value in row.items() if key} for row in csv.DictReader(file)]
    return {(row.get("municipality"), row.get("doc_type"), row.get("year")): row for row in rows
            if row.get("path") and row.get("municipality")}


def _report_row(outcome: Outcome) -> dict:
    candidates = "; ".join(f"{c.title} <{c.url}>" for c in outcome.candidates)
    return {"code": outcome.municipality.code, "municipality": outcome.municipality.name,
            "status": outcome.status, "reason": outcome.reason, "candidates": candidates}


def _write_csv(path: Path, columns, rows) -> None:
    """Write through a temporary file, so an interrupted run never leaves half a CSV; cells hold
    titles from outside sources, so they pass the formula guard."""
    temporary = path.with_suffix(".tmp")
    with open(temporary, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({key: safe_cell(value) for key, value in row.items()} for row in rows)
    os.replace(temporary, path)
