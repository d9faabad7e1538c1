"""National batches: registering a harvest's manifest, idempotent scanning per file content and
engine version, failures, superseded tasks, requeueing after worker loss, progress; the batch
page and API with their permission. Tasks run eagerly here; a real worker runs them in
test_national_batch_worker.py."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from koers.apps.national import batches, scanning
from koers.apps.national.models import Batch, BatchItem, OutcomeTheme, ScanOutcome, SourceDocument
from koers.web.background import this_worker
from national_batch_helpers import write_corpus
from test_worker_loss import dead_worker  # noqa: F401 - fixture
from web_helpers import DIGITAL_TEXT, make_user


@pytest.fixture
def scans(monkeypatch):
    """The paths the engine is asked to scan, in order."""
    seen = []
    real = scanning._scan

    def counting(path):
        seen.append(path)
        return real(path)

    monkeypatch.setattr(scanning, "_scan", counting)
    return seen


@pytest.fixture
def corpus(tmp_path, db):
    documents, errors = batches.register_manifest(write_corpus(tmp_path / "oogst"))
    assert errors == []
    return documents


def statuses(batch):
    return sorted(batch.items.values_list("status", flat=True))


# --- registering ------------------------------------------------------------------------------

def test_a_manifest_registers_its_documents_with_provenance_and_their_sha256(corpus):
    assert len(corpus) == 5 and SourceDocument.objects.count() == 5
    groningen = SourceDocument.objects.get(municipality_code="GM0014")
    assert (groningen.municipality, groningen.province, groningen.doc_type, groningen.year) == (
        "Groningen", "Groningen", "begroting", 2025)
    assert (groningen.source, groningen.licence) == ("ori", "CC0")
    assert groningen.source_url == "https://example.org/GM0014-begroting.txt"
    assert groningen.retrieved_at.year == 2025 and len(groningen.sha256) == 64
    again, errors = batches.register_manifest(groningen.path.rsplit("/", 1)[0] + "/manifest.csv")
    assert errors == [] and SourceDocument.objects.count() == 5  # registering twice adds nothing


def test_bad_rows_are_named_in_dutch_and_the_others_are_registered(tmp_path, db):
    manifest = write_corpus(tmp_path, [("a.txt", "GM0014", DIGITAL_TEXT), ("b.txt", "GM0034", DIGITAL_TEXT),
                                       ("c.txt", "GM0037", DIGITAL_TEXT)])
    lines = manifest.read_text().splitlines()
    lines[2] = lines[2].replace("begroting", "begrotng")
    lines[3] = lines[3].replace("c.txt", "ontbreekt.txt").replace(",,", ",abc,")
    manifest.write_text("\n".join(lines) + "\n")
    documents, errors = batches.register_manifest(manifest)
    assert [d.municipality_code for d in documents] == ["GM0014"]
    assert len(errors) == 2
    assert "regel 3" in errors[0] and "'doc_type' 'begrotng' is onbekend" in errors[0]
    assert "regel 4" in errors[1] and "'ontbreekt.txt' niet gevonden" in errors[1]


# --- idempotency ------------------------------------------------------------------------------

def test_a_batch_scans_every_document_and_stores_verdicts_with_evidence(corpus, scans):
    batch = batches.start_batch(corpus, label="Begrotingen 2025")
    assert statuses(batch) == ["done"] * 5 and len(scans) == 5
    codebook_version, model_version = batches.current_versions()
    assert (batch.codebook_version, batch.model_version) == (codebook_version, model_version)
    assert codebook_version and model_version  # the shipped model gives the probabilities
    outcome = ScanOutcome.objects.get(sha256=SourceDocument.objects.get(municipality_code="GM0014").sha256)
    assert (outcome.status, outcome.codebook_version, outcome.worker) == ("done", codebook_version, this_worker())
    security = outcome.themes.get(theme="informatieveiligheid-privacy")
    assert security.attention and security.probability is not None
    assert 1 <= len(security.evidence) <= 3 and security.evidence[0]["page"] == 1
    assert "informatiebeveiliging" in security.evidence[0]["text"]


def test_a_second_batch_over_the_same_files_queues_nothing_and_reuses_the_outcomes(corpus, scans, monkeypatch):
    batches.start_batch(corpus)
    queued = []
    from koers.apps.national.tasks import scan_source_document
    monkeypatch.setattr(scan_source_document, "apply_async", lambda *args, **kwargs: queued.append(args))
    second = batches.start_batch(corpus)
    assert statuses(second) == ["reused"] * 5 and queued == [] and len(scans) == 5
    assert not second.items.exclude(task_id="").exists()
    assert ScanOutcome.objects.count() == 5
    assert set(second.items.values_list("outcome", flat=True)) == set(ScanOutcome.objects.values_list("id", flat=True))
    assert batches.progress(second).finished


def test_the_same_file_under_two_municipalities_is_scanned_once(tmp_path, db, scans):
    manifest = write_corpus(tmp_path, [("gezamenlijk-a.txt", "GM0014", DIGITAL_TEXT),
                                       ("gezamenlijk-b.txt", "GM0034", DIGITAL_TEXT)])
    documents, _ = batches.register_manifest(manifest)
    batch = batches.start_batch(documents)
    assert len(scans) == 1 and ScanOutcome.objects.count() == 1
    assert statuses(batch) == ["done", "reused"]
    assert batch.items.values("outcome").distinct().count() == 1


def test_two_workers_finishing_the_same_file_together_keep_one_outcome(corpus, monkeypatch):
    """While this worker scans, another stores the same file's outcome: this one reuses it."""
    real = scanning._scan

    def meanwhile(path):
        result = real(path)
        scanning._store(SourceDocument.objects.get(path=path).sha256, result)  # the other worker
        return result

    monkeypatch.setattr(scanning, "_scan", meanwhile)
    batch = batches.start_batch(corpus[:1])
    assert statuses(batch) == ["reused"]
    assert ScanOutcome.objects.count() == 1 and OutcomeTheme.objects.count() == 5


