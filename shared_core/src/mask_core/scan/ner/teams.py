"""Teams and brands the small model reads as places or people: a city and a plural (``Chicago
Blackhawks``), a place standing for its team in a match (``Bolton 1-2 Liverpool``), a common noun in
the plural (``the Penguins``). Each is an organisation; the finding stays protected either way, only
its type changes, which is what the model downstream reads."""

from __future__ import annotations

import re

from mask_core.scan.ner.lexicon import Lexicon
from mask_core.scan.ner.text import FUNCTION_WORDS
from mask_core.scan.recognizers._address_words import SUFFIXES
from mask_core.scan.recognizers.dates import CALENDAR_WORDS
from mask_core.scan.recognizers.word_lists import common_first_names, first_names, places, surnames

__all__ = ["cheered", "competing", "hashtag_team", "on_platform", "plural_common_noun", "team_end"]

# Plurals that follow a place in the name of a place, a road or a building, not of a team: ``Florida
# Keys``, ``Niagara Falls``, ``Cayman Islands``, ``Chicago Heights``, ``Sydney Towers`` (with the road
# and building words of ``SUFFIXES``).
_PLACE_PLURALS = frozenset(
    """Islands Isles Keys Falls Lakes Mountains Hills Heights Highlands Lowlands Springs Plains Rapids
    Woods Gardens Meadows Shores Sands Flats Narrows Pines Oaks Downs Fields Forks Glades Cliffs Dunes
    Rocks Straits Territories States Provinces Emirates Towers Apartments Suites Estates Acres Commons
    Docks Grounds Parks Terraces Villas Halls Buildings Lands Wetlands Valleys Banks Beaches Bays Creeks
    Rivers Ridges Crossings Mills Landings Harbours Harbors Ports Quarters Suburbs Streets Roads""".split()  # noqa: SIM905
)
_PLURAL_WORD = re.compile(r"[ \t]+([A-Z][a-z]{2,}s)(?![\w'’-])")


# A place that stands for its team: next to a score between two sides (``Bolton 1-2 Liverpool``,
# ``Kokomo 68-37.``; not a range, ``Boston 2-3 nights``), a verb of a match (``beat West Ham``,
# ``defeats Kokomo``, ``lost to Everton``) or its fans (``Leeds fan``). Not "vs" alone: places are
# compared so too (``London vs Paris: the cost of living``).
_SCORE = r"[0-9]{1,3}[ \t]*[-–][ \t]*[0-9]{1,3}"
_MATCH_BEFORE = re.compile(
    r"(?:\b(?:beat|beats|beating|defeat|defeats|defeated|outscor(?:e|es|ed|ing)|(?:lose|loses|losing|lost)"
    r"[ \t]+to)|[A-Z][\w'’.]*[ \t]+" + _SCORE + r")[ \t]+(?:the[ \t]+)?$"
)
_MATCH_AFTER = re.compile(
    r"[ \t]+(?:(?:beat|beats|defeat|defeats|defeated|outscor(?:e|es|ed|ing))\b|"
    + _SCORE
    + r"(?=[ \t]*(?:$|[-–—,.;:!)]|[A-Z]))"
    r"|fans?\b|supporters\b)"
)


def competing(text: str, start: int, end: int) -> bool:
    """Whether the place at ``start:end`` stands for a team in a match (see ``_MATCH_BEFORE``)."""
    return (
        _MATCH_AFTER.match(text, end) is not None
        or _MATCH_BEFORE.search(text[max(0, start - 40) : start]) is not None
    )


def team_end(text: str, start: int, end: int) -> int | None:
    """The end of a team's name when ``start:end`` is a city or region and the next word is a
    capitalised plural that is no part of a place's name: ``Chicago Blackhawks``, ``Philadelphia
    Eagles``, ``Akron Zips`` (English names its clubs so; the model reads the city alone as a place,
    or the whole as a person when the city is a first name too: ``Cleveland Browns``)."""
    value = text[start:end]
    last_space = value.rfind(" ")
    city, last = (value[:last_space], value[last_space + 1 :]) if last_space > 0 else (value, "")
    if last and city in places() and _is_team_word(last):
        return end
    if value not in places():
        return None
    m = _PLURAL_WORD.match(text, end)
    if m is None or not _is_team_word(m.group(1)):
        return None
    return m.end(1)


