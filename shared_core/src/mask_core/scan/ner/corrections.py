"""What the NER tier keeps of a model's finding, and how it corrects it from the words around.

Applied to every entity the model returns (:func:`correct`), then to the findings of a text together
(:func:`merged`):

* a span the model ran across separators is read as the names on each side (``Arsenal v Chelsea``,
  ``Report - Financial Times Group``; :func:`pieces`);
* spans are trimmed of a leading article and a trailing possessive (``the Republic of Turkey`` ->
  ``Republic of Turkey``, ``Murray's`` -> ``Murray``), which is how people mark them;
* names (PERSON, LOCATION, ORGANIZATION) must look like names and sit in prose, not in a log line or
  code (the model tags ``Mbps`` in ``eth0: link up, 1000 Mbps``);
* a value that is only a short code (``EUR``, ``VISA``, ``NO``) is never a name, nor is a heading in
  capitals (``THE FACTS``), a common word shouted in capitals in a post (``We NEED a win``; with the
  model's word index, ``lexicon.py``), an institution's head noun alone (``the Court``: a body
  referred back to) or the abbreviation of a kind of data (``SSN``, ``IBAN``);
* the small model's typical errors are corrected where the words around say otherwise: a known first
  name tagged ORG is a person (``Wendy``); one word right after ``in``/``at``/``from`` that no name
  list knows as a person is a place (``lives in Söke``, tagged PERSON, ORG or even DATE); a country
  as a party to proceedings is an organisation (``an application against the Republic of Turkey``);
  a "person" in parentheses right after a term is the term's gloss in another language
  (``Administrative Court (Verwaltungsgerichtshof)``); a team or a brand the model read as a place
  or a person is an organisation (``Chicago Blackhawks``, ``Bolton 1-2 Liverpool``, ``the Penguins``,
  ``the #Padres tonight``, ``on Soundcloud``; ``teams.py``);
* the words of a job title before its head noun are no firm or person (``Software Engineer``,
  ``Product Manager``);
* shapes of posts and chat that are no name (``U should``, ``gon`` of ``gonna``, ``Dir: WNW``,
  ``Sat & Sun``; ``posts.py``);
* a place followed by its country (``Lublin, Poland``) and a party state written in two parts (``the
  United Kingdom of Great Britain and Northern Ireland``) are one finding.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from mask_core.scan.ner.lexicon import Lexicon
from mask_core.scan.ner.orgs import HEADS
from mask_core.scan.ner.places import STATE_CODES
from mask_core.scan.ner.posts import chat_noise, trim_dangling
from mask_core.scan.ner.teams import competing, hashtag_team, on_platform, plural_common_noun, team_end
from mask_core.scan.ner.text import FILL, informal, prose_line
from mask_core.scan.recognizers._address_words import REGION_CODES
from mask_core.scan.recognizers.address import STRONG_SUFFIXES
from mask_core.scan.recognizers.name_words import NAMED_AFTER
from mask_core.scan.recognizers.word_lists import first_names, places, surnames, towns
from mask_core.types import Entity

__all__ = ["LABELS", "NOT_PERSON_LAST", "correct", "defined_abbreviations", "merged", "pieces"]

#: spaCy labels (OntoNotes for English, WikiNER for Spanish) -> Mask entity types.
LABELS: Mapping[str, str] = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "ORG": "ORGANIZATION",
    "NORP": "NRP",
    "DATE": "DATE_TIME",
    "TIME": "DATE_TIME",
}
_NAMES = frozenset({"PERSON", "LOCATION", "ORGANIZATION"})

# What a name looks like: capitalised words, with lower-case particles (de, van, of) and initials
# between them. Small models also tag identifiers in logs and code (``order_id``, ``v1.19``,
# ``limit=197``, hashes); those fail this shape, which keeps technical text free of false names.
_NAME_LIKE = re.compile(
    r"[A-ZÀ-ÞĀ-ſ][\w'’.&-]*"
    r"(?:\s+(?:[A-ZÀ-ÞĀ-ſ][\w'’.&-]*|de|del|la|las|los|van|von|der|den|di|da|du|le|of|the|and|y|i|e|bin|al|&))*"
)
_TRAILING_PARTICLES = re.compile(
    r"(?:\s+(?:de|del|la|las|los|van|von|der|den|di|da|du|le|of|the|and|y|i|e|bin|al|&))+$"
)
_LOWER_NAME = re.compile(r"[a-zà-ÿ][a-zà-ÿ'’-]{2,}(?: [a-zà-ÿ][a-zà-ÿ'’-]{1,}){0,2}")
_BAD_CHARS = re.compile(r"[0-9_=:/()\[\]{}<>@#]")
_LEADING = re.compile(r"(?:the|The|THE|el|El|la|La|los|Los|las|Las)\s+")
_TRAILING = re.compile(r"\s*['’]s?$")
_CODE = re.compile(r"[A-Z0-9]{2,12}")
# Abbreviations of the kinds of values Mask protects, the currency codes of ISO 4217 that amounts are
# written with, the abbreviations of computing ("CPU", "DNS"), of business regions ("EMEA", "APAC"),
# of chat ("LOL", "RIP") and of clinical notes ("PMH", "CXR", "RN"): the small model tags them as
# organisations. Those that are also names or places when written in any case ("ED", "PA", "MD") are
# not here.
_ACRONYMS = frozenset(
    """SSN SSNS DOB DNI NIE NIF NUSS IBAN BIC SWIFT CVV CVC PIN MRN NPI EIN ITIN NINO SIN PAN TIN VAT
    ZIP ID IDS URL API JWT PEM PII PHI IP MAC OTP SMS
    EUR USD GBP JPY CHF CAD AUD NZD CNY HKD SGD SEK NOK DKK ISK PLN CZK HUF RON BGN HRK RUB UAH TRY
    INR PKR BDT LKR IDR MYR THB VND PHP KRW TWD ILS AED SAR QAR KWD EGP MAD NGN KES ZAR BRL ARS CLP
    COP PEN MXN UYU UTC GMT CET CEST EET BST IST EST EDT CST CDT MST MDT PST PDT
    BEARER BASIC DIGEST TOKEN
    CPU GPU RAM SSD HDD VM VPS DNS HTTP HTTPS TCP UDP SQL JSON XML HTML CSS CLI SDK USB LAN WAN VPN SSH
    TLS SSL
    EMEA APAC APJ LATAM AMER ANZ DACH
    LOL LOLZ LMAO LMFAO ROFL OMG OMFG WTF WTH FML SMH IDK TBH BTW IMO IMHO FYI ASAP AF RIP TIL AMA DM
    PM OK OKAY YOLO FOMO GOAT MVP TBT NSFW IRL AKA ETA RT MT FF XO XX XOXO PLS PLZ THX TY YAY BOGO
    PMH HPI ROS SOB HTN HLD DM2 T2DM CXR BNP ECG EKG CBC BMP CMP MRI ICU PRN BID TID QID NPO DNR COPD
    CHF CAD CVA UTI GERD CKD ESRD AFIB RN NP LPN PHD""".split()  # noqa: SIM905
)
# Expressive spelling: a letter written three times in a row, or a syllable three times ("YESSSS",
# "Aaaaah", "LOLOLOL"). No name of a person, a place or a firm is spelt so.
_ELONGATED = re.compile(r"([^\W\d_])\1\1|([^\W\d_]{2})\2\2", re.IGNORECASE)
# A state as a party to proceedings is an organisation: "against the Republic of Turkey", "X v. Sweden".
_PARTY_BEFORE = re.compile(r"(?:\bagainst|\bv\.|\bvs\.?|\bversus)[ \t]+(?:the[ \t]+)?$")
# Several words of two letters or fewer: "Su Mo Tu We Th" (a calendar's header). One ("UK") is fine.
_ABBREVIATIONS = re.compile(r"[^\W\d_]{1,2}(?:\s+[^\W\d_]{1,2})+")
# A capitalised word and a comma right before a span: "Duluth, MN".
_PLACE_COMMA = re.compile(r"[A-Z][\w'’.-]+,[ \t]*$")
_PLACE_BEFORE = re.compile(r"(?:\b(?:in|at|near|from)|\bto)[ \t]+$")


# Where a model's span runs across two names or past a name: a spaced dash, a colon before a space, a
# bar, "v"/"vs" between teams or parties ("Liverpool - Reds", "The New World Order: Raw", "The Sun
# |Sport", "Southampton v Everton"), a line break ("HALVORSEN, ERIK MD\nReferred by"). None of these
# is inside a name.
# The head noun of a job title after the model's name ("Software Engineer", "Product Manager",
# "Sales Director"): the words before it are the title's, not a firm or a person.
_JOB_AFTER = re.compile(
    r"[ \t]+(?:Engineer|Manager|Director|Developer|Designer|Analyst|Consultant|Specialist|Officer|"
    r"Assistant|Coordinator|Administrator|Architect|Scientist|Technician|Representative|Associate|"
    r"Intern|Accountant|Advisor|Adviser|Executive|Supervisor|Strategist|Recruiter|Programmer|"
    r"Researcher)s?(?![\w-])"
)
_SEPARATOR = re.compile(r"[ \t]+[-–—][ \t]+|[ \t]*\|[ \t]*|:[ \t]+|[ \t]+vs?\.?[ \t]+|[ \t]*\n\s*")


def pieces(text: str, label: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of a model's name span ``start:end`` that can each be a name (see ``_SEPARATOR``);
    other labels, and names without such a separator, are one part.

    A span that reaches a handle or a link (``RT @user: Hope all our friends``) was anchored on it, and
    its other parts are the sentence after it: it stays whole (and is dropped by :func:`correct`). The
    first part is the name the model began with (``Liverpool - Reds score``); a later single word after
    a dash, colon or bar is most often a word of a title or a heading (``|Sport|Football``, ``- Songs
    Named After a Girl``) and is dropped, but after or before "v"/"vs" it is a team or a party."""
    if LABELS.get(label) not in _NAMES:
        return [(start, end)]
    value = text[start:end]
    if "@" in value or "://" in value:
        return [(start, end)]
    parts: list[tuple[int, int]] = []
    versus: list[bool] = [False]  # whether the separator before each part (and after the last) is "v"
    for m in _SEPARATOR.finditer(text, start, end):
        if m.start() > start:
            parts.append((start, m.start()))
            versus.append(m.group().strip() in ("v", "v.", "vs", "vs."))
        start = m.end()
    if not parts:
        return [(start, end)] if start < end else []
    if start < end:
        parts.append((start, end))
        versus.append(False)
    return [
        (s, e) for i, (s, e) in enumerate(parts) if i == 0 or " " in text[s:e] or versus[i] or versus[i + 1]
    ]


