"""Entity type names as firewall policies write them, and the canonical names they stand for.

Policy files use the product brief's lowercase names (``email``, ``ssn``, ``credit_card``,
``api_key`` ...). Mask's catalogue uses Presidio-style canonical names (``EMAIL_ADDRESS``, ``US_SSN``,
``CREDIT_CARD`` ...). One brief name may cover several canonical types (``passport`` is both
``PASSPORT`` and ``US_PASSPORT``); ``all`` covers every type.

Accepted in a policy, in this order:

* a brief name or alias from :data:`BRIEF_NAMES` (``email``, ``phone``, ``mrn`` ...);
* a canonical name, in upper or lower case (``US_SSN``, ``es_nif``);
* ``all``.

Anything else is a validation error at load time (a typo such as ``emial`` must not silently turn a
stage off). Findings are reported under :func:`brief_name` of their canonical type, so the HTTP API
answers ``"type": "email"`` as the brief's examples do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from mask_core.entities import BUILTIN_ENTITIES, validate_entity_name
from mask_core.errors import InvalidInputError

__all__ = ["ALL", "BRIEF_NAMES", "brief_name", "canonical_types", "redaction_label"]

#: The name that stands for every entity type.
ALL = "all"

#: Brief name -> canonical entity types. The first brief name listed for a canonical type (see
#: ``_PRIMARY``) is the one findings are reported under.
BRIEF_NAMES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        # Financial
        "credit_card": ("CREDIT_CARD",),
        "bank_account": ("US_BANK_NUMBER",),
        "routing_number": ("ABA_ROUTING_NUMBER",),
        "iban": ("IBAN_CODE",),
        "swift_code": ("SWIFT_CODE",),
        "crypto": ("CRYPTO",),
        "cryptocurrency_address": ("CRYPTO",),
        # Identity
        "ssn": ("US_SSN",),
        "tax_id": ("US_ITIN", "US_EIN", "ES_NIF", "NATIONAL_ID"),
        "passport": ("PASSPORT", "US_PASSPORT"),
        "driver_license": ("US_DRIVER_LICENSE",),
        "national_id": ("NATIONAL_ID", "ES_NIF", "ES_NIE", "ES_NUSS", "UK_NINO", "CA_SIN"),
        "birth_date": ("DATE_OF_BIRTH",),
        "date_of_birth": ("DATE_OF_BIRTH",),
        "dob": ("DATE_OF_BIRTH",),
        "date_time": ("DATE_TIME",),
        "date": ("DATE_TIME",),
        # Contact
        "email": ("EMAIL_ADDRESS",),
        "phone": ("PHONE_NUMBER",),
        "address": ("STREET_ADDRESS",),
        "home_address": ("STREET_ADDRESS",),
        "ip_address": ("IP_ADDRESS",),
        "ip": ("IP_ADDRESS",),
        "url": ("URL",),
        "mac_address": ("MAC_ADDRESS",),
        # Health (HIPAA)
        "medical_record_number": ("MEDICAL_RECORD_NUMBER",),
        "mrn": ("MEDICAL_RECORD_NUMBER",),
        "health_insurance_id": ("HEALTH_INSURANCE_ID", "US_MBI"),
        # Corporate
        "employee_id": ("EMPLOYEE_ID",),
        "api_key": ("API_KEY",),
        "database_password": ("DATABASE_PASSWORD",),
        "password": ("PASSWORD",),
        "database_credentials": ("DATABASE_PASSWORD", "DATABASE_CONNECTION_STRING"),
        "private_key": ("PRIVATE_KEY",),
        "oauth_token": ("OAUTH_TOKEN", "JWT"),
        # Names (NER tier)
        "person": ("PERSON",),
        "name": ("PERSON",),
        "location": ("LOCATION",),
        "organization": ("ORGANIZATION",),
    }
)

# Canonical type -> the brief name findings are reported under. Types not listed here are reported
# under their lowercased canonical name (``ES_NIE`` -> ``es_nie``), which a policy also accepts.
_PRIMARY: Mapping[str, str] = MappingProxyType(
    {
        "CREDIT_CARD": "credit_card",
        "US_BANK_NUMBER": "bank_account",
        "ABA_ROUTING_NUMBER": "routing_number",
        "IBAN_CODE": "iban",
        "SWIFT_CODE": "swift_code",
        "CRYPTO": "crypto",
        "US_SSN": "ssn",
        "PASSPORT": "passport",
        "US_PASSPORT": "passport",
        "US_DRIVER_LICENSE": "driver_license",
        "DATE_OF_BIRTH": "birth_date",
        "DATE_TIME": "date_time",
        "EMAIL_ADDRESS": "email",
        "PHONE_NUMBER": "phone",
        "STREET_ADDRESS": "address",
        "IP_ADDRESS": "ip_address",
        "URL": "url",
        "MAC_ADDRESS": "mac_address",
        "MEDICAL_RECORD_NUMBER": "medical_record_number",
        "HEALTH_INSURANCE_ID": "health_insurance_id",
        "US_MBI": "health_insurance_id",
        "EMPLOYEE_ID": "employee_id",
        "API_KEY": "api_key",
        "DATABASE_PASSWORD": "database_password",
        "PASSWORD": "password",
        "NATIONAL_ID": "national_id",
        "DATABASE_CONNECTION_STRING": "database_credentials",
        "PRIVATE_KEY": "private_key",
        "OAUTH_TOKEN": "oauth_token",
        "JWT": "oauth_token",
        "PERSON": "person",
        "LOCATION": "location",
        "ORGANIZATION": "organization",
    }
)


def canonical_types(name: str, *, extra: Iterable[str] = ()) -> frozenset[str] | None:
    """The canonical types a policy name stands for; ``None`` means every type (``all``).

    ``extra`` names custom canonical types (from custom recognizers) that are accepted as well.
    Raises :class:`InvalidInputError` for a name that is neither a brief name nor a known type.
    """
    if not isinstance(name, str):
        raise InvalidInputError("entity type names are strings")
    if name.strip().lower() == ALL:
        return None
    key = name.strip()
    if key.lower() in BRIEF_NAMES:
        return frozenset(BRIEF_NAMES[key.lower()])
    upper = key.upper()
    if upper in BUILTIN_ENTITIES or upper in set(extra):
        return frozenset((upper,))
    if key == upper:  # an UPPER_SNAKE name: a custom type that a custom recognizer registers
        return frozenset((validate_entity_name(upper),))
    raise InvalidInputError(
        "unknown entity type name; use a brief name (email, ssn, credit_card, phone, api_key, passport, "
        "database_password, medical_record_number, ...), a canonical name (US_SSN, ...) or 'all'"
    )


def brief_name(entity_type: str) -> str:
    """The lowercase name a finding of ``entity_type`` is reported under (``US_SSN`` -> ``ssn``)."""
    return _PRIMARY.get(entity_type) or entity_type.lower()


def redaction_label(entity_type: str) -> str:
    """The default redaction token of a type: ``[EMAIL]``, ``[SSN]``, ``[CREDIT_CARD]``, ``[API_KEY]``."""
    return f"[{brief_name(entity_type).upper()}]"
