"""User-facing messages of the extractors, in Dutch, wrapped for translation.

Messages are one line and never contain the path: the caller prefixes the document name.
"""

from __future__ import annotations

import gettext

_DOMAIN = "koers"


def _(message: str) -> str:
    return gettext.dgettext(_DOMAIN, message)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",") + " MB"


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def not_found() -> str:
    return _("bestand niet gevonden")


def is_folder() -> str:
    return _("dit is een map, geen bestand")


def no_access(reason: str) -> str:
    return _("het bestand kan niet worden gelezen: {reason}").format(reason=reason)


def unsupported(extension: str, supported: str) -> str:
    if not extension:
        return _("bestand zonder extensie wordt niet ondersteund (wel: {supported})").format(
            supported=supported)
    return _("bestandstype {extension} wordt niet ondersteund (wel: {supported})").format(
        extension=extension, supported=supported)


def empty() -> str:
    return _("het bestand is leeg (0 bytes)")


def too_large(size: int, limit: int) -> str:
    return _("het bestand is te groot: {size}, de grens is {limit}").format(
        size=_megabytes(size), limit=_megabytes(limit))


def inflates_too_far(kind: str, limit: int) -> str:
    return _("het {kind}-bestand pakt uit tot meer dan {limit}, de grens per document; "
             "bevat het veel ingesloten ballast, sla het dan op als PDF").format(
        kind=kind, limit=_megabytes(limit))


def markup_too_large(size: int, limit: int) -> str:
    return _("het HTML-bestand is {size}, meer dan de grens van {limit} voor HTML; "
             "sla het op als PDF").format(size=_megabytes(size), limit=_megabytes(limit))


def page_too_long(page: int, limit: int) -> str:
    return _("pagina {page} bevat meer dan {limit} tekens tekst, meer dan een pagina kan "
             "bevatten").format(page=page, limit=_count(limit))


def document_too_long(limit: int) -> str:
    return _("het document bevat meer dan {limit} tekens tekst, de grens per document").format(
        limit=_count(limit))


def corrupt_pdf() -> str:
    return _("het PDF-bestand is beschadigd of geen geldige PDF")


def encrypted_pdf() -> str:
    return _("de PDF is beveiligd met een wachtwoord; sla een versie zonder wachtwoord op")


def no_pages() -> str:
    return _("de PDF bevat geen pagina's")


def scanned_pdf(pages: int) -> str:
    return _("de PDF heeft {pages} pagina('s) maar geen tekstlaag: waarschijnlijk een scan; "
             "laat er eerst tekstherkenning (OCR) op los").format(pages=pages)


def corrupt_office(kind: str) -> str:
    return _("het {kind}-bestand is beschadigd of geen geldig {kind}-bestand").format(kind=kind)


def missing_part(kind: str, part: str) -> str:
    return _("het {kind}-bestand mist zijn inhoud ({part}): beschadigd of geen {kind}").format(
        kind=kind, part=part)


def encrypted_office(kind: str) -> str:
    return _("het {kind}-bestand is versleuteld met een wachtwoord (of het is een oud "
             "binair Office-bestand); sla het op als gewoon {kind} zonder wachtwoord").format(kind=kind)


def corrupt_html() -> str:
    return _("het HTML-bestand kan niet worden gelezen: ongeldige opmaak")


def binary_text() -> str:
    return _("het tekstbestand bevat binaire gegevens (NUL-tekens): is het wel een tekstbestand?")


def not_utf8(line: int) -> str:
    return _("het tekstbestand is niet in UTF-8 gecodeerd (regel {line}); "
             "sla het op als UTF-8").format(line=line)


def unexpected(exc: BaseException) -> str:
    detail = " ".join(str(exc).split())[:200] or type(exc).__name__
    return _("onverwachte fout bij het lezen ({kind}): {detail}").format(
        kind=type(exc).__name__, detail=detail)


def wrong_type(extension: str, kind: str) -> str:
    """``kind`` is what the file really is, as found by ``sniff.real_kind``."""
    names = {
        "pdf": _("een PDF-bestand"), "zip": _("een ZIP-archief"), "docx": _("een Word-bestand (DOCX)"),
        "odt": _("een OpenDocument-bestand (ODT)"), "xlsx": _("een Excel-werkmap (XLSX)"),
        "pptx": _("een PowerPoint-bestand (PPTX)"), "exe": _("een programma (EXE)"),
        "elf": _("een programma"), "ole2": _("een oud of versleuteld Office-bestand"),
        "png": _("een afbeelding (PNG)"), "jpeg": _("een afbeelding (JPEG)"), "gif": _("een afbeelding (GIF)"),
        "html": _("een HTML-pagina"),
    }
    return _("het bestand heet {extension} maar is {kind}; geef het de juiste extensie of sla het "
             "op als een van de ondersteunde soorten").format(extension=extension, kind=names[kind])


def too_many_pages(pages: int, limit: int) -> str:
    return _("het document heeft {pages} pagina's, meer dan de grens van {limit} per document").format(
        pages=_count(pages), limit=_count(limit))
