"""Import and export of an organisation's portfolio as one table, in CSV or XLSX.

The layout (documented for users in docs/api.md, "Portefeuille importeren en exporteren"): one
row per initiative, a header row with the column names below, then

* the fixed columns ``FIXED_COLUMNS`` (``kenmerk`` ... ``status``): the initiative's own fields;
  lists (``themas``, ``doelen``, ``afhankelijk_van``) are separated by ``;``, yes/no columns are
  ``1``/``0``, amounts in euro, quarters as ``JJJJ-Qn``, the choice columns
  hold the codes (``persoonsgegevens``: none/low/high, ...);
* one column ``inzet:<team>:<kwartaal>`` per team and quarter with effort: the hours;
* one column ``score:<kader>:v<versie>:<criterium>`` per scored criterion: the score.

The CSV is what Dutch Excel opens directly: UTF-8 with BOM, ``;``-separated, numbers with a decimal
comma and no grouping (``12500,50``, ``1,125``). The XLSX holds real numbers.

Import reads the same table back (also the older comma-separated exports with a decimal point), and
what a Dutch user types: numbers and amounts through ``koers.web.numbers`` (``12.500,00``,
``€ 12.500``, ``3,5``; a workbook's number cell as it is), the choice and yes/no columns also as
their Dutch or English labels and short Dutch words (``hoog``, ``ja``), case-insensitive. Rows are matched on ``kenmerk``: a known kenmerk updates that
initiative, an unknown or empty one creates a new initiative (an empty kenmerk gets the next free
one). A column that is absent leaves that field alone; in an ``inzet``/``score`` column an empty
cell removes the estimate or score. Teams and goals that do not exist yet are created (code as
name); the framework version of a ``score`` column must exist and be published (Koers's default
framework, version 1, is created when named: its definition is known). The status of an
existing initiative cannot change through an import (that is what the rules of play are for); a
new initiative gets the status of its row. Every row is checked before anything is stored and the
whole import is one transaction: a single bad row stores nothing, and the Dutch message names the
row (header = rij 1, as in a spreadsheet) and the column.

Functions for pages and the API: :func:`export_csv`, :func:`export_xlsx`, :func:`export_filename`,
:func:`import_portfolio` (raises :class:`PortfolioImportError`).
"""

from __future__ import annotations

from koers.apps.portfolio.transfer.checking import check_table
from koers.apps.portfolio.transfer.columns import (EFFORT_PREFIX, FIXED_COLUMNS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS,
                                                   SCORE_PREFIX, SHEET_TITLE, effort_column, score_column)
from koers.apps.portfolio.transfer.export import (CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, export_csv, export_filename,
                                                  export_table, export_xlsx)
from koers.apps.portfolio.transfer.problems import ImportProblem, PortfolioImportError
from koers.apps.portfolio.transfer.reading import read_table
from koers.apps.portfolio.transfer.storing import ImportResult, import_portfolio

__all__ = [
    "CSV_CONTENT_TYPE", "EFFORT_PREFIX", "FIXED_COLUMNS", "MAX_COLUMNS", "MAX_FILE_BYTES", "MAX_ROWS", "SCORE_PREFIX",
    "SHEET_TITLE", "XLSX_CONTENT_TYPE", "ImportProblem", "ImportResult", "PortfolioImportError", "check_table",
    "effort_column", "export_csv", "export_filename", "export_table", "export_xlsx", "import_portfolio",
    "read_table", "score_column",
]
