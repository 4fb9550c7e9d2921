"""Entity type names as people write them, resolved the same way everywhere.

Three vocabularies name entity types, and every entry point accepts all of them, in any case:

* the product brief's lowercase names and their aliases, :data:`BRIEF_NAMES` (``email``, ``ssn``,
  ``credit_card``, ``passport`` ...); one brief name may cover several catalogue types;
* the catalogue's names, :data:`~mask_core.entities.BUILTIN_ENTITIES` (``EMAIL_ADDRESS``, ``US_SSN``,
  ``es_nif`` ...), plus the types custom recognizers register. Written in capitals, a name that is both
  (``PASSPORT``) is the one catalogue type; in lower case, the brief name (``passport``: ``PASSPORT`` and
  ``US_PASSPORT``);
* the categories, :class:`~mask_core.entities.Category` (``HEALTH``, ``corporate`` ...), and ``all``.

Entry points: ``mask detokenize --allow`` and ``mask scan --entity``, the HTTP API's
``entity_types`` and ``allowed_types``, policy files, ``configure_detection``, ``MASK_ENTITIES``,
``MASK_DISABLED_ENTITIES`` and ``MASK_REPORT_ONLY``. A name that is none of these raises
:class:`~mask_core.errors.UnknownEntityTypeError` with a few close matches (``emial`` -> ``email``):
a typo must never restore nothing, detect nothing or switch a policy stage off in silence. The message
never repeats the name it rejects (an entry point may be handed anything).

Findings are reported under :func:`brief_name` of their catalogue type (``US_SSN`` -> ``ssn``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from mask_core.entities import BUILTIN_ENTITIES, Category, validate_entity_name
from mask_core.errors import InvalidInputError, UnknownEntityTypeError

__all__ = [
    "ALL",
    "BRIEF_NAMES",
    "brief_name",
    "canonical_types",
    "close_matches",
    "expand_names",
    "redaction_label",
    "resolve_entity_names",
]

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
        "username": ("USERNAME",),
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
        "USERNAME": "username",
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


_VOCABULARY: tuple[str, ...] = (
    ALL,
    *BRIEF_NAMES,
    *BUILTIN_ENTITIES,
    *(c.value for c in Category),
)


def close_matches(name: object, known: Iterable[str] = (), *, limit: int = 3) -> list[str]:
    """Up to ``limit`` known names that look like ``name`` (:func:`difflib.get_close_matches`)."""
    if not isinstance(name, str):
        return []
    vocabulary = {n.lower(): n for n in (*_VOCABULARY, *known)}
    found = difflib.get_close_matches(name.strip().lower(), list(vocabulary), n=limit, cutoff=0.6)
    return [vocabulary[f] for f in found]


def _unknown(name: object, known: Iterable[str], where: str) -> UnknownEntityTypeError:
    matches = close_matches(name, known)
    hint = f"; close matches: {', '.join(matches)}" if matches else ""
    return UnknownEntityTypeError(
        f"{where + ': ' if where else ''}unknown entity type name{hint}. Use a brief name (email, ssn, "
        "credit_card, phone, ...), a catalogue name (EMAIL_ADDRESS, US_SSN, ...), a category (HEALTH, ...) "
        "or 'all'"
    )


def canonical_types(
    name: str, *, extra: Iterable[str] = (), custom: bool = True, where: str = ""
) -> frozenset[str] | None:
    """The catalogue types one name stands for; ``None`` means every type (``all``).

    ``extra`` names custom types (from custom recognizers) that are accepted as well. With ``custom``
    (policy files, whose custom recognizers are not known when they load) any other UPPER_SNAKE name
    is taken as a custom type; a lowercase name must be known. Raises
    :class:`~mask_core.errors.UnknownEntityTypeError` (an :class:`InvalidInputError`) otherwise.
    """
    if not isinstance(name, str):
        raise InvalidInputError(f"{where + ': ' if where else ''}entity type names are strings")
    key = name.strip()
    low, upper = key.lower(), key.upper()
    if low == ALL:
        return None
    extra = set(extra)
    if key in BUILTIN_ENTITIES or key in extra:  # a catalogue name as the catalogue writes it
        return frozenset((key,))
    if low in BRIEF_NAMES:  # ``passport`` is PASSPORT and US_PASSPORT; ``PASSPORT`` is the one type
        return frozenset(BRIEF_NAMES[low])
    if upper in BUILTIN_ENTITIES or upper in extra:
        return frozenset((upper,))
    if upper in Category.__members__:
        types = {n for n, c in BUILTIN_ENTITIES.items() if c == upper}
        if upper == Category.CUSTOM:
            types |= extra - set(BUILTIN_ENTITIES)
        return frozenset(types)
    if custom and key == upper and key:
        try:
            return frozenset((validate_entity_name(upper),))
        except InvalidInputError:
            pass
    raise _unknown(name, extra, where)


def resolve_entity_names(
    names: Iterable[str], *, extra: Iterable[str] = (), custom: bool = False, where: str = ""
) -> frozenset[str] | None:
    """The union of the catalogue types of ``names``; ``None`` when one of them is ``all``.

    ``where`` names the entry point in the error (``"--allow"``, ``"MASK_ENTITIES"``, ...).
    """
    if isinstance(names, str):
        raise InvalidInputError(
            f"{where + ': ' if where else ''}a collection of entity type names, not one string"
        )
    extra = tuple(extra)
    out: set[str] = set()
    every = False
    for name in names:
        types = canonical_types(name, extra=extra, custom=custom, where=where)
        if types is None:
            every = True
        else:
            out |= types
    return None if every else frozenset(out)


def brief_name(entity_type: str) -> str:
    """The lowercase name a finding of ``entity_type`` is reported under (``US_SSN`` -> ``ssn``)."""
    return _PRIMARY.get(entity_type) or entity_type.lower()


def redaction_label(entity_type: str) -> str:
    """The default redaction token of a type: ``[EMAIL]``, ``[SSN]``, ``[CREDIT_CARD]``, ``[API_KEY]``."""
    return f"[{brief_name(entity_type).upper()}]"


def expand_names(names: Iterable[str], known: Iterable[str] = ()) -> frozenset[str]:
    """Entity types named directly, through their category (``"HEALTH"`` -> every health type), by a
    brief name (``"email"``) or ``"all"`` (see :mod:`mask_core.entity_names`).

    ``known`` adds types outside the built-in catalogue (custom recognizers' types, category CUSTOM).
    An unknown name raises :class:`UnknownEntityTypeError` with close matches, so a typo never
    silently disables nothing.
    """
    known = tuple(known)
    found = resolve_entity_names(names, extra=known, where="detection settings")
    return frozenset((*BUILTIN_ENTITIES, *known)) if found is None else found
