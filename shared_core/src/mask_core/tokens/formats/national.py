"""Identifiers with no never-issued range: IBAN, Spanish NIF (DNI, K/L/M) and NIE.

These tokens are valid identifiers of the same country, structure and length (the IBAN mod-97 check
digits, the national BBAN checks that ``python-stdnum`` knows of, the NIF/NIE control letter), because
downstream schemas validate them. No range of these formats is reserved, so a token can coincide with a
real identifier; they are ``reserved = False``: recognised as tokens only by a live vault entry, and an
unknown one is left alone rather than treated as a dead token. docs/tokens.md spells out the odds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from stdnum import numdb
from stdnum.es import ccc
from stdnum.exceptions import ValidationError

from mask_core.scan.anchors import (
    iban_candidates,
    iban_check_digits,
    iban_national_module,
    mod97_ok,
    nie_candidates,
    nif_candidates,
)
from mask_core.scan.view import ScanView
from mask_core.tokens.formats.base import ALNUM_SLOT, Draw, Parsed, TokenFormat, alnum_of

__all__ = ["IbanFormat", "NieFormat", "NifFormat"]

_IBAN_DB = numdb.get("iban")
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ALNUM = "0123456789" + _UPPER
_CLASS_CHARS = {"n": "0123456789", "a": _UPPER, "c": _ALNUM}
_NIF_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_MAX_DRAWS = 4096


def _bban_classes(country: str) -> str | None:
    """'nnnnnnnnnnnnnnnnnn' for DE: one class letter per BBAN character, from stdnum's IBAN registry."""
    info = _IBAN_DB.info(country + "00")
    props = info[0][1] if info else {}
    structure = props.get("bban")
    return "".join(_split_structure(structure)) if structure else None


def _split_structure(structure: str) -> list[str]:
    # "4!a6!n8!n" -> ["aaaa", "nnnnnn", "nnnnnnnn"]
    out: list[str] = []
    num = ""
    for ch in structure:
        if ch.isdigit():
            num += ch
        elif ch != "!":
            out.append(ch * int(num))
            num = ""
    return out


def _fix_national_check(country: str, bban: str) -> str:
    """Set the national check digits where the rule is cheap to compute (ES, BE)."""
    if country == "ES":  # bank(4) branch(4) check(2) account(10)
        return bban[:8] + ccc.calc_check_digits(bban[:8] + "00" + bban[10:]) + bban[10:]
    if country == "BE":  # account(10) check(2) = account mod 97, 97 for 0
        return bban[:10] + f"{(int(bban[:10]) % 97) or 97:02d}"
    return bban


_CLASSES_CACHE: dict[str, str | None] = {}


def _classes(country: str) -> str | None:
    if country not in _CLASSES_CACHE:
        _CLASSES_CACHE[country] = _bban_classes(country)
    return _CLASSES_CACHE[country]


def _bban_of(r: int, classes: str) -> str:
    """One BBAN character per class letter, each the next ``divmod`` of ``r`` by its class size."""
    out = []
    for cls, length in _runs(classes):
        if cls == "n":
            # ``length`` successive divmods by 10 are the decimal digits of r % 10**length, least
            # significant first: one division and one format instead of one divmod per digit.
            r, x = divmod(r, _POW10[length])
            out.append(f"{x:0{length}d}"[::-1])
            continue
        chars = _CLASS_CHARS[cls]
        for _ in range(length):
            r, i = divmod(r, len(chars))
            out.append(chars[i])
    return "".join(out)


_POW10 = [10**k for k in range(40)]
_RUNS_CACHE: dict[str, tuple[tuple[str, int], ...]] = {}


def _runs(classes: str) -> tuple[tuple[str, int], ...]:
    """``"nnnnaaa"`` as ``(("n", 4), ("a", 3))`` (computed once per country's classes)."""
    found = _RUNS_CACHE.get(classes)
    if found is None:
        runs: list[tuple[str, int]] = []
        for cls in classes:
            if runs and runs[-1][0] == cls:
                runs[-1] = (cls, runs[-1][1] + 1)
            else:
                runs.append((cls, 1))
        found = _RUNS_CACHE[classes] = tuple(runs)
    return found


