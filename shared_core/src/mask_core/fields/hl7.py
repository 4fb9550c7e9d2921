"""Messages written as HL7 version 2: segments of fields, each field's meaning given by its position.

A hospital's interface engine, an EHR's integration tool or a lab system hands a patient on as an HL7
v2 message (ADT, ORM, ORU), one segment per line::

    MSH|^~\\&|EPICADT|GOODHEALTH|SMSADT|GOODHEALTH|20240117083000||ADT^A01|MSG00001|P|2.5.1
    PID|1||7342561^^^GOODHEALTH^MR||QUORVE^ZYXWVUT^A||19850323|F|||12 Harbour St^^Leeds^^LS1 4AP^GBR||
    NK1|1|QUORVE^ILSE|SPO^Spouse||+44 113 496 0000
    PV1|1|I|2000^2012^01||||004777^LEMAIRE^HUBERT^^^Dr

Nothing in the text says what ``QUORVE`` or ``19850323`` is but the position: PID-5 is the patient's
name, PID-7 the date of birth. So each field the standard gives to a person is read as the key the
field rules know for it (``family_name``, ``birth_date``, ``street``, ``phone``, ``ssn`` ...), one
component at a time, so that the message keeps its structure: the patient's, next of kin's,
guarantor's and insured's names, birth dates, addresses, phones and identifiers, and the names of the
doctors the visit and the orders name. Identifiers are typed by their type code where they carry one
(``SS``, ``MR``, ``DL``). Codes, facilities, timestamps of events and observations are left alone
(an observation's text is content, scanned as any other).

The separators are the ones the ``MSH`` segment declares (``|`` and ``^~\\&`` without one).
Segments are found at line starts from C-speed searches for their ids; each is read once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mask_core.fields.pairs import MAX_PAIRS, Pair, spans_between, trimmed

__all__ = ["hl7_pairs", "may_hold_hl7"]

# What a field holds, by data type: a person's name (XPN), a person named with an id (XCN), an address
# (XAD), a telecom number (XTN), an identifier (CX), or one value under a key.
_NAME_PARTS = {1: "family_name", 2: "given_name", 3: "middle_name"}
_PROVIDER_PARTS = {2: "family_name", 3: "given_name", 4: "middle_name"}
_ADDRESS_PARTS = {1: "street", 2: "street", 3: "city", 5: "postal_code"}
_TELECOM_PARTS = {1: "phone", 4: "email", 7: "phone"}
XPN, XCN, XAD, XTN = "xpn", "xcn", "xad", "xtn"
_PARTS = {XPN: _NAME_PARTS, XCN: _PROVIDER_PARTS, XAD: _ADDRESS_PARTS, XTN: _TELECOM_PARTS}
# An identifier's key by its type code (HL7 table 0203); its field's own key otherwise.
_ID_TYPES = {
    "SS": "ssn", "SB": "ssn", "MR": "mrn", "PI": "mrn", "PT": "mrn", "AN": "mrn", "DL": "drivers_license",
    "PPN": "passport", "NI": "national_id", "NNGBR": "national_id", "PEN": "national_id", "MA": "member_id",
    "MC": "member_id", "MB": "member_id", "SN": "member_id", "NH": "national_id", "BSN": "national_id",
}  # fmt: skip
_CX = "cx:"  # an identifier: "cx:<its field's key>"

# The fields given to people, per segment (HL7 v2.5.1's numbering).
_FIELDS: dict[str, dict[int, str]] = {
    "PID": {2: _CX + "mrn", 3: _CX + "mrn", 4: _CX + "mrn", 5: XPN, 6: XPN, 7: "birth_date", 9: XPN,
            11: XAD, 13: XTN, 14: XTN, 18: _CX + "mrn", 19: "ssn", 20: _CX + "drivers_license",
            21: _CX + "mrn", 23: "birth_place"},
    "NK1": {2: XPN, 4: XAD, 5: XTN, 6: XTN, 30: XPN, 31: XTN, 32: XAD},
    "GT1": {3: XPN, 5: XAD, 6: XTN, 7: XTN, 8: "birth_date", 12: "ssn"},
    "IN1": {16: XPN, 18: "birth_date", 19: XAD, 36: "policy_number", 49: _CX + "member_id"},
    "MRG": {1: _CX + "mrn", 7: XPN},
    "PV1": {7: XCN, 8: XCN, 9: XCN, 17: XCN, 52: XCN},
    "PD1": {4: XCN},
    "ORC": {12: XCN},
    "OBR": {16: XCN, 28: XCN},
    "OBX": {16: XCN},
    "ROL": {4: XCN},
    "EVN": {5: XCN},
}  # fmt: skip
_DATE_PART = 1  # a timestamp's first component is its time (TS, DTM)
_LINE_END = re.compile(r"[\r\n]")


def may_hold_hl7(text: str) -> bool:
    """A cheap necessary condition: a message's header, or a segment of people's fields written with
    the usual separator."""
    if "|" not in text:  # one memchr: most texts end here
        return text.startswith("MSH")  # a message with separators of its own
    return "MSH" in text or any(segment + "|" in text for segment in ("PID", "NK1", "GT1", "IN1", "PV1"))


def _separators(text: str) -> tuple[str, str, str]:
    """The field, component and repetition separators the ``MSH`` segment declares (or the usual)."""
    at = text.find("MSH")
    if at >= 0 and len(text) >= at + 8 and (at == 0 or text[at - 1] in "\r\n"):
        field, component, repetition = text[at + 3], text[at + 4], text[at + 5]
        if len({field, component, repetition}) == 3 and not any(c.isalnum() for c in (field, component)):
            return field, component, repetition
    return "|", "^", "~"


def _segments(text: str, field: str) -> Iterator[tuple[str, int, int]]:
    """Each segment of people's fields: its id and its span (a line: ``\\r``, ``\\n`` or both end it)."""
    for name in _FIELDS:
        marker = name + field
        at = text.find(marker)
        while at >= 0:
            if at == 0 or text[at - 1] in "\r\n":
                stop = _LINE_END.search(text, at)
                yield name, at, len(text) if stop is None else stop.start()
            at = text.find(marker, at + len(marker))


