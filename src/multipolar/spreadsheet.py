"""Cells safe for spreadsheets: text that a spreadsheet would run as a formula is neutralised.

A CSV cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one)
is a formula to Excel, LibreOffice and Google Sheets: an article quoting
``=HYPERLINK("http://...")`` would become a live link, or worse, in an analyst's sheet. Such
text gets a leading apostrophe, which spreadsheets show as text and do not display.
"""

from __future__ import annotations

from typing import Any

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: The same test as a regular expression (for SQL: DuckDB ``regexp_matches``).
FORMULA_PATTERN = "^[=+@\\t\\r-]"


def neutralise_cell(value: Any) -> Any:
    """Return ``value`` safe for a CSV/XLSX cell: text starting like a formula gets a leading ``'``.

    Example: ``neutralise_cell('=HYPERLINK("http://x")')`` gives ``'\\'=HYPERLINK("http://x")'``;
    ``neutralise_cell(-2.5)`` stays ``-2.5`` (a number, not text).
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
