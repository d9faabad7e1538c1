"""A scan whose worker process died shows as interrupted and may be retried at once, without
waiting KOERS_STUCK_AFTER_MINUTES."""

import subprocess
import sys

import pytest
from django.utils import timezone

from koers.apps.agenda.models import ScanDocument
from koers.web.background import this_worker
from test_api_support import API, api_for  # noqa: F401


@pytest.fixture
def dead_worker():
    """The "machine:pid" of a worker on this machine whose process has ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()  # reaped: no process has this id now
    return this_worker().rsplit(":", 1)[0] + f":{process.pid}"


def running(document, worker):
    ScanDocument.objects.filter(pk=document.pk).update(status="running", started_at=timezone.now(), worker=worker)
    document.refresh_from_db()
    return document


def test_the_scan_records_the_process_that_runs_it(make_document):
    assert make_document().worker == this_worker()


def test_a_scan_whose_worker_died_is_shown_interrupted_and_retried_at_once(client_for, make_document, dead_worker):
    document = running(make_document(), dead_worker)
    assert document.is_interrupted and document.can_retry and not document.is_pending
    list_url = f"/organisaties/{document.organisation.slug}/agenda/"
    page = client_for("viewer").get(list_url).content.decode()
    assert "Onderbroken" in page and "bestaat niet meer" in page
    assert 'hx-trigger="every 2s"' not in page  # nothing left to wait for: the list stops polling
    page = client_for("contributor").get(list_url).content.decode()
    assert f"/documenten/{document.pk}/opnieuw/" in page
    response = client_for("contributor").post(f"{list_url}documenten/{document.pk}/opnieuw/")
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == "done" and document.attempts == 2 and document.worker == this_worker()


def test_the_api_offers_and_accepts_the_retry_at_once(api_for, make_document, dead_worker):
    document = running(make_document(), dead_worker)
    url = f"{API}/organisations/{document.organisation.slug}/documents/{document.pk}"
    assert api_for("viewer").get(url).json()["can_retry"] is True
    response = api_for("contributor").post(f"{url}/retry")
    assert response.status_code == 202, response.content
    document.refresh_from_db()
    assert document.status == "done" and document.attempts == 2


@pytest.mark.parametrize("worker", ["self", "", "elders/1:4242"], ids=["alive", "unknown", "other-machine"])
def test_a_running_scan_on_a_live_or_unknown_worker_is_not_retried(api_for, make_document, worker):
    document = running(make_document(), this_worker() if worker == "self" else worker)
    assert not document.is_interrupted and not document.can_retry
    url = f"{API}/organisations/{document.organisation.slug}/documents/{document.pk}/retry"
    assert api_for("contributor").post(url).status_code == 409
    document.refresh_from_db()
    assert document.status == "running" and document.attempts == 1
