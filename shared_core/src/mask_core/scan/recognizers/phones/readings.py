"""The readings of a window against the numbering plans (international, national, trunk layout),
each offering a score to the best reading of the window so far (:class:`Reading`)."""

from __future__ import annotations

from collections.abc import Sequence

import phonenumbers

from mask_core.scan.recognizers._phone_rules import fits_layout, possible_for_region, valid_for_region
from mask_core.scan.recognizers.phones.plans import COUNTRY_CODES, number, siblings_by_prefix, trunk_zero
from mask_core.scan.view import Window

__all__ = ["Reading", "Readings"]


def _cuts(sizes: Sequence[int], skip: int) -> frozenset[int]:
    """Digit offsets (after the first ``skip`` digits) at which the written groups end."""
    out, total = [], 0
    for size in sizes[:-1]:
        total += size
        if total > skip:
            out.append(total - skip)
    return frozenset(out)


class Reading:
    """The best reading of one window so far."""

    __slots__ = ("score", "validated")

    def __init__(self) -> None:
        self.score = 0.0
        self.validated = False

    def offer(self, score: float, validated: bool) -> None:
        if score > self.score:
            self.score, self.validated = score, validated


class Readings:
    """The readings, as methods of :class:`~mask_core.scan.recognizers.phones.PhoneRecognizer` (which
    derives from this class): the scores they offer are the recognizer's own."""

    score: float
    plain_score: float
    possible_score: float
    trunk_score: float
    bare_score: float
    _intl: dict[str, frozenset[int]]

    def _international(self, text: str, w: Window, digits: str, idd: int, reading: Reading) -> None:
        body = digits[idd:]
        for k in (1, 2, 3):
            cc = int(body[:k]) if len(body) > k else 0
            regions = COUNTRY_CODES.get(cc)
            if regions:
                break
        else:
            return
        nsn = body[k:]
        if nsn.startswith("0") and "(0" in text[w.pstart : w.end]:  # +44 (0)20 ...: a trunk in brackets
            nsn = nsn[1:]
        main = regions[0]
        # After a "+", a possible length is enough (phonenumbers' is_possible_number): nothing but a
        # phone number is written that way. After "00" or "011" the number must fit the plan's pattern.
        lengths = self._intl.get(str(cc), frozenset())
        if not nsn or (idd == 0 and len(str(cc)) + len(nsn) not in lengths):
            return
        if idd and not any(possible_for_region(cc, r, nsn) for r in regions):
            return
        # Checking the main region first avoids phonenumbers' walk over all regions of a shared code
        # (25 for +1); the full check still decides for the others.
        valid = valid_for_region(cc, main, nsn) or (
            len(regions) > 1 and phonenumbers.is_valid_number(number(cc, nsn))
        )
        reading.offer(self.score if valid else max(self.possible_score, self.score - 0.05), True)

    def _national(
        self,
        region: str,
        cc: int,
        prefix: str,
        digits: str,
        sizes: list[int],
        parens: bool,
        reading: Reading,
    ) -> None:
        skip = len(prefix) if prefix and digits.startswith(prefix) else 0
        nsn = digits[skip:]
        if not possible_for_region(cc, region, nsn):
            code = str(cc)
            if skip and possible_for_region(cc, region, digits):
                skip, nsn = 0, digits
            elif digits.startswith(code) and possible_for_region(cc, region, digits[len(code) :]):
                # The country code written without its "+" ("39198958733" in Italy), which
                # libphonenumber's parse strips the same way.
                skip, nsn = len(code), digits[len(code) :]
            else:
                return
        valid = valid_for_region(cc, region, nsn)
        if not valid and len(nsn) >= 3:
            # A shared country code is one national format: (506) 400-3761 is a Canadian number
            # written the way a US text writes any NANP number.
            other = siblings_by_prefix(cc, region).get(nsn[:3])
            valid = other is not None and valid_for_region(cc, other, nsn)
        if prefix and prefix != "1" and not skip:
            # Where national numbers are written with their trunk prefix (030 ..., 06-..., 0161 ...),
            # digits without it are a local number at most, or any other number: words must say so.
            reading.offer(self.bare_score, False)
            return
        cuts = _cuts(sizes, skip)
        grouped = bool(cuts) or (skip > 0 and len(sizes) > 1)
        layout = parens or (grouped and (skip > 0 or fits_layout(cc, region, nsn, cuts)))
        if valid:
            # A valid number in groups of three or four digits reads as a phone number even in a
            # layout the metadata does not list (612 345 678 for 612 34 56 78).
            loose = grouped and sizes[0] <= 4 and all(3 <= s <= 4 for s in sizes[1:])
            reading.offer(self.score if layout or loose else self.plain_score, True)
        elif layout:
            reading.offer(self.possible_score, True)
        else:
            reading.offer(self.bare_score, False)

    def _trunk(self, digits: str, groups: list[str], parens: bool, reading: Reading) -> None:
        if digits[0] != "0" or digits[1] == "0" or not 9 <= len(digits) <= 12:
            return
        if not parens and (len(groups) < 2 or not 2 <= len(groups[0]) <= 5):
            return
        if trunk_zero().fullmatch(digits[1:]) is not None:
            reading.offer(self.trunk_score, True)
