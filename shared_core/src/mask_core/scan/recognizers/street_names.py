"""Streets named without a number, where the words before them say they are an address.

The street address recognizer reads a street line from its number (or from a postcode after it): a
line without either is a name like any other ("Baker Street" is also a film). A person who writes an
address in a sentence often leaves the number out, and says what it is instead: "please change my
shipping address to Campo Leão, Marques da Praia", "my address is Rua Augusta, Lisboa", "ship it to
Angela Throughway, Hartleyview". After such words, a street named by its type (``Rua``, ``Calle``,
``Via`` before the name; ``Street``, ``Road``, ``Avenue`` after it), and the town after its comma, is
an address.
"""

from __future__ import annotations

from mask_core.scan.context import ContextRecognizer
from mask_core.scan.recognizers._address_words import PREFIX_TYPES, STRONG_SUFFIXES, alternation
from mask_core.scan.recognizers.address import PARTICLE
from mask_core.types import Recognizer

__all__ = ["street_name_recognizer"]

_WORDS = (
    "address", "ship to", "ship it to", "deliver to", "deliver it to", "send it to", "lives at",
    "lives on", "live at", "live on", "living at", "moved to", "dirección", "direccion", "endereço",
    "endereco",
)  # fmt: skip
# Full words only: abbreviations ("St", "Dr") open too many other things.
_SUFFIXES = [s for s in STRONG_SUFFIXES if len(s) > 3 and s[0].isupper()]
# A capitalised word without a full stop inside: a sentence's end is the address's end.
_WORD = r"[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’-]{0,30}"
_NAMES = rf"(?:{PARTICLE}[ \t]+)*{_WORD}(?:[ \t]+(?:{PARTICLE}[ \t]+)*{_WORD}){{0,4}}"
_STREET = (
    rf"(?:(?i:{alternation(PREFIX_TYPES)})\.?[ \t]+{_NAMES}"
    rf"|{_WORD}(?:[ \t]+{_WORD}){{0,3}}[ \t]+(?:{alternation(_SUFFIXES)}))"
)
_TOWN = rf"{_WORD}(?:[ \t]+(?:{PARTICLE}[ \t]+)*{_WORD}){{0,3}}"
_SHAPE = rf"[ \t]*(?:(?:to|is|at|on|es|é)[ \t]+|:[ \t]*)?(?P<tok>{_STREET}(?:,[ \t]*{_TOWN})?)(?![\w'’-])"


def street_name_recognizer() -> Recognizer:
    return ContextRecognizer(
        "STREET_ADDRESS",
        words=_WORDS,
        shape=_SHAPE,
        source="pattern",
        name="street_name_cue",
        score_with=0.7,
    )
