"""Known first names the model passed over (``Kenny, you need to ...``, ``wow emma and ...``), with
the surname after them when one reads as such."""

from __future__ import annotations

import re

from mask_core.scan.ner.corrections import NOT_PERSON_LAST
from mask_core.scan.ner.text import FUNCTION_WORDS, informal, prose_line
from mask_core.scan.recognizers.dates import CALENDAR_WORDS
from mask_core.scan.recognizers.word_lists import first_names, places, surnames
from mask_core.scan.spans import Taken
from mask_core.types import Entity

__all__ = ["lone_first_names"]

# A capitalised word not followed by a number ("Jan 14" is a date).
_CAPITALISED = re.compile(r"(?<![\w@#'’-])[^\W\d_a-zß-ÿ][^\W\d_]{2,}(?![\w'’-])(?![ \t/.-]*\d)")


# Any word of three letters or more, for text written in lower case.
_WORD_ANY = re.compile(r"(?<![\w@#'’./-])[^\W\d_]{3,}(?![\w'’/-])(?!\.\w)(?![ \t/.-]*\d)")


_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w'’-]*)(?![\w'’-])")


def _as_listed(word: str) -> str:
    """``word`` as the name lists write it: ``emma`` -> ``Emma``, ``PRISCILLA`` -> ``Priscilla``."""
    if word.isupper() and len(word) > 1:
        return word.title()
    return word if word[:1].isupper() else word[:1].upper() + word[1:]


def _same_case_surname(first: str, word: str) -> bool:
    """Whether ``word`` is a known surname written as ``first`` is (both in lower case, both in
    capitals, or both capitalised)."""
    same = word.islower() == first.islower() and word.isupper() == first.isupper()
    return same and _as_listed(word) in surnames()


# A capitalised word that can be a surname no list holds ("Raghunathan", "Adeyemi-Clarke").
_CAP_SURNAME = re.compile(r"[A-Z][a-zà-ÿ]{2,}(?:[-'’][A-Z][a-zà-ÿ]+)?")


def _unknown_surname(text: str, first: str, after: re.Match[str]) -> bool:
    """Whether the capitalised word after a capitalised first name reads as its surname: not a function
    word, a weekday or month, a place, or the last word of a firm's or a road's name, and not the
    start of a run of capitalised words (a headline or a title: "Emma Stone Wins Award")."""
    word = after.group(1)
    if first[:1].islower() or _CAP_SURNAME.fullmatch(word) is None:
        return False
    if (
        word.lower() in FUNCTION_WORDS
        or word.lower() in CALENDAR_WORDS
        or word in NOT_PERSON_LAST
        or word in places()
    ):
        return False
    nxt = _NEXT_WORD.match(text, after.end())
    return nxt is None or not nxt.group(1)[:1].isupper()


_SHORT_CAPS = 3  # a first name this short in capitals counts only with its surname ("EVA MENDES")


def lone_first_names(text: str, found: list[Entity], score: float) -> list[Entity]:
    """PERSON findings for known first names standing alone where the model found nothing (``Kenny,
    you need to ...``): in posts and chat a person is most often named by a first name only, and in
    text written without capitals, in lower case (``wow emma and ...``; the lists hold no common
    English word, so ``grace`` or ``will`` never count). A known surname right after such a name is
    part of it (``tanya bergstrom``)."""
    names = first_names()
    taken = Taken((e.start, e.end) for e in found)
    out = []
    chat = informal(text)
    pattern = _WORD_ANY if chat else _CAPITALISED
    for m in pattern.finditer(text):
        word = m.group()
        name = _as_listed(word)
        if (
            name in names
            and name not in places()
            and not taken.overlaps(m.start(), m.end())
            and prose_line(text, m.start(), m.end())
        ):
            end = m.end()
            # A surname right after it is the rest of the name: a known one written the same way
            # ("tanya bergstrom", "EVA MENDES"; the surname list holds no common English word), or in
            # edited text a capitalised word that reads as one ("Priya Raghunathan").
            after = _NEXT_WORD.match(text, end)
            if (
                after is not None
                and (_same_case_surname(word, after.group(1)) or _unknown_surname(text, word, after))
                and not taken.overlaps(after.start(1), after.end(1))
            ):
                end = after.end(1)
            elif word.isupper() and len(word) <= _SHORT_CAPS:
                continue  # "ADA compliance", "the ANA flight": a short word in capitals is an acronym
            out.append(
                Entity("PERSON", m.start(), end, score, text[m.start() : end], "ner:first_name", False)
            )
    if not chat:
        out.extend(_lower_case_pairs(text, taken, score))
    return out


# A word in lower case with another after it (looked at, not consumed: "with ian connor" reads "with
# ian", then "ian connor").
_LOWER_PAIR = re.compile(r"(?<![\w@#'’./-])[a-zß-ÿ]{3,}(?=[ \t]+([a-zß-ÿ][a-zß-ÿ'’-]{2,})(?![\w'’/-]))")


def _lower_case_pairs(text: str, taken: Taken, score: float) -> list[Entity]:
    """In edited text, a known first name in lower case with a known surname after it, written the
    same way (``ian connor``, ``justin bieber``): posts that open their sentences with capitals still
    write names so. A first name alone in lower case is a word there as often as a name (``ruby``,
    ``julia``), and is left to the model."""
    out = []
    names, family = first_names(), surnames()
    for m in _LOWER_PAIR.finditer(text):
        first, last = m.group(), m.group(1)
        if (
            _as_listed(first) in names
            and _as_listed(last) in family
            and _as_listed(first) not in places()
            and not taken.overlaps(m.start(), m.end(1))
            and prose_line(text, m.start(), m.end(1))
        ):
            end = m.end(1)
            out.append(
                Entity("PERSON", m.start(), end, score, text[m.start() : end], "ner:first_name", False)
            )
    return out
