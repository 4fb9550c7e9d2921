"""Rows written as SQL: ``INSERT INTO ... (columns) VALUES (...), (...)`` statements.

A database tool, a migration, a dump (``mysqldump``, ``pg_dump --inserts``) or a query log hands
rows on as the statements that write them::

    INSERT INTO customers (first_name, last_name, ssn, zip) VALUES ('Ingrid', 'Halvorsen', '536228745', 5013);

A surname or a town alone in a quoted string has no context a recognizer or a model could go on;
its column's name is the best there is. So each row is read as a record ``{column: value}``, and the
field rules decide each value as for a JSON key. A statement without its list of columns is not
guessed at: its values' order says nothing the text shows.

Values are read as SQL writes them: a quoted string (``''`` and a backslash escape a quote inside
it), a number, or a word (``NULL``, ``DEFAULT``, a function without arguments). A number is read as
a JSON number is (``fields/objects.py``): under a typed column its token is a number too, so the
statement still runs, and :func:`insert_numbers` finds those tokens again when the text comes back.
A value of any other form (an expression, a function of arguments) ends the statement's reading.

The statements are found from C-speed searches for ``INSERT`` and ``insert``, each read locally.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator

from mask_core.fields.objects import may_be_number_token, number_tokens
from mask_core.fields.pairs import MAX_PAIRS, Pair, pair_hints
from mask_core.fields.rules import FieldRules
from mask_core.fields.tables import TableCell

__all__ = ["insert_numbers", "insert_pairs", "may_hold_insert"]

_NAME = r"""(?:"[^"\n]{1,128}"|`[^`\n]{1,128}`|\[[^\]\n]{1,128}\]|[A-Za-z_][\w$]{0,127})"""
_STATEMENT = re.compile(
    rf"insert(?:\s+(?:or\s+[a-z]+|ignore|low_priority|delayed|high_priority))?\s+into\s+"
    rf"{_NAME}(?:\.{_NAME}){{0,2}}\s*\((?P<columns>[^()]{{1,4096}})\)\s*values\s*(?=\()",
    re.IGNORECASE,
)
# A string's body: what lies between its quotes, a doubled quote or an escaped character included.
_STRING = re.compile(r"(?:[^'\\]|''|\\.){0,4096}", re.DOTALL)
_NUMBER = re.compile(r"-?[0-9]{1,40}(?:\.[0-9]{1,40})?(?:[eE][-+]?[0-9]{1,4})?(?![\w.])")
# NULL, TRUE, DEFAULT, CURRENT_DATE, NOW(): a value that is none of the row's own.
_WORD = re.compile(r"[A-Za-z_][\w.]{0,63}(?:\(\s*\))?")
# A string's prefix: N'...' (SQL Server's national strings), E'...' (PostgreSQL's escapes).
_PREFIXES = frozenset("NnEe")


def may_hold_insert(text: str) -> bool:
    """A cheap necessary condition: the word ``INSERT`` (in upper or lower case)."""
    return "INSERT" in text or "insert" in text


def _starts(text: str) -> Iterator[int]:
    """Where the words ``INSERT`` and ``insert`` start, in order (each text searched once)."""

    def found(word: str) -> Iterator[int]:
        at = text.find(word)
        while at >= 0:
            yield at
            at = text.find(word, at + len(word))

    return heapq.merge(found("INSERT"), found("insert"))


def _columns(written: str) -> list[str]:
    return [c.strip().strip('"`[]') for c in written.split(",")]


def _skip(text: str, at: int) -> int:
    """The index of the first character at or after ``at`` that is no whitespace."""
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at


def _value(text: str, at: int) -> tuple[int, int, str]:
    """The value at ``at``: its span and its kind (``string``, ``number`` or ``word``); for a value of
    no such form the kind is empty and the span's end is how far it was read."""
    if text.startswith("'", at) or (text[at : at + 1] in _PREFIXES and text.startswith("'", at + 1)):
        start = text.index("'", at) + 1
        body = _STRING.match(text, start)
        end = start if body is None else body.end()
        return (start, end, "string") if text.startswith("'", end) else (start, end, "")
    m = _NUMBER.match(text, at) or _WORD.match(text, at)
    if m is None:
        return at, at, ""
    return m.start(), m.end(), "word" if m.re is _WORD else "number"


def _rows(text: str, at: int) -> tuple[list[list[tuple[int, int, str]]], int]:
    """The rows of the ``VALUES`` list that starts at ``at`` (its first bracket), and how far the text
    was read (a string never closed was read to the end of its body)."""
    rows: list[list[tuple[int, int, str]]] = []
    while text.startswith("(", at):
        row: list[tuple[int, int, str]] = []
        at += 1
        while True:
            value = _value(text, _skip(text, at))
            if not value[2]:
                return rows, value[1]
            row.append(value)
            at = _skip(text, value[1] + (value[2] == "string"))  # past a string's closing quote
            if not text.startswith(",", at):
                break
            at += 1
        if not text.startswith(")", at):
            return rows, at
        rows.append(row)
        at = _skip(text, at + 1)
        if not text.startswith(",", at) or len(rows) >= MAX_PAIRS:
            return rows, at
        at = _skip(text, at + 1)
    return rows, at


def insert_pairs(text: str) -> list[Pair]:
    """The values of the rows of the text's ``INSERT`` statements, each row a record (its ``NULL``
    and other words as keys beside the values)."""
    out: list[Pair] = []
    record = read = 0  # read: how far the statements so far were read (an INSERT in a string is text)
    for at in _starts(text):
        m = _STATEMENT.match(text, at) if at >= read else None
        if m is None:
            continue
        columns = _columns(m.group("columns"))
        rows, read = _rows(text, m.end())
        for row in rows:
            if len(row) != len(columns):
                continue  # not the statement's columns: no guess at which value is whose
            record += 1
            for column, (start, end, kind) in zip(columns, row, strict=True):
                out.append(Pair(column, start, end, record, number=kind == "number", literal=kind == "word"))
        if len(out) >= MAX_PAIRS:
            break
    return out


def insert_numbers(text: str, rules: FieldRules) -> list[TableCell]:
    """The number literals of the text's ``INSERT`` rows that may be number tokens, as
    ``object_numbers`` reads a JSON text's (:func:`~mask_core.fields.objects.number_tokens`)."""
    pairs = insert_pairs(text)
    numbers = [i for i, p in enumerate(pairs) if p.number and may_be_number_token(text[p.start : p.end])]
    if not numbers:
        return []
    hints = pair_hints(text, pairs, rules)
    return number_tokens(text, [(pairs[i].start, pairs[i].end, hints[i]) for i in numbers])
