"""What the small model calls a name in posts, chat and logs that no text names so.

Seen in short, noisy text (posts, comments, chat, error messages), these are shapes of a finding, not
lists of names: each holds in any text. The first four hold for every kind of name, the fifth for
people and organisations (a place in chat is written in lower case: ``moving to america``), the
others for organisations.

* one letter (``U should sell it``, ``104° F``): chat spelling or a unit, never a name;
* a span that ends or starts inside a word: the model read a piece of a word its tokenizer split
  (``gon`` of ``gonna``, ``TB`` of ``3TB``), not a word of its own;
* a program's exception class (``TypeError: Cannot read ...``, ``NullPointerException``): a tool
  that reports a crash hands on its message, and the model reads the class as a firm or a person;
* a word for a relative or a role, alone (``Daughter (Ellen) at bedside``, ``Nurse said``): it
  names how someone is related, not who; a card network (``Paid with Mastercard``): how someone
  paid; a cell of a Markdown table's header row (``| Name | Email |``): a column's label;
* common words of the language written in lower case, no name among them (``git log``): edited
  text writes names capitalised, and chat's lower-case names hold a name the lists know;
* a compass point (``Dir: WNW``, ``Wind: NNE at 9mph``): weather and map lines;
* weekday or month names and abbreviations, alone or joined together (``on Fri 3pm``, ``Sat &
  Sun``, ``Mon-Fri``): a schedule (a weekday alone for every kind of name, a month alone for firms:
  ``Jan``, ``June`` are first names too);
* a word that is no noun at all, opening a sentence (``Quit complaining``, ``Awesome!``): people
  capitalise the first word of a sentence, and the small model reads an adjective, an adverb or a
  verb there as a firm. A body's name is a noun or a word no dictionary holds; a word that may be a
  noun (``Super video``, but also ``Apple released``) is left to the model.

It also trims what a span carries past its name: a dangling ``&`` of an HTML entity the text kept
escaped (``BFF &amp; I`` is read ``BFF &``).
"""

from __future__ import annotations

import re

from mask_core.scan.ner.lexicon import Lexicon
from mask_core.scan.recognizers.dates import CALENDAR_WORDS
from mask_core.scan.recognizers.word_lists import first_names, places, surnames

__all__ = ["chat_noise", "trim_dangling"]

# The sixteen points of the compass, written as weather and map lines write them.
_COMPASS = frozenset("N S E W NE NW SE SW NNE ENE ESE SSE SSW WSW WNW NNW".split())  # noqa: SIM905
_CALENDAR_ABBREVIATIONS = frozenset(
    """mon tue tues wed thu thur thurs fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec""".split()  # noqa: SIM905
)
_CALENDAR = CALENDAR_WORDS | _CALENDAR_ABBREVIATIONS
_WEEKDAYS = frozenset(
    """mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday saturday
    sunday""".split()  # noqa: SIM905
)
# Between two calendar words of a schedule: "Sat & Sun", "Sat &amp; Sun", "Mon-Fri", "Tue/Thu".
_CALENDAR_JOIN = r"[ \t]*(?:&amp;|&|and|to|-|–|/|,)[ \t]*"
_CALENDAR_RE = "|".join(sorted(_CALENDAR, key=len, reverse=True))
_CALENDAR_BEFORE = re.compile(r"(?i)\b(?:" + _CALENDAR_RE + r")\.?" + _CALENDAR_JOIN + r"$")
_CALENDAR_AFTER = re.compile(r"(?i)" + _CALENDAR_JOIN + r"(?:" + _CALENDAR_RE + r")\b")
_WORDS = re.compile(r"[^\W\d_]+")
# Where a sentence opens: the start of the text or of a line, or after a sentence's end, and after
# the handles a post opens with ("RT @user:", "@user @other").
_OPENING = re.compile(r"(?:^|[.!?][\"”')]*[ \t]+|\n[ \t]*)(?:RT[ \t]+)?(?:@\w+:?[ \t]+)*$")
_DANGLING = re.compile(r"[ \t]*&$")
_ROLE_WORDS = frozenset(
    """daughter son mother father mom mum dad wife husband brother sister aunt uncle niece nephew cousin
    grandmother grandfather grandma grandpa grandson granddaughter stepson stepdaughter spouse partner
    fiance fiancee girlfriend boyfriend nurse doctor patient client customer caller guardian
    caregiver sir madam madame""".split()  # noqa: SIM905
)
_EXCEPTION_CLASS = re.compile(r"(?:[A-Z][a-z0-9]*)+(?:Error|Exception|Warning|Fault|Panic)")


