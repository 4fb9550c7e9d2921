# ruff: noqa: E501  (templates and generated record layouts read best on one line)
"""GENERATED corpus: sentences written from this project's own templates (seeded, offline).

It measures the templates, not the field: every figure from it says how the engine does on values
and contexts we chose. Real text is measured by ``real_text.py``, tool results by ``records_eval.py``.

* ``labelled(n, seed)``: sentences from templates in English and Spanish (and a few German and French
  labels), each slot filled by Faker or by a generator that computes a valid check digit with
  python-stdnum, with the span, type and *tag* of every value recorded. Tags name the group a value
  is reported under: the Faker locale of a street address (12 locales and US military APO/FPO/DPO
  addresses, whole multi-line spans), the card scheme (every scheme Faker knows), the region and layout
  of a phone number (12 regions; Faker's own layout, national, international, E.164, extensions,
  unassigned NANP area codes; the whole span, extension included), the written form of a date.
* ``technical(kb, seed)`` (in ``technical.py``): PII-free technical text. Every finding in it is a false
  positive, except generic dates and times, which are real dates there.
"""

from __future__ import annotations

import base64
import json
import os
import random
import re
import sys
from collections.abc import Callable
from typing import NamedTuple

from faker import Faker
from stdnum import luhn
from stdnum.es import dni, nie
from stdnum.us import rtn

sys.path.insert(0, os.path.dirname(__file__))

from seeding import global_random_seeded
from technical import technical
from text_values import Tagged, ValueMaker

__all__ = ["Sample", "Span", "labelled", "technical"]


class Span(NamedTuple):
    start: int
    end: int
    type: str
    tag: str = ""  # the group the value is reported under (locale, scheme, region and layout, form)


class Sample(NamedTuple):
    text: str
    spans: list[Span]
    unscored: tuple[Span, ...] = ()  # template text of a type, neither gold nor a false positive


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _npi(rng: random.Random) -> str:
    body = rng.choice("12") + _digits(rng, 8)
    return body + luhn.calc_check_digit("80840" + body)


def _dea(rng: random.Random) -> str:
    d = [rng.randrange(10) for _ in range(6)]
    check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    return rng.choice("ABFGMPR") + rng.choice("ABCDEFGHJKLMNPRSTWZ") + "".join(map(str, d)) + str(check)


def _nif(rng: random.Random) -> str:
    body = _digits(rng, 8)
    return body + dni.calc_check_digit(body)


def _nie(rng: random.Random) -> str:
    body = rng.choice("XYZ") + _digits(rng, 7)
    return body + nie.calc_check_digit(body)


def _aba(rng: random.Random) -> str:
    body = rng.choice(
        ["01", "02", "03", "04", "05", "06", "07", "08", "09", "11", "12", "21", "22", "26", "31", "32"]
    ) + _digits(rng, 6)
    return body + rtn.calc_check_digit(body)


def _sin(rng: random.Random) -> str:
    body = rng.choice("1234567") + _digits(rng, 7)
    d = body + luhn.calc_check_digit(body)
    return f"{d[:3]} {d[3:6]} {d[6:]}"


def _nuss(rng: random.Random) -> str:
    province, number = rng.randint(1, 52), rng.randint(10_000_000, 99_999_999)
    control = int(f"{province:02d}{number:08d}") % 97
    return f"{province:02d} {number:08d} {control:02d}"


def _ssn(fake: Faker) -> str:
    while True:
        value = fake.ssn()
        if not value.startswith(("000", "666", "9")) and value[4:6] != "00" and value[7:] != "0000":
            return value


