"""Phone numbers for the corpora: valid numbers of a region in every layout, extensions, and the
numbers a real recognizer meets that its metadata does not list (unassigned NANP area codes).

Numbers come from libphonenumber's own metadata (``phonenumbers``): a region's example number for a
type, with the digits after its leading prefix drawn again until the number is valid for that type.
So every number is in an assigned range of its region's numbering plan, the way real numbers are.
"""

from __future__ import annotations

import functools
import random
from typing import NamedTuple

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

__all__ = [
    "LOCALE_REGIONS",
    "Phone",
    "extension",
    "layouts",
    "unassigned_nanp",
    "unassigned_nanp_area_codes",
    "valid_number",
]

# Faker locale -> ISO region of its phone numbers, addresses and identifiers.
LOCALE_REGIONS = {
    "en_US": "US", "en_GB": "GB", "de_DE": "DE", "fr_FR": "FR", "es_ES": "ES", "it_IT": "IT",
    "nl_NL": "NL", "pt_BR": "BR", "sv_SE": "SE", "no_NO": "NO", "es_MX": "MX", "en_CA": "CA",
}  # fmt: skip

_KINDS = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE)


class Phone(NamedTuple):
    text: str
    region: str
    layout: str  # national, international, e164, extension, unassigned, faker


def valid_number(rng: random.Random, region: str, kind: int | None = None) -> phonenumbers.PhoneNumber:
    """A number valid for ``region`` (mobile or fixed line), drawn around the region's example number."""
    kind = rng.choice(_KINDS) if kind is None else kind
    example = phonenumbers.example_number_for_type(region, kind) or phonenumbers.example_number(region)
    if example is None:
        raise ValueError(f"libphonenumber has no example number for {region}")
    nsn = phonenumbers.national_significant_number(example)
    keep = min(3, max(1, len(nsn) - 6))  # the area code or mobile prefix stays; the subscriber part varies
    for _ in range(500):
        digits = nsn[:keep] + "".join(rng.choice("0123456789") for _ in range(len(nsn) - keep))
        number = phonenumbers.PhoneNumber(country_code=example.country_code, national_number=int(digits))
        if example.italian_leading_zero:
            number.italian_leading_zero = True
        if example.country_code == 1 and digits[3:6] == "555":
            continue  # 555 exchanges are mostly fictional
        if phonenumbers.is_valid_number_for_region(number, region):
            return number
    return example  # a region whose plan leaves almost nothing free around its example


def layouts(number: phonenumbers.PhoneNumber) -> dict[str, str]:
    return {
        "national": phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL),
        "international": phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL),
        "e164": phonenumbers.format_number(number, PhoneNumberFormat.E164),
    }


def extension(rng: random.Random, text: str) -> str:
    """``text`` followed by an extension in one of the ways people write one."""
    ext = str(rng.randint(2, 9999))
    return text + rng.choice(
        [f" x{ext}", f" ext. {ext}", f" extension {ext}", f" ext {ext}", f"x{ext}", f" #{ext}"]
    )


@functools.cache
def unassigned_nanp_area_codes() -> tuple[int, ...]:
    """Area codes no NANP region lists (libphonenumber), without the N11 service codes."""
    out = []
    for ac in range(200, 1000):
        if ac % 100 == 11:
            continue
        probes = (f"+1{ac}{rest}" for rest in ("4142231", "2345678", "8675309", "7654321"))
        if not any(phonenumbers.is_valid_number(phonenumbers.parse(p)) for p in probes):
            out.append(ac)
    return tuple(out)


def unassigned_nanp(rng: random.Random) -> str:
    """A NANP-shaped number whose area code is not assigned, e.g. ``(299) 414-2231``: a recognizer that
    only trusts the metadata misses numbers from new overlays and from data it has not seen."""
    ac = rng.choice(unassigned_nanp_area_codes())
    exchange, line = rng.randint(200, 999), rng.randint(0, 9999)
    return rng.choice(
        [f"({ac}) {exchange}-{line:04d}", f"({ac}){exchange}-{line:04d}", f"{ac}-{exchange}-{line:04d}",
         f"{ac}.{exchange}.{line:04d}", f"+1 {ac} {exchange} {line:04d}", f"1-{ac}-{exchange}-{line:04d}"]
    )  # fmt: skip
