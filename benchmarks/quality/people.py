"""One fake person per record, every value from Faker's providers for the person's locale.

A :class:`Person` bundles what the record shapes draw on (names, contact details, an address with its
coordinates, a birth date, a national identifier where Faker's locale has one, a card, bank details,
secrets), so a record's values belong together the way a real customer's do.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import random
import string
import unicodedata
from typing import Any, cast

import phonenumbers
from faker import Faker
from phones import LOCALE_REGIONS, valid_number
from stdnum import luhn

__all__ = ["CURRENCIES", "NATIONAL_IDS", "Person", "make_person"]

CURRENCIES = {"US": "usd", "GB": "gbp", "BR": "brl", "MX": "mxn", "CA": "cad", "SE": "sek", "NO": "nok"}
# The national identifier Faker's locale provides (its ``ssn`` provider unless named), and its kind.
# de_DE has no personal-id provider of its own, so a German person carries a passport number.
NATIONAL_IDS = {
    "en_US": ("US_SSN", "ssn"), "en_GB": ("UK_NINO", "ssn"), "de_DE": ("PASSPORT", "passport_number"),
    "fr_FR": ("FR_NIR", "ssn"), "es_ES": ("ES_NIF", "nif"), "it_IT": ("IT_FISCAL_CODE", "ssn"),
    "nl_NL": ("NL_BSN", "ssn"), "pt_BR": ("BR_CPF", "cpf"), "sv_SE": ("SE_PERSONNUMMER", "ssn"),
    "no_NO": ("NO_FODSELSNUMMER", "ssn"), "es_MX": ("MX_CURP", "curp"), "en_CA": ("CA_SIN", "ssn"),
}  # fmt: skip
_REGION_CODES = ("state_abbr", "province_abbr", "estado_sigla")
_CARD_SCHEMES = ("visa16", "mastercard", "amex", "discover", "jcb16", "diners", "maestro", "visa13", "visa19")
_CARD_BRANDS = {"visa": "visa", "mast": "mastercard", "amex": "amex", "disc": "discover", "jcb1": "jcb"}


@dataclasses.dataclass(frozen=True)
class Person:
    locale: str
    region: str  # ISO country code
    first: str
    last: str
    email: str
    work_email: str
    phone: str  # Faker's own layout for the locale
    mobile: phonenumbers.PhoneNumber  # a valid number of the region, for E.164 and national layouts
    street: str
    line2: str | None
    city: str
    postcode: str
    state: str | None  # a region code where the locale has them (not sensitive)
    lat: float
    lng: float
    birth: datetime.date
    national_id_kind: str
    national_id: str
    passport: str
    card_scheme: str
    card: str
    cvc: str
    iban: str
    bic: str
    aba: str
    account: str
    ip: str
    employer: str
    password_hash: str
    api_key: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def e164(self) -> str:
        return phonenumbers.format_number(self.mobile, phonenumbers.PhoneNumberFormat.E164)

    @property
    def national(self) -> str:
        return phonenumbers.format_number(self.mobile, phonenumbers.PhoneNumberFormat.NATIONAL)

    @property
    def currency(self) -> str:
        return CURRENCIES.get(self.region, "eur")

    @property
    def card_brand(self) -> str:
        return next(
            (b for prefix, b in _CARD_BRANDS.items() if self.card_scheme.startswith(prefix)), "unknown"
        )


def _national_id(fake: Faker, locale: str, provider: str, birth: datetime.date, rng: random.Random) -> str:
    """The locale's national id; the ones that encode a birth date encode this person's. Faker's no_NO
    provider takes the date; its sv_SE one counts back from today, so the personnummer is built here
    with python-stdnum's Luhn check digit instead."""
    if locale == "no_NO":
        return str(cast(Any, fake).ssn(dob=birth.strftime("%Y%m%d")))  # Faker's proxy stub lacks ``dob``
    if locale == "sv_SE":
        body = f"{birth:%y%m%d}{rng.randint(0, 999):03d}"
        return f"{body[:6]}-{body[6:]}{luhn.calc_check_digit(body)}"
    return str(getattr(fake, provider)())


def _ascii_local(first: str, last: str) -> str:
    """``first.last`` in ASCII letters: most mail systems still refuse accented local parts."""
    raw = unicodedata.normalize("NFKD", f"{first}.{last}".lower())
    return "".join(ch for ch in raw if ch in string.ascii_lowercase or ch == ".")


def _bcrypt_like(rng: random.Random) -> str:
    alphabet = string.ascii_letters + string.digits + "./"
    return "$2b$12$" + "".join(rng.choice(alphabet) for _ in range(53))


def make_person(fake: Faker, locale: str, rng: random.Random) -> Person:
    region = LOCALE_REGIONS[locale]
    first, last = fake.first_name(), fake.last_name()
    kind, provider = NATIONAL_IDS[locale]
    # Fixed bounds, not Faker's date_of_birth(): that one counts back from today, so a seed would give
    # another corpus tomorrow.
    birth = fake.date_between_dates(datetime.date(1935, 1, 1), datetime.date(2006, 12, 31))
    lat, lng = fake.local_latlng(country_code=region, coords_only=True) or (fake.latitude(), fake.longitude())
    state = next((str(getattr(fake, p)()) for p in _REGION_CODES if hasattr(fake, p)), None)
    scheme = rng.choice(_CARD_SCHEMES)
    card = fake.credit_card_number(card_type=scheme)
    domain = fake.free_email_domain()
    local = _ascii_local(first, last)
    return Person(
        locale=locale,
        region=region,
        first=first,
        last=last,
        email=f"{local}{rng.randint(1, 99)}@{domain}" if rng.random() < 0.5 else fake.email(),
        work_email=fake.company_email(),
        phone=fake.phone_number(),
        mobile=valid_number(rng, region),
        street=fake.street_address(),
        line2=fake.secondary_address() if hasattr(fake, "secondary_address") and rng.random() < 0.5 else None,
        city=fake.city(),
        postcode=fake.postcode(),
        state=state,
        # An exact place: the town's coordinates, moved by up to a kilometre.
        lat=round(float(lat) + rng.uniform(-0.01, 0.01), 6),
        lng=round(float(lng) + rng.uniform(-0.01, 0.01), 6),
        birth=birth,
        national_id_kind=kind,
        national_id=_national_id(fake, locale, provider, birth, rng),
        passport=fake.passport_number(),
        card_scheme=scheme,
        card=card,
        cvc=fake.credit_card_security_code(card_type=scheme),
        iban=fake.iban(),
        bic=fake.swift(),
        aba=fake.aba(),
        account=str(rng.randint(10**7, 10**12 - 1)),
        ip=fake.ipv4_public() if rng.random() < 0.8 else fake.ipv6(),
        employer=fake.company(),
        password_hash=_bcrypt_like(rng),
        api_key="sk_live_" + hashlib.sha256(f"{first}{last}{rng.random()}".encode()).hexdigest()[:24],
    )
