"""Celery tasks of the portfolio: a selection run (with its sensitivity analysis) can take minutes."""

from celery import shared_task

from koers.apps.portfolio.models import SelectionRun
from koers.apps.portfolio.selection import execute


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, name="koers.apps.portfolio.tasks.run_selection")
def run_selection(self, run_id: int) -> str:
    """Compute one stored selection run; its state, result or error is stored on the run.

    The task id guards against a superseded message: a retried run has a new one."""
    run = SelectionRun.objects.select_related("organisation", "framework").filter(pk=run_id).first()
    if run is None:
        return "missing"
    return execute(run, task_id=self.request.id).state
