"""Records serialised inside a text: JSON and Python dicts, ``key=value`` pairs, XML elements, and
the formats read by modules of their own: HTML (``fields/html.py``), SQL ``INSERT`` statements
(``fields/sql.py``), vCard and iCalendar content lines (``fields/content_lines.py``), LDIF
(``fields/ldif.py``), HL7 v2 messages (``fields/hl7.py``), X12 transactions (``fields/x12.py``),
NACHA ACH files (``fields/nacha.py``), SWIFT MT party fields (``fields/swift.py``), DICOM dumps
(``fields/dicom.py``) and OFX 1.x statements (below).

Tools hand their results on as text more often than as objects: an MCP tool's content is a text
holding JSON, a LangChain tool returns ``str(dict)`` or ``json.dumps``, a log line is logfmt, a URL
carries a query string, a SOAP or RSS service answers in XML::

    Result: {"first_name": "Ingrid", "last_name": "Halvorsen", "city": "Bergen"}
    level=info user=ihalvorsen last_name=Halvorsen city=Bergen
    GET /api/users?first_name=Ingrid&last_name=Halvorsen
    <customer><last_name>Halvorsen</last_name><phone>55 12 34 56</phone></customer>
    <tr><th>Last name</th><th>City</th></tr><tr><td>Halvorsen</td><td>Bergen</td></tr>

In such a text a surname or a town stands alone after its key, with no context a recognizer or a
model could go on; the key is the best there is. So each pair is read as a JSON entry would be: the
field rules decide its key, and a typed key's value is protected whole (a code's holds no finding).
The value is delimited exactly (quotes, a tag, the end of a bare word), as a table's cell is.

Object literals (JSON, Python dicts) are read as the trees they are (``fields/objects.py``). Otherwise
siblings decide keys such as ``name`` (a person's beside an e-mail, a product's beside a SKU): the
pairs of one line of assignments, or of one XML text, are one record, and each format says what its
records are (an HTML table's row, an SQL row, a directory entry).

A pattern over the whole text would try every position of it; the readers start from C-speed
searches for what every pair holds (``":``, ``=``, ``</``) or what every statement of a format
starts with (``INSERT``, ``dn:``, ``BEGIN:V``), and read each hit locally.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from mask_core.fields.content_lines import content_line_pairs, may_hold_content_lines
from mask_core.fields.dicom import dicom_pairs, may_hold_dicom
from mask_core.fields.hl7 import hl7_pairs, may_hold_hl7
from mask_core.fields.html import html_pairs
from mask_core.fields.ldif import ldif_pairs, may_hold_ldif
from mask_core.fields.nacha import may_hold_nacha, nacha_pairs
from mask_core.fields.objects import may_hold_object, object_cells
from mask_core.fields.pairs import MAX_PAIRS, Pair, pair_cells, trimmed
from mask_core.fields.rules import FieldRules
from mask_core.fields.sql import insert_pairs, may_hold_insert
from mask_core.fields.swift import may_hold_swift, swift_pairs
from mask_core.fields.tables import TableCell
from mask_core.fields.x12 import may_hold_x12, x12_pairs
from mask_core.scan.spans import Taken

__all__ = ["markup_cells", "may_hold_markup"]

_KEY = r"[A-Za-z_@$][\w.@$-]{0,47}"
_QUOTED = r""""(?P<dq>(?:[^"\\\n]|\\.){1,512})"|'(?P<sq>(?:[^'\\\n]|\\.){1,512})'"""
# key=value (logfmt, query strings, keyword arguments, environment lines): quoted or one bare word.
_ASSIGNED_VALUE = re.compile(rf"""(?:{_QUOTED}|(?P<bare>[^\s"'&;,<>)(\]\[{{}}]{{1,256}}))""")
_KEY_BEFORE = re.compile(rf"(?<![\w.@$-])(?P<key>{_KEY})[ \t]?$")
# <key attr="...">value</key>: text content only (no nested element).
_CLOSE = re.compile(rf"</(?P<key>{_KEY})>")
_OPEN_BEFORE = r"<{key}(?:[ \t][^<>]{{0,256}})?>(?P<value>[^<>]{{1,512}})$"


def may_hold_markup(text: str) -> bool:
    """A cheap necessary condition: an object literal or a list of lists (``may_hold_object``), an
    ``=`` (in every LDIF entry's DN, ``cn=...``), a closing tag, or what one of the formats' readers
    (``_FORMATS``) needs."""
    return (
        may_hold_object(text)
        or "=" in text
        or "</" in text
        or any(may_hold(text) for may_hold, _ in _FORMATS)
    )


def _span(m: re.Match[str]) -> tuple[int, int] | None:
    for group in ("dq", "sq", "bare"):
        if m.group(group) is not None:
            return m.span(group)
    return None


