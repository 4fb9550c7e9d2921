"""The pairs the readers of serialised records find in a text, and the cells the field rules make of
them.

Each reader of a format (``key=value`` assignments, XML, HTML, SQL, vCard, LDIF) finds its pairs: a
key as the format writes it (or as a key the rules know, for a format of short names: vCard's ``FN``,
LDAP's ``sn``), the span of its value in the text, and the record the pair belongs to, so that siblings
decide keys such as ``name``. Records are numbered per reader: one reader's pairs are decided apart
from another's.
"""

from __future__ import annotations

from collections.abc import Iterable

from mask_core.fields.rules import ROOT, FieldHint, FieldRules
from mask_core.fields.tables import TableCell

__all__ = ["MAX_PAIRS", "NUMBER", "Pair", "pair_cells", "pair_hints", "spans_between", "trimmed"]

#: An adversarial text of millions of pairs is read for its first ones.
MAX_PAIRS = 2000
#: The hint of a number under a key that types nothing: an id, a count or an amount, no finding.
NUMBER = ROOT._replace(never=True)


class Pair:
    """A key and the span of its value in the text."""

    __slots__ = ("end", "key", "literal", "number", "record", "start", "strict")

    def __init__(
        self,
        key: str,
        start: int,
        end: int,
        record: int,
        *,
        number: bool = False,
        literal: bool = False,
        strict: bool = False,
    ) -> None:
        self.key, self.start, self.end, self.record = key, start, end, record
        #: A number literal (SQL's ``536228745``): under a typed key its token is a number too.
        self.number = number
        #: A value that is none (SQL's ``NULL``): a key beside the others, with nothing to protect.
        self.literal = literal
        #: Read only when the rules type the key: a label read from content (the first of a table row's
        #: two cells) says nothing when it is a code's.
        self.strict = strict


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without the whitespace around it."""
    while start < end and text[start] in " \t\r\n":
        start += 1
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return start, end


def spans_between(text: str, start: int, end: int, sep: str) -> list[tuple[int, int]]:
    """The spans of ``text[start:end]`` between ``sep``s (a segment's fields, a field's components)."""
    spans = []
    while True:
        stop = text.find(sep, start, end)
        if stop < 0:
            spans.append((start, end))
            return spans
        spans.append((start, stop))
        start = stop + 1


def pair_hints(text: str, pairs: list[Pair], rules: FieldRules) -> list[FieldHint | None]:
    """Each pair's hint, decided in its record (None for a literal)."""
    records: dict[int, dict[str, object]] = {}
    for p in pairs:
        value = None if p.literal else 0 if p.number else text[p.start : p.end]
        records.setdefault(p.record, {})[p.key] = value
    return [None if p.literal else rules.child(ROOT, records[p.record], p.key) for p in pairs]


def pair_cells(text: str, pairs: Iterable[Pair], rules: FieldRules) -> list[TableCell]:
    """The cells of the pairs whose key the rules type or mark as a code (or as a party's)."""
    listed = list(pairs)
    out: list[TableCell] = []
    for p, hint in zip(listed, pair_hints(text, listed, rules), strict=True):
        if hint is None or p.end <= p.start:
            continue
        if p.number:
            # As a JSON number is read (``fields/objects.py``): a number token under a typed key, and
            # no finding under any other.
            typed = hint.entity_type is not None
            out.append(TableCell(p.start, p.end, hint if typed else NUMBER, number=typed))
        elif hint.entity_type is not None or (not p.strict and (hint.never or hint.party)):
            out.append(TableCell(p.start, p.end, hint))
    return out
