"""Records serialised inside a text: JSON and Python dicts, ``key=value`` pairs, XML elements, HTML
tables, vCard and iCalendar content lines.

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
pairs of one line of assignments, of one HTML table row (keyed by the header row's ``<th>`` cells), or
of one XML text are one record.

A pattern over the whole text would try every position of it; the readers start from C-speed
searches for what every pair holds (``":``, ``=``, ``</``) and read each hit locally.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mask_core.fields.objects import may_hold_object, object_cells
from mask_core.fields.rules import ROOT, FieldRules
from mask_core.fields.tables import TableCell

__all__ = ["markup_cells", "may_hold_markup"]

_KEY = r"[A-Za-z_@$][\w.@$-]{0,47}"
_QUOTED = r""""(?P<dq>(?:[^"\\\n]|\\.){1,512})"|'(?P<sq>(?:[^'\\\n]|\\.){1,512})'"""
# key=value (logfmt, query strings, keyword arguments, environment lines): quoted or one bare word.
_ASSIGNED_VALUE = re.compile(rf"""(?:{_QUOTED}|(?P<bare>[^\s"'&;,<>)(\]\[{{}}]{{1,256}}))""")
_KEY_BEFORE = re.compile(rf"(?<![\w.@$-])(?P<key>{_KEY})[ \t]?$")
# <key attr="...">value</key>: text content only (no nested element).
_CLOSE = re.compile(rf"</(?P<key>{_KEY})>")
_OPEN_BEFORE = r"<{key}(?:[ \t][^<>]{{0,256}})?>(?P<value>[^<>]{{1,512}})$"
_MAX_PAIRS = 2000  # an adversarial text of millions of pairs is read for its first ones


def may_hold_markup(text: str) -> bool:
    """A cheap necessary condition: an object literal or a list of lists (``may_hold_object``), an
    ``=``, or a closing tag."""
    return may_hold_object(text) or "=" in text or "</" in text or "BEGIN:V" in text


def _span(m: re.Match[str]) -> tuple[int, int] | None:
    for group in ("dq", "sq", "bare"):
        if m.group(group) is not None:
            return m.span(group)
    return None


class _Pair:
    __slots__ = ("end", "key", "record", "start")

    def __init__(self, key: str, start: int, end: int, record: int) -> None:
        self.key, self.start, self.end, self.record = key, start, end, record


def _assigned(text: str) -> Iterator[_Pair]:
    """The pairs of ``key=value`` assignments. The pairs of one line are one record; so are the
    lines of a file of settings (each line one assignment from its start: an env file, an INI
    section, TOML), whose bare value runs to the line's end (``CUSTOMER_NAME=Ana de la Vega``)."""
    at = text.find("=")
    n = line = counted = 0
    block, block_line = -1, -2  # the first line of the run of setting lines, and its last line
    line_start = 0
    while at >= 0 and n < _MAX_PAIRS:
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
                    yield _Pair(k.group("key"), span[0], span[1], record)
                    nxt = span[1]
        at = text.find("=", nxt)


def _elements(text: str) -> Iterator[_Pair]:
    n = 0
    for m in _CLOSE.finditer(text):
        if n >= _MAX_PAIRS:
            return
        key = m.group("key")
        offset = max(0, m.start() - 800)
        opened = re.search(_OPEN_BEFORE.format(key=re.escape(key)), text[offset : m.start()])
        if opened is None:
            continue
        start, end = offset + opened.start("value"), offset + opened.end("value")
        while start < end and text[start] in " \t\r\n":
            start += 1
        while end > start and text[end - 1] in " \t\r\n":
            end -= 1
        if end > start:
            n += 1
            yield _Pair(key, start, end, -1)


_ROW = re.compile(r"<tr(?:[ \t][^<>]{0,256})?>(?P<row>.{0,20000}?)</tr>", re.IGNORECASE | re.DOTALL)
_CELL = re.compile(r"<t(?P<kind>[hd])(?:[ \t][^<>]{0,256})?>(?P<value>[^<>]{0,512})</t[hd]>", re.IGNORECASE)


# vCard (RFC 6350) and iCalendar (RFC 5545) content lines: NAME;PARAM=...:VALUE. A contact tool or
# a calendar export writes a person this way; the property names say what each value is.
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


def _content_lines(text: str) -> Iterator[_Pair]:
    """The person's values of vCard and iCalendar content lines, and the names (``CN=``) of an
    event's organiser and attendees."""
    for n, m in enumerate(_CONTENT_LINE.finditer(text)):
        if n >= _MAX_PAIRS:
            return
        name = m.group("name").upper()
        start, end = m.span("value")
        while end > start and text[end - 1] in " \t\r":
            end -= 1
        if name in _PROPERTIES and end > start:
            yield _Pair(_PROPERTIES[name], start, end, -3)
        elif name in _PARTS:
            at = start
            for key, part in zip(_PARTS[name], text[start:end].split(";"), strict=False):
                if key is not None and part.strip():
                    lead = len(part) - len(part.lstrip())
                    yield _Pair(key, at + lead, at + len(part.rstrip()), -3)
                at += len(part) + 1
        params = m.group("params")
        if params and name in ("ATTENDEE", "ORGANIZER"):
            cn = _COMMON_NAME.search(text, m.start("params"), m.end("params"))
            if cn is not None:
                group = "q" if cn.group("q") is not None else "v"
                yield _Pair("full_name", cn.start(group), cn.end(group), -3)


def _html_tables(text: str) -> Iterator[_Pair]:
    """The cells of HTML tables under a header row (``<th>`` cells): each data row is a record."""
    headers: list[str] = []
    n = 0
    for r, row in enumerate(_ROW.finditer(text)):
        cells = list(_CELL.finditer(text, row.start("row"), row.end("row")))
        if cells and all(c.group("kind").lower() == "h" for c in cells):
            headers = [c.group("value").strip() for c in cells]
            continue
        if len(cells) != len(headers):
            continue
        for header, c in zip(headers, cells, strict=True):
            start, end = c.span("value")
            while start < end and text[start] in " \t\r\n":
                start += 1
            while end > start and text[end - 1] in " \t\r\n":
                end -= 1
            if end > start and header:
                n += 1
                yield _Pair(header, start, end, -1_000_000 - r)
        if n >= _MAX_PAIRS:
            return


def markup_cells(text: str, rules: FieldRules) -> list[TableCell]:
    """The values of the text's serialised pairs whose key the rules type or mark as a code."""
    if not may_hold_markup(text):
        return []
    out = object_cells(text, rules) if may_hold_object(text) else []
    pairs: list[_Pair] = []
    if "=" in text:
        pairs.extend(_assigned(text))
    if "BEGIN:V" in text:
        pairs.extend(_content_lines(text))
    if "</" in text:
        pairs.extend(_elements(text))
        if "<t" in text or "<T" in text:
            pairs.extend(_html_tables(text))
    records: dict[int, dict[str, str]] = {}
    for p in pairs:
        records.setdefault(p.record, {})[p.key] = text[p.start : p.end]
    for p in pairs:
        hint = rules.child(ROOT, records[p.record], p.key)
        if hint.entity_type is not None or hint.never or hint.party:
            out.append(TableCell(p.start, p.end, hint))
    out.sort(key=lambda c: c.start)
    return out
