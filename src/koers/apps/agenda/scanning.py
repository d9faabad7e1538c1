"""Runs the scan engine for one stored document and saves the results.

The Celery task is a thin wrapper around :func:`run_scan`; keeping the work here lets tests
and the demo command call it directly. Old results are replaced in one transaction, only
after the new ones exist, so a failed or interrupted retry never loses a good earlier scan.
"""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from koers.apps.agenda.models import EvidencePassage, OrganisationCodebook, ScanDocument, Status, ThemeResult
from koers.apps.audit.context import SYSTEM_ACTOR, acting_as
from koers.web.background import this_worker

log = logging.getLogger(__name__)


def codebook_for(organisation):
    """The organisation's own codebook when it has one, else the default codebook."""
    from koers.scan.codebook import default_codebook, parse_codebook

    stored = OrganisationCodebook.objects.filter(organisation=organisation).only("text").first()
    if stored is None:
        return default_codebook()
    return parse_codebook(stored.text, f"codeboek van {organisation.name}")


def current_versions(organisation) -> tuple[str, str] | None:
    """The codebook and model versions a scan made now would record (None: the codebook is broken).

    Asks the engine itself, with an empty text, so the answer follows the same choice of model."""
    from koers.apps.agenda.training import active_model
    from koers.scan import CodebookError, scan_text

    try:
        codebook = codebook_for(organisation)
    except CodebookError:
        return None
    own, _warning = active_model(organisation, codebook)
    result = scan_text("", codebook, model=own.model if own else None)
    return result.codebook_version, result.model_version


def outdated_documents(organisation):
    """Scanned documents whose results came from another codebook or model version than now applies."""
    done = ScanDocument.objects.filter(organisation=organisation, status=Status.DONE)
    versions = current_versions(organisation)
    if versions is None:
        return done.none()
    return done.exclude(codebook_version=versions[0], model_version=versions[1])


def queue_scan(document: ScanDocument) -> ScanDocument:
    """Mark the document queued and send it to the worker (runs at once in eager mode)."""
    from koers.apps.agenda.tasks import scan_document

    document.status = Status.QUEUED
    document.task_id = uuid.uuid4().hex
    document.queued_at = timezone.now()
    document.save(update_fields=["status", "task_id", "queued_at"])
    scan_document.apply_async((document.pk,), task_id=document.task_id)
    return document


def run_scan(document_id: int, task_id: str | None = None) -> str:
    """Scan one document; returns the final status. ``task_id`` guards against a superseded task."""
    with acting_as(SYSTEM_ACTOR):
        document = _start(document_id, task_id)
        if document is None:
            return "skipped"
        try:
            result, error, used = _scan(document)
        except Exception:  # noqa: BLE001 - a bug must end as "failed", not as a stuck document
            log.exception("scan of document %s crashed", document_id)
            result, error, used = None, "interne fout tijdens het scannen; probeer het opnieuw of meld het de beheerder", None
        return _finish(document_id, task_id, result, error, used)


def _start(document_id: int, task_id: str | None) -> ScanDocument | None:
    with transaction.atomic():
        document = (ScanDocument.objects.select_for_update().select_related("organisation")
                    .filter(pk=document_id).first())
        if document is None or _superseded(document, task_id):
            return None
        document.status = Status.RUNNING
        document.attempts += 1
        document.started_at = timezone.now()
        document.finished_at = None
        document.worker = this_worker()  # a retry may start at once when this process dies
        document.save(update_fields=["status", "attempts", "started_at", "finished_at", "worker"])
    return document


def _superseded(document: ScanDocument, task_id: str | None) -> bool:
    # A retry gives the document a new task id; an older task still around must not write.
    return bool(task_id and document.task_id and document.task_id != task_id)


def _scan(document: ScanDocument):
    """(result, error, the organisation's own model used or None)."""
    from koers.apps.agenda.training import active_model
    from koers.scan import CodebookError, scan_file

    try:
        codebook = codebook_for(document.organisation)
    except CodebookError as exc:
        return None, str(exc), None
    try:
        path = document.file.path
    except (ValueError, NotImplementedError):
        return None, "het bestand is niet meer aanwezig", None
    own, _warning = active_model(document.organisation, codebook)  # the pages show the warning
    result = scan_file(path, codebook, document=document.original_name, model=own.model if own else None)
    if result.error:
        return None, _without_path(result.error, path, document.original_name), None
    return result, "", own


def _without_path(message: str, path: str, name: str) -> str:
    # The engine may name the stored path; users know the document by its own name.
    return message.replace(path, name)


def _finish(document_id: int, task_id: str | None, result, error: str, used=None) -> str:
    with transaction.atomic():
        document = ScanDocument.objects.select_for_update().filter(pk=document_id).first()
        if document is None or _superseded(document, task_id):
            return "skipped"
        document.finished_at = timezone.now()
        if result is None:
            document.status, document.error = Status.FAILED, error or "onbekende fout"
            document.save(update_fields=["status", "error", "finished_at"])
            return Status.FAILED
        _replace_results(document, result)
        document.status, document.error = Status.DONE, ""
        document.pages, document.words = result.pages, result.words
        document.codebook_version, document.model_version = result.codebook_version, result.model_version
        document.organisation_model = used
        document.save(update_fields=["status", "error", "pages", "words", "finished_at",
                                     "codebook_version", "model_version", "organisation_model"])
        return Status.DONE


def _replace_results(document: ScanDocument, result) -> None:
    """Delete the old results and store the new ones; the caller holds the transaction."""
    ThemeResult.objects.filter(document=document).delete()
    keep = settings.KOERS_EVIDENCE_PER_THEME
    themes = ThemeResult.objects.bulk_create([
        ThemeResult(document=document, theme=t.theme, label=t.label, attention=t.attention,
                    score=float(t.score), passages=t.passages, probability=t.probability,
                    confidence=t.confidence)
        for t in result.themes
    ])
    passages = []
    for stored, theme in zip(themes, result.themes):
        for rank, evidence in enumerate(theme.evidence[:keep], start=1):
            passages.append(EvidencePassage(
                theme_result=stored, rank=rank, page=evidence.page, start=evidence.start,
                end=evidence.end, text=evidence.text, terms=list(evidence.terms),
                highlights=[list(span) for span in evidence.highlights],
            ))
    EvidencePassage.objects.bulk_create(passages)
