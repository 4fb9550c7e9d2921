"""Records written as HTML: tables, definition lists, form controls and microdata.

A browsing tool, a scraper, an admin page or an e-mail's HTML body hands a person's record on as the
page shows it::

    <tr><th>Last name</th><th>City</th></tr><tr><td>Halvorsen</td><td>Bergen</td></tr>
    <tr><th>Phone</th><td>55 12 34 56</td></tr>
    <dl><dt>Name</dt><dd>Ingrid Halvorsen</dd><dt>Phone</dt><dd>55 12 34 56</dd></dl>
    <input name="last_name" value="Halvorsen">   <textarea name="address">Strandkaien 12</textarea>
    <span itemprop="telephone">55 12 34 56</span>   <meta itemprop="birthDate" content="1987-03-14">

A surname alone in a cell or a field has no context a recognizer or a model could go on; the page's
own label is the best there is: a column's header cell, a row's first cell, a term, a control's
``name``, a schema.org property. Each is read as a key; a record is a table's row under a header row
(or a table's run of label rows), a definition list, a form, an item (``itemscope``).

A value is read where it is text between two tags, or an attribute: a cell holding more markup (a
link, bold type) is left to the recognizers. The first of a row's two ``<td>`` cells is content as
much as a label, so its value is read only when the rules type it. Each reader starts from a C-speed
search for its tag or attribute and reads a bounded stretch from there, up to the next ``<``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mask_core.fields.pairs import MAX_PAIRS, Pair, trimmed

__all__ = ["html_pairs"]

_ROW = re.compile(r"<tr(?:[ \t][^<>]{0,256})?>(?P<row>.{0,20000}?)</tr>", re.IGNORECASE | re.DOTALL)
_CELL = re.compile(r"<t(?P<kind>[hd])(?:[ \t][^<>]{0,256})?>(?P<value>[^<>]{0,512})</t[hd]>", re.IGNORECASE)
_TERM = re.compile(
    r"<dt(?:[ \t][^<>]{0,256})?>(?P<key>[^<>]{1,64})</dt>[ \t\r\n]*"
    r"<dd(?:[ \t][^<>]{0,256})?>(?P<value>[^<>]{1,512})</dd>",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"<(?P<tag>input|textarea)(?P<attrs>[ \t\r\n][^<>]{0,1024})>", re.IGNORECASE)
_TEXTAREA = re.compile(r"(?P<value>[^<]{1,4096})</textarea>", re.IGNORECASE)
_ATTRIBUTE = re.compile(
    r"""(?P<name>[A-Za-z_:][\w:.-]{0,63})[ \t\r\n]*=[ \t\r\n]*"""
    r"""(?:"(?P<dq>[^"<>]{0,1024})"|'(?P<sq>[^'<>]{0,1024})'|(?P<bare>[^\s"'=<>`]{1,1024}))"""
)
# Controls whose value is the page's own (a button's caption, a checkbox's code), not what was entered.
_NOT_ENTERED = frozenset(
    {"submit", "button", "reset", "image", "checkbox", "radio", "file", "color", "range"}
)
_MICRODATA = re.compile(r"item(?:prop|scope)")
_TAG_NAME = re.compile(r"<(?P<name>[A-Za-z][A-Za-z0-9-]{0,31})")
# The attributes that hold an item property's value in machine form (a date, a number, a meta tag's).
_VALUE_ATTRIBUTES = ("content", "datetime", "value")
_VOID = frozenset({"meta", "link", "input", "img"})
_PEOPLE = ("/Person", "/Patient")  # schema.org types of a person: their "name" is one


def html_pairs(text: str) -> list[list[Pair]]:
    """The pairs of each reader whose tag or attribute the text holds, one list per reader."""
    out: list[list[Pair]] = []
    if "</" in text and ("<t" in text or "<T" in text):
        out.append(list(_tables(text)))
    if "<dd" in text or "<DD" in text:
        out.append(list(_definitions(text)))
    if "<input" in text or "<textarea" in text or "<INPUT" in text or "<TEXTAREA" in text:
        out.append(list(_controls(text)))
    if "itemprop" in text:
        out.append(list(_microdata(text)))
    return out


def _closes(text: str, tag: str, start: int, end: int) -> bool:
    """Whether the closing ``tag`` (lower case) lies between ``start`` and ``end``."""
    return text.find(tag, start, end) >= 0 or text.find(tag.upper(), start, end) >= 0


def _label(written: str) -> str:
    """A label as a page writes it, without the colon after it (``Phone:``)."""
    return written.strip().rstrip(":").rstrip()


