"""The scan view of a text: what recognizers and the token finder actually read.

Evasion by look-alike characters is the cheapest attack on a scanner: ``５３６-２２-８７４５`` (full-width
digits) or ``536-22\u200b-8745`` (a zero-width space) are an SSN to a model but not to ``\\d{3}-\\d{2}``.
So scanning reads a normalised copy:

* every Unicode decimal digit (Arabic-Indic, Devanagari, full-width, ...) becomes its ASCII digit;
  full-width ASCII forms become ASCII; Unicode dashes become ``-`` and Unicode spaces a space. These
  are one-to-one replacements (``str.translate`` at C speed), so offsets do not move;
* zero-width characters and soft hyphens are removed, and an offset map sends spans back;
* percent-encoded bytes (``alice%40example.com`` in a URL's query, ``%2B1%20415...``) are decoded where
  they form UTF-8, so what a URL carries is read like any other text;
* an HTML line break or paragraph tag (``<br>``, ``<br />``, ``</p>``, ``<div>``) is read as a line
  break padded with spaces to the tag's length (offsets do not move): an address or a signature in
  a mail's HTML body is laid out on lines as in its text body;
* in a text holding an object literal (JSON, a Python repr), the string escapes ``\\n``, ``\\r``,
  ``\\t``, ``\\/`` and ``\\uXXXX`` are read as what they stand for (an address over two lines of a
  JSON string, ``Ben\\u00edcio``); an escaped quote or backslash stays as written, so the strings
  keep their bounds.

Findings always refer to the *original* text, and what gets tokenized is the original substring, so
the exact input is what the vault stores (a percent-encoded value decodes back exactly as it was
written). Pure-ASCII text without ``%`` or JSON escapes (the common case) is returned as is.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from mask_core._chars import FOLD, ZERO_WIDTH

__all__ = ["Normalized", "may_hold_object", "normalize"]

_ZW_RE = re.compile("[" + ZERO_WIDTH + "]")


class Normalized(NamedTuple):
    """``text`` is the scan view; ``removed`` or ``offsets`` map its offsets back (both None when the
    view's offsets are the original's)."""

    text: str
    original: str
    removed: tuple[int, ...] | None = None  # for each removed char, its index in the scan view
    #: With percent escapes: for each view character, where it starts in the original, and the length
    #: of the original last.
    offsets: tuple[int, ...] | None = None

    @property
    def same_offsets(self) -> bool:
        """Whether a span of the view is the same span of the original."""
        return self.removed is None and self.offsets is None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the scan view back to the original text (inner zero-width chars included)."""
        if self.offsets is not None:
            return self.offsets[start], self.offsets[end] if end > start else self.offsets[start]
        if self.removed is None:
            return start, end
        r = self.removed
        o_start = start + bisect_right(r, start)
        o_end = end - 1 + bisect_right(r, end - 1) + 1 if end > start else o_start
        return o_start, o_end


def normalize(text: str) -> Normalized:
    norm = _normalized(text)
    if "<" in norm.text and _LINE_TAG.search(norm.text) is not None:
        return norm._replace(text=_LINE_TAG.sub(_as_line_break, norm.text))
    return norm


def _normalized(text: str) -> Normalized:
    json = "\\" in text and _JSON_ESCAPE_RE.search(text) is not None and may_hold_object(text)
    if json or ("%" in text and _ESCAPE_RE.search(text) is not None):
        return _unescaped(text, json=json)
    if text.isascii():
        return Normalized(text, text)
    folded = text.translate(FOLD)
    if _ZW_RE.search(folded) is None:
        return Normalized(folded, text)
    removed = tuple(m.start() - i for i, m in enumerate(_ZW_RE.finditer(folded)))
    return Normalized(_ZW_RE.sub("", folded), text, removed)


# The HTML tags that break a line, without attributes (a ``<div itemscope ...>`` is microdata the
# HTML reader reads, and a table's tags are its rows and cells).
_LINE_TAG = re.compile(r"<(?:br[ \t]*/?|/?p|/?div)>", re.IGNORECASE)


def _as_line_break(tag: re.Match[str]) -> str:
    return "\n" + " " * (tag.end() - tag.start() - 1)


