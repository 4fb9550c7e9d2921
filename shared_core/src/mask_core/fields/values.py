"""The value under a typed field: protected whole, unless it is no value at all.

A field the rules type (``{"last_name": "Salazar"}``) is protected whatever its content: the finding
spans the whole value (surrounding whitespace left out) with score 1 and counts as validated, so it
wins every overlap. What is left alone, because it holds nothing of the type:

* placeholders for a missing value (``""``, ``N/A``, ``null``, ``unknown``, ``-``, ``none``);
* values already masked by the source (``**** 4242``, ``XXX-XX-1234``);
* a person's field holding a team's or a desk's name (``"Support"``, ``"Shipping Dept"``);
* values that cannot be of the type: a card, SSN, phone or account field whose value is mostly
  letters is an id of the API (Stripe's ``"card": "card_1NXy..."``), unless it is an upper-case code
  with five digits or more (another country's number: an Italian codice fiscale under ``ssn``); a
  name field without a letter is an order label (Shopify's ``"name": "#1001"``).

An address field holding an e-mail address (mail APIs' ``"address"``) is protected as one; a
password field holding an absolute path is a shell's working directory (``PWD=/home/...``).
"""

from __future__ import annotations

import re

from mask_core.scan.recognizers.contact import is_email_address
from mask_core.scan.recognizers.name_words import DESK_WORDS, names_a_firm
from mask_core.scan.recognizers.secrets import names_a_path
from mask_core.scan.recognizers.word_lists import first_names, surnames
from mask_core.types import Entity

__all__ = ["DIGIT_TYPES", "code_like", "field_finding", "phone_shaped", "split_around"]

#: Types whose values are mostly digits: a value under such a field with more letters than digits is
#: an identifier of the API, not the value.
DIGIT_TYPES = frozenset(
    {
        "CREDIT_CARD", "US_SSN", "PHONE_NUMBER", "US_BANK_NUMBER", "ABA_ROUTING_NUMBER", "US_ITIN",
        "US_EIN", "CA_SIN", "US_NPI", "ES_NUSS", "IBAN_CODE",
    }
)  # fmt: skip
_LETTER_TYPES = frozenset({"PERSON", "ORGANIZATION"})  # a place may be a postcode or coordinates
_NULLISH = frozenset(
    {
        "", "n/a", "na", "n.a.", "none", "null", "nil", "unknown", "undefined", "-", "--", "---", "?",
        "tbd", "not provided", "not available", "not applicable", "redacted", "[redacted]", "<redacted>",
        "hidden", "private", "anonymous", "yes", "no", "true", "false", "0", "desconocido", "ninguno",
    }
)  # fmt: skip
_MASKED = re.compile(r"[*•●]{2,}|(?<![A-Za-z])[xX]{3,}(?![A-Za-wyzA-WYZ])")
_DIGIT = re.compile(r"[0-9]")
_ADDRESS_TYPES = frozenset({"STREET_ADDRESS", "LOCATION"})
_LETTER = re.compile(r"[^\W\d_]")
_WORDS = re.compile(r"[^\W\d_][\w-]*")


# Digits with the punctuation phone numbers are written with, and nothing else but an extension
# (``1-168-240-2352x54583``, ``+44 20 7946 0958 ext. 12``).
_PHONE_SHAPE = re.compile(
    r"(?P<number>\+?[ (]*[0-9][0-9 ()./-]{5,24}[0-9])(?: ?(?:x|ext\.?|#) ?[0-9]{1,6})?", re.IGNORECASE
)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}")


def phone_shaped(value: str) -> bool:
    """Whether ``value`` is written as a phone number is: 7 to 15 digits with a leading ``+``, spaces,
    brackets, dots, slashes or hyphens only (and an extension after them), and not a numeric date
    (``2024-01-31``, ``31.01.2024``)."""
    value = value.strip()
    m = _PHONE_SHAPE.fullmatch(value)
    if m is None or _ISO_DATE.fullmatch(value) is not None:
        return False
    number: str = m.group("number")
    return 7 <= sum(c.isdigit() for c in number) <= 15