class IbanFormat(TokenFormat):
    entity_type = "IBAN_CODE"
    reserved: ClassVar[bool] = False
    slot_pattern = ALNUM_SLOT
    max_token_length = 34 + 33

    def candidates(self, view: ScanView) -> Iterable[tuple[int, int]]:
        return iban_candidates(view)

    def parse(self, value: str) -> Parsed | None:
        c = alnum_of(value)
        if c is None or len(c) < 5 or not c[:2].isalpha() or not c[2:4].isdigit():
            return None
        classes = _classes(c[:2])
        if classes is None or len(c) != 4 + len(classes):
            return None
        return Parsed(c, value)

    def derive(self, parsed: Parsed, draw: Draw) -> str:
        country = parsed.canonical[:2]
        classes = _classes(country) or ""
        module = iban_national_module(country)
        for counter in range(_MAX_DRAWS):
            r = draw(counter)  # 256 bits; a BBAN has at most 30 characters of radix 36 (155 bits)
            body = _fix_national_check(country, _bban_of(r, classes))
            number = country + iban_check_digits(country, body) + body
            if module is None:
                return number
            try:
                module.validate(number)
            except ValidationError:
                continue
            return number
        return number  # a country check that rejects every draw: mod-97 stays valid

    def is_token(self, parsed: Parsed) -> bool:
        return mod97_ok(parsed.canonical)


def _nif_letter(number: int) -> str:
    return _NIF_LETTERS[number % 23]


class NifFormat(TokenFormat):
    """DNI-style NIF (8 digits and a letter) and the K/L/M NIF (a letter, 7 digits, a letter)."""

    entity_type = "ES_NIF"
    reserved: ClassVar[bool] = False
    slot_pattern = ALNUM_SLOT
    max_token_length = 9 + 8 * 3

    def candidates(self, view: ScanView) -> Iterable[tuple[int, int]]:
        return nif_candidates(view)

    def parse(self, value: str) -> Parsed | None:
        c = alnum_of(value)
        if c is None or len(c) != 9 or not c[8].isalpha():
            return None
        if c[:8].isdigit() or (c[0] in "KLM" and c[1:8].isdigit()):
            return Parsed(c, value)
        return None

    def derive(self, parsed: Parsed, draw: Draw) -> str:
        c = parsed.canonical
        if c[0].isalpha():
            digits = f"{draw(0) % 10**7:07d}"
            return c[0] + digits + _nif_letter(int(digits))
        digits = f"{draw(0) % 10**8:08d}"
        return digits + _nif_letter(int(digits))

    def is_token(self, parsed: Parsed) -> bool:
        c = parsed.canonical
        digits = c[1:8] if c[0].isalpha() else c[:8]
        return _nif_letter(int(digits)) == c[8]


class NieFormat(TokenFormat):
    entity_type = "ES_NIE"
    reserved: ClassVar[bool] = False
    slot_pattern = ALNUM_SLOT
    max_token_length = 9 + 8 * 3

    def candidates(self, view: ScanView) -> Iterable[tuple[int, int]]:
        return nie_candidates(view)

    def parse(self, value: str) -> Parsed | None:
        c = alnum_of(value)
        if c is not None and len(c) == 9 and c[0] in "XYZ" and c[1:8].isdigit() and c[8].isalpha():
            return Parsed(c, value)
        return None

    def derive(self, parsed: Parsed, draw: Draw) -> str:
        prefix = parsed.canonical[0]
        digits = f"{draw(0) % 10**7:07d}"
        return prefix + digits + _nif_letter(int(str("XYZ".index(prefix)) + digits))

    def is_token(self, parsed: Parsed) -> bool:
        c = parsed.canonical
        return _nif_letter(int(str("XYZ".index(c[0])) + c[1:8])) == c[8]
