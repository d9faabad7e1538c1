"""The embedded SQLite default holds concurrent writers: they wait for each other instead of
failing with "database is locked".

Runs in a fresh process with the shipped settings and no DATABASE_URL, so it checks the default
a small team gets, on a real database file, whatever database the rest of the tests use.
"""

import json
import os
import subprocess
import sys

WRITERS = 12

# Each writer reads and then writes in one transaction, as a form submission does; all start
# together. Without an immediate write lock two such transactions deadlock and SQLite fails one.
SCRIPT = f"""
import json, threading
import django
django.setup()
from django.db import connection, connections, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE submission (id INTEGER PRIMARY KEY, seen INTEGER)")
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
errors, start = [], threading.Barrier({WRITERS})

def submit():
    start.wait()
    try:
        for _ in range(10):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM submission")
                cursor.execute("INSERT INTO submission (seen) VALUES (%s)", [cursor.fetchone()[0]])
    except Exception as exc:
        errors.append(str(exc))
    finally:
        connections.close_all()

threads = [threading.Thread(target=submit) for _ in range({WRITERS})]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM submission")
    print(json.dumps({{"journal": journal, "errors": errors, "rows": cursor.fetchone()[0]}}))
"""


def test_parallel_writes_on_the_default_sqlite_database_all_succeed(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="koers.web.settings", KOERS_VAR_DIR=str(tmp_path),
               DJANGO_SECRET_KEY="koers-test-only-secret-key-not-for-production")
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome["errors"] == []
    assert outcome["rows"] == WRITERS * 10 and outcome["journal"] == "wal"
    assert (tmp_path / "koers.sqlite3").exists()
