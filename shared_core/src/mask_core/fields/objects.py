"""JSON and Python object literals inside a text, read as the structures they are.

An MCP tool's content is a text holding JSON; a LangChain tool returns ``json.dumps(...)`` or
``str(dict)``; an error message quotes the object it failed on. Such a text is read as ``deep_encode``
reads the object: each value with the keys above it and beside it, so a FHIR identifier's value is a
medical record number because its ``type.coding[].code`` is ``MR``, ``given: ["Donna"]`` under
``name`` is a person's, and ``line_items[].name`` is a product's.

Not a parser: a text may hold several objects, or one cut short, or one in Python's syntax
(single quotes, ``None``). One pass over its tokens (strings, numbers, bare words such as ``null``
and ``True``, braces, brackets, colons) builds the tree of objects and the values in each; a value's
place in the text is its token's. A brace inside a string is a string's, so a malformed text gives
a wrong scope at worst, never a wrong value's bounds.

A number under a typed key is a cell of its own kind (``TableCell.number``): its token is a number
token, so the text stays JSON (``object_numbers`` finds those tokens again when the text comes back).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from mask_core.fields.columns import COLUMN_SOURCES, columns_beside, is_cell
from mask_core.fields.grids import header_row, label_pairs
from mask_core.fields.rules import ROOT, FieldHint, FieldRules
from mask_core.fields.tables import TableCell
from mask_core.scan.normalize import may_hold_object
from mask_core.tokens.formats.number import ANYWHERE_DIGITS, integer_digits, may_be_token, significant_digits

__all__ = [
    "may_be_number_token",
    "may_hold_object",
    "number_literal",
    "number_tokens",
    "object_cells",
    "object_numbers",
]

# A bare word is a literal (null, true, None, NaN): a value, so the string after it is the next key.
_TOKEN = re.compile(
    r""""(?:[^"\\]|\\.){0,4096}"|'(?:[^'\\\n]|\\.){0,4096}'|[{}\[\]():,]|-?[0-9][0-9.eE+-]{0,39}"""
    r"|[A-Za-z_][A-Za-z0-9_]{0,39}"
)
_NUMBER = ROOT._replace(never=True)  # a number under a key that types nothing
_MAX_TOKENS = 200_000  # a text of more is read for its first ones (the adversarial case)
_KEY_MAX = 64


class _Frame:
    """An open object (``index``, the key waiting for its value) or an open list (the key above it)."""

    __slots__ = ("calls", "count", "index", "key", "number", "pending", "row", "tuple")

    def __init__(
        self, index: int, key: str | None, number: int = -1, row: tuple[int, int] | None = None
    ) -> None:
        self.index = index  # -1 for a list
        self.key = key  # a list's key, or for an object the key it opened under
        self.pending: str | None = None
        self.number = number  # a list's number in the text, in the order opened
        self.count = 0  # a list's elements so far
        #: A list that is an element of a list: (the outer list's number, its place there).
        self.row = row
        self.tuple = False  # a list opened by "(": a Python tuple's repr
        self.calls = 0  # brackets of calls open inside it (``Decimal('12.5')``), closed before it


class _Value(NamedTuple):
    key: str
    start: int
    end: int
    owner: int  # the object it belongs to
    number: bool = False  # a number literal, not a string
    literal: bool = False  # null, true, None: what the walker sees as a key beside the others
    #: A cell of a list of lists: (the outer list's number, the row's place in it, the cell's).
    cell: tuple[int, int, int] | None = None
    listed: bool = False  # an element of a list (a table's column names, ``["full_name", "dob"]``)


class _Object(NamedTuple):
    parent: int  # -1 at the top
    key: str | None  # the key it sits under in its parent (also for each object of a list)
    listed: bool  # one of a list's objects (FHIR ``name: [{...}]``)
    place: int = -1  # its place in that list


