"""Login throttling glue for django-axes: the client address and the page a locked-out login gets."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render


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
