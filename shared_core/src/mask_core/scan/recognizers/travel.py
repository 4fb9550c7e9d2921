"""Travel documents as machines write them: a passport's or an identity card's machine-readable zone,
and a boarding pass's bar code data.

A KYC service's OCR result or a document reader's log hands on the MRZ (ICAO Doc 9303) as it reads
it, two or three lines of capitals, digits and ``<``::

    P<USAQUORVE<<ZYXWVUT<ANNA<<<<<<<<<<<<<<<<<<<<
    93VOZETXP7USA6008318M3207268<<<<<<<<<<<<<<<6

Nothing in it reads as a name, a date of birth or a document number to a pattern of prose, but its
layout says where each is, and its check digits say it is one: when the document number's and the
birth date's check digits hold, the zone is a ``PASSPORT`` finding, whole (its fields stand glued to
one another, where no token of one could be told from the characters around it). TD3 (passports, two
lines of 44), TD2 (two of 36) and TD1 (identity cards, three of 30) are read.

A boarding pass's bar code (IATA Resolution 792, BCBP) starts with ``M1`` and the passenger's name
in a field of 20 characters (``M1QUORVE/ZYXWVUT       EABC123 LHRJFKBA 0175...``): the name is a
``PERSON`` finding.

ICAO's check digit is written here: no library on the index computes it (python-stdnum has none).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mask_core.scan.gates import Literals
from mask_core.scan.view import ScanView
from mask_core.types import Entity

__all__ = ["TravelDocumentRecognizer", "mrz_check_digit"]

_MRZ_LINE = re.compile(r"[A-Z0-9<]{30,44}")
_WEIGHTS = (7, 3, 1)
_BCBP_FIELD = re.compile(r"(?<![A-Z0-9])M[1-4](?P<field>[A-Z/'\- .]{20})[E ][A-Z0-9 ]{7}[A-Z]{3}[A-Z]{3}")


def mrz_check_digit(field: str) -> int:
    """ICAO 9303's check digit of ``field``: digits as themselves, ``A``-``Z`` as 10-35, ``<`` as 0,
    weighted 7, 3, 1 in turn, modulo 10."""
    total = 0
    for i, ch in enumerate(field):
        if ch.isdigit():
            value = ord(ch) - 48
        elif "A" <= ch <= "Z":
            value = ord(ch) - 55
        else:
            value = 0
        total += value * _WEIGHTS[i % 3]
    return total % 10


def _checks(field: str, digit: str) -> bool:
    return digit.isdigit() and mrz_check_digit(field) == int(digit)


def _lines(text: str) -> list[tuple[int, int]]:
    """The spans of the text's lines that are MRZ lines as a whole (30, 36 or 44 characters)."""
    out = []
    for m in _MRZ_LINE.finditer(text):
        start, end = m.span()
        at_start = start == 0 or text[start - 1] in "\r\n \t\"'"
        at_end = end == len(text) or text[end] in "\r\n \t\"'"
        if at_start and at_end and end - start in (30, 36, 44):
            out.append((start, end))
    return out


class TravelDocumentRecognizer:
    """The findings of machine-readable zones and boarding pass data (see the module docstring)."""

    name = "travel_document"
    entity_types: tuple[str, ...] = ("PERSON", "PASSPORT")
    shapes = frozenset({"text"})
    scan_gate = Literals({"<<", "M1", "M2"})

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        text = view.text
        if "<<" in text:
            lines = _lines(text)
            for i, (start, end) in enumerate(lines):
                size = end - start
                nxt = lines[i + 1] if i + 1 < len(lines) else None
                if nxt is None or nxt[1] - nxt[0] != size:
                    continue
                if size in (44, 36) and text[start] in "PIAC":
                    yield from self._two_lines(text, start, nxt[0], size)
                elif size == 30 and i + 2 < len(lines) and lines[i + 2][1] - lines[i + 2][0] == 30:
                    yield from self._td1(text, start, nxt[0], lines[i + 2][0])
        if "M1" in text or "M2" in text:
            for m in _BCBP_FIELD.finditer(text):
                field = m.group("field")
                if "/" in field:
                    start = m.start("field")
                    end = start + len(field.rstrip())
                    yield Entity("PERSON", start, end, 0.85, text[start:end], self.name)

    def _two_lines(self, text: str, first: int, second: int, size: int) -> Iterator[Entity]:
        """TD3 (44) and TD2 (36): the name on the first line, the numbers on the second."""
        doc, doc_check = text[second : second + 9], text[second + 9]
        dob, dob_check = text[second + 13 : second + 19], text[second + 19]
        if _checks(doc, doc_check) and _checks(dob, dob_check):
            yield self._zone(text, first, second + size)

    def _td1(self, text: str, first: int, second: int, third: int) -> Iterator[Entity]:
        """TD1 (identity cards, 3 x 30): the number on the first line, the birth date on the second,
        the name on the third."""
        doc, doc_check = text[first + 5 : first + 14], text[first + 14]
        dob, dob_check = text[second : second + 6], text[second + 6]
        if text[first] in "IAC" and _checks(doc, doc_check) and _checks(dob, dob_check):
            yield self._zone(text, first, third + 30)

    def _zone(self, text: str, start: int, end: int) -> Entity:
        # The zone is one finding: its fields stand glued to one another, where no token could be
        # told from the characters around it (and it is the document's data as a whole).
        return Entity("PASSPORT", start, end, 1.0, text[start:end], self.name, True)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))
