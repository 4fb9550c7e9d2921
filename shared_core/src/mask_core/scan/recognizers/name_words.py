"""What a person's name is made of: where a name that starts at a position ends, the words of a
found name that identify the person, and the words that look like names and are not (titles, a
sentence's opening words, a firm's ending, a role, a place named after someone).

Shared by the recognizers that find names without a model (``names.py``, ``known_names.py``), the
mentions of a found name (``scan/mentions.py``) and the NER tier's corrections.
"""

from __future__ import annotations

import re

from mask_core.scan.recognizers.word_lists import common_first_names, first_names, surnames

__all__ = [
    "DESK_WORDS", "DOTTED", "FIELD_LABELS", "MAX_TOKENS", "NAMED_AFTER", "NOT_NAMES", "ROLE_WORDS", "TITLES",
    "TITLE_AT", "TITLE_WORDS", "WORD", "known_first", "name_end", "name_words", "names_a_firm",
    "names_a_role",
]  # fmt: skip

#: Titles written before a name (English, Spanish, French, German), case as written.
TITLES = (
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame", "Lady", "Lord", "Judge",
    "Rev", "Reverend", "Fr", "Sr", "Sra", "Srta", "Dña", "Don", "Doña", "Herr", "Frau", "Mme", "Mlle",
    "Madame", "Monsieur", "Señor", "Señora", "Capt", "Captain", "Lt", "Sgt", "Detective",
    "Inspector", "Officer", "Senator", "Governor", "Mayor", "Minister", "President", "Ambassador",
    "Ofc", "Det", "Cpl", "Deputy", "Trooper", "Constable", "Sheriff",
    # as banks and airlines print them, in capitals ("Account Name: MR ASHLEY POWELL")
    "MR", "MRS", "MISS",
)  # fmt: skip
# Abbreviations that are also other words (weekdays ``Fr``, ``Sa``; ``Sr`` for senior) count as titles
# only with their full stop.
DOTTED = frozenset({"Fr", "Sr", "Sra", "Lt", "Sgt", "Capt", "Rev", "Ofc", "Det", "Cpl"})
TITLE_WORDS = frozenset(TITLES)
WORD = re.compile(r"[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*")
_INITIALS = re.compile(r"(?:[A-ZÀ-Þ]\.-?){1,3}")
_PARTICLES = frozenset(
    "de del della di da do dos das du la le van von der den ter bin ibn al el y e".split()  # noqa: SIM905
)
# Capitalised words that start a sentence or a clause, not a name ("Dear Sir or Madam", "Hi All").
NOT_NAMES = frozenset(
    """the a an and or but of for to in on at by with from this that these those it its he she they we
    you i all team sir madam madame everyone everybody there here thanks thank please regards customer
    client user support admin none n/a unknown yes no ok sent subject date re fw fwd world guys folks
    friends""".split()  # noqa: SIM905
)
_SEP = " \t\u00a0"
MAX_TOKENS = 5


# The abbreviations forms label their fields with, when one follows a name on its line with a colon,
# a number sign or a number (``Kathleen Smith MRN: 7342561``, ``KATHLEEN SMITH DOB: 01/02/1950``,
# ``ID# 4431``, ``TRANSFER FROM ANA LIMA REF 4471``).
# A surname in capitals before a colon (``Dr. Hubert LEMAIRE: said``) is still the name's.
FIELD_LABELS = frozenset(
    {"MRN", "DOB", "DOD", "DOS", "SSN", "ID", "DL", "NPI", "PCP", "TEL", "PH", "FAX", "EIN", "TIN", "ZIP",
     "ACCT", "REF", "AGE", "SEX", "MR", "EMAIL", "PHONE", "ADDR", "CELL", "MOB", "DNI", "NIE", "NIF",
     "NSS", "CPF", "RG", "RUT", "CURP", "RFC", "NHS", "NINO", "SIN", "IBAN", "PIN", "CONF", "TXN", "INV",
     "ORDER", "CASE", "TICKET", "ACCOUNT"}
)  # fmt: skip
_LABEL_AFTER = re.compile(r"[ \t]*(?::|#)|[ \t]+[0-9]")


