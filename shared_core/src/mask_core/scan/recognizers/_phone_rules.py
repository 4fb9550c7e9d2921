"""``phonenumbers.is_valid_number_for_region`` for a national number given as digits, in one regex.

Why not call phonenumbers directly: its check builds the number's national significant number from a
``PhoneNumber`` object and then tries up to eleven number-type descriptions one after another (general,
premium rate, toll free, ..., fixed line, mobile), each a length test, a cache lookup of the compiled
pattern and a ``fullmatch``: about 25 microseconds for a valid US number, paid on every candidate of
every scanned text. A number is valid exactly when it matches the general description and any one of
the type descriptions, so this module compiles, per region and length, the type patterns that
admit that length into one alternation, from the same metadata. The result is the library's answer
(``tests/test_catalogue.py`` compares the two on random numbers of many regions); only the order of
the work changes.
"""

from __future__ import annotations

import functools
import re

import phonenumbers
from phonenumbers import PhoneMetadata
from phonenumbers.phonemetadata import PhoneNumberDesc

__all__ = ["valid_for_region"]

_NON_GEO = "001"


def _admits(desc: PhoneNumberDesc | None, length: int) -> str | None:
    """The pattern of a description if a number of ``length`` digits can match it, else None."""
    if desc is None or not desc.national_number_pattern:
        return None
    lengths = desc.possible_length
    if lengths and length not in lengths:
        return None
    return str(desc.national_number_pattern)


@functools.lru_cache(maxsize=4096)
def _rule(cc: int, region: str, length: int) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """(general pattern, alternation of the type patterns) for numbers of ``length`` digits, or None
    when no number of that length is valid in the region."""
    meta = PhoneMetadata.metadata_for_region_or_calling_code(cc, region.upper())
    if meta is None or (region != _NON_GEO and cc != phonenumbers.country_code_for_valid_region(region)):
        return None
    general = _admits(meta.general_desc, length)
    if general is None:
        return None
    types = [
        p
        for d in (
            meta.premium_rate,
            meta.toll_free,
            meta.shared_cost,
            meta.voip,
            meta.personal_number,
            meta.pager,
            meta.uan,
            meta.voicemail,
            meta.fixed_line,
            meta.mobile,
        )
        if (p := _admits(d, length)) is not None
    ]
    if not types:
        return None
    return re.compile(general), re.compile("|".join(f"(?:{p})" for p in types))


def valid_for_region(cc: int, region: str, nsn: str) -> bool:
    """Whether ``phonenumbers.is_valid_number_for_region`` holds for the number ``+cc nsn``.

    ``nsn`` is the national significant number as written, leading zeros included (Italian style).
    """
    if not nsn.strip("0"):  # phonenumbers keeps leading zeros and one more for the integer 0
        nsn += "0"
    rule = _rule(cc, region, len(nsn))
    return rule is not None and rule[0].fullmatch(nsn) is not None and rule[1].fullmatch(nsn) is not None
