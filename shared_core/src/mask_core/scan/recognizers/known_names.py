"""People's names the name lists know: ``Tyler Jones``, ``Karina Luisa Munguía Samaniego``, and a lone
first name after a cue (``a gift for Benoît``, ``this is Milena``).

The lists (``scan/data/first_names.txt``, ``surnames.txt``) are Faker's first names and surnames of
every locale, without those that are also common English words (``Grace``, ``Will``, ``Brown``):
``scripts/build_name_lists.py`` rebuilds them. A name is found when:

* a known first name is followed by a known first name or surname, or by a capitalised word that is
  hyphenated or has letters beyond ASCII (``Strand-Thomassen``, ``Bärer``), then by further name
  words; or
* a known first name follows a word that introduces a person (``for``, ``by``, ``with``, ``this is``,
  ``thanks``, ``ask``, ``call``, ``assistant``, ``husband`` ...); or
* a known surname ends a short one-line text after other words (a payment reference, a memo, a
  subject: ``Miete März Patberg``, ``Invoice 1043 Okafor``): such lines name the payer or sender, and
  carry no sentence a model could read the name from.

Candidates are the capitalised words of the scan view (``ScanView.capitalised``, shared with the title
recognizer), so a text costs one pass of a class string and a set lookup per capitalised word.

This runs in the deterministic tier, so names in a tool's free-text notes are protected with the NER
tier off too. Findings score 0.6: above the default threshold, below the model and the title cues.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mask_core.scan.recognizers._address_words import PREFIX_TYPES
from mask_core.scan.recognizers.name_words import NAMED_AFTER, name_end
from mask_core.scan.recognizers.word_lists import (
    common_first_names,
    first_names,
    lower_places,
    lower_towns,
    places,
    surnames,
    towns,
)
from mask_core.scan.view import ScanView
from mask_core.types import Entity

__all__ = [
    "KnownNameRecognizer",
    "first_names",
    "lower_places",
    "lower_towns",
    "names_a_place",
    "places",
    "surnames",
    "towns",
]

# Words that introduce a person: the word right before a lone first name (``thanks Milena``), or the
# last word of two (``this is Milena``).
_CUES = frozenset(
    """for by with thanks thank ask asked tell told contact call called email emailed text meet met
    assistant agent colleague husband wife son daughter mother father brother sister friend partner
    manager boss cc para con gracias dear hi hello""".split()  # noqa: SIM905
)
_CUE_PAIRS = frozenset({("this", "is"), ("it", "is"), ("i", "am"), ("thank", "you"), ("behalf", "of")})
# The one or two words before a name, a comma or colon allowed after them ("Thanks, Christina").
_PREVIOUS = re.compile(r"([\w'’]+)[ \t]*(?:[,:][ \t]*|[ \t]+)(?:([\w'’]+)[ \t]*(?:[,:][ \t]*|[ \t]+))?$")
_SPACE = re.compile(r"[ \t\u00a0]+")
_POSSESSIVE = re.compile(r"['’]s?$")
_WORD = re.compile(r"[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*")
_ORG_FORMS = frozenset(
    """Ltd Limited Inc Incorporated LLC LLP GmbH AG KG plc PLC Corp Co SA SAS SARL BV NV AB ASA Oy SpA
    Srl""".split()  # noqa: SIM905
)


_AFTER = re.compile(r"[ \t]+(\w+)")
# A memo line: short, one line, a few words.
_MEMO_LENGTH = 64
_MEMO_WORDS = 6


def _organisation(text: str, start: int, end: int) -> bool:
    """Whether a company form ends or follows the name: ``Robert Bosch GmbH`` is a firm."""
    m = _AFTER.match(text, end)
    return (m is not None and m.group(1) in _ORG_FORMS) or text[start:end].rsplit(None, 1)[-1] in _ORG_FORMS


def _place_or_body(text: str, start: int, end: int) -> bool:
    words = text[start:end].split()
    return words[-1] in NAMED_AFTER or words[0].lower() in PREFIX_TYPES or words[0] in _SAINTS


# The heads of places named after a saint or a feature that no one is called by ("San Francisco",
# "Santa Monica", "Fort Collins"; not Glen, a first name too).
_SAINTS = frozenset(
    """San Santa Santo Sao São Saint St Ste Sankt Sant Lake Mount Mt Fort Ft Port Puerto Porto Cape Villa
    Vila Ciudad Monte Lago Isle""".split()  # noqa: SIM905
)


def _after_a_saint(text: str, start: int) -> bool:
    """Whether the word before ``start`` heads a place's name ("Francisco" of "San Francisco")."""
    prev = _PREVIOUS_WORD.search(text, max(0, start - 12), start)
    return prev is not None and prev.group(1) in _SAINTS


_NEXT = re.compile(r"[ \t]+([A-Z][a-z]+)")
_PREVIOUS_WORD = re.compile(r"([A-Za-zÀ-ÿ]+)[ \t]+$")


