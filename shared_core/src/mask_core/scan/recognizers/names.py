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
from itertools import chain

from mask_core.scan.recognizers.name_relations import agents, captions, owners, relatives, transfers
from mask_core.scan.recognizers.name_words import (
    DESK_WORDS,
    DOTTED,
    FIELD_LABELS,
    MAX_TOKENS,
    NAMED_AFTER,
    NOT_NAMES,
    ROLE_WORDS,
    TITLE_AT,
    TITLE_WORDS,
    WORD,
    known_first,
    name_end,
    names_a_firm,
    names_a_role,
)
from mask_core.scan.recognizers.speakers import chat_senders, speakers
from mask_core.scan.view import ScanView
from mask_core.types import Entity

__all__ = ["PersonCueRecognizer"]

# What follows a title word: its full stop (required for the ambiguous ones), then a space and a letter.
_AFTER_TITLE = re.compile(r"(\.?)[ \t\u00a0]+(?=[^\W\d_])")
# A line that opens with a greeting or a form field, before the name.
_LINE_CUE = re.compile(
    r"[ \t]*(?:Dear|Hi|Hello|Hey|Estimad[oa]|Querid[oa]|Hola|"
    r"(?i:(?:VICTIM|SUSPECT|COMPLAINANT|DEFENDANT|PLAINTIFF|WITNESS|ARRESTEE)[ \t]*:)|"
    r"(?:From|To|Cc|Bcc|Sender|Signed|Signature|Patient|Customer|Client|Contact|Employee|Applicant|"
    r"Requester|Assignee|Author|Owner|Attn|Attention|Name|Full name|Cardholder|Account holder|"
    r"Passenger|Guest|Recipient|Nombre|Paciente|Cliente|Titular|Remitente|Destinatario|"
    r"Attending|Physician|Provider|Doctor|Nurse|Surgeon|Referring physician|Member|Subscriber|Insured|"
    r"Beneficiary|Guarantor|Tenant|Borrower|Student|Candidate|Driver|Witness|Claimant|Spouse|"
    r"Emergency contact|Next of kin|Médico|Doctora?|Ship to|Bill to|Sold to|Deliver to|Delivered to|"
    r"Consignee|Shipping label|Victim|Suspect|Complainant|Reporting party|Reported by|Defendant|"
    r"Plaintiff|Petitioner|Respondent|Appellant|Offender|Decedent|Deceased|Informant|Arrestee)[ \t]*:)"
    r"[ \t]*"
)
# A party's label alone on its line, the party's name on the next (a docket, a pleading's caption).
_PARTY_LINE = re.compile(
    r"[ \t]*(?:Plaintiff|Defendant|Petitioner|Respondent|Appellant|Appellee|Claimant|Debtor|Creditor|"
    r"PLAINTIFF|DEFENDANT|PETITIONER|RESPONDENT|APPELLANT|APPELLEE)s?[ \t]*[,:]?[ \t]*\r?\n[ \t]*"
)
# "Surname, Given" after a form field (``Patient: SALAZAR, MEGAN``): the given names after the comma.
_COMMA = re.compile(r",[ \t]+")
# Words after a name's comma that are a role or a suffix, not given names (``Ana Lima, CEO``).
_AFTER_COMMA_NOT_GIVEN = frozenset(
    "ceo cto cfo coo md phd rn np pa dds do jr sr esq ii iii iv inc ltd llc".split()  # noqa: SIM905
)
# Words after a firm's name that make a header's sender a team or a desk, not a person ("To: Acme
# Support", "From: Contoso Billing Team"): the name stops before them, as they are no name's words.
_NEXT_CAPITALISED = re.compile(r"[ \t]+([A-Z][\w-]*)")


def _desk_after(text: str, end: int) -> bool:
    """Whether a capitalised word of a team or a desk follows the name ending at ``end``."""
    m = _NEXT_CAPITALISED.match(text, end)
    return m is not None and m.group(1).lower() in DESK_WORDS


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


