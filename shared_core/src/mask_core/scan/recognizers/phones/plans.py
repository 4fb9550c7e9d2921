"""The numbering plans: what ``phonenumbers``' metadata says of them (the possible lengths, the
national prefix, the plans dialled with a trunk ``0``, the regions that share a country code), and
which plans a text points to (a ``+cc`` number, a country named, a country-code domain, an ISO code
written before the number)."""

from __future__ import annotations

import functools
import re

import phonenumbers
from phonenumbers import PhoneNumber

from mask_core.errors import MaskConfigurationError
from mask_core.scan.recognizers._countries import named_regions, tld_regions
from mask_core.scan.view import ScanView

__all__ = [
    "COUNTRY_CODES",
    "code_before",
    "international_lengths",
    "national_lengths",
    "national_prefix",
    "number",
    "siblings_by_prefix",
    "text_regions",
    "trunk_zero",
]

_CODE_BEFORE = re.compile(r"(?<![A-Za-z])([A-Z]{2})\)?[ \t]*[:.]?[ \t]*\(?$")
COUNTRY_CODES = phonenumbers.COUNTRY_CODE_TO_REGION_CODE
_SUPPORTED = frozenset(phonenumbers.SUPPORTED_REGIONS)


@functools.lru_cache(maxsize=1)
def international_lengths() -> dict[str, frozenset[int]]:
    """Per country code (as written), the digit counts of its numbers with the code: a ``+`` window of
    any other count is not looked at."""
    out: dict[str, frozenset[int]] = {}
    for cc, regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items():
        lengths: set[int] = set()
        for region in regions:
            meta = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(cc, region)
            if meta is not None and meta.general_desc is not None:
                lengths.update(meta.general_desc.possible_length or ())
        out[str(cc)] = frozenset(len(str(cc)) + n for n in lengths)
    return out


def national_lengths(region: str) -> set[int]:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if meta is None or meta.general_desc is None:
        raise MaskConfigurationError("MASK_PHONE_REGIONS holds a region phonenumbers does not know")
    lengths = set(meta.general_desc.possible_length or ())
    prefix = meta.national_prefix or ""
    return lengths | {n + len(prefix) for n in lengths}


def national_prefix(region: str) -> str:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if meta is None or meta.general_desc is None:
        raise MaskConfigurationError("MASK_PHONE_REGIONS holds a region phonenumbers does not know")
    return meta.national_prefix or ""


@functools.lru_cache(maxsize=1)
def trunk_zero() -> re.Pattern[str]:
    """The general patterns of every numbering plan dialled with a trunk ``0``, as one alternation."""
    patterns = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
        general = meta.general_desc if meta is not None and meta.national_prefix == "0" else None
        if general is not None and general.national_number_pattern:
            patterns.append(f"(?:{general.national_number_pattern})")
    return re.compile("|".join(patterns))


@functools.lru_cache(maxsize=16)
def siblings_by_prefix(cc: int, region: str) -> dict[str, str]:
    """Other regions of a shared country code, by the three leading digits their numbers start with.

    For +1 this maps Canadian, Caribbean and territory area codes to their region (from each region's
    fixed-line and mobile patterns), so a national number is checked against the one region that
    owns its area code instead of all 25. Built once per process, when a number first needs it.
    """
    out: dict[str, str] = {}
    for other in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(cc, ()):
        meta = phonenumbers.PhoneMetadata.metadata_for_region(other)
        if other == region or meta is None:
            continue
        patterns = [
            re.compile(d.national_number_pattern)
            for d in (meta.fixed_line, meta.mobile)
            if d is not None and d.national_number_pattern
        ]
        for prefix in map(str, range(200, 1000)):
            if prefix not in out and any(p.fullmatch(prefix + "2345678") for p in patterns):
                out[prefix] = other
    return out


def number(cc: int, nsn: str) -> PhoneNumber:
    number = PhoneNumber(country_code=cc, national_number=int(nsn))
    zeros = len(nsn) - len(nsn.lstrip("0"))
    if zeros:
        number.italian_leading_zero = True
        number.number_of_leading_zeros = zeros
    return number


# -- the regions a text points to -------------------------------------------------------------------
def text_regions(view: ScanView) -> tuple[str, ...]:
    found: list[str] = []
    text = view.text
    for run in view.runs:
        if text[run.start] == "+":
            for k in (1, 2, 3):
                regions = COUNTRY_CODES.get(int(run.digits[:k])) if len(run.digits) > k else None
                if regions:
                    found.append(regions[0])
                    break
    found.extend(named_regions(view))
    found.extend(tld_regions(view, _SUPPORTED))
    return tuple(r for r in dict.fromkeys(found) if r in _SUPPORTED and r != "001")


def code_before(text: str, start: int) -> tuple[str, ...]:
    m = _CODE_BEFORE.search(text, max(0, start - 8), start)
    return (m.group(1),) if m is not None and m.group(1) in _SUPPORTED else ()
