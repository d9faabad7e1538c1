"""Council regulations and decisions from CVDR (Centrale Voorziening Decentrale Regelgeving),
through KOOP's SRU search service. Standard library only.

Public API::

    Record(identifier, title, creator, types, modified, issued, in_force, xml_url, html_url, url)  (frozen)
    cql(creator=None, title=None, year=None, organisation_type="Gemeente") -> str
    parse(text) -> Page(records, total, next_position)
    search(fetcher, creator=None, title=None, year=None, max_records=500, base_url=SRU_URL) -> list[Record]
    find(fetcher, municipality, doc_type, year, base_url=SRU_URL) -> harvest.Finding
    DOC_TYPES                                           the doc types ``find`` knows

``search`` sends ``operation=searchRetrieve`` with ``x-connection=cvdr`` and follows
``nextRecordPosition`` page after page (at most ``PAGE_SIZE`` records a request). The answer is
parsed on local element names, because the prefixes and namespaces differ between SRU 1.2 and 2.0
and between the record blocks. An SRU diagnostic, malformed XML or an answer without
``numberOfRecords`` raises ``SourceError`` with a Dutch message. Query shapes: docs/connectors.md.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from gettext import gettext as _

from koers.connectors.http import SourceError

SRU_URL = "https://zoekservice.overheid.nl/sru/Search"
CONNECTION = "cvdr"
PAGE_SIZE = 100      # the most the service gives in one answer
MAX_PAGES = 50       # a guard against a service that keeps pointing to a next page
SOURCE = "cvdr"
LICENCE = "CC0 1.0 (KOOP: officiële publicaties van decentrale overheden)"

# doc type -> a word the title must contain (None: any regulation or decision of that year)
DOC_TYPES = {"regeling": None, "verordening": "verordening", "beleidsregel": "beleidsregel"}
_SUFFIX = re.compile(r"\s*\([^)]*\)\s*$")  # CBS's "Bergen (NH.)": CVDR names the creator without it


@dataclass(frozen=True)
class Record:
    identifier: str          # CVDR123456_1: the regulation and its version
    title: str
    creator: str             # the issuing organisation, as CVDR spells it
    types: tuple[str, ...]   # the dcterms:type values (information type, rubric)
    modified: str
    issued: str
    in_force: str            # inwerkingtredingDatum
    xml_url: str
    html_url: str
    url: str                 # the page on lokaleregelgeving.overheid.nl


@dataclass(frozen=True)
class Page:
    records: list[Record]
    total: int
    next_position: int | None


def cql(creator: str | None = None, title: str | None = None, year: int | None = None,
        organisation_type: str | None = "Gemeente") -> str:
    """A CQL query of the given parts, joined with ``and``; values are quoted."""
    clauses = []
    if creator:
        clauses.append(f"dcterms.creator={_quote(creator)}")
    if organisation_type:
        clauses.append(f"organisatietype={_quote(organisation_type)}")
    if title:
        clauses.append(f"dcterms.title any {_quote(title)}")
    if year is not None:
        clauses.append(f"dcterms.modified>={int(year)}-01-01 and dcterms.modified<={int(year)}-12-31")
    if not clauses:
        raise SourceError(_("Een zoekvraag aan CVDR heeft minstens één voorwaarde nodig."))
    return " and ".join(clauses)


def _quote(value: str) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def search(fetcher, creator: str | None = None, title: str | None = None, year: int | None = None,
           max_records: int = 500, base_url: str = SRU_URL) -> list[Record]:
    """The records matching the query parts, page after page, at most ``max_records``."""
    query, records, position = cql(creator, title, year), [], 1
    for _page in range(MAX_PAGES):
        size = min(PAGE_SIZE, max_records - len(records))
        if size <= 0:
            break
        page = parse(fetcher.get_text(base_url, {
            "x-connection": CONNECTION, "operation": "searchRetrieve", "version": "2.0",
            "query": query, "startRecord": position, "maximumRecords": size}))
        records.extend(page.records)
        if page.next_position is None or page.next_position <= position or not page.records:
            break
        position = page.next_position
    return records[:max_records]


def parse(text: str) -> Page:
    """One searchRetrieveResponse: its records, ``numberOfRecords`` and ``nextRecordPosition``."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise SourceError(_("CVDR gaf geen leesbare XML terug ({reason}).").format(reason=error)) from None
    diagnostic = _first(root, "diagnostic")
    if diagnostic is not None:
        message = _text(diagnostic, "message") or _text(diagnostic, "uri")
        details = _text(diagnostic, "details")
        raise SourceError(_("CVDR weigerde de zoekvraag: {message}{details}.").format(
            message=message or _("onbekende fout"), details=f" ({details})" if details else ""))
    total = _text(root, "numberOfRecords")
    if not total.isdigit():
        raise SourceError(_("Onverwacht antwoord van CVDR: geen numberOfRecords."))
    following = _text(root, "nextRecordPosition")
    records = [_record(element) for element in root.iter() if _local(element.tag) == "record"]
    return Page(records, int(total), int(following) if following.isdigit() else None)