def _component(parts: list[tuple[int, int]], n: int) -> tuple[int, int] | None:
    return parts[n - 1] if len(parts) >= n else None


def hl7_pairs(text: str) -> list[Pair]:
    """The people's values of the text's HL7 v2 segments, each segment a record."""
    field_sep, comp_sep, rep_sep = _separators(text)
    out: list[Pair] = []
    record = 0
    for name, start, end in sorted(_segments(text, field_sep), key=lambda s: s[1]):
        record += 1
        wanted = _FIELDS[name]
        for index, (f_start, f_end) in enumerate(spans_between(text, start, end, field_sep)):
            kind = wanted.get(index)
            if kind is None or f_end <= f_start:
                continue
            for r_start, r_end in spans_between(text, f_start, f_end, rep_sep):
                parts = spans_between(text, r_start, r_end, comp_sep)
                out.extend(_values(text, kind, parts, record))
        if len(out) >= MAX_PAIRS:
            break
    return out


def _values(text: str, kind: str, parts: list[tuple[int, int]], record: int) -> Iterator[Pair]:
    """The pairs of one value of a field of ``kind``, from its components ``parts``."""
    if kind in _PARTS:
        for n, key in _PARTS[kind].items():
            span = _component(parts, n)
            if span is not None:
                yield Pair(key, *trimmed(text, *span), record)
    elif kind.startswith(_CX):
        code = _component(parts, 5)
        key = _ID_TYPES.get(text[code[0] : code[1]].strip().upper(), "") if code else ""
        yield Pair(key or kind[len(_CX) :], *trimmed(text, *parts[0]), record)
    else:
        span = _component(parts, _DATE_PART)
        if span is not None:
            yield Pair(kind, *trimmed(text, *span), record)
