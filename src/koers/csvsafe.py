"""The one formula guard for every CSV export (CSV injection), and its inverse for our own imports.

A spreadsheet runs a cell as a formula when it starts with ``=``, ``+``, ``-`` or ``@`` (also their
full-width forms, which some locales accept); a leading tab, carriage return or line feed counts as
well, as some programs drop it and then see the formula. Dutch Excel splits a CSV on ``;`` and
English Excel on ``,`` whatever the file's own delimiter (a paste or a .txt file on tabs), so each
part of a text after ``;``, ``,`` or a tab may become a cell of its own. The guard puts an
apostrophe before every such part (and before the whole text) that starts with a trigger, possibly
after spaces or double quotes, and before one that already starts with apostrophes followed by a
trigger, so that ``unguard`` gives back exactly the original text. Line breaks inside a cell are
not separators (the csv module quotes such a cell and spreadsheets keep it whole), so a list with
"- " at the start of its lines stays as it is.

Only text is guarded: numbers (int, float, Decimal) are written as numbers by the exports, are
never formulas and keep their minus sign. An export must therefore pass numbers as numbers, not as
text it formatted itself.
"""

from __future__ import annotations

import re
from decimal import Decimal

TRIGGERS = "=+-@\t\r\n＝＋－＠"
SEPARATORS = ";,\t"
# A part begins at the start or after a separator; it is dangerous when, after optional
# apostrophes (already guarded text), spaces or double quotes, a trigger follows.
_DANGEROUS_PART = re.compile(rf"(?:^|(?<=[{SEPARATORS}]))(?='*[ \"]*[{re.escape(TRIGGERS)}])")
_GUARDED_PART = re.compile(rf"(?:^|(?<=[{SEPARATORS}]))'(?='*[ \"]*[{re.escape(TRIGGERS)}])")


def safe_cell(value):
    """The value for a CSV cell: text guarded, numbers unchanged, None as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)):
        return value
    return _DANGEROUS_PART.sub("'", str(value))


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]


def unguard(text: str) -> str:
    """The original text of a cell written by ``safe_cell`` (a cell without a guard is unchanged)."""
    return _GUARDED_PART.sub("", text)
