"""Helpers shared by the portfolio API: the XLSX renderer, user names, schema generation, defaults."""

from __future__ import annotations

from rest_framework.renderers import BaseRenderer

from koers.apps.portfolio import principles, transfer
from koers.apps.portfolio.models import GateRule


class XlsxRenderer(BaseRenderer):
    """Lets content negotiation accept ``?format=xlsx`` and the XLSX media type; the view builds the file."""

    media_type = transfer.XLSX_CONTENT_TYPE
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else b""


def _username(user) -> str | None:
    return user.get_username() if user is not None else None


def _fake(view) -> bool:
    return getattr(view, "swagger_fake_view", False)  # schema generation: no request


def _ensure_principles(organisation) -> None:
    # As the pages do: the default principles and rules of play exist once the portfolio is used.
    if not GateRule.objects.filter(organisation=organisation).exists():
        principles.ensure_defaults(organisation)
