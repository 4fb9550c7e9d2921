"""Numeric identifiers whose tokens live in never-issued ranges: US SSN, payment cards, ABA routing numbers.

Each token is drawn uniformly from the reserved range with a keyed PRF (see ``tokens/engine.py``); the
range is a strict subset of the format, so tokens of distinct values can clash and the engine resolves
clashes by re-deriving with the next tweak. The rules, and why each range is never issued:

* US_SSN: area 900-999 with a group that is not an ITIN group (ITIN groups are 50-65, 70-88, 90-92,
  94-99), or area 000 or 666. The SSA never issues areas 000, 666 or 900-999. 58 million tokens.
* CREDIT_CARD: first digit 0 (ISO/IEC 7812 major industry identifier 0 is never assigned to a card
  issuer), same length as the input (13-19), Luhn-valid. 10^(n-2) tokens for an n-digit card.
* ABA_ROUTING_NUMBER: first two digits 50-59 (the Federal Reserve assigns 00-12, 21-32, 61-72 and 80),
  valid 3-7-1 checksum. 10 million tokens.
"""

from __future__ import annotations

from typing import ClassVar

from mask_core.scan.checksums import luhn_check_digit, luhn_ok
from mask_core.scan.runs import new_tuple
from mask_core.scan.view import Window
from mask_core.tokens.formats.base import DIGIT_SLOT, Draw, Parsed, TokenFormat, digits_of

__all__ = ["AbaFormat", "CardFormat", "SsnFormat"]

_ITIN_GROUPS = frozenset({*range(50, 66), *range(70, 89), 90, 91, 92, *range(94, 100)})
_SSN_9XX_GROUPS = tuple(g for g in range(100) if g not in _ITIN_GROUPS)  # 56 groups
_SSN_BLOCK_A = 100 * len(_SSN_9XX_GROUPS) * 10_000
_SSN_SPACE = _SSN_BLOCK_A + 2 * 100 * 10_000


def _digits(value: str, lo: int, hi: int, max_groups: int) -> Parsed | None:
    digits = digits_of(value, max_groups)
    if digits is None or not lo <= len(digits) <= hi:
        return None
    return new_tuple(Parsed, (digits, value, 0))


class _DigitsFormat(TokenFormat):
    """An identifier written as digits and separators only: its canonical form is its digits."""

    digit_range: ClassVar[tuple[int, int]]
    slot_pattern = DIGIT_SLOT

    def parse(self, value: str) -> Parsed | None:
        lo, hi = self.digit_range
        return _digits(value, lo, hi, self.max_groups)

    def token_key_of_number(self, token: str, digits: str, ngroups: int, plain: bool) -> Parsed | None:
        # What parse checks, on the digits the registry already extracted (see TokenFormat).
        lo, hi = self.digit_range
        if not plain or ngroups > self.max_groups or not lo <= len(digits) <= hi:
            return None
        parsed: Parsed = new_tuple(Parsed, (digits, token, 0))
        return parsed if self.is_token(parsed) else None


class SsnFormat(_DigitsFormat):
    entity_type = "US_SSN"
    digit_range: ClassVar[tuple[int, int]] = (9, 9)
    max_groups: ClassVar[int] = 3
    max_token_length = 9 + 8 * 3

    def quick(self, w: Window) -> bool:
        return not w.plus and (w.digits[0] == "9" or w.digits[:3] in ("000", "666"))

    plus_windows: ClassVar[bool] = False

    def leads(self, ndigits: int) -> tuple[str, ...]:
        return ("9", "00", "66")

    def derive(self, parsed: Parsed, draw: Draw) -> str:
        n = draw(0) % _SSN_SPACE
        if n < _SSN_BLOCK_A:
            serial, n = n % 10_000, n // 10_000
            group, area = _SSN_9XX_GROUPS[n % len(_SSN_9XX_GROUPS)], 900 + n // len(_SSN_9XX_GROUPS)
        else:
            n -= _SSN_BLOCK_A
            serial, n = n % 10_000, n // 10_000
            group, area = n % 100, (0, 666)[n // 100]
        return f"{area:03d}{group:02d}{serial:04d}"

    def is_token(self, parsed: Parsed) -> bool:
        c = parsed.canonical
        area = c[:3]
        if area in ("000", "666"):
            return True
        return area[0] == "9" and int(c[3:5]) not in _ITIN_GROUPS

    # Two tag digits, the last two of the serial: 580,000 tokens per tenant.
    def tag_digits(self, canonical: str) -> int:
        return 2

    def tag_split(self, canonical: str) -> tuple[str, str]:
        return canonical[:7], canonical[7:]

    def with_tag(self, canonical: str, tag: str) -> str:
        return canonical[:7] + tag


class CardFormat(_DigitsFormat):
    entity_type = "CREDIT_CARD"
    digit_range: ClassVar[tuple[int, int]] = (13, 19)
    max_groups: ClassVar[int] = 5
    max_token_length = 19 + 18 * 3

    def quick(self, w: Window) -> bool:
        return not w.plus and w.digits[0] == "0"

    plus_windows: ClassVar[bool] = False

    def leads(self, ndigits: int) -> tuple[str, ...]:
        return ("0",)

    def derive(self, parsed: Parsed, draw: Draw) -> str:
        free = len(parsed.canonical) - 2  # leading 0 and the Luhn check digit are fixed
        body = "0" + f"{draw(0) % 10**free:0{free}d}"
        return body + luhn_check_digit(body)

    def is_token(self, parsed: Parsed) -> bool:
        return parsed.canonical[0] == "0" and luhn_ok(parsed.canonical)

    # Three tag digits before the Luhn check digit: 10^(n-5) tokens for an n-digit card.
    def tag_digits(self, canonical: str) -> int:
        return 3

    def tag_split(self, canonical: str) -> tuple[str, str]:
        return canonical[:-4], canonical[-4:-1]

    def with_tag(self, canonical: str, tag: str) -> str:
        body = canonical[:-4] + tag
        return body + luhn_check_digit(body)


def _aba_check_digit(first8: str) -> str:
    weights = (3, 7, 1, 3, 7, 1, 3, 7)
    total = sum(int(d) * w for d, w in zip(first8, weights, strict=True))
    return str(-total % 10)


class AbaFormat(_DigitsFormat):
    entity_type = "ABA_ROUTING_NUMBER"
    digit_range: ClassVar[tuple[int, int]] = (9, 9)
    max_groups: ClassVar[int] = 3
    max_token_length = 9 + 8 * 3

    def quick(self, w: Window) -> bool:
        return not w.plus and w.digits[0] == "5"

    plus_windows: ClassVar[bool] = False

    def leads(self, ndigits: int) -> tuple[str, ...]:
        return ("5",)

    def derive(self, parsed: Parsed, draw: Draw) -> str:
        first8 = f"5{draw(0) % 10**7:07d}"
        return first8 + _aba_check_digit(first8)

    def is_token(self, parsed: Parsed) -> bool:
        c = parsed.canonical
        return c[0] == "5" and _aba_check_digit(c[:8]) == c[8]

    # Two tag digits before the check digit: 100,000 tokens per tenant (fewer than 30,000 routing
    # numbers are in use).
    def tag_digits(self, canonical: str) -> int:
        return 2

    def tag_split(self, canonical: str) -> tuple[str, str]:
        return canonical[:6], canonical[6:8]

    def with_tag(self, canonical: str, tag: str) -> str:
        first8 = canonical[:6] + tag
        return first8 + _aba_check_digit(first8)