# --- failures ---------------------------------------------------------------------------------

def test_a_failed_document_does_not_stop_the_rest(tmp_path, db):
    manifest = write_corpus(tmp_path, [("a.txt", "GM0014", DIGITAL_TEXT), ("kapot.pdf", "GM0034", "geen pdf"),
                                       ("c.txt", "GM0037", DIGITAL_TEXT + "\nGM0037\n")])
    documents, _ = batches.register_manifest(manifest)
    batch = batches.start_batch(documents)
    assert statuses(batch) == ["done", "done", "failed"]
    failed = batch.items.get(status="failed")
    assert failed.error and failed.outcome.status == "failed" and failed.outcome.error == failed.error
    assert "Traceback" not in failed.error
    progress = batches.progress(batch)
    assert progress.counts["failed"] == 1 and progress.counts["done"] == 2 and progress.finished


def test_a_rerun_retries_a_failed_outcome_instead_of_reusing_it(corpus, scans, monkeypatch):
    real = scanning._scan
    monkeypatch.setattr(scanning, "_scan", lambda path: (_ for _ in ()).throw(MemoryError()))
    first = batches.start_batch(corpus[:1])
    item = first.items.get()
    assert item.status == "failed" and "interne fout" in item.error
    monkeypatch.setattr(scanning, "_scan", real)
    second = batches.start_batch(corpus[:1])
    assert statuses(second) == ["done"]
    outcome = second.items.get().outcome
    assert outcome.pk == item.outcome_id and outcome.status == "done" and outcome.themes.count() == 5


def test_a_superseded_task_does_not_write(corpus, monkeypatch):
    from koers.apps.national.tasks import scan_source_document
    monkeypatch.setattr(scan_source_document, "apply_async", lambda *args, **kwargs: None)
    batch = batches.start_batch(corpus[:1])
    item = batch.items.get()
    assert scanning.run_item(item.pk, task_id="een-oudere-taak") == "skipped"
    item.refresh_from_db()
    assert (item.status, item.attempts, item.worker, item.outcome) == ("queued", 0, "", None)
    assert not ScanOutcome.objects.exists()
    assert scanning.run_item(item.pk, task_id=item.task_id) == "done"


