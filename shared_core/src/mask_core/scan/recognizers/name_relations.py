"""Names announced by what a person is to something else: who did something a record logs (``approved
by Roan Potters``), whose device it is (``Thessaly's iPhone``), whose relative (``my partner Drolanore
Thasel``, ``sister of Pellam Marwickbane``, ``Kvazimir Azzarène (daughter)``), which party to a ticket
or a chart (``Customer Braxilla Szaroleśny cannot log in``).

Used by :class:`~mask_core.scan.recognizers.names.PersonCueRecognizer`; each function gives the
spans of the names it reads. Each starts from a C-speed search (a joiner, an apostrophe) or a set
test of the text's words, so a text without its cue costs nearly nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mask_core.scan.recognizers.name_words import (
    DESK_WORDS,
    NAMED_AFTER,
    NOT_NAMES,
    ROLE_WORDS,
    TITLE_AT,
    known_first,
    name_end,
    names_a_firm,
    names_a_role,
)
from mask_core.scan.view import ScanView

__all__ = ["a_person", "agents", "captions", "owners", "relatives", "transfers"]

Span = tuple[int, int]

# What records and logs say a person did, before "by" and their name ("Refund approved by ...").
_AGENT_VERB = re.compile(
    r"(?<![^\W\d_])(?i:approved|signed|reviewed|submitted|requested|authori[sz]ed|created|updated|"
    r"modified|edited|assigned|reported|closed|resolved|escalated|verified|processed|prepared|issued|"
    r"entered|handled|raised|placed|cancell?ed|refunded|completed)$"
)

# Devices named after their owner, as phones and computers name themselves ("Thessaly's iPhone",
# "Ana Lima's MacBook Pro"): MDM inventories, Find My, Bluetooth and Wi-Fi client lists. Only the
# makers' device words: "Monday's laptop refresh" names no owner.
_DEVICE = re.compile(
    r"[ \t\u00a0](?:iPhone|iPad|iPod|iMac|MacBook|Mac|Apple[ \t]Watch|AirPods|Galaxy|Pixel|Surface|"
    r"ThinkPad|Chromebook|Kindle|Echo|Fire[ \t]TV|Apple[ \t]TV)(?![\w'’])"
)
# A capitalised word ending where the search ends, after a space, a line's start or punctuation.
_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s\"'(,;:]))([^\W\d_][\w-]*)[ \t]?\Z", re.M)
# Makers whose own devices these are ("Apple's iPhone", "Google's Pixel"), and words before "'s" that
# are not names.
_NOT_OWNERS = frozenset(
    """apple samsung google microsoft amazon lenovo dell hp sony today yesterday tomorrow monday tuesday
    wednesday thursday friday saturday sunday everyone somebody someone nobody""".split()  # noqa: SIM905
)

# Words for a relative or a partner, written in lower case in running text: "my partner Drolanore
# Thasel", "spouse Essamir Velvelgra also on account", "sister of Pellam Marwickbane". Capitalised
# ("Partner Portal", "Son Heung-min") they start a title or a name, and are left alone, but where
# they open a sentence.
_KIN = tuple(
    """wife husband spouse partner daughter son mother father mom mum dad brother sister sibling cousin
    aunt uncle niece nephew grandson granddaughter grandmother grandfather grandma grandpa fiancé
    fiancée fiance fiancee boyfriend girlfriend stepson stepdaughter stepmother stepfather guardian
    caregiver carer""".split()  # noqa: SIM905
)
# The parties a ticket, a chart or a file names the same way: "customer Braxilla Szaroleśny cannot
# log in", "Patient Zyxwvut Quorve was admitted" (a record's own words, not a form's label: no colon).
_PARTIES = tuple(
    """customer client patient user employee member guest tenant caller applicant candidate student
    passenger subscriber resident buyer seller landlord victim suspect witness defendant plaintiff
    claimant respondent petitioner inmate donor beneficiary contractor""".split()  # noqa: SIM905
)
# Nouns that make such a word a compound's first word, not a name's announcement ("Patient Portal
# Access", "Customer Success Manager", "User Account Settings").
_COMPOUNDS = frozenset(
    """portal access account accounts service services center centre support success experience data
    record records app login dashboard profile profiles settings feedback survey relations care
    journey satisfaction engagement management information info details id number identity list
    report reports group groups segment insights review reviews onboarding retention communication
    communications notice notes history file files safety intake education transport registration
    chart visit visits advocacy rights privacy consent agreement guide manual interface story stories
    acquisition lifetime value base""".split()  # noqa: SIM905
)
_RELATED = _KIN + _PARTIES
_PARTY_WORDS = frozenset(_PARTIES)
_KIN_WORDS = frozenset(w.encode() for w in _RELATED if w.isascii())
_KIN_BEFORE = re.compile(
    r"(?<![\w-])(?P<whose>(?i:my|his|her|their|our|your)[ \t]+)?"
    r"(?:(?:"
    + "|".join(_RELATED)
    + r")|(?P<opening>(?:(?<=[.!?;][ \t])|(?<=^))(?:"
    + "|".join(w.capitalize() for w in _RELATED)
    + r")))"
    r"(?:[ \t]+of)?[ \t]*[,:]?[ \t]+\Z",
    re.M,
)
# What may stand between the word for a relative and the name: "of", a comma or a colon, spaces.
_GAP_AFTER_KIN = re.compile(r"(?![\w-])(?:[ \t]+of)?[ \t]*[,:]?[ \t]+")
_KIN_PAREN = re.compile(r"\((?:" + "|".join(_KIN) + r")\)")


def a_person(name: str) -> bool:
    """Whether the capitalised words ``name`` may be a person's: no firm, role, or place named
    after someone, and not only words that open a sentence."""
    words = name.split()
    return bool(words) and (
        not all(w.lower() in DESK_WORDS for w in words)  # "Support Center", "Billing Team"
        and not names_a_firm(name)
        and not names_a_role(name)
        and words[-1] not in NAMED_AFTER
        and words[-1].lower() not in ROLE_WORDS
        and not all(w.lower() in NOT_NAMES for w in words)
    )


def _words_before(text: str, at: int, most: int = 3) -> int:
    """Where the capitalised words (up to ``most``, on one line) that end at ``at`` start (``at``:
    none)."""
    start, words = at, 0
    while words < most:
        m = _WORD_BEFORE.search(text, max(0, start - 32), start)
        if m is None or not m.group(1)[0].isupper():
            break
        start = m.start(1)
        words += 1
    return start


def agents(text: str) -> Iterator[Span]:
    """The person a record says did something (``Refund approved by Roan Potters``, ``assigned to
    Dana Kim``): a full name, two words or more or after a title, not a firm, a role or a thing named
    after someone. Found from substring searches: a regex of the verbs would try every position."""
    for joiner in (" by ", "assigned to "):
        at = text.find(joiner)
        while at != -1:
            start = at + len(joiner)
            # The capital first (most "by"s of a text are followed by a lower-case word), then the
            # verb before it.
            if text[start : start + 1].isupper() and (
                joiner != " by " or _AGENT_VERB.search(text, max(0, at - 16), at) is not None
            ):
                title = TITLE_AT.match(text, start)
                first = title.end() if title else start
                end = name_end(text, first)
                name = text[first:end]
                if (title is not None or len(name.split()) >= 2) and end > first and a_person(name):
                    yield start, end
            at = text.find(joiner, at + 1)


# A bank statement's or a payment app's words before the other party (``ZELLE TO``, ``payment to``,
# ``TRANSFER FROM``, ``Venmo payment from``), in any case.
_TRANSFER_WORDS = frozenset(
    "zelle venmo paypal transfer payment paid sent received remittance deposit wire".split()  # noqa: SIM905
)
_TRANSFER_BYTES = frozenset(w.encode() for w in _TRANSFER_WORDS)
_LAST_WORD = re.compile(r"([^\W\d_]+)\Z")


def transfers(view: ScanView) -> Iterator[Span]:
    """Whom a payment went to or came from (``Zelle payment to Tzequara Jhquyre``, ``TRANSFER FROM
    ANA LIMA``): a full name, not a firm or a role. Only in a text that has such a word."""
    words = view.words
    if words.isdisjoint(_TRANSFER_BYTES) or (b"to" not in words and b"from" not in words):
        return
    text = view.text
    for joiner in (" to ", " TO ", " from ", " FROM ", " To ", " From "):
        at = text.find(joiner)
        while at != -1:
            start = at + len(joiner)
            # The capital after, then the word before by a set lookup (a pattern searched backwards
            # from every "to" costs more than the rest of the recognizer).
            if text[start : start + 1].isupper():
                before = _LAST_WORD.search(text, max(0, at - 24), at)
                if before is not None and before.group(1).lower() in _TRANSFER_WORDS:
                    end = name_end(text, start)
                    name = text[start:end]
                    if len(name.split()) >= 2 and a_person(name):
                        yield start, end
            at = text.find(joiner, at + 1)


# A case's caption on a line of its own: the parties either side of "v." ("MCCOY v. BRELSSAELLE et
# al"), read when the caption says "et al" or writes both in capitals, as dockets do ("Arsenal v
# Chelsea" on a fixture list is neither).
_CAPTION = re.compile(
    r"^[ \t]*(?P<a>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3})[ \t]+vs?\.?[ \t]+"
    r"(?P<b>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3}?)(?P<al>[ \t]+et[ \t]+al\.?)?[ \t]*$",
    re.M,
)
# A party that is no person: the state, the people, a public body.
_PUBLIC_PARTIES = frozenset(
    """united states state people commonwealth city county government republic kingdom department
    board commission council secretary attorney general""".split()  # noqa: SIM905
)


def captions(text: str) -> Iterator[Span]:
    """The parties of a case's caption line (``_CAPTION``)."""
    if " v" not in text or (" v. " not in text and " v " not in text and " vs. " not in text):
        return
    for m in _CAPTION.finditer(text):
        if m.group("al") is None and not (m.group("a").isupper() and m.group("b").isupper()):
            continue
        for group in ("a", "b"):
            party = m.group(group)
            if not any(w.lower() in _PUBLIC_PARTIES for w in party.split()) and a_person(party):
                yield m.span(group)