def _is_team_word(word: str) -> bool:
    return (
        word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and word not in _PLACE_PLURALS
        and word not in SUFFIXES
        and word not in places()
        and word not in surnames()
        and word.lower() not in FUNCTION_WORDS
        and word.lower() not in CALENDAR_WORDS
    )


def plural_common_noun(value: str, lexicon: Lexicon) -> bool:
    """Whether ``value`` is one capitalised common noun in the plural that no name list holds as a
    person's name: a team, a band or a brand (``Penguins``, ``Eagles``, ``Crocs``), which the small
    model reads as a person when it stands where a person would. A person is one, and a singular
    common word may be a surname no list holds (``Brown``, ``Trump``)."""
    return (
        " " not in value
        and value[:1].isupper()
        and not value.isupper()
        and value.endswith("s")
        and not value.endswith(("ss", "us", "is", "'s", "’s"))
        and lexicon.common(value)
        and value not in first_names()
        and value not in common_first_names()
        and value not in surnames()
    )


# A word of the sentence after a hashtag: not another tag, a link or the end of the text.
_SENTENCE_GOES_ON = re.compile(r"[ \t]+[^\W\d_]")
_TAG_BEFORE = re.compile(r"#[\w-]+[ \t]*$")


def hashtag_team(text: str, start: int, end: int) -> bool:
    """Whether the hashtag at ``start:end`` (its word, after the ``#``) is a team or a band standing
    in the sentence as its subject or object: one capitalised plural word (not words run together:
    ``#ZodiacFacts``) that no list holds as a name or a place, with the sentence going on after it
    (``the #Padres tonight``, ``#Steelers face 3rd and 8``). A tag among tags (``#Sculpture
    #Oddities``, ``#Deals #82``) or at the end of a post is a topic."""
    value = text[start:end]
    return (
        value[:1].isupper()
        and value[1:].islower()
        and _is_team_word(value)
        and not _TAG_BEFORE.search(text, max(0, start - 40), start - 1)
        and value not in first_names()
        and _SENTENCE_GOES_ON.match(text, end) is not None
    )


# A cheer: "Go Lions!", "Let's go Yanks!", "GOO WB WILDCATS!", "COME ON YOU REDS!", at the start of
# a sentence or a clause, its last word a capitalised plural, then "!". What is cheered so is a team
# (a band, a school's side); "Go Home!", "GO AND VOTE" have no plural.
_CHEER = re.compile(
    r"(?:^|(?<=[.!?:;,(\"“])|(?<=\n))[ \t]*(?:[Gg]o+|GO+|[Ll]et['’]?s[ \t]+go+|LET['’]?S[ \t]+GO+|"
    r"[Cc]ome[ \t]+on(?:[ \t]+you)?|COME[ \t]+ON(?:[ \t]+YOU)?)[ \t]+(?:the[ \t]+)?"
    r"((?:[A-Z][\w'’.-]*[ \t]+){0,2}([A-Z][\w'’-]*))[ \t]*!"
)


def cheered(text: str) -> list[tuple[int, int]]:
    """Spans of the teams cheered in ``text`` (see ``_CHEER``), in one pass over it."""
    if "!" not in text:
        return []
    out = []
    for m in _CHEER.finditer(text):
        last = m.group(2)
        word = last if not last.isupper() else last[0] + last[1:].lower()
        if _is_team_word(word) and word not in first_names():
            out.append(m.span(1))
    return out


_ON = re.compile(r"(?<![\w'’])on[ \t]+$")


def on_platform(text: str, start: int, value: str) -> bool:
    """Whether the one-word "person" ``value`` at ``start`` follows ``on`` and no list holds it as a
    person's name: a site, a channel or a network where things are posted (``following us on
    Twitter``, ``my track on Soundcloud``). One is on a platform, not on a person; a known name
    keeps the model's reading (``an attack on Rushdie``)."""
    return (
        " " not in value
        and value[:1].isupper()
        and not value.isupper()
        and value not in first_names()
        and value not in surnames()
        and value not in places()
        and _ON.search(text, max(0, start - 4), start) is not None
    )
