"""Tables held as lists of lists whose first row names the columns (``deep_encode``).

Spreadsheet APIs and CSV readers return a table as rows of cells, the header being the first row::

    {"range": "Sheet1!A1:D3",                                  # Google Sheets values.get
     "values": [["Name", "Email", "Phone", "SSN"],
                ["Ingrid Halvorsen", "ingrid@fjord.no", "4791234567", "536228745"]]}

    list(csv.reader(f))                                        # [["first_name", "phone"], ...]

Read as loose strings, a phone of bare digits or an SSN without dashes is no finding, and a surname
alone has no context. Under a header that names its column, each cell is read as the value of that
column's key in a record holding all the columns, as :meth:`FieldRules.column_hint` reads the rows
of ``{"columns": [...], "rows": [[...]]}``.

A first row is a header when it reads as column names (``fields/tables.py``: short, a letter
first), one of them is a field the rules type, and every other row is a list no longer than it
(Sheets leaves out a row's trailing empty cells). A list of label and value pairs
(``[["Name", "Ingrid"], ["Phone", "555 0100"]]``) has field names down its first column too: it is
no table, and is read as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mask_core.fields.rules import ROOT, FieldRules
from mask_core.fields.tables import reads_as_headers

__all__ = ["header_row"]

# A grid longer than this is looked at by its first rows only: the header test stays cheap on a
# 100,000-row export, and a pairs list shows its labels in its first rows.
_ROWS_CHECKED = 64


def header_row(rows: Sequence[Any], rules: FieldRules) -> tuple[str, ...] | None:
    """The column names of ``rows`` when its first row is a header (see the module docstring)."""
    if len(rows) < 2:
        return None
    first = rows[0]
    if not isinstance(first, list | tuple) or not all(type(c) is str for c in first):
        return None
    names = tuple(first)
    if not reads_as_headers(names) or len(set(names)) != len(names):
        return None
    width = len(names)
    if not all(isinstance(row, list | tuple) and len(row) <= width for row in rows[1:]):
        return None
    if not any(rules.column_hint(names, i).entity_type for i in range(width)):  # type: ignore[union-attr]
        return None
    for row in rows[1:_ROWS_CHECKED]:
        label = row[0] if row else None
        if type(label) is str and rules.child(ROOT, {label: None}, label).entity_type is not None:
            return None  # a label in the first column: pairs of label and value, not a table
    return names
