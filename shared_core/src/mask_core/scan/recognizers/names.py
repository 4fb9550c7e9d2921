"""Names announced by the words around them: a title (``Mr D. Walton``), a greeting (``Dear Ana``), a
header or form field (``From: Kai Berg``, ``Name: Ana Lima``), ``my name is ...``, a sign-off line.

A statistical model decides a name from the few tokens around it and guesses wrong exactly where
these cues are strongest: spaCy's small English model tags ``Mr Mahmut Akdoğan`` and ``Ms Melahat
Filiz`` as organisations and misses rare names after a title altogether. These cues need no model,
so this recognizer runs in the deterministic tier (with or without the NER tier) and its PERSON
findings include the title, as a human annotator marks them. The NER tier then never sees those
spans (it runs on what tier 1 left) and cannot re-tag them.

A name is one to five name tokens: a capitalised word (any script with case: ``Çakmak``, ``Ødegård``),
initials (``D.``, ``K.H.``, ``A.-M.``), with particles between them (``de``, ``van``, ``bin``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mask_core.scan.recognizers.word_lists import common_first_names, first_names, surnames
from mask_core.scan.view import ScanView
from mask_core.types import Entity

__all__ = ["NAMED_AFTER", "TITLES", "PersonCueRecognizer", "name_end", "name_words"]

#: Titles written before a name (English, Spanish, French, German), case as written.
TITLES = (
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame", "Lady", "Lord", "Judge",
    "Rev", "Reverend", "Fr", "Sr", "Sra", "Srta", "Dña", "Don", "Doña", "Herr", "Frau", "Mme", "Mlle",
    "Madame", "Monsieur", "Señor", "Señora", "Capt", "Captain", "Lt", "Sgt", "Detective",
    "Inspector", "Officer", "Senator", "Governor", "Mayor", "Minister", "President", "Ambassador",
)  # fmt: skip
# Abbreviations that are also other words (weekdays ``Fr``, ``Sa``; ``Sr`` for senior) count as titles
# only with their full stop.
_DOTTED = frozenset({"Fr", "Sr", "Sra", "Lt", "Sgt", "Capt", "Rev"})
_TITLE_WORDS = frozenset(TITLES)
# What follows a title word: its full stop (required for the ambiguous ones), then a space and a letter.
_AFTER_TITLE = re.compile(r"(\.?)[ \t\u00a0]+(?=[^\W\d_])")
# A line that opens with a greeting or a form field, before the name.
_LINE_CUE = re.compile(
    r"[ \t]*(?:Dear|Hi|Hello|Hey|Estimad[oa]|Querid[oa]|Hola|"
    r"(?:From|To|Cc|Bcc|Sender|Signed|Signature|Patient|Customer|Client|Contact|Employee|Applicant|"
    r"Requester|Assignee|Author|Owner|Attn|Attention|Name|Full name|Cardholder|Account holder|"
    r"Passenger|Guest|Recipient|Nombre|Paciente|Cliente|Titular|Remitente|Destinatario|"
    r"Attending|Physician|Provider|Doctor|Nurse|Surgeon|Referring physician|Member|Subscriber|Insured|"
    r"Beneficiary|Guarantor|Tenant|Borrower|Student|Candidate|Driver|Witness|Claimant|Spouse|"
    r"Emergency contact|Next of kin|Médico|Doctora?|Ship to|Bill to|Sold to|Deliver to|Delivered to|"
    r"Consignee|Shipping label)[ \t]*:)[ \t]*"
)
# "Surname, Given" after a form field (``Patient: SALAZAR, MEGAN``): the given names after the comma.
_COMMA = re.compile(r",[ \t]+")
# Words after a name's comma that are a role or a suffix, not given names (``Ana Lima, CEO``).
_AFTER_COMMA_NOT_GIVEN = frozenset(
    "ceo cto cfo coo md phd rn np pa dds do jr sr esq ii iii iv inc ltd llc".split()  # noqa: SIM905
)
# People introducing themselves (in chat, in lower case too).
_SELF_RE = re.compile(r"(?i:\b(?:my name is|my name's|i am called|me llamo|mi nombre es)\b)[ \t]+")
# A traveller's name as airlines write it (IATA: SURNAME/GIVEN NAMES TITLE, "KIM/JIHOON MR"): a name
# with the title after it, or after a word for a traveller ("passenger SMITH/JANE"); "TCP/IP", "AC/DC"
# have neither.
_TRAVEL_TITLES = r"(?:MR|MRS|MS|MISS|MSTR|DR|PROF)(?![\w/])"
_TRAVELLER = re.compile(
    r"[A-Z][A-Z'’-]{1,30}/[A-Z][A-Z'’-]*"
    rf"(?:[ \t](?!{_TRAVEL_TITLES})[A-Z][A-Z'’-]+){{0,3}}"
    rf"(?:[ \t]+(?P<title>{_TRAVEL_TITLES}))?(?![\w/])"
)
_TRAVELLER_CUE = re.compile(r"(?i:passenger|pax|traveller|traveler|guest|name)[ \t:]*$")
# "name is" said of someone else or without "my" (chat: "name is dave kowalczyk"): a name only when
# its first word is a known first name ("the file name is report.pdf" names nobody).
_GAP = re.compile(r"[ \t]+")
_SELF_WORDS = ("name is", "name's", "called", "llamo", "nombre es")
# A sign-off line; the name is on the next line.
_SIGN_OFF = re.compile(
    r"[ \t]*(?:Regards|Best regards|Kind regards|Warm regards|Sincerely|Yours sincerely|"
    r"Yours truly|Yours faithfully|Thanks|Thank you|Many thanks|Cheers|Best|Best wishes|Warmly|"
    r"Respectfully|Saludos|Atentamente|Un saludo|Cordialmente)[ \t]*[,.!]?[ \t]*\r?\n[ \t]*"
)

_WORD = re.compile(r"[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*")
_INITIALS = re.compile(r"(?:[A-ZÀ-Þ]\.-?){1,3}")
_PARTICLES = frozenset(
    "de del della di da do dos das du la le van von der den ter bin ibn al el y e".split()  # noqa: SIM905
)
# Capitalised words that start a sentence or a clause, not a name ("Dear Sir or Madam", "Hi All").
_NOT_NAMES = frozenset(
    """the a an and or but of for to in on at by with from this that these those it its he she they we
    you i all team sir madam madame everyone everybody there here thanks thank please regards customer
    client user support admin none n/a unknown yes no ok sent subject date re fw fwd world guys folks
    friends""".split()  # noqa: SIM905
)
_SEP = " \t\u00a0"
_MAX_TOKENS = 5


# The abbreviations forms label their fields with, when one follows a name on its line with a colon
# or a number sign (``Kathleen Smith MRN: 7342561``, ``KATHLEEN SMITH DOB: 01/02/1950``, ``ID# 4431``).
# A surname in capitals before a colon (``Dr. Hubert LEMAIRE: said``) is still the name's.
_FIELD_LABELS = frozenset(
    {"MRN", "DOB", "DOD", "DOS", "SSN", "ID", "DL", "NPI", "PCP", "TEL", "PH", "FAX", "EIN", "TIN", "ZIP",
     "ACCT", "REF", "AGE", "SEX", "MR", "EMAIL", "PHONE", "ADDR", "CELL", "MOB", "DNI", "NIE", "NIF",
     "NSS", "CPF", "RG", "RUT", "CURP", "RFC", "NHS", "NINO", "SIN", "IBAN", "PIN"}
)  # fmt: skip
_LABEL_AFTER = re.compile(r"[ \t]*(?::|#)")


def name_end(text: str, pos: int, *, allow_lower: bool = False) -> int:
    """Where the name that starts at ``pos`` ends (``pos`` when none starts there).

    ``allow_lower`` accepts one lower-case word as a name (``my name is krithika``)."""
    end = pos
    tokens = 0
    i = pos
    n = len(text)
    while tokens < _MAX_TOKENS and i < n:
        m = _INITIALS.match(text, i)
        if m is not None:
            j = m.end()
        else:
            m = _WORD.match(text, i)
            if m is None:
                break
            word = m.group()
            low = word.lower()
            if low in _PARTICLES and tokens:
                # Particles only count between name words (``Ana de la Vega``): look past them.
                nxt: re.Match[str] | None = m
                while nxt is not None and nxt.group().lower() in _PARTICLES:
                    k = nxt.end()
                    while k < n and text[k] in _SEP:
                        k += 1
                    nxt = _WORD.match(text, k)
                if nxt is None or not nxt.group()[0].isupper():
                    break
                i = nxt.start()
                continue
            if not word[0].isupper() and not (
                allow_lower and ((tokens == 0 and len(word) >= 3) or _lower_surname(text, pos, tokens, word))
            ):
                break
            if low in _NOT_NAMES:
                break
            if tokens and word in _FIELD_LABELS and _LABEL_AFTER.match(text, m.end()):
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


def _known_first(word: str) -> bool:
    name = word.capitalize()
    return name in first_names() or name in common_first_names()


def _lower_surname(text: str, pos: int, tokens: int, word: str) -> bool:
    """A lower-case surname after a lower-case first name the lists know (``dave kowalczyk``)."""
    if not tokens or word.capitalize() not in surnames():
        return False
    first = _WORD.match(text, pos)
    return first is not None and first.group().islower() and _known_first(first.group())


def name_words(value: str) -> list[str]:
    """The words of a found name that identify the person: capitalised words, not titles, particles,
    initials or the words that open a greeting (``Mr Robert Murray`` -> Robert, Murray)."""
    return [
        w
        for w in _WORD.findall(value)
        if w[0].isupper() and w not in _TITLE_WORDS and w.lower() not in _PARTICLES | _NOT_NAMES
    ]


# Words that end a firm's name, not a person's ("Bill to: Acme Corp", "Customer: Nordic Foods AS").
_FIRM_WORDS = frozenset(
    """inc corp corporation ltd llc llp gmbh ag sa as asa ab bv nv plc co company group limited sarl
    srl spa oy aps kg""".split()  # noqa: SIM905
)


# Words of a greeting or a form's value that address a role, not a person ("Dear Hiring Manager",
# "Hi Team", "Dear Sir or Madam").
_ROLE_WORDS = frozenset(
    """hiring manager managers team sir madam madame colleague colleagues customer customers member
    members friend friends all everyone committee recruiter recruiters officer director client user
    applicant candidate editor editors reviewer reviewers support admissions partner partners
    department or and valued administrator administrators system bot""".split()  # noqa: SIM905
)


def _names_a_role(name: str) -> bool:
    return all(w.lower() in _ROLE_WORDS for w in name.split())


def _names_a_firm(name: str) -> bool:
    return any(w.lower().rstrip(".") in _FIRM_WORDS for w in name.split()[1:])


def _given_after_comma(text: str, end: int) -> int:
    """Where a form field's "Surname, Given" name ends, the name before the comma ending at ``end``."""
    comma = _COMMA.match(text, end)
    if comma is None:
        return end
    given = _WORD.match(text, comma.end())
    if given is None or given.group().lower() in _AFTER_COMMA_NOT_GIVEN or given.group() in _FIELD_LABELS:
        return end  # "Ana Lima, CEO"; "Lucía Fernández Ruiz, DNI 12345678Z": the next field's label
    return max(end, name_end(text, comma.end()))


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


