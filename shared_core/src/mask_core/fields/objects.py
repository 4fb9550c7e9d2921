"""JSON and Python object literals inside a text, read as the structures they are.

An MCP tool's content is a text holding JSON; a LangChain tool returns ``json.dumps(...)`` or
``str(dict)``; an error message quotes the object it failed on. Such a text is read as ``deep_encode``
reads the object: each value with the keys above it and beside it, so a FHIR identifier's value is a
medical record number because its ``type.coding[].code`` is ``MR``, ``given: ["Donna"]`` under
``name`` is a person's, and ``line_items[].name`` is a product's.

Not a parser: a text may hold several objects, or one cut short, or one in Python's syntax
(single quotes, ``None``). One pass over its tokens (strings, numbers, braces, brackets, colons)
builds the tree of objects and the values in each; a value's place in the text is its token's. A
brace inside a string is a string's, so a malformed text gives a wrong scope at worst, never a
wrong value's bounds.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from mask_core.fields.rules import ROOT, FieldHint, FieldRules
from mask_core.fields.tables import TableCell

__all__ = ["object_cells"]

_TOKEN = re.compile(
    r""""(?:[^"\\\n]|\\.){0,4096}"|'(?:[^'\\\n]|\\.){0,4096}'|[{}\[\]:,]|-?[0-9][0-9.eE+-]{0,39}"""
)
_NUMBER = ROOT._replace(never=True)  # a number under a key that types nothing
_MAX_TOKENS = 200_000  # a text of more is read for its first ones (the adversarial case)
_KEY_MAX = 64


class _Frame:
    """An open object (``index``, the key waiting for its value) or an open list (the key above it)."""

    __slots__ = ("index", "key", "pending")

    def __init__(self, index: int, key: str | None) -> None:
        self.index = index  # -1 for a list
        self.key = key  # a list's key, or for an object the key it opened under
        self.pending: str | None = None


class _Value(NamedTuple):
    key: str
    start: int
    end: int
    owner: int  # the object it belongs to
    number: bool = False  # a number literal, not a string


class _Object(NamedTuple):
    parent: int  # -1 at the top
    key: str | None  # the key it sits under in its parent (also for each object of a list)
    listed: bool  # one of a list's objects (FHIR ``name: [{...}]``)


def _scan(text: str) -> tuple[list[_Object], list[_Value]]:
    objects: list[_Object] = []
    values: list[_Value] = []
    stack: list[_Frame] = []
    last: re.Match[str] | None = None  # the string token before a colon is a key

    def owner() -> int:
        for frame in reversed(stack):
            if frame.index >= 0:
                return frame.index
        return -1

    for n, m in enumerate(_TOKEN.finditer(text)):
        if n >= _MAX_TOKENS:
            break
        tok = m.group()
        top = stack[-1] if stack else None
        if tok in ("{", "["):
            key = None
            if top is not None:
                key = top.key if top.index < 0 else top.pending
                if top.index >= 0:
                    top.pending = None
            if tok == "{":
                objects.append(_Object(owner(), key, top is not None and top.index < 0))
                stack.append(_Frame(len(objects) - 1, key))
            else:
                stack.append(_Frame(-1, key))
        elif tok in ("}", "]"):
            if stack:
                stack.pop()
        elif tok == ":":
            if top is not None and top.index >= 0 and last is not None and len(last.group()) <= _KEY_MAX + 2:
                top.pending = last.group()[1:-1]
        elif tok != ",":
            quoted = tok[0] in "\"'"
            if top is not None:
                start, end = (m.start() + 1, m.end() - 1) if quoted else m.span()
                key = top.key if top.index < 0 else top.pending
                if key is not None and end > start:
                    at = owner() if top.index < 0 else top.index
                    values.append(_Value(key, start, end, at, number=not quoted))
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
    # Each object as the walker would see it: its values by key, its objects and lists of objects.
    records: list[dict[str, Any]] = [{} for _ in objects]
    for v in values:
        if v.owner >= 0:
            records[v.owner].setdefault(v.key, 0 if v.number else text[v.start : v.end])
    for i, o in enumerate(objects):
        if o.parent >= 0 and o.key is not None:
            siblings = records[o.parent]
            if o.listed:
                held = siblings.setdefault(o.key, [])
                if isinstance(held, list):
                    held.append(records[i])
            else:
                siblings.setdefault(o.key, records[i])
    hints: list[FieldHint] = []
    for o in objects:  # parents come before their children
        if o.parent < 0 or o.key is None:
            hints.append(ROOT if o.parent < 0 else hints[o.parent])
        else:
            hints.append(rules.child(hints[o.parent], records[o.parent], o.key))
    out: list[TableCell] = []
    for v in values:
        if v.owner < 0:
            continue
        hint = rules.child(hints[v.owner], records[v.owner], v.key)
        if v.number:
            # As deep_encode reads a number: only under a typed key, and there by its digits (a
            # placeholder in its place would make the text no longer JSON); under any other key it
            # is an id, a count or an amount, and holds no finding (a 13-digit id that passes Luhn).
            if hint.entity_type is None:
                out.append(TableCell(v.start, v.end, _NUMBER))
        elif hint.entity_type is not None or hint.never or hint.party:
            out.append(TableCell(v.start, v.end, hint))
    return out
