"""A small client for CBS StatLine's OData v3 API, and one context figure built on it.

Public API::

    StatLineClient(base_url=BASE_URL, opener=None, timeout=30, fetcher=None)
        .table_info(table_id) -> dict                 the table's TableInfos entry (title, period, ...)
        .dimension(table_id, name) -> list[dict]      the items of a dimension (Key, Title, ...)
        .properties(table_id) -> list[dict]           the DataProperties (dimensions and topics)
        .topics(table_id) -> list[dict]               the DataProperties of type Topic
        .observations(table_id, filters=None, select=None, top=None) -> list[dict]
    ConnectorError                                    the connectors' SourceError: a Dutch message
    ContextFigure(group, period, value, unit, topic, table_id)   (frozen)
    internet_use_by_age(client, table_id=INTERNET_USE_TABLE, topic=None, period=None) -> list[ContextFigure]

``observations`` reads the table's ``TypedDataSet`` with ``$filter``, ``$select`` and ``$top``
and follows ``odata.nextLink`` until the last page (StatLine pages large answers). ``filters`` maps
a column to a key or a list of keys: ``{"Perioden": ["2022JJ00", "2023JJ00"], "Geslacht": "T001038"}``
becomes ``(Perioden eq '2022JJ00' or Perioden eq '2023JJ00') and Geslacht eq 'T001038'``. Keys
are used exactly as StatLine gives them (some carry trailing spaces).

Requests go through ``koers.connectors.http.Fetcher`` (timeout, retries with backoff, a polite
rate limit, an optional disk cache); pass ``fetcher=`` to choose its settings. ``opener`` is
anything with ``open(request, timeout=...)`` returning a readable response: an injected opener
answers from memory (the tests), so the client then makes a fetcher without retries or waiting,
as this client behaved before it had a fetcher.

``INTERNET_USE_TABLE`` is our best candidate for CBS's current table of internet use by personal
characteristics (84888NED); its predecessor for 2012-2019 is 83429NED. Both are parameters: check
with ``table_info`` before relying on them (``docs/connectors.md``).
"""

import urllib.parse
from dataclasses import dataclass
from gettext import gettext as _

from koers.connectors.http import Fetcher, SourceError

BASE_URL = "https://opendata.cbs.nl/ODataApi/odata"
INTERNET_USE_TABLE = "84888NED"
PERSON_DIMENSION = "KenmerkenPersonen"
AGE_GROUP = "leeftijd"      # the category group of the person dimension that holds the age bands
MARGINS = ("Marges", "MW00000")  # in survey tables: the estimate itself, not its margins
TIMEOUT = 30


ConnectorError = SourceError  # the name this module's callers know


@dataclass(frozen=True)
class ContextFigure:
    group: str
    period: str
    value: float | None
    unit: str
    topic: str
    table_id: str


class StatLineClient:
    def __init__(self, base_url: str = BASE_URL, opener=None, timeout: float = TIMEOUT,
                 fetcher: Fetcher | None = None):
        self.base_url = base_url.rstrip("/")
        if fetcher is None:
            fetcher = Fetcher(timeout=timeout) if opener is None else \
                Fetcher(timeout=timeout, opener=opener, retries=0, min_interval=0)
        self.fetcher = fetcher

    def table_info(self, table_id: str) -> dict:
        rows = self._feed(table_id, "TableInfos")
        if not rows:
            raise ConnectorError(_("Tabel {table} bestaat niet in StatLine.").format(table=table_id))
        return rows[0]

    def dimension(self, table_id: str, name: str) -> list[dict]:
        return self._feed(table_id, name)

    def properties(self, table_id: str) -> list[dict]:
        """The table's DataProperties: its dimensions, topics and their groups (Key, Type, Title, Unit)."""
        return self._feed(table_id, "DataProperties")

    def topics(self, table_id: str) -> list[dict]:
        return [row for row in self.properties(table_id) if row.get("Type") == "Topic"]

    def observations(self, table_id: str, filters: dict | None = None, select: list | None = None,
                     top: int | None = None) -> list[dict]:
        query = {}
        if filters:
            query["$filter"] = filter_expression(filters)
        if select:
            query["$select"] = ",".join(str(column) for column in select)
        if top is not None:
            if not isinstance(top, int) or top < 0:
                raise ConnectorError(_("$top moet een heel getal van 0 of meer zijn, niet {top!r}.").format(top=top))
            query["$top"] = str(top)
        return self._feed(table_id, "TypedDataSet", query)

    def _feed(self, table_id: str, feed: str, query: dict | None = None) -> list[dict]:
        """Every row of one feed of a table, page after page."""
        url = self._url(table_id, feed, query or {})
        rows, seen = [], set()
        while url:
            if url in seen:
                raise ConnectorError(_("StatLine verwijst steeds naar dezelfde pagina: {url}").format(url=url))
            seen.add(url)
            page = self._get(url)
            rows.extend(page["value"])
            link = page.get("odata.nextLink")
            url = urllib.parse.urljoin(url, link) if link else None
        return rows

    def _url(self, table_id: str, feed: str, query: dict) -> str:
        if not table_id or not str(table_id).isalnum():
            raise ConnectorError(_("{table!r} is geen tabelnummer van StatLine.").format(table=table_id))
        query = {**query, "$format": "json"}
        encoded = urllib.parse.urlencode(query, quote_via=urllib.parse.quote, safe="$,()")
        return f"{self.base_url}/{table_id}/{urllib.parse.quote(feed)}?{encoded}"

    def _get(self, url: str) -> dict:
        try:
            page = self.fetcher.get_json(url)
        except SourceError as error:
            raise ConnectorError(_("StatLine is niet bereikbaar of gaf geen bruikbaar antwoord: {reason}").format(
                reason=error)) from None
        if not isinstance(page, dict) or not isinstance(page.get("value"), list):
            raise ConnectorError(_("Onverwacht antwoord van StatLine op {url}: geen lijst 'value'.").format(url=url))
        return page


