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

from collections.abc import Iterator

from mask_core.scan.gates import Literals
from mask_core.scan.recognizer import context_regex
from mask_core.scan.recognizers._address_words import STRONG_SUFFIXES, SUFFIXES
from mask_core.scan.recognizers.address.components import STRONG_SCORE, extend
from mask_core.scan.recognizers.address.lines import (
    ALL_KEYS,
    EN_KEYS,
    PO_KEYS,
    char_classes,
    compound_lines,
    en_lines,
    fr_lines,
    line_streets,
    military_lines,
    po_boxes,
    prefix_lines,
)
from mask_core.scan.recognizers.address.lowercase import lower_lines
from mask_core.scan.recognizers.address.pieces import PARTICLE, Line
from mask_core.scan.view import ScanView
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
        classes = char_classes(text)
        present = view.words & ALL_KEYS  # one set operation for every form's words
        lines: list[Line] = []
        english = not present.isdisjoint(EN_KEYS)
        if english:
            lines.extend(en_lines(text, classes))
        if "\n" in text:
            lines.extend(line_streets(text, english))
        if present:
            lines.extend(fr_lines(view, present))
            lines.extend(prefix_lines(view, present))
        lines.extend(compound_lines(view, classes))
        if view.has("PO"):
            lines.extend(military_lines(text))
        if not present.isdisjoint(PO_KEYS):
            lines.extend(po_boxes(text))
        addresses = [extend(text, line) for line in lines]
        if english:
            addresses.extend(lower_lines(view, classes))  # extended already, on their recased copy
        seen: set[tuple[int, int]] = set()
        for found in addresses:
            if found is None or found[:2] in seen:
                continue
            seen.add(found[:2])
            start, end, score = found
            # A street line with a postcode, region or country is an address by its structure (as a
            # checksum validates a number): it wins over a postcode that also reads as a phone number.
            validated = score >= STRONG_SCORE
            yield Entity("STREET_ADDRESS", start, end, score, text[start:end], self.name, validated)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))
