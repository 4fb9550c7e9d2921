"""Numbering-plan rules from ``phonenumbers``' metadata, compiled for the phone recognizer's hot path.

* :func:`valid_for_region`: ``is_valid_number_for_region`` for a national number given as digits.
* :func:`possible_for_region`: a possible length and the plan's general pattern (an unassigned range
  still counts).
* :func:`fits_layout`: whether the groups a number is written in keep together the groups of one
  of the region's layouts (national, international and alternate formats).

Validity, in one regex per region and length:

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

__all__ = ["fits_layout", "layout_cuts", "possible_for_region", "valid_for_region"]

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


# -- possible numbers and their layouts -------------------------------------------------------------
#
# A number that no range of the metadata assigns (an area code not yet in service, a range the
# metadata has not caught up with) is still written by people and still theirs: what makes it a phone
# number in text is its length and its layout. "Possible" here is ``phonenumbers.is_possible_number``
# (the region's possible lengths) with the region's general pattern as well, which also rejects shapes
# no number of the plan has (a NANP area code starting with 0 or 1). The NANP's exchange codes 0XX and
# 1XX are not assigned either, but numbers are written with them (test data, Faker's en_CA), and in a
# phone layout they are a phone number all the same.


@functools.lru_cache(maxsize=1024)
def _general(cc: int, region: str, length: int) -> re.Pattern[str] | None:
    meta = PhoneMetadata.metadata_for_region_or_calling_code(cc, region.upper())
    if meta is None or (region != _NON_GEO and cc != phonenumbers.country_code_for_valid_region(region)):
        return None
    pattern = _admits(meta.general_desc, length)
    return None if pattern is None else re.compile(pattern)


def possible_for_region(cc: int, region: str, nsn: str) -> bool:
    """Whether ``+cc nsn`` has a possible length for ``region`` and fits its general pattern."""
    rule = _general(cc, region, len(nsn))
    return rule is not None and rule.fullmatch(nsn) is not None


try:  # the alternate layouts the library's own matcher accepts (STRICT_GROUPING leniency)
    from phonenumbers.data import _ALT_NUMBER_FORMATS as _ALT_FORMATS
except ImportError:  # pragma: no cover - a phonenumbers build without them
    _ALT_FORMATS = {}


@functools.lru_cache(maxsize=256)
def _formats(cc: int, region: str) -> tuple[tuple[re.Pattern[str] | None, re.Pattern[str]], ...]:
    """(leading digits pattern, number pattern) of every national, international and alternate
    layout the metadata knows for a region."""
    meta = PhoneMetadata.metadata_for_region_or_calling_code(cc, region.upper())
    if meta is None:
        return ()
    formats = [*meta.number_format, *(meta.intl_number_format or ()), *_ALT_FORMATS.get(cc, ())]
    out = []
    for f in formats:
        leading = f.leading_digits_pattern
        out.append((re.compile(leading[-1]) if leading else None, re.compile(f.pattern)))
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def layout_cuts(cc: int, region: str, nsn: str) -> tuple[frozenset[int], ...]:
    """Where the region's layouts of ``nsn`` put spaces: per layout, the digit offsets at which a
    group ends (``(415) 555-2671`` -> {3, 6}). The library's matcher checks a candidate's groups
    against the same layouts."""
    out = []
    for leading, pattern in _formats(cc, region):
        if leading is not None and leading.match(nsn) is None:
            continue
        m = pattern.fullmatch(nsn)
        if m is not None and m.lastindex:
            out.append(frozenset(m.end(i) for i in range(1, m.lastindex)))
    return tuple(out)


def fits_layout(cc: int, region: str, nsn: str, cuts: frozenset[int]) -> bool:
    """Whether a number written with spaces at ``cuts`` (digit offsets in ``nsn``) keeps every group
    of one of the region's layouts together: ``415 555 2671`` and ``415 5552671`` do, ``4155 552671``
    does not (libphonenumber's STRICT_GROUPING)."""
    return any(cuts <= layout for layout in layout_cuts(cc, region, nsn))
