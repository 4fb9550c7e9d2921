"""Values typed by a label beside them: ``{"system": "phone", "value": ...}``, a FHIR identifier's
``system`` or ``type.coding``, an attribute list's ``{"key": "ssn", "value": ...}``, a change
record's ``{"field": "phone", "old": ..., "new": ...}``, a form's ``{"question": ..., "answer": ...}``.

:meth:`FieldRules.child <mask_core.fields.rules.FieldRules>` asks :func:`from_siblings` for a value
key (``value``, ``number``, ``content`` ...) or a change record's key (:data:`CHANGE_KEYS`) that no
word of its own types.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from mask_core.fields.keys import compact, key_words
from mask_core.fields.vocabulary import NEVER, NEVER_SENSITIVE, TYPED, VALUE_KEYS

__all__ = ["CHANGE_KEYS", "PERSON_RESOURCES", "from_siblings", "labels_a_value"]

#: FHIR resources about a person: what their ``name``, ``identifier`` and ``address`` hold is theirs,
#: and so is a reference's ``display`` that points to one (``{"reference": "Patient/123", "display":
#: "Quorve, Zyxwvut"}``).
PERSON_RESOURCES = frozenset({"Patient", "Practitioner", "RelatedPerson", "Person"})

# A sibling that names what the value is: FHIR ContactPoint ``system``, ``type``/``label``/``kind``.
_LABEL_KEYS = (
    "system", "type", "kind", "label", "name", "field", "category", "key", "attribute", "property",
    "field_name", "fieldName", "property_name", "propertyName", "question", "prompt",
    "attribute_code", "tabLabel", "alt",  # Magento's custom attributes, DocuSign's tabs, Slack's fields
    "id", "title",  # last: Monday.com's column values {"id": "date_of_birth", "text": ..., "value": ...}
)  # fmt: skip
# The keys of a field described as an object that name it (Typeform's ``ref``, a form's ``title``).
_FIELD_NAMES = ("ref", "name", "key", "title", "label")
# Each with its PascalCase form: AWS tags ``{"Key": ..., "Value": ...}``, Salesforce's ``Field``.
_BOTH_LABEL_KEYS = tuple((k, k[0].upper() + k[1:]) for k in _LABEL_KEYS)
# Keys of a change record's values and a form's answer, typed by the label beside them like a value
# key: Jira's changelog {field, fromString, toString}, Salesforce's field history {Field, OldValue,
# NewValue}, Zendesk's audit events {field_name, value, previous_value}, {question, answer}.
CHANGE_KEYS = frozenset(
    {"old", "new", "oldvalue", "newvalue", "previousvalue", "previous", "fromstring", "tostring",
     "fromvalue", "tovalue", "before", "after", "from", "to", "currentvalue", "answer", "response"}
)  # fmt: skip
_CONTACT_SYSTEMS = {"phone": "PHONE_NUMBER", "fax": "PHONE_NUMBER", "sms": "PHONE_NUMBER",
                    "pager": "PHONE_NUMBER", "mobile": "PHONE_NUMBER", "email": "EMAIL_ADDRESS"}  # fmt: skip
# FHIR identifier systems (code-system URIs and OIDs) and identifier type codes (v2 table 0203).
_ID_SYSTEMS = (
    ("us-ssn", "US_SSN"), ("2.16.840.1.113883.4.1", "US_SSN"), ("ssn", "US_SSN"),
    ("us-npi", "US_NPI"), ("2.16.840.1.113883.4.6", "US_NPI"), ("passport", "PASSPORT"),
    ("driver", "US_DRIVER_LICENSE"), ("2.16.840.1.113883.4.3", "US_DRIVER_LICENSE"),
    ("mrn", "MEDICAL_RECORD_NUMBER"), ("medical-record", "MEDICAL_RECORD_NUMBER"),
    ("medicare", "HEALTH_INSURANCE_ID"), ("nhs-number", "NATIONAL_ID"), ("national", "NATIONAL_ID"),
    ("bsn", "NATIONAL_ID"), ("1.2.250.1.213.1.4.8", "NATIONAL_ID"), ("1.2.250.1.213.1.4.10", "NATIONAL_ID"),
    ("nir", "NATIONAL_ID"), ("2.16.578.1.12.4.1.4.1", "NATIONAL_ID"), ("fodselsnummer", "NATIONAL_ID"),
    ("personnummer", "NATIONAL_ID"), ("1.2.752.129.2.1.3.1", "NATIONAL_ID"), ("cpf", "NATIONAL_ID"),
    ("curp", "NATIONAL_ID"), ("codice-fiscale", "NATIONAL_ID"), ("dni", "ES_NIF"), ("nie", "ES_NIE"),
)  # fmt: skip
_ID_CODES = {"SS": "US_SSN", "SB": "US_SSN", "MR": "MEDICAL_RECORD_NUMBER", "DL": "US_DRIVER_LICENSE",
             "PPN": "PASSPORT", "NPI": "US_NPI", "TAX": "NATIONAL_ID", "NI": "NATIONAL_ID",
             "NIIP": "NATIONAL_ID", "MB": "HEALTH_INSURANCE_ID", "MC": "HEALTH_INSURANCE_ID"}  # fmt: skip


def from_siblings(mapping: Mapping[Any, Any], name: str) -> str | None:
    """``{"system": "phone", "value": ...}``, ``{"type": "email", "value": ...}``, FHIR identifiers:
    the type the label beside a value names, :data:`NEVER_SENSITIVE` for a code's label, or None."""
    if name not in VALUE_KEYS and name not in CHANGE_KEYS and not name.endswith("value"):
        return None  # a value key, or one of a value's kinds (``text_value``, ``display_value``)
    if name == "display" and _refers_to_person(mapping):
        return "PERSON"
    for label_key, pascal in _BOTH_LABEL_KEYS:
        label = mapping.get(label_key)
        if label is None:
            label = mapping.get(pascal)
        if label is None:
            continue
        if isinstance(label, str):
            typed = _labelled(label)
            if typed is not None:
                return typed
        elif isinstance(label, Mapping):
            # FHIR identifier.type: {"coding": [{"code": "SS"}], "text"}
            for coding in label.get("coding") or ():
                if isinstance(coding, Mapping) and isinstance(coding.get("code"), str):
                    typed = _ID_CODES.get(coding["code"].upper())
                    if typed is not None:
                        return typed
            # A form's field as an object: Typeform's answers {"field": {"ref": "first_name"}, ...}.
            for key in _FIELD_NAMES:
                inner = label.get(key)
                typed = _labelled(inner) if isinstance(inner, str) else None
                if typed is not None:
                    return typed
    return None