def owners(text: str) -> Iterator[Span]:
    """The owner a device is named after (``_DEVICE``): the capitalised words before its "'s"."""
    if ("'" not in text and "’" not in text) or ("'s " not in text and "’s " not in text):
        return
    for apostrophe in ("'s", "’s"):
        at = text.find(apostrophe)
        while at != -1:
            if at and _DEVICE.match(text, at + 2):
                start = _words_before(text, at)
                owner = text[start:at]
                if (
                    start < at
                    and not any(w.lower() in _NOT_OWNERS or w.lower() in NOT_NAMES for w in owner.split())
                    and a_person(owner)
                ):
                    yield start, at
            at = text.find(apostrophe, at + 2)


def _related_at(text: str, start: int) -> Span | None:
    """The name at ``start`` when the words before it name a relative or a party (``_KIN_BEFORE``)."""
    kin = _KIN_BEFORE.search(text, max(0, start - 32), start)
    if kin is None:
        return None
    stop = name_end(text, start)
    name = text[start:stop]
    # One word is a name after "my partner", or when the lists know it ("partner Portal", "the
    # partner API" are no one). A sentence may open with the word, capitalised ("Partner Gratha Ixmir
    # may collect"): then only a full name follows it ("Partner Portal" is a product).
    one = " " not in name
    if kin.group("opening") and one:
        return None
    if _party(kin.group()) and any(w.lower() in _COMPOUNDS for w in name.split()):
        return None  # "Patient Portal Access", "Customer Success Manager": a compound noun
    if stop > start and a_person(name) and (not one or kin.group("whose") or known_first(name)):
        return start, stop
    return None


