"""Findings from the layout of a text: the columns of its tables, the keys of the records serialised
in it (JSON, ``key=value``, XML) and the labels of its forms.

:func:`with_layouts` is what the text pipeline (``_textops.py``) applies to each text's findings
after both tiers ran. A table's cell is its column's value exactly, and so is a serialised pair's
value, so each is decided as a JSON value is: a typed column's cell is protected whole, and a code
column's one-word cell holds no finding. A form's value runs to the end of its line, which may say
more than the value ("MRN: 00123456, admitted"), so a label adds a finding only where the
recognizers found nothing in the value, and only up to a clause's end ("Tr0ub4dor&3 (rotate
monthly)"; a person's brackets are part of the name: "Halvorsen (née Berg)"); a code label removes
nothing, since a colon in text is weaker evidence than a key.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Collection

from mask_core.fields.forms import form_cells, may_hold_form
from mask_core.fields.markup import markup_cells, may_hold_markup
from mask_core.fields.objects import may_hold_object, number_literal
from mask_core.fields.rules import FieldRules
from mask_core.fields.tables import TableCell, may_hold_table, table_cells
from mask_core.fields.values import code_like, field_finding, phone_shaped
from mask_core.scan.spans import Taken
from mask_core.types import Entity

__all__ = ["NUMBER_LITERAL", "with_layouts"]

#: The metadata key of a finding that is a number literal of a serialised object: its token is a
#: number token (``tokens/formats/number.py``), so the text is still JSON.
NUMBER_LITERAL = "number_literal"

# Where a form's value ends before its line does: a bracket or a semicolon opens another clause.
_CLAUSE = re.compile(r"[ \t]*(?:\(|;)")


def _finding(text: str, cell: TableCell, entity_type: str, end: int) -> Entity | None:
    e = field_finding(text[cell.start : end], entity_type)
    if e is None:
        return None
    start = cell.start + e.start
    return Entity(entity_type, start, start + e.end - e.start, e.score, e.text, e.recognizer, e.validated)


def _number_finding(text: str, cell: TableCell, entity_type: str) -> Entity | None:
    """The finding of a number literal under a typed key: tokenized as a number (``NUMBER_LITERAL``)."""
    literal = text[cell.start : cell.end]
    if not number_literal(literal):
        return None  # a zero says nothing, and "1.2.3" is no number
    return Entity(
        entity_type, cell.start, cell.end, 1.0, literal, "field_number", True, {NUMBER_LITERAL: True}
    )


def _within_string(text: str, cell: TableCell) -> TableCell:
    quote = text.find('"', cell.start, cell.end)
    return cell if quote < 0 else cell._replace(end=quote)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` lies inside one of ``spans`` (sorted, non-overlapping)."""
    i = bisect.bisect_right(spans, (start, sys.maxsize)) - 1
    return i >= 0 and end <= spans[i][1]


def _merged(cells: list[TableCell], more: list[TableCell]) -> list[TableCell]:
    """``cells`` and the cells of ``more`` that overlap none of them (a table's cell wins)."""
    if not cells or not more:
        return cells or more
    taken = Taken((c.start, c.end) for c in cells)
    return cells + [c for c in more if not taken.overlaps(c.start, c.end)]


def with_layouts(
    text: str,
    rules: FieldRules,
    enabled: Collection[str] | None,
    found: list[Entity],
    report_only: Collection[str] = (),
) -> list[Entity]:
    """``found`` (one text's findings) with what its tables and forms say (see the module doc).
    Findings of ``report_only`` types (left in clear when tokenizing) do not count as found in a
    form's value: a date inside it does not leave the rest of it unprotected."""
    cells = table_cells(text, rules) if may_hold_table(text) else []
    if cells:
        # A value never runs from one cell into the next: a finding that does (an address read on
        # over a CSV row's city, postcode and date of birth) is the recognizer's, not the row's, and
        # the cells' own findings replace it.
        spans = sorted((c.start, c.end) for c in cells)
        crossed = Taken(spans)
        found = [e for e in found if not crossed.overlaps(e.start, e.end) or _inside(spans, e.start, e.end)]
    if may_hold_markup(text):
        cells = _merged(cells, markup_cells(text, rules))
    forms: list[TableCell] = []
    if may_hold_form(text):
        forms = form_cells(text, rules)
        if forms and may_hold_object(text):
            # A form inside a JSON string ("notes": "...\nCity: Bergen", ...): its value ends with
            # the string, at the first quote.
            forms = [_within_string(text, c) for c in forms]
        if cells and forms:
            in_tables = Taken((c.start, c.end) for c in cells)
            forms = [c for c in forms if not in_tables.overlaps(c.start, c.end)]
    if not cells and not forms:
        return found
    labels = [(c.start, c.end) for c in forms if c.hint.is_key]
    if labels:
        forms = [c for c in forms if not c.hint.is_key]
        found = [e for e in found if not _inside(labels, e.start, e.end)]  # a field's name is no finding
    codes = sorted((c.start, c.end) for c in cells if c.hint.never and code_like(text[c.start : c.end]))
    if codes:
        # Only what lies inside a code: a bare value's end is a guess ("TYPE=CELL:+47 412 34 567"
        # reads the code as "CELL:+47"), and the phone number that runs past it is no code.
        found = [e for e in found if not _inside(codes, e.start, e.end)]
    numbers = sorted((c.start, c.end) for c in cells if c.number)
    if numbers:
        # A number literal under a typed key gets a number token whatever a recognizer read in it (a
        # card token may start with a 0, which no JSON number does).
        found = [e for e in found if not _inside(numbers, e.start, e.end)]
    out = list(found)
    for c in cells:
        typed = c.hint.entity_type
        if typed is None and c.hint.party and phone_shaped(text[c.start : c.end]):
            typed = "PHONE_NUMBER"  # Twilio's "from": a phone number when written as one
        if typed is not None and (enabled is None or typed in enabled):
            e = _number_finding(text, c, typed) if c.number else _finding(text, c, typed, c.end)
            if e is not None:
                out.append(e)
    if forms:
        seen = Taken((e.start, e.end) for e in found if e.entity_type not in report_only)
        for c in forms:
            typed = c.hint.entity_type
            if (
                typed is None
                or (enabled is not None and typed not in enabled)
                or seen.overlaps(c.start, c.end)
            ):
                continue
            # A person's brackets hold more of the name ("Halvorsen (née Berg)", "(aka Bobby)").
            clause = None if typed == "PERSON" else _CLAUSE.search(text, c.start + 1, c.end)
            e = _finding(text, c, typed, c.end if clause is None else clause.start())
            if e is not None:
                out.append(e)
    return out
