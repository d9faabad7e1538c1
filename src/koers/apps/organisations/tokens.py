"""The one service for API keys: make, revoke and check (page, command line and the API's authentication).

The key is shown once, when it is made; the database keeps its first characters, so its owner can
recognise it, and its SHA-256. A check finds the candidates by those first characters and compares
the hashes in constant time.
"""

from __future__ import annotations

import datetime
import hmac

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from koers.apps.organisations.keys import digest, new_secret
from koers.apps.organisations.models import ApiToken

PREFIX_LENGTH = 8
USE_RECORDED_EVERY = datetime.timedelta(minutes=1)  # spares a write on every request


class TokenRefused(Exception):
    """A key that does not let its bearer in; the message says why, in Dutch."""


def create(user, name: str, days: int) -> tuple[ApiToken, str]:
    """A new key valid for ``days`` (one of ``ApiToken.Lifetime``); returns it with its secret."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Geef de API-sleutel een naam, zodat u later weet waarvoor hij is."))
    if days not in ApiToken.Lifetime.values:
        raise ValidationError(_("Kies een geldigheid van 30 dagen, 90 dagen of een jaar."))
    key = new_secret()
    token = ApiToken(user=user, name=name, prefix=key[:PREFIX_LENGTH], key_hash=digest(key),
                     expires_at=timezone.now() + datetime.timedelta(days=days))
    token.full_clean()
    token.save()
    return token, key


def revoke(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def is_active(token: ApiToken) -> bool:
    return token.revoked_at is None and token.expires_at > timezone.now()


def check(key: str) -> ApiToken:
    """The token of ``key`` if it may be used now (and records the use), else :class:`TokenRefused`."""
    wanted = digest(key)
    candidates = ApiToken.objects.select_related("user").filter(prefix=key[:PREFIX_LENGTH])
    token = next((t for t in candidates if hmac.compare_digest(t.key_hash, wanted)), None)
    if token is None or not token.user.is_active:
        raise TokenRefused(_("Deze API-sleutel is onbekend. Controleer of u de hele sleutel hebt overgenomen."))
    if token.revoked_at is not None:
        raise TokenRefused(_("Deze API-sleutel is ingetrokken. Maak een nieuwe op de pagina API-sleutels."))
    now = timezone.now()
    if token.expires_at <= now:
        raise TokenRefused(_("Deze API-sleutel is verlopen op %(date)s. Maak een nieuwe op de pagina API-sleutels.")
                           % {"date": date_format(timezone.localtime(token.expires_at), "DATE_FORMAT")})
    if token.last_used_at is None or now - token.last_used_at >= USE_RECORDED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
