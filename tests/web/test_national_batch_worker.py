"""National batches on real Celery workers: `koers batch` end to end with a worker process on the
filesystem broker and SQLite, and an item lost with its worker requeued and finished by a worker."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.utils import timezone

from koers.apps.national import batches
from koers.apps.national.models import BatchItem
from national_batch_helpers import write_corpus
from test_web_celery_worker import queued_app, redis_url  # noqa: F401 - fixtures
from test_worker_loss import dead_worker  # noqa: F401 - fixture

KOERS = [sys.executable, "-c", "import sys; from koers.cli import main; sys.exit(main())"]


@pytest.fixture
def embedded(tmp_path):
    """The embedded default in a fresh folder: SQLite, the filesystem broker, a migrated database
    and one worker process (concurrency 1), all as `make run` sets them up."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER"}}
    env.update(KOERS_VAR_DIR=str(tmp_path / "var"), DJANGO_SECRET_KEY="koers-test-batch")
    subprocess.run([sys.executable, "-m", "koers.web", "migrate", "--verbosity", "0"], env=env, check=True,
                   timeout=300)
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen([sys.executable, "-m", "celery", "-A", "koers.web.celery:app", "worker",
                               "--pool", "solo", "--concurrency", "1", "--loglevel", "INFO"],
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    yield env
    worker.terminate()
    worker.wait(timeout=30)
    log.close()


def koers(env, *args):
    return subprocess.run([*KOERS, *args], env=env, capture_output=True, text=True, timeout=300)


def test_koers_batch_scans_a_manifest_on_a_worker_and_reuses_it_the_second_time(embedded, tmp_path):
    manifest = write_corpus(tmp_path / "oogst")
    (tmp_path / "oogst" / "kapot.pdf").write_bytes(b"geen pdf")
    with manifest.open("a", encoding="utf-8") as out:
        out.write("kapot.pdf,GM0363,begroting,2025,ori,,,,\n")

    first = koers(embedded, "batch", str(manifest), "--label", "Proef")
    assert first.returncode == 2, first.stderr  # one document failed: named, the rest scanned
    assert "Scanopdracht 1 (Proef): 6 van de 6 documenten klaar" in first.stdout
    assert "gescand 5, al eerder gescand 0, mislukt 1" in first.stdout
    assert "MISLUKT: Amsterdam begroting 2025" in first.stderr and "Traceback" not in first.stderr

    second = koers(embedded, "batch", str(manifest))
    assert "gescand 0, al eerder gescand 5, mislukt 1" in second.stdout, second.stderr

    status = koers(embedded, "batch", "--status", "1")
    assert status.returncode == 0 and "6 van de 6 documenten klaar" in status.stdout
    assert koers(embedded, "batch", "--status", "99").stderr.splitlines()[-1] == "koers: fout: scanopdracht 99 bestaat niet"


def test_koers_batch_without_a_manifest_or_a_migrated_database_explains_itself(tmp_path):
    env = {**os.environ, "KOERS_VAR_DIR": str(tmp_path / "var"), "DJANGO_SECRET_KEY": "koers-test-batch"}
    env.pop("DATABASE_URL", None)
    assert koers(env, "batch").stderr.splitlines()[-1] == "koers: fout: geef een manifest of --status ID"
    unmigrated = koers(env, "batch", "--status", "1")
    assert unmigrated.returncode == 1 and "python -m koers.web migrate" in unmigrated.stderr


@pytest.fixture
def tasks_finished():
    """A function that waits until the worker has finished ``count`` tasks."""
    condition, finished = threading.Condition(), []

    def mark(**kwargs):
        with condition:
            finished.append(kwargs.get("retval"))
            condition.notify_all()

    task_postrun.connect(mark, weak=False)

    def wait(count: int) -> list:
        with condition:
            assert condition.wait_for(lambda: len(finished) >= count, timeout=60), finished
            return list(finished)

    yield wait
    task_postrun.disconnect(mark)


@pytest.mark.django_db(transaction=True)
def test_an_item_of_a_dead_worker_is_requeued_and_a_worker_completes_it(queued_app, tasks_finished, tmp_path,
                                                                        dead_worker):  # noqa: F811
    documents, _ = batches.register_manifest(write_corpus(tmp_path / "oogst"))
    batch = batches.start_batch(documents[:1])  # its message waits on the broker
    item = batch.items.get()
    BatchItem.objects.filter(pk=item.pk).update(status="running", worker=dead_worker, started_at=timezone.now())
    assert batches.requeue_stalled(batch) == 1
    with start_worker(queued_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        results = tasks_finished(2)
    assert sorted(results) == ["done", "skipped"]  # the first message's task id was superseded
    item.refresh_from_db()
    assert item.status == "done" and item.outcome.themes.count() == 5 and item.attempts == 1
    assert Path(item.document.path).name == "GM0014-begroting.txt"