def _scan(text: str) -> tuple[list[_Object], list[_Value]]:
    objects: list[_Object] = []
    values: list[_Value] = []
    stack: list[_Frame] = []
    last: re.Match[str] | None = None  # the string token before a colon is a key
    lists = 0  # lists opened so far: a row names its outer list by number

    def owner() -> int:
        for frame in reversed(stack):
            if frame.index >= 0:
                return frame.index
        return -1

    last_word = False  # the token before was a bare word (``Decimal``, ``datetime.date``)
    for n, m in enumerate(_TOKEN.finditer(text)):
        if n >= _MAX_TOKENS:
            break
        tok = m.group()
        was_word, last_word = last_word, tok[0].isalpha() or tok[0] == "_"
        top = stack[-1] if stack else None
        if tok in ("(", ")"):
            # A tuple's repr, inside an object or a list (``[('Ana', 4791234567)]``, a database
            # cursor's rows); a bracket after a bare word is a call's, and a bracket in the text
            # around the objects is prose's.
            if top is None:
                continue
            if tok == ")":
                if top.calls:
                    top.calls -= 1
                elif top.tuple:
                    stack.pop()
                continue
            if was_word:
                top.calls += 1
                continue
            tok = "["
        if tok in ("{", "["):
            key = None
            row = None
            if top is not None:
                key = top.key if top.index < 0 else top.pending
                if top.index >= 0:
                    top.pending = None
                else:
                    row = (top.number, top.count)
                    top.count += 1
            if tok == "{":
                place = -1 if row is None else row[1]
                objects.append(_Object(owner(), key, top is not None and top.index < 0, place))
                stack.append(_Frame(len(objects) - 1, key))
            else:
                stack.append(_Frame(-1, key, lists, row))
                stack[-1].tuple = m.group() == "("
                lists += 1
        elif tok in ("}", "]"):
            if stack:
                stack.pop()
        elif tok == ":":
            if top is not None and top.index >= 0 and last is not None and len(last.group()) <= _KEY_MAX + 2:
                top.pending = last.group()[1:-1]
        elif tok[0].isalpha() or tok[0] == "_":
            if top is not None and top.index >= 0:
                if top.pending is not None:  # the key is there, with no value to read (a sibling)
                    values.append(_Value(top.pending, m.start(), m.end(), top.index, literal=True))
                top.pending = None
            elif top is not None:
                top.count += 1  # a null cell keeps the cells after it in their columns
        elif tok != ",":
            quoted = tok[0] in "\"'"
            if top is not None:
                start, end = (m.start() + 1, m.end() - 1) if quoted else m.span()
                key = top.key if top.index < 0 else top.pending
                cell = None
                if top.index < 0:
                    if top.row is not None:
                        cell = (*top.row, top.count)
                    top.count += 1
                if key is not None or cell is not None:  # an empty string too: the walker sees its key
                    at = owner() if top.index < 0 else top.index
                    values.append(
                        _Value(key or "", start, end, at, number=not quoted, cell=cell, listed=top.index < 0)
                    )
                if top.index >= 0:
                    top.pending = None  # a string with no key pending may be the next key
            last = m if quoted else None
            continue
        last = None
    return objects, values


def object_cells(text: str, rules: FieldRules) -> list[TableCell]:
    """The values of the object literals in ``text`` whose key the rules type or mark as a code."""
    objects, values = _scan(text)
    if not values:
        return []
    hints = _hints(text, rules, objects, values)
    out: list[TableCell] = []
    for v, hint in zip(values, hints, strict=True):
        if hint is None or v.literal or v.end == v.start:
            continue
        if v.number:
            # As deep_encode reads a number: under a typed key, a number token (a placeholder in its
            # place would make the text no longer JSON); under any other key it is an id, a count or
            # an amount, and holds no finding (a 13-digit id that passes Luhn).
            if hint.entity_type is None:
                out.append(TableCell(v.start, v.end, _NUMBER))
            else:
                out.append(TableCell(v.start, v.end, hint, number=True))
        elif hint.entity_type is not None or hint.never or hint.party:
            out.append(TableCell(v.start, v.end, hint))
    return out


def object_numbers(text: str, rules: FieldRules) -> list[TableCell]:
    """The number literals of the object literals in ``text`` that may be number tokens, as
    ``deep_decode`` reads a structure's numbers (:func:`number_tokens`)."""
    objects, values = _scan(text)
    numbers = [i for i, v in enumerate(values) if v.number and may_be_number_token(text[v.start : v.end])]
    if not numbers:
        return []
    hints = _hints(text, rules, objects, values)
    return number_tokens(text, [(values[i].start, values[i].end, hints[i]) for i in numbers])


def number_tokens(text: str, numbers: list[tuple[int, int, FieldHint | None]]) -> list[TableCell]:
    """Of the number literals at ``numbers`` (start, end and the hint of their key), the cells that
    may hold number tokens: one under a typed key (its ``hint`` says which), or a long one under any
    key (a model may move a token to a field of another name)."""
    out: list[TableCell] = []
    for start, end, hint in numbers:
        if hint is not None and hint.entity_type is not None:
            out.append(TableCell(start, end, hint, number=True))
        elif integer_digits(text[start:end]) >= ANYWHERE_DIGITS:
            out.append(TableCell(start, end, ROOT, number=True))
    return out


