"""The queue path end to end: a real Celery worker takes the task from a broker and scans or
computes a selection; and every task of every app is known to the worker."""

import importlib.util
import json
import pkgutil
import shutil
import socket
import subprocess
import sys
import threading
import time

import pytest
from celery import Task
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun

import koers.apps
from koers.apps.agenda.models import ScanDocument
from koers.apps.agenda.scanning import queue_scan
from koers.apps.agenda.tasks import scan_document
from koers.apps.portfolio import selection
from koers.web.celery import app
from needs import unavailable
from portfolio_helpers import make_portfolio
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


def _tasks_defined_under_koers_apps() -> set[str]:
    """The names of the Celery tasks in every ``tasks`` module of every app under koers.apps."""
    names = set()
    for app_module in pkgutil.iter_modules(koers.apps.__path__, "koers.apps."):
        if importlib.util.find_spec(f"{app_module.name}.tasks") is None:
            continue
        module = importlib.import_module(f"{app_module.name}.tasks")
        names |= {value.name for value in vars(module).values()
                  if isinstance(value, Task) and value.run.__module__ == module.__name__}
    return names


# What a worker started with ``celery -A koers.web.celery:app worker`` knows: a fresh process, since in
# this one every imported shared task is already attached to the app.
WORKER_TASKS = """
import json
from koers.web.celery import app
app.loader.import_default_modules()
print(json.dumps(sorted(app.tasks)))
"""


def test_every_task_of_every_app_is_registered_with_the_worker_app():
    defined = _tasks_defined_under_koers_apps()
    assert {"koers.apps.agenda.tasks.scan_document", "koers.apps.portfolio.tasks.run_selection"} <= defined
    loaded = subprocess.run([sys.executable, "-c", WORKER_TASKS], capture_output=True, text=True, check=True)
    assert defined <= set(json.loads(loaded.stdout.splitlines()[-1]))


@pytest.mark.django_db(transaction=True)
def test_a_worker_computes_a_queued_selection_run(queued_app, finished_tasks, own):
    framework, items = make_portfolio(own)
    run = selection.create_run(own, framework, name="Op de werker", time_limit=5)
    with start_worker(queued_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        queued = selection.queue(run)
        assert queued.state == "queued" and queued.queued_at is not None
        assert finished_tasks.wait(timeout=60), "the worker did not finish the task"
    run.refresh_from_db()
    assert (run.state, run.error) == ("done", "")
    assert run.solver_status == "optimal" and run.selected
    assert items["Wettelijke archiefplicht"].engine_id in run.selected
    assert set(run.explanation) == {item.engine_id for item in items.values()}
    assert run.queued_at <= run.started_at <= run.finished_at
