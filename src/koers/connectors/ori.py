"""Open Raadsinformatie (ORI): find a municipality's begroting, kadernota, voorjaarsnota or
coalitieakkoord of a year through ORI's public Elasticsearch API. Standard library only.

Public API::

    find(fetcher, municipality, doc_type, year, base_url=BASE_URL) -> harvest.Finding
    indexes(fetcher, base_url=BASE_URL) -> dict[str, str]     name key -> index (alias) to search
    classify(source, doc_type, year) -> str                    "main", "attachment" or "other"
    DOC_TYPES, SOURCE, LICENCE

ORI keeps one index per organisation (``ori_<slug>_<timestamp>``, with the alias ``ori_<slug>``);
the slugs are irregular, so ``indexes`` reads ``GET {base}/_aliases`` once per fetcher and
matches on a compact form of the name. ``find`` then asks the municipality's index for documents
whose name holds the doc type's words (``POST {base}/{index}/_search``, paged with
``search_after``) and decides on the titles: the rules, and what was and was not verified
against the real service, are in docs/connectors.md.
"""

from __future__ import annotations

import re
import weakref
from gettext import gettext as _
from gettext import ngettext
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from koers.connectors.http import SourceError
from koers.scan.municipalities import normalise_name

BASE_URL = "https://api.openraadsinformatie.nl/v1/elastic"
SOURCE = "ori"
LICENCE = "CC BY 4.0 (Open Raadsinformatie); het document zelf: openbare raadsinformatie van de gemeente"
PAGE_SIZE = 100
MAX_PAGES = 10  # 1,000 hits on the doc type's words is far more than one municipality has

# doc type -> (the words searched in the document's name, the pattern its normalised title must match)
DOC_TYPES = {
    "begroting": ("begroting programmabegroting ontwerpbegroting meerjarenbegroting",
                  r"\b(?:programma|ontwerp|meerjaren)?begroting\b"),
    "kadernota": ("kadernota", r"\bkadernota\b"),
    "voorjaarsnota": ("voorjaarsnota", r"\bvoorjaarsnota\b"),
    "coalitieakkoord": ("coalitieakkoord coalitieprogramma", r"\bcoalitie ?(?:akkoord|programma)\b"),
}
TERM_YEARS = 4  # a coalitieakkoord named by one year covers the council's four-year term
# Words that make a document about the doc type something other than the document itself.
NOT_MAIN = ("bijlage", "motie", "amendement", "raadsvoorstel", "voorstel", "besluit", "brief", "wijziging",
            "vragen", "beantwoording", "presentatie", "zienswijze", "samenvatting", "verslag", "advies",
            "reactie", "memo", "toezegging")
FILLER = {"de", "het", "van", "en", "voor", "gemeente", "definitief", "definitieve", "vastgesteld",
          "vastgestelde", "versie", "pdf", "t", "m", "tm"}
SOURCE_FIELDS = ["@type", "name", "file_name", "url", "original_url", "content_type", "size_in_bytes",
                 "last_discussed_at", "date_modified"]
EXTENSIONS = {"application/pdf": "pdf", "application/msword": "doc", "text/html": "html", "text/plain": "txt",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
              "application/vnd.oasis.opendocument.text": "odt"}
# CBS code -> ORI slug where the name does not lead to it (seen in public ORI clients; check with _aliases)
SLUG_OVERRIDES = {"GM0518": "den_haag", "GM0796": "den_bosch"}

_YEARS = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*[-–/]\s*((?:19|20)\d{2}|\d{2}))?(?!\d)")
_TIMESTAMP = re.compile(r"_\d{8,}$")
_catalogues: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # fetcher -> {base_url: indexes}