def _given_after_comma(text: str, end: int) -> int:
    """Where a form field's "Surname, Given" name ends, the name before the comma ending at ``end``."""
    comma = _COMMA.match(text, end)
    if comma is None:
        return end
    given = WORD.match(text, comma.end())
    if given is None or given.group().lower() in _AFTER_COMMA_NOT_GIVEN or given.group() in FIELD_LABELS:
        return end  # "Ana Lima, CEO"; "Lucía Fernández Ruiz, DNI 12345678Z": the next field's label
    return max(end, name_end(text, comma.end()))


# A display name in quotes before an address in angle brackets (RFC 5322's name-addr).
_DISPLAY_NAME = re.compile(
    r'(?:"(?P<name>[^"\n\d@<>]{2,64})"'
    # RFC 5322 lets a display name go unquoted: capitalised words at a header value's start, after
    # a colon, a comma or a quote (``From: Zyxwvut Quorve <zq@acme.com>``, Gmail's headers as
    # ``{"name": "From", "value": ...}``).
    r"|(?:^|(?<=[:,\"'])[ \t]*)(?P<bare>[A-ZÀ-Þ][\w'’.-]{0,30}(?:[ \t][A-ZÀ-Þ][\w'’.-]{0,30}){0,4}))"
    r"[ \t]*<[^<>\s@]{1,64}@[^<>\s]{1,255}>",
    re.M,
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
            if word not in TITLE_WORDS or start < taken:
                continue
            m = _AFTER_TITLE.match(text, end)
            if m is None or (word in DOTTED and not m.group(1)):
                continue
            name = name_end(text, m.end(), after_title=True)
            if name > m.end() and text[m.end() : name].rsplit(None, 1)[-1] not in NAMED_AFTER:
                taken = name
                yield Entity("PERSON", start, name, self.title_score, text[start:name], self.name)
        if "\n" in text or text[:1].isupper():  # a line-opening cue starts the text or a line
            yield from self._line_cues(text)
        if view.has("/"):
            yield from self._travellers(text)
        # Who did what a record logs, whose device, whose relative (``name_relations.py``); who
        # speaks in a transcript or writes in a chat export (``speakers.py``).
        found = chain(
            agents(text), transfers(view), owners(text), relatives(view), captions(text), speakers(text)
        )
        if ":" in text and (text[:1].isdigit() or text[:1] == "[" or "\n" in text):
            found = chain(found, chat_senders(text))
        for start, end in found:
            yield Entity("PERSON", start, end, self.cue_score, text[start:end], self.name)
        if view.has_at and (" <" in text or '"<' in text):
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
            group = "name" if m.group("name") is not None else "bare"
            name = m.group(group).strip()
            words = [w.strip(",.") for w in name.split()]
            if (
                1 <= len(words) <= MAX_TOKENS
                and any(w[:1].isupper() for w in words)
                and not names_a_firm(name)
                and words[-1].lower() not in ROLE_WORDS
                and words[-1] not in NAMED_AFTER
                and not all(w.lower() in NOT_NAMES for w in words)
            ):
                start = m.start(group) + m.group(group).find(name)
                yield Entity("PERSON", start, start + len(name), self.cue_score, name, self.name)

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
                    first = WORD.match(text, after.end())
                    if first is not None and known_first(first.group()):
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
            for pattern in (_LINE_CUE, _SIGN_OFF, _PARTY_LINE):
                m = pattern.match(text, pos)
                if m is None:
                    continue
                start = m.end()
                title = TITLE_AT.match(text, start)
                end = name_end(text, title.end() if title else start, after_title=title is not None)
                if end > (title.end() if title else start) and pattern is _LINE_CUE and ":" in m.group():
                    end = _given_after_comma(text, end)
                if (
                    end > (title.end() if title else start)
                    and not names_a_firm(text[start:end])
                    and not names_a_role(text[start:end])
                    and (title is not None or not _desk_after(text, end))
                ):
                    yield Entity("PERSON", start, end, self.cue_score, text[start:end], self.name)
            nl = text.find("\n", pos)
            pos = nl + 1 if nl >= 0 else -1

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))
