"""Tables written as text: the header of each column is a field name (``tokenize_text``, ``scan``).

A SQL tool, a spreadsheet export or a CLI often returns its rows as text rather than as JSON::

    id,first_name,last_name,phone,city            | customer_name | email | phone |     name      phone
    1,Ingrid,Halvorsen,519-082-3304,Bergen        |---|---|---|                      ------  -------
                                                  | Ingrid ...    | ...   | ...   |     Ingrid  519...

Read as prose, a surname alone in a cell (``Halvorsen``) or a town (``Bergen``) has no context a
recognizer or a model could go on; under a header, it has the best there is. So each table's rows
are read as records, ``{header: cell}``, and the field rules (:class:`FieldRules`, the same as for
``deep_encode``) decide each cell: a typed column protects its cells whatever they hold, a code
column (``status``, ``currency``) keeps its one-word cells out of every finding, any other column
is content as before.

Four layouts, each needing a header row and at least one row under it, every row with the header's
number of cells: delimited (comma, tab, semicolon or bar; double-quoted cells allowed), Markdown
(``| a | b |`` with a ``|---|---|`` rule under the header), aligned columns under a rule of
dashes, and a CLI's aligned columns under an upper-case header (``USER_NAME    CREATE_DATE``) whose
rows leave two spaces before each column. A header must read as field names (short, starting with
a letter), and at least one of them must be a field the rules know: prose with commas is never a
table.

Written here rather than with :mod:`csv`: the cells' offsets in the text are what matter, and the
``csv`` module does not report them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from mask_core.fields.rules import ROOT, FieldHint, FieldRules

__all__ = ["TableCell", "reads_as_headers", "table_cells"]


class TableCell(NamedTuple):
    """A cell of a text table whose header the field rules decide (typed or a code)."""

    start: int
    end: int
    hint: FieldHint
    #: A number literal of a serialised object (``"ssn": 536228745``): its token must be a number too.
    number: bool = False


class _Table(NamedTuple):
    names: list[str]  # the headers
    rows: list[list[tuple[int, int]]]  # each row's cells as spans of the text
    end: int  # the index of the first line after the table
    loose: bool  # separated by bars, with no Markdown rule under the header


class _Line(NamedTuple):
    start: int
    end: int  # before the line break


# A field name: a letter first, at most three words and 32 characters ("first_name", "First Name",
# "Phone (mobile)"). A clause of prose between commas is longer.
_HEADER_CELL = re.compile(r"[A-Za-z_][\w.#/()-]*(?: [\w.#/()-]+){0,2}")
_HEADER_MAX = 32
_MD_RULE = re.compile(r"[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?[ \t]*")
_DASH_RULE = re.compile(r"[ \t]*-{3,}(?:[ \t]+-{3,})+[ \t]*")
_DASHES = re.compile(r"-{3,}")
_DELIMITERS = (",", "\t", ";", "|")
_MAX_COLUMNS = 64
# A CLI's header without a rule under it (``kubectl get``, ``docker ps``, ``aws iam list-users
# --output table``): upper-case names, two spaces or more between them ("CONTAINER ID" is one).
_CLI_HEADER_CELL = re.compile(r"[A-Z][A-Z0-9_#%/().-]*(?: [A-Z0-9_#%/().-]+)?")
_CLI_GAP = re.compile(r"[ \t]{2,}")
# psql's rule under its header (``----+-----``) and the MySQL client's borders (``+----+-----+``).
_PSQL_RULE = re.compile(r"[ \t]*-+(?:\+-+)+[ \t]*")
_BORDER = re.compile(r"[ \t]*\+(?:-+\+)+[ \t]*")
# A cell of a data frame's printout: text up to two spaces (a value may hold one: "5606 XZ").
_NOT_GAP = re.compile(r"\S+(?:[ \t]\S+)*")


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line.rstrip("\r"))
        out.append(_Line(pos, end))
        pos += len(line) + 1
    return out


def _split(text: str, line: _Line, sep: str) -> list[tuple[int, int]] | None:
    """The cells of one delimited line as (start, end) spans, stripped of spaces and quotes; None when
    a quote is left open."""
    cells: list[tuple[int, int]] = []
    pos, end = line.start, line.end
    while True:
        while pos < end and text[pos] in " \t" and sep != "\t":
            pos += 1
        if pos < end and text[pos] == '"':
            close = pos + 1
            while True:
                close = text.find('"', close, end)
                if close < 0:
                    return None
                if close + 1 < end and text[close + 1] == '"':
                    close += 2  # an escaped quote inside the cell
                    continue
                break
            cells.append((pos + 1, close))
            nxt = text.find(sep, close + 1, end)
            if nxt < 0:
                return cells
            pos = nxt + 1
            continue
        nxt = text.find(sep, pos, end)
        stop = end if nxt < 0 else nxt
        a, b = pos, stop
        while b > a and text[b - 1] in " \t":
            b -= 1
        cells.append((a, b))
        if nxt < 0:
            return cells
        pos = nxt + 1


def _pipe_cells(text: str, line: _Line) -> list[tuple[int, int]] | None:
    """A Markdown row's cells (its outer bars dropped)."""
    inner = text[line.start : line.end]
    lead = len(inner) - len(inner.lstrip())
    body = inner.strip()
    if not body.startswith("|"):
        return None
    start = line.start + lead + 1
    stop = line.start + lead + len(body) - (1 if body.endswith("|") and len(body) > 1 else 0)
    return _split(text, _Line(start, stop), "|")