def find(fetcher, municipality, doc_type: str, year: int, base_url: str = BASE_URL):
    """The municipality's document of that type and year as a harvest ``Finding``; never raises."""
    from koers.connectors.harvest import Finding  # harvest imports this module

    if doc_type not in DOC_TYPES:
        return Finding("error", _("Open Raadsinformatie kent het documenttype {type!r} niet; kies uit {choices}.")
                       .format(type=doc_type, choices=", ".join(DOC_TYPES)), [])
    try:
        index = _index_for(fetcher, municipality, base_url)
        if index is None:
            return Finding("not_found", _("{name} heeft geen index in Open Raadsinformatie (niet aangesloten).")
                           .format(name=municipality.name), [])
        hits = _search(fetcher, f"{base_url.rstrip('/')}/{index}/_search", DOC_TYPES[doc_type][0])
    except SourceError as error:
        return Finding("error", str(error), [])
    return _decide(hits, municipality, doc_type, year)


def indexes(fetcher, base_url: str = BASE_URL) -> dict[str, str]:
    """Compact name key -> the index to search (its alias when it has one), read once per fetcher."""
    known = _catalogues.setdefault(fetcher, {})
    if base_url not in known:
        answer = fetcher.get_json(f"{base_url.rstrip('/')}/_aliases")
        if not isinstance(answer, dict):
            raise SourceError(_("Onverwacht antwoord van Open Raadsinformatie op _aliases: geen lijst van indexen."))
        catalogue: dict[str, str] = {}
        for concrete in sorted(answer, reverse=True):  # newest timestamp first
            info = answer[concrete] if isinstance(answer[concrete], dict) else {}
            aliases = info.get("aliases") if isinstance(info.get("aliases"), dict) else {}
            alias = next((name for name in aliases if name.startswith("ori_")), None)
            if concrete.startswith("ori_"):
                name = alias or concrete
                catalogue.setdefault(_key(_TIMESTAMP.sub("", name)[len("ori_"):]), name)
        known[base_url] = catalogue
    return known[base_url]


def classify(source: dict, doc_type: str, year: int) -> str:
    """``main`` (the document itself), ``attachment`` (about it) or ``other``, from the title."""
    title = normalise_name(_title(source))
    if not re.search(DOC_TYPES[doc_type][1], title) or not _covers(_title(source), doc_type, year):
        return "other"
    return "attachment" if any(word in title for word in NOT_MAIN) else "main"


# -- internals ---------------------------------------------------------------------------------


def _key(name: str) -> str:
    """Names and slugs compared without case, accents, punctuation or spaces ("aan den" as ORI's "ad")."""
    words = normalise_name(name.replace("_", " ").replace("-", " ")).split()
    return "".join(words).replace("aanden", "ad")


def _index_for(fetcher, municipality, base_url: str) -> str | None:
    catalogue = indexes(fetcher, base_url)
    slug = SLUG_OVERRIDES.get(municipality.code)
    return catalogue.get(_key(slug or municipality.name))


def _search(fetcher, url: str, words: str) -> list:
    """Every hit for the words in the document's name, page after page."""
    body = {"size": PAGE_SIZE, "_source": SOURCE_FIELDS,
            "query": {"simple_query_string": {"fields": ["name", "file_name"], "query": words,
                                              "default_operator": "or"}},
            "sort": [{"_score": {"order": "desc"}}, {"_id": {"order": "asc"}}]}
    hits: list = []
    for _page in range(MAX_PAGES):
        answer = fetcher.post_json(url, body)
        block = answer.get("hits") if isinstance(answer, dict) else None
        page = block.get("hits") if isinstance(block, dict) else None
        if not isinstance(page, list):
            raise SourceError(_("Onverwacht antwoord van Open Raadsinformatie op {url}: geen 'hits'.").format(url=url))
        hits.extend(page)
        after = page[-1].get("sort") if page and isinstance(page[-1], dict) else None
        if len(page) < PAGE_SIZE or not after or after == body.get("search_after"):
            break
        body = {**body, "search_after": after}
    return hits