def may_be_number_token(literal: str) -> bool:
    """Whether a number literal may be a number token Mask issued (not zero, and of a token's shape)."""
    return number_literal(literal) and may_be_token(literal)


def number_literal(literal: str) -> bool:
    """Whether a number literal of an object is a number a token can stand for (``1e5``, ``-0.25``;
    not ``1.2.3``), and not zero."""
    return significant_digits(literal) > 0


def _hints(
    text: str, rules: FieldRules, objects: list[_Object], values: list[_Value]
) -> list[FieldHint | None]:
    """Each value's field hint, as the walker would give it (None for a value outside an object)."""
    # Each object as the walker would see it: its values by key, its objects and lists of objects.
    records: list[dict[str, Any]] = [{} for _ in objects]
    for v in values:
        if v.owner >= 0:
            records[v.owner].setdefault(
                v.key, None if v.literal else 0 if v.number else text[v.start : v.end]
            )
    for i, o in enumerate(objects):
        if o.parent >= 0 and o.key is not None:
            siblings = records[o.parent]
            if o.listed:
                held = siblings.setdefault(o.key, [])
                if isinstance(held, list):
                    held.append(records[i])
            else:
                siblings.setdefault(o.key, records[i])
    scopes: list[FieldHint] = []
    for i, o in enumerate(objects):  # parents come before their children
        if o.parent < 0 or o.key is None:
            scopes.append(ROOT if o.parent < 0 else scopes[o.parent])
        else:
            scope = rules.child(scopes[o.parent], records[o.parent], o.key)
            if scope.columns is not None and o.listed and is_cell(records[i]):
                # A BigQuery row's cell, {"v": ...}: read by its column, as the walker reads it.
                scope = rules.column_hint(scope.columns, o.place) or scope._replace(columns=None)
            scopes.append(scope)
    hints = [None if v.owner < 0 else rules.child(scopes[v.owner], records[v.owner], v.key) for v in values]
    if any(v.cell is not None for v in values):
        _read_grids(text, rules, values, hints, records)
    return hints


def _read_grids(
    text: str,
    rules: FieldRules,
    values: list[_Value],
    hints: list[FieldHint | None],
    records: list[dict[str, Any]],
) -> None:
    """Give the cells of each list of lists their column's hint, as the walker does: columns named
    beside the rows (``{"columns": [...], "rows": [[...]]}``), else a header row (``fields/grids.py``)."""
    grids: dict[int, dict[int, dict[int, int]]] = {}  # outer list -> row -> column -> value index
    names: dict[int, dict[str, list[Any]]] = {}  # object -> key -> the strings of the list under it
    for i, v in enumerate(values):
        if v.cell is not None:
            outer, row, column = v.cell
            grids.setdefault(outer, {}).setdefault(row, {})[column] = i
        elif v.listed and v.owner >= 0:
            names.setdefault(v.owner, {}).setdefault(v.key, []).append(
                None if v.number else text[v.start : v.end]
            )
    for rows in grids.values():
        matrix = []
        for r in sorted(rows):
            cells = rows[r]
            line: list[Any] = [None] * (max(cells) + 1)
            for column, i in cells.items():
                v = values[i]
                line[column] = 0 if v.number else text[v.start : v.end]
            matrix.append(line)
        first = values[next(iter(rows[min(rows)].values()))]
        columns = None
        if first.owner >= 0:
            # Only the keys that name columns, not the whole object: an object of many tables
            # would be copied once per table.
            own, listed = records[first.owner], names.get(first.owner, {})
            beside = {
                k: listed[k] if k in listed else own[k] for k in COLUMN_SOURCES if k in listed or k in own
            }
            columns = columns_beside({**beside, first.key: matrix}, first.key)
        skip = -1  # no header row: columns named beside the rows
        if columns is None and 0 in rows:
            columns, skip = header_row(matrix, rules), 0
        if columns is None:
            pairs = label_pairs(matrix, rules)
            for r, value_hint in zip(sorted(rows), pairs or (), strict=False):
                for column, i in rows[r].items():
                    hints[i] = value_hint if column else rules.key_hint(value_hint)
            continue
        for r, cells in rows.items():
            if r != skip:
                for column, i in cells.items():
                    hints[i] = rules.column_hint(columns, column) or hints[i]
