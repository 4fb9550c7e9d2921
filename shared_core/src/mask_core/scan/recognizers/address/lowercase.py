"""Street addresses written in lower case (chat and support transcripts): English street lines read
on a recased shadow of the text, extended, and kept only when they end in a US state code and its ZIP."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mask_core.scan.recognizers._address_words import REGION_CODES
from mask_core.scan.recognizers.address.components import extend
from mask_core.scan.recognizers.address.lines import LOWER_SUFFIXES, char_classes, en_lines
from mask_core.scan.recognizers.address.pieces import Line, boundary_before
from mask_core.scan.view import ScanView

__all__ = ["lower_lines"]


# Lower-case street lines (chat and support transcripts: "2207 w. lawrence ave apt 3, chicago il
# 60625"). A number, spaces and a lower-case letter in the class string; then a street suffix in lower
# case among the next five words, looked up in the suffix set.
_EN_LOWER_HIT = re.compile(rb"0,? +a")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
# What a lower-case address must end in to be one: a US state code and its ZIP ("chicago il 60625"),
# as the recased shadow spells them.
_REGION_POSTCODE = re.compile(r"(?<![\w])(?P<region>[A-Z]{2})\.?,?[ \t]+[0-9]{5}(?:-[0-9]{4})?(?![\w])")
# A two-letter word (a state's code) right before a ZIP.
_REGION_BEFORE_ZIP = re.compile(r"(?<![\w])[A-Za-z]{2}\.?,?[ \t]+$")


def _region_zip_in(view: ScanView) -> bool:
    """Whether the text holds a two-letter word and then a five-digit number (or ZIP+4), the ending
    of a US address: read from the view's digit runs, which the scan has found already."""
    text = view.text
    for run in view.runs:
        if (
            run.ndigits in (5, 9)
            and run.groups[0][1] - run.groups[0][0] == 5
            and _REGION_BEFORE_ZIP.search(text, max(0, run.start - 6), run.start) is not None
        ):
            return True
    return False


def _recased(m: re.Match[str]) -> str:
    word = m.group()
    if len(word) == 2 or not word.isalpha():
        return word.upper()  # a region code ("il"), a postcode's parts ("m5v", "2t6")
    return word[0].upper() + word[1:]


def lower_lines(view: ScanView, classes: bytes) -> Iterator[tuple[int, int, float]]:
    """Street addresses written in lower case, as (start, end, score): read on a shadow of the text
    with its ASCII words capitalised (same length, so spans carry over) and kept only when they end in
    a region code and its postcode: in lower case, a number before a word that is also a street
    suffix ("at 10 the road was closed") is common, and only that ending makes the words an address."""
    if not _region_zip_in(view):
        return  # no region code and ZIP anywhere: what every such address ends in
    text = view.text
    shadow = ""
    for hit in _EN_LOWER_HIT.finditer(classes):
        words = text[hit.end() - 1 : hit.end() + 80].split(None, 5)[:5]
        if not any(w.rstrip(".,") in LOWER_SUFFIXES for w in words):
            continue
        start = hit.start()
        while start and classes[start - 1] in b"0-/":
            start -= 1
        if not boundary_before(text, start) or (start and text[start - 1] in ".,:"):
            continue
        shadow = shadow or _ASCII_WORD.sub(_recased, text)
        window = shadow[start : hit.end() + 80]
        for line in en_lines(window, char_classes(window)):
            line = Line(start + line.start, start + line.end, line.score, True)  # noqa: PLW2901
            found = extend(shadow, line)
            if found is None:
                continue
            tail = _REGION_POSTCODE.search(shadow, line.end, found[1])
            if tail is not None and tail.end() == found[1] and tail.group("region") in REGION_CODES:
                yield found
            break