# --- worker loss and progress -----------------------------------------------------------------

def test_an_item_left_running_by_a_dead_worker_is_requeued_and_completes(corpus, monkeypatch, dead_worker):  # noqa: F811
    from koers.apps.national.tasks import scan_source_document
    monkeypatch.setattr(scan_source_document, "apply_async", lambda *args, **kwargs: None)
    batch = batches.start_batch(corpus[:2])
    lost, alive = batch.items.all()
    BatchItem.objects.filter(pk=lost.pk).update(status="running", worker=dead_worker, started_at=timezone.now(),
                                                attempts=1)
    BatchItem.objects.filter(pk=alive.pk).update(status="running", worker=this_worker(), started_at=timezone.now(),
                                                 attempts=1)
    monkeypatch.undo()
    assert batches.requeue_stalled(batch) == 1
    lost.refresh_from_db()
    alive.refresh_from_db()
    assert (lost.status, lost.attempts, lost.worker) == ("done", 2, this_worker())
    assert alive.status == "running"  # its process still lives
    assert scanning.run_item(alive.pk, task_id=alive.task_id) == "done"
    assert batches.requeue_stalled(batch) == 0


def test_progress_counts_statuses_pages_and_estimates_the_time_left(corpus, monkeypatch):
    from koers.apps.national.tasks import scan_source_document
    monkeypatch.setattr(scan_source_document, "apply_async", lambda *args, **kwargs: None)
    batch = batches.start_batch(corpus)
    progress = batches.progress(batch)
    assert progress.counts == {"queued": 5, "running": 0, "done": 0, "reused": 0, "failed": 0}
    assert (progress.total, progress.completed, progress.pages, progress.eta, progress.finished) == (5, 0, 0, None, False)
    first, second, *_ = batch.items.all()
    for item in (first, second):
        scanning.run_item(item.pk, task_id=item.task_id)
    BatchItem.objects.filter(pk=first.pk).update(started_at=timezone.now() - timezone.timedelta(minutes=10))
    progress = batches.progress(batch)
    assert (progress.counts["done"], progress.counts["queued"], progress.completed, progress.pages) == (2, 3, 2, 2)
    assert timezone.timedelta(minutes=14) < progress.eta <= timezone.timedelta(minutes=16)  # 5 min per item, 3 left


def test_a_batch_needs_documents(db):
    with pytest.raises(ValueError, match="geen documenten"):
        batches.start_batch([])


def test_not_yet_scanned_leaves_out_what_the_current_versions_scanned(corpus):
    batches.start_batch(corpus[:2])
    assert set(batches.not_yet_scanned()) == set(corpus[2:])


def researcher():
    user = make_user("onderzoeker")
    user.user_permissions.add(Permission.objects.get(codename="run_batch", content_type__app_label="national"))
    return user


# --- the batch page and API -------------------------------------------------------------------

PAGE, API_URL = "/landelijk/scanopdrachten/", "/api/v1/national/batches"


@pytest.fixture
def server_root(settings, tmp_path, db):
    settings.KOERS_NATIONAL_ROOT = tmp_path / "landelijk"
    write_corpus(tmp_path / "landelijk" / "ori-2025")
    return settings.KOERS_NATIONAL_ROOT


def test_a_researcher_starts_a_batch_from_a_manifest_on_the_server_and_sees_its_progress(client, server_root):
    client.force_login(researcher())
    page = client.get(PAGE).content.decode()
    assert "Manifest ori-2025/manifest.csv" in page and "Er zijn nog geen scanopdrachten." in page
    response = client.post(PAGE, {"source": "ori-2025/manifest.csv", "label": "Begrotingen"}, follow=True)
    page = response.content.decode()
    batch = Batch.objects.get()  # its id: PostgreSQL does not reset sequences between tests
    assert f"Scanopdracht {batch.pk} is gestart." in page and f"{batch.pk}: Begrotingen" in page
    assert "5 van 5 documenten" in page and 'hx-trigger="every 2s"' not in page  # done: no polling
    second = client.post(PAGE, {"source": "nog-niet-gescand"}, follow=True).content.decode()
    assert "er zijn geen documenten om te scannen" in second  # all five were scanned by the first


