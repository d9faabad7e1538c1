"""Retrying failed and stuck scans keeps stored results until new ones are in."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from koers.apps.agenda.models import ScanDocument, ThemeResult
from koers.apps.agenda.scanning import run_scan


def retry(client, document):
    return client.post(f"/organisaties/{document.organisation.slug}/agenda/documenten/{document.pk}/opnieuw/")


def results(document):
    return sorted(ThemeResult.objects.filter(document=document).values_list("theme", "attention"))


def test_retry_of_a_failed_document_scans_it_again(client_for, make_document):
    document = make_document()
    ScanDocument.objects.filter(pk=document.pk).update(status="failed", error="tijdelijk probleem")
    assert retry(client_for("contributor"), document).status_code == 302
    document.refresh_from_db()
    assert document.status == "done" and document.error == "" and document.attempts == 2


def test_retry_of_a_stuck_document(client_for, make_document, settings):
    document = make_document()
    old = results(document)
    long_ago = timezone.now() - timedelta(minutes=settings.KOERS_STUCK_AFTER_MINUTES + 1)
    ScanDocument.objects.filter(pk=document.pk).update(status="running", started_at=long_ago)
    document.refresh_from_db()
    assert document.is_stuck and document.can_retry
    page = client_for("viewer").get(f"/organisaties/{document.organisation.slug}/agenda/").content.decode()
    assert "Vastgelopen" in page
    retry(client_for("contributor"), document)
    document.refresh_from_db()
    assert document.status == "done" and results(document) == old


def test_a_queued_document_whose_message_was_lost_becomes_retryable(client_for, make_document, settings):
    document = make_document()
    long_ago = timezone.now() - timedelta(minutes=settings.KOERS_STUCK_AFTER_MINUTES + 1)
    ScanDocument.objects.filter(pk=document.pk).update(status="queued", queued_at=long_ago)
    document.refresh_from_db()
    assert document.is_stuck and document.can_retry and not document.is_pending
    retry(client_for("contributor"), document)
    document.refresh_from_db()
    assert document.status == "done" and document.queued_at > long_ago


def test_a_freshly_queued_document_is_not_stuck(make_document):
    document = make_document()
    ScanDocument.objects.filter(pk=document.pk).update(status="queued", queued_at=timezone.now())
    document.refresh_from_db()
    assert document.is_pending and not document.can_retry


def test_a_running_document_that_is_not_stuck_cannot_be_retried(client_for, make_document):
    document = make_document()
    ScanDocument.objects.filter(pk=document.pk).update(status="running", started_at=timezone.now())
    retry(client_for("contributor"), document)
    document.refresh_from_db()
    assert document.status == "running" and document.attempts == 1


def test_old_results_stay_when_the_new_scan_fails(make_document):
    document = make_document()
    old = results(document)
    assert any(attention for _, attention in old)
    document.file.storage.delete(document.file.name)  # the new scan cannot read the file
    assert run_scan(document.pk) == "failed"
    document.refresh_from_db()
    assert document.status == "failed" and "niet" in document.error
    assert results(document) == old


def test_old_results_stay_when_storing_the_new_ones_breaks(make_document):
    document = make_document()
    old = results(document)
    with mock.patch("koers.apps.agenda.scanning.EvidencePassage.objects.bulk_create",
                    side_effect=RuntimeError("database weg")):
        with pytest.raises(RuntimeError):
            run_scan(document.pk)
    assert results(document) == old


def test_a_superseded_task_does_not_write(make_document):
    document = make_document()
    assert run_scan(document.pk, task_id="an-older-task") == "skipped"
    document.refresh_from_db()
    assert document.attempts == 1
