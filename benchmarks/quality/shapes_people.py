"""Health, HR and database shapes: FHIR R4 Patient and Practitioner, an HR employee row, SQL user and
payment rows. FHIR identifiers carry their real code-system URIs (``http://hl7.org/fhir/sid/us-ssn``,
``https://fhir.nhs.uk/Id/nhs-number`` ...); SQL rows use snake_case columns, int ids, and store phone,
SSN and card numbers as ints in some rows and birth dates compact (``19870314``) or split into
``{year, month, day}`` in others, the way real schemas do.
"""

from __future__ import annotations

import re
from typing import Any

import phonenumbers
from record_tree import note, pii, safe
from shape_values import Ctx
from stdnum import luhn
from stdnum.gb import nhs

__all__ = ["SHAPES"]

_V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203"
# National identifier systems by region; elsewhere a passport with FHIR's passport-<country> system.
_FHIR_IDS = {
    "US": "http://hl7.org/fhir/sid/us-ssn",
    "NL": "http://fhir.nl/fhir/NamingSystem/bsn",
    "FR": "urn:oid:1.2.250.1.213.1.4.8",  # INS-NIR
    "NO": "urn:oid:2.16.578.1.12.4.1.4.1",  # fødselsnummer
    "SE": "http://electronichealth.se/identifier/personnummer",
}
_ISO3 = {"DE": "DEU", "ES": "ESP", "IT": "ITA", "BR": "BRA", "MX": "MEX", "CA": "CAN"}


def _nhs_number(c: Ctx) -> str:
    """A valid NHS number: the check digit that python-stdnum accepts (some bodies have none)."""
    while True:
        body = str(c.rng.randint(400_000_000, 499_999_999))
        valid = [body + d for d in "0123456789" if nhs.is_valid(body + d)]
        if valid:
            return nhs.format(valid[0])


def _npi(c: Ctx) -> str:
    body = c.rng.choice("12") + "".join(c.rng.choice("0123456789") for _ in range(8))
    return body + luhn.calc_check_digit("80840" + body)


def _national_identifier(c: Ctx) -> dict[str, Any]:
    p = c.person
    if p.region == "GB":
        return {
            "system": safe("https://fhir.nhs.uk/Id/nhs-number", "code_system"),
            "value": pii(_nhs_number(c), "UK_NHS"),
        }
    if p.region in _FHIR_IDS:
        return {
            "system": safe(_FHIR_IDS[p.region], "code_system"),
            "value": pii(p.national_id, p.national_id_kind),
        }
    return {
        "type": {"coding": [{"system": safe(_V2_0203, "code_system"), "code": safe("PPN", "enum")}]},
        "system": safe(f"http://hl7.org/fhir/sid/passport-{_ISO3[p.region]}", "code_system"),
        "value": pii(p.passport, "PASSPORT"),
    }


def _fhir_address(c: Ctx, use: str) -> dict[str, Any]:
    p = c.person
    lines = [pii(p.street, "STREET_ADDRESS")] + ([pii(p.line2, "STREET_ADDRESS")] if p.line2 else [])
    out: dict[str, Any] = {
        "use": safe(use, "enum"),
        "type": safe("both", "enum"),
        "line": lines,
        "city": pii(p.city, "LOCATION"),
    }
    if p.state:
        out["state"] = safe(p.state, "region")
    out.update({"postalCode": pii(p.postcode, "POSTCODE"), "country": safe(p.region, "country")})
    return out


def _telecom(c: Ctx, use: str) -> list[dict[str, Any]]:
    p = c.person
    return [
        {"system": safe("phone", "enum"), "value": pii(p.phone, "PHONE_NUMBER"), "use": safe(use, "enum")},
        {
            "system": safe("phone", "enum"),
            "value": pii(p.e164, "PHONE_NUMBER"),
            "use": safe("mobile", "enum"),
            "rank": safe(1, "count"),
        },
        {"system": safe("email", "enum"), "value": pii(p.email, "EMAIL_ADDRESS"), "use": safe(use, "enum")},
    ]


