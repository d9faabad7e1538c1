"""Batches of national scan work: registering harvested documents, starting a batch, its progress.

Plain functions, the one service for these writes: the command line (``koers batch``), the batch
page and the API call them. A document whose file content (SHA-256) was already scanned with the
current codebook and model version is not scanned again: its item is marked ``reused`` at once.
The scanning itself is in ``scanning.run_item``, run by one Celery task per item.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Min, Q, Sum
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from koers.apps.agenda.models import DocType
from koers.apps.national.models import Batch, BatchItem, ScanOutcome, SourceDocument
from koers.web.background import overdue, worker_gone

SHA256 = re.compile(r"[0-9a-f]{64}")
Status = BatchItem.Status
PENDING = (Status.QUEUED, Status.RUNNING)


# --- registering documents -------------------------------------------------------------------

def register_manifest(path: str | Path) -> tuple[list[SourceDocument], list[str]]:
    """Create or update a SourceDocument per good manifest row; bad rows come back as Dutch lines
    and the rest goes on. Raises ``ManifestError`` when the file as a whole is unusable."""
    from koers.scan.manifest import load_manifest

    manifest = load_manifest(path)
    documents, errors = [], list(manifest.errors)
    for entry in manifest.entries:
        try:
            documents.append(_register(entry))
        except ValueError as exc:
            errors.append(_("{file}, regel {line}: {problem}").format(file=manifest.source, line=entry.line,
                                                                      problem=exc))
    return documents, errors


def _register(entry) -> SourceDocument:
    extra = entry.extra
    if not entry.code:
        raise ValueError(_("'{name}' is geen gemeente met een CBS-code").format(name=entry.municipality))
    if entry.doc_type not in DocType.values:
        raise ValueError(_("'doc_type' '{value}' is onbekend (kies uit: {choices})")
                         .format(value=entry.doc_type, choices=", ".join(DocType.values)))
    if entry.year is None:
        raise ValueError(_("'year' is leeg"))
    if not entry.resolved.is_file():
        raise ValueError(_("bestand '{path}' niet gevonden").format(path=entry.path))
    digest = extra.get("sha256", "").lower() or _sha256(entry.resolved)
    if not SHA256.fullmatch(digest):
        raise ValueError(_("'sha256' is geen SHA-256 (64 hexadecimale tekens)"))
    retrieved = extra.get("retrieved_at", "")
    retrieved_at = parse_datetime(retrieved) if retrieved else None
    if retrieved and retrieved_at is None:
        raise ValueError(_("'retrieved_at' '{value}' is geen datum en tijd (ISO 8601)").format(value=retrieved))
    document, _created = SourceDocument.objects.update_or_create(
        municipality_code=entry.code, doc_type=entry.doc_type, year=entry.year, sha256=digest,
        defaults={"municipality": entry.municipality, "province": entry.province, "path": str(entry.resolved),
                  "source": extra.get("source") or "manifest", "source_url": extra.get("source_url", ""),
                  "retrieved_at": retrieved_at, "licence": extra.get("licence", "")})
    return document


def _sha256(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def manifests_on_server() -> list[str]:
    """The manifests under KOERS_NATIONAL_ROOT (relative paths): the only ones the web may start."""
    root = Path(settings.KOERS_NATIONAL_ROOT)
    return sorted(str(found.relative_to(root)) for found in root.rglob("manifest.csv")) if root.is_dir() else []


# --- starting a batch ------------------------------------------------------------------------

def current_versions() -> tuple[str, str]:
    """(codebook_version, model_version) exactly as ``scan_file`` records them on a result today."""
    from koers.scan import default_codebook, scan_text

    result = scan_text("", default_codebook())
    return result.codebook_version, result.model_version


def not_yet_scanned():
    """Registered documents without a successful scan by the current versions."""
    codebook_version, model_version = current_versions()
    scanned = ScanOutcome.objects.filter(status=ScanOutcome.Status.DONE, codebook_version=codebook_version,
                                         model_version=model_version).values("sha256")
    return SourceDocument.objects.exclude(sha256__in=scanned)


def start_batch(documents, *, user=None, label: str = "") -> Batch:
    """Record a batch over the documents and queue one task per document that needs a scan."""
    from koers.apps.national.tasks import scan_source_document

    documents = list({document.pk: document for document in documents}.values())
    if not documents:
        raise ValueError(_("er zijn geen documenten om te scannen"))
    codebook_version, model_version = current_versions()
    done = dict(ScanOutcome.objects.filter(
        status=ScanOutcome.Status.DONE, codebook_version=codebook_version, model_version=model_version,
        sha256__in={document.sha256 for document in documents}).values_list("sha256", "id"))
    now = timezone.now()
    with transaction.atomic():
        batch = Batch.objects.create(label=label[:200], created_by=user, codebook_version=codebook_version,
                                     model_version=model_version)
        items = BatchItem.objects.bulk_create([
            BatchItem(batch=batch, document=document, status=Status.REUSED, outcome_id=done[document.sha256],
                      finished_at=now) if document.sha256 in done
            else BatchItem(batch=batch, document=document, task_id=uuid.uuid4().hex)
            for document in documents])
    for item in items:  # after the commit, so a worker finds the rows
        if item.status == Status.QUEUED:
            scan_source_document.apply_async((item.pk,), task_id=item.task_id)
    return batch


def requeue_stalled(batch: Batch) -> int:
    """Queue again the items left running by a worker that died (on this machine) or that run longer
    than KOERS_STUCK_AFTER_MINUTES. The new task id makes the old task, should it still run, skip."""
    from koers.apps.national.tasks import scan_source_document

    count = 0
    for item in batch.items.filter(status=Status.RUNNING).only("id", "worker", "started_at"):
        if not (worker_gone(item.worker) or overdue("running", None, item.started_at)):
            continue
        task_id = uuid.uuid4().hex
        if BatchItem.objects.filter(pk=item.pk, status=Status.RUNNING).update(status=Status.QUEUED, task_id=task_id):
            scan_source_document.apply_async((item.pk,), task_id=task_id)
            count += 1
    return count


# --- progress --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Progress:
    counts: dict[str, int]  # per BatchItem status, every status present
    total: int
    pages: int  # pages of the documents done or reused
    eta: timedelta | None  # at the rate of the items finished so far; None before the first

    @property
    def finished(self) -> bool:
        return not any(self.counts[status] for status in PENDING)

    @property
    def eta_minutes(self) -> int | None:
        return None if self.eta is None else max(1, round(self.eta.total_seconds() / 60))

    @property
    def completed(self) -> int:
        return self.total - sum(self.counts[status] for status in PENDING)


def progress(batch: Batch) -> Progress:
    rows = batch.items.values("status").annotate(n=Count("id"), pages=Sum("outcome__pages"))
    counts = {status: 0 for status in Status.values}
    pages = 0
    for row in rows:
        counts[row["status"]] = row["n"]
        if row["status"] in (Status.DONE, Status.REUSED):
            pages += row["pages"] or 0
    return Progress(counts, sum(counts.values()), pages, _eta(batch, counts))


def _eta(batch: Batch, counts: dict[str, int]) -> timedelta | None:
    remaining = counts[Status.QUEUED] + counts[Status.RUNNING]
    scanned = counts[Status.DONE] + counts[Status.FAILED]
    if not remaining:
        return timedelta(0)
    first = batch.items.filter(~Q(status=Status.REUSED)).aggregate(first=Min("started_at"))["first"]
    if not scanned or first is None:
        return None
    per_item = (timezone.now() - first) / scanned
    return per_item * remaining
