"""Connectors to open data sources, framework-free like the engines (standard library only).

- ``statline``: CBS StatLine through its OData v3 API (``StatLineClient``, ``internet_use_by_age``).

Every problem with the source (HTTP error, no connection, not JSON, unknown table) raises
``ConnectorError`` with a Dutch message. How to run them against the real services:
``docs/connectors.md``.
"""
