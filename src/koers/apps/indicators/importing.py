"""Measurements from a CSV or XLSX file: read it, map the user's own columns, store all or nothing.

Reading is the portfolio's (``portfolio.transfer.read_table``: CSV with , ; or tab, UTF-8, XLSX,
size and row limits). The user then says which of the file's columns holds the date, the value and
optionally the group and the source (:func:`guess_mapping` proposes one from the header). Values
are read as Dutch numbers (``3,5``, ``1.250``) or as machine numbers (``3.5``), dates as
``2025-01-31``, ``31-01-2025``, ``31/1/2025`` or a month ``2025-01`` (its first day). Every row is
checked before anything is stored; a problem is reported as ``rij N, kolom ‘naam’`` with the
header as row 1, as in a spreadsheet.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from koers.apps.indicators import measuring
from koers.apps.portfolio.transfer import ImportProblem, PortfolioImportError, read_table
from koers.apps.portfolio.transfer.reading import CellNumber
from koers.web.column_import import parse_rows
from koers.web.numbers import parse_number

FIELDS = {"date": _lazy("datum"), "value": _lazy("waarde"), "group": _lazy("groep"), "source": _lazy("bron")}
REQUIRED = ("date", "value")
_GUESSES = {
    "date": ("datum", "date", "peildatum", "periode", "maand", "period"),
    "value": ("waarde", "value", "meting", "aantal", "percentage", "score"),
    "group": ("groep", "group", "leeftijd", "leeftijdsgroep", "wijk", "dienst", "product"),
    "source": ("bron", "source"),
}
_DUTCH_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


class MeasurementImportError(PortfolioImportError):
    """The file cannot be imported; nothing was stored (``problems`` names row and column)."""


def read(data: bytes, filename: str = "") -> list[list[str]]:
    """The rows of the file as plain text (a workbook's numbers with a decimal comma), header first."""
    try:
        rows = read_table(data, filename)
    except PortfolioImportError as exc:
        raise MeasurementImportError(exc.problems) from None
    rows = [[_plain(cell) for cell in row] for row in rows if any(str(cell).strip() for cell in row)]
    if len(rows) < 2:
        raise MeasurementImportError([ImportProblem(0, "", _("Het bestand heeft geen rijen onder de kopregel."))])
    return rows


def _plain(cell) -> str:
    if isinstance(cell, CellNumber):  # a machine number: write it as the Dutch parser reads it
        return format(Decimal(str(cell)), "f").replace(".", ",")
    return str(cell).strip()


def guess_mapping(header: list[str]) -> dict[str, str]:
    """field -> column for the columns whose name suggests it."""
    mapping = {}
    for field, names in _GUESSES.items():
        for column in header:
            if column.strip().lower() in names and column not in mapping.values():
                mapping[field] = column
                break
    return mapping


def parse_date(text: str) -> dt.date:
    text = text.strip().split("T")[0].split(" ")[0]
    try:
        if match := _DUTCH_DATE.fullmatch(text):
            day, month, year = map(int, match.groups())
            return dt.date(year, month, day)
        if match := _MONTH.fullmatch(text):
            return dt.date(int(match[1]), int(match[2]), 1)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("‘%(value)s’ is geen datum; schrijf bijvoorbeeld 31-01-2025 of 2025-01-31.") % {
            "value": text}) from None


def to_rows(rows: list[list[str]], mapping: dict[str, str]) -> list[measuring.Row]:
    """The measurements in ``rows`` (header first) by ``mapping``; MeasurementImportError on any problem."""
    parsers = {"date": parse_date, "value": parse_number}
    return [measuring.Row(v["date"], v["value"], v.get("group", ""), v.get("source", ""))
            for v in parse_rows(rows, mapping, FIELDS, parsers, MeasurementImportError)]


def import_rows(indicator, rows: list[list[str]], mapping: dict[str, str], user=None) -> tuple[int, int]:
    """Store the file's measurements for ``indicator``, all or nothing; returns (added, replaced)."""
    measurements = to_rows(rows, mapping)
    try:
        return measuring.record(indicator, measurements, user)
    except measuring.MeasurementError as exc:
        raise MeasurementImportError([ImportProblem(p.index + 2, mapping.get(p.field, ""), p.message)
                                      for p in exc.problems]) from None
