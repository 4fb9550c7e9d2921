# ruff: noqa: E501  (templates and generated record layouts read best on one line)
"""Labelled corpora for the detection quality evaluation, generated from templates (seeded, offline).

* ``labelled(n)``: sentences from templates in English and Spanish, each slot filled by Faker or by a
  generator that computes a valid check digit with python-stdnum, with the span and type of every
  value recorded. Model-hub data sets cannot be downloaded here, so the corpus is generated, the way
  presidio-evaluator's template generator does it.
* ``technical(kb)``: PII-free technical text: source code, log lines, JSON with UUIDs, timestamps,
  version strings, hashes, order numbers, ZIP codes, prices. Every finding in it is a false positive.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import uuid
from collections.abc import Callable
from typing import NamedTuple

from faker import Faker
from stdnum import luhn
from stdnum.es import dni, nie
from stdnum.us import rtn

__all__ = ["Sample", "labelled", "technical"]


class Sample(NamedTuple):
    text: str
    spans: list[tuple[int, int, str]]  # (start, end, entity type)


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


def _phone(rng: random.Random, region: str) -> str:
    """A number in an assigned range of the region's numbering plan (what a real phone number is)."""
    import phonenumbers

    cc = phonenumbers.country_code_for_region(region)
    while True:
        nsn = (
            (rng.choice("23456789") + _digits(rng, 9))
            if region == "US"
            else (rng.choice("6789") + _digits(rng, 8))
        )
        number = phonenumbers.PhoneNumber(country_code=cc, national_number=int(nsn))
        if phonenumbers.is_valid_number(number):
            fmt = rng.choice(
                [phonenumbers.PhoneNumberFormat.INTERNATIONAL, phonenumbers.PhoneNumberFormat.NATIONAL]
            )
            return phonenumbers.format_number(number, fmt)


def _card(fake: Faker) -> str:
    number = fake.credit_card_number(
        card_type=fake.random_element(["visa16", "mastercard", "amex", "discover"])
    )
    if len(number) == 16 and fake.random.random() < 0.5:
        return " ".join(number[i : i + 4] for i in range(0, 16, 4))
    return number


def _ssn(fake: Faker) -> str:
    while True:
        value = fake.ssn()
        if not value.startswith(("000", "666", "9")) and value[4:6] != "00" and value[7:] != "0000":
            return value


# Each template: text with {TYPE} slots. Context words are part of the templates, as they are in
# real tool results; types that are sensitive only in context appear only with it.
TEMPLATES_EN = [
    "Customer {PERSON} can be reached at {EMAIL_ADDRESS} or {PHONE_NUMBER}.",
    "Please refund card {CREDIT_CARD} for {PERSON}; the SSN on file is {US_SSN}.",
    "Wire the funds to IBAN {IBAN_CODE}, routing number {ABA_ROUTING_NUMBER}.",
    "Dr. {PERSON} (NPI {US_NPI}, DEA {US_DEA}) signed the prescription.",
    "{PERSON} moved to {STREET_ADDRESS} last spring.",
    "Ticket opened by {PERSON} from {IP_ADDRESS} at 10:42 UTC.",
    "Hi {PERSON}, your account manager {PERSON} will call you tomorrow.",
    "Meeting notes: {PERSON} and {PERSON} agreed on the Q3 budget.",
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


def _makers(fake: Faker, rng: random.Random, region: str) -> dict[str, Callable[[], str]]:
    from mask_core.scan.recognizers.secrets import is_jwt  # noqa: F401  (the JWTs below are valid)

    def jwt() -> str:
        import base64

        def b64(obj: object) -> str:
            return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

        return f"{b64({'alg': 'HS256', 'typ': 'JWT'})}.{b64({'sub': str(rng.randrange(10**9))})}.{_digits(rng, 20)}abcDEF"

    return {
        "PERSON": fake.name,
        "EMAIL_ADDRESS": fake.email,
        "PHONE_NUMBER": lambda: _phone(rng, region),
        "CREDIT_CARD": lambda: _card(fake),
        "US_SSN": lambda: _ssn(fake),
        "IBAN_CODE": fake.iban,
        "ABA_ROUTING_NUMBER": lambda: _aba(rng),
        "US_NPI": lambda: _npi(rng),
        "US_DEA": lambda: _dea(rng),
        "STREET_ADDRESS": lambda: (
            f"{rng.randint(1, 9999)} {fake.last_name()} {rng.choice(['Street', 'Avenue', 'Road', 'Blvd', 'Lane', 'Drive'])}"
        ),
        "IP_ADDRESS": fake.ipv4_public,
        "DATE_OF_BIRTH": lambda: fake.date_of_birth(minimum_age=18, maximum_age=90).strftime(
            rng.choice(["%m/%d/%Y", "%Y-%m-%d", "%B %d, %Y"])
        ),
        "MEDICAL_RECORD_NUMBER": lambda: _digits(rng, 8),
        "CA_SIN": lambda: _sin(rng),
        "ES_NIF": lambda: _nif(rng),
        "ES_NIE": lambda: _nie(rng),
        "ES_NUSS": lambda: _nuss(rng),
        "API_KEY": lambda: (
            "AKIA" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))
        ),
        "JWT": jwt,
    }


