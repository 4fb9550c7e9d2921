"""The components read after a street line (unit, postcode, city, region, country) and before it
(a unit or care-of line): :func:`extend` turns a street line into an address and scores it."""

from __future__ import annotations

import re

from mask_core.scan.recognizers._address_words import REGION_CODES, UNIT_WORDS, alternation
from mask_core.scan.recognizers._countries import country_name_at
from mask_core.scan.recognizers.address.pieces import MILITARY, PARTICLE, UP, Line, boundary_before

__all__ = ["STRONG_SCORE", "extend"]

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
_CITY_WORD = rf"(?:[{UP}][\w'’/-]{{0,2}}\.|[{UP}](?:[\w'’/-]|\.(?=\w)){{0,30}}|[0-9]{{1,2}}[ªº°](?=[ \t]))"
# Dutch place names keep old articles: 's-Hertogenbosch, 's-Heer Hendrikskinderen, 't Loo.
_CITY_ARTICLE = r"['’](?:s-|t[ \t]+)"
# Danish towns may end in the word for town written in lower case ("8643 Ans by"); only where the line
# or the clause ends, since "by" after a city in English text is the sentence's ("... 62701 by Friday").
_CITY = (
    rf"(?:{PARTICLE}[ \t]+|{_CITY_ARTICLE})?{_CITY_WORD}(?:[ \t-]+(?:{PARTICLE}[ \t]+)*{_CITY_WORD}){{0,4}}"
    r"(?:[ \t]+by(?=[ \t]*(?:[,\n]|$)))?"
)
# Before a region or postcode: its words as a city's (a full stop after a longer word ends the
# sentence: "75011 Paris. My card is 4539 ..." holds no city "Paris. My card is"), lower-case too.
_CITY_LOOSE = rf"{_CITY_WORD}(?:[ \t]+(?:{PARTICLE}[ \t]+)*(?:{_CITY_WORD}|[a-zà-ÿ]{{2,15}})){{0,4}}"
_CITY_ONLY = re.compile(rf"{_CITY}(?=[ \t]*(?:,|\n|$))")
_CITY_AFTER = re.compile(_CITY)  # a city after its postcode may run into the sentence that follows
_LABEL = re.compile(r"[^\W\d_][\w' -]{0,30}:")  # "Next of kin:", "Phone:"
_NUMBER_AFTER = re.compile(r"[ \t]*[.#]?[ \t]*[+(]?[0-9]")  # "Tel 802-...", "Fax. (0)30 ...", "Store #12"
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
    rf"|{MILITARY.pattern})(?![\w])"
)
# A city that ends the sentence right after a street line and its comma ("... to Calle Mayor 5, Huesca.
# Thanks"): what follows bounds it as a region or postcode would. Not a word that opens a sentence.
# Its last words may be written in lower case after an article ("San Pilar los altos").
_CITY_LAST = re.compile(
    rf"{_CITY}(?:[ \t]+(?:los|las|la|el|de|del)[ \t]+[a-zà-ÿ]{{2,15}})?(?=[ \t]*(?:\.(?:\s|$)|\n|$))"
)
_NOT_CITIES = frozenset(
    {"Thanks", "Thank", "Please", "Regards", "Best", "Cheers", "Sincerely", "Yours", "Kind", "Warm", "Hi",
     "Hello", "Dear", "Ok", "OK", "Okay", "Yes", "No", "Gracias", "Saludos", "Atentamente", "Danke",
     "Merci", "Grazie", "Today", "Tomorrow", "Tonight", "Monday", "Tuesday", "Wednesday", "Thursday",
     "Friday", "Saturday", "Sunday", "Apt", "Suite", "Unit", "Floor"}
)  # fmt: skip
_REGION_ONLY = re.compile(rf"(?P<city>{_CITY})[ \t]*,[ \t]*(?P<region>[A-Z]{{2,3}})(?![\w])")
_MAX_COMPONENTS = 6
STRONG_SCORE = 0.9  # a street line with a postcode, a region or a country


# Before a street line: a unit ("Flat 3, ", "Apt 4\n") or a care-of line.
_BEFORE = re.compile(
    rf"(?:(?:(?i:{alternation(UNIT_WORDS)})\.?[ \t]*#?[0-9]{{1,5}}[A-Za-z]{{0,2}}"
    r"|(?i:c/o)[ \t]+[^\n,]{1,40})"
    r"[ \t]*(?:,[ \t]*|\n[ \t]*|[ \t]))$"
)


def extend(text: str, line: Line) -> tuple[int, int, float] | None:
    """The address a street line starts: (start, end, score), or None."""
    start, end = line.start, line.end
    head = _BEFORE.search(text, max(0, start - 48), start)
    units = 0
    if head is not None and boundary_before(text, head.start()):
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
        if m is not None and after_postcode and _NUMBER_AFTER.match(text, m.end()):
            m = None  # "05401\nTel 802-555-0199": a number's label on the next line, not a city
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
        score = max(score, STRONG_SCORE)
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
