"""Celery task of the national batches: one per document."""

from celery import shared_task

from koers.apps.national.scanning import run_item


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True,
             name="koers.apps.national.tasks.scan_source_document")
def scan_source_document(self, item_id: int) -> str:
    """Scan one batch item's document (or reuse its earlier scan); the outcome is stored on the item."""
    return run_item(item_id, task_id=self.request.id)
