"""``python -m koers.web devserver``: the demo in one command.

Migrates the database, runs ``koers_demo``, starts a Celery worker on the filesystem broker in
a subprocess, serves http://127.0.0.1:8000 with Django's development server and stops the
worker again on Ctrl-C. ``HOST`` and ``PORT`` in the environment (``PORT=8001 make run``) or
``--addr`` choose another address. Debug is on unless DJANGO_DEBUG says otherwise: not for
production.
"""

from __future__ import annotations

import argparse
import errno
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Mapping

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", "8000"


def address(environ: Mapping[str, str]) -> str:
    """``host:port`` from HOST and PORT; a bad value stops with a Dutch message, not a traceback."""
    host = environ.get("HOST", "").strip().strip("[]") or DEFAULT_HOST
    port = environ.get("PORT", "").strip() or DEFAULT_PORT
    if not port.isascii() or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise SystemExit(f"PORT moet een poortnummer van 1 tot en met 65535 zijn, niet ‘{port}’ "
                         "(bijvoorbeeld PORT=8001 make run).")
    if any(c.isspace() or c in "/?#[]" for c in host):
        raise SystemExit(f"HOST moet een hostnaam of IP-adres zijn, niet ‘{host}’ "
                         "(bijvoorbeeld HOST=0.0.0.0 make run).")
    return f"[{host}]:{int(port)}" if ":" in host else f"{host}:{int(port)}"  # IPv6 in brackets


def ensure_free(addr: str) -> None:
    """Stop with a Dutch message when ``addr`` cannot be served, before the worker starts.

    runserver itself would end the process with os._exit and leave the worker running.
    """
    host, _, port = addr.rpartition(":")
    host = host.strip("[]")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.create_server((host, int(port)), family=family):
            pass
    except socket.gaierror:
        raise SystemExit(f"Koers kan niet starten op {addr}: de hostnaam ‘{host}’ is onbekend. "
                         "Kies een ander adres, bijvoorbeeld HOST=127.0.0.1 make run.") from None
    except OSError as exc:
        reason = {errno.EADDRINUSE: "de poort is al in gebruik",
                  errno.EACCES: "geen toestemming voor deze poort",
                  errno.EADDRNOTAVAIL: "dit adres hoort niet bij deze computer"}.get(exc.errno, str(exc))
        raise SystemExit(f"Koers kan niet starten op {addr}: {reason}. Kies een ander adres of "
                         "een andere poort, bijvoorbeeld PORT=8001 make run.") from None


def _split(addr: str) -> dict[str, str]:
    host, _, port = addr.rpartition(":")
    return {"HOST": host, "PORT": port}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m koers.web devserver",
                                     description="Start de Koers-demo: database, demogegevens, worker en webserver.")
    parser.add_argument("--addr", help="adres:poort (standaard HOST:PORT uit de omgeving, anders 127.0.0.1:8000)")
    parser.add_argument("--no-worker", action="store_true", help="geen Celery-worker starten")
    args = parser.parse_args(argv)
    addr = address(_split(args.addr) if args.addr else os.environ)  # checked before anything starts
    ensure_free(addr)

    os.environ.setdefault("DJANGO_DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("koers_demo")
    worker = None if args.no_worker else start_worker()
    signal.signal(signal.SIGTERM, _stop_on_sigterm)  # `kill` stops the worker too, like Ctrl-C
    print_login(addr)
    try:
        call_command("runserver", addr, use_reloader=False)
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