# What records and logs say a person did, before "by" and their name ("Refund approved by ...").
_AGENT_VERB = re.compile(
    r"(?<![^\W\d_])(?i:approved|signed|reviewed|submitted|requested|authori[sz]ed|created|updated|"
    r"modified|edited|assigned|reported|closed|resolved|escalated|verified|processed|prepared|issued|"
    r"entered|handled|raised|placed|cancell?ed|refunded|completed)$"
)

# A display name in quotes before an address in angle brackets (RFC 5322's name-addr).
_DISPLAY_NAME = re.compile(r'"(?P<name>[^"\n\d@<>]{2,64})"[ \t]*<[^<>\s@]{1,64}@[^<>\s]{1,255}>')

# A title at a position (after a greeting: "Dear Dr. Lee").
_TITLE_AT = re.compile(
    "(?:" + "|".join(t + r"\." if t in _DOTTED else t + r"\.?" for t in TITLES) + r")[ \t\u00a0]+"
)


class PersonCueRecognizer:
    """PERSON findings from titles, greetings, form fields and sign-offs (see the module docstring)."""

    name = "person_cue"
    entity_types: tuple[str, ...] = ("PERSON",)
    shapes = frozenset({"text"})

    def __init__(self, *, title_score: float = 0.85, cue_score: float = 0.7) -> None:
        self.title_score = title_score
        self.cue_score = cue_score

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        text = view.text
        taken = -1
        for start, end in view.capitalised:  # titles are capitalised words: no pass of their own
            word = text[start:end]
            if word not in _TITLE_WORDS or start < taken:
                continue
            m = _AFTER_TITLE.match(text, end)
            if m is None or (word in _DOTTED and not m.group(1)):
                continue
            name = name_end(text, m.end())
            if name > m.end() and text[m.end() : name].rsplit(None, 1)[-1] not in NAMED_AFTER:
                taken = name
                yield Entity("PERSON", start, name, self.title_score, text[start:name], self.name)
        if "\n" in text or text[:1].isupper():  # a line-opening cue starts the text or a line
            yield from self._line_cues(text)
        if view.has("/"):
            yield from self._travellers(text)
        yield from self._agents(text)
        if view.has_at and ('"<' in text or '" <' in text):
            yield from self._display_names(text)
        if view.has_lower(_SELF_WORDS):
            for m in _SELF_RE.finditer(text):
                end = name_end(text, m.end(), allow_lower=True)
                if end > m.end():
                    yield Entity("PERSON", m.end(), end, self.cue_score, text[m.end() : end], self.name)
            yield from self._name_is(text, view.lower)

    def _display_names(self, text: str) -> Iterator[Entity]:
        """The quoted display name before an address in angle brackets (``From: "Quorve, Zyxwvut"
        <zq@acme.com>``, a mail header, a git author): whose address it is, unless a firm or a role."""
        for m in _DISPLAY_NAME.finditer(text):
            name = m.group("name").strip()
            words = [w.strip(",.") for w in name.split()]
            if (
                1 <= len(words) <= _MAX_TOKENS
                and any(w[:1].isupper() for w in words)
                and not _names_a_firm(name)
                and words[-1].lower() not in _ROLE_WORDS
                and words[-1] not in NAMED_AFTER
                and not all(w.lower() in _NOT_NAMES for w in words)
            ):
                start = m.start("name") + m.group("name").find(name)
                yield Entity("PERSON", start, start + len(name), self.cue_score, name, self.name)

    def _agents(self, text: str) -> Iterator[Entity]:
        """The person a record says did something (``Refund approved by Roan Potters``, ``assigned
        to Dana Kim``): a full name, two words or more or after a title, not a firm, a role or a
        thing named after someone. Found from a substring search: a regex of the verbs would try
        every position of the text."""
        for joiner in (" by ", "assigned to "):
            at = text.find(joiner)
            while at != -1:
                start = at + len(joiner)
                # The capital first (most "by"s of a text are followed by a lower-case word), then
                # the verb before it.
                if text[start : start + 1].isupper() and (
                    joiner != " by " or _AGENT_VERB.search(text, max(0, at - 16), at) is not None
                ):
                    title = _TITLE_AT.match(text, start)
                    first = title.end() if title else start
                    end = name_end(text, first)
                    name = text[first:end]
                    words = name.split()
                    if (
                        (title is not None or len(words) >= 2)
                        and end > first
                        and words[-1] not in NAMED_AFTER
                        and words[-1].lower() not in _ROLE_WORDS
                        and not _names_a_firm(name)
                    ):
                        yield Entity("PERSON", start, end, self.cue_score, text[start:end], self.name)
                at = text.find(joiner, at + 1)

    def _travellers(self, text: str) -> Iterator[Entity]:
        """Travellers' names as airlines write them (``_TRAVELLER``). Only the slashes between capitals
        are looked at: a regex over the whole text costs more than the rest of this recognizer."""
        slash = text.find("/")
        while slash != -1:
            if slash and text[slash - 1].isupper() and text[slash + 1 : slash + 2].isupper():
                start = slash - 1
                while start and (text[start - 1].isupper() or text[start - 1] in "'’-"):
                    start -= 1
                if start and (text[start - 1].isalnum() or text[start - 1] in "_/"):
                    slash = text.find("/", slash + 1)
                    continue  # inside a longer word or path
                m = _TRAVELLER.match(text, start)
                if m is not None and (
                    m.group("title") or _TRAVELLER_CUE.search(text, max(0, start - 24), start)
                ):
                    yield Entity("PERSON", start, m.end(), self.cue_score, m.group(), self.name)
            slash = text.find("/", slash + 1)

    def _name_is(self, text: str, lower: str) -> Iterator[Entity]:
        """A name after "name is" or "name's" without "my" (``_SELF_RE`` reads those): found from a
        substring search of the lowered text, as a case-blind regex tries every position."""
        for phrase in ("name is", "name's"):
            at = lower.find(phrase)
            while at != -1:
                after = _GAP.match(text, at + len(phrase))
                before_ok = not lower.endswith("my ", 0, at) and (at == 0 or not lower[at - 1].isalnum())
                if after is not None and before_ok:
                    first = _WORD.match(text, after.end())
                    if first is not None and _known_first(first.group()):
                        end = name_end(text, after.end(), allow_lower=True)
                        if end > after.end():
                            yield Entity(
                                "PERSON", after.end(), end, self.cue_score, text[after.end() : end], self.name
                            )
                at = lower.find(phrase, at + 1)

    def _line_cues(self, text: str) -> Iterator[Entity]:
        """Names after a greeting or a form field that opens a line, or on the line after a sign-off."""
        pos = 0
        while pos >= 0:
            for pattern in (_LINE_CUE, _SIGN_OFF):
                m = pattern.match(text, pos)
                if m is None:
                    continue
                start = m.end()
                title = _TITLE_AT.match(text, start)
                end = name_end(text, title.end() if title else start)
                if end > (title.end() if title else start) and pattern is _LINE_CUE and ":" in m.group():
                    end = _given_after_comma(text, end)
                if (
                    end > (title.end() if title else start)
                    and not _names_a_firm(text[start:end])
                    and not _names_a_role(text[start:end])
                ):
                    yield Entity("PERSON", start, end, self.cue_score, text[start:end], self.name)
            nl = text.find("\n", pos)
            pos = nl + 1 if nl >= 0 else -1

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))
