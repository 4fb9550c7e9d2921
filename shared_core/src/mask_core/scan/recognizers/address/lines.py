"""Street lines: where an address starts, found one of the ways the package docstring lists (English
number-name-suffix lines, French lines, lines led by a street type, one-word names ending in one,
named streets alone on their line, US military and post office boxes), and the word gates that say
which of these forms a text can hold."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from mask_core.scan.recognizers._address_words import (
    COMPOUND_ENDINGS,
    PREFIX_TYPES,
    STRONG_SUFFIXES,
    SUFFIXES,
    alternation,
)
from mask_core.scan.recognizers.address.pieces import MILITARY, NAME, PARTICLE, UP, Line, boundary_before
from mask_core.scan.view import ScanView, class_string

__all__ = [
    "ALL_KEYS",
    "EN_KEYS",
    "LOWER_SUFFIXES",
    "PO_KEYS",
    "char_classes",
    "compound_lines",
    "en_lines",
    "fr_lines",
    "line_streets",
    "military_lines",
    "po_boxes",
    "prefix_lines",
]

# -- the words and patterns of street lines ------------------------------------------------------
_NUMBER = r"[0-9]{1,5}[A-Za-z]?(?:[ \t]?[-/][ \t]?[0-9]{1,4}[A-Za-z]?)?"
LOWER_SUFFIXES = frozenset(s.lower() for s in SUFFIXES)
_LOWER_STRONG = frozenset(s.lower() for s in STRONG_SUFFIXES)
# Street types that are ordinary words or abbreviations too ("a public place", "al." in "et al."): a
# street line they start needs more of an address. Those in the second set only when written in
# lower case ("sent via email", but "Via Roma 1").
_WEAK_TYPES = frozenset(
    {"place", "square", "route", "passage", "sector", "al.", "r.", "c.", "os.", "ch.", "pl.", "av", "bd",
     "fg", "tv.", "tr.", "cr.", "kr.", "cours", "voie", "quadra", "trecho", "conjunto", "setor", "stretto",
     "circular", "diagonal", "transversal", "vial", "corredor"}
)  # fmt: skip
_WEAK_LOWER = frozenset(
    {"via", "vía", "largo", "corso", "parque", "jardim", "praia", "vila", "canale", "borgo", "campo", "lago",
     "vale", "morro", "feira", "distrito", "área", "estação", "lagoa", "aeroporto", "colonia", "colônia"}
)  # fmt: skip

# Number, then capitalised words: the last word that is a street suffix ends the street line.
_EN_WORD = rf"(?:{NAME}|[0-9]{{1,3}}(?:st|nd|rd|th))"
_EN_LINE = re.compile(
    rf"[0-9]{{1,6}}+[A-Za-z]?(?:[-/][0-9]{{1,5}}[A-Za-z]?)?,?[ \t]+{_EN_WORD}(?:[ \t]+{_EN_WORD}){{1,6}}"
)
# A street named without a number, alone on its line (en_GB "Flat 3\nJosh Tunnel\nLondon\nN1 9GU").
_EN_NAMED = re.compile(rf"[ \t]*{NAME}(?:[ \t]+{NAME}){{1,3}}[ \t]*")
# A name and a number that end a line (the street line of a European layout without a street type).
_NUMBERED_LINE = re.compile(
    rf"(?P<street>(?:{PARTICLE}[ \t]+)?{NAME}(?:[ \t]+(?:{PARTICLE}[ \t]+)*{NAME}){{0,3}}"
    rf",?[ \t]+{_NUMBER})"
    r"[ \t]*$"
)
_WORD = re.compile(r"[^ \t]+")
_DIRECTION = re.compile(r"[ \t]+(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?(?![\w])")
_FR_TYPES = (
    "rue|avenue|av.|boulevard|bd|bld|chemin|ch.|impasse|imp.|place|allée|quai|route|cours|passage|square"
)
_FR_NUMBER_BEFORE = re.compile(r"[0-9]{1,4}(?:[ \t]?(?:bis|ter|quater|[a-d])(?![\w]))?,?[ \t]+$")
_FR_LINE = re.compile(
    rf"[0-9]{{1,4}}(?:[ \t]?(?:bis|ter|quater|[A-Da-d])(?![\w]))?,?[ \t]+"
    rf"(?i:{alternation(_FR_TYPES.split('|'))})[ \t]+(?:(?:{PARTICLE}[ \t]+)|[dl]['’])*{NAME}"
    rf"(?:[ \t]+(?:{PARTICLE}[ \t]+|[dl]['’])*{NAME}){{0,4}}"
)
_PREFIX_LINE = re.compile(
    rf"(?P<type>(?i:{alternation(PREFIX_TYPES)}))(?:[ \t]+|(?<=[/.º°])[ \t]*)"
    rf"(?:(?:{PARTICLE})[ \t]+|[dl]['’][ \t]?)*"
    rf"(?:{NAME}|[0-9]{{1,3}}[A-Za-z]?[ºª°]?(?:[ \t]+[Bb]is(?:[ \t]+[A-Z](?![\w]))?)?)"
    rf"(?:[ \t]+(?:{PARTICLE}[ \t]+|[dl]['’])*{NAME}){{0,5}}"
    # A number after a comma has four digits at most: "Calle Mayor, 5", but "rue de Ramos, 40599
    # Gauthierville" is the street's postcode and town.
    rf"(?:(?P<number>(?:[ \t]*,[ \t]*(?=[^\d]|[0-9]{{1,4}}(?![0-9]))|[ \t]*)"
    rf"(?:(?i:n[º°o]|núm|número|nr|no)\.?[ \t]*)?(?:{_NUMBER}|[sS]/[nN])(?![\w])"
    r"|[ \t]*(?:#|No\.?|N[º°])[ \t]*[0-9]{1,3}[A-Za-z]?[ \t]*-[ \t]*[0-9]{1,3}(?![\w])"
    r"(?:[ \t]+(?:Este|Sur|Norte|Oeste)(?![\w]))?)"  # es_CO: Calle 187 # 4-32 Este
    r"|(?=[ \t]*(?:\n|,|$)))"  # a street named without its number, at the end of its line
)
_COMPOUND_LINE = re.compile(
    rf"(?:{NAME}[ \t]+){{0,3}}(?P<head>[{UP}][\w'’-]{{0,40}}?|(?<=[ \t])(?:[a-zß-ÿ][\w'’-]{{0,40}}?)?)"
    rf"(?P<ending>(?i:{alternation(COMPOUND_ENDINGS)}))\.?[ \t]+{_NUMBER}(?![\w])"
)
# The text as one byte per character: digits "0", ASCII letters "a"/"A", other characters "?" (non-ASCII
# letters among them), spaces and tabs " ", and ",", ".", "-", "/" as themselves.
char_classes = class_string(
    bytes(
        48 if 48 <= b <= 57 else 65 if 65 <= b <= 90 else 97 if 97 <= b <= 122 else 32 if b in (9, 32)
        else b if b in b",.-/" else 63
        for b in range(256)
    )
)  # fmt: skip
_EN_HIT = re.compile(rb"0[aA]?,? +[A?]")  # the end of a number, then a capital
_COMPOUND_HIT = re.compile(rb"0 +\.?[aA?]")  # reversed: a number's first digit, then a word's end
# A street-type ending read backwards from a word's last letter (one trie match per candidate).
_ENDING_BACKWARDS = re.compile(alternation({e.rstrip(".")[::-1] for e in COMPOUND_ENDINGS}))
# Endings that end ordinary words too ("Spring 2024", "String 3"): the head before them must be long.
_SHORT_HEAD = {"ring": 3, "gate": 4, "tie": 4, "pad": 3, "vei": 3, "veg": 3, "weg": 3, "hof": 3}
_MILITARY_LINE = re.compile(
    r"(?:(?:PSC|CMR|Unit)[ \t]+[0-9]{3,5},?[ \t]+Box[ \t]+[0-9]{1,5}"
    r"|(?:USNS|USS|USNV|USCGC)(?:[ \t]+[A-Z][\w'-]*){1,3})"
    r"[ \t]*,?[ \t]*\n?[ \t]*$"
)
_PO_BOX = re.compile(
    r"(?:P\.?[ \t]?O\.?[ \t]?Box|Post Office Box|Apartado(?: de correos)?|Caixa Postal)[ \t]+[0-9]{1,6}"
)


def en_lines(text: str, classes: bytes) -> Iterator[Line]:
    # A number, a space and a capital (class string: digits "0", letters "a"/"A", other letters "?")
    # is where an English street line can start; only there is the line pattern tried.
    for hit in _EN_HIT.finditer(classes):
        start = hit.start()
        while start and classes[start - 1] in b"0-/":
            start -= 1
        if not boundary_before(text, start) or (start and text[start - 1] in ".,:"):
            continue
        m = _EN_LINE.match(text, start)
        if m is None:
            continue
        words = list(_WORD.finditer(text, start, m.end()))
        found = [k for k in range(len(words) - 1, 1, -1) if _suffix(words[k].group())]
        if not found:
            continue
        strong = [k for k in found if words[k].group().rstrip(".,").lower() in _LOWER_STRONG]
        best = strong[0] if strong else found[0]
        suffix = words[best].group().rstrip(".,").lower()
        end = _suffix_end(text, words[best])
        direction = _DIRECTION.match(text, end)
        if direction is not None:
            end = direction.end()
        yield Line(start, end, 0.65 if suffix in _LOWER_STRONG else 0.45, False)


def _suffix(word: str) -> bool:
    return word.rstrip(".,").lower() in LOWER_SUFFIXES


def _suffix_end(text: str, word: re.Match[str]) -> int:
    """Where a street line ending in ``word`` ends: a comma is the next component's, and so is a
    full stop after a whole word ("Evergreen Terrace."), not after an abbreviation ("Main St.")."""
    end = word.end()
    while text[end - 1] == ",":
        end -= 1
    if text[end - 1] == "." and len(text[word.start() : end - 1]) > 4:
        end -= 1
    return end


def line_streets(text: str, english: bool) -> Iterator[Line]:
    """Street lines alone on their line, taken only when a postcode follows: a named street with an
    English suffix and no number ("Josh Tunnel"), and a name and a number with no street type at all
    ("Paschoud 56", "Los Copihues 191"), the layout of a line above "1234 City" in most of Europe and
    Latin America."""
    start = 0
    for line in text.split("\n"):
        comma = line.find(",")  # "Claire Flats, DL5X 2TP": the postcode on the same line
        end = start + (comma if comma >= 0 else len(line))
        if english and _EN_NAMED.fullmatch(text, start, end) is not None:
            words = list(_WORD.finditer(text, start, end))
            if _suffix(words[-1].group()):
                yield Line(words[0].start(), _suffix_end(text, words[-1]), 0.45, True)
        m = _NUMBERED_LINE.search(text, start, start + len(line))  # at the end of its line
        if m is not None and boundary_before(text, m.start("street")):
            yield Line(m.start("street"), m.end("street"), 0.45, True)
        start += len(line) + 1


def _occurrences(
    view: ScanView, by_key: dict[bytes, tuple[str, ...]], keys: frozenset[bytes]
) -> Iterator[int]:
    """Where the phrases under ``keys`` (key words the text holds) occur, as whole words, in text order."""
    if not keys:  # nearly every text
        return iter(())
    lower = view.lower
    found: set[int] = set()
    for key in keys:
        for phrase in by_key[key]:
            pos = lower.find(phrase)
            while pos != -1:
                end = pos + len(phrase)
                if boundary_before(lower, pos) and (
                    phrase[-1] in "/.º°ª" or end == len(lower) or not lower[end].isalnum()
                ):
                    found.add(pos)
                pos = lower.find(phrase, pos + 1)
    return iter(sorted(found))


def fr_lines(view: ScanView, present: frozenset[bytes]) -> Iterator[Line]:
    text, lower = view.text, view.lower
    for pos in _occurrences(view, _FR_BY_KEY, present & _FR_KEYS):
        number = _FR_NUMBER_BEFORE.search(lower, max(0, pos - 16), pos)
        if number is None or not boundary_before(text, number.start()):
            continue
        m = _FR_LINE.match(text, number.start())
        if m is not None:
            yield Line(m.start(), m.end(), 0.65, False)


def prefix_lines(view: ScanView, present: frozenset[bytes]) -> Iterator[Line]:
    text = view.text
    taken = -1
    for pos in _occurrences(view, _PREFIX_BY_KEY, present & _PREFIX_KEYS):
        if pos < taken:
            continue
        m = _PREFIX_LINE.match(text, pos)
        if m is None:
            continue
        kind = m.group("type")
        lower = kind.lower()
        weak = lower in _WEAK_TYPES or (lower in _WEAK_LOWER and kind[0].islower())
        taken = m.end()
        # A street named without its number ("rue Guillon\n05787 ...") only with a postcode after it.
        yield Line(pos, m.end(), 0.45 if weak else 0.65, m.group("number") is None)


def compound_lines(view: ScanView, classes: bytes) -> Iterator[Line]:
    """One-word street names ending in a street type, then a number: found from the number back.

    On the reversed class string a number after a word is a digit, spaces and a letter: a literal
    search, where searching for the endings themselves would try every letter of the text."""
    text = view.text
    n = len(text)
    done = -1
    backwards = ""
    for hit in _COMPOUND_HIT.finditer(classes[::-1]):
        number_at = n - hit.start()  # just past the number's first digit, in the text
        if number_at <= done:
            continue
        backwards = backwards or view.lower[::-1]
        if _ENDING_BACKWARDS.match(backwards, hit.end() - 1) is None:  # the word before ends in a type?
            continue
        for m in _COMPOUND_LINE.finditer(text, max(0, number_at - 100), min(n, number_at + 12)):
            if m.end() >= number_at and boundary_before(text, m.start()) and _head_ok(m):
                done = m.end()
                yield Line(m.start(), m.end(), 0.65, False)
                break


def _head_ok(m: re.Match[str]) -> bool:
    """Whether a street type written as a word of its own follows a name ("Karl Johans gate"), and a
    one-word name is long enough before an ending that ends ordinary words too ("Spring", "String")."""
    head = m.end("head") - m.start("head")
    if not head or m.group("head")[0].islower():  # a street type or a lower-case word after a name
        return m.start("head") > m.start()
    need = _SHORT_HEAD.get(m.group("ending").lower())
    return need is None or head >= need


def military_lines(text: str) -> Iterator[Line]:
    for m in MILITARY.finditer(text):
        start = m.start()
        head = _MILITARY_LINE.search(text, max(0, start - 60), start)
        if head is not None:
            start = head.start()
        yield Line(start, m.end(), 0.9, False)


def po_boxes(text: str) -> Iterator[Line]:
    for m in _PO_BOX.finditer(text):
        if boundary_before(text, m.start()):
            yield Line(m.start(), m.end(), 0.5, False)


# Gates: each form needs its words (suffixes, street types as words), a compound ending right before
# a number, or a military post office.
def _by_key(phrases: Iterable[str]) -> dict[bytes, tuple[str, ...]]:
    """Phrases (lower case) under the longest of their ASCII words, as ``ScanView.words`` splits them."""
    out: dict[bytes, list[str]] = {}
    for phrase in phrases:
        words = re.findall(rb"[a-z0-9]+", phrase.encode("utf-8"))
        if words:
            out.setdefault(max(words, key=lambda w: (len(w), w)), []).append(phrase)
    return {k: tuple(v) for k, v in out.items()}


_FR_BY_KEY = _by_key(_FR_TYPES.split("|"))
_PREFIX_BY_KEY = _by_key(PREFIX_TYPES)
_FR_KEYS = frozenset(_FR_BY_KEY)
_PREFIX_KEYS = frozenset(_PREFIX_BY_KEY)
EN_KEYS = frozenset(_by_key(LOWER_SUFFIXES))
PO_KEYS = frozenset({b"box", b"apartado", b"caixa"})
ALL_KEYS = EN_KEYS | _FR_KEYS | _PREFIX_KEYS | PO_KEYS
