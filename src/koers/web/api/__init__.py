"""The Koers REST API (/api/v1): ``base`` (no app imports), ``permissions``, ``schema``, ``urls``.

This package module stays empty so that importing ``koers.web.api.base`` loads no Koers app.
"""
