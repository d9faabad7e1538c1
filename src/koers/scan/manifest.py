"""The manifest: a CSV that ties each document to its organisation, document type and year.

Columns ``path,municipality,doc_type,year`` and an optional ``population`` (UTF-8, optional BOM,
``,`` or ``;`` as delimiter). ``municipality`` is a CBS code or name; an organisation outside the
CBS list (a province, a water board, a fictional demo municipality) needs ``population``; for a
CBS municipality the CBS figure is used. Other columns (a harvest adds its provenance:
``source,source_url,retrieved_at,sha256,licence``) are kept per row in ``extra``. Paths are relative to the manifest's folder unless
absolute. Line numbers in messages count the header as line 1.

A bad row does not spoil the others: it lands in ``Manifest.errors`` with its line number, and
the caller decides whether that is fatal (``koers summary``) or a warning (``koers scan``).
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from gettext import gettext as _
from pathlib import Path

from koers.csvsafe import unguard
from koers.scan.errors import ScanError
from koers.scan.municipalities import MunicipalityError, find

REQUIRED_COLUMNS = ("path", "municipality")
KNOWN_COLUMNS = ("path", "municipality", "doc_type", "year", "population")


class ManifestError(ScanError):
    """The manifest as a whole cannot be used (missing, unreadable, no header)."""


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    line: int  # line in the manifest file, header = 1
    path: str  # as written in the manifest
    resolved: Path  # absolute, resolved against the manifest's folder
    municipality: str  # CBS name, or the name as given for an organisation outside the list
    code: str  # CBS code, "" outside the list
    province: str
    population: int | None
    doc_type: str
    year: int | None
    extra: dict = field(default_factory=dict)  # other columns, e.g. a harvest's source, sha256, licence

    @property
    def key(self) -> str:
        """Identity of the organisation: its CBS code, or its name outside the list."""
        return self.code or self.municipality

    def metadata(self) -> dict:
        return {"municipality": self.municipality, "code": self.code, "province": self.province,
                "population": self.population, "doc_type": self.doc_type, "year": self.year}


@dataclass
class Manifest:
    source: str
    entries: list[ManifestEntry] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one Dutch line per bad row

    def __post_init__(self) -> None:
        self._by_path = {entry.resolved: entry for entry in self.entries}
        names: dict[str, list[ManifestEntry]] = {}
        for entry in self.entries:
            names.setdefault(entry.resolved.name, []).append(entry)
        self._by_name = {name: found[0] for name, found in names.items() if len(found) == 1}

    def match(self, document: str | os.PathLike, base: Path | None = None) -> ManifestEntry | None:
        """The row for a scanned document: same resolved path, else the only row with its file name."""
        path = Path(document)
        if not path.is_absolute():
            path = (base or Path.cwd()) / path
        entry = self._by_path.get(_resolve(path))
        if entry is None:
            entry = self._by_name.get(path.name)
        return entry


def _resolve(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: compare the path as written
        return Path(os.path.abspath(path))


def load_manifest(path: str | os.PathLike) -> Manifest:
    """Read a manifest; raises ManifestError only when the file as a whole is unusable."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ManifestError(_("{file}: manifest niet gevonden").format(file=path)) from None
    except UnicodeDecodeError:
        raise ManifestError(_("{file}: manifest is geen UTF-8; sla het op als UTF-8 (CSV)")
                            .format(file=path)) from None
    except OSError as exc:
        raise ManifestError(_("{file}: manifest kan niet worden gelezen ({reason})")
                            .format(file=path, reason=exc.strerror or exc.__class__.__name__)) from None
    return parse_manifest(text, str(path), path.resolve().parent)


def parse_manifest(text: str, source: str, base: Path) -> Manifest:
    lines = text.splitlines(keepends=True)
    header = lines[0] if lines else ""
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(lines, delimiter=delimiter)
    columns = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ManifestError(_("{file}, regel 1: kolom '{column}' ontbreekt (verwacht: {expected})")
                            .format(file=source, column=missing[0], expected=",".join(KNOWN_COLUMNS[:4])))
    reader.fieldnames = columns
    manifest_entries: list[ManifestEntry] = []
    errors: list[str] = []
    seen: dict[Path, int] = {}
    for row in reader:
        line = reader.line_num  # last line of the row: exact unless a quoted cell spans lines
        if not any((value or "").strip() for key, value in row.items() if key):
            continue  # blank line
        try:
            entry = _entry(row, line, base)
            if entry.resolved in seen:
                raise ValueError(_("'{path}' staat al op regel {line}")
                                 .format(path=entry.path, line=seen[entry.resolved]))
        except ValueError as exc:
            errors.append(_("{file}, regel {line}: {problem}").format(file=source, line=line, problem=exc))
            continue
        seen[entry.resolved] = line
        manifest_entries.append(entry)
    return Manifest(source, manifest_entries, errors)


def _entry(row: dict, line: int, base: Path) -> ManifestEntry:
    def value(key: str) -> str:
        cell = row.get(key)
        return unguard(cell.strip()) if isinstance(cell, str) else ""  # a guarded export reads back as written

    if None in row:
        raise ValueError(_("meer waarden dan kolommen"))
    path = value("path")
    if not path:
        raise ValueError(_("'path' is leeg"))
    name = value("municipality")
    if not name:
        raise ValueError(_("'municipality' is leeg"))
    population = _number(value("population"), "population")
    year = _number(value("year"), "year")
    if year is not None and not 1800 <= year <= 2200:
        raise ValueError(_("'year' {year} is geen jaartal").format(year=year))
    try:
        found = find(name)
        municipality, code, province = found.name, found.code, found.province
        population = found.population  # the CBS figure wins over a figure typed in the manifest
    except MunicipalityError as exc:
        if population is None:
            raise ValueError(_("{problem}; geef een CBS-code of gemeentenaam, of vul de kolom "
                               "'population' in voor een organisatie buiten de CBS-lijst")
                             .format(problem=exc)) from None
        municipality, code, province = name, "", ""
    resolved = _resolve(Path(path) if os.path.isabs(path) else base / path)
    extra = {key: value(key) for key in row if key and key not in KNOWN_COLUMNS}
    return ManifestEntry(line, path, resolved, municipality, code, province, population,
                         value("doc_type"), year, extra)


def _number(text: str, column: str) -> int | None:
    if not text:
        return None
    cleaned = text.replace(".", "").replace(" ", "").replace("_", "")
    if not cleaned.isdigit():
        raise ValueError(_("'{column}' moet een geheel getal zijn, niet '{text}'")
                         .format(column=column, text=text))
    return int(cleaned)
