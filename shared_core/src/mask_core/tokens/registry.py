"""Which token format each entity type uses, and how tokens are found again inside text.

Types with a dedicated format keep their shape (see ``tokens/formats``); every other type, built in or
registered, gets a placeholder ``<TYPE>_<id>``. :class:`TokenFinder` locates candidate tokens of every
format in (normalised) text in linear time:

* numeric formats through *digit runs*: maximal runs of digits joined by up to three separator
  characters are split into groups, and every window of consecutive groups whose digit count fits a
  format is offered to it (after a cheap prefix check), so a token is found even when another number
  touches it (``1234 900-12-3456``);
* the other formats through their own patterns; placeholders through one shared pattern.

Candidates may overlap; the caller keeps those the vault confirms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from mask_core._chars import SEP_CLASS, fold
from mask_core.entities import EntityCatalog
from mask_core.scan.runs import new_tuple
from mask_core.scan.spans import Taken
from mask_core.scan.view import LONG_RUN_DIGITS, MIN_WINDOW_DIGITS, ScanView, Window
from mask_core.tokens.formats import (
    AbaFormat,
    CardFormat,
    EmailFormat,
    IbanFormat,
    IpFormat,
    NieFormat,
    NifFormat,
    Parsed,
    PhoneFormat,
    PlaceholderFormat,
    SsnFormat,
    TokenFormat,
)
from mask_core.tokens.formats.base import DIGIT_GROUP, NUMBER_SHAPE

__all__ = ["Candidate", "FormatRegistry", "TokenFinder", "may_hold_token"]

_PLACEHOLDER_RE = re.compile(r"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)_([a-z2-7]{10})")
_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz234567")
_MAX_WINDOW_DIGITS = 19
_NON_DIGIT = re.compile(r"[^0-9]")
# One fullmatch sorts a whole string into the family of formats it could be a token of.
_SHAPE_RE = re.compile(
    rf"(?P<digits>{NUMBER_SHAPE})"
    r"|(?P<email>(?i:u\.[a-z2-7]{10}@mask\.example\.net))"
    r"|(?P<ip>[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)"
    r"|(?P<placeholder>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_[a-z2-7]{10})"
    rf"|(?P<alnum>[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a{SEP_CLASS}]+)"
)
# Every token of every format holds a digit (numbers, IBAN, NIF/NIE, IP addresses), an '@' (e-mail)
# or an '_' (placeholders), in the layout it was issued in or any other: a text without one holds no
# token. ``tests/test_registry.py`` checks the full search finds nothing in such texts.
_TOKEN_CHAR = re.compile(r"[\d@_]")
_NON_DIGIT_BYTES = bytes(b for b in range(256) if not 48 <= b <= 57)
_NUMBER_BYTES = b"0123456789 -./+()"
_ZERO_DIGITS = bytes.maketrans(b"123456789", b"000000000")


def may_hold_token(text: str) -> bool:
    """False when ``text`` can hold no token of any format (no digit, ``@`` or ``_``)."""
    return _TOKEN_CHAR.search(text) is not None


#: Per first two digits, the numeric formats a number of some digit count can be a token of.
_LeadTable = dict[str, tuple[TokenFormat, ...]]
#: (plus, plain, digit groups, formats of its digit count by first two digits, may be IPv4) of a
#: numeric string; a shape cached as () is not of the numeric kind.
_NumberShape = tuple[bool, bool, int, _LeadTable, bool]
_TokenShape = _NumberShape | tuple[()]
_LEADS = tuple(f"{i:02d}" for i in range(100))


def _with_plus(formats: Sequence[TokenFormat]) -> tuple[TokenFormat, ...]:
    """Those of ``formats`` whose ``quick`` may accept a number with a '+' before it."""
    return tuple(f for f in formats if f.plus_windows)


def lead_table(formats: Sequence[TokenFormat], ndigits: int, *, plus: bool) -> _LeadTable:
    """Per first two digits, those of ``formats`` whose ``quick`` may accept a number of ``ndigits``
    digits (with a '+' before it or not): what :meth:`TokenFormat.leads` and ``plus_windows`` declare.
    Most numbers of ordinary text then meet no format at all, without a call."""
    if plus:
        return dict.fromkeys(_LEADS, _with_plus(formats))
    leads = [(f, f.leads(ndigits)) for f in formats]
    return {d: tuple(f for f, lead in leads if lead is None or d.startswith(lead)) for d in _LEADS}


class Candidate(NamedTuple):
    start: int
    end: int
    entity_type: str
    fmt: TokenFormat
    parsed: Parsed


class FormatRegistry:
    """Maps entity types to token formats. Built-in formats are fixed; other types get placeholders."""

    def __init__(self, catalog: EntityCatalog) -> None:
        self.catalog = catalog
        self._formats: dict[str, TokenFormat] = {}
        self._placeholders: dict[str, PlaceholderFormat] = {}
        for fmt in (
            EmailFormat(),
            PhoneFormat(),
            SsnFormat(),
            CardFormat(),
            AbaFormat(),
            IbanFormat(),
            NifFormat(),
            NieFormat(),
            IpFormat(),
        ):
            self._formats[fmt.entity_type] = fmt
        self.numeric: tuple[TokenFormat, ...] = tuple(f for f in self._formats.values() if f.digit_range)
        self.anchored: tuple[TokenFormat, ...] = tuple(f for f in self._formats.values() if not f.digit_range)
        self._email = self._formats["EMAIL_ADDRESS"]
        self._shapes: dict[bytes, _TokenShape] = {}  # per numeric shape (digits as '0')
        by_reserve = sorted(self.numeric, key=lambda f: not f.reserved)
        # Per digit count, the numeric formats whose tokens can have it (reserved ranges first).
        self._numeric_of_count: dict[int, tuple[TokenFormat, ...]] = {
            n: tuple(f for f in by_reserve if f.digit_range and f.digit_range[0] <= n <= f.digit_range[1])
            for n in range(max((f.digit_range[1] for f in by_reserve if f.digit_range), default=0) + 1)
        }
        self._lead_of_count = {
            (n, plus): lead_table(fmts, n, plus=plus)
            for n, fmts in self._numeric_of_count.items()
            if fmts  # so a reading with a table has a first digit to look up
            for plus in (False, True)
        }
        f = self._formats
        self._by_kind: dict[str, tuple[tuple[str, TokenFormat], ...]] = {
            "email": (("EMAIL_ADDRESS", f["EMAIL_ADDRESS"]),),
            "ip": (("IP_ADDRESS", f["IP_ADDRESS"]),),
            "alnum": tuple((t, f[t]) for t in ("IBAN_CODE", "ES_NIF", "ES_NIE")),
        }

    def format_for(self, entity_type: str) -> TokenFormat:
        fmt = self._formats.get(entity_type)
        return fmt if fmt is not None else self.placeholder_for(entity_type)

    def dedicated_format(self, entity_type: str) -> TokenFormat | None:
        """The type's own token format, or None for a type whose tokens are placeholders."""
        fmt = self._formats.get(entity_type)
        return None if fmt is None or isinstance(fmt, PlaceholderFormat) else fmt

    def placeholder_for(self, entity_type: str) -> PlaceholderFormat:
        """The placeholder format of a type; also the fallback when a value does not fit its format."""
        fmt = self._placeholders.get(entity_type)
        if fmt is None:
            self.catalog.check(entity_type)
            fmt = self._placeholders.setdefault(entity_type, PlaceholderFormat(entity_type))
        return fmt

    def classify(self, token: str) -> Sequence[tuple[str, TokenFormat]]:
        """The formats a whole string could be a token of, from one combined shape match.

        Formats whose tokens live in a reserved range come first: a string that parses as one of
        those is far more likely to be that token than a same-shaped token without such a range.
        """
        m = _SHAPE_RE.fullmatch(token)
        if m is None:
            return []
        kind = m.lastgroup
        if kind == "digits":
            return self._numeric(token, _NON_DIGIT.sub("", fold(token)), "+" in token)
        return self._of_kind(kind, token)

    def readings(self, token: str) -> list[tuple[str, TokenFormat, Parsed]]:
        """Every way a whole string reads as a token, in :meth:`classify` order.

        The same as ``[(t, f, p) for t, f in classify(token) if (p := f.token_key(token))]``, except
        that a numeric string's digits are extracted once for all its formats
        (``token_key_of_number``), and what its shape decides (kind, groups, candidate formats) is
        looked up per shape (``tests/test_registry.py`` holds the two equal).
        """
        if "@" in token:  # only the e-mail shape holds an '@': its format alone decides
            parsed = self._email.token_key(token)
            return [] if parsed is None else [("EMAIL_ADDRESS", self._email, parsed)]
        if token.isascii():
            raw = token.encode("ascii")
            if not raw.translate(None, _NUMBER_BYTES):  # digits, ASCII separators, '+', '(' and ')'
                return self._numeric_readings(token, raw)
        m = _SHAPE_RE.fullmatch(token)
        if m is None:
            return []
        kind = m.lastgroup
        if kind == "digits":  # non-ASCII digits or separators: the same steps, nothing cached
            digits = _NON_DIGIT.sub("", fold(token))
            return self._read_number(token, digits, self._shape_of(token, len(digits)))
        out = []
        for entity_type, fmt in self._of_kind(kind, token):
            parsed = fmt.token_key(token)
            if parsed is not None:
                out.append((entity_type, fmt, parsed))
        return out

    def _numeric_readings(self, token: str, raw: bytes) -> list[tuple[str, TokenFormat, Parsed]]:
        """:meth:`readings` of an ASCII string made of digits, separators, '+', '(' and ')'."""
        shape = raw.translate(_ZERO_DIGITS)  # every digit as '0': what the shape regexes see
        reading = self._shapes.get(shape)
        if reading is None:
            m = _SHAPE_RE.fullmatch(token)
            ndigits = len(shape) - len(shape.translate(None, b"0"))
            reading = self._shape_of(token, ndigits) if m is not None and m.lastgroup == "digits" else ()
            if len(self._shapes) >= 4096:  # adversarial inputs can have many shapes: stay bounded
                self._shapes.clear()
            self._shapes[shape] = reading
        if not reading:
            return []
        return self._read_number(token, raw.translate(None, _NON_DIGIT_BYTES).decode("ascii"), reading)

    def _shape_of(self, token: str, ndigits: int) -> _NumberShape:
        """What a string of the numeric kind decides by its shape alone, from the same tests as
        :meth:`classify`: ``(plus, plain, digit groups, formats of its digit count, may be IPv4)``."""
        plus = "+" in token
        return (
            plus,
            not plus and "(" not in token and ")" not in token,
            len(DIGIT_GROUP.findall(token)),
            self._lead_of_count.get((ndigits, plus), {}),
            not plus and token.count(".") == 3,
        )

    def _read_number(
        self, token: str, digits: str, reading: _TokenShape
    ) -> list[tuple[str, TokenFormat, Parsed]]:
        plus, plain, ngroups, by_lead, ip = reading  # type: ignore[misc]
        out = []
        if by_lead and (formats := by_lead[digits[:2]]):
            whole = new_tuple(Window, (0, len(token), 0, len(token), digits, plus, 1, True))
            for fmt in formats:
                if fmt.quick(whole):
                    parsed = fmt.token_key_of_number(token, digits, ngroups, plain)
                    if parsed is not None:
                        out.append((fmt.entity_type, fmt, parsed))
        if ip:
            fmt = self._formats["IP_ADDRESS"]
            parsed = fmt.token_key(token)
            if parsed is not None:
                out.append(("IP_ADDRESS", fmt, parsed))
        return out

    def _numeric(self, token: str, digits: str, plus: bool) -> list[tuple[str, TokenFormat]]:
        n = len(digits)
        whole = new_tuple(Window, (0, len(token), 0, len(token), digits, plus, 1, True))
        out = [(f.entity_type, f) for f in self._numeric_of_count.get(n, ()) if f.quick(whole)]
        if not plus and token.count(".") == 3:
            out.append(("IP_ADDRESS", self._formats["IP_ADDRESS"]))
        return out

    def _of_kind(self, kind: str | None, token: str) -> Sequence[tuple[str, TokenFormat]]:
        if kind == "placeholder":
            et = token.rpartition("_")[0]
            return ((et, self.placeholder_for(et)),) if et in self.catalog else ()
        return self._by_kind[kind or ""]

    @property
    def max_token_length(self) -> int:
        """The longest token any format can emit (what a stream must hold back)."""
        longest_type = max((len(t) for t in self.catalog), default=0)
        return max([f.max_token_length for f in self._formats.values()] + [longest_type + 11])