def labelled(n: int = 2000, seed: int = 7) -> list[Sample]:
    rng = random.Random(seed)
    fake_en, fake_es = Faker("en_US"), Faker("es_ES")
    fake_en.seed_instance(seed)
    fake_es.seed_instance(seed + 1)
    makers = {"en": _makers(fake_en, rng, "US"), "es": _makers(fake_es, rng, "ES")}
    out = []
    for i in range(n):
        lang = "es" if i % 10 == 9 else "en"
        template = rng.choice(TEMPLATES_ES if lang == "es" else TEMPLATES_EN)
        text, spans, pos = [], [], 0
        for m in re.finditer(r"\{([A-Z_]+)\}", template):
            text.append(template[pos : m.start()])
            start = sum(map(len, text))
            value = makers[lang][m.group(1)]()
            text.append(value)
            spans.append((start, start + len(value), m.group(1)))
            pos = m.end()
        text.append(template[pos:])
        out.append(Sample("".join(text), spans))
    return out


def technical(kb: int = 200, seed: int = 11) -> str:
    """PII-free technical text of about ``kb`` kilobytes."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    levels = ["INFO", "DEBUG", "WARN", "ERROR"]
    while size < kb * 1024:
        kind = rng.randrange(6)
        ts = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.{_digits(rng, 3)}Z"
        if kind == 0:
            chunk = (
                f"{ts} {rng.choice(levels)} worker-{rng.randint(1, 64)} request_id={uuid.UUID(int=rng.getrandbits(128))} "
                f"GET /api/v2/orders/{rng.randint(100000, 999999)} status={rng.choice([200, 201, 404, 500])} "
                f"latency_ms={rng.uniform(0.5, 900):.2f} bytes={rng.randint(100, 99999)}\n"
            )
        elif kind == 1:
            chunk = (
                json.dumps(
                    {
                        "order_id": f"ORD-{rng.randint(10**7, 10**8 - 1)}",
                        "sku": f"SKU-{rng.randint(1000, 9999)}-{rng.choice('ABCDEFGH')}",
                        "quantity": rng.randint(1, 20),
                        "price": round(rng.uniform(1, 2000), 2),
                        "currency": "USD",
                        "zip": f"{rng.randint(10000, 99999)}",
                        "created_at": ts,
                        "trace_id": uuid.UUID(int=rng.getrandbits(128)).hex,
                        "version": f"{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 99)}",
                        "etag": hashlib.sha1(str(rng.random()).encode()).hexdigest(),
                    }
                )
                + "\n"
            )
        elif kind == 2:
            name = rng.choice(["compute_total", "parse_rows", "retry_backoff", "load_config", "merge_sorted"])
            chunk = (
                f"def {name}(items, limit={rng.randint(1, 1000)}):\n"
                f"    # see commit {hashlib.sha1(str(rng.random()).encode()).hexdigest()[:12]}\n"
                f"    total = sum(i.price * i.qty for i in items[:limit])\n"
                f"    return round(total * {rng.uniform(0.5, 1.5):.4f}, 2)  # v{rng.randint(1, 5)}.{rng.randint(0, 20)}\n\n"
            )
        elif kind == 3:
            chunk = (
                f"sha256:{hashlib.sha256(str(rng.random()).encode()).hexdigest()}  "
                f"build #{rng.randint(1000, 99999)} took {rng.randint(1, 59)}m{rng.randint(0, 59)}s, "
                f"{rng.randint(100, 5000)} tests passed, coverage {rng.uniform(50, 99):.1f}%\n"
            )
        elif kind == 4:
            chunk = (
                f"| {rng.randint(1, 500):>4} | {rng.choice(['widget', 'gadget', 'cable', 'adapter'])} | "
                f"${rng.uniform(1, 999):,.2f} | {rng.randint(1, 99)} units | batch {rng.randint(10**5, 10**6)} | "
                f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/{rng.randint(2019, 2025)} |\n"
            )
        else:
            chunk = (
                f"{ts} kernel: [{rng.uniform(0, 99999):.6f}] eth0: link up, {rng.choice([100, 1000, 10000])} Mbps, "
                f"mtu {rng.choice([1500, 9000])}, queue {rng.randint(0, 15)}, pid {rng.randint(100, 65535)}\n"
            )
        parts.append(chunk)
        size += len(chunk)
    return "".join(parts)