def trim_dangling(text: str, start: int, end: int) -> int:
    """The end of ``start:end`` without a dangling ``&`` (``BFF &`` of ``BFF &amp; I``)."""
    m = _DANGLING.search(text, start, end)
    return m.start() if m is not None and m.start() > start else end


def chat_noise(text: str, start: int, end: int, entity_type: str, lexicon: Lexicon | None) -> bool:
    """Whether the finding ``entity_type`` at ``start:end`` is one of the shapes of the module
    docstring, not a name."""
    value = text[start:end]
    if len(value) == 1:
        return True
    if (end < len(text) and text[end].isalnum() and value[-1:].isalpha()) or (
        start and text[start - 1].isalnum() and value[:1].isalpha()
    ):
        return True  # "gon" of "gonna", "TB" of "3TB": a piece of a word
    if _EXCEPTION_CLASS.fullmatch(value) is not None:
        return True  # "TypeError", "NullPointerException"
    if value.lower() in _ROLE_WORDS or value.lower().rstrip(".") in _WEEKDAYS:
        return True  # "Daughter (Ellen) at bedside"; "see you on Fri 3pm"
    if value.lower() in _CARD_NETWORKS:
        return True  # "Paid with Mastercard •••• 5521": how someone paid, which a refund needs
    if "|" in text and _header_cell(text, start, end):
        return True  # "| Name | Email | Phone |" over "|---|---|---|": a table's column labels
    if (
        entity_type != "LOCATION"
        and lexicon is not None
        and value.islower()
        and _common_words(value, lexicon)
    ):
        return True  # "git log: commit 9f1c2e4": lower-case words of the language, no name among them
    if entity_type != "ORGANIZATION":
        return False
    if value in _COMPASS:
        return True
    if _schedule(text, start, end, value) or value.lower().rstrip(".") in _CALENDAR:
        return True  # "Sat & Sun"; "Jan" of "due Jan 5" (alone, a first name too: firms only)
    return lexicon is not None and _opening_word(text, start, value, lexicon)


# The card networks (the card recognizer's): a card's brand, as the ``brand`` field of a payment
# method holds it, is how someone paid, not a party to protect.
_CARD_NETWORKS = frozenset(
    """visa mastercard amex maestro discover jcb unionpay diners rupay elo hipercard mir""".split()  # noqa: SIM905
) | {"american express", "diners club", "china unionpay"}
_SEPARATOR_ROW = re.compile(r"[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-{0,}:?[ \t]*\|?[ \t]*(?:\n|$)")


_ROW_REACH = 400


def _header_cell(text: str, start: int, end: int) -> bool:
    """Whether ``start:end`` is a whole cell of a Markdown table's header row (the row right above
    its ``|---|`` line)."""
    # Within a row's reach: a long line with many findings must not be read back to its start per finding.
    line_start = text.rfind("\n", max(0, start - _ROW_REACH), start) + 1
    line_end = text.find("\n", end, end + _ROW_REACH)
    if line_end == -1 or (line_start == 0 and start > _ROW_REACH):
        return False
    before = text[line_start:start].rstrip(" \t")
    after = text[end:line_end].lstrip(" \t")
    if not (before.endswith("|") and after.startswith("|")):
        return False
    return _SEPARATOR_ROW.match(text, line_end + 1) is not None


def _common_words(value: str, lexicon: Lexicon) -> bool:
    """Every word of ``value`` a common word (``lexicon.py``) that no list holds as a name or a place."""
    words = _WORDS.findall(value)
    return bool(words) and all(
        (lexicon.common(w) or lexicon.noun(w))
        and (name := w.capitalize()) not in first_names()
        and name not in surnames()
        and name not in places()
        for w in words
    )


def _schedule(text: str, start: int, end: int, value: str) -> bool:
    """Calendar words only, with another one joined to them (``Sat & Sun``, ``Mon-Fri``)."""
    words = [w.lower() for w in _WORDS.findall(value) if w not in ("and", "amp")]
    if not words or any(w not in _CALENDAR for w in words):
        return False
    return (
        len(words) > 1
        or _CALENDAR_BEFORE.search(text, max(0, start - 16), start) is not None
        or _CALENDAR_AFTER.match(text, end) is not None
    )


def _opening_word(text: str, start: int, value: str, lexicon: Lexicon) -> bool:
    """One capitalised word, no noun, that opens a sentence (``Quit complaining``, ``Awesome!``)."""
    if " " in value or not value[:1].isupper() or value.isupper():
        return False
    if _OPENING.search(text, max(0, start - 80), start) is None:
        return False
    if value in first_names() or value in surnames() or value in places():
        return False
    return lexicon.common(value) and not lexicon.noun(value)
