"""Random secrets shown once and stored only as their SHA-256 (invitation links and API keys)."""

from __future__ import annotations

import hashlib
import secrets

SECRET_BYTES = 33  # 44 URL-safe characters


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