def _names_a_desk(value: str) -> bool:
    """Whether ``value`` is a team's or a desk's name: only the words of one, and not one word that is
    somebody's name too (``Sales`` is a Spanish and Portuguese surname)."""
    words = _WORDS.findall(value)
    if (
        len(words) > 1
        and words[-1].lower() in DESK_WORDS
        and words[-1].capitalize() not in _SURNAMES_TOO
        and not names_a_firm(value)
    ):
        return True  # "Acme Kitchen Support", "Globex Corp - Sales": a firm's desk ("Kirby Group" is a firm)
    if not words or not all(w.lower() in DESK_WORDS for w in words):
        return False
    if len(words) > 1:
        return True
    word = words[0].capitalize()
    return word not in _SURNAMES_TOO and word not in surnames() and word not in first_names()


# Desks' words that are surnames too, which the name lists (English-speaking sources) leave out.
_SURNAMES_TOO = frozenset({"Sales", "Service", "Office", "Care", "Help"})


def _protectable(value: str, entity_type: str) -> bool:
    if value.casefold() in _NULLISH or _MASKED.search(value):
        return False
    if entity_type in DIGIT_TYPES:
        digits = len(_DIGIT.findall(value))
        if digits >= 5 and value.isupper() and value.isalnum():
            # Another country's number under the field (an Italian codice fiscale under ``ssn``,
            # ``CSNLRZ68M47I948T``): an API's own ids are mixed-case or prefixed (``card_1NXy...``).
            return True
        return digits >= 2 and 2 * digits >= len(_LETTER.findall(value)) + digits
    if entity_type == "PERSON" and _names_a_desk(value):
        return False  # a role's or a desk's name in a person's field ("Support", "Shipping Dept")
    if entity_type in _LETTER_TYPES:
        return _LETTER.search(value) is not None
    if entity_type == "PASSWORD" and names_a_path(value) and not any(c.isspace() for c in value):
        return False  # a shell's PWD=/home/ihalvorsen is its working directory (read as text)
    return any(c.isalnum() for c in value)


# A number written in groups: what a transaction's number looks like with its spaces (``4471 2210``).
_GROUPED_NUMBER = re.compile(r"[0-9]+(?:[ ./-][0-9]+){1,7}")


def code_like(text: str) -> bool:
    """A value a code field may hold as a code: one short word (``EUR``, ``paid``, ``nb-NO``) or a
    number in groups (an order's ``4471 2210``). Free text under such a field (``"status": "refunded
    the card of ..."``) is scanned like any other."""
    value = text.strip()
    return len(value) <= 64 and (
        not any(c.isspace() for c in value) or _GROUPED_NUMBER.fullmatch(value) is not None
    )


def field_finding(text: str, entity_type: str) -> Entity | None:
    """The finding that protects the value ``text`` of a field typed ``entity_type``, or None.

    Its recognizer is named by the type (``field:person``), never by the key: a key or a form's label
    is text of the payload and may hold the data itself (``ingrid_halvorsen_city``), and the
    recognizer's name reaches audit events."""
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    value = text[start:end]
    if not _protectable(value, entity_type):
        return None
    if entity_type in _ADDRESS_TYPES and "@" in value and is_email_address(value):
        # Mail APIs' "address" is an e-mail address (Zendesk's ``via.source.from.address``): its
        # token keeps an e-mail's shape, so the model still reads it as one.
        entity_type = "EMAIL_ADDRESS"
    return Entity(entity_type, start, end, 1.0, value, f"field:{entity_type.lower()}", True)


def split_around(finding: Entity, text: str, claimed: list[tuple[int, int]]) -> list[Entity]:
    """A field finding without the parts live tokens already hold (``claimed``, sorted): each gap
    that still holds a letter or digit is protected on its own."""
    out: list[Entity] = []
    pos = finding.start
    for start, end in [*claimed, (finding.end, finding.end)]:
        if start > pos:
            piece = text[pos : min(start, finding.end)]
            lead = len(piece) - len(piece.lstrip(" ,;:/-"))
            body = piece.strip(" ,;:/-")
            if any(c.isalnum() for c in body):
                a = pos + lead
                out.append(Entity(finding.entity_type, a, a + len(body), 1.0, body, finding.recognizer, True))
        pos = max(pos, end)
        if pos >= finding.end:
            break
    return out