def fhir_patient(c: Ctx) -> dict[str, Any]:
    p = c.person
    given = [pii(p.first, "PERSON")] + ([pii(c.fake.first_name(), "PERSON")] if c.rng.random() < 0.4 else [])
    return {
        "resourceType": safe("Patient", "enum"),
        "id": safe(c.uuid(), "id"),
        "meta": {
            "versionId": safe(str(c.rng.randint(1, 9)), "version"),
            "lastUpdated": safe(c.iso_z(), "timestamp"),
        },
        "identifier": [
            {
                "use": safe("usual", "enum"),
                "type": {"coding": [{"system": safe(_V2_0203, "code_system"), "code": safe("MR", "enum")}]},
                "system": safe("urn:oid:1.2.36.146.595.217.0.1", "code_system"),
                "value": pii(str(c.rng.randint(10**6, 10**8)), "MEDICAL_RECORD_NUMBER"),
            },
            _national_identifier(c),
        ],
        "active": True,
        "name": [{"use": safe("official", "enum"), "family": pii(p.last, "PERSON"), "given": given}],
        "telecom": _telecom(c, "home"),
        "gender": safe(c.rng.choice(["female", "male", "other", "unknown"]), "enum"),
        "birthDate": pii(p.birth.isoformat(), "DATE_OF_BIRTH"),
        "address": [_fhir_address(c, "home")],
        "maritalStatus": {
            "coding": [
                {
                    "system": safe("http://terminology.hl7.org/CodeSystem/v3-MaritalStatus", "code_system"),
                    "code": safe(c.rng.choice("MSUW"), "enum"),
                }
            ]
        },
        "generalPractitioner": [
            {
                "reference": safe(f"Practitioner/{c.small_id()}", "url"),
                "display": pii(f"Dr. {c.fake.name()}", "PERSON"),
            }
        ],
        "managingOrganization": {
            "reference": safe(f"Organization/{c.small_id()}", "url"),
            "display": safe("Good Health Clinic", "organization"),
        },
    }


def fhir_practitioner(c: Ctx) -> dict[str, Any]:
    p = c.person
    return {
        "resourceType": safe("Practitioner", "enum"),
        "id": safe(str(c.small_id()), "id"),
        "identifier": [
            {"system": safe("http://hl7.org/fhir/sid/us-npi", "code_system"), "value": pii(_npi(c), "US_NPI")}
        ],
        "active": True,
        "name": [
            {
                "family": pii(p.last, "PERSON"),
                "given": [pii(p.first, "PERSON")],
                "prefix": [safe("Dr", "enum")],
            }
        ],
        "telecom": _telecom(c, "work"),
        "address": [_fhir_address(c, "work")],
        "gender": safe(c.rng.choice(["female", "male"]), "enum"),
        "birthDate": pii(p.birth.isoformat(), "DATE_OF_BIRTH"),
        "qualification": [
            {
                "code": {
                    "coding": [
                        {
                            "system": safe(
                                "http://terminology.hl7.org/CodeSystem/v2-0360/2.7", "code_system"
                            ),
                            "code": safe("MD", "enum"),
                            "display": safe("Doctor of Medicine", "enum"),
                        }
                    ],
                    "text": safe("MD", "enum"),
                },
                "issuer": {"display": safe("State Medical Board", "organization")},
            }
        ],
    }


def hr_employee(c: Ctx) -> dict[str, Any]:
    p = c.person
    contact = c.fake.name()
    return {
        # An employee number identifies a person within the employer (personal data under GDPR;
        # Mask's catalogue has EMPLOYEE_ID): not a system id like an order number.
        "employeeNumber": pii(f"E{c.rng.randint(10000, 99999)}", "EMPLOYEE_ID"),
        "firstName": pii(p.first, "PERSON"),
        "lastName": pii(p.last, "PERSON"),
        "preferredName": pii(p.first, "PERSON") if c.rng.random() < 0.3 else None,
        "workEmail": pii(p.work_email, "EMAIL_ADDRESS"),
        "homeEmail": pii(p.email, "EMAIL_ADDRESS"),
        "mobilePhone": pii(p.phone, "PHONE_NUMBER"),
        "workPhone": pii(p.national, "PHONE_NUMBER"),
        "workPhoneExtension": safe(str(c.rng.randint(100, 9999)), "extension"),
        "address1": pii(p.street, "STREET_ADDRESS"),
        "address2": pii(p.line2, "STREET_ADDRESS") if p.line2 else None,
        "city": pii(p.city, "LOCATION"),
        "state": safe(p.state, "region") if p.state else None,
        "zipcode": pii(p.postcode, "POSTCODE"),
        "country": safe(p.region, "country"),
        "dateOfBirth": pii(p.birth.isoformat(), "DATE_OF_BIRTH"),
        "nationalId": pii(p.national_id, p.national_id_kind),
        "gender": safe(c.rng.choice(["Female", "Male", "Non-binary"]), "enum"),
        "hireDate": safe(c.when().date().isoformat(), "timestamp"),
        "jobTitle": safe(c.fake.job(), "job_title"),
        "department": safe(c.rng.choice(["Engineering", "Sales", "Finance", "Support"]), "enum"),
        "supervisor": pii(c.fake.name(), "PERSON"),
        "payRate": safe(f"{c.rng.randint(40, 200) * 1000}.00 {p.currency.upper()}", "amount"),
        "payFrequency": safe("Monthly", "enum"),
        "bankAccount": {"iban": pii(p.iban, "IBAN_CODE"), "bic": safe(p.bic, "bic")},
        "emergencyContact": {
            "name": pii(contact, "PERSON"),
            "relationship": safe(c.rng.choice(["Spouse", "Parent", "Sibling"]), "enum"),
            "phone": pii(c.fake.phone_number(), "PHONE_NUMBER"),
        },
        "status": safe("Active", "enum"),
        "lastChanged": safe(c.iso_z(), "timestamp"),
    }


