"""The queue path end to end: a real Celery worker takes the task from a broker and scans."""

import shutil
import socket
import subprocess
import threading
import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun

from koers.apps.agenda.models import ScanDocument
from koers.apps.agenda.scanning import queue_scan
from koers.apps.agenda.tasks import scan_document
from koers.web.celery import app
from needs import unavailable
from web_helpers import text_upload


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url():
    """A throwaway Redis server, as REDIS_URL points to in production (.ci/run installs it)."""
    server = shutil.which("redis-server")
    if server is None:
        unavailable("redis-server is not installed (apt-get install redis-server)")
    port = _free_port()
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no"], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(params=["memory", "redis"])
def queued_app(request):
    """Our Celery app with a real broker (in memory, and a Redis server) instead of eager execution."""
    broker = "memory://" if request.param == "memory" else request.getfixturevalue("redis_url")
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "broker_transport_options")}
    app.conf.update(broker_url=broker, task_always_eager=False, broker_transport_options={})
    forget_connections()
    yield app
    app.conf.update(saved)
    forget_connections()


def forget_connections():
    """Drop pooled connections and producers bound to the previous broker."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def finished_tasks():
    """An Event set when the worker has finished a task (so the test does not poll the database,
    which SQLite's shared in-memory test database would lock while the worker writes)."""
    done = threading.Event()

    def mark(**kwargs):
        done.set()

    task_postrun.connect(mark, weak=False)
    yield done
    task_postrun.disconnect(mark)


def test_task_options_survive_a_worker_crash():
    assert scan_document.acks_late is True
    assert scan_document.reject_on_worker_lost is True
    assert scan_document.name == "koers.apps.agenda.tasks.scan_document"


@pytest.mark.django_db(transaction=True)
def test_a_worker_scans_a_queued_document(queued_app, finished_tasks, own):
    document = ScanDocument.objects.create(organisation=own, file=text_upload("wachtrij.txt"),
                                           original_name="wachtrij.txt", year=2025)
    with start_worker(queued_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        queue_scan(document)
        assert finished_tasks.wait(timeout=60), "the worker did not finish the task"
    document.refresh_from_db()
    assert (document.status, document.error) == ("done", "")
    assert document.themes.filter(attention=True).exists()
    assert document.task_id and document.attempts == 1
