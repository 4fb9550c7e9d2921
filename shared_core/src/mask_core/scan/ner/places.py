"""Places the model passed over, from the place lists and the words around them.

A small model misses the places people write most casually: a city in lower case (``back to
orlando``), in capitals (``COMING TO GLASGOW``), in a hashtag (``#NewDelhi``), a town it never saw
(``in Yakima``), a city with its state (``Hickory, NC``). :func:`lone_places` reads them from two lists
(``scripts/build_place_list.py``):

* **places** (countries, continents, first-level regions, cities of 100,000 people or more): a place
  wherever it is written as a name: capitalised, in capitals, in a hashtag, or in lower case in text
  written without capitals. A place that is a first name too (``Florence``, ``Austin``) needs a word
  around it that says "place";
* **towns** (cities of 15,000 or more): only with such a word: ``in``/``at``/``from``/``to`` and the
  like before it, or a state, region or country after it (``Compton, CA``, ``Lelystad, Netherlands``).

A lower-case place in edited text needs that word too (``flights to japan``; without it ``japan`` is
the lacquer). A state or province code after a place joins it (``Columbus, GA`` is one finding).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from mask_core.scan.ner.teams import competing
from mask_core.scan.ner.text import informal
from mask_core.scan.recognizers.word_lists import (
    first_names,
    lower_places,
    lower_towns,
    places,
    surnames,
    towns,
)
from mask_core.scan.spans import Taken
from mask_core.types import Entity

__all__ = ["STATE_CODES", "lone_places", "with_state_codes"]

# A word of a place name: letters first, then letters, digits and the marks inside names
# (``Stoke-on-Trent``, ``St.``, ``N.J.``); a hashtag is one word.
_WORD = re.compile(r"(?<![\w@'’-])(#?[^\W\d_][\w'’.-]*)")
# The same, starting with a capital or a hash sign.
_CAPITAL_WORD = re.compile(r"(?<![\w@'’-])((?:#[^\W\d_]|[^\W\d_a-zß-ÿ])[\w'’.-]*)")
_TRAILING = frozenset("'’sS-")
_PARTICLES = frozenset(
    {"de", "del", "la", "do", "da", "dos", "das", "of", "the", "upon", "on", "am", "an", "sur"}
)
# Words after which a name is most likely a place: ``in Yakima``, ``back to orlando``, ``visiting Paris``.
_LOCATIVE_WORDS = """in at from to near around outside into towards toward via through across visit visiting
    visited leaving leave left reach reached arrive arrived arriving en""".split()  # noqa: SIM905
_LOCATIVE = frozenset(_LOCATIVE_WORDS)
# A lower-case word right after one of them (``the`` allowed between): ``flew to toronto``.
_AFTER_LOCATIVE = re.compile(
    r"(?i:(?<![\w'’-])(?:" + "|".join(_LOCATIVE_WORDS) + r")[ \t]+(?:the[ \t]+)?)([a-zß-ÿ][\w'’.-]*)"
)
#: The codes written after a city: US states and territories, Canadian provinces,
#: Australian states.
STATE_CODES = frozenset(
    """AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM
    NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI
    AB BC MB NB NL NS NT NU ON PE QC SK YT NSW QLD VIC TAS ACT""".split()  # noqa: SIM905
)
_AFTER = re.compile(r",[ \t]*(?:([A-Z]{2,3})\b(?![.'’-]\w)|([^\W\d_][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)*))")
_POSSESSIVE = re.compile(r"(?:['’]s?|-+)$")
_HASHTAG_WORDS = re.compile(r"(?<=[a-z])(?=[A-Z])")
_MAX_WORDS = 4
# A lower-case or all-caps word this short is a word or an abbreviation, whatever place it may name.
_SHORT = 3


# The next word of a place name: after one space or tab (a place name never spans punctuation).
_NEXT_WORD = re.compile(r"[ \t]([^\W\d_][\w'’.-]*)")


@functools.cache
def _first_words() -> Mapping[str, int]:
    """The first word, in lower case, of every place and town -> the most words a place starting
    with it has: most words of a text start none, and are passed over with one lookup."""
    most: dict[str, int] = {}
    for name in itertools.chain(places(), towns()):
        words = name.lower().split()
        if len(words) <= _MAX_WORDS:
            most[words[0]] = max(most.get(words[0], 0), len(words))
    return most


def _bare(word: str, end: int) -> tuple[str, int]:
    """``word`` (ending at ``end``) without a possessive or a trailing hyphen."""
    possessive = _POSSESSIVE.search(word)
    if possessive is None:
        return word, end
    return word[: possessive.start()], end - len(possessive.group())


class _Hit(NamedTuple):
    words: int  # how many words of the run
    end: int  # where the place ends (before a full stop that ends a sentence)
    town: bool  # only in towns(): needs a word around it that says "place"
    first_name: bool  # one word that is a first name too: needs such a word as well


def _lookup(phrase: str, lower_ok: bool) -> tuple[bool, bool] | None:
    """``(is a town, is a first name too)`` if ``phrase`` names a place as written, else None."""
    if phrase.startswith("#"):
        phrase = _HASHTAG_WORDS.sub(" ", phrase[1:])
    words = phrase.split()
    if not words:
        return None
    if phrase.isupper() and (len(phrase) > _SHORT or phrase in places()):
        key = phrase.lower()
        known = phrase in places() or key in lower_places()
        town = not known and key in lower_towns()
    elif phrase.islower():
        if not lower_ok or len(phrase) <= _SHORT:
            return None
        known, town = phrase in lower_places(), phrase in lower_towns()
    elif (
        words[0][:1].isupper()
        and words[-1][:1].isupper()
        and all(w[:1].isupper() or w in _PARTICLES for w in words)
    ):
        known, town = phrase in places(), phrase in towns()
    else:
        return None
    if not (known or town):
        return None
    # A word that names a person as well needs a word around it that says "place"; in lower case a
    # surname counts too ("emily rodriguez"), with capitals the place is the likelier reading.
    single = phrase.title() if len(words) == 1 else ""
    return (not known, single in first_names() or (not phrase[:1].isupper() and single in surnames()))


def _locative(text: str, start: int) -> bool:
    """Whether the word before ``start`` says "place" (``in``, ``to the``, ``@``)."""
    before = text[max(0, start - 24) : start].rstrip(" \t")
    if before.endswith("@"):
        return True
    words = before.lower().split()[-2:]
    if words and words[-1] == "the":
        words.pop()
    return bool(words) and words[-1].strip("(") in _LOCATIVE


def _region_after(text: str, end: int) -> int | None:
    """Where a state code or a known region after ``end`` ends (``, GA``, ``, Netherlands``), or None."""
    m = _AFTER.match(text, end)
    if m is None:
        return None
    if m.group(1) is not None:
        return m.end() if m.group(1) in STATE_CODES else None
    tail = m.group(2).rstrip(".")
    return m.start(2) + len(tail) if tail in places() else None


def _candidates(text: str, chat: bool) -> tuple[Iterator[re.Match[str]], ...]:
    """The words a place may start at, each group in text order: every word in text written without
    capitals; elsewhere capitalised words and hashtags, then a lower-case word right after a word that
    says "place" (most words of edited text are neither, and cost nothing here)."""
    if chat:
        return (_WORD.finditer(text),)
    return _CAPITAL_WORD.finditer(text), _AFTER_LOCATIVE.finditer(text)


def lone_places(text: str, found: list[Entity], score: float) -> list[Entity]:
    """LOCATION findings for the places of the lists the model passed over or cut (see the module
    docstring). A place of several words replaces the model's findings inside it (``Angeles`` of
    ``Los Angeles``); a place of one word is added only where the model found nothing."""
    chat = informal(text)
    starts = _first_words()
    taken: Taken | None = None
    placed = Taken()
    out: list[Entity] = []
    for group in _candidates(text, chat):
        resume = 0
        for m in group:
            start = m.start(1)
            if start < resume:
                continue
            word, end = m.group(1), m.end(1)
            if word[-1] in _TRAILING:
                word, end = _bare(word, end)
                if not word:
                    continue
            if word[0] == "#":
                most = 1
            else:
                most = (
                    starts.get(word.lower())
                    or (word[-1] == "." and starts.get(word.rstrip(".").lower()))
                    or 0
                )
                if not most:
                    continue
            hit = _longest_place(text, word, end, m.end(1), most, chat or _locative(text, start))
            if hit is None:
                continue
            after = _region_after(text, hit.end)
            if not (after is not None or _locative(text, start)) and (hit.town or hit.first_name):
                continue
            if taken is None:
                taken = Taken((e.start, e.end) for e in found)
            if (hit.words > 1 or not taken.overlaps(start, hit.end)) and not placed.overlaps(start, hit.end):
                end = hit.end
                if after is not None and text[end + 1 : after].strip().isupper():
                    end = after  # "Columbus, GA": the city and its state are one finding
                # "Bolton 1-2 Liverpool": a place standing for its team in a match is the team.
                et = "ORGANIZATION" if competing(text, start, end) else "LOCATION"
                out.append(Entity(et, start, end, score, text[start:end], "ner:place", False))
                placed.add(start, end)
                resume = end
    return out


def _longest_place(
    text: str, word: str, end: int, matched_end: int, most: int, lower_ok: bool
) -> _Hit | None:
    """The place of the most words (at most ``most``) starting with ``word``, if any."""
    words = [(word, end)]
    pos = matched_end
    while len(words) < most and end == pos:  # a possessive ends a name: "Los Angeles's"
        m = _NEXT_WORD.match(text, pos)
        if m is None:
            break
        nxt, end = _bare(m.group(1), m.end())
        if not nxt:
            break
        words.append((nxt, end))
        pos = m.end()
    for n in range(len(words), 0, -1):
        phrase = " ".join(w for w, _ in words[:n])
        last_end = words[n - 1][1]
        found = _lookup(phrase, lower_ok)
        if found is not None:
            return _Hit(n, last_end, *found)
        if phrase.endswith("."):
            bare = phrase.rstrip(".")
            found = _lookup(bare, lower_ok)
            if found is not None:
                return _Hit(n, last_end - (len(phrase) - len(bare)), *found)
    return None


# A state's code right after a place, with or without its comma: ``Columbus, GA``, ``Portland, OR at
# 9 PM``, ``Dayton NJ``.
_CODE_AFTER = re.compile(r",?[ \t]+([A-Z]{2,3})(?![\w'’-])(?![.][A-Za-z])")


def with_state_codes(text: str, found: list[Entity]) -> list[Entity]:
    """``found`` with each place the model or the lists found extended over the state or province
    code written after it (``Columbus, GA``): the code narrows the place, and alone it would be read
    as a firm's abbreviation or not at all. A code without its comma counts after a place of the list
    only (``Dayton NJ``; ``Apple CA`` is no place)."""
    out = []
    taken: Taken | None = None  # built once, when a code first follows a place
    for e in found:
        if e.entity_type == "LOCATION":
            m = _CODE_AFTER.match(text, e.end)
            if (
                m is not None
                and m.group(1) in STATE_CODES
                and (text[e.end] == "," or e.text in places())
                and not (taken := taken or Taken((o.start, o.end) for o in found)).overlaps(
                    m.start(1), m.end(1)
                )
            ):
                end = m.end(1)
                e = Entity(  # noqa: PLW2901 - the place with its code replaces the place
                    "LOCATION", e.start, end, e.score, text[e.start : end], e.recognizer, e.validated
                )
        out.append(e)
    return out