def _digits_int(value: str) -> int:
    return int(re.sub(r"\D", "", value))


def sql_user_row(c: Ctx) -> dict[str, Any]:
    p = c.person
    dob_form = c.rng.randrange(4)
    dob: Any
    if dob_form == 0:
        dob = pii(p.birth.isoformat(), "DATE_OF_BIRTH")
    elif dob_form == 1:
        dob = pii(int(p.birth.strftime("%Y%m%d")), "DATE_OF_BIRTH")
    elif dob_form == 2:
        dob = pii(p.birth.strftime("%Y%m%d"), "DATE_OF_BIRTH")
    else:
        dob = {
            "year": pii(p.birth.year, "DATE_OF_BIRTH"),
            "month": pii(p.birth.month, "DATE_OF_BIRTH"),
            "day": pii(p.birth.day, "DATE_OF_BIRTH"),
        }
    phone_as_int = c.rng.random() < 0.4
    e164_digits = int(phonenumbers.format_number(p.mobile, phonenumbers.PhoneNumberFormat.E164)[1:])
    return {
        "id": safe(c.small_id(), "id"),
        "uuid": safe(c.uuid(), "id"),
        "first_name": pii(p.first, "PERSON"),
        "last_name": pii(p.last, "PERSON"),
        "email": pii(p.email, "EMAIL_ADDRESS"),
        "phone": pii(e164_digits if phone_as_int else p.phone, "PHONE_NUMBER"),
        "national_id": pii(
            _digits_int(p.national_id) if p.region == "US" and c.rng.random() < 0.5 else p.national_id,
            p.national_id_kind,
        ),
        "dob": dob,
        "street": pii(p.street, "STREET_ADDRESS"),
        "city": pii(p.city, "LOCATION"),
        "zip": pii(p.postcode, "POSTCODE"),
        "country_code": safe(p.region, "country"),
        "lat": pii(p.lat, "COORDINATE"),
        "lng": pii(p.lng, "COORDINATE"),
        "password_hash": pii(p.password_hash, "PASSWORD_HASH"),
        "api_key": pii(p.api_key, "API_KEY"),
        "last_login_ip": pii(p.ip, "IP_ADDRESS"),
        "is_active": c.rng.random() < 0.9,
        "balance_cents": safe(c.cents(0, 100_000), "amount"),
        "created_at": safe(c.sql_datetime(), "timestamp"),
        "updated_at": safe(c.sql_datetime(), "timestamp"),
    }


def sql_payment_row(c: Ctx) -> dict[str, Any]:
    p = c.person
    as_int = c.rng.random() < 0.4
    approver = c.fake.name() if c.rng.random() < 0.3 else None
    return {
        "id": safe(c.small_id(), "id"),
        "user_id": safe(c.small_id(), "id"),
        "order_id": safe(c.small_id(), "id"),
        "cardholder_name": pii(p.name.upper(), "PERSON"),
        "card_number": pii(int(p.card) if as_int else p.card, "CREDIT_CARD"),
        "card_cvv": pii(int(p.cvc) if as_int and p.cvc[0] != "0" else p.cvc, "CVV"),
        "card_exp_month": safe(c.rng.randint(1, 12), "card_exp"),
        "card_exp_year": safe(c.rng.randint(2025, 2032), "card_exp"),
        "card_brand": safe(p.card_brand, "card_brand"),
        "amount_cents": safe(c.cents(), "amount"),
        "currency": safe(p.currency.upper(), "currency"),
        "billing_zip": pii(p.postcode, "POSTCODE"),
        "ip_address": pii(p.ip, "IP_ADDRESS"),
        "status": safe(c.rng.choice(["captured", "refunded", "failed"]), "enum"),
        "processor_ref": safe(c.base62("ch_", 24), "id"),
        "memo": note(f"Refund approved by {approver}", approver) if approver else None,
        "created_at": safe(c.sql_datetime(), "timestamp"),
    }


SHAPES = {
    "fhir_patient": fhir_patient,
    "fhir_practitioner": fhir_practitioner,
    "hr_employee": hr_employee,
    "sql_user_row": sql_user_row,
    "sql_payment_row": sql_payment_row,
}