def _tables(text: str) -> Iterator[Pair]:
    """The cells of HTML tables: each row under a header row (``<th>`` cells) is a record; a row of a
    label and a value (``<th>Phone</th><td>...``, or two ``<td>`` cells) is a pair, and a table's run
    of such rows one record."""
    headers: list[str] = []
    n = last = 0
    run = -1  # the record of the run of label rows, from its first row; -1 after any other row
    for r, row in enumerate(_ROW.finditer(text)):
        if (headers or run >= 0) and _closes(text, "</table", last, row.start()):
            headers, run = [], -1  # a table's header says nothing about the next table's rows
        last = row.end()
        cells = list(_CELL.finditer(text, row.start("row"), row.end("row")))
        kinds = "".join(c.group("kind").lower() for c in cells)
        if cells and "d" not in kinds:
            headers, run = [c.group("value").strip() for c in cells], -1
            continue
        if headers and len(cells) == len(headers):
            run = -1
            for header, c in zip(headers, cells, strict=True):
                start, end = trimmed(text, *c.span("value"))
                if end > start and header:
                    n += 1
                    yield Pair(header, start, end, r)
        elif len(cells) == 2 and kinds[1] == "d":
            run = r if run < 0 else run
            label = _label(cells[0].group("value"))
            start, end = trimmed(text, *cells[1].span("value"))
            if end > start and label:
                n += 1
                yield Pair(label, start, end, run, strict=kinds[0] == "d")
        else:
            run = -1
        if n >= MAX_PAIRS:
            return


def _definitions(text: str) -> Iterator[Pair]:
    """The descriptions of definition lists (``<dt>Phone</dt><dd>...</dd>``): a list is a record."""
    record = last = 0
    for n, m in enumerate(_TERM.finditer(text)):
        if n >= MAX_PAIRS:
            return
        if _closes(text, "</dl", last, m.start()):
            record += 1
        last = m.end()
        start, end = trimmed(text, *m.span("value"))
        key = _label(m.group("key"))
        if key and end > start:
            yield Pair(key, start, end, record)


def _attributes(text: str, start: int, end: int) -> dict[str, tuple[int, int]]:
    """The spans of the values of a tag's attributes (between ``start`` and ``end``), by name."""
    out: dict[str, tuple[int, int]] = {}
    for m in _ATTRIBUTE.finditer(text, start, end):
        group = "dq" if m.group("dq") is not None else "sq" if m.group("sq") is not None else "bare"
        out.setdefault(m.group("name").lower(), m.span(group))
    return out


def _controls(text: str) -> Iterator[Pair]:
    """The values of form controls by their names (``<input name="ssn" value="...">``, a textarea's
    text): a form is a record."""
    record = last = n = 0
    for m in _CONTROL.finditer(text):
        if n >= MAX_PAIRS:
            return
        attrs = _attributes(text, *m.span("attrs"))
        name = attrs.get("name") or attrs.get("id")
        if name is None:
            continue
        if _closes(text, "</form", last, m.start()):
            record += 1
        last = m.end()
        span: tuple[int, int] | None
        if m.group("tag").lower() == "textarea":
            body = _TEXTAREA.match(text, m.end())
            span = None if body is None else body.span("value")
        else:
            kind = attrs.get("type")
            if kind is not None and text[kind[0] : kind[1]].strip().lower() in _NOT_ENTERED:
                continue
            span = attrs.get("value")
        if span is not None:
            start, end = trimmed(text, *span)
            if end > start:
                n += 1
                yield Pair(text[name[0] : name[1]], start, end, record)


def _microdata(text: str) -> Iterator[Pair]:
    """The values of schema.org microdata properties (``<span itemprop="telephone">...</span>``, a
    ``content`` or ``datetime`` attribute): an item (``itemscope``) is a record."""
    record, person = -1, False
    n = pos = 0
    while n < MAX_PAIRS:
        m = _MICRODATA.search(text, pos)
        if m is None:
            return
        pos = m.end()
        # The tag the attribute is written in: a "<" before it and a ">" after it, none between.
        lt = text.rfind("<", max(0, m.start() - 1024), m.start())
        gt = text.find(">", m.end(), m.end() + 1024)
        if lt < 0 or gt < 0 or text.find(">", lt, m.start()) >= 0 or text.find("<", m.end(), gt) >= 0:
            continue
        tag = _TAG_NAME.match(text, lt)
        if tag is None:
            continue
        pos = gt + 1
        attrs = _attributes(text, tag.end(), gt)
        if text.find("itemscope", lt, gt) >= 0:
            # An item: its own property (a person's "address") holds the item, not a value.
            record += 1
            kind = attrs.get("itemtype")
            types = text[kind[0] : kind[1]].split() if kind is not None else []
            person = any(t.rstrip("/").endswith(_PEOPLE) for t in types)
            continue
        prop = attrs.get("itemprop")
        names = text[prop[0] : prop[1]].split() if prop is not None else []
        if not names:
            continue
        key = "full_name" if person and names[0] == "name" else names[0]
        spans = [attrs[a] for a in _VALUE_ATTRIBUTES if a in attrs]
        if tag.group("name").lower() not in _VOID:
            end = text.find("<", gt + 1, gt + 1025)
            if end >= 0:
                spans.append((gt + 1, end))
        for span in spans:
            start, end = trimmed(text, *span)
            if end > start:
                n += 1
                yield Pair(key, start, end, record)
