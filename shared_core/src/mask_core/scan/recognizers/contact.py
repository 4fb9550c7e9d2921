"""Contact data: e-mail addresses, phone numbers, IP addresses.

* E-mail: candidates around each ``@`` (``scan/anchors.py``), checked for the RFC 5321 length limits
  and dot placement; internationalised local parts and domains are included.
* Phone: windows of the shared digit runs whose digit count is possible for a configured region (or,
  with ``+``, for the country code) are validated by ``phonenumbers``' ``is_valid_number``: an
  assigned range of a real numbering plan. The number is built from its digits directly (``parse`` is
  the slow part of phonenumbers and only runs when a national prefix needs its rules). Dates and
  timestamps are excluded as phonenumbers' own matcher does: ``2024-03-15 10`` is a "valid" US number.
* IP: dotted quads and colon runs, validated by ``ipaddress``.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Iterator, Sequence

import phonenumbers
from phonenumbers import PhoneNumber

from mask_core.errors import MaskConfigurationError
from mask_core.scan.anchors import email_at, email_candidates, ipv4_candidates, ipv6_candidates
from mask_core.scan.gates import ANY, LITERALS, RUNS
from mask_core.scan.recognizer import CONTEXT_BOOST, WholeFinding, context_regex
from mask_core.scan.recognizers._phone_rules import valid_for_region
from mask_core.scan.view import ScanView, Window
from mask_core.types import Entity

__all__ = ["EmailRecognizer", "IpRecognizer", "PhoneRecognizer"]


class EmailRecognizer:
    name = "email_address"
    shapes = frozenset({"email"})
    entity_types: tuple[str, ...] = ("EMAIL_ADDRESS",)
    scan_gate = (LITERALS, frozenset({"@"}))  # find_in_view starts with has_at

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        if not view.has_at:
            return
        text = view.text
        for start, end in email_candidates(view):
            if _plausible_address(text[start:end]):
                yield Entity("EMAIL_ADDRESS", start, end, 1.0, text[start:end], self.name, True)

    def whole(self, view: ScanView) -> WholeFinding | None:
        """The finding that spans the whole view, if any (what ``Scanner.detect`` asks).

        Only the first ``@`` can start one: a local part holds no ``@``. Same candidate and checks as
        ``find_in_view`` for that ``@``, without the other candidates.
        """
        text = view.text
        at = text.find("@")
        if at < 0 or email_at(text, at) != (0, len(text)) or not _plausible_address(text):
            return None
        return _new(WholeFinding, ("EMAIL_ADDRESS", 0, len(text), 1.0, True))

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))


_new = tuple.__new__  # builds a NamedTuple without its Python-level __new__ (detect's hot path)


def _plausible_address(value: str) -> bool:
    """RFC 5321's length limit and dot placement."""
    local, _, domain = value.rpartition("@")
    return (
        len(value) <= 254
        and not local.startswith(".")
        and not local.endswith(".")
        and ".." not in local
        and ".." not in domain
    )


_PHONE_CONTEXT = (
    "phone", "telephone", "tel", "mobile", "cell", "call", "fax", "contact", "whatsapp", "sms",
    "number", "teléfono", "telefono", "móvil", "movil", "llamar",
)  # fmt: skip

# Dates and timestamps that are also "valid" phone numbers by their digits. phonenumbers' matcher
# excludes the same shapes.
_DATE_LIKE = re.compile(
    r"[12]\d{3}[-/. ][01]?\d[-/. ][0-3]?\d(?:\D|$)"  # 2024-03-15, 2024/3/15 (with or without a time)
    r"|[0-3]?\d[-/.][01]?\d[-/.](?:[12]\d)?\d{2}$"  # 15/03/2024, 15.03.24
    r"|[01]?\d[-/.][0-3]?\d[-/.](?:[12]\d)?\d{2}$"  # 03/15/2024
)
_TIME_AFTER = re.compile(r":[0-5]\d")
_DECIMAL = re.compile(r"[0-9]+[.,][0-9]+")
# A dotted quad standing alone (no digit or dot on either side) inside a phone window.
_DOTTED_QUAD = re.compile(r"(?<![0-9.])[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?![0-9.])")


def _national_lengths(region: str) -> set[int]:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if meta is None or meta.general_desc is None:
        raise MaskConfigurationError("MASK_PHONE_REGIONS holds a region phonenumbers does not know")
    lengths = set(meta.general_desc.possible_length or ())
    prefix = meta.national_prefix or ""
    return lengths | {n + len(prefix) for n in lengths}


def _national_prefix(region: str) -> str:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    return (meta.national_prefix or "") if meta is not None else ""


def _international_lengths() -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for cc, regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items():
        lengths: set[int] = set()
        for region in regions:
            meta = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(cc, region)
            if meta is not None and meta.general_desc is not None:
                lengths.update(meta.general_desc.possible_length or ())
        out[str(cc)] = {len(str(cc)) + n for n in lengths}
    return out


