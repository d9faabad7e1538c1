"""REST API of the national comparison, under /national/... (not below an organisation).

The figures are public and read-only, like the page at /landelijk/ (``figures``). Each module adds
its routes in :func:`register`.
"""

from __future__ import annotations


def register(router) -> list:
    """Add the national routes to the API router; returns the extra (non-router) URL patterns."""
    from django.urls import re_path

    from koers.apps.national.api import batches
    from koers.apps.national.api.figures import NationalFiguresView

    batches.register(router)
    return [re_path(r"^national/figures$", NationalFiguresView.as_view(), name="national-figures")]