def _decide(hits: list, municipality, doc_type: str, year: int):
    from koers.connectors.harvest import Finding

    main, attachments, skipped, years = {}, {}, 0, set()
    for hit in hits:
        source = hit.get("_source") if isinstance(hit, dict) else None
        if not isinstance(source, dict) or source.get("@type", "MediaObject") != "MediaObject":
            continue
        kind = classify(source, doc_type, year)
        if kind == "other":
            if re.search(DOC_TYPES[doc_type][1], normalise_name(_title(source))):
                years.update(start for start, _end in _spans(_title(source)))
            continue
        candidate = _candidate(source)
        if candidate is None:
            skipped += 1
            continue
        (main if kind == "main" else attachments).setdefault(_identity(candidate), candidate)
    note = _skipped_note(skipped)
    if not main:
        if attachments:
            return Finding("not_found", _("Alleen stukken over de {type} {year} gevonden (bijlagen, brieven, "
                                          "voorstellen), niet het document zelf.").format(type=doc_type, year=year)
                           + note, sorted(attachments.values(), key=lambda c: c.title)[:5])
        other = ", ".join(str(y) for y in sorted(years)[-5:])
        reason = _("Geen {type} {year} gevonden in Open Raadsinformatie.").format(type=doc_type, year=year)
        if other:
            reason += " " + _("Wel voor: {years}.").format(years=other)
        return Finding("not_found", reason + note, [])
    ranked = sorted(main.values(), key=lambda c: _rank(c, municipality, doc_type), reverse=True)
    best = [c for c in ranked if _rank(c, municipality, doc_type) == _rank(ranked[0], municipality, doc_type)]
    if len(best) > 1:
        return Finding("ambiguous", _("{count} even goede kandidaten; kies zelf (niets gedownload).").format(
            count=len(best)) + note, best)
    return Finding("found", note.strip(), best)


def _skipped_note(count: int) -> str:
    if not count:
        return ""
    return " " + ngettext("{count} resultaat zonder bruikbaar adres overgeslagen.",
                          "{count} resultaten zonder bruikbaar adres overgeslagen.", count).format(count=count)


def _title(source: dict) -> str:
    for field in ("name", "file_name"):
        if isinstance(source.get(field), str) and source[field].strip():
            return source[field].strip()
    return ""


def _spans(title: str) -> list[tuple[int, int]]:
    spans = []
    for start, end in _YEARS.findall(title):
        first = int(start)
        last = int(end) if len(end) == 4 else (first // 100 * 100 + int(end) if end else first)
        spans.append((first, last))
    return spans


def _covers(title: str, doc_type: str, year: int) -> bool:
    """A year names the document (or starts its range); a coalitieakkoord covers its whole term."""
    if doc_type == "coalitieakkoord":
        return any(start <= year <= (end if end > start else start + TERM_YEARS - 1)
                   for start, end in _spans(title))
    return any(start == year for start, _end in _spans(title))


def _candidate(source: dict):
    from koers.connectors.harvest import Candidate

    url = next((source[field] for field in ("url", "original_url")
                if isinstance(source.get(field), str) and urlsplit(source[field]).scheme in ("http", "https")), None)
    if url is None:
        return None
    content_type = str(source.get("content_type") or "").split(";")[0].strip().lower()
    extension = EXTENSIONS.get(content_type) or _suffix(source.get("file_name")) or _suffix(urlsplit(url).path)
    size = source.get("size_in_bytes")
    date = next((str(source[field])[:10] for field in ("last_discussed_at", "date_modified") if source.get(field)), "")
    return Candidate(_title(source), url, date, content_type, extension,
                     size if isinstance(size, int) and size >= 0 else None)


def _suffix(name) -> str:
    suffix = PurePosixPath(str(name or "")).suffix.lower().lstrip(".")
    return suffix if suffix in EXTENSIONS.values() else ""


def _identity(candidate) -> tuple:
    """One document shown on several agendas is one candidate: same title and size, else same address."""
    if candidate.size:
        return normalise_name(candidate.title), candidate.size
    return (candidate.url,)


def _rank(candidate, municipality, doc_type: str) -> tuple[bool, bool]:
    """Better first: a PDF, then a title that says nothing besides the type, the year and the name."""
    title = _YEARS.sub(" ", normalise_name(candidate.title))
    title = re.sub(DOC_TYPES[doc_type][1], " ", title)
    rest = set(title.split()) - FILLER - set(normalise_name(municipality.name).split())
    return candidate.extension == "pdf", not rest