def _assigned(text: str) -> Iterator[Pair]:
    """The pairs of ``key=value`` assignments. The pairs of one line are one record; so are the
    lines of a file of settings (each line one assignment from its start: an env file, an INI
    section, TOML), whose bare value runs to the line's end (``CUSTOMER_NAME=Ana de la Vega``)."""
    at = text.find("=")
    n = line = counted = 0
    block, block_line = -1, -2  # the first line of the run of setting lines, and its last line
    line_start = 0
    while at >= 0 and n < MAX_PAIRS:
        nxt = at + 1
        if nxt < len(text) and text[nxt] not in "=>" and (at == 0 or text[at - 1] not in "=!<>+-*/%|&^:"):
            k = _KEY_BEFORE.search(text, max(0, at - 49), at)
            v = _ASSIGNED_VALUE.match(text, nxt + (1 if text[nxt : nxt + 1] == " " else 0))
            if k is not None and v is not None:
                span = _span(v)
                if span is not None:
                    n += 1
                    line += text.count("\n", counted, at)  # counted forwards once: linear
                    line_start = max(line_start, text.rfind("\n", counted, at) + 1)
                    counted = at
                    record = -2 - line
                    indent = k.start() - line_start
                    if indent <= 16 and not text[line_start : k.start()].strip():  # a setting line
                        end = text.find("\n", span[1])
                        end = len(text) if end < 0 else end
                        rest = text[span[1] : end]
                        if v.group("bare") is not None and "=" not in rest and "&" not in rest:
                            span = (span[0], span[0] + len(text[span[0] : end].rstrip()))
                        if block_line != line - 1:
                            block = line
                        block_line = line
                        record = -2 - block
                    yield Pair(k.group("key"), span[0], span[1], record)
                    nxt = span[1]
        at = text.find("=", nxt)


def _elements(text: str) -> Iterator[Pair]:
    n = 0
    for m in _CLOSE.finditer(text):
        if n >= MAX_PAIRS:
            return
        key = m.group("key")
        offset = max(0, m.start() - 800)
        opened = re.search(_OPEN_BEFORE.format(key=re.escape(key)), text[offset : m.start()])
        if opened is None:
            continue
        start, end = trimmed(text, offset + opened.start("value"), offset + opened.end("value"))
        if end > start:
            n += 1
            yield Pair(key, start, end, -1)


# OFX 1.x (SGML: a bank statement as Quicken and most banks' "download" give it): a leaf element's
# value runs to the end of its line and is never closed (``<ACCTID>711646277``).
_SGML_LEAF = re.compile(r"<(?P<key>[A-Z][A-Z0-9.]{0,31})>(?P<value>[^<\r\n]{1,256})")


def _sgml_leaves(text: str) -> Iterator[Pair]:
    n = 0
    for m in _SGML_LEAF.finditer(text):
        if n >= MAX_PAIRS:
            return
        start, end = trimmed(text, *m.span("value"))
        if end > start:
            n += 1
            yield Pair(m.group("key"), start, end, -1)


def _may_hold_ofx(text: str) -> bool:
    return "<" in text and "<OFX>" in text  # one memchr first


def _may_hold_ldif(text: str) -> bool:
    return "=" in text and may_hold_ldif(text)  # a DN holds an "=": one memchr first


#: The readers of a format, each with its cheap necessary condition (HTML's, which gives several
#: lists of pairs, is read apart).
_FORMATS: tuple[tuple[Callable[[str], bool], Callable[[str], Iterable[Pair]]], ...] = (
    (may_hold_content_lines, content_line_pairs),
    (_may_hold_ldif, ldif_pairs),
    (may_hold_insert, insert_pairs),
    (may_hold_hl7, hl7_pairs),
    (may_hold_x12, x12_pairs),
    (may_hold_nacha, nacha_pairs),
    (_may_hold_ofx, _sgml_leaves),
    (may_hold_swift, swift_pairs),
    (may_hold_dicom, dicom_pairs),
)


def markup_cells(text: str, rules: FieldRules) -> list[TableCell]:
    """The values of the text's serialised pairs whose key the rules type or mark as a code."""
    if not may_hold_markup(text):
        return []
    out = object_cells(text, rules) if may_hold_object(text) else []
    # The readers of a format first: a value they read is read by the generic readers too (an HTML
    # control's ``value="..."`` is an assignment, an LDIF DN's ``cn=`` another), and the format's
    # reading of it wins.
    formats: list[list[Pair]] = [list(read(text)) for may_hold, read in _FORMATS if may_hold(text)]
    if "<" in text:
        formats.extend(html_pairs(text))
    generic: list[TableCell] = []
    if "=" in text:
        generic.extend(pair_cells(text, _assigned(text), rules))
    if "</" in text:
        generic.extend(pair_cells(text, _elements(text), rules))
    read = [c for pairs in formats if pairs for c in pair_cells(text, pairs, rules)]
    if read:
        taken = Taken()
        out.extend(c for c in read if taken.take(c.start, c.end) is not None)
        generic = [c for c in generic if not taken.overlaps(c.start, c.end)]
    out.extend(generic)
    out.sort(key=lambda c: c.start)
    return out
