"""Celery tasks of the agenda scan."""

from celery import shared_task

from koers.apps.agenda.scanning import run_scan
from koers.apps.agenda.training import run_training


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, name="koers.apps.agenda.tasks.scan_document")
def scan_document(self, document_id: int) -> str:
    """Scan one uploaded document; its status, error and results are stored on the document."""
    return run_scan(document_id, task_id=self.request.id)


@shared_task(acks_late=True, name="koers.apps.agenda.tasks.train_organisation_model")
def train_organisation_model(training_id: int) -> str:
    """Train and activate a new version of the organisation's own model; the outcome is stored on the request."""
    return run_training(training_id)
