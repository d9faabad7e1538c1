"""Login throttling glue for django-axes (the client address, the page a locked-out login gets) and
the renewal of a signed-in session that makes the idle timeout work."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def client_ip(request) -> str | None:
    """The address of the client as this installation can trust it.

    Behind our proxy (DJANGO_BEHIND_PROXY) the last X-Forwarded-For entry is the one the proxy added
    itself; anything before it was sent by the client and could be forged to dodge a lockout. Without
    a proxy the header is ignored altogether.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.BEHIND_PROXY and forwarded.strip():
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a Dutch page in the site's layout (429) instead of axes' bare text."""
    minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)


def renew_session(get_response):
    """Middleware: a signed-in user's session is saved again at most once a minute, which moves its
    expiry (SESSION_COOKIE_AGE, the idle timeout) forward. Saving on every request would cost a
    database write per page for the same effect."""
    def middleware(request):
        if request.user.is_authenticated:
            minute = int(timezone.now().timestamp() // 60)
            if request.session.get("koers_seen") != minute:
                request.session["koers_seen"] = minute
        return get_response(request)
    return middleware