def _trim(text: str, start: int, end: int, entity_type: str) -> tuple[int, int]:
    if entity_type in ("ORGANIZATION", "LOCATION", "NRP"):
        m = _LEADING.match(text, start, end)
        if m is not None and m.end() < end:
            start = m.end()
    m = _TRAILING.search(text, start, end)
    if m is not None and m.start() > start:
        end = m.start()
    return start, end


def _known_person(value: str) -> bool:
    """One to three capitalised words of which the first is a known first name (not a place's)."""
    words = value.split()
    return 1 <= len(words) <= 3 and words[0] in first_names() and all(w[:1].isupper() for w in words)


#: The last word of a firm's, a venue's, a road's or a treaty's name: after a first name, such a word
#: makes the whole a name of that kind (``Jason Industries``, ``Kennedy Avenue``, ``Ogden Theatre``).
NOT_PERSON_LAST = (
    frozenset(HEADS)
    | STRONG_SUFFIXES
    | NAMED_AFTER
    | frozenset(
        """Resources News Technologies Capital Ventures Airways Energy Foods Brands Stores Hotels Resort
        Church Bridge County Republic Kingdom Treaty Convention Act Awards Cup League FC""".split()  # noqa: SIM905
    )
)


def _person_named(value: str) -> bool:
    """:func:`_known_person`, unless a first name opens a firm's, a venue's or a road's name (see
    ``NOT_PERSON_LAST``; a surname or first name last keeps it a person: ``Grace Kelly``)."""
    if not _known_person(value):
        return False
    last = value.rsplit(maxsplit=1)[-1]
    return last not in NOT_PERSON_LAST or last in surnames() or last in first_names()


