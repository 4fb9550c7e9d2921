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

from mask_core.scan.gates import WORDS
from mask_core.scan.view import ScanView, word_gate
from mask_core.types import Entity

__all__ = ["TITLES", "PersonCueRecognizer", "name_end", "name_words"]

#: Titles written before a name (English, Spanish, French, German), case as written.
TITLES = (
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame", "Lady", "Lord", "Judge",
    "Rev", "Reverend", "Fr", "Sr", "Sra", "Srta", "Dña", "Don", "Doña", "Herr", "Frau", "Mme", "Mlle",
    "Madame", "Monsieur", "Señor", "Señora", "Capt", "Captain", "Lt", "Sgt", "Detective",
    "Inspector", "Officer", "Senator", "Governor", "Mayor", "Minister", "President", "Ambassador",
)  # fmt: skip
# Abbreviations that are also other words (weekdays ``Fr``, ``Sa``; ``Sr`` for senior) count as titles
# only with their full stop.
_DOTTED = frozenset({"Fr", "Sr", "Sra", "Lt", "Sgt", "Capt", "Rev", "Det"})
_TITLE_RE = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(t + r"\." if t in _DOTTED else t + r"\.?" for t in TITLES)
    + r")[ \t\u00a0]+(?=[^\W\d_])"
)
# Words after which a name follows: greetings and form fields at a line start, self-introductions.
_CUE_RE = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?:Dear|Hi|Hello|Hey|Estimad[oa]|Querid[oa]|Hola|"
    r"(?:From|To|Cc|Bcc|Sender|Signed|Signature|Patient|Customer|Client|Contact|Employee|Applicant|"
    r"Requester|Assignee|Author|Owner|Attn|Attention|Name|Full name|Cardholder|Account holder|"
    r"Passenger|Guest|Recipient|Nombre|Paciente|Cliente|Titular|Remitente|Destinatario)[ \t]*:)[ \t]*"
    r"|(?i:\b(?:my name is|my name's|i am called|me llamo|mi nombre es)\b)[ \t]+"
)
_SELF = re.compile(r"(?i)name is|name's|called|llamo|nombre es")
# A sign-off line, then the name on the next line.
_SIGN_OFF_RE = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?:Regards|Best regards|Kind regards|Warm regards|Sincerely|Yours sincerely|"
    r"Yours truly|Yours faithfully|Thanks|Thank you|Many thanks|Cheers|Best|Best wishes|Warmly|"
    r"Respectfully|Saludos|Atentamente|Un saludo|Cordialmente)[ \t]*[,.!]?[ \t]*\r?\n[ \t]*"
)
_GATE = word_gate(
    [
        *(t.lower() for t in TITLES), "dear", "hi", "hello", "hey", "hola", "estimado", "estimada",
        "querido", "querida", "from", "to", "cc", "bcc", "sender", "signed", "signature", "patient",
        "customer", "client", "contact", "employee", "applicant", "requester", "assignee", "author",
        "owner", "attn", "attention", "name", "cardholder", "holder", "passenger", "guest", "recipient",
        "nombre", "paciente", "cliente", "titular", "remitente", "destinatario", "called", "llamo",
        "regards", "sincerely", "truly", "faithfully", "thanks", "thank", "cheers", "best", "warmly",
        "respectfully", "saludos", "saludo", "atentamente", "cordialmente",
    ]
)  # fmt: skip

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
            if not word[0].isupper() and not (allow_lower and tokens == 0 and len(word) >= 3):
                break
            if low in _NOT_NAMES:
                break
            j = m.end()
            if text[j - 2 : j] in ("'s", "’s"):  # Murray's: the possessive is not part of the name
                j -= 2
        end = j
        tokens += 1
        i = j
        if i < n and text[i] in _SEP:  # one space or tab between name tokens, nothing else
            i += 1
        else:
            break
    return end


_TITLE_WORDS = frozenset(TITLES)


def name_words(value: str) -> list[str]:
    """The words of a found name that identify the person: capitalised words, not titles, particles,
    initials or the words that open a greeting (``Mr Robert Murray`` -> Robert, Murray)."""
    return [
        w
        for w in _WORD.findall(value)
        if w[0].isupper() and w not in _TITLE_WORDS and w.lower() not in _PARTICLES | _NOT_NAMES
    ]


class PersonCueRecognizer:
    """PERSON findings from titles, greetings, form fields and sign-offs (see the module docstring)."""

    name = "person_cue"
    entity_types: tuple[str, ...] = ("PERSON",)
    shapes = frozenset({"text"})
    scan_gate = (WORDS, _GATE)  # find_in_view asks the same gate first

    def __init__(self, *, title_score: float = 0.85, cue_score: float = 0.7) -> None:
        self.title_score = title_score
        self.cue_score = cue_score

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        if not view.mentions(_GATE):
            return
        text = view.text
        taken = -1
        for m in _TITLE_RE.finditer(text):
            end = name_end(text, m.end())
            if end > m.end() and m.start() >= taken:
                taken = end
                yield Entity("PERSON", m.start(), end, self.title_score, text[m.start() : end], self.name)
        for pattern in (_CUE_RE, _SIGN_OFF_RE):
            for m in pattern.finditer(text):
                start = m.end()
                title = _TITLE_RE.match(text, start)
                # People introducing themselves in chat write their name in lower case too.
                lower_ok = pattern is _CUE_RE and _SELF.search(m.group()) is not None
                end = name_end(text, title.end() if title else start, allow_lower=lower_ok)
                if end > (title.end() if title else start):
                    yield Entity("PERSON", start, end, self.cue_score, text[start:end], self.name)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))
