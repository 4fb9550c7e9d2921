"""Directory entries written as LDIF (RFC 2849), as ``ldapsearch`` prints them and directories
export them.

An LDAP or Active Directory tool hands a person's entry on as lines of ``attribute: value``::

    # Ingrid Halvorsen, people, example.no
    dn: cn=Ingrid Halvorsen,ou=people,dc=example,dc=no
    objectClass: inetOrgPerson
    cn: Ingrid Halvorsen
    sn: Halvorsen
    l: Bergen
    telephoneNumber: +47 55 12 34 56

The attribute names are the directory's short ones (``cn``, ``sn``, ``l``), which mean other things
elsewhere (a device's ``sn`` is its serial number, an X.509 subject's ``CN`` a host name), so they
are read as the keys the field rules know (``full_name``, ``last_name``, ``city``) only in a person's
entry: one with a surname or a given name, or of a person's object class, and not a computer's. A
group's ``cn`` is the group's name. The person is named by the entry's DN too (its first ``cn=`` or
``uid=``), by the comment ``ldapsearch`` writes before it, and by the DNs that point at the entry
from others in the same text (a group's ``member``); a ``manager`` DN names a person wherever it is.

A value written in base64 (``attr:: ...``) or by reference (``attr:< file:///...``) is left as it
is: its text is no value to protect in place. A value continued on the lines after it (each starting
with a space) is read whole. Entries are found from a C-speed search for their ``dn:`` lines, and
each line is read once.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from mask_core.fields.pairs import MAX_PAIRS, Pair

__all__ = ["ldif_pairs", "may_hold_ldif"]

_ATTRIBUTE = re.compile(
    r"(?P<name>[A-Za-z][A-Za-z0-9-]{0,63})(?:;[A-Za-z0-9;-]{1,64})?(?P<sep>::|:<|:)[ \t]*"
)
# The first RDN of a DN: its value ends at an unescaped "," or "+".
_RDN = re.compile(
    r"[ \t]*(?P<name>[A-Za-z][A-Za-z0-9-]{0,63})[ \t]*=[ \t]*(?P<value>(?:[^,+\\\n]|\\.){1,256})"
)
# A person's attributes, as the keys the field rules know. Not st (a state) nor c (a country): codes.
_PERSON_ATTRIBUTES = {
    "cn": "full_name", "commonname": "full_name", "displayname": "display_name",
    "sn": "last_name", "surname": "last_name", "givenname": "first_name", "gn": "first_name",
    "uid": "username", "userid": "username", "samaccountname": "username",
    "mail": "email", "rfc822mailbox": "email", "telephonenumber": "phone", "mobile": "mobile",
    "homephone": "home_phone", "facsimiletelephonenumber": "fax", "street": "street",
    "streetaddress": "street", "postaladdress": "postal_address", "homepostaladdress": "home_address",
    "l": "city", "localityname": "city", "postalcode": "postal_code", "employeenumber": "employee_number",
}  # fmt: skip
_NAMING = {"cn": "full_name", "uid": "username"}  # the RDNs that name a person
_GIVEN = frozenset({"sn", "surname", "givenname", "gn"})
_PERSON_CLASSES = frozenset({"person", "inetorgperson", "organizationalperson", "user"})
_NOT_PEOPLE = frozenset({"computer", "device", "group", "groupofnames", "groupofuniquenames"})
# Attributes whose value is the DN of another entry: a person's when that entry is one here.
_REFERENCES = frozenset({"member", "uniquemember", "owner", "roleoccupant", "seealso"})
_PEOPLE_REFERENCES = frozenset({"manager", "secretary"})  # a person's, whatever the text holds
_MAX_LINES = 20 * MAX_PAIRS


class _Line(NamedTuple):
    name: str  # lower case
    start: int  # the value's
    end: int
    plain: bool  # written as text (not base64 nor a reference)


class _Entry(NamedTuple):
    lines: list[_Line]  # the DN's first
    comment: int  # where the comment line before the DN starts, or -1


def may_hold_ldif(text: str) -> bool:
    """A cheap necessary condition: a ``dn:`` line."""
    return "dn:" in text


def _entries(text: str) -> list[_Entry]:
    """The entries of the text, each from its ``dn:`` line to a blank line or the next ``dn:``."""
    out: list[_Entry] = []
    read = 0
    at = text.find("dn:")
    while at >= 0 and read < _MAX_LINES:
        if at > 0 and text[at - 1] != "\n":
            at = text.find("dn:", at + 3)
            continue
        lines: list[_Line] = []
        pos = at
        while pos < len(text) and read < _MAX_LINES:
            read += 1
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            stop = end - 1 if text.startswith("\r", end - 1) and end > pos else end
            if stop == pos or (lines and text.startswith("dn:", pos)):
                break  # a blank line, or the next entry
            if text.startswith(" ", pos):
                if lines:  # a continued value: it runs on to this line's end
                    lines[-1] = lines[-1]._replace(end=stop)
            elif not text.startswith("#", pos):
                m = _ATTRIBUTE.match(text, pos, stop)
                if m is None:
                    break  # no longer LDIF
                lines.append(_Line(m.group("name").lower(), m.end(), stop, m.group("sep") == ":"))
            pos = end + 1
        out.append(_Entry(lines, _comment(text, at)))
        at = text.find("dn:", max(pos, at + 3))
    return out


def _comment(text: str, dn: int) -> int:
    """The start of the comment line right before the DN's line, or -1."""
    if dn < 2:
        return -1
    start = text.rfind("\n", max(0, dn - 512), dn - 1) + 1
    if start == 0 and dn - 1 > 511:
        return -1
    return start if text.startswith("# ", start) else -1