# The words of a hashtag written in camel case: ``JenniferAniston`` -> Jennifer, Aniston.
_CAMEL_WORD = re.compile(r"[A-Z][a-z'’]+|[A-Z]+(?![a-z])|[a-z]+")


def _hashtag_person(value: str) -> bool:
    """Whether a hashtag the model read as a person names one: its first word (``#JenniferAniston``,
    ``#Kenny``) is a known first name. Otherwise it is a topic (``#ZodiacFacts``, ``#FF``,
    ``#HelloMornings``), which the small model reads as a person or a firm far more often than not."""
    words = _CAMEL_WORD.findall(value)
    first = words[0] if words else ""
    return first[:1].upper() + first[1:].lower() in first_names()


def _heading(text: str, start: int, end: int) -> bool:
    """Whether the line holding ``start:end`` is written in capitals throughout (a heading)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return line.upper() == line


def _is_code(text: str) -> bool:
    """A whole value that is one short upper-case code: a currency, a country, a card brand, an
    invoice prefix."""
    return _CODE.fullmatch(text.strip()) is not None


def _place_and_state(value: str) -> bool:
    """A place of the lists and a state's code after it: ``Dayton NJ``, ``Hickory, NC``."""
    place, _, code = value.rpartition(" ")
    return code in STATE_CODES and place.rstrip(",") in places()


