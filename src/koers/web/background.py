"""When background work counts as stuck: shared by scanned documents and selection runs."""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone


def overdue(state: str, queued_at: datetime | None, started_at: datetime | None) -> bool:
    """Queued or running for longer than KOERS_STUCK_AFTER_MINUTES: the message was lost or the
    worker died. Retrying is then safe, because the retry's new task id makes a late original
    task skip itself."""
    since = {"queued": queued_at, "running": started_at}.get(state)
    if since is None:
        return False
    return timezone.now() - since > timedelta(minutes=settings.KOERS_STUCK_AFTER_MINUTES)


def this_worker() -> str:
    """Where this process runs, as "machine:pid": stored when background work starts, so a
    later request can tell whether the process that took it still exists."""
    return f"{_machine()}:{os.getpid()}"


def worker_gone(worker: str) -> bool:
    """True when the process named by ``this_worker()`` is known to be dead: it ran on this
    machine (same host name and process namespace) and no process has its id any more. Work
    that runs elsewhere cannot be checked from here; the KOERS_STUCK_AFTER_MINUTES rule covers
    it. (A reused process id reads as alive: the same rule covers that too.)"""
    machine, _, pid = worker.rpartition(":")
    if not pid.isdigit() or int(pid) == 0 or machine != _machine():
        return False
    try:
        os.kill(int(pid), 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:  # it exists, under another user
        return False
    return False


def _machine() -> str:
    # Containers sharing a host name may still have their own process ids: add the namespace.
    try:
        namespace = os.stat("/proc/self/ns/pid").st_ino
    except OSError:
        namespace = 0
    return f"{socket.gethostname()}/{namespace}"
