"""Forms written as text: ``Label: value`` lines, where the label is a field name.

A tool that prints a record (a CLI, an EHR summary, a CRM note, a booking confirmation) writes it
as a form::

    First name: Ingrid                 Patient: Nguyen, Thi Bich Ngoc   Sex: F   Age: 71
    Last name: Halvorsen               Passport number: 29KJ44810
    City: Bergen

A surname, a town or a passport number alone after its label has no context a recognizer or a
model could go on; its label is the best there is. So each run of consecutive ``Label: value``
lines is read as one record, ``{label: value}``, and the field rules decide each value as for a
JSON key (:mod:`mask_core.fields.tables` does the same for tables). Several pairs may share a line
when two or more spaces separate them. A label reads as a field name (a letter first, at most three
words and 32 characters); values are what follows it to the end of the line or the next pair.
"""

from __future__ import annotations

import re

from mask_core.fields.rules import ROOT, FieldRules
from mask_core.fields.tables import TableCell

__all__ = ["form_cells", "may_hold_form"]

# A label: a letter first, at most three words.
_LABEL = re.compile(r"[A-Za-z][\w.#/()-]*(?: [\w.#/()-]+){0,2}")
_LABEL_MAX = 32
# What Markdown (and a model's answers) put around a label: a list item's marker (``- Name:``,
# ``1. Name:``) and bold or italic marks (``**Name:** Ana``, ``**Name**: Ana``, ``_Name_:``).
_MARKER = re.compile(r"(?:[-*+•]|[0-9]{1,3}[.)])[ \t]+")
_EMPHASIS = ("**", "__", "*", "_")
_MARKED = frozenset("-*+•_0123456789")  # what a marked label starts with
_FRENCH_SPACES = " \u00a0\u202f"  # a space, a no-break space or a narrow one before a colon


def may_hold_form(text: str) -> bool:
    """A cheap necessary condition: a label's colon and a space after it (or after bold marks)."""
    return ": " in text or ":\t" in text or ":** " in text or ":__ " in text


def _labels(text: str) -> list[tuple[str, int, int]]:
    """Each (label, label start, value start): found from the colons (a C-speed search), each read
    backwards to its line's start or to two spaces before it; a pattern run over the whole text
    would try every position of it."""
    out: list[tuple[str, int, int]] = []
    colon = text.find(":")
    while colon >= 0:
        after = colon + 1
        if text.startswith("**", after) or text.startswith("__", after):
            after += 2  # "**Name:** Ana"
        if after < len(text) and text[after] in " \t":
            # Only the reach of a label before the colon is read: a line break, the text's start or
            # two spaces must be there.
            reach = max(0, colon - _LABEL_MAX - 8)
            line = text.rfind("\n", reach, colon)
            start = line + 1 if line >= 0 else 0 if reach == 0 else -1
            gap = text.rfind("  ", max(reach, start), colon)
            if gap >= 0:
                start = gap + 2
            while 0 <= start < colon and text[start] in " \t":
                start += 1
            end = colon
            while end > start >= 0 and text[end - 1] in _FRENCH_SPACES:
                end -= 1  # "Prénom : Ana": French sets a space before a colon
            if start >= 0 and text[start] in _MARKED:
                start, end = _unmarked(text, start, colon)
            if start >= 0 and end - start <= _LABEL_MAX and _LABEL.fullmatch(text, start, end):
                value = after
                while value < len(text) and text[value] in " \t":
                    value += 1
                out.append((text[start:end], start, value))
        colon = text.find(":", after)
    return out


def _unmarked(text: str, start: int, end: int) -> tuple[int, int]:
    """The label between ``start`` and ``end`` without a list item's marker and emphasis marks."""
    marker = _MARKER.match(text, start, end)
    if marker is not None:
        start = marker.end()
    for mark in _EMPHASIS:
        if text.startswith(mark, start) and text.endswith(mark, start, end) and end - start > 2 * len(mark):
            return start + len(mark), end - len(mark)  # "**Name**:"
        if text.startswith(mark, start) and text.startswith(mark, end + 1):
            return start + len(mark), end  # "**Name:**"
    return start, end


def _pairs(text: str) -> list[tuple[str, int, int, int, int]]:
    """Each (label, value start, value end, line number, label start) of the text's ``Label: value``
    pairs."""
    out: list[tuple[str, int, int, int, int]] = []
    labels = _labels(text)
    line, counted = 0, 0  # the line number of ``counted``, counted forwards once (linear)
    for i, (label, label_start, start) in enumerate(labels):
        line += text.count("\n", counted, label_start)
        counted = label_start
        line_end = text.find("\n", start)
        end = len(text) if line_end < 0 else line_end
        if i + 1 < len(labels) and labels[i + 1][1] < end:
            end = labels[i + 1][1]  # the next pair on the same line
        stop = end
        while stop > start and text[stop - 1] in " \t\r":
            stop -= 1
        if stop > start:
            out.append((label, start, stop, line, label_start))
    return out


def form_cells(text: str, rules: FieldRules) -> list[TableCell]:
    """The values of the text's ``Label: value`` pairs whose label the rules type or mark as a code,
    each run of consecutive lines read as one record (so ``name`` beside ``email`` is a person's),
    and the labels the rules type, as keys (``FieldHint.is_key``): a field's name is no finding,
    though a model reads ``Teléfono`` or ``Geburtsdatum`` as a name."""
    if not may_hold_form(text):
        return []
    pairs = _pairs(text)
    out: list[TableCell] = []
    i = 0
    while i < len(pairs):
        j = i + 1
        while j < len(pairs) and pairs[j][3] - pairs[j - 1][3] <= 1:
            j += 1
        record = {label: text[a:b] for label, a, b, _, _ in pairs[i:j]}
        for label, a, b, _, at in pairs[i:j]:
            hint = rules.child(ROOT, record, label)
            if hint.entity_type is not None or hint.never:
                out.append(TableCell(a, b, hint))
            if hint.entity_type is not None:
                out.append(TableCell(at, at + len(label), rules.key_hint(hint)))
        i = j
    return out