def filter_expression(filters: dict) -> str:
    """An OData ``$filter`` from ``{column: key or [keys]}``: or within a column, and between them."""
    if not isinstance(filters, dict):
        raise ConnectorError(_("Filters zijn een tabel van kolom naar sleutel(s), niet {filters!r}.").format(
            filters=filters))
    clauses = []
    for column, keys in filters.items():
        keys = [keys] if isinstance(keys, str) else list(keys)
        if not keys:
            raise ConnectorError(_("Filter op {column} zonder waarden.").format(column=column))
        terms = [f"{column} eq '{str(key).replace(chr(39), chr(39) * 2)}'" for key in keys]
        clauses.append(terms[0] if len(terms) == 1 else "(" + " or ".join(terms) + ")")
    return " and ".join(clauses)


def internet_use_by_age(client: StatLineClient, table_id: str = INTERNET_USE_TABLE, topic: str | None = None,
                        period: str | None = None) -> list[ContextFigure]:
    """One topic of the table per age band, for one period (default: the latest).

    The age bands are the items of ``KenmerkenPersonen`` in the category group whose title starts
    with "Leeftijd"; ``topic`` is a topic key (default: the table's first topic, which is what
    the title of the figure then names).
    """
    properties = client.properties(table_id)
    topics = [row for row in properties if row.get("Type") == "Topic"]
    chosen = next((row for row in topics if topic in (None, row.get("Key"))), None)
    if chosen is None:
        raise ConnectorError(_("Onderwerp {topic!r} staat niet in tabel {table}.").format(topic=topic, table=table_id))
    ages = _age_bands(client, table_id)
    periods = [row["Key"] for row in client.dimension(table_id, "Perioden")]
    if not periods or (period is not None and period not in periods):
        raise ConnectorError(_("Periode {period!r} staat niet in tabel {table}.").format(period=period, table=table_id))
    period = period or periods[-1]
    filters = {PERSON_DIMENSION: list(ages), "Perioden": period}
    if any(row.get("Type") == "Dimension" and row.get("Key") == MARGINS[0] for row in properties):
        filters[MARGINS[0]] = MARGINS[1]
    rows = client.observations(table_id, filters, [PERSON_DIMENSION, "Perioden", chosen["Key"]])
    values = {row[PERSON_DIMENSION]: row.get(chosen["Key"]) for row in rows}
    return [ContextFigure(title, period.strip(), values.get(key), chosen.get("Unit", ""), chosen.get("Title", ""),
                          table_id) for key, title in ages.items()]


def _age_bands(client: StatLineClient, table_id: str) -> dict[str, str]:
    """Key -> title of the person dimension's age bands, in StatLine's order."""
    groups = {row.get("ID") for row in client.dimension(table_id, "CategoryGroups")
              if row.get("DimensionKey") == PERSON_DIMENSION
              and str(row.get("Title", "")).strip().lower().startswith(AGE_GROUP)}
    bands = {row["Key"]: row.get("Title", row["Key"]) for row in client.dimension(table_id, PERSON_DIMENSION)
             if row.get("CategoryGroupID") in groups}
    if not bands:
        raise ConnectorError(_("Tabel {table} heeft geen leeftijdsgroepen in {dimension}.").format(
            table=table_id, dimension=PERSON_DIMENSION))
    return bands
