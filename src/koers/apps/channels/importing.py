"""Contact counts from a CSV or XLSX file: read it, map the user's own columns, store all or nothing.

Reading, the column guess and dates are the indicator import's (``indicators.importing``: the
portfolio's reader for CSV and XLSX, Dutch numbers, dates as 31-01-2025, 2025-01-31 or 2025-01);
a period may also be a quarter (``2025-K1``, ``2025 Q1``, ``K1 2025``), kept as its first day.
Channels are accepted in their usual Dutch spellings (``recording.channel_id``). Every row is
checked before anything is stored; a problem is reported by row (header = row 1) and column.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext_lazy as _lazy

from koers.apps.channels import recording
from koers.apps.indicators.importing import parse_date, read  # noqa: F401 - read is part of this module's API
from koers.apps.portfolio.transfer import ImportProblem, PortfolioImportError
from koers.web.column_import import parse_rows
from koers.web.numbers import parse_number

FIELDS = {"period": _lazy("periode"), "service": _lazy("dienst"), "channel": _lazy("kanaal"),
          "group": _lazy("groep"), "contacts": _lazy("aantal contacten")}
REQUIRED = ("period", "service", "channel", "contacts")
_GUESSES = {
    "period": ("periode", "period", "maand", "kwartaal", "datum", "date"),
    "service": ("dienst", "service", "product", "dienstverlening"),
    "channel": ("kanaal", "channel"),
    "group": ("groep", "group", "leeftijd", "leeftijdsgroep", "doelgroep", "wijk"),
    "contacts": ("aantal", "contacten", "aantal contacten", "contacts", "count"),
}
_QUARTER = re.compile(r"(\d{4})\s*[-/ ]?\s*[kq]([1-4])|[kq]([1-4])\s*[-/ ]?\s*(\d{4})", re.IGNORECASE)


class CountImportError(PortfolioImportError):
    """The file cannot be imported; nothing was stored (``problems`` names row and column)."""


def guess_mapping(header: list[str]) -> dict[str, str]:
    mapping = {}
    for field, names in _GUESSES.items():
        column = next((c for c in header if c.strip().lower() in names and c not in mapping.values()), None)
        if column is not None:
            mapping[field] = column
    return mapping


def parse_period(text: str) -> dt.date:
    """A date, a month or a quarter as the first day of its month."""
    if match := _QUARTER.fullmatch(text.strip()):
        year, quarter = (match[1], match[2]) if match[1] else (match[4], match[3])
        return dt.date(int(year), 3 * int(quarter) - 2, 1)
    return recording.period_start(parse_date(text))


PARSERS = {"period": parse_period, "channel": recording.channel_id, "contacts": parse_number}


def to_counts(rows: list[list[str]], mapping: dict[str, str]) -> list[recording.Count]:
    """The counts in ``rows`` (header first) by ``mapping``; CountImportError on any problem."""
    parsers = {field: PARSERS.get(field, str) for field in REQUIRED}
    return [recording.Count(v["period"], v["service"], v["channel"], v["contacts"], v.get("group", ""))
            for v in parse_rows(rows, mapping, FIELDS, parsers, CountImportError)]


def import_rows(organisation, rows: list[list[str]], mapping: dict[str, str]) -> tuple[int, int]:
    """Store the file's counts, all or nothing; returns (added, replaced)."""
    counts = to_counts(rows, mapping)
    try:
        return recording.record_counts(organisation, counts)
    except recording.CountError as exc:
        raise CountImportError([ImportProblem(p.index + 2, mapping.get(p.field, ""), p.message)
                                for p in exc.problems]) from None