# An abbreviation the text defines: ``Employment Appeal Tribunal ("EAT")``, ``(“the CRAM”)``, ``(NATO)``.
_DEFINED = re.compile(r"\([ \t]*[\"“'‘]?[ \t]*(?:the[ \t]+)?([A-Z][A-Z0-9&]{1,11})[ \t]*[\"”'’]?[ \t]*\)")


def defined_abbreviations(text: str) -> frozenset[str]:
    """The abbreviations ``text`` defines in parentheses (one pass over the text, once per text)."""
    return frozenset(_DEFINED.findall(text)) if "(" in text else frozenset()


def _shouted(value: str, lexicon: Lexicon, defined: frozenset[str]) -> bool:
    """Whether ``value`` is a common word written in capitals (``NEED``, ``FREE``), not an acronym
    (``N.E.R.D.``, ``NASA``, one the text defines: ``Employment Appeal Tribunal ("EAT")``) or a name
    (``RACHELLE``). See ``lexicon.py``."""
    return value.isupper() and "." not in value and value not in defined and lexicon.common(value)


def correct(
    text: str,
    label: str,
    start: int,
    end: int,
    lexicon: Lexicon | None = None,
    defined: frozenset[str] = frozenset(),
) -> tuple[str, int, int] | None:
    """The type and span to keep of a model's entity ``label`` at ``start:end`` of ``text``, or None.
    With the ``lexicon`` of the model's language, a common word shouted in capitals is not a name,
    unless the text ``defined`` it as an abbreviation (:func:`defined_abbreviations`)."""
    et = LABELS.get(label)
    if et is None:
        return None
    start, end = _trim(text, start, end, et)
    value = text[start:end]
    if not value or FILL in value:
        return None
    single = " " not in value and not any(c.isdigit() for c in value) and value[:1].isupper()
    if (
        et in ("ORGANIZATION", "NRP", "DATE_TIME", "PERSON")
        and single
        and value not in HEADS
        and _PLACE_BEFORE.search(text, max(0, start - 8), start)
        and not _known_person(value)
    ):
        et = "LOCATION"  # "lives in Söke", "practising in İzmir": a place, whatever the model said
    if et == "DATE_TIME" and value.isdigit() and not (len(value) == 4 and value[:2] in ("19", "20")):
        return None  # "94107", "100234": a bare number is a date only when it is a year
    if et in _NAMES:
        if _BAD_CHARS.search(value) or _ABBREVIATIONS.fullmatch(value) or _ELONGATED.search(value):
            return None
        if et != "LOCATION" and _JOB_AFTER.match(text, end) and not _known_person(value):
            return None  # "Software Engineer", "Product Manager": a job title's words
        if (
            start
            and text[start - 1] == "#"
            and et != "LOCATION"
            and not (et == "PERSON" and _hashtag_person(value))
        ):
            if hashtag_team(text, start, end):
                return "ORGANIZATION", start, end  # "the #Padres tonight": a team, in the sentence
            return None  # a topic tag ("#ZodiacFacts", "#NowPlaying"), not a person or a firm
        if not _NAME_LIKE.fullmatch(value) and not (_LOWER_NAME.fullmatch(value) and informal(text)):
            # "Disney movies &amp": the model ran past the name into the sentence; keep the name.
            head = _NAME_LIKE.match(value)
            cut = _TRAILING_PARTICLES.sub("", head.group()) if head is not None else ""
            if " " not in value[len(cut) : len(cut) + 1] or not cut[-1:].isalpha() or not cut[:1].isupper():
                return None
            end = start + len(cut)
            value = cut
        end = trim_dangling(text, start, end)
        value = text[start:end]
        if not prose_line(text, start, end) or (_is_code(value) and _is_code(text)):
            return None
        if chat_noise(text, start, end, et, lexicon):
            return None  # "U should", "gon" of "gonna", "Dir: WNW", "Sat & Sun", "Quit complaining"
        if value.isupper() and _heading(text, start, end):
            return None  # "THE FACTS", "II. RELEVANT DOMESTIC LAW": a heading, not a name
        if value.upper() in _ACRONYMS or (et == "ORGANIZATION" and value in HEADS):
            return None  # "the Court", "the Government": a body referred back to; "SSN": a field
        if et == "ORGANIZATION" and lexicon is not None and _shouted(value, lexicon, defined):
            # "We NEED a win", "keep up the NICE work": a word shouted, not a name. Only a firm's and
            # only one word: a person's name may be common words (``MARK BAKER``), and so may a firm's
            # of several (``GENERAL MOTORS``); protecting those matters more than the shouted words.
            return None
        if (
            et == "LOCATION"
            and lexicon is not None
            and _shouted(value, lexicon, defined)
            and value.title() not in places()
            and value.title() not in towns()
        ):
            return None  # "THIS AGREEMENT is made": a contract's heading word; "LONDON" is a place
        if (
            et == "ORGANIZATION"
            and value in REGION_CODES
            and _PLACE_COMMA.search(text, max(0, start - 32), start)
        ):
            et = "LOCATION"  # "Duluth, MN": a state's code after its city (merged with it below)
        if et == "LOCATION" and _PARTY_BEFORE.search(text, max(0, start - 16), start):
            et = "ORGANIZATION"  # "an application against the Republic of Turkey", "X v. Sweden"
        team = team_end(text, start, end) if et != "ORGANIZATION" or " " in value else None
        if team is not None:
            return "ORGANIZATION", start, team  # "Chicago Blackhawks", "Cleveland Browns": a club
        if et == "LOCATION" and competing(text, start, end):
            return "ORGANIZATION", start, end  # "Bolton 1-2 Liverpool", "beat West Ham": the team
        if et == "PERSON" and _place_and_state(value):
            et = "LOCATION"  # "Deliver on Dayton NJ tomorrow": a city and its state's code
        elif et in ("ORGANIZATION", "LOCATION") and _person_named(value) and value not in places():
            et = "PERSON"  # the model's ORG or place guess on "Wendy", "Bridget Kelly", "Mariah"
        elif et == "PERSON" and not _known_person(value) and start and text[start - 1] == "(":
            return None  # "Administrative Court (Verwaltungsgerichtshof)": a term's gloss
        elif et == "PERSON" and lexicon is not None and plural_common_noun(value, lexicon):
            et = "ORGANIZATION"  # "the Penguins won", "my new Crocs": a team or a brand, still protected
        elif et == "PERSON" and on_platform(text, start, value):
            et = "ORGANIZATION"  # "following us on Twitter": a site or a network, still protected
    return et, start, end