class TokenFinder:
    """Finds candidate tokens (possibly overlapping) in a scan view."""

    def __init__(self, registry: FormatRegistry) -> None:
        self.registry = registry
        lo = min(f.digit_range[0] for f in registry.numeric if f.digit_range)
        hi = max(f.digit_range[1] for f in registry.numeric if f.digit_range)
        self._digits = (lo, min(hi, _MAX_WINDOW_DIGITS))
        # The finder reads the windows the scan view indexes (7-19 digits); no format's tokens are shorter.
        assert lo >= MIN_WINDOW_DIGITS, lo
        assert lo >= LONG_RUN_DIGITS, lo  # and it reads only the view's long runs
        # Which numeric formats a window of n digits could be a token of.
        self._by_count: dict[int, tuple[TokenFormat, ...]] = {
            n: tuple(
                f for f in registry.numeric if f.digit_range and f.digit_range[0] <= n <= f.digit_range[1]
            )
            for n in range(lo, hi + 1)
        }
        # The same by a window's first two digits (or its '+', ``lead_table``), so most windows meet
        # no format at all: ``self._lead[first two digits][n]``, ``self._plus[n]``, by digit count.
        counts = range(_MAX_WINDOW_DIGITS + 1)
        tables = [lead_table(self._by_count.get(n, ()), n, plus=False) for n in counts]
        self._lead: dict[str, list[tuple[TokenFormat, ...]]] = {d: [t[d] for t in tables] for d in _LEADS}
        self._plus: list[tuple[TokenFormat, ...]] = [_with_plus(self._by_count.get(n, ())) for n in counts]

    def find(
        self, view: ScanView | str, *, within: Sequence[tuple[int, int]] | None = None
    ) -> list[Candidate]:
        """Token candidates of a view (possibly overlapping).

        With ``within`` (spans of the view), only candidates that overlap one of those spans, and
        only those are parsed: a scan without the NER tier needs tokens only where it found something.
        """
        if isinstance(view, str):
            view = ScanView(view)
        if not may_hold_token(view.text):
            return []  # most tool arguments and many short results: one C-speed search
        return self.find_all(view, within=within)

    def find_all(
        self, view: ScanView | str, *, within: Sequence[tuple[int, int]] | None = None
    ) -> list[Candidate]:
        """:meth:`find` for a caller that has already checked :func:`may_hold_token` (and for the
        tests, which compare the two)."""
        if isinstance(view, str):
            view = ScanView(view)
        text = view.text
        out: list[Candidate] = []
        lo, hi = self._digits
        plus, lead = self._plus, self._lead
        spans = None if within is None else Taken(within)
        window = view.window
        for run in view.long_runs:
            if run.ndigits < lo:
                continue
            # A window's widest extent (pstart..pend) lies within its run and a ')' after it.
            if spans is not None and not spans.overlaps(run.start, run.end + 1):
                continue
            digits_of_run = run.digits
            run_plus = text[run.start] == "+"
            for rel in run.layout:
                # The formats a window can be a token of, by its digit count and first digit (or its
                # '+'), before the window is built: most windows of ordinary text meet none.
                d0 = rel.digit_start
                n = rel.digit_end - d0
                if n < lo or n > hi:
                    continue
                # A window that starts where its run does has the run's '+' before it.
                fmts = plus[n] if run_plus and rel.pstart < 0 else lead[digits_of_run[d0 : d0 + 2]][n]
                if not fmts:
                    continue
                w = window(run, rel)
                for fmt in fmts:
                    # quick() first: it rejects nearly every window left by its digits alone.
                    if w.ngroups > fmt.max_groups or not fmt.quick(w):
                        continue
                    start, end = (w.pstart, w.pend) if fmt.decorated else (w.start, w.end)
                    if not (view.boundary_before(start, ".-") and view.boundary_after(end, ".-")):
                        continue
                    # A window's text is digits and the run separators " ()./-" (plus a leading '+' or
                    # '(' and a closing ')' when decorated), so its digits and groups are the window's.
                    s = text[start:end]
                    plain = "(" not in s and ")" not in s and "+" not in s
                    if (parsed := fmt.token_key_of_number(s, w.digits, w.ngroups, plain)) is not None:
                        out.append(Candidate(start, end, fmt.entity_type, fmt, parsed))
        for fmt in self.registry.anchored:
            for start, end in fmt.candidates(view):
                if spans is not None and not spans.overlaps(start, end):
                    continue
                parsed = fmt.token_key(text[start:end])
                if parsed is not None:
                    out.append(Candidate(start, end, fmt.entity_type, fmt, parsed))
        if "_" in text:
            catalog = self.registry.catalog
            for m in _PLACEHOLDER_RE.finditer(text):
                start, end = m.start(), m.end()
                if end < len(text) and text[end] in _ID_CHARS:
                    continue  # a longer id: not a placeholder
                et = m.group(1)
                # A placeholder glued to what precedes it (``...858LOCATION_x7k2mq4bd9``, ``xPERSON_...``)
                # is still one: the type is the longest known type name that ends the upper-case run.
                if et not in catalog or not view.boundary_before(start):
                    et = next((et[i:] for i in range(len(et)) if et[i:] in catalog and et[i].isalpha()), "")
                    if not et:
                        continue
                    start = m.start(1) + len(m.group(1)) - len(et)
                if spans is None or spans.overlaps(start, end):
                    tok = text[start:end]
                    out.append(Candidate(start, end, et, self.registry.placeholder_for(et), Parsed(tok, tok)))
        if spans is not None:  # decorated numeric spans were checked with the window's widest extent
            return [c for c in out if spans.overlaps(c.start, c.end)]
        return out
