"""Open-data context next to the organisation's own inclusion figures: CBS internet use per age band.

``refresh_statline_context`` fetches the figures through ``koers.connectors.statline`` and replaces
the stored ones in one transaction; when the fetch fails it raises ``ConnectorError`` (a Dutch
message) and the figures fetched before stay, with the date they were fetched. Run it with the
management command ``refresh_statline_context`` (for example monthly); pages never fetch.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone

from koers.apps.channels.models import ContextFigure
from koers.connectors.statline import INTERNET_USE_TABLE, ConnectorError, StatLineClient, internet_use_by_age

SOURCE = "CBS StatLine"

__all__ = ["ConnectorError", "SOURCE", "latest", "period_label", "refresh_statline_context"]


def refresh_statline_context(opener=None, table_id: str = INTERNET_USE_TABLE, topic: str | None = None,
                             period: str | None = None) -> list[ContextFigure]:
    """Fetch and store one topic of the table per age band; ``opener`` is for tests (no network)."""
    figures = internet_use_by_age(StatLineClient(opener=opener), table_id, topic, period)
    now = timezone.now()
    with transaction.atomic():
        ContextFigure.objects.filter(source=SOURCE, table_id=table_id).delete()
        return [ContextFigure.objects.create(source=SOURCE, table_id=table_id, period=f.period, group=f.group,
                                             label=f.topic, unit=f.unit, value=f.value, position=position,
                                             fetched_at=now)
                for position, f in enumerate(figures)]


def period_label(key: str) -> str:
    """A StatLine period key as people read it: 2019JJ00 -> 2019, 2023KW02 -> 2023 K2, 2023MM04 -> 2023-04."""
    if match := re.fullmatch(r"(\d{4})(JJ|KW|MM)(\d\d)", key.strip()):
        year, kind, number = match.groups()
        return {"JJ": year, "KW": f"{year} K{int(number)}", "MM": f"{year}-{number}"}[kind]
    return key


def latest() -> list[ContextFigure]:
    """The figures of the table fetched last (its table id may have been chosen with ``--table``)."""
    newest = ContextFigure.objects.filter(source=SOURCE).order_by("-fetched_at").first()
    return list(ContextFigure.objects.filter(source=SOURCE, table_id=newest.table_id)) if newest else []
