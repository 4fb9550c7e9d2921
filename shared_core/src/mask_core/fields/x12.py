"""Transactions written as ASC X12 EDI: benefit enrollments (834), claims (837), eligibility (270/271).

A payer's or a clearinghouse's tool hands a member on as X12 segments, elements apart by ``*``::

    NM1*IL*1*QUORVE*ZYXWVUT*A***34*536228745~
    PER*IP**HP*4155552671*EM*ZQ@EXAMPLE.COM~
    N3*12 HARBOUR ST~
    N4*SPRINGFIELD*IL*62704~
    DMG*D8*19850323*F~
    REF*0F*881234567~

As in HL7 (``fields/hl7.py``), only the position says what a value is: NM1's third element is a
surname when its second says the entity is a person (``1``), its ninth an SSN when its eighth is
``34``. So each element the standard gives to a person is read as the key the field rules know for
it: an individual's name and identifier (by its qualifier), the address, birth date and contact
numbers that follow an individual's NM1 (an organisation's, a provider's or a payer's are left),
and the references that identify a member (``REF*0F`` subscriber number, ``SY`` SSN, ``EA`` medical
record) and a claim's patient control number.

The separators are the ones the ``ISA`` segment declares (``*`` and ``~`` without one). Segments are
split once from their terminator and read in order.
"""

from __future__ import annotations

from mask_core.fields.pairs import MAX_PAIRS, Pair, spans_between, trimmed

__all__ = ["may_hold_x12", "x12_pairs"]

# NM1's identification code qualifier (NM108): the key of the identifier after it (NM109).
_NM1_IDS = {"34": "ssn", "MI": "member_id", "II": "member_id", "N": "member_id", "ZZ": "member_id",
            "XX": "npi", "24": "ein", "FI": "tax_id", "EI": "employee_id"}  # fmt: skip
# REF's reference identification qualifier (REF01): the key of its value (REF02).
_REF_IDS = {"0F": "member_id", "1W": "member_id", "23": "member_id", "Q4": "member_id", "3H": "member_id",
            "ABB": "member_id", "F6": "medicare", "SY": "ssn", "EA": "mrn", "EJ": "mrn",
            "IG": "policy_number"}  # fmt: skip
# PER's communication number qualifiers: a phone's or an e-mail's.
_PHONES = frozenset({"TE", "HP", "WP", "CP", "BN", "FX", "AP", "EX", "NP"})
_PERSON = "1"  # NM102: a person (2 is an organisation)


def may_hold_x12(text: str) -> bool:
    """A cheap necessary condition: an interchange's header, or a name segment with its separator."""
    return "*" in text and ("ISA*" in text or "NM1*" in text)  # one memchr first


def _separators(text: str) -> tuple[str, str]:
    """The element separator and the segment terminator the ``ISA`` segment declares (or the usual):
    ISA is of fixed width, its terminator the 106th character."""
    at = text.find("ISA")
    if at >= 0 and len(text) > at + 105:
        element, terminator = text[at + 3], text[at + 105]
        if element != terminator and not element.isalnum() and not terminator.isalnum():
            return element, terminator
    return "*", "~"


def x12_pairs(text: str) -> list[Pair]:
    """The people's values of the text's X12 segments, each segment a record."""
    sep, terminator = _separators(text)
    out: list[Pair] = []
    person = False  # whether the entity the last NM1 named is a person
    start, record = 0, 0
    while start < len(text) and len(out) < MAX_PAIRS:
        stop = text.find(terminator, start)
        end = len(text) if stop < 0 else stop
        elements = _elements(text, *trimmed(text, start, end), sep)
        start = end + 1
        if elements:
            record += 1
            segment = _Segment(text, elements, record, out)
            person = segment.read(person)
    return out


class _Segment:
    """One segment's elements, read into ``out`` as pairs of ``record``."""

    def __init__(self, text: str, elements: list[tuple[int, int]], record: int, out: list[Pair]) -> None:
        self.text, self.elements, self.record, self.out = text, elements, record, out

    def value(self, n: int) -> str:
        return self.text[self.elements[n][0] : self.elements[n][1]] if n < len(self.elements) else ""

    def pair(self, key: str, n: int) -> None:
        if n < len(self.elements) and self.elements[n][1] > self.elements[n][0]:
            self.out.append(Pair(key, *self.elements[n], self.record))

    def read(self, person: bool) -> bool:
        """Read the segment's pairs; whether the entity named so far is a person, after it."""
        name = self.value(0)
        if name == "NM1":
            person = self.value(2) == _PERSON
            if person:
                for key, n in (("last_name", 3), ("first_name", 4), ("middle_name", 5)):
                    self.pair(key, n)
                id_key = _NM1_IDS.get(self.value(8))
                if id_key is not None:
                    self.pair(id_key, 9)
        elif name == "N3" and person:
            self.pair("street", 1)
            self.pair("street", 2)
        elif name == "N4" and person:
            self.pair("city", 1)
            self.pair("postal_code", 3)
        elif name == "DMG" and self.value(1) == "D8":
            self.pair("birth_date", 2)
        elif name == "PER" and person:
            self.pair("contact_name", 2)
            for n in (3, 5, 7):
                qualifier = self.value(n)
                if qualifier in _PHONES:
                    self.pair("phone", n + 1)
                elif qualifier == "EM":
                    self.pair("email", n + 1)
        elif name == "REF" and self.value(1) in _REF_IDS:
            self.pair(_REF_IDS[self.value(1)], 2)
        elif name == "CLM":
            self.pair("patient_id", 1)  # the patient control number
        return person


def _elements(text: str, start: int, end: int, sep: str) -> list[tuple[int, int]]:
    """The spans of a segment's elements, its id first; none when it is no segment (no id, no
    separator)."""
    if text.find(sep, start, end) < 0:
        return []
    spans = spans_between(text, start, end, sep)
    head = text[spans[0][0] : spans[0][1]]
    return spans if 2 <= len(head) <= 3 and head.isalnum() and head.isupper() else []