def _record(element) -> Record:
    types = tuple((child.text or "").strip() for child in element.iter() if _local(child.tag) == "type")
    return Record(
        identifier=_text(element, "identifier"), title=" ".join(_text(element, "title").split()),
        creator=_text(element, "creator"), types=tuple(value for value in types if value),
        modified=_text(element, "modified"), issued=_text(element, "issued"),
        in_force=_text(element, "inwerkingtredingDatum"), xml_url=_text(element, "publicatieurl_xml"),
        html_url=_text(element, "publicatieurl_xhtml"), url=_text(element, "preferred_url"))


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _first(element, name: str):
    return next((child for child in element.iter() if _local(child.tag) == name), None)


def _text(element, name: str) -> str:
    found = _first(element, name)
    return (found.text or "").strip() if found is not None else ""


def creator_name(municipality) -> str:
    """The name CVDR files a municipality's regulations under: the CBS name without its suffix."""
    return _SUFFIX.sub("", getattr(municipality, "name", municipality)).strip()


def find(fetcher, municipality, doc_type: str, year: int, base_url: str = SRU_URL):
    """What CVDR holds for one municipality, doc type and year, as a harvest ``Finding``.

    ``doc_type`` is ``regeling`` (any regulation or decision changed that year), ``verordening``
    or ``beleidsregel`` (the title contains that word), optionally followed by ``:keyword``
    for a word the title must also contain (``regeling:informatiebeveiliging``).
    """
    from koers.connectors.harvest import Candidate, Finding  # harvest imports this module

    kind, _sep, keyword = str(doc_type).partition(":")
    if kind not in DOC_TYPES:
        return Finding("error", _("CVDR kent het documenttype {type!r} niet; kies uit {choices}.").format(
            type=doc_type, choices=", ".join(DOC_TYPES)), [])
    words = " ".join(word for word in (DOC_TYPES[kind], keyword.strip()) if word) or None
    try:
        records = search(fetcher, creator=creator_name(municipality), title=words, year=year,
                         max_records=PAGE_SIZE, base_url=base_url)
    except SourceError as error:
        return Finding("error", str(error), [])
    # the XHTML manifestation (or the page itself): the scanner reads HTML, not CVDR's own XML
    candidates = [Candidate(record.title, record.html_url or record.url, (record.modified or record.issued)[:10],
                            "text/html", "html", None) for record in records if record.html_url or record.url]
    if not candidates:
        return Finding("not_found", _("CVDR heeft geen {type} van {name} uit {year}.").format(
            type=doc_type, name=creator_name(municipality), year=year), [])
    if len(candidates) > 1:
        return Finding("ambiguous", _("CVDR heeft {count} documenten die passen; kies er één.").format(
            count=len(candidates)), candidates)
    return Finding("found", "", candidates)
