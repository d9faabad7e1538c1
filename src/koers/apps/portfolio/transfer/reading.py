"""Reading a CSV or XLSX file into rows of text."""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from decimal import Decimal

from django.utils.translation import gettext as _

from koers.apps.portfolio.transfer.columns import MAX_FILE_BYTES, MAX_ROWS, SHEET_TITLE
from koers.apps.portfolio.transfer.problems import PortfolioImportError, _file_error
from koers.csvsafe import unguard

log = logging.getLogger(__name__)


def read_table(data: bytes, filename: str = "") -> list[list[str]]:
    """The rows of a CSV or XLSX file as text (header first); PortfolioImportError when unreadable."""
    name = (filename or "").lower()
    if not data:
        raise _file_error(_("Het bestand is leeg."))
    if len(data) > MAX_FILE_BYTES:
        raise _file_error(_("Het bestand is groter dan %(mb)d MB.") % {"mb": MAX_FILE_BYTES // (1024 * 1024)})
    if data[:4] == b"\xd0\xcf\x11\xe0" or name.endswith(".xls"):
        raise _file_error(_("Oude Excel-bestanden (.xls) worden niet ondersteund; sla het bestand op als "
                            "Excel-werkmap (.xlsx) of als CSV."))
    if data[:4] == b"PK\x03\x04" or name.endswith(".xlsx"):
        return _read_xlsx(data)
    return _read_csv(data)


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _file_error(_("Het bestand is geen CSV-tekst in UTF-8. Sla het op als ‘CSV UTF-8’ of als "
                            "Excel-werkmap (.xlsx).")) from None
    if "\x00" in text:
        raise _file_error(_("Het bestand is geen CSV-tekst (het bevat binaire gegevens)."))
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    rows = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            rows.append([unguard(cell) for cell in row])  # undo the export's formula guard
            if len(rows) > MAX_ROWS + 1:
                raise _file_error(_("Het bestand heeft meer dan %(max)d rijen.") % {"max": MAX_ROWS})
    except csv.Error as exc:
        raise _file_error(_("Rij %(row)d is geen geldige CSV (%(error)s).") % {
            "row": len(rows) + 1, "error": exc}) from None
    return rows


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    not_xlsx = _("Het bestand is geen geldige Excel-werkmap (.xlsx).")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError) as exc:
        log.info("unreadable xlsx upload: %r", exc)
        raise _file_error(not_xlsx) from None
    except Exception as exc:  # openpyxl raises its own InvalidFileException and others
        log.info("unreadable xlsx upload: %r", exc)
        raise _file_error(not_xlsx) from None
    try:
        names = workbook.sheetnames
        sheet = workbook[SHEET_TITLE] if SHEET_TITLE in names else workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(value) for value in values])
            if len(rows) > MAX_ROWS + 1:
                raise _file_error(_("Het bestand heeft meer dan %(max)d rijen.") % {"max": MAX_ROWS})
    except PortfolioImportError:
        raise
    except Exception as exc:
        log.info("unreadable xlsx sheet: %r", exc)
        raise _file_error(not_xlsx) from None
    finally:
        workbook.close()
    for row in rows:  # a read-only sheet pads rows to its width; drop the empty tail
        while row and row[-1] == "":
            row.pop()
    return rows


class CellNumber(str):
    """The text of a workbook's number cell: a machine number (decimal point), never Dutch text, so
    the checker reads 1.125 as one and a bit rather than as 1125 with a thousands point."""


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return CellNumber(int(value)) if value.is_integer() else CellNumber(repr(value))
    if isinstance(value, Decimal):
        return CellNumber(format(value, "f"))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
