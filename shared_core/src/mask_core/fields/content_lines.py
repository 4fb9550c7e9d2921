"""Contact cards and calendar events: vCard (RFC 6350) and iCalendar (RFC 5545) content lines.

A contact tool or a calendar export writes a person as lines of ``NAME;PARAM=...:VALUE``::

    BEGIN:VCARD
    N:Halvorsen;Ingrid;;;
    FN:Ingrid Halvorsen
    TEL;TYPE=CELL:+47 412 34 567
    ADR;TYPE=HOME:;;Strandkaien 12;Bergen;;5013;Norway
    END:VCARD

The property names are short and their own (``FN``, ``N``, ``ADR``), so each is read as the key the
field rules know for it (``full_name``, the parts of a name or an address); the names of an event's
organiser and attendees are their ``CN=`` parameters. The lines of a text are one record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mask_core.fields.pairs import MAX_PAIRS, Pair

__all__ = ["content_line_pairs", "may_hold_content_lines"]

_CONTENT_LINE = re.compile(
    r"^(?P<name>[A-Za-z][A-Za-z0-9-]{0,30})(?P<params>;[^:\n]{0,256})?:(?P<value>[^\n]*)$", re.M
)
_PROPERTIES = {
    "FN": "full_name", "NICKNAME": "nickname", "TEL": "phone", "EMAIL": "email", "BDAY": "birthday",
    "ORG": "organization", "GEO": "geo",
}  # fmt: skip
# Structured values, split at ";": N is family;given;additional;prefixes;suffixes, ADR is
# pobox;extended;street;locality;region;code;country.
_PARTS = {
    "N": ("last_name", "first_name", "middle_name", None, None),
    "ADR": (None, "apartment", "street", "city", None, "postal_code", None),
}
_COMMON_NAME = re.compile(r"(?i:;CN=)(?:\"(?P<q>[^\"\n]{1,128})\"|(?P<v>[^;:\n]{1,128}))")


def may_hold_content_lines(text: str) -> bool:
    """A cheap necessary condition: a card's or a calendar's ``BEGIN:V...`` line."""
    return "BEGIN:V" in text


def content_line_pairs(text: str) -> Iterator[Pair]:
    """The person's values of vCard and iCalendar content lines, and the names (``CN=``) of an
    event's organiser and attendees."""
    for n, m in enumerate(_CONTENT_LINE.finditer(text)):
        if n >= MAX_PAIRS:
            return
        name = m.group("name").upper()
        start, end = m.span("value")
        while end > start and text[end - 1] in " \t\r":
            end -= 1
        if name in _PROPERTIES and end > start:
            yield Pair(_PROPERTIES[name], start, end, 0)
        elif name in _PARTS:
            at = start
            for key, part in zip(_PARTS[name], text[start:end].split(";"), strict=False):
                if key is not None and part.strip():
                    lead = len(part) - len(part.lstrip())
                    yield Pair(key, at + lead, at + len(part.rstrip()), 0)
                at += len(part) + 1
        params = m.group("params")
        if params and name in ("ATTENDEE", "ORGANIZER"):
            cn = _COMMON_NAME.search(text, m.start("params"), m.end("params"))
            if cn is not None:
                group = "q" if cn.group("q") is not None else "v"
                yield Pair("full_name", cn.start(group), cn.end(group), 0)
