"""The demo organisation (``koers_demo``) for tests that need all of it: built once per test run.

Building the demo takes about 20 seconds (scans, the portfolio, the report's PDF and thousands of
audit entries), and six tests use it. On SQLite's in-memory test database (``make test``) the first
test to need it builds it and copies the whole database (SQLite's backup API) and its media files
to a folder shared by the xdist workers of this run; every later test, in any worker, gets an
exact copy of that database instead of building it. A test that writes changes only its own copy,
and the transactional test's flush empties it afterwards, as after a build. The tests must be
transactional (``transaction=True``): a copy replaces the whole database, which an open test
transaction would not allow. On another database (CI's PostgreSQL pass) every test builds the demo.
"""

from __future__ import annotations

import fcntl
import io
import os
import shutil
import sqlite3

from django.core.management import call_command

from koers.web.management.commands.koers_demo import DEMO_SLUG


def load_demo(tmp_path_factory, settings) -> str:
    """Put the demo in the (empty) test database and its files under MEDIA_ROOT; returns its slug.

    Request it before any fixture that writes to the database: a copy replaces what is there."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        _build()
        return DEMO_SLUG
    assert not connection.in_atomic_block, "load_demo needs a transactional test (transaction=True)"
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "koers-demo"  # this run only
    copy, media = folder / "demo.sqlite3", folder / "media"
    folder.mkdir(exist_ok=True)
    connection.ensure_connection()
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one worker builds, the others wait for its copy
        if not copy.exists():
            _build()
            media.mkdir()
            if os.path.isdir(settings.MEDIA_ROOT):
                shutil.copytree(settings.MEDIA_ROOT, media, dirs_exist_ok=True)
            _copy(connection.connection, folder / "demo.tmp")
            os.replace(folder / "demo.tmp", copy)  # complete or absent
            return DEMO_SLUG
    _copy(copy, connection.connection)
    ContentType.objects.clear_cache()  # ids as in the copy
    shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    return DEMO_SLUG


def _copy(source, target) -> None:
    """SQLite's online backup from source to target (a connection or a file name)."""
    opened = [sqlite3.connect(end) if not isinstance(end, sqlite3.Connection) else None for end in (source, target)]
    try:
        (opened[0] or source).backup(opened[1] or target)
    finally:
        for connection in opened:
            if connection is not None:
                connection.close()


def _build() -> None:
    call_command("koers_demo", stdout=io.StringIO(), stderr=io.StringIO())
