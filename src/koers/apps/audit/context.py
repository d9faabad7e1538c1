"""Who is acting right now: set per request by the middleware, or explicitly by tasks."""

from __future__ import annotations

import contextlib
from contextvars import ContextVar

from django.http import HttpRequest

SYSTEM_ACTOR = "systeem"

_actor: ContextVar = ContextVar("koers_audit_actor", default=None)


@contextlib.contextmanager
def acting_as(actor):
    """Attribute every change inside the block to ``actor``: a user, a name or a request."""
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor() -> tuple[object | None, str]:
    """(user or None, display name) of whoever is acting now; 'systeem' when nobody is."""
    actor = _actor.get()
    if isinstance(actor, HttpRequest):
        actor = getattr(actor, "user", None)
    if actor is None:
        return None, SYSTEM_ACTOR
    if isinstance(actor, str):
        return None, actor
    if not getattr(actor, "is_authenticated", False):
        return None, SYSTEM_ACTOR
    return actor, actor.get_username()