def names_a_place(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` is part of a road's or an institution's name around it
    ("Kenny" in "Kenny Avenue", "Leão" in "Rua Leão")."""
    nxt = _NEXT.match(text, end)
    if nxt is not None and nxt.group(1) in NAMED_AFTER:
        return True
    prev = _PREVIOUS_WORD.search(text, max(0, start - 24), start)
    return prev is not None and prev.group(1).lower() in PREFIX_TYPES


# Words that open a place's name before a word that is also a surname ("Lake Charles", "Ft Mitchell").
_PLACE_HEADS = frozenset(
    """Lake Mount Mt Fort Ft Port Pt Point Cape Glen Saint St San Santa Santo Sao São Bay River Isle Lago
    Monte Puerto Villa Vila Ciudad Porto Bad Sankt North South East West New Upper Lower Great Little
    Old""".split()  # noqa: SIM905
)
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n\u2013\u2014-])[ \t\"'“‘(]*$")


def _sentence_start(text: str, start: int) -> bool:
    """Whether ``start`` opens the text, a line, a sentence or a clause after a colon or a dash."""
    return _SENTENCE_END.search(text, max(0, start - 8), start) is not None


def _before_surname(text: str, start: int, end: int, surname: frozenset[str]) -> int | None:
    """The end of a name whose first word (``start:end``) no list holds, before a surname one does
    ("I met Priyanka Chaudhary"): a capitalised word of letters in prose (not opening the text or a
    sentence, not after another capitalised word: a headline's or German's capitals say nothing,
    "Miete März Patberg"), not a place or a word that opens one's name, not inside a handle or a
    tag, and the surname no first name (then the name starts there). The two words only."""
    here = text[start:end]
    gap = _SPACE.match(text, end)
    nxt = _WORD.match(text, gap.end()) if gap is not None else None
    if (
        nxt is None
        or nxt.group() not in surname
        or nxt.group() in first_names()  # "Reporting Lindsay Lohan": the name starts at the first name
        or nxt.group() in common_first_names()
        or not here.isalpha()
        or here.isupper()
        or here in places()
        or here in towns()
        or here in _PLACE_HEADS
        or _sentence_start(text, start)
        or (start and text[start - 1] in "@#")
        or _after_capitalised(text, start)
    ):
        return None
    name = nxt.end()
    if _organisation(text, start, name) or _place_or_body(text, start, name):
        return None
    return name


_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)[ \t]+$")


def _after_capitalised(text: str, start: int) -> bool:
    """Whether the word right before ``start`` (on its line) is capitalised."""
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return m is not None and m.group(1)[0].isupper()


def _name_like(word: str) -> bool:
    """A word that reads as a name part on its own evidence: hyphenated or beyond ASCII."""
    return "-" in word or not word.isascii()


class KnownNameRecognizer:
    """PERSON findings of names the name lists know (see the module docstring)."""

    name = "known_name"
    entity_types: tuple[str, ...] = ("PERSON",)
    shapes = frozenset({"text"})

    def __init__(self, *, score: float = 0.6) -> None:
        self.score = score

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        text = view.text
        candidates = view.capitalised
        if not candidates:
            return
        first, surname, common = first_names(), surnames(), common_first_names()
        found = list(self._names(text, candidates, first, surname, common))
        yield from found
        if not found and len(text) <= _MEMO_LENGTH:
            yield from self._memo_surname(text, candidates[-1], surname)

    def _memo_surname(self, text: str, last: tuple[int, int], surname: frozenset[str]) -> Iterator[Entity]:
        start, end = last
        word = text[start:end]
        if (
            start > 0
            and word in surname
            and not _after_a_saint(text, start)
            and text[end:].strip(" \t.") == ""
            and "\n" not in text
            and len(text.split()) <= _MEMO_WORDS
            and word not in places()
        ):
            yield Entity("PERSON", start, end, self.score - 0.05, word, self.name)

    def _names(
        self,
        text: str,
        candidates: list[tuple[int, int]],
        first: frozenset[str],
        surname: frozenset[str],
        common: frozenset[str],
    ) -> Iterator[Entity]:
        taken = -1
        for k, (start, end) in enumerate(candidates):
            here = text[start:end]
            if start < taken:
                continue
            if here not in first and here not in common:
                # The next capitalised word, right after one space, must be a surname: a set lookup
                # rejects nearly every capitalised word before any other reading.
                after = candidates[k + 1] if k + 1 < len(candidates) else None
                if after is None or after[0] != end + 1 or text[after[0] : after[1]] not in surname:
                    continue
                name = _before_surname(text, start, end, surname)
                if name is not None:
                    taken = name
                    yield Entity("PERSON", start, name, self.score - 0.05, text[start:name], self.name)
                continue
            gap = _SPACE.match(text, end)
            nxt = _WORD.match(text, gap.end()) if gap is not None else None
            # A closing quote or a possessive is not part of the name: 'Alice Johnson', Alice Johnson's.
            word = _POSSESSIVE.sub("", nxt.group()) if nxt is not None else ""
            if here in common:  # "Roger Pedersen", not "Grace period": only before a known surname
                paired = word[:1].isupper() and word in surname
                cued = False
            else:
                paired = word[:1].isupper() and (word in surname or word in first or _name_like(word))
                cued = not paired and self._cued(text, start)
            if (paired or cued) and not _after_a_saint(text, start):
                name = name_end(text, start)
                if (
                    name > start
                    and not _organisation(text, start, name)
                    and not _place_or_body(text, start, name)
                ):
                    taken = name
                    yield Entity("PERSON", start, name, self.score, text[start:name], self.name)

    @staticmethod
    def _cued(text: str, start: int) -> bool:
        """Whether the word (or two words) before ``start`` introduce a person."""
        m = _PREVIOUS.search(text, max(0, start - 24), start)
        if m is None:
            return False
        if m.group(2) is not None:
            last, before = m.group(2).lower(), m.group(1).lower()
            return last in _CUES or (before, last) in _CUE_PAIRS
        return m.group(1).lower() in _CUES

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))
