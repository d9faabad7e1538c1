"""Connectors to open data sources, framework-free like the engines (standard library only).

- ``statline``: CBS StatLine through its OData v3 API (``StatLineClient``, ``internet_use_by_age``).
- ``population``: inhabitants per municipality and year (StatLine) and municipal mergers by CBS code.
- ``iv3``: overhead costs per inhabitant from CBS's raw Iv3 municipal finance data.
- ``cvdr``: council regulations and decisions from CVDR through KOOP's SRU search service.
- ``ori``: a municipality's begroting, kadernota, voorjaarsnota or coalitieakkoord in Open Raadsinformatie.
- ``harvest``: the engine of ``koers harvest`` (``Finding``, ``Candidate``, the ``SOURCES`` registry).
- ``http``: the ``Fetcher`` they all share (timeout, retries, rate limit, disk cache, downloads).

Every problem with the source (HTTP error, no connection, not JSON, unknown table) raises
``SourceError`` (``http``; ``statline.ConnectorError`` is the same class) with a Dutch message.
How to run them against the real services: ``docs/connectors.md``.
"""
