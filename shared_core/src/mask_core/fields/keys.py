"""Field names as words: ``givenName``, ``given_name``, ``GIVEN-NAME`` and ``given name`` are one name.

APIs name the same field in every style: snake_case (SQL, Stripe), camelCase (FHIR, HubSpot's
``firstname`` and Google's ``givenName``), PascalCase (Salesforce ``MailingStreet``), kebab-case,
dotted paths and Spanish with or without accents (``teléfono``, ``telefono``). A key is split into
lower-case ASCII words at separators, case changes and digit boundaries, accents removed, so the
vocabulary is written once per concept instead of once per style.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["compact", "core_words", "key_words"]

# Separators (anything not a letter or digit, ``_`` included), a lower-case letter or digit followed by
# an upper-case one (camelCase), an acronym followed by a word (``IPAddress`` -> IP, Address), and
# letter/digit boundaries (``addr1``, ``last4``).
_SPLIT = re.compile(
    r"[\W_]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])"
)


def _ascii(key: str) -> str:
    if key.isascii():
        return key
    # NFKD splits accented letters into a base letter and a combining mark; the marks are dropped.
    return "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=8192)
def key_words(key: str) -> tuple[str, ...]:
    """The lower-case words of a field name (``"billingDetails.address_line1"`` -> billing, details,
    address, line, 1). Cached: a service sees the same few hundred keys over and over."""
    return tuple(w.lower() for w in _SPLIT.split(_ascii(key)) if w)


def compact(words: tuple[str, ...]) -> str:
    """Words joined without separators, the form the vocabulary is keyed by (``givenname``)."""
    return "".join(words)


def core_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` without their numbers (``line1``, ``phone2``, ``address_line_1``: the field is a
    line, a phone, an address line; Dynamics' ``address1_line1`` is an address line too); a key of
    numbers only is kept whatever it is."""
    if len(words) < 2 or not any(map(str.isdigit, words)):
        return words
    kept = tuple(w for w in words if not w.isdigit())
    return kept or words[:1]
