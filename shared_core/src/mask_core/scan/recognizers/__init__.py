"""The built-in recognizers, grouped by the kind of data they find.

=================  =================================================================================
Module             Entity types
=================  =================================================================================
``contact``        EMAIL_ADDRESS, IP_ADDRESS
``phones``         PHONE_NUMBER (the configured regions, the regions a text names, any ``+cc``)
``web``            URL, MAC_ADDRESS
``address``        STREET_ADDRESS (street line, unit, city, region, postcode, country)
``street_names``   STREET_ADDRESS (a street named without a number after "address to", "lives on")
``geo``            LOCATION (coordinates after their words: ``lat 59.9139, lon 10.7522``)
``dates``          DATE_TIME (numeric and written dates, timestamps, times, keyword years)
``financial``      CREDIT_CARD, IBAN_CODE, ABA_ROUTING_NUMBER
``crypto``         CRYPTO (Bitcoin base58check / bech32, Ethereum EIP-55)
``identity``       US_SSN, ES_NIF, ES_NIE
``national``       US_ITIN, US_EIN, CA_SIN, UK_NINO, ES_NUSS
``documents``      US_PASSPORT, PASSPORT, US_DRIVER_LICENSE, US_BANK_NUMBER, SWIFT_CODE, EMPLOYEE_ID,
                   DATE_OF_BIRTH (context-only)
``health``         US_NPI, US_DEA, US_MBI, MEDICAL_RECORD_NUMBER, HEALTH_INSURANCE_ID
``secrets``        API_KEY, JWT, OAUTH_TOKEN, PRIVATE_KEY, DATABASE_CONNECTION_STRING, DATABASE_PASSWORD
``accounts``       USERNAME, PASSWORD (login names, passwords and one-time codes written in prose)
``logins``         USERNAME (home directories, web access logs, sshd, sudo and PAM lines)
=================  =================================================================================

PERSON after a title, a greeting or a form field comes from ``names`` (``PersonCueRecognizer``); other
PERSON, LOCATION and ORGANIZATION findings come from the NER tier (``mask_core.scan.ner``).
"""

from __future__ import annotations

from collections.abc import Sequence

from mask_core.scan.recognizers.accounts import account_recognizers
from mask_core.scan.recognizers.address import StreetAddressRecognizer
from mask_core.scan.recognizers.contact import EmailRecognizer, IpRecognizer
from mask_core.scan.recognizers.crypto import CryptoRecognizer
from mask_core.scan.recognizers.dates import DateTimeRecognizer
from mask_core.scan.recognizers.documents import DateOfBirthRecognizer, document_recognizers
from mask_core.scan.recognizers.financial import AbaRecognizer, CardRecognizer, IbanRecognizer
from mask_core.scan.recognizers.geo import coordinate_recognizer
from mask_core.scan.recognizers.health import health_recognizers
from mask_core.scan.recognizers.identity import EsNieRecognizer, EsNifRecognizer, SsnRecognizer
from mask_core.scan.recognizers.known_names import KnownNameRecognizer
from mask_core.scan.recognizers.logins import login_recognizers
from mask_core.scan.recognizers.names import PersonCueRecognizer
from mask_core.scan.recognizers.national import (
    CaSinRecognizer,
    EsNussRecognizer,
    UkNinoRecognizer,
    UsEinRecognizer,
    UsItinRecognizer,
)
from mask_core.scan.recognizers.phones import PhoneRecognizer
from mask_core.scan.recognizers.secrets import secret_recognizers
from mask_core.scan.recognizers.street_names import street_name_recognizer
from mask_core.scan.recognizers.travel import TravelDocumentRecognizer
from mask_core.scan.recognizers.web import MacRecognizer, UrlRecognizer
from mask_core.types import Recognizer

__all__ = [
    "AbaRecognizer",
    "CardRecognizer",
    "DateOfBirthRecognizer",
    "DateTimeRecognizer",
    "EmailRecognizer",
    "EsNieRecognizer",
    "EsNifRecognizer",
    "IbanRecognizer",
    "IpRecognizer",
    "KnownNameRecognizer",
    "PersonCueRecognizer",
    "PhoneRecognizer",
    "SsnRecognizer",
    "StreetAddressRecognizer",
    "TravelDocumentRecognizer",
    "default_recognizers",
]


def default_recognizers(*, phone_regions: Sequence[str] = ("US",)) -> list[Recognizer]:
    """A fresh list of every built-in recognizer (the deterministic tier)."""
    return [
        EmailRecognizer(),
        PhoneRecognizer(phone_regions),
        SsnRecognizer(),
        CardRecognizer(),
        IbanRecognizer(),
        AbaRecognizer(),
        EsNifRecognizer(),
        EsNieRecognizer(),
        IpRecognizer(),
        # -- detection engine --
        UsItinRecognizer(),
        UsEinRecognizer(),
        CaSinRecognizer(),
        EsNussRecognizer(),
        UkNinoRecognizer(),
        CryptoRecognizer(),
        UrlRecognizer(),
        MacRecognizer(),
        StreetAddressRecognizer(),
        street_name_recognizer(),
        coordinate_recognizer(),
        DateTimeRecognizer(),
        PersonCueRecognizer(),
        KnownNameRecognizer(),
        TravelDocumentRecognizer(),
        *secret_recognizers(),
        *account_recognizers(),
        *login_recognizers(),
        *health_recognizers(),
        *document_recognizers(),
    ]
