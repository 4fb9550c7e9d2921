"""Tables held as rows beside their column names: ``{"columns": [...], "rows": [[...]]}`` (SQL
drivers and warehouses), BigQuery's ``{"schema": {"fields": [...]}, "rows": [{"f": [{"v": ...}]}]}``,
the Google Charts DataTable of Sheets' query endpoint
``{"cols": [{"label": ...}], "rows": [{"c": [{"v": ..., "f": "formatted"}]}]}``.

:meth:`FieldRules.child <mask_core.fields.rules.FieldRules>` puts the column names in
``FieldHint.columns`` for a key that holds such rows, and the walker (and ``fields/objects.py`` for
a text) reads each cell as its column's value; ``fields/grids.py`` reads a header row instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mask_core.fields.keys import compact, core_words, key_words

__all__ = [
    "CELL_FORMATTED",
    "CELL_VALUE",
    "COLUMN_SOURCES",
    "ROW_CELLS",
    "ROW_KEYS",
    "columns_beside",
    "is_cell",
    "row_columns",
]

# Keys of a table's rows held as lists, and of the column names beside them (SQL drivers' and
# warehouses' results: ``{"columns": [...], "rows": [[...], ...]}``, BigQuery's ``schema.fields``).
ROW_KEYS = frozenset({"rows", "data", "values", "records", "results", "items"})
#: The key of a row's cells: BigQuery's rows (``tabledata.list``, ``jobs.query``) are
#: ``{"f": [{"v": cell}, ...]}``, a DataTable's ``{"c": [{"v": cell, "f": "as displayed"}]}``.
ROW_CELLS = frozenset({"f", "c"})
#: A cell's value, and a DataTable cell's value as displayed (``"$1,200"``, ``"479-123-4567"``).
CELL_VALUE, CELL_FORMATTED = "v", "f"
_CELL_KEYS = frozenset({CELL_VALUE, CELL_FORMATTED, "p"})  # "p": a DataTable cell's properties
_COLUMN_KEYS = ("columns", "column_names", "columnNames", "fields", "headers", "header", "cols", "names")
#: The keys :func:`columns_beside` reads beside the rows.
COLUMN_SOURCES = (*_COLUMN_KEYS, "schema")


def columns_beside(mapping: Mapping[Any, Any], key: str) -> tuple[str, ...] | None:
    """The column names of the rows under ``mapping[key]``, if ``key`` holds a table's rows and a
    sibling names its columns (what :meth:`FieldRules.child` puts in ``FieldHint.columns``)."""
    return row_columns(mapping, key) if compact(core_words(key_words(key))) in ROW_KEYS else None


def row_columns(mapping: Mapping[Any, Any], key: str) -> tuple[str, ...] | None:
    """The column names of the rows under ``mapping[key]`` when they are lists (or BigQuery's
    ``{"f": [{"v": ...}]}``) and a sibling names the columns (a list of names, or of objects with a
    ``name``; BigQuery's ``schema.fields``), else None."""
    rows = mapping.get(key)
    if not isinstance(rows, list) or not rows:
        return None
    first = rows[0]
    if not isinstance(first, list | tuple) and not (
        isinstance(first, Mapping) and any(k in first for k in ROW_CELLS)
    ):
        return None
    schema = mapping.get("schema")
    for column_key in _COLUMN_KEYS:
        columns = mapping.get(column_key)
        if columns is None and column_key == "fields" and isinstance(schema, Mapping):
            columns = schema.get("fields")
        if not isinstance(columns, list | tuple) or not columns:
            continue
        names = [(c.get("name") or c.get("label")) if isinstance(c, Mapping) else c for c in columns]
        if all(isinstance(n, str) for n in names):
            return tuple(names)  # type: ignore[arg-type]
    return None


def is_cell(value: Any) -> bool:
    """Whether ``value`` is one cell of a BigQuery or DataTable row, ``{"v": ...}`` (read by its
    column)."""
    return type(value) is dict and CELL_VALUE in value and len(value) <= 3 and value.keys() <= _CELL_KEYS
