"""``python -m koers.web devserver``: the demo in one command.

Migrates the database, runs ``koers_demo``, starts a Celery worker on the filesystem broker in
a subprocess, serves http://127.0.0.1:8000 with Django's development server and stops the
worker again on Ctrl-C. Debug is on unless DJANGO_DEBUG says otherwise: not for production.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m koers.web devserver",
                                     description="Start de Koers-demo: database, demogegevens, worker en webserver.")
    parser.add_argument("--addr", default="127.0.0.1:8000", help="adres:poort (standaard 127.0.0.1:8000)")
    parser.add_argument("--no-worker", action="store_true", help="geen Celery-worker starten")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("koers_demo")
    worker = None if args.no_worker else start_worker()
    signal.signal(signal.SIGTERM, _stop_on_sigterm)  # `kill` stops the worker too, like Ctrl-C
    print_login(args.addr)
    try:
        call_command("runserver", args.addr, use_reloader=False)
    except KeyboardInterrupt:
        pass
    finally:
        stop_worker(worker)
    return 0


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt


def start_worker() -> subprocess.Popen:
    command = [sys.executable, "-m", "celery", "-A", "koers.web.celery:app", "worker",
               "--pool", "solo", "--loglevel", "WARNING"]
    return subprocess.Popen(command, env=os.environ.copy())


def stop_worker(worker: subprocess.Popen | None) -> None:
    if worker is None or worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=15)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def print_login(addr: str) -> None:
    from koers.web.management.commands.koers_demo import DEMO_PASSWORD, DEMO_USERS

    names = ", ".join(name for name, _ in DEMO_USERS)
    print(f"\nKoers draait op http://{addr}/inloggen/\n"
          f"Demogebruikers: {names} (wachtwoord: {DEMO_PASSWORD}); elke gebruikersnaam is ook de rol.\n"
          "Stoppen: Ctrl-C.\n", flush=True)
