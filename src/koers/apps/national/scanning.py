"""Scans one batch item on a worker; the Celery task is a thin wrapper around :func:`run_item`.

Idempotent: the outcome of a file content (SHA-256) by a codebook and model version is stored
once. An item whose outcome already exists reuses it; two items with the same file that finish
together meet at the unique constraint and the second reuses the first's outcome. A failed
outcome is scanned again by a later item rather than reused. As in ``agenda/scanning.py``, a
requeued item gets a new task id, and a task whose id is no longer the item's does not write.
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from koers.apps.national.models import BatchItem, OutcomeTheme, ScanOutcome
from koers.web.background import this_worker

log = logging.getLogger(__name__)
EVIDENCE_KEPT = 3  # the top passages per theme: page and text
Status = BatchItem.Status


def run_item(item_id: int, task_id: str | None = None) -> str:
    """Scan (or reuse) the item's document; returns the item's final status, or "skipped"."""
    item = _start(item_id, task_id)
    if item is None:
        return "skipped"
    outcome = _done_outcome(item.document.sha256, item.batch.codebook_version, item.batch.model_version)
    if outcome is not None:
        return _finish(item_id, task_id, outcome, reused=True)
    try:
        result = _scan(item.document.path)
    except Exception:  # noqa: BLE001 - a bug must end as "failed", not as an item running for ever
        log.exception("scan of batch item %s crashed", item_id)
        result = None
    outcome, reused = _store(item.document.sha256, result)
    return _finish(item_id, task_id, outcome, reused=reused)


def _start(item_id: int, task_id: str | None) -> BatchItem | None:
    with transaction.atomic():
        item = (BatchItem.objects.select_for_update().select_related("document", "batch")
                .filter(pk=item_id).first())
        if item is None or _superseded(item, task_id):
            return None
        item.status, item.attempts = Status.RUNNING, item.attempts + 1
        item.started_at, item.finished_at = timezone.now(), None
        item.worker = this_worker()  # so an item of a process that died can be queued again at once
        item.save(update_fields=["status", "attempts", "started_at", "finished_at", "worker"])
    return item


def _superseded(item: BatchItem, task_id: str | None) -> bool:
    return bool(task_id and item.task_id and item.task_id != task_id)


def _done_outcome(sha256: str, codebook_version: str, model_version: str) -> ScanOutcome | None:
    return ScanOutcome.objects.filter(sha256=sha256, codebook_version=codebook_version, model_version=model_version,
                                      status=ScanOutcome.Status.DONE).first()


def _scan(path: str):
    from koers.scan import default_codebook, scan_file

    return scan_file(path, default_codebook())


def _store(sha256: str, result) -> tuple[ScanOutcome, bool]:
    """Store the scan as the outcome of its file content; (outcome, reused). When another worker
    stored a successful outcome meanwhile, that one is kept and reused."""
    if result is None:  # the engine crashed: record it under today's versions
        from koers.apps.national.batches import current_versions

        codebook_version, model_version = current_versions()
        error = "interne fout tijdens het scannen; probeer het opnieuw of meld het de beheerder"
    else:
        codebook_version, model_version, error = result.codebook_version, result.model_version, result.error or ""
    key = {"sha256": sha256, "codebook_version": codebook_version, "model_version": model_version}
    try:
        with transaction.atomic():
            outcome = ScanOutcome.objects.select_for_update().filter(**key).first()
            if outcome is not None and outcome.status == ScanOutcome.Status.DONE:
                return outcome, True
            outcome = _write(outcome or ScanOutcome(**key), result, error)
            return outcome, False
    except IntegrityError:  # the same file finished on another worker at the same moment
        return ScanOutcome.objects.get(**key), True


def _write(outcome: ScanOutcome, result, error: str) -> ScanOutcome:
    """Fill in (or replace a failed) outcome with this scan; the caller holds the transaction."""
    outcome.status = ScanOutcome.Status.FAILED if error else ScanOutcome.Status.DONE
    outcome.error = error
    outcome.pages, outcome.words = (0, 0) if error else (result.pages, result.words)
    outcome.worker = this_worker()
    outcome.save()
    outcome.themes.all().delete()
    if not error:
        OutcomeTheme.objects.bulk_create([
            OutcomeTheme(outcome=outcome, theme=theme.theme, label=theme.label, attention=theme.attention,
                         probability=theme.probability, confidence=theme.confidence,
                         evidence=[{"page": e.page, "text": e.text} for e in theme.evidence[:EVIDENCE_KEPT]])
            for theme in result.themes])
    return outcome


def _finish(item_id: int, task_id: str | None, outcome: ScanOutcome, *, reused: bool) -> str:
    with transaction.atomic():
        item = BatchItem.objects.select_for_update().filter(pk=item_id).first()
        if item is None or _superseded(item, task_id):
            return "skipped"
        if outcome.status == ScanOutcome.Status.FAILED:
            item.status, item.error = Status.FAILED, outcome.error or "onbekende fout"
        else:
            item.status, item.error = (Status.REUSED if reused else Status.DONE), ""
        item.outcome, item.finished_at = outcome, timezone.now()
        item.save(update_fields=["status", "error", "outcome", "finished_at"])
        return item.status
