"""Street addresses in US and Spanish forms.

* US: a house number, one to five capitalised words, a street suffix from USPS Publication 28
  (``Street``, ``St``, ``Avenue``, ``Ave``, ...), an optional direction and unit (``Apt 4B``,
  ``Suite 200``, ``#12``), then optionally ``, City, ST 12345``:
  ``1600 Pennsylvania Avenue NW, Washington, DC 20500``.
* Spanish: a street type (``Calle``, ``C/``, ``Avenida``, ``Avda.``, ``Plaza``, ``Paseo``, ``Camino``,
  ``Carretera``, ``Ronda``, ``Travesía``, ``Glorieta``, ``Carrer``...), a name of up to six words, a
  number (``nº 12``, ``45``, ``s/n``), optionally floor and door (``3º B``, ``2º izda``) and a postal
  code with its town (``28013 Madrid``): ``Calle de Alcalá 45, 3º B, 28014 Madrid``.

Both patterns start from something cheap: a digit (US) or a capitalised street type (ES), and the
suffix or number that follows must be there, so ordinary prose fails within a few characters. There
is no checksum; the structure is the evidence, so findings score 0.7 (0.85 with a ZIP or postal code).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mask_core.scan.gates import WORDS
from mask_core.scan.recognizer import context_regex
from mask_core.scan.view import ScanView, word_gate
from mask_core.types import Entity

__all__ = ["StreetAddressRecognizer"]

_US_SUFFIX = (
    "Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter"
    "|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Plaza|Plz|Alley|Aly|Loop|Row|Run|Path"
    "|Pike|Crescent|Cres|Expressway|Expy|Freeway|Fwy|Causeway|Point|Pt|Ridge|Crossing|Xing|Commons"
)
_US_RE = re.compile(
    # The look-behind sits after the first digit so ``re`` keeps its fast first-character scan; with
    # the possessive count, a long number costs one attempt, not one per digit.
    r"[1-9](?<![0-9][1-9])[0-9]{0,5}+[A-Z]?\s+(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s+)?"
    r"(?:(?:[A-ZÀ-Þ][a-zß-ÿ'’.-]{1,20}|[0-9]{1,3}(?:st|nd|rd|th))\s+){1,5}?"
    rf"(?:{_US_SUFFIX})\.?"
    r"(?:\s+(?:N|S|E|W|NE|NW|SE|SW)\.?)?"
    r"(?:,?\s+(?:Apt|Apartment|Suite|Ste|Unit|Fl|Floor|Rm|Room|#)\.?\s*#?[0-9A-Z]{1,6})?"
    r"(?:,\s+(?P<city>[A-ZÀ-Þ][a-zß-ÿ]+(?:\s+[A-ZÀ-Þ][a-zß-ÿ]+){0,3}),\s+[A-Z]{2}(?:\s+(?P<zip>[0-9]{5}(?:-[0-9]{4})?))?)?"
    r"(?![A-Za-z0-9])"
)
_ES_TYPE_WORDS = (
    "Calle", "C/", "Cl.", "Avenida", "Avda.", "Av.", "Plaza", "Pza.", "Pl.", "Paseo", "Pº", "P°", "Camino",
    "Cmno.", "Carretera", "Ctra.", "Ronda", "Rda.", "Travesía", "Travesia", "Trva.", "Glorieta", "Gta.",
    "Carrer", "Rúa", "Rua", "Vía", "Via", "Pasaje", "Urbanización", "Urb.",
)  # fmt: skip
_ES_TYPES = "|".join(map(re.escape, _ES_TYPE_WORDS))
_ES_RE = re.compile(
    # A street type that ends in a letter is a word of its own ("Calle Mayor", not "CalleMayor").
    rf"(?:{_ES_TYPES})(?:\s+|(?<=[/.º°])\s*)(?:(?:de|del|la|las|los|el|d'|l')\s+){{0,3}}"
    r"[A-ZÁÉÍÓÚÑ0-9][\wÁÉÍÓÚÑáéíóúñü'’.-]{0,30}(?:\s+(?:(?:de|del|la|las|los|el|y|i)\s+)?[A-ZÁÉÍÓÚÑ0-9][\wÁÉÍÓÚÑáéíóúñü'’.-]{0,30}){0,5}"
    r",?\s+(?:n[º°o]\.?\s*|núm\.?\s*|número\s+)?(?:[0-9]{1,4}[A-Za-z]?|s/n)"
    r"(?:,?\s+(?:[0-9]{1,2}\s*[º°ª]?\s*(?:[A-Za-z]{1,4}|izda\.?|dcha\.?)?|bajo|[Pp]iso\s+[0-9]{1,2}|[Pp]uerta\s+[0-9A-Z]{1,3}))?"
    r"(?:,?\s+(?P<cp>(?:0[1-9]|[1-4][0-9]|5[0-2])[0-9]{3})(?:\s+[A-ZÁÉÍÓÚÑ][\wáéíóúñ-]+(?:\s+[A-ZÁÉÍÓÚÑ][\wáéíóúñ-]+){0,2})?)?"
    r"(?![\w])"
)


# Each form needs its suffix or street type as a whole word, so a text without any of them skips
# that form's pattern (``ScanView.mentions``: one set test instead of a regex pass over the text).
_US_GATE = word_gate(_US_SUFFIX.split("|"))
_ES_GATE = word_gate(_ES_TYPE_WORDS)
_ANY_GATE = word_gate([*_US_SUFFIX.split("|"), *_ES_TYPE_WORDS])  # mentions one of the two


class StreetAddressRecognizer:
    name = "street_address"
    shapes = frozenset({"text"})
    entity_types: tuple[str, ...] = ("STREET_ADDRESS",)
    scan_gate = (WORDS, _ANY_GATE)  # find_in_view asks _US_GATE and _ES_GATE first
    context = ("address", "street", "lives at", "located at", "ship to", "mailing", "dirección", "direccion",
               "domicilio", "calle", "residence", "home")  # fmt: skip
    context_re = context_regex(context)
    context_boost = 0.15

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        text = view.text
        for m in _US_RE.finditer(text) if view.mentions(_US_GATE) else ():
            start, end = m.span()
            if view.boundary_before(start, ".-#/:"):
                score = 0.85 if m.group("zip") else 0.7
                yield Entity("STREET_ADDRESS", start, end, score, m.group(), self.name, False)
        for m in _ES_RE.finditer(text) if view.mentions(_ES_GATE) else ():
            start, end = m.span()
            if view.boundary_before(start):
                score = 0.85 if m.group("cp") else 0.7
                yield Entity("STREET_ADDRESS", start, end, score, m.group(), self.name, False)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))
