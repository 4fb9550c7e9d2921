"""What the street-line finders and the components after a street line share: the pieces their
patterns are built from (a capitalised word, the particles of a name), the military post office, and
the street line itself (:class:`Line`)."""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["MILITARY", "NAME", "PARTICLE", "UP", "Line", "boundary_before"]

# -- words and the pieces patterns are built from ---------------------------------------------------
# Upper-case Latin letters, and Latin Extended-A whole (Ł, Ż, Š...): ``re`` has no class for the
# upper case of a script, and a name starting with a lower-case extended letter is rare.
UP = "A-ZÀ-ÖØ-ÞĀ-ſ"
NAME = rf"[{UP}][\w'’.-]{{0,30}}"  # a capitalised word of a name (letters, digits, apostrophes)
#: The particles inside street and town names, for these patterns and those of ``street_names.py``.
PARTICLE = (
    r"(?:de|del|della|delle|dei|degli|di|da|do|dos|das|du|des|la|las|los|le|les|el|y|i|e|von|van|der"
    r"|den|ter|am|an|im|in|zum|zur|vorm|ob|bei|aan|op|bij|of|the|on|upon|sur|sous|en|ao|aos|à|às|au|aux"
    r"|calle|carrera|rua|rue)"
)
MILITARY = re.compile(r"(?:APO|FPO|DPO)[ \t]+(?:AA|AE|AP)[ \t]+[0-9]{5}(?![\w])")


class Line(NamedTuple):
    start: int
    end: int
    score: float  # of the street line alone
    needs_postcode: bool  # a named street without a number: only with a postcode after it


def boundary_before(text: str, pos: int) -> bool:
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] in "_'’-/")