_COUNTRY_AFTER = re.compile(r"[ \t]*,[ \t]*$")
_AND = re.compile(r"[ \t]+and[ \t]+$")
_CLAUSE_END = re.compile(r"[ \t]*(?:[.;:)\n]|$)")


def merged(text: str, found: list[Entity]) -> list[Entity]:
    """``found`` (one text's findings, in any order) with adjacent parts of one name joined."""
    found = sorted(found, key=lambda e: e.start)
    out: list[Entity] = []
    for e in found:
        prev = out[-1] if out else None
        if prev is not None and prev.end <= e.start:
            gap = text[prev.end : e.start]
            join = (
                # "Lublin, Poland." : a place and its country
                (prev.entity_type == e.entity_type == "LOCATION" and _COUNTRY_AFTER.fullmatch(gap)
                 and _CLAUSE_END.match(text, e.end))
                # "the United Kingdom of Great Britain and Northern Ireland": a party state in two parts
                or (prev.entity_type == "ORGANIZATION" and e.entity_type == "LOCATION" and _AND.fullmatch(gap)
                    and prev.recognizer.startswith("ner:") and _CLAUSE_END.match(text, e.end) is None)
            )  # fmt: skip
            if join:
                out[-1] = Entity(prev.entity_type, prev.start, e.end, prev.score, text[prev.start : e.end],
                                 prev.recognizer, prev.validated)  # fmt: skip
                continue
        out.append(e)
    return out