def _aligned_cells(text: str, line: _Line, columns: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A row's cells under a rule of dashes: each column runs from its dashes to the next column's."""
    cells = []
    width = line.end - line.start
    for i, (first, _) in enumerate(columns):
        after = columns[i + 1][0] if i + 1 < len(columns) else width
        s, e = line.start + min(first, width), line.start + min(after, width)
        while s < e and text[s] in " \t":
            s += 1
        while e > s and text[e - 1] in " \t":
            e -= 1
        cells.append((s, e))
    return cells


def _cli_columns(text: str, line: _Line) -> list[tuple[int, int]] | None:
    """The columns of a CLI's header line (offsets in the line), or None when it is not one."""
    head = text[line.start : line.end]
    body = head.rstrip()
    if not body or body[0] in " \t" or not _CLI_GAP.search(body):
        return None
    columns, pos = [], 0
    for gap in _CLI_GAP.finditer(body):
        columns.append((pos, gap.start()))
        pos = gap.end()
    columns.append((pos, len(body)))
    if not 2 <= len(columns) <= _MAX_COLUMNS:
        return None
    if not all(_CLI_HEADER_CELL.fullmatch(body, a, b) for a, b in columns):
        return None
    return columns


def _cli_row(text: str, line: _Line, columns: list[tuple[int, int]]) -> bool:
    """Whether a line is a row under a CLI header: not empty, and two spaces (or its end) right
    before each column's first character, as the tools pad a left-aligned table (prose has single
    spaces)."""
    width = line.end - line.start
    if width == 0 or text[line.start] in " \t":
        return False
    at = line.start
    return all(
        first >= width or (text[at + first - 1] in " \t" and text[at + first - 2] in " \t")
        for first, _ in columns[1:]
    )


def _gap_headers(text: str, line: _Line) -> list[str] | None:
    """The column names of a data frame's header (pandas' ``to_string``: right-aligned names two
    spaces apart or more, the index column's blank first), or None."""
    body = text[line.start : line.end].strip()
    if not _CLI_GAP.search(body):
        return None
    return _headers(body, [(m.start(), m.end()) for m in _NOT_GAP.finditer(body)])


def _gap_cells(text: str, line: _Line, columns: int) -> list[tuple[int, int]] | None:
    """A data frame's row: its cells two spaces apart or more, after its index label (dropped) or
    with none (``index=False``); None when the count does not match the header's."""
    found = _NOT_GAP.finditer(text[line.start : line.end])
    cells = [(line.start + m.start(), line.start + m.end()) for m in found]
    if len(cells) == columns + 1:
        return cells[1:]
    return cells if len(cells) == columns else None


def _headers(text: str, cells: list[tuple[int, int]] | None) -> list[str] | None:
    if cells is None:
        return None
    names = [text[a:b] for a, b in cells]
    return names if reads_as_headers(names) else None


def reads_as_headers(names: Sequence[str]) -> bool:
    """Whether ``names`` read as a table's column names: 2 to 64 of them, each short and starting
    with a letter (a row of data has a number, an address or a sentence in it)."""
    return 2 <= len(names) <= _MAX_COLUMNS and all(
        len(n) <= _HEADER_MAX and _HEADER_CELL.fullmatch(n) for n in names
    )


def _tables(text: str, lines: list[_Line]) -> Iterator[_Table]:
    """Each table of the text that has at least one row."""
    i, n = 0, len(lines)
    while i < n - 1:
        head, nxt = lines[i], lines[i + 1]
        found: _Table | None = None
        if _MD_RULE.fullmatch(text, nxt.start, nxt.end) and (
            names := _headers(text, _pipe_cells(text, head))
        ):
            rows, j = [], i + 2
            while j < n and (cells := _pipe_cells(text, lines[j])) is not None and len(cells) == len(names):
                rows.append(cells)
                j += 1
            found = _Table(names, rows, j, False)
        elif _DASH_RULE.fullmatch(text, nxt.start, nxt.end):
            columns = [
                (m.start() - nxt.start, m.end() - nxt.start)
                for m in _DASHES.finditer(text, nxt.start, nxt.end)
            ]
            names = _headers(text, _aligned_cells(text, head, columns))
            if names is not None:
                rows, j = [], i + 2
                while j < n and lines[j].end > lines[j].start:
                    rows.append(_aligned_cells(text, lines[j], columns))
                    j += 1
                found = _Table(names, rows, j, False)
        elif _PSQL_RULE.fullmatch(text, nxt.start, nxt.end) and (
            names := _headers(text, _split(text, head, "|"))
        ):
            rows, j = [], i + 2
            while j < n and (cells := _split(text, lines[j], "|")) is not None and len(cells) == len(names):
                rows.append(cells)
                j += 1
            found = _Table(names, rows, j, False)
        elif (
            _BORDER.fullmatch(text, head.start, head.end)
            and i + 2 < n
            and _BORDER.fullmatch(text, lines[i + 2].start, lines[i + 2].end)
            and (names := _headers(text, _pipe_cells(text, nxt)))
        ):
            rows, j = [], i + 3
            while j < n and (cells := _pipe_cells(text, lines[j])) is not None and len(cells) == len(names):
                rows.append(cells)
                j += 1
            found = _Table(names, rows, j, False)
        elif head.end > head.start and text[head.start] == " " and (names := _gap_headers(text, head)):
            rows, j = [], i + 1
            while j < n and (cells := _gap_cells(text, lines[j], len(names))) is not None:
                rows.append(cells)
                j += 1
            found = _Table(names, rows, j, True)
        elif (cli := _cli_columns(text, head)) is not None and _cli_row(text, nxt, cli):
            names = [text[head.start + a : head.start + b] for a, b in cli]
            rows, j = [], i + 1
            while j < n and _cli_row(text, lines[j], cli):
                rows.append(_aligned_cells(text, lines[j], cli))
                j += 1
            found = _Table(names, rows, j, False)
        else:
            for sep in _DELIMITERS:
                if sep not in text[head.start : head.end]:
                    continue
                names = _headers(text, _split(text, head, sep))
                if names is None:
                    continue
                rows, j = [], i + 1
                while (
                    j < n and (cells := _split(text, lines[j], sep)) is not None and len(cells) == len(names)
                ):
                    rows.append(cells)
                    j += 1
                found = _Table(names, rows, j, sep == "|")
                break
        if found is not None and found.rows:
            yield found
            i = found.end
        else:
            i += 1


def may_hold_table(text: str) -> bool:
    """A cheap necessary condition: a table needs a header line and a row under it."""
    return "\n" in text


def table_cells(text: str, rules: FieldRules) -> list[TableCell]:
    """The non-empty cells of the text tables in ``text`` whose column the rules type or mark as a
    code, in text order. Nothing when no table has a column the rules know; a table separated by bars
    without a Markdown rule needs two such columns, since a bar also separates the parts of a
    signature line ("Senior Account Manager | Northwind Logistics")."""
    if not may_hold_table(text):
        return []
    out: list[TableCell] = []
    for names, rows, _, loose in _tables(text, _lines(text)):
        if loose:
            record = dict.fromkeys(names, "")
            known = sum(1 for name in names if _known(rules.child(ROOT, record, name)))
            if known < 2:
                continue
        for cells in rows:
            record = {name: text[a:b] for name, (a, b) in zip(names, cells, strict=True)}
            for name, (a, b) in zip(names, cells, strict=True):
                if b <= a:
                    continue
                hint = rules.child(ROOT, record, name)
                if _known(hint):
                    out.append(TableCell(a, b, hint))
    return out


def _known(hint: FieldHint) -> bool:
    return hint.entity_type is not None or hint.never