@functools.lru_cache(maxsize=16)
def _siblings_by_prefix(cc: int, region: str) -> dict[str, str]:
    """Other regions of a shared country code, by the three leading digits their numbers start with.

    For +1 this maps Canadian, Caribbean and territory area codes to their region (from each region's
    fixed-line and mobile patterns), so a national number is checked against the one region that
    owns its area code instead of all 25. Built once per process, when a number first needs it (it
    loads the metadata of every sibling region, about half a second).
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


class PhoneRecognizer:
    """Phone numbers of the configured regions, and any number written with a ``+`` country code."""

    name = "phone_number"
    entity_types: tuple[str, ...] = ("PHONE_NUMBER",)
    shapes = frozenset({"number"})
    min_digits, max_digits = 7, 17
    #: Every finding is ``check`` of one window of min..max digits (``Scanner.detect`` relies on it).
    window_findings = True
    context = _PHONE_CONTEXT
    context_re = context_regex(_PHONE_CONTEXT)
    context_boost = CONTEXT_BOOST

    def __init__(self, regions: Sequence[str] = ("US",), *, score: float = 0.75, plain_score: float = 0.4):
        self.regions = tuple(r.upper() for r in regions)
        self.score = score
        self.plain_score = plain_score
        self.max_score = max(score, plain_score)  # before context (Scanner.detect)
        self._national = set().union(*(_national_lengths(r) for r in self.regions)) if self.regions else set()
        self._intl = _international_lengths()
        self._region_cc = {r: phonenumbers.country_code_for_region(r) for r in self.regions}
        self._prefix = {r: _national_prefix(r) for r in self.regions}

    def _valid(self, candidate: str, digits: str, plus: bool) -> bool:
        if plus:
            for k in (1, 2, 3):
                cc = int(digits[:k])
                regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(cc)
                if regions:
                    # Checking the main region first avoids phonenumbers' walk over all regions of a
                    # shared code (25 for +1); the full check still decides for the others.
                    return valid_for_region(cc, regions[0], digits[k:]) or (
                        len(regions) > 1 and phonenumbers.is_valid_number(_number(cc, digits[k:]))
                    )
            return False
        for region in self.regions:
            prefix = self._prefix[region]
            nsn = digits[len(prefix) :] if prefix and digits.startswith(prefix) else digits
            if nsn:
                cc = self._region_cc[region]
                if valid_for_region(cc, region, nsn):
                    return True
                # A shared country code is one national format: (506) 400-3761 is a Canadian number
                # written the way a US text writes any NANP number.
                other = _siblings_by_prefix(cc, region).get(nsn[:3])
                if other is not None and valid_for_region(cc, other, nsn):
                    return True
            if prefix and digits.startswith(prefix):  # national-prefix rules need the full parser
                try:
                    if phonenumbers.is_valid_number(phonenumbers.parse(candidate, region)):
                        return True
                except phonenumbers.NumberParseException:
                    pass
        return False

    def _plausible(self, digits: str, plus: bool) -> bool:
        if not plus:
            return len(digits) in self._national
        return any(len(digits) in self._intl.get(digits[:k], ()) for k in (1, 2, 3))

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        taken_until = -1
        # Longest plausible window first from each start; a hit skips the windows it covers.
        national = self._national  # the common case inline: a method call per window costs more
        windows = [
            w
            for w in view.windows_between(self.min_digits, self.max_digits)
            if (w.plus and self._plausible(w.digits, True)) or (not w.plus and len(w.digits) in national)
        ]
        windows.sort(key=lambda w: (w.pstart, -(w.pend - w.pstart)))
        for w in windows:
            if w.pstart < taken_until:
                continue
            found = self._phone(view, w)
            if found is not None:
                yield found
                taken_until = w.pend

    def check(self, view: ScanView, w: Window) -> Entity | None:
        """The phone number one window holds, if any: what ``find_in_view`` finds for a window no longer
        one from its start overlaps (``Scanner.detect`` asks this of the window of a whole value)."""
        plausible = self._plausible(w.digits, True) if w.plus else len(w.digits) in self._national
        return self._phone(view, w) if plausible else None

    def _phone(self, view: ScanView, w: Window) -> Entity | None:
        text = view.text
        start, end = w.pstart, w.pend
        if not view.boundary_before(start, ".-") or not view.boundary_after(end, ".-"):
            return None
        if _DATE_LIKE.match(text, start, end) or _TIME_AFTER.match(text, end):
            return None
        if w.ngroups == 2 and _DECIMAL.fullmatch(text, w.start, w.end):  # 2349.454519: a number
            return None
        # 23.120.10.100 is an IPv4 address before it is a ten-digit phone number, and so is the
        # address in "12345  10.0.0.100": a window that holds one is not a phone number.
        if w.ngroups >= 4 and text.count(".", w.start, w.end) >= 3 and _holds_ipv4(text, w.start, w.end):
            return None
        value = text[start:end]
        if not self._valid(value, w.digits, w.plus):
            return None
        score = self.score if w.plus or not value.isdigit() else self.plain_score
        return Entity("PHONE_NUMBER", start, end, score, value, self.name, True)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))


class IpRecognizer:
    """IPv4 dotted quads and IPv6 addresses (``ipaddress`` decides)."""

    name = "ip_address"
    entity_types: tuple[str, ...] = ("IP_ADDRESS",)
    scan_gate = (ANY, ((RUNS, 4), (LITERALS, frozenset({":"}))))  # a dotted quad is a run; IPv6 needs a colon
    shapes = frozenset({"number", "text"})
    max_score = 0.75  # before context (Scanner.detect)
    context = ("ip", "ip address", "address", "host", "server", "client", "src", "dst", "from", "remote")
    context_re = context_regex(context)
    context_boost = CONTEXT_BOOST

    def find_in_view(self, view: ScanView) -> Iterator[Entity]:
        text = view.text
        for start, end in ipv4_candidates(view):
            value = text[start:end]
            if _ip_ok(value):
                yield Entity("IP_ADDRESS", start, end, 0.6, value, self.name, True)
        if ":" in text:
            for start, end in ipv6_candidates(view):
                value = text[start:end]
                if _ip_ok(value):
                    yield Entity("IP_ADDRESS", start, end, 0.75, value, self.name, True)

    def find(self, text: str) -> Iterator[Entity]:
        return self.find_in_view(ScanView(text))


def _holds_ipv4(text: str, start: int, end: int) -> bool:
    return any(_ip_ok(m.group()) for m in _DOTTED_QUAD.finditer(text, start, end))


def _ip_ok(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
