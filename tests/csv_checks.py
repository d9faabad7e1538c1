"""What a spreadsheet would run as a formula in a CSV text, read with each list separator in use."""

import csv
import io
import re

# Written out here rather than imported, so the tests do not trust the guard's own list.
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_NUMBER = re.compile(r"-?\d+([.,]\d+)?")  # a negative number is a value, not a formula


def formula_cells(text: str) -> list[str]:
    """Every cell that starts with a trigger (after spaces) when the file is read as Dutch Excel
    (``;``), English Excel (``,``) or as tab-separated text would read it."""
    text = text.lstrip("\ufeff")
    found = []
    for delimiter in (";", ",", "\t"):
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            found += [cell for cell in row
                      if cell.lstrip(" ")[:1] in TRIGGERS and not _NUMBER.fullmatch(cell.strip())]
    return found