def _refers_to_person(mapping: Mapping[Any, Any]) -> bool:
    """Whether ``mapping`` is a FHIR reference to a person's resource: its ``reference`` is a relative
    or absolute URL ending ``Patient/<id>`` (a ``_history/<version>`` after it), or its ``type`` is
    the resource's name."""
    kind = mapping.get("type")
    if isinstance(kind, str) and kind.rpartition("/")[2] in PERSON_RESOURCES:
        return True
    reference = mapping.get("reference")
    if not isinstance(reference, str):
        return False
    parts = reference.split("?", 1)[0].rstrip("/").split("/")
    if len(parts) >= 4 and parts[-2] == "_history":
        parts = parts[:-2]
    return len(parts) >= 2 and parts[-2] in PERSON_RESOURCES


def _labelled(label: str) -> str | None:
    """The type a label names: a contact system, a known code system, or its last words; or
    :data:`NEVER_SENSITIVE` for a label of codes (``Message-ID``, ``Content-Type``, ``status``)."""
    low = label.lower()
    if low in _CONTACT_SYSTEMS:
        return _CONTACT_SYSTEMS[low]
    if ":" in low or "/" in low:  # a code-system URI or OID: known ones name the type
        typed = next((t for part, t in _ID_SYSTEMS if part in low), None)
        if typed is not None:
            return typed  # else its last words may ("custom:tfn", Cognito's custom attributes)
    words = key_words(label)
    if compact(words) in NEVER:
        return NEVER_SENSITIVE
    # The label's last words (a form's question: "What is your date of birth?"); letters apart are
    # an abbreviation's, not words ("Moliner y Pera S.C.P" names no "cp").
    for n in (len(words), 3, 2, 1):
        tail = words[-n:]
        if len(words) < n or any(len(w) == 1 for w in tail):
            continue
        typed = TYPED.get(compact(tail))
        if typed is not None:
            return typed
    return None


# A field's name as a program writes it: lower case, no spaces (``email``, ``given_name``, ``custom:tfn``).
_FIELD_NAME = re.compile(r"[a-z][a-z0-9_:.-]{0,63}")


def labels_a_value(mapping: Mapping[Any, Any]) -> bool:
    """Whether ``mapping`` is a label/value pair whose ``name`` is the label: a ``value`` beside a
    name written as a field's name, or naming a type (``{"name": "Phone", "value": ...}``)."""
    if "value" not in mapping and "Value" not in mapping:
        return False
    label = mapping.get("name", mapping.get("Name"))
    if not isinstance(label, str):
        return False
    return _FIELD_NAME.fullmatch(label) is not None or from_siblings(mapping, "value") is not None
