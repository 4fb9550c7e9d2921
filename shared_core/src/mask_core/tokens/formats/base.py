"""The token format interface and the layout template that keeps an input's separators.

A format turns a value of one entity type into a token of the same shape. It works on a *parsed* value:

* ``canonical``: what identifies the value (the digits of an SSN, the compact IBAN). Tokens are derived
  from the canonical form, so ``536-22-8745`` and ``536 22 8745`` get the same token digits.
* ``template``: the input itself. Its *slots* (the characters that carry the canonical form: digits for
  numeric formats, letters and digits for IBAN or NIF) are where a token's characters go, so a token is
  rendered in exactly the input's layout (separators, spacing, a ``+1`` prefix).

The same parser reads tokens back: a token's canonical form is its vault key, which is why a token the
model reformatted (``295-314-1592`` for ``(295) 314-1592``) still finds its entry, and why decode can
render the real value in the layout the model chose.

Parsing runs on every candidate token of every text, so it is built from C-speed pieces: a
``fullmatch`` of the allowed characters, ``str.translate`` folding, ``re.sub`` to drop separators.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from typing import ClassVar, NamedTuple

from mask_core._chars import SEP_CLASS, fold
from mask_core.errors import FormatError
from mask_core.scan.view import ScanView, Window

__all__ = [
    "DIGIT_GROUP",
    "ID_ALPHABET",
    "NUMBER_SHAPE",
    "Draw",
    "Parsed",
    "TokenFormat",
    "alnum_of",
    "digits_of",
    "id_string",
]

#: Draw(counter) returns a fresh 256-bit pseudorandom integer for the value being tokenized.
Draw = Callable[[int], int]

#: Lower-case RFC 4648 base32: unambiguous to read, survives case-folding by the model.
ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"

_DIGIT_SHAPE = re.compile(rf"[\d{SEP_CLASS}]+")
_ALNUM_SHAPE = re.compile(rf"[0-9A-Za-z{SEP_CLASS}]+")
_NON_DIGIT = re.compile(r"[^0-9]")
#: A group of digits (any script), as ``digits_of`` counts them.
DIGIT_GROUP = re.compile(r"\d+")
#: What a number looks like (digits, separators, parentheses, one leading '+'): the registry's
#: numeric kind (``FormatRegistry.readings``), which ``token_key_of_number`` is given.
NUMBER_SHAPE = rf"[{SEP_CLASS}]*\+?[\d(){SEP_CLASS}]+"
_NON_ALNUM = re.compile(r"[^0-9A-Za-z]")
DIGIT_SLOT = re.compile(r"[0-9]")
ALNUM_SLOT = re.compile(r"[0-9A-Za-z]")


class Parsed(NamedTuple):
    canonical: str
    template: str
    #: Leading slot characters that are literals of the layout, not token characters (``+1``, trunk 0).
    skip: int = 0


def digits_of(value: str, max_groups: int = 7) -> str | None:
    """The ASCII digits of a value made of digits (any script) and separators, in at most
    ``max_groups`` groups; None otherwise."""
    if not _DIGIT_SHAPE.fullmatch(value) or len(DIGIT_GROUP.findall(value)) > max_groups:
        return None
    return _NON_DIGIT.sub("", fold(value))


def alnum_of(value: str) -> str | None:
    """The upper-case ASCII letters and digits of a value made of those and separators; None otherwise."""
    folded = fold(value)
    if not _ALNUM_SHAPE.fullmatch(folded):
        return None
    return _NON_ALNUM.sub("", folded).upper()


_SHIFTS = {length: tuple(range(0, 5 * length, 5)) for length in range(1, 49)}
# Two characters per 10 bits: _PAIRS[v] is the characters of v's low and high 5 bits, in that order.
_PAIRS = tuple(ID_ALPHABET[v & 31] + ID_ALPHABET[v >> 5] for v in range(1024))


def id_string(n: int, length: int) -> str:
    """``length`` base32 characters from the low bits of the integer ``n`` (at most 48 characters):
    character ``k`` is ``ID_ALPHABET[(n >> 5k) & 31]``."""
    if length == 10:  # every token id (e-mail and placeholder tokens): five table lookups, no loop
        p = _PAIRS
        return p[n & 1023] + p[n >> 10 & 1023] + p[n >> 20 & 1023] + p[n >> 30 & 1023] + p[n >> 40 & 1023]
    return "".join([ID_ALPHABET[(n >> s) & 31] for s in _SHIFTS[length]])


# -- rendering: a template's layout as a %-format, computed once per layout ---------------------------
# Rendering runs for every token issued (five per 1 KB paragraph) and every relayout on decode. An
# ASCII template's layout is the template with its slot characters replaced by NUL, which holds no
# digit or letter of the value; the %-format built from it fills every slot in one C call.
_SLOT_TABLES: dict[re.Pattern[str], dict[int, int]] = {}
_LAYOUTS: dict[tuple[re.Pattern[str], str, int], tuple[str, tuple[int, ...], int]] = {}


def _ascii_layout(pattern: re.Pattern[str], template: str, skip: int) -> tuple[str, tuple[int, ...], int]:
    """``(format, positions of the first skip slots, number of slots after them)`` of an ASCII template."""
    table = _SLOT_TABLES.get(pattern)
    if table is None:
        table = _SLOT_TABLES[pattern] = {c: 0 for c in range(128) if pattern.fullmatch(chr(c))}
    layout = template.translate(table)
    key = (pattern, layout, skip)
    found = _LAYOUTS.get(key)
    if found is None:
        slots = [i for i, c in enumerate(layout) if c == "\x00"]
        fmt = layout.replace("%", "%%").replace("\x00", "%s")
        found = (fmt, tuple(slots[:skip]), max(0, len(slots) - skip))
        if len(_LAYOUTS) >= 4096:  # adversarial inputs can have many layouts: stay bounded
            _LAYOUTS.clear()
        _LAYOUTS[key] = found
    return found


class TokenFormat(ABC):
    """How the tokens of one entity type look, are derived, and are recognised.

    Subclasses define ``entity_type``, ``reserved``, how their tokens are found in text (either
    ``digit_range`` for numeric identifiers, found as windows of digit runs, or :meth:`candidates`)
    and the three abstract methods.
    """

    entity_type: str
    #: True when every token lives in a range no real value of the type can have (see docs/tokens.md).
    #: Only then is an unknown token-shaped string treated as a dead token by strict decoding.
    reserved: ClassVar[bool] = True
    #: Numeric formats: the (min, max) count of digits of a token, including literal digits like ``+1``.
    digit_range: ClassVar[tuple[int, int] | None] = None
    #: Which characters of a (folded) template are slots; None: the format has no layout.
    slot_pattern: ClassVar[re.Pattern[str] | None] = None
    #: Upper bound on the length of a token this format emits (for stream hold-back).
    max_token_length: int = 64
    #: Numeric formats whose layout may include a leading '+'/'(' and a closing ')' (phones).
    decorated: ClassVar[bool] = False
    #: Numeric formats: the most digit groups a layout may have (``536-22-8745`` has 3).
    max_groups: ClassVar[int] = 7

    @abstractmethod
    def parse(self, value: str) -> Parsed | None:
        """Parse a value (or a token) of this type; None if it does not fit the format."""

    @abstractmethod
    def derive(self, parsed: Parsed, draw: Draw) -> str:
        """The canonical form of the token for ``parsed`` (deterministic in ``draw``)."""

    @abstractmethod
    def is_token(self, parsed: Parsed) -> bool:
        """Whether a parsed string has the shape of a token of this format."""

    def candidates(self, view: ScanView) -> Iterable[tuple[int, int]]:
        """Spans of ``view`` that could be tokens of this (non-numeric) format."""
        return ()

    def quick(self, w: Window) -> bool:
        """Cheap pre-check of a numeric window before it is parsed as a token of this format."""
        return True

    #: Numeric formats: whether :meth:`quick` may accept a window with a '+' before it.
    plus_windows: ClassVar[bool] = True

    def leads(self, ndigits: int) -> tuple[str, ...] | None:
        """Prefixes of one or two digits, one of which starts every window of ``ndigits`` digits (no
        '+' before it) that :meth:`quick` accepts (None: any window). The token finder looks formats
        up by a window's first two digits, so most windows of ordinary text meet no format at all; a
        rule here must admit every window :meth:`quick` accepts (``tests/test_registry.py`` checks
        it does)."""
        return None

    def strict(self, parsed: Parsed) -> bool:
        """Whether a token-shaped string of this shape is in a reserved range (a vault miss may then be
        a dead token: :meth:`TokenEngine.refuses` decides, with the tag of formats that have one)."""
        return self.reserved

    def namespace(self, entity_type: str, parsed: Parsed) -> str:
        """The vault namespace of the token of ``parsed`` as a value of ``entity_type``: the type itself,
        except for formats whose tokens several types share (``tokens/formats/number.py``)."""
        return entity_type

    # -- keyed check digits (``tokens/tags.py``) ---------------------------------------------------------
    def tag_digits(self, canonical: str) -> int:
        """How many keyed check digits a token with this canonical form carries (0: none)."""
        return 0

    def tag_split(self, canonical: str) -> tuple[str, str]:
        """``(body, tag)``: the digits the tag is computed over, and the tag digits themselves."""
        raise NotImplementedError

    def with_tag(self, canonical: str, tag: str) -> str:
        """``canonical`` with ``tag`` as its tag digits (and any check digit computed again)."""
        raise NotImplementedError

    def slot_chars(self, canonical: str) -> str:
        """The characters of a canonical form that fill a template's slots."""
        return canonical

    def _fill(self, template: str, skip: int, chars: str) -> str | None:
        """``template`` with its slots after the first ``skip`` holding ``chars`` (None: counts differ)."""
        pattern = self.slot_pattern
        if pattern is None:
            return None
        if template.isascii() and "\x00" not in template:  # nearly always: one %-format of its layout
            fmt, lead, free = _ascii_layout(pattern, template, skip)
            if free != len(chars):
                return None
            return fmt % (*[template[p] for p in lead], *chars)
        slots = [m.start() for m in pattern.finditer(fold(template))][skip:]
        if len(slots) != len(chars):
            return None
        out = list(template)
        for pos, c in zip(slots, chars, strict=True):
            out[pos] = c
        return "".join(out)

    def render(self, parsed: Parsed, token_canonical: str) -> str:
        """The token written in the value's layout."""
        if self.slot_pattern is None:  # no layout: the token is its canonical form
            return token_canonical
        filled = self._fill(parsed.template, parsed.skip, self.slot_chars(token_canonical))
        return token_canonical if filled is None else filled

    def relayout(self, original: str, token: str) -> str | None:
        """``original`` written in the layout of ``token`` (which the model may have reformatted).

        Returns None when the layouts cannot be matched; decode then returns ``original`` as stored.
        """
        src, dst = self.parse(original), self.parse(token)
        if src is None or dst is None:
            return None
        return self._fill(dst.template, dst.skip, self.slot_chars(src.canonical))

    def token_key(self, candidate: str) -> Parsed | None:
        """Parse ``candidate`` as a token of this format; None if it is not token-shaped."""
        parsed = self.parse(candidate)
        if parsed is None or not self.is_token(parsed):
            return None
        return parsed

    def token_key_of_number(self, token: str, digits: str, ngroups: int, plain: bool) -> Parsed | None:
        """:meth:`token_key` of a string of the registry's numeric shape, given what the registry
        extracted from it once for all its formats: ``digits`` (``fold`` then every non-ASCII-digit
        removed), ``ngroups`` (its ``DIGIT_GROUP`` count) and ``plain`` (it holds only digits and
        separators: no ``+``, ``(`` or ``)``). Always the same answer as ``token_key(token)``; the
        numeric formats answer without extracting the digits again."""
        return self.token_key(token)

    def parse_value(self, value: str) -> Parsed:
        parsed = self.parse(value)
        if parsed is None:
            raise FormatError(f"value does not fit the token format of {self.entity_type}")
        return parsed