# One or more %XX escapes in a row: the bytes of one or more UTF-8 characters.
_ESCAPE_RE = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
# A string escape of a JSON text or a Python repr; "\\\\" is matched so the "n" after it stays an "n".
_JSON_ESCAPE_RE = re.compile(r"\\(?:[nrt\\/]|u[0-9a-fA-F]{4})")
_JSON_CHARS = {"n": "\n", "r": "\r", "t": "\t", "/": "/"}
# Escaped characters left as written: a quote or a backslash would end or open a string in the view,
# and a surrogate half or a control character says nothing.
_KEEP_ESCAPED = frozenset("\"\\'")


def may_hold_object(text: str) -> bool:
    """False when ``text`` holds no key of an object literal (JSON, a Python dict's repr) and no list
    of lists of strings (a table's rows under a header row, ``fields/grids.py``): one C-speed test per
    quote style. The scan view decodes string escapes only then; ``fields/objects.py`` reads such a
    text as the records it holds."""
    return (
        '":' in text
        or "':" in text
        or '" :' in text
        or ("[" in text and _LISTS_OF_STRINGS.search(text) is not None)
    )


_LISTS_OF_STRINGS = re.compile(r"""\[\s*[\[(]\s*["']""")  # lists of lists, lists of tuples


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _unescaped(text: str, *, json: bool = False) -> Normalized:
    """The view of a text with percent escapes: each run of escapes that is printable UTF-8 becomes its
    characters (runs that are not, such as ``100%25`` for a literal percent sign or control characters
    such as ``%0A``, stay as written), then folding and zero-width removal as for any text, with an offset per
    character.

    With ``json``, the string escapes of the object literals in it first: ``\\n``, ``\\t`` and
    ``\\u00ed`` are read as the line break, tab and letter they stand for (``"details": "Studio
    7\\nDiana Crossing"`` is a two-line address, ``"Ben\\u00edcio"`` a name the lists know)."""
    if json:
        text_view, json_starts = _json_unescaped(text)
    else:
        text_view, json_starts = text, None
    chars: list[str] = []
    starts: list[int] = []
    pos = 0
    for m in _ESCAPE_RE.finditer(text_view):
        chars.extend(text_view[pos : m.start()])
        starts.extend(range(pos, m.start()))
        try:
            decoded = bytes.fromhex(m.group().replace("%", "")).decode("utf-8")
        except UnicodeDecodeError:
            decoded = ""
        if decoded and "%" not in decoded and not _CONTROL.search(decoded):
            # Every decoded character starts where its first escape does (a run of 2-4 escapes is
            # one character; within a multi-character run the escapes are 3 characters each).
            consumed = m.start()
            for ch in decoded:
                chars.append(ch)
                starts.append(consumed)
                consumed += 3 * len(ch.encode("utf-8"))
        else:
            chars.extend(m.group())
            starts.extend(range(m.start(), m.end()))
        pos = m.end()
    chars.extend(text_view[pos:])
    starts.extend(range(pos, len(text_view)))
    view = "".join(chars).translate(FOLD)
    if _ZW_RE.search(view) is not None:
        kept = [i for i, ch in enumerate(view) if _ZW_RE.match(ch) is None]
        view = "".join(view[i] for i in kept)
        starts = [starts[i] for i in kept]
    if json_starts is not None:  # offsets of the JSON-unescaped text, back to the original's
        starts = [json_starts[i] for i in starts]
    return Normalized(view, text, None, (*starts, len(text)))


def _json_unescaped(text: str) -> tuple[str, list[int]]:
    """``text`` with its JSON string escapes read, and for each character where it starts in ``text``."""
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    for m in _JSON_ESCAPE_RE.finditer(text):
        parts.append(text[pos : m.start()])
        starts.extend(range(pos, m.start()))
        code = m.group()[1:]
        ch = _JSON_CHARS.get(code) if len(code) == 1 else chr(int(code[1:], 16))
        if (
            ch is None
            or ch in _KEEP_ESCAPED
            or (len(code) > 1 and (_CONTROL.match(ch) or 0xD800 <= ord(ch) < 0xE000))
        ):
            parts.append(m.group())
            starts.extend(range(m.start(), m.end()))
        else:
            parts.append(ch)
            starts.append(m.start())
        pos = m.end()
    parts.append(text[pos:])
    starts.extend(range(pos, len(text)))
    return "".join(parts), starts