def name_end(text: str, pos: int, *, allow_lower: bool = False, after_title: bool = False) -> int:
    """Where the name that starts at ``pos`` ends (``pos`` when none starts there).

    ``allow_lower`` accepts one lower-case word as a name (``my name is krithika``); ``after_title``
    a surname's particles first (``Dr. van Beek``, ``Ms. de la Cruz``): after a title, a name may
    be a surname alone."""
    end = pos
    tokens = 0
    i = pos
    n = len(text)
    while tokens < MAX_TOKENS and i < n:
        m = _INITIALS.match(text, i)
        if m is not None:
            j = m.end()
        else:
            m = WORD.match(text, i)
            if m is None:
                break
            word = m.group()
            low = word.lower()
            if low in _PARTICLES and (tokens or after_title):
                # Particles only count between name words (``Ana de la Vega``): look past them.
                nxt: re.Match[str] | None = m
                while nxt is not None and nxt.group().lower() in _PARTICLES:
                    k = nxt.end()
                    while k < n and text[k] in _SEP:
                        k += 1
                    nxt = WORD.match(text, k)
                if nxt is not None and nxt.group()[0].isupper():
                    i = nxt.start()
                    continue
                if tokens:
                    break
                # After a title with no name after it, a capitalised particle is the name ("Mr. Van").
            if not word[0].isupper() and not (
                allow_lower and ((tokens == 0 and len(word) >= 3) or _lower_surname(text, pos, tokens, word))
            ):
                break
            if low in NOT_NAMES:
                break
            if tokens and word.upper() in FIELD_LABELS and _LABEL_AFTER.match(text, m.end()):
                break  # "Kathleen Smith MRN: 7342561": the next field's label, not the name's last word
            j = m.end()
            if text[j - 2 : j] in ("'s", "’s"):  # Murray's: the possessive is not part of the name
                j -= 2
            elif text[j - 1] in "'’":  # 'Alice Johnson': nor is a closing quote
                j -= 1
        end = j
        tokens += 1
        i = j
        if i < n and text[i] in _SEP:  # one space or tab between name tokens, nothing else
            i += 1
        else:
            break
    return end


def known_first(word: str) -> bool:
    name = word.capitalize()
    return name in first_names() or name in common_first_names()


def _lower_surname(text: str, pos: int, tokens: int, word: str) -> bool:
    """A lower-case surname after a lower-case first name the lists know (``dave kowalczyk``)."""
    if not tokens or word.capitalize() not in surnames():
        return False
    first = WORD.match(text, pos)
    return first is not None and first.group().islower() and known_first(first.group())


def name_words(value: str) -> list[str]:
    """The words of a found name that identify the person: capitalised words, not titles, particles,
    initials or the words that open a greeting (``Mr Robert Murray`` -> Robert, Murray)."""
    return [
        w
        for w in WORD.findall(value)
        if w[0].isupper() and w not in TITLE_WORDS and w.lower() not in _PARTICLES | NOT_NAMES
    ]


# Words that end a firm's name, not a person's ("Bill to: Acme Corp", "Customer: Nordic Foods AS").
_FIRM_WORDS = frozenset(
    """inc corp corporation ltd llc llp gmbh ag sa as asa ab bv nv plc co company group limited sarl
    srl spa oy aps kg""".split()  # noqa: SIM905
)


# Words of a greeting or a form's value that address a role, not a person ("Dear Hiring Manager",
# "Hi Team", "Dear Sir or Madam").
ROLE_WORDS = frozenset(
    """hiring manager managers team sir madam madame colleague colleagues customer customers member
    members friend friends all everyone committee recruiter recruiters officer director client user
    applicant candidate editor editors reviewer reviewers support admissions partner partners
    department or and valued administrator administrators system bot""".split()  # noqa: SIM905
)


#: Words of a team, a desk or a mailbox, not a person ("Front Desk", "IT Support", "Shipping Dept",
#: "Contoso Billing Team"): a name field holding only these is a role's, and a header's sender
#: followed by one is a firm's desk.
DESK_WORDS = frozenset(
    """desk team support office department dept service services sales billing accounts admin
    administrator reception helpdesk help info customer care center centre group staff unit operations
    ops noreply no-reply shipping fulfillment fulfilment payroll security alerts news newsletter success
    marketing notification notifications orders returns warehouse""".split()  # noqa: SIM905
)


def names_a_role(name: str) -> bool:
    return all(w.lower() in ROLE_WORDS for w in name.split())


def names_a_firm(name: str) -> bool:
    return any(w.lower().rstrip(".") in _FIRM_WORDS for w in name.split()[1:])


#: The last word of a road, a venue, a body or a team named after a person or with a title in it
#: ("Kenny Avenue", "Priya Hospital", "Lafayette Urban Ministry", "Bradley Soccer", "Electric Lady
#: Studios"): such a "name" is a place or a body, not the person. Not Hall, Park, Church, Lane, Alley,
#: Temple, Court, Bank: surnames too (Jerry Hall, Grace Park, Margaret Court).
NAMED_AFTER = frozenset(
    """Street Avenue Road Boulevard Parkway Highway Expressway Freeway Turnpike Plaza Square Trail
    Terrace Crescent Esplanade Causeway Motorway Hospital Clinic University College School Academy
    Institute Foundation Library Museum Stadium Arena Airport Station Center Centre Cathedral Mosque
    Ministry Ministries Department Council Authority Agency Office Society Association Committee
    Commission Company Corporation Industries Group Holdings Partners Studios Records Media Network
    Labs Motors Airlines Services Solutions Systems Theatre Theater Hotel Restaurant Festival Club
    Band Orchestra Choir Ensemble Quartet Trio Soccer Football Basketball Baseball Hockey Rugby
    Volleyball Lacrosse Athletics""".split()  # noqa: SIM905
)


# A title at a position (after a greeting: "Dear Dr. Lee").
TITLE_AT = re.compile(
    "(?:" + "|".join(t + r"\." if t in DOTTED else t + r"\.?" for t in TITLES) + r")[ \t\u00a0]+"
)
