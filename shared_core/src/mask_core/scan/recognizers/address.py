"""Street addresses (``STREET_ADDRESS``), found whole: street line, unit, city, region, postcode, country.

An address is read as components. It starts at a **street line**, found one of five ways:

* number, name, suffix (English layouts): ``742 Evergreen Terrace``, ``66/9 Maynard Copse``,
  ``1600 Pennsylvania Avenue NW``; the suffix is one of USPS Publication 28's or AS/NZS 4819's;
* number, street type, name (French): ``12 rue de la Paix``, ``825, boulevard de François``;
* street type, name, number (Spanish, Portuguese, Italian, Polish, Latin American):
  ``Calle de Alcalá 45``, ``Via Roma 1``, ``Av. Paulista, 1578``, ``ul. Długa 5``,
  ``Calle 10 # 5-51``, ``Av. Mitre N° 18``;
* one-word street name ending in a street type, then a number (German, Dutch, Nordic, Finnish):
  ``Hauptstraße 5``, ``Musterstr. 12a``, ``Kerkstraat 12``, ``Storgatan 3``, ``Karl Johans gate 1``;
* US military: ``PSC 1234, Box 5678`` / ``Unit 1234 Box 567`` / ``USNS Comfort``, then
  ``APO AE 09876`` (or ``FPO``, ``DPO``);
* at the end of a line, and only with a postcode after it: a named street with an English suffix
  and no number (``Josh Tunnel``), or a name and a number with no street type (``Paschoud 56``).

It is then **extended** backwards over a unit or care-of line (``Flat 3``, ``Apt 4,``, ``c/o ...``)
and forwards, over commas and line breaks, across the components that read as the rest of an
address: a unit (``Apt. 112``, ``Suite 200``, ``2º B``, ``Depto. 833``), postcode and city
(``10115 Berlin``, ``1234 AB Amsterdam``, ``114 55 Stockholm``, ``00184 Roma RM``), city, region and
postcode (``Springfield, IL 62704``, ``Toronto, ON M5V 2T6``), a UK or Irish postcode on its own line,
``CEP 01310-200``, and a country name. A line of capitalised words (a city, a district) is taken
only when a postcode, a region or a country follows it.

The score counts the components: a street line alone 0.65 (0.45 when its suffix is also an ordinary
word, "Park", "View", "Center", or its street type is, "via", "place"), 0.75 with a unit or city
(0.6 for those weak lines), 0.9 with a postcode, a region or a country, and then validated: the
structure is the evidence, and the address wins over a postcode inside it that also reads as a phone
number. A street type alone in prose ("I took the road") is never a finding: every street line needs
a number, except a named street directly followed by a postcode.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from mask_core.scan.gates import Literals
from mask_core.scan.recognizer import context_regex
from mask_core.scan.recognizers._address_words import (
    COMPOUND_ENDINGS,
    PREFIX_TYPES,
    REGION_CODES,
    STRONG_SUFFIXES,
    SUFFIXES,
    UNIT_WORDS,
    alternation,
)
from mask_core.scan.recognizers._countries import country_name_at
from mask_core.scan.view import ScanView, class_string
from mask_core.types import Entity

__all__ = ["PARTICLE", "STRONG_SUFFIXES", "StreetAddressRecognizer"]

#: Every English street suffix (``|``-separated) and the Spanish street types: the forms
#: ``tests/test_catalogue.py`` checks one by one.
_US_SUFFIX = "|".join(sorted(SUFFIXES))
_ES_TYPE_WORDS = (
    "Calle", "C/", "Cl.", "Avenida", "Avda.", "Av.", "Plaza", "Pza.", "Pl.", "Paseo", "Pº", "P°", "Camino",
    "Cmno.", "Carretera", "Ctra.", "Ronda", "Rda.", "Travesía", "Travesia", "Trva.", "Glorieta", "Gta.",
    "Carrer", "Rúa", "Rua", "Vía", "Via", "Pasaje", "Urbanización", "Urb.",
)  # fmt: skip

# -- words and the pieces patterns are built from ---------------------------------------------------
# Upper-case Latin letters, and Latin Extended-A whole (Ł, Ż, Š...): ``re`` has no class for the
# upper case of a script, and a name starting with a lower-case extended letter is rare.
_UP = "A-ZÀ-ÖØ-ÞĀ-ſ"
_NAME = rf"[{_UP}][\w'’.-]{{0,30}}"  # a capitalised word of a name (letters, digits, apostrophes)
_PARTICLE = (
    r"(?:de|del|della|delle|dei|degli|di|da|do|dos|das|du|des|la|las|los|le|les|el|y|i|e|von|van|der"
    r"|den|ter|am|an|im|in|zum|zur|vorm|ob|bei|aan|op|bij|of|the|on|upon|sur|sous|en|ao|aos|à|às|au|aux"
    r"|calle|carrera|rua|rue)"
)
#: The particles inside street and town names, for the patterns of ``street_names.py``.
PARTICLE = _PARTICLE
_NUMBER = r"[0-9]{1,5}[A-Za-z]?(?:[ \t]?[-/][ \t]?[0-9]{1,4}[A-Za-z]?)?"
_LOWER_SUFFIXES = frozenset(s.lower() for s in SUFFIXES)
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
_EN_WORD = rf"(?:{_NAME}|[0-9]{{1,3}}(?:st|nd|rd|th))"
_EN_LINE = re.compile(
    rf"[0-9]{{1,6}}+[A-Za-z]?(?:[-/][0-9]{{1,5}}[A-Za-z]?)?,?[ \t]+{_EN_WORD}(?:[ \t]+{_EN_WORD}){{1,6}}"
)
# A street named without a number, alone on its line (en_GB "Flat 3\nJosh Tunnel\nLondon\nN1 9GU").
_EN_NAMED = re.compile(rf"[ \t]*{_NAME}(?:[ \t]+{_NAME}){{1,3}}[ \t]*")
# A name and a number that end a line (the street line of a European layout without a street type).
_NUMBERED_LINE = re.compile(
    rf"(?P<street>(?:{_PARTICLE}[ \t]+)?{_NAME}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_NAME}){{0,3}}"
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
    rf"(?i:{alternation(_FR_TYPES.split('|'))})[ \t]+(?:(?:{_PARTICLE}[ \t]+)|[dl]['’])*{_NAME}"
    rf"(?:[ \t]+(?:{_PARTICLE}[ \t]+|[dl]['’])*{_NAME}){{0,4}}"
)
_PREFIX_LINE = re.compile(
    rf"(?P<type>(?i:{alternation(PREFIX_TYPES)}))(?:[ \t]+|(?<=[/.º°])[ \t]*)"
    rf"(?:(?:{_PARTICLE})[ \t]+|[dl]['’][ \t]?)*"
    rf"(?:{_NAME}|[0-9]{{1,3}}[A-Za-z]?[ºª°]?(?:[ \t]+[Bb]is(?:[ \t]+[A-Z](?![\w]))?)?)"
    rf"(?:[ \t]+(?:{_PARTICLE}[ \t]+|[dl]['’])*{_NAME}){{0,5}}"
    rf"(?:(?P<number>[ \t]*,?[ \t]*(?:(?i:n[º°o]|núm|número|nr|no)\.?[ \t]*)?(?:{_NUMBER}|[sS]/[nN])(?![\w])"
    r"|[ \t]*(?:#|No\.?|N[º°])[ \t]*[0-9]{1,3}[A-Za-z]?[ \t]*-[ \t]*[0-9]{1,3}(?![\w])"
    r"(?:[ \t]+(?:Este|Sur|Norte|Oeste)(?![\w]))?)"  # es_CO: Calle 187 # 4-32 Este
    r"|(?=[ \t]*(?:\n|,|$)))"  # a street named without its number, at the end of its line
)
_COMPOUND_LINE = re.compile(
    rf"(?:{_NAME}[ \t]+){{0,3}}(?P<head>[{_UP}][\w'’-]{{0,40}}?|(?<=[ \t])(?:[a-zß-ÿ][\w'’-]{{0,40}}?)?)"
    rf"(?P<ending>(?i:{alternation(COMPOUND_ENDINGS)}))\.?[ \t]+{_NUMBER}(?![\w])"
)
# The text as one byte per character: digits "0", ASCII letters "a"/"A", other characters "?" (non-ASCII
# letters among them), spaces and tabs " ", and ",", ".", "-", "/" as themselves.
_classes = class_string(
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
_MILITARY = re.compile(r"(?:APO|FPO|DPO)[ \t]+(?:AA|AE|AP)[ \t]+[0-9]{5}(?![\w])")
_MILITARY_LINE = re.compile(
    r"(?:(?:PSC|CMR|Unit)[ \t]+[0-9]{3,5},?[ \t]+Box[ \t]+[0-9]{1,5}"
    r"|(?:USNS|USS|USNV|USCGC)(?:[ \t]+[A-Z][\w'-]*){1,3})"
    r"[ \t]*,?[ \t]*\n?[ \t]*$"
)
_PO_BOX = re.compile(
    r"(?:P\.?[ \t]?O\.?[ \t]?Box|Post Office Box|Apartado(?: de correos)?|Caixa Postal)[ \t]+[0-9]{1,6}"
)

# -- the components after a street line ------------------------------------------------------------
_SEPARATOR = re.compile(r"[ \t]*(?:,[ \t]*\n?|\n|[ \t][-–][ \t])[ \t]*|[ \t]+")
_UNIT = re.compile(
    rf"(?:(?i:{alternation(UNIT_WORDS)})(?:\.[ \t]*|[ \t]+|[ \t]*#[ \t]*)(?:#[ \t]*|n[º°o]\.?[ \t]*)?"
    r"[0-9]{1,5}[A-Za-z]{0,2}"
    r"(?:[ \t]*(?:[-/]|(?i:apartamento|apto\.?|dpto\.?|depto\.?))[ \t]*[0-9]{1,5}[A-Za-z]?)?"
    r"|#[ \t]*[0-9]{1,5}[A-Za-z]?"
    r"|[0-9]{1,2}[ \t]?[º°ª](?:[ \t]?[0-9]{1,2}[ \t]?[ºª°]?)?"
    r"(?:[ \t]?(?:[A-Za-z]{1,2}|izda|dcha|izq|der)\.?)?"
    r"|(?i:bajo|entlo|ático|atico)(?:[ \t][A-Z])?"
    r"|(?i:c/o)[ \t]+[^\n,]{1,40})(?![\w])"
)
# A door or floor number alone after the building number and a comma, at the end of its line (pt_PT
# "Av Nacional 108, 67"): the line break bounds it, so it is never a number of the sentence.
_DOOR = re.compile(r"[0-9]{1,4}[A-Za-z]?(?=[ \t]*(?:\n|$))")
# A city: capitalised words with particles; before a region or postcode also lower-case words (es_MX
# "San Margarita los altos, YUC 23286"), since what follows bounds it.
# A full stop inside a city's words is an abbreviation's ("St. Gallen", "N.J."); after a longer word
# it ends the sentence ("1200 Genève. Merci"). A district may hold an ordinal ("Vila Real 1ª Seção").
_CITY_WORD = rf"(?:[{_UP}][\w'’/-]{{0,2}}\.|[{_UP}](?:[\w'’/-]|\.(?=\w)){{0,30}}|[0-9]{{1,2}}[ªº°](?=[ \t]))"
# Dutch place names keep old articles: 's-Hertogenbosch, 's-Heer Hendrikskinderen, 't Loo.
_CITY_ARTICLE = r"['’](?:s-|t[ \t]+)"
# Danish towns may end in the word for town written in lower case ("8643 Ans by"); only where the line
# or the clause ends, since "by" after a city in English text is the sentence's ("... 62701 by Friday").
_CITY = (
    rf"(?:{_PARTICLE}[ \t]+|{_CITY_ARTICLE})?{_CITY_WORD}(?:[ \t-]+(?:{_PARTICLE}[ \t]+)*{_CITY_WORD}){{0,4}}"
    r"(?:[ \t]+by(?=[ \t]*(?:[,\n]|$)))?"
)
_CITY_LOOSE = rf"{_NAME}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*(?:{_NAME}|[a-zà-ÿ]{{2,15}})){{0,4}}"
_CITY_ONLY = re.compile(rf"{_CITY}(?=[ \t]*(?:,|\n|$))")
_CITY_AFTER = re.compile(_CITY)  # a city after its postcode may run into the sentence that follows
_LABEL = re.compile(r"[^\W\d_][\w' -]{0,30}:")  # "Next of kin:", "Phone:"
_INTERIOR = re.compile(r"[0-9]{1,5}[A-Za-z]?(?![\w])")  # es_MX "Avenida Juárez 115 300": an interior number
_POSTCODES = (
    r"[0-9]{5}-[0-9]{3}(?![0-9])"  # BR CEP
    r"|[0-9]{5}(?:-[0-9]{4})?"  # US ZIP, DE, FR, ES, IT, FI, MX, ...
    r"|[0-9]{3}[ \t][0-9]{2}"  # SE, CZ, SK, GR
    r"|[0-9]{4}[ \t]?[A-Z]{2}(?![\w])"  # NL
    r"|[0-9]{8}"  # BR CEP
    r"|[0-9]{4}-[0-9]{3}"  # PT
    r"|[0-9]{2}-[0-9]{3}"  # PL
    r"|[0-9]{3}-[0-9]{4}"  # JP
    r"|[A-Z][0-9]{4}[A-Z]{3}"  # AR
    r"|[0-9]{4,7}"  # AT, BE, CH, DK, NO, AU, NZ (4); IN, CO, RU, SG (6); CL (7)
)
_UK_POSTCODE = r"(?:[A-Z]{1,2}[0-9][A-Z0-9]?[ \t]?[0-9][A-Z]{2}|GIR[ \t]?0AA)"
_CA_POSTCODE = r"[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z][ \t]?[0-9][ABCEGHJ-NPRSTV-Z][0-9]"
_IE_EIRCODE = r"(?:[AC-FHKNPRTV-Y][0-9]{2}|D6W)[ \t]?[0-9AC-FHKNPRTV-Y]{4}"
_POSTCODE = (
    rf"(?:(?i:CEP|C\.?P\.?|PLZ|NPA|CAP)[ \t:]*)?(?:{_POSTCODES}|{_UK_POSTCODE}|{_CA_POSTCODE}|{_IE_EIRCODE})"
)
_REGION = r"(?:[A-Z]{2,4}|[A-Z]\.[ \t]?[A-Z]{2,4}|\([A-Z]{2}\))"
# Components carrying a postcode or a region: strong evidence.
_STRONG = re.compile(
    # Springfield, IL 62704; São Paulo - SP, 01310-200
    rf"(?:{_CITY_LOOSE}[ \t]*[,-]?[ \t]*{_REGION}\.?,?[ \t]+{_POSTCODE}"
    rf"|{_CITY}[ \t]*-[ \t]*[0-9]{{6}}"  # Nandyal-833788
    rf"|{_POSTCODE}[ \t]*,?[ \t]+{_CITY}(?:[ \t]*(?:[,/-][ \t]*)?{_REGION})?"  # 10115 Berlin, 00184 Roma RM
    rf"|{_CITY_LOOSE}[ \t]*,?[ \t]+{_POSTCODE}"  # Maungakiwi 5337, Smithbury W88 6FJ, Vizcaya, 03032
    rf"|(?P<bare>{_POSTCODE})"
    rf"|{_MILITARY.pattern})(?![\w])"
)
# A city that ends the sentence right after a street line and its comma ("... to Calle Mayor 5, Huesca.
# Thanks"): what follows bounds it as a region or postcode would. Not a word that opens a sentence.
_CITY_LAST = re.compile(rf"{_CITY}(?=[ \t]*(?:\.(?:\s|$)|\n|$))")
_NOT_CITIES = frozenset(
    {"Thanks", "Thank", "Please", "Regards", "Best", "Cheers", "Sincerely", "Yours", "Kind", "Warm", "Hi",
     "Hello", "Dear", "Ok", "OK", "Okay", "Yes", "No", "Gracias", "Saludos", "Atentamente", "Danke",
     "Merci", "Grazie", "Today", "Tomorrow", "Tonight", "Monday", "Tuesday", "Wednesday", "Thursday",
     "Friday", "Saturday", "Sunday", "Apt", "Suite", "Unit", "Floor"}
)  # fmt: skip
_REGION_ONLY = re.compile(rf"(?P<city>{_CITY})[ \t]*,[ \t]*(?P<region>[A-Z]{{2,3}})(?![\w])")
_MAX_COMPONENTS = 6
_STRONG_SCORE = 0.9  # a street line with a postcode, a region or a country


class _Line(NamedTuple):
    start: int
    end: int
    score: float  # of the street line alone
    needs_postcode: bool  # a named street without a number: only with a postcode after it


def _boundary_before(text: str, pos: int) -> bool:
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] in "_'’-/")


def _en_lines(text: str, classes: bytes) -> Iterator[_Line]:
    # A number, a space and a capital (class string: digits "0", letters "a"/"A", other letters "?")
    # is where an English street line can start; only there is the line pattern tried.
    for hit in _EN_HIT.finditer(classes):
        start = hit.start()
        while start and classes[start - 1] in b"0-/":
            start -= 1
        if not _boundary_before(text, start) or (start and text[start - 1] in ".,:"):
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
        yield _Line(start, end, 0.65 if suffix in _LOWER_STRONG else 0.45, False)


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


def _lower_lines(view: ScanView, classes: bytes) -> Iterator[tuple[int, int, float]]:
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
        if not any(w.rstrip(".,") in _LOWER_SUFFIXES for w in words):
            continue
        start = hit.start()
        while start and classes[start - 1] in b"0-/":
            start -= 1
        if not _boundary_before(text, start) or (start and text[start - 1] in ".,:"):
            continue
        shadow = shadow or _ASCII_WORD.sub(_recased, text)
        window = shadow[start : hit.end() + 80]
        for line in _en_lines(window, _classes(window)):
            line = _Line(start + line.start, start + line.end, line.score, True)  # noqa: PLW2901
            found = _extend(shadow, line)
            if found is None:
                continue
            tail = _REGION_POSTCODE.search(shadow, line.end, found[1])
            if tail is not None and tail.end() == found[1] and tail.group("region") in REGION_CODES:
                yield found
            break


def _suffix(word: str) -> bool:
    return word.rstrip(".,").lower() in _LOWER_SUFFIXES


def _suffix_end(text: str, word: re.Match[str]) -> int:
    """Where a street line ending in ``word`` ends: a comma is the next component's, and so is a
    full stop after a whole word ("Evergreen Terrace."), not after an abbreviation ("Main St.")."""
    end = word.end()
    while text[end - 1] == ",":
        end -= 1
    if text[end - 1] == "." and len(text[word.start() : end - 1]) > 4:
        end -= 1
    return end


def _line_streets(text: str, english: bool) -> Iterator[_Line]:
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
                yield _Line(words[0].start(), _suffix_end(text, words[-1]), 0.45, True)
        m = _NUMBERED_LINE.search(text, start, start + len(line))  # at the end of its line
        if m is not None and _boundary_before(text, m.start("street")):
            yield _Line(m.start("street"), m.end("street"), 0.45, True)
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
                if _boundary_before(lower, pos) and (
                    phrase[-1] in "/.º°ª" or end == len(lower) or not lower[end].isalnum()
                ):
                    found.add(pos)
                pos = lower.find(phrase, pos + 1)
    return iter(sorted(found))


def _fr_lines(view: ScanView, present: frozenset[bytes]) -> Iterator[_Line]:
    text, lower = view.text, view.lower
    for pos in _occurrences(view, _FR_BY_KEY, present & _FR_KEYS):
        number = _FR_NUMBER_BEFORE.search(lower, max(0, pos - 16), pos)
        if number is None or not _boundary_before(text, number.start()):
            continue
        m = _FR_LINE.match(text, number.start())
        if m is not None:
            yield _Line(m.start(), m.end(), 0.65, False)


def _prefix_lines(view: ScanView, present: frozenset[bytes]) -> Iterator[_Line]:
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
        yield _Line(pos, m.end(), 0.45 if weak else 0.65, m.group("number") is None)


def _compound_lines(view: ScanView, classes: bytes) -> Iterator[_Line]:
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
            if m.end() >= number_at and _boundary_before(text, m.start()) and _head_ok(m):
                done = m.end()
                yield _Line(m.start(), m.end(), 0.65, False)
                break


def _head_ok(m: re.Match[str]) -> bool:
    """Whether a street type written as a word of its own follows a name ("Karl Johans gate"), and a
    one-word name is long enough before an ending that ends ordinary words too ("Spring", "String")."""
    head = m.end("head") - m.start("head")
    if not head or m.group("head")[0].islower():  # a street type or a lower-case word after a name
        return m.start("head") > m.start()
    need = _SHORT_HEAD.get(m.group("ending").lower())
    return need is None or head >= need


def _military_lines(text: str) -> Iterator[_Line]:
    for m in _MILITARY.finditer(text):
        start = m.start()
        head = _MILITARY_LINE.search(text, max(0, start - 60), start)
        if head is not None:
            start = head.start()
        yield _Line(start, m.end(), 0.9, False)


def _po_boxes(text: str) -> Iterator[_Line]:
    for m in _PO_BOX.finditer(text):
        if _boundary_before(text, m.start()):
            yield _Line(m.start(), m.end(), 0.5, False)


# Before a street line: a unit ("Flat 3, ", "Apt 4\n") or a care-of line.
_BEFORE = re.compile(
    rf"(?:(?:(?i:{alternation(UNIT_WORDS)})\.?[ \t]*#?[0-9]{{1,5}}[A-Za-z]{{0,2}}"
    r"|(?i:c/o)[ \t]+[^\n,]{1,40})"
    r"[ \t]*(?:,[ \t]*|\n[ \t]*|[ \t]))$"
)


def _extend(text: str, line: _Line) -> tuple[int, int, float] | None:
    """The address a street line starts: (start, end, score), or None."""
    start, end = line.start, line.end
    head = _BEFORE.search(text, max(0, start - 48), start)
    units = 0
    if head is not None and _boundary_before(text, head.start()):
        start, units = head.start(), 1
    else:
        head = None
    strong = city = 0
    after_postcode = False
    pos = end
    for _ in range(_MAX_COMPONENTS):
        sep = _SEPARATOR.match(text, pos)
        if sep is None:
            break
        at = sep.end()
        spaced = not sep.group().strip(" \t")  # only spaces: the same line, no comma
        m = _UNIT.match(text, at) or (_DOOR.match(text, at) if "," in sep.group() else None)
        if m is not None:
            units += 1
            pos = end = m.end()
            after_postcode = False
            continue
        m = _STRONG.match(text, at)
        if m is not None and _boundary_after(text, m.end()) and not (spaced and m.group("bare")):
            strong += 1
            pos = end = m.end()
            after_postcode = True
            continue
        m = _REGION_ONLY.match(text, at)
        if m is not None and m.group("region") in REGION_CODES:
            strong += 1
            pos = end = m.end()
            after_postcode = False
            continue
        country = country_name_at(text, at)
        if country > 0:
            strong += 1
            pos = end = country
            break
        # A city after its postcode may run into the sentence that follows ("1317 YB\n's-Heer
        # Hendrikskinderen before Friday"), but a line that opens with a label is a form's next field
        # ("Enugu 400001\nNext of kin: Emeka Okeke").
        if after_postcode and "\n" in sep.group() and _LABEL.match(text, at):
            break
        m = _CITY_AFTER.match(text, at) if after_postcode else _CITY_ONLY.match(text, at)
        if m is not None and not spaced and (after_postcode or _followed_by_strong(text, m.end())):
            city += 1
            pos = end = m.end()
            # A region after the city its postcode names ("9400 Río Gallegos, Santa Cruz").
            after_postcode = after_postcode and city == 1
            continue
        m = _CITY_LAST.match(text, at) if "," in sep.group() and "\n" not in sep.group() else None
        if m is not None and m.group().split()[0].rstrip(".") not in _NOT_CITIES:
            city += 1
            stop = m.group().find(". ")  # "Huesca. Thanks": the sentence ends at the city
            pos = end = m.end() if stop < 0 else at + stop
            break
        m = _INTERIOR.match(text, at)
        if m is not None and spaced and not units and _followed_by_strong(text, m.end()):
            units += 1
            pos = end = m.end()
            continue
        break
    if line.needs_postcode and not strong and not (head is not None and "\n" in head.group()):
        # A street line without a number needs a postcode, region or country after it, or a unit
        # line right above it ("Flat 61\nAngela Throughway, Hartleyview": en_GB's own layout).
        return None
    end = _trim(text, end)
    score = line.score
    if strong:
        score = max(score, _STRONG_SCORE)
    elif units or city:
        score = 0.75 if score >= 0.65 else score + 0.15
    return start, end, score


def _trim(text: str, end: int) -> int:
    """Without a full stop after a whole word (a sentence's, not an abbreviation's: "St.")."""
    if text[end - 1] == ".":
        word = text.rfind(" ", 0, end - 1) + 1
        if end - 1 - word > 3 and text[end - 2].isalpha():
            return end - 1
    return end


def _followed_by_strong(text: str, pos: int) -> bool:
    sep = _SEPARATOR.match(text, pos)
    if sep is None or "\n\n" in sep.group():
        return False
    at = sep.end()
    m = _STRONG.match(text, at)
    if m is not None and _boundary_after(text, m.end()):
        return True
    region = _REGION_ONLY.match(text, at)
    return (region is not None and region.group("region") in REGION_CODES) or country_name_at(text, at) > 0


def _boundary_after(text: str, pos: int) -> bool:
    return pos >= len(text) or not text[pos].isalnum()


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
_EN_KEYS = frozenset(_by_key(_LOWER_SUFFIXES))
_PO_KEYS = frozenset({b"box", b"apartado", b"caixa"})
_ALL_KEYS = _EN_KEYS | _FR_KEYS | _PREFIX_KEYS | _PO_KEYS


class StreetAddressRecognizer:
    name = "street_address"
    shapes = frozenset({"text"})
    entity_types: tuple[str, ...] = ("STREET_ADDRESS",)
    # find_in_view looks at nothing else: the words of a form, a digit (a compound street's number),
    # or a military post office.
    scan_gate = Literals(set("0123456789"))  # every street line and postcode has a digit
    context = (
        "address", "street", "lives at", "live at", "living at", "located at", "ship to", "deliver to",
        "send to", "mail to", "mailing", "residence", "home", "resides", "dirección", "direccion",
        "domicilio", "calle", "adresse", "anschrift", "indirizzo", "endereço", "endereco", "adres", "adress",
        "osoite",
    )  # fmt: skip
    context_re = context_regex(context)
    context_boost = 0.15

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        text = view.text
        classes = _classes(text)
        present = view.words & _ALL_KEYS  # one set operation for every form's words
        lines: list[_Line] = []
        english = not present.isdisjoint(_EN_KEYS)
        if english:
            lines.extend(_en_lines(text, classes))
        if "\n" in text:
            lines.extend(_line_streets(text, english))
        if present:
            lines.extend(_fr_lines(view, present))
            lines.extend(_prefix_lines(view, present))
        lines.extend(_compound_lines(view, classes))
        if view.has("PO"):
            lines.extend(_military_lines(text))
        if not present.isdisjoint(_PO_KEYS):
            lines.extend(_po_boxes(text))
        addresses = [_extend(text, line) for line in lines]
        if english:
            addresses.extend(_lower_lines(view, classes))  # extended already, on their recased copy
        seen: set[tuple[int, int]] = set()
        for found in addresses:
            if found is None or found[:2] in seen:
                continue
            seen.add(found[:2])
            start, end, score = found
            # A street line with a postcode, region or country is an address by its structure (as a
            # checksum validates a number): it wins over a postcode that also reads as a phone number.
            validated = score >= _STRONG_SCORE
            yield Entity("STREET_ADDRESS", start, end, score, text[start:end], self.name, validated)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))