def _party(announcing: str) -> bool:
    """Whether the words before a name (``_KIN_BEFORE``'s match) end with a party's word."""
    words = announcing.split()
    return (
        bool(words)
        and (words[-2] if words[-1] == "of" and len(words) > 1 else words[-1]).lower().strip(",:")
        in _PARTY_WORDS
    )


def relatives(view: ScanView) -> Iterator[Span]:
    """A relative or partner named after the word for them (``my partner Drolanore Thasel``,
    ``sister of Pellam Marwickbane``) or before it in brackets (``Kvazimir Azzarène (daughter)``),
    and a ticket's or a chart's party after theirs (``customer Braxilla Szaroleśny``)."""
    present = view.words & _KIN_WORDS
    if not present:
        return
    text = view.text
    if text.isascii():
        # Where each word the text holds stands (its lowered copy has the text's offsets): a few
        # C-speed searches, where a look behind every capitalised word would cost a pass of its own.
        lower = view.lower
        starts = []
        for word in present:
            found = word.decode()
            at = lower.find(found)
            while at != -1:
                end = at + len(found)
                gap = _GAP_AFTER_KIN.match(text, end)
                if gap is not None and text[gap.end() : gap.end() + 1].isupper():
                    starts.append(gap.end())
                at = lower.find(found, end)
    else:
        starts = [start for start, _ in view.capitalised if start and text[start - 1] in " \t"]
    for start in sorted(set(starts)):
        span = _related_at(text, start)
        if span is not None:
            yield span
    # The brackets from their "(" (a pattern searched over the text would try every space first).
    at = text.find("(")
    while at != -1:
        if at and text[at - 1] in " \t" and _KIN_PAREN.match(text, at):
            end = at
            while end and text[end - 1] in " \t":
                end -= 1
            start = _words_before(text, end)
            if start < end and a_person(text[start:end]):
                yield start, end
        at = text.find("(", at + 1)
