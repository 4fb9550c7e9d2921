"""The person an address is written to: the name on the line above an address block, or before it on
its line.

A postal address names its recipient first, on the line above the street (a shipping label, a
letter's head, a ``Ship to`` block without its label) or before the street and a comma on one line
(``Thessaly Brankovic-Oduya, 12 Harbour Street, Leeds LS1 4AP``). No cue word announces that name and
no list need know it; what announces it is the address. So once the recognizers have run, a line of
two to five name words that ends right where a whole street address starts (one read with its city,
postcode, region or country: the recognizer's strong score) is a PERSON finding, unless its words are
a firm's, a role's or a heading's (``Shipping Address``, ``Acme Widgets Ltd``, ``Billing Team``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mask_core.scan.recognizers.name_words import NAMED_AFTER, WORD, name_end, names_a_firm, names_a_role
from mask_core.scan.spans import Taken
from mask_core.types import Entity

__all__ = ["ADDRESSEE_SCORE", "addressees"]

ADDRESSEE_SCORE = 0.75
# An address read with more than its street line (``components.STRONG_SCORE``'s evidence).
_WHOLE_ADDRESS = 0.9
_RECOGNIZER = "addressee"
# Words of a heading or a label above an address, or of a place rather than a person.
_NOT_ADDRESSEE = frozenset(
    """address addresses shipping billing delivery mailing postal home office work headquarters hq
    warehouse store shop branch location site return returns sender recipient ship bill deliver to from
    attn attention care customer client support team department dept service services sales accounts
    reception desk the our your my registered principal business residence residential permanent
    current previous old new""".split()  # noqa: SIM905
)
# What may stand between the name and the street: a line break, or a comma on the same line.
_BETWEEN = re.compile(r"[ \t]*,?[ \t]*\r?\n[ \t]*\Z|[ \t]*,[ \t]*\Z")
_MIN_WORDS, _MAX_WORDS = 2, 5


def addressees(text: str, found: Sequence[Entity]) -> list[Entity]:
    """PERSON findings for the names that head the street addresses in ``found`` (see the module
    docstring); none that overlaps a finding already in ``found``."""
    out: list[Entity] = []
    taken: Taken | None = None
    for e in found:
        if e.entity_type != "STREET_ADDRESS" or e.score < _WHOLE_ADDRESS or e.start < 4:
            continue
        name = _name_before(text, e.start)
        if name is None:
            continue
        if taken is None:
            taken = Taken(sorted((f.start, f.end) for f in found))
        if not taken.overlaps(*name):
            start, end = name
            out.append(Entity("PERSON", start, end, ADDRESSEE_SCORE, text[start:end], _RECOGNIZER))
    return out


def _name_before(text: str, street: int) -> tuple[int, int] | None:
    """The span of the name that opens the line (or the line before) the street at ``street``."""
    # The line before the street's, or the street's own line up to it ("Name, 12 High St").
    line = text.rfind("\n", 0, max(0, street - 1)) + 1
    between = _BETWEEN.search(text, line, street)
    if between is None:
        return None
    end = between.start()
    start = line
    while start < end and text[start] in " \t":
        start += 1
    if start >= end or name_end(text, start) != end:
        return None  # the line is more than a name: a sentence, a heading with a colon, a number
    words = [m.group() for m in WORD.finditer(text, start, end)]
    if not _MIN_WORDS <= len(words) <= _MAX_WORDS:
        return None
    name = text[start:end]
    if (
        any(w.lower() in _NOT_ADDRESSEE for w in words)
        or names_a_firm(name)
        or names_a_role(name)
        or words[-1] in NAMED_AFTER
        or (name.isupper() and len(words) > 3)  # a heading in capitals ("SHIPPING ADDRESS DETAILS")
    ):
        return None
    return start, end
