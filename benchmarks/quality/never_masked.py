"""Records that never went through Mask: what a model may legitimately pass to a tool unchanged.

``deep_decode`` runs on every tool call's arguments. Real values that merely look like tokens (order
numbers, ids, phone numbers of any country in any layout, numbers shaped like an SSN token) must come
back unchanged and must not be refused. Each record is a small argument dict of one shape:

* ``ids``: order, invoice and ticket numbers of 6-12 digits (as strings and ints), SKUs, zero-padded
  ids, ZIP+4 codes, package versions, tracking numbers;
* ``phones_libphonenumber``: for every region libphonenumber knows, its example mobile and fixed-line
  numbers in national, international and E.164 layouts;
* ``phones_faker``: Faker's phone numbers per locale (its own layouts, extensions included);
* ``nanp_unassigned``: NANP-shaped numbers with unassigned area codes, like ``(299) 414-2231``;
* ``nine_digit``: 9-digit numbers starting with 9 (strings and ints) and ``991-23-4567``-shaped strings.
"""

from __future__ import annotations

import random
from typing import Any, NamedTuple

import phonenumbers
from faker import Faker
from phonenumbers import PhoneNumberType
from phones import LOCALE_REGIONS, layouts, unassigned_nanp
from seeding import global_random_seeded

__all__ = ["Plain", "never_masked"]


class Plain(NamedTuple):
    shape: str
    value: dict[str, Any]


def _digits(rng: random.Random, n: int, first: str = "123456789") -> str:
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def _ids(rng: random.Random) -> dict[str, Any]:
    return {
        "order_id": int(_digits(rng, rng.randint(6, 12))),
        "order_number": _digits(rng, rng.randint(6, 12)),
        "invoice_number": f"INV-{rng.randint(2019, 2025)}-{rng.randint(1, 99999):05d}",
        "ticket": _digits(rng, rng.randint(6, 9)),
        "sku": f"SKU-{rng.randint(1000, 9999)}-{rng.choice('ABCDEFGH')}",
        "zero_padded_id": f"{rng.randint(1, 999999):09d}",
        "zip4": f"{rng.randint(10000, 99999)}-{rng.randint(0, 9999):04d}",
        "version": rng.choice(
            [
                "2.31.0-1ubuntu2",
                "20220623.1-1",
                "1:9.18.28-0ubuntu0.22.04.1",
                f"{rng.randint(0, 9)}.{rng.randint(0, 40)}.{rng.randint(0, 99)}",
            ]
        ),
        "tracking_number": "1Z" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(16)),
        "quantity": rng.randint(1, 50),
    }


def _example_numbers(region: str) -> dict[str, str]:
    out = {}
    for kind, name in ((PhoneNumberType.MOBILE, "mobile"), (PhoneNumberType.FIXED_LINE, "fixed")):
        number = phonenumbers.example_number_for_type(region, kind)
        if number is not None:
            out.update({f"{name}_{layout}": text for layout, text in layouts(number).items()})
    return out


def _nine_digit(rng: random.Random) -> dict[str, Any]:
    n = _digits(rng, 9, first="9")
    return {
        "reference": n,
        "reference_int": int(_digits(rng, 9, first="9")),
        "case_number": f"99{rng.randint(0, 9)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
        "claim": f"9{rng.randint(10, 99)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
    }


def never_masked(seed: int = 13, per_shape: int = 40) -> list[Plain]:
    """The never-masked records: ``per_shape`` of each generated shape, one per libphonenumber region."""
    rng = random.Random(seed)
    out = [Plain("ids", _ids(rng)) for _ in range(per_shape)]
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        numbers = _example_numbers(region)
        if numbers:
            out.append(Plain("phones_libphonenumber", {"region": region, **numbers}))
    with global_random_seeded(seed):
        for i, locale in enumerate(LOCALE_REGIONS):
            fake = Faker(locale)
            fake.seed_instance(seed * 100 + i)
            for _ in range(max(1, per_shape // len(LOCALE_REGIONS))):
                out.append(
                    Plain(
                        "phones_faker",
                        {"locale": locale, "phone": fake.phone_number(), "fax": fake.phone_number()},
                    )
                )
    out += [
        Plain("nanp_unassigned", {"callback": unassigned_nanp(rng), "alt": unassigned_nanp(rng)})
        for _ in range(per_shape)
    ]
    out += [Plain("nine_digit", _nine_digit(rng)) for _ in range(per_shape)]
    return out