# Each template: text with {TYPE} slots. Context words are part of the templates, as they are in
# real tool results; types that are sensitive only in context appear only with it. {~TYPE:text} is
# template text of a type that is not scored here (relative times like "tomorrow", "after 9am"): a
# finding of that type on it counts neither way.
TEMPLATES_EN = [
    "Customer {PERSON} can be reached at {EMAIL_ADDRESS} or {PHONE_NUMBER}.",
    "Please refund card {CREDIT_CARD} for {PERSON}; the SSN on file is {US_SSN}.",
    "Wire the funds to IBAN {IBAN_CODE}, routing number {ABA_ROUTING_NUMBER}.",
    "Dr. {PERSON} (NPI {US_NPI}, DEA {US_DEA}) signed the prescription.",
    "{PERSON} moved to {STREET_ADDRESS} {~DATE_TIME:last spring}.",
    "Ticket opened by {PERSON} from {IP_ADDRESS} at {~DATE_TIME:10:42 UTC}.",
    "Hi {PERSON}, your account manager {PERSON} will call you {~DATE_TIME:tomorrow}.",
    "Meeting notes: {PERSON} and {PERSON} agreed on the {~DATE_TIME:Q3} budget.",
    "Send the invoice to {PERSON}, {EMAIL_ADDRESS}.",
    "The patient, {PERSON}, was born on {DATE_OF_BIRTH} and has MRN {MEDICAL_RECORD_NUMBER}.",
    "Canadian SIN {CA_SIN} belongs to {PERSON}.",
    "Spanish DNI {ES_NIF} and NIE {ES_NIE} were verified for {PERSON}.",
    "Afiliación a la Seguridad Social (NUSS) {ES_NUSS}.",
    "Deploy key {API_KEY} was committed by mistake.",
    "User {PERSON} logged in with token {JWT}.",
    "Thanks, {PERSON}. I forwarded your request to {PERSON} in billing.",
]
TEMPLATES_ES = [
    "El cliente {PERSON} vive en {STREET_ADDRESS} y su teléfono es {PHONE_NUMBER}.",
    "Por favor, envíe la factura a {PERSON} ({EMAIL_ADDRESS}).",
    "La transferencia a {IBAN_CODE} fue aprobada por {PERSON}.",
]
# Families that exercise one property each; every value in them is tagged.
FAMILIES = {
    "phone": [
        "Call me at {PHONE_NUMBER}.",
        "Tel.: {PHONE_NUMBER}",
        "You can reach the front desk on {PHONE_NUMBER} after {~DATE_TIME:9am}.",
        "Mobile: {PHONE_NUMBER} | Office: {PHONE_NUMBER}",
        "If you have any questions, call {PHONE_NUMBER} and ask for billing.",
        "Téléphone : {PHONE_NUMBER}",
        "Teléfono de contacto: {PHONE_NUMBER}",
        "phone: {PHONE_NUMBER}\nnotes: prefers calls in {~DATE_TIME:the morning}",
    ],
    "address": [
        "Ship to:\n{PERSON}\n{STREET_ADDRESS}\n",
        "Our new office is at {STREET_ADDRESS}.",
        "Billing address: {STREET_ADDRESS}",
        "Please return the signed form to\n{STREET_ADDRESS}\nbefore {~DATE_TIME:Friday}.",
        "Lieferadresse:\n{STREET_ADDRESS}",
        "Adresse de livraison : {STREET_ADDRESS}",
        "The package for {PERSON} goes to {STREET_ADDRESS}; leave it at the door.",
    ],
    "card": [
        "Card number: {CREDIT_CARD}",
        "The charge on {CREDIT_CARD} was declined by the issuer.",
        "Customer paid with card {CREDIT_CARD} at the front desk.",
        "Please update the card on file from {CREDIT_CARD} to {CREDIT_CARD}.",
    ],
    "date": [
        "The meeting moved to {DATE_TIME}.",
        "Invoice due {DATE_TIME}.",
        "Your order shipped on {DATE_TIME} and should arrive within {~DATE_TIME:a week}.",
        "Contract period: {DATE_TIME} to {DATE_TIME}.",
        "Last login: {DATE_TIME}",
    ],
    "dob": [
        "Patient born on {DATE_OF_BIRTH}.",
        "DOB: {DATE_OF_BIRTH}",
        "Date of birth: {DATE_OF_BIRTH}",
        "{PERSON} (born {DATE_OF_BIRTH}) joined the team in {~DATE_TIME:March}.",
        "Fecha de nacimiento: {DATE_OF_BIRTH}",
        "Geburtsdatum: {DATE_OF_BIRTH}",
    ],
}
# Which family each sample comes from, in turn: 7 in 20 from the general templates above.
_SCHEDULE = ["general"] * 7 + ["phone"] * 4 + ["address"] * 4 + ["card"] * 2 + ["date", "dob", "date"]


def _makers(fake: Faker, rng: random.Random, values: ValueMaker) -> dict[str, Callable[[], str | Tagged]]:
    def jwt() -> str:
        def b64(obj: object) -> str:
            return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

        return f"{b64({'alg': 'HS256', 'typ': 'JWT'})}.{b64({'sub': str(rng.randrange(10**9))})}.{_digits(rng, 20)}abcDEF"

    return {
        "PERSON": fake.name,
        "EMAIL_ADDRESS": fake.email,
        "US_SSN": lambda: _ssn(fake),
        "IBAN_CODE": fake.iban,
        "ABA_ROUTING_NUMBER": lambda: _aba(rng),
        "US_NPI": lambda: _npi(rng),
        "US_DEA": lambda: _dea(rng),
        "IP_ADDRESS": fake.ipv4_public,
        "MEDICAL_RECORD_NUMBER": lambda: _digits(rng, 8),
        "CA_SIN": lambda: _sin(rng),
        "ES_NIF": lambda: _nif(rng),
        "ES_NIE": lambda: _nie(rng),
        "ES_NUSS": lambda: _nuss(rng),
        "API_KEY": lambda: (
            "AKIA" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))
        ),
        "JWT": jwt,
        **values.makers(),
    }


def _fill(template: str, makers: dict[str, Callable[[], str | Tagged]]) -> Sample:
    text: list[str] = []
    spans: list[Span] = []
    unscored: list[Span] = []
    pos = length = 0
    for m in re.finditer(r"\{(~?)([A-Z_]+)(?::([^}]*))?\}", template):
        text.append(template[pos : m.start()])
        length += m.start() - pos
        if m.group(1):
            value, tag = m.group(3), "template"
            unscored.append(Span(length, length + len(value), m.group(2), tag))
        else:
            made = makers[m.group(2)]()
            value, tag = (made.text, made.tag) if isinstance(made, Tagged) else (made, "")
            spans.append(Span(length, length + len(value), m.group(2), tag))
        text.append(value)
        length += len(value)
        pos = m.end()
    text.append(template[pos:])
    return Sample("".join(text), spans, tuple(unscored))


def labelled(n: int = 2000, seed: int = 7) -> list[Sample]:
    """``n`` labelled sentences; the same ``seed`` gives the same corpus."""
    rng = random.Random(seed)
    fake_en, fake_es = Faker("en_US"), Faker("es_ES")
    fake_en.seed_instance(seed)
    fake_es.seed_instance(seed + 1)
    values = ValueMaker(rng, seed)
    makers = {"en": _makers(fake_en, rng, values), "es": _makers(fake_es, rng, values)}
    out = []
    with global_random_seeded(seed):
        for i in range(n):
            family = _SCHEDULE[i % len(_SCHEDULE)]
            if family == "general":
                lang = "es" if i % 10 == 9 else "en"
                template = rng.choice(TEMPLATES_ES if lang == "es" else TEMPLATES_EN)
            else:
                lang, template = "en", rng.choice(FAMILIES[family])
            out.append(_fill(template, makers[lang]))
    return out
