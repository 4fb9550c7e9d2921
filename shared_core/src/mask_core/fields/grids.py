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

from mask_core.fields.rules import ROOT, FieldHint, FieldRules
from mask_core.fields.tables import reads_as_headers

__all__ = ["PAIR_ROW", "header_row", "label_pairs"]

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


#: The ``FieldHint.columns`` of a label/value pair's row (:func:`label_pairs`): its first cell is the
#: label, a key, and its second the value, of the row's hint with no columns. Compared by identity.
PAIR_ROW: tuple[str, ...] = ("",)


def label_pairs(rows: Sequence[Any], rules: FieldRules, parent: FieldHint = ROOT) -> list[FieldHint] | None:
    """The hint of each row's value when ``rows`` is a list of label and value pairs (see the module
    docstring): two or more rows of two cells, a label first, that read as field names, one of which
    the rules type; else None."""
    if not 2 <= len(rows) <= _ROWS_CHECKED:
        return None
    labels: list[str] = []
    for row in rows:
        if not isinstance(row, list | tuple) or len(row) != 2 or type(row[0]) is not str:
            return None
        labels.append(row[0])
    if not reads_as_headers(labels) or len(set(labels)) != len(labels):
        return None
    record = dict(rows)
    hints = [rules.child(parent, record, label) for label in labels]
    if not any(h.entity_type is not None for h in hints):
        return None
    return hints