def _first_rdn(text: str, line: _Line) -> tuple[str, int, int] | None:
    """The attribute and the value's span of the first RDN of a DN written on ``line``."""
    m = _RDN.match(text, line.start, line.end) if line.plain else None
    if m is None:
        return None
    start, end = m.span("value")
    while end > start and text[end - 1] in " \t\r":
        end -= 1
    return m.group("name").lower(), start, end


def _is_person(text: str, lines: list[_Line]) -> bool:
    classes = {text[x.start : x.end].strip().lower() for x in lines if x.name == "objectclass"}
    given = any(x.name in _GIVEN for x in lines)
    return (given or not _PERSON_CLASSES.isdisjoint(classes)) and _NOT_PEOPLE.isdisjoint(classes)


def ldif_pairs(text: str) -> list[Pair]:
    """The values of people's entries by the keys the rules know for their attributes (each entry a
    record), and the DNs elsewhere that name those people."""
    entries = _entries(text)
    out: list[Pair] = []
    people: set[tuple[str, str]] = set()  # the RDNs of people's entries: (attribute, value)
    for record, entry in enumerate(entries):
        if not entry.lines or not _is_person(text, entry.lines):
            continue
        for x in entry.lines[1:]:
            if x.plain and x.name in _PERSON_ATTRIBUTES and x.end > x.start:
                out.append(Pair(_PERSON_ATTRIBUTES[x.name], x.start, x.end, record))
        rdn = _first_rdn(text, entry.lines[0]) if entry.lines[0].name == "dn" else None
        if rdn is not None and rdn[0] in _NAMING:
            name, start, end = rdn
            out.append(Pair(_NAMING[name], start, end, record))
            people.add((name, text[start:end].lower()))
            c = entry.comment
            if c >= 0 and text.startswith(text[start:end], c + 2) and text[c + 2 + end - start] in ",\r\n":
                out.append(Pair(_NAMING[name], c + 2, c + 2 + end - start, record))
    for record, entry in enumerate(entries):
        for x in entry.lines[1:]:
            if x.name == "memberuid" and x.plain and ("uid", text[x.start : x.end].strip().lower()) in people:
                out.append(Pair("username", x.start, x.end, record))
            elif x.name in _REFERENCES or x.name in _PEOPLE_REFERENCES:
                rdn = _first_rdn(text, x)
                if rdn is not None and rdn[0] in _NAMING:
                    name, start, end = rdn
                    if x.name in _PEOPLE_REFERENCES or (name, text[start:end].lower()) in people:
                        out.append(Pair(_NAMING[name], start, end, record))
        if len(out) >= MAX_PAIRS:
            break
    return out[:MAX_PAIRS]