def test_the_page_refuses_a_path_that_is_not_a_manifest_on_the_server(client, server_root, tmp_path):
    client.force_login(researcher())
    for path in ["/etc/passwd", "../ori-2025/manifest.csv", str(server_root / "ori-2025" / "manifest.csv")]:
        response = client.post(PAGE, {"source": path})
        assert response.status_code == 200 and "Selecteer een geldige keuze" in response.content.decode()
    assert not SourceDocument.objects.exists()


def test_the_page_polls_while_a_batch_runs_and_offers_to_restart_stuck_documents(client, corpus, monkeypatch,
                                                                                    dead_worker):  # noqa: F811
    from koers.apps.national.tasks import scan_source_document
    monkeypatch.setattr(scan_source_document, "apply_async", lambda *args, **kwargs: None)
    batch = batches.start_batch(corpus)
    BatchItem.objects.filter(pk=batch.items.first().pk).update(status="running", worker=dead_worker,
                                                               started_at=timezone.now())
    client.force_login(researcher())
    page = client.get(PAGE).content.decode()
    assert 'hx-trigger="every 2s"' in page and "0 van 5 documenten" in page
    assert "Vastgelopen documenten opnieuw starten" in page
    fragment = client.get(PAGE + "voortgang/").content.decode()
    assert fragment.startswith('<div id="opdrachten"') and "<html" not in fragment
    monkeypatch.undo()
    response = client.post(PAGE + "hervatten/", {"batch": batch.pk}, follow=True)
    assert "1 document staat weer in de wachtrij." in response.content.decode()
    assert batch.items.filter(status="done").count() == 1
    assert client.post(PAGE + "hervatten/", {"batch": "abc"}).status_code == 404


@pytest.mark.parametrize("method,path", [("get", PAGE), ("post", PAGE), ("get", PAGE + "voortgang/"),
                                         ("post", PAGE + "hervatten/")])
def test_the_batch_pages_need_the_permission(client, users, method, path, db):
    assert getattr(client, method)(path).status_code == 302  # anonymous: to the login page
    for role in ("admin", "manager"):  # an organisation role is not enough
        client.force_login(users[role])
        assert getattr(client, method)(path).status_code == 403, role
    assert not BatchItem.objects.exists()


def test_the_api_lists_starts_and_shows_batches_for_researchers(server_root):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(researcher())
    assert api.get(API_URL).json()["results"] == []
    response = api.post(API_URL, {"manifest": "ori-2025/manifest.csv", "label": "Via de API"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["label"] == "Via de API" and body["manifest_problems"] == []
    assert body["progress"]["counts"]["done"] == 5 and body["progress"]["finished"] is True
    assert response["Location"].endswith(f"{API_URL}/{body['id']}")
    detail = api.get(f"{API_URL}/{body['id']}").json()
    assert detail["progress"]["total"] == 5 and detail["created_by"] == "onderzoeker"
    assert "manifest_problems" not in detail
    refused = api.post(API_URL, {"manifest": "../../etc/passwd"}, format="json")
    assert refused.status_code == 400 and refused["Content-Type"] == "application/problem+json"
    nothing = api.post(API_URL, {}, format="json")
    assert nothing.status_code == 400 and "geen documenten" in nothing.json()["invalid-params"][0]["reason"]


@pytest.mark.parametrize("method,path", [("get", API_URL), ("post", API_URL), ("get", f"{API_URL}/1")])
def test_the_api_needs_the_permission(api_client_for, method, path, db):
    from rest_framework.test import APIClient

    assert getattr(APIClient(), method)(path).status_code == 401
    assert getattr(api_client_for("admin"), method)(path).status_code == 403
    assert not BatchItem.objects.exists()
