"""When background work counts as stuck: shared by scanned documents and selection runs."""

from __future__ import annotations

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
