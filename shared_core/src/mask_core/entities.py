"""The entity catalogue: every entity type Mask knows, its category, and how to register new ones.

Names follow Presidio's where Presidio has one (``EMAIL_ADDRESS``, ``US_SSN``, ``IBAN_CODE`` ...), so
results convert to and from Presidio's ``RecognizerResult`` without a mapping table.
"""

from __future__ import annotations

import enum
import re
import threading
from collections.abc import Iterator, Mapping
from types import MappingProxyType

from mask_core.errors import InvalidInputError, UnknownEntityTypeError

__all__ = ["BUILTIN_ENTITIES", "Category", "EntityCatalog", "validate_entity_name"]


class Category(enum.StrEnum):
    FINANCIAL = "FINANCIAL"
    IDENTITY = "IDENTITY"
    CONTACT = "CONTACT"
    HEALTH = "HEALTH"
    CORPORATE = "CORPORATE"
    PERSONAL = "PERSONAL"
    CUSTOM = "CUSTOM"


_C = Category
BUILTIN_ENTITIES: Mapping[str, Category] = MappingProxyType(
    {
        # Financial
        "CREDIT_CARD": _C.FINANCIAL,
        "IBAN_CODE": _C.FINANCIAL,
        "ABA_ROUTING_NUMBER": _C.FINANCIAL,
        "US_BANK_NUMBER": _C.FINANCIAL,
        "SWIFT_CODE": _C.FINANCIAL,
        "CRYPTO": _C.FINANCIAL,
        # Identity
        "US_SSN": _C.IDENTITY,
        "US_ITIN": _C.IDENTITY,
        "US_EIN": _C.IDENTITY,
        "US_PASSPORT": _C.IDENTITY,
        "PASSPORT": _C.IDENTITY,
        "US_DRIVER_LICENSE": _C.IDENTITY,
        "UK_NINO": _C.IDENTITY,
        "CA_SIN": _C.IDENTITY,
        "ES_NIF": _C.IDENTITY,
        "ES_NIE": _C.IDENTITY,
        "ES_NUSS": _C.IDENTITY,
        "DATE_OF_BIRTH": _C.IDENTITY,
        "NATIONAL_ID": _C.IDENTITY,  # a national or tax identity number of any country (by its field)
        # Contact
        "EMAIL_ADDRESS": _C.CONTACT,
        "PHONE_NUMBER": _C.CONTACT,
        "IP_ADDRESS": _C.CONTACT,
        "MAC_ADDRESS": _C.CONTACT,
        "URL": _C.CONTACT,
        "STREET_ADDRESS": _C.CONTACT,
        "USERNAME": _C.CONTACT,  # an account's login name or handle (by its field, or "username: ...")
        # Health
        "MEDICAL_RECORD_NUMBER": _C.HEALTH,
        "HEALTH_INSURANCE_ID": _C.HEALTH,
        "US_NPI": _C.HEALTH,
        "US_DEA": _C.HEALTH,
        "US_MBI": _C.HEALTH,
        # Corporate secrets
        "API_KEY": _C.CORPORATE,
        "JWT": _C.CORPORATE,
        "OAUTH_TOKEN": _C.CORPORATE,
        "PRIVATE_KEY": _C.CORPORATE,
        "DATABASE_CONNECTION_STRING": _C.CORPORATE,
        "DATABASE_PASSWORD": _C.CORPORATE,
        "EMPLOYEE_ID": _C.CORPORATE,
        "PASSWORD": _C.CORPORATE,  # a user's password, PIN, one-time code or password hash
        # Names (NER tier)
        "PERSON": _C.PERSONAL,
        "LOCATION": _C.PERSONAL,
        "ORGANIZATION": _C.PERSONAL,
        "NRP": _C.PERSONAL,
        # Dates and times (reported by scan(); left in clear when tokenizing unless configured)
        "DATE_TIME": _C.PERSONAL,
        # A value handed to encode() whose type nothing recognised
        "GENERIC": _C.CUSTOM,
    }
)

_NAME_RE = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*")


def validate_entity_name(name: object) -> str:
    """Entity type names are UPPER_SNAKE_CASE, at most 48 characters (they appear inside placeholders)."""
    if not isinstance(name, str) or len(name) > 48 or not _NAME_RE.fullmatch(name):
        raise InvalidInputError(
            "entity type names are UPPER_SNAKE_CASE (letters, digits, single underscores), "
            "at most 48 characters"
        )
    return name


class EntityCatalog:
    """The entity types a client accepts: the built-in catalogue plus registered custom types."""

    def __init__(self) -> None:
        self._types: dict[str, Category] = dict(BUILTIN_ENTITIES)
        self._lock = threading.Lock()

    def register(self, name: str, category: Category | str = Category.CUSTOM) -> str:
        name = validate_entity_name(name)
        with self._lock:
            self._types.setdefault(name, Category(category))
        return name

    def check(self, name: object) -> str:
        if isinstance(name, str) and name in self._types:
            return name
        validate_entity_name(name)
        raise UnknownEntityTypeError(
            "unknown entity type; use a built-in name (mask_core.BUILTIN_ENTITIES) or register it "
            "with client.register_entity_type() or a custom recognizer"
        )

    def category(self, name: str) -> Category:
        return self._types[self.check(name)]

    def __contains__(self, name: object) -> bool:
        return name in self._types

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._types))

    def by_category(self, *categories: Category | str) -> frozenset[str]:
        wanted = {Category(c) for c in categories}
        return frozenset(n for n, c in self._types.items() if c in wanted)
