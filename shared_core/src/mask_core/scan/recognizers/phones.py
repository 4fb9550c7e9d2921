"""Phone numbers: possible numbers of the numbering plans a text may use, scored by how they are written.

Candidates are windows of the shared digit runs (``scan/runs.py``). A window is read four ways, and
the best reading wins:

* **International**: after a ``+``, or the international prefix ``00`` / ``011``: a country code of
  ``phonenumbers``' metadata and a national number of a possible length for it (``+44 (0)20 ...``
  drops the bracketed trunk ``0``).
* **National**, in each *active region*: the configured regions (``MASK_PHONE_REGIONS``, default
  US) and the regions the text itself points to (a ``+cc`` number in it, a country named in it, the
  country-code domain of an e-mail address or URL in it, an ISO code written right before the
  number: ``(FR) 01 42 68 53 00``). The national prefix (``0``, NANP ``1``) is dropped, and the
  rest must be a *possible* number of the region (``_phone_rules.possible_for_region``): any NANP
  area code of shape NXX, assigned or not.
* **Trunk layout**, when no region fits: a number that starts with the trunk prefix ``0`` most of
  the world dials before an area code, written in groups (``031 772 4410``, ``06-12345678``,
  ``(0161) 496 0066``), with a length some such numbering plan has.
* **Asked for**, when nothing else fits: a whole number right after words that ask for a call to it
  ("call me on 16 0014-0827", "reach us at", "llámeme al"), the number of a caller from a region
  nobody configured.

Scores reflect the evidence. A *valid* number (an assigned range, ``_phone_rules.valid_for_region``)
or a *phone layout* (a ``+`` or international prefix, parentheses, the trunk prefix written, or
groups that keep together every group of one of the region's layouts, libphonenumber's
STRICT_GROUPING: ``415 555 2671``, ``415.555.2671``, ``612 34 56 78``) is a finding on its own; a
bare run of digits (``4155552671``) scores below the threshold and needs a phone word near it
(``tel``, ``móvil``, ``Handy``, ...) or a phone-ish JSON key. Extensions (``x214``, ``ext. 12``,
``extension 3``, ``#123``, after libphonenumber's extension grammar) are part of the finding.

Never a phone, whatever the digits: dates and times (phonenumbers' matcher excludes the same
shapes), decimals, IPv4 addresses, amounts after a currency sign, an SSN-shaped ``3-2-4``, a group of
one digit inside a number (``20220623.1-1``, ``5.15.0-1051``), and rows of small numbers that step
evenly (``21 22 23 24 25``).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Sequence

import phonenumbers
from phonenumbers import PhoneNumber

from mask_core.errors import MaskConfigurationError
from mask_core.scan.gates import Runs
from mask_core.scan.recognizer import CONTEXT_BOOST, WholeFinding, context_regex
from mask_core.scan.recognizers._countries import named_regions, tld_regions
from mask_core.scan.recognizers._phone_rules import fits_layout, possible_for_region, valid_for_region
from mask_core.scan.runs import cut_from_longer
from mask_core.scan.view import ScanView, Window
from mask_core.types import Entity

__all__ = ["PHONE_CONTEXT", "PhoneRecognizer"]

#: Words that say a number is a phone number, in the languages of the locales the tests draw from
#: (Latin-1 only: ``scan/words.py`` folds those at C speed). "Number" alone is not one: a receipt,
#: trace, order or account number is a number too; a person's number ("my number", "su número") is.
PHONE_CONTEXT = (
    "phone", "telephone", "tel", "mobile", "mob", "cell", "cellphone", "call", "fax", "contact", "whatsapp",
    "sms", "my number", "your number", "his number", "her number", "their number", "our number", "ph",
    "hotline", "landline", "dial",
    "teléfono", "telefono", "tfno", "tlf", "móvil", "movil", "celular", "llamar", "llame", "fijo",
    "mi número", "mi numero", "su número", "su numero", "tu número", "tu numero", "contacto", "telefone",
    "contato", "ligue", "téléphone", "tél", "portable", "appelez", "mon numéro", "votre numéro",
    "telefon", "telefonnummer", "handy", "mobil", "rufnummer", "anrufen", "festnetz",
    "cellulare", "chiamare", "telefoon", "mobiel", "bel", "bellen", "puhelin", "soita", "komórka",
)  # fmt: skip

# libphonenumber's extension grammar for matching (phonenumberutil._create_extn_pattern), as one
# pattern tried right after a number: an explicit label allows more digits than a bare "x" or "#".
_EXTENSION = re.compile(
    r"[ \t]*,?[ \t]*(?:"
    r"(?:e?xtn?|extension|extensi[oó]n|anexo|ramal|poste|durchwahl)\.?[ \t]*[:.#-]?[ \t]*([0-9]{1,10})"
    r"|(?:x|#)\.?[ \t]*([0-9]{1,6})"
    r")(?![0-9A-Za-z])",
    re.IGNORECASE,
)
# Dates and timestamps that are also "valid" phone numbers by their digits (phonenumbers' matcher
# excludes the same shapes).
# What an extension can start with (a space, a comma, a tab, "x", "e", "#", "a", "r", "p", "d").
_EXTENSION_STARTS = frozenset(" \t,xXeE#aArRpPdD")
_DATE_LIKE = re.compile(
    r"[12]\d{3}[-/. ][01]?\d[-/. ][0-3]?\d(?:\D|$)"  # 2024-03-15, 2024/3/15 (with or without a time)
    r"|[0-3]?\d[-/.][01]?\d[-/.](?:[12]\d)?\d{2}$"  # 15/03/2024, 15.03.24
    r"|[01]?\d[-/.][0-3]?\d[-/.](?:[12]\d)?\d{2}$"  # 03/15/2024
)
# A number a colon continues is a time ("10:42") or part of an IPv6 address ("2001::1"), never a phone.
_COLON_AFTER = re.compile(r":[:0-9A-Fa-f]")
_DECIMAL = re.compile(r"[0-9]+[.,][0-9]+")
# A dotted quad standing alone (no digit or dot on either side) inside a phone window.
_DOTTED_QUAD = re.compile(r"(?<![0-9.])[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?![0-9.])")
_GROUP = re.compile(r"[0-9]+")
_CURRENCY = frozenset("$€£¥₹")
# ISO 4217 codes of the currencies most amounts are written in (an amount after one is no phone).
_CURRENCY_CODE = re.compile(
    r"(?<![A-Za-z])(?:USD|EUR|GBP|JPY|CHF|CAD|AUD|NZD|CNY|HKD|SGD|SEK|NOK|DKK|ISK|PLN|CZK|HUF|RON|BGN|RUB"
    r"|UAH|TRY|TRL|ILS|INR|PKR|IDR|MYR|THB|PHP|VND|KRW|BRL|MXN|ARS|CLP|COP|PEN|ZAR|NGN|EGP|AED|SAR)[ \t]?$"
)
# Words that end right before a number to ask for a call to it, or to say whose phone it is
# (English and Spanish, the catalogue's languages): "call me on", "reach us at", "her mobile is",
# "my number is", "llámeme al".
_CUE_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:(?:call|ring|phone|telephone|tel|mobile|cell|cellphone|text[ \t]+(?:me|us)|whatsapp"
    r"|fax|reach|contact|ll[aá]m[ae](?:me|nos)?|ll[aá]mame|tel[eé]fono|m[oó]vil|celular)"
    r"(?:[ \t]+(?:me|us|him|her|them))?(?:[ \t]+back)?(?:[ \t]+(?:number|no\.?))?"
    r"|(?:my|your|his|her|their|our|mi|su|tu)[ \t]+(?:number|n[uú]mero))"
    r"(?:[ \t]+(?:on|at|is|al|a|es))?[ \t]*[:.#-]?[ \t]*\(?$",
    re.IGNORECASE,
)
_CODE_BEFORE = re.compile(r"(?<![A-Za-z])([A-Z]{2})\)?[ \t]*[:.]?[ \t]*\(?$")
_COUNTRY_CODES = phonenumbers.COUNTRY_CODE_TO_REGION_CODE
_SUPPORTED = frozenset(phonenumbers.SUPPORTED_REGIONS)


@functools.lru_cache(maxsize=1)
def _international_lengths() -> dict[str, frozenset[int]]:
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


def _national_lengths(region: str) -> set[int]:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if meta is None or meta.general_desc is None:
        raise MaskConfigurationError("MASK_PHONE_REGIONS holds a region phonenumbers does not know")
    lengths = set(meta.general_desc.possible_length or ())
    prefix = meta.national_prefix or ""
    return lengths | {n + len(prefix) for n in lengths}


def _national_prefix(region: str) -> str:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if meta is None or meta.general_desc is None:
        raise MaskConfigurationError("MASK_PHONE_REGIONS holds a region phonenumbers does not know")
    return meta.national_prefix or ""


@functools.lru_cache(maxsize=1)
def _trunk_zero() -> re.Pattern[str]:
    """The general patterns of every numbering plan dialled with a trunk ``0``, as one alternation."""
    patterns = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
        general = meta.general_desc if meta is not None and meta.national_prefix == "0" else None
        if general is not None and general.national_number_pattern:
            patterns.append(f"(?:{general.national_number_pattern})")
    return re.compile("|".join(patterns))


@functools.lru_cache(maxsize=16)
def _siblings_by_prefix(cc: int, region: str) -> dict[str, str]:
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


def _number(cc: int, nsn: str) -> PhoneNumber:
    number = PhoneNumber(country_code=cc, national_number=int(nsn))
    zeros = len(nsn) - len(nsn.lstrip("0"))
    if zeros:
        number.italian_leading_zero = True
        number.number_of_leading_zeros = zeros
    return number


def _cuts(sizes: Sequence[int], skip: int) -> frozenset[int]:
    """Digit offsets (after the first ``skip`` digits) at which the written groups end."""
    out, total = [], 0
    for size in sizes[:-1]:
        total += size
        if total > skip:
            out.append(total - skip)
    return frozenset(out)


def _steps_evenly(groups: list[str]) -> bool:
    """A row of small numbers counting up or down (a calendar week, a table's column of counts):
    steps of 1, 2, 5 or 10, not the 22 of France's example number 01 23 45 67 89."""
    if len(groups) < 3 or any(len(g) > 2 for g in groups):
        return False
    steps = {b - a for a, b in itertools.pairwise(int(g) for g in groups)}
    return len(steps) == 1 and abs(steps.pop()) in (1, 2, 5, 10)


def _is_date(a: str, b: str, c: str) -> bool:
    """Whether three groups read as a calendar date (day-month-year, month-day-year, year-month-day)."""
    if len(a) == 4:
        a, c = c, a
    if len(c) != 4 or len(a) > 2 or len(b) > 2:
        return False
    x, y = int(a), int(b)
    return (1 <= x <= 31 and 1 <= y <= 12) or (1 <= x <= 12 and 1 <= y <= 31)


class _Reading:
    """The best reading of one window so far."""

    __slots__ = ("score", "validated")

    def __init__(self) -> None:
        self.score = 0.0
        self.validated = False

    def offer(self, score: float, validated: bool) -> None:
        if score > self.score:
            self.score, self.validated = score, validated


class PhoneRecognizer:
    """Phone numbers of the configured regions, of the regions the text names, and any number written
    with a country code (see the module docstring)."""

    name = "phone_number"
    entity_types: tuple[str, ...] = ("PHONE_NUMBER",)
    shapes = frozenset({"number", "text"})
    min_digits, max_digits = 7, 17
    #: A finding may run past its window over an extension ("x214"), so findings are not windows;
    #: every one still starts with a window of a run of 7+ digits, which is what the gate asks for.
    window_findings = False
    scan_gate = Runs(7)
    context = PHONE_CONTEXT
    context_re = context_regex(PHONE_CONTEXT)
    context_boost = CONTEXT_BOOST

    def __init__(
        self,
        regions: Sequence[str] = ("US",),
        *,
        score: float = 0.75,
        plain_score: float = 0.4,
        possible_score: float = 0.65,
        trunk_score: float = 0.6,
        bare_score: float = 0.3,
    ) -> None:
        self.regions = tuple(r.upper() for r in regions)
        self.score = score  # a valid number in a phone layout, or any valid number with a "+"
        self.plain_score = plain_score  # a valid number written as bare digits (needs context)
        self.possible_score = possible_score  # a possible (unassigned) number in a phone layout
        self.trunk_score = trunk_score  # a trunk-prefix layout of no known region
        self.bare_score = bare_score  # a possible number written as bare digits (needs context)
        self.max_score = max(score, plain_score, possible_score, trunk_score)  # before context
        self._prefix = {r: _national_prefix(r) for r in self.regions}
        self._cc = {r: phonenumbers.country_code_for_region(r) for r in self.regions}
        self._lengths = frozenset().union(*(_national_lengths(r) for r in self.regions))
        self._intl = _international_lengths()

    def __repr__(self) -> str:
        return f"PhoneRecognizer({list(self.regions)!r})"

    # -- the scan -----------------------------------------------------------------------------------
    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        # The digit count first (integers only): most windows of a text (dates, amounts, parts of card
        # numbers) fail it, and only the rest are read.
        lengths, plausible = self._lengths, self._plausible
        windows = [  # _plausible, with its common cases inline (a call per window costs more)
            w
            for w in view.windows_between(self.min_digits, self.max_digits)
            if (w.plus or w.whole or len(w.digits) in lengths) and plausible(w)
        ]
        windows.sort(key=_longest_first)
        taken_until = -1
        inferred: list[tuple[str, ...]] = []  # the text's own regions, worked out once when needed
        out: list[Entity] = []
        cued: list[Entity] = []
        for w in windows:
            if w.pstart < taken_until:
                continue
            found, by_cue = self._read(view, w, inferred)
            if found is None:
                continue
            if by_cue:  # decided below, once the shorter windows of the run have been read
                cued.append(found)
                continue
            out.append(found)
            taken_until = found.end
        # A whole run read only through the words before it that ask for a call (``call me on 16
        # 0014-0827``) stands unless a number of a plan starts where it does: a count after a phone
        # (``call 415 555 2671 12 times``) is not taken into it, but a part read from its middle
        # (``7946 0958 24`` of ``Tel 020 7946 0958 24 hours``) gives way to the whole.
        for found in cued:
            inside = [e for e in out if e.start < found.end and found.start < e.end]
            if not any(e.start <= found.start for e in inside):
                out = [e for e in out if e not in inside]
                out.append(found)
        yield from out

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))

    def _plausible(self, w: Window) -> bool:
        digits = w.digits
        n = len(digits)
        if w.plus:  # one digit more for a bracketed trunk after the code ("+44 (0)20 ...")
            intl = self._intl
            return any(n in (got := intl.get(digits[:k], ())) or n - 1 in got for k in (1, 2, 3))
        # A configured region's length; or, written alone (not a part of a longer number: a card, an
        # IBAN), a number after an international prefix or in groups of a national number's length (the
        # trunk layouts and the regions a text names are read only for those).
        return n in self._lengths or (
            w.whole and (digits.startswith(("00", "011")) or (w.ngroups > 1 and n <= 13))
        )

    def whole(self, view: ScanView) -> WholeFinding | None:
        """The finding that spans the whole view, if any (what ``Scanner.detect`` asks): what
        ``find_in_view`` finds there, read from the windows that start the text only."""
        text = view.text
        n = len(text)
        first = 1 if text.startswith("(+") else 0  # "(+358) 60 ...": the window starts at the "+"
        windows = sorted(
            (w for w in view.windows_between(self.min_digits, self.max_digits) if w.pstart == first),
            key=_longest_first,
        )
        inferred: list[tuple[str, ...]] = []
        for w in windows:
            if self._plausible(w):
                e = self._read(view, w, inferred)[0]
                if e is not None:  # the longest plausible window from the start decides, as in a scan
                    return WholeFinding(e.entity_type, 0, n, e.score, e.validated) if e.end == n else None
        return None

    def _read(self, view: ScanView, w: Window, inferred: list[tuple[str, ...]]) -> tuple[Entity | None, bool]:
        """The phone number ``w`` reads as, if any, and whether only the words before it asking for a
        call made it one (a number of no known plan)."""
        text = view.text
        start, end = w.pstart, w.pend
        if w.plus and start and text[start - 1] == "(":  # "(+358) 60 ...": the bracket opens before the "+"
            start -= 1
        if not view.boundary_before(start, ".-") or (start and text[start - 1] in _CURRENCY):
            return None, False
        if _CURRENCY_CODE.search(text, max(0, start - 5), start):  # "TRL 615.478.0000": an amount
            return None, False
        if start >= 2 and text[start - 1] == "," and text[start - 2].isdigit():
            return None, False  # "TRL 2,847.312.000": the rest of an amount after its thousands comma
        # What most candidates of a text are (dates, times) first, then the extension.
        if _DATE_LIKE.match(text, w.pstart, end) or _COLON_AFTER.match(text, end):
            return None, False
        ext = None
        if end < len(text) and text[end] in _EXTENSION_STARTS:
            ext = _EXTENSION.match(text, end)
        if ext is None and not view.boundary_after(end, ".-"):
            return None, False
        groups = _GROUP.findall(text, w.start, w.end)
        if not self._phone_shaped(text, w, groups) or cut_from_longer(text, w):
            return None, False
        reading = _Reading()
        digits = w.digits
        sizes = [len(g) for g in groups]
        parens = "(" in text[start : w.end]
        if w.plus:
            self._international(text, w, digits, 0, reading)
            return self._entity(text, start, end, ext, reading), False
        if w.whole and digits.startswith(("00", "011")) and not digits.startswith("000"):
            self._international(text, w, digits, 3 if digits.startswith("011") else 2, reading)
        for region in self.regions:
            self._national(region, self._cc[region], self._prefix[region], digits, sizes, parens, reading)
        if reading.score < self.possible_score and w.whole and (len(groups) > 1 or parens):
            # The regions the text points to, for a grouped number the configured ones do not hold.
            if not inferred:
                inferred.append(self._text_regions(view))
            for region in (*inferred[0], *self._code_before(text, start)):
                if region not in self._cc:
                    cc = phonenumbers.country_code_for_region(region)
                    prefix = _national_prefix(region)
                    self._national(region, cc, prefix, digits, sizes, parens, reading)
            if reading.score < self.trunk_score:
                self._trunk(digits, groups, parens, reading)
        by_cue = False
        if reading.score == 0.0 and w.whole and _CUE_BEFORE.search(text, max(0, start - 24), start):
            # "call me on 16 0014-0827": a number of no plan the text points to, right after words
            # that ask for a call, is the caller's number in a plan nobody configured (a Brazilian
            # customer of a US shop): scored as a trunk layout of no known region, the words being
            # as good evidence as a written trunk prefix (and as sure as one: it wins over a
            # Luhn-valid SIN of the same digits, which one number in ten is).
            reading.offer(self.trunk_score, True)
            by_cue = True
        return self._entity(text, start, end, ext, reading), by_cue

    def _entity(
        self, text: str, start: int, end: int, ext: re.Match[str] | None, reading: _Reading
    ) -> Entity | None:
        if reading.score == 0.0:
            return None
        stop = ext.end() if ext is not None else end
        value = text[start:stop]
        return Entity("PHONE_NUMBER", start, stop, reading.score, value, self.name, reading.validated)

    # -- what no phone number looks like ------------------------------------------------------------
    def _phone_shaped(self, text: str, w: Window, groups: list[str]) -> bool:
        start = w.pstart
        n = len(groups)
        if n == 2 and _DECIMAL.fullmatch(text, w.start, w.end):  # 2349.454519: a number
            return False
        # 23.120.10.100 is an IPv4 address before it is a ten-digit phone number, and so is the
        # address in "12345  10.0.0.100": a window that holds one is not a phone number.
        if n >= 4 and text.count(".", w.start, w.end) >= 3 and _holds_ipv4(text, w.start, w.end):
            return False
        if w.plus:  # nothing but a phone number is written after a "+" (Côte d'Ivoire: +225 21 23 4 56789)
            return True
        if not _lone_digits_ok(text, w):
            return False
        if n == 3 and len(groups[0]) == 3 and len(groups[1]) == 2 and len(groups[2]) == 4:
            return "(" in text[start : w.end]  # an SSN's shape, unless the area code is bracketed
        if n == 3 and _is_date(*groups):  # 15 03 2024
            return False
        return not _steps_evenly(groups)

    # -- the readings -------------------------------------------------------------------------------
    def _international(self, text: str, w: Window, digits: str, idd: int, reading: _Reading) -> None:
        body = digits[idd:]
        for k in (1, 2, 3):
            cc = int(body[:k]) if len(body) > k else 0
            regions = _COUNTRY_CODES.get(cc)
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
            len(regions) > 1 and phonenumbers.is_valid_number(_number(cc, nsn))
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
        reading: _Reading,
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
            other = _siblings_by_prefix(cc, region).get(nsn[:3])
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

    def _trunk(self, digits: str, groups: list[str], parens: bool, reading: _Reading) -> None:
        if digits[0] != "0" or digits[1] == "0" or not 9 <= len(digits) <= 12:
            return
        if not parens and (len(groups) < 2 or not 2 <= len(groups[0]) <= 5):
            return
        if _trunk_zero().fullmatch(digits[1:]) is not None:
            reading.offer(self.trunk_score, True)

    # -- the regions a text points to ---------------------------------------------------------------
    def _text_regions(self, view: ScanView) -> tuple[str, ...]:
        found: list[str] = []
        text = view.text
        for run in view.runs:
            if text[run.start] == "+":
                for k in (1, 2, 3):
                    regions = _COUNTRY_CODES.get(int(run.digits[:k])) if len(run.digits) > k else None
                    if regions:
                        found.append(regions[0])
                        break
        found.extend(named_regions(view))
        found.extend(tld_regions(view, _SUPPORTED))
        return tuple(r for r in dict.fromkeys(found) if r in _SUPPORTED and r != "001")

    def _code_before(self, text: str, start: int) -> tuple[str, ...]:
        m = _CODE_BEFORE.search(text, max(0, start - 8), start)
        return (m.group(1),) if m is not None and m.group(1) in _SUPPORTED else ()


def _longest_first(w: Window) -> tuple[int, int]:
    return (w.pstart, w.pstart - w.pend)


def _lone_digits_ok(text: str, w: Window) -> bool:
    """Whether every group of one digit is one a national number has: a leading trunk or NANP "1", a
    bracketed trunk "(0)" and the group right after it. One digit alone anywhere else is a version's
    part or a list's item (``20220623.1-1``, ``1 2 3 4``)."""
    after_trunk = False
    for i, m in enumerate(_GROUP.finditer(text, w.start, w.end)):
        s, e = m.span()
        bracketed = e - s == 1 and text[s] == "0" and text[s - 1] == "(" and text[e : e + 1] == ")"
        if e - s == 1 and not (i == 0 or bracketed or after_trunk):
            return False
        after_trunk = bracketed
    return True


def _holds_ipv4(text: str, start: int, end: int) -> bool:
    import ipaddress

    for m in _DOTTED_QUAD.finditer(text, start, end):
        try:
            ipaddress.ip_address(m.group())
        except ValueError:
            continue
        return True
    return False
