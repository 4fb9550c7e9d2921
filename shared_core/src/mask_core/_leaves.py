"""The leaves of one structure, sorted into what one batch transforms (``deep_encode``/``deep_decode``).

The walker (:mod:`mask_core.walk`) finds the leaves and their field hints; this module decides what
each kind of leaf becomes:

* ``str`` leaves and dict keys are texts (scanned and tokenized, or detokenized);
* ``bytes`` are read as UTF-8 text and written back as bytes (bytes that are not UTF-8 are binary
  data Mask cannot read, and pass as they are);
* numbers under a typed field (``{"ssn": 536228745}``) get number tokens of the same type and shape
  (:mod:`mask_core.tokens.formats.number`); other numbers are data, not values Mask looks at.

Decoding reads number tokens back where a number, or a string of just its digits, sits under a typed
field, or anywhere for numbers of nine integer digits or more (what a model may move into an argument
with another name): below that, a number that merely equals a live token is too likely to be data.
Short numbers have negative tokens (``tokens/formats/number.py``), so a short non-negative number is
never read as one.
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from typing import Any

from mask_core.fields import FieldHint, FieldRules
from mask_core.tokens.engine import Lookup
from mask_core.tokens.formats import Parsed, TokenFormat, number_text
from mask_core.tokens.formats.number import (
    ANYWHERE_DIGITS,
    NUMBER_FORMAT,
    integer_digits,
    may_be_token,
    number_namespace,
)
from mask_core.walk import UnknownPolicy, collect_leaves, rebuild

__all__ = ["Leaves"]

_NUMBER_FORMAT = NUMBER_FORMAT


def _kind(value: Any) -> str:
    if isinstance(value, float):
        return "float"
    if isinstance(value, decimal.Decimal):
        return "decimal"
    return "int"


def _as_kind(text: str, kind: str) -> Any:
    if kind == "float":
        return float(text)
    if kind == "decimal":
        return decimal.Decimal(text)
    return int(text)


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


class Leaves:
    """The leaves of ``obj``: distinct texts with their hints, and the numbers Mask may change."""

    def __init__(
        self,
        obj: Any,
        rules: FieldRules,
        leaves: list[tuple[Any, FieldHint]],
        *,
        keys: bool,
        unknown: UnknownPolicy,
        decode: bool,
    ) -> None:
        self.obj, self.rules, self.keys, self.unknown, self.decode = obj, rules, keys, unknown, decode
        index: dict[tuple[str, FieldHint | None], int] = {}
        self.texts: list[str] = []
        self.hints: list[FieldHint] = []
        #: Per text, the entity types of the fields it sits under (decode: evidence that a bare
        #: number there is a token of its type, ``TokenEngine.refuses``).
        self.types: list[frozenset[str]] = []
        self._slot: dict[tuple[type, Any, FieldHint], int] = {}  # str and bytes leaves -> text index
        self._numbers: dict[tuple[type, Any, FieldHint], str] = {}  # number leaves -> number text
        self._string_numbers: dict[int, str] = {}  # text index -> its number text (decode)
        for value, hint in leaves:
            key = (type(value), value, hint)
            if isinstance(value, str | bytes):
                text = value if isinstance(value, str) else _utf8(value)
                if text is None:
                    continue
                # Decoding reads a text the same way wherever it sits: one entry per distinct text.
                at = (text, None if decode else hint)
                i = index.get(at)
                if i is None:
                    i = index[at] = len(self.texts)
                    self.texts.append(text)
                    self.hints.append(hint)
                    self.types.append(frozenset())
                    if decode and self._eligible(text, hint):
                        self._string_numbers[i] = text
                if hint.entity_type is not None and hint.entity_type not in self.types[i]:
                    self.types[i] = self.types[i] | {hint.entity_type}
                self._slot[key] = i
            else:
                text = number_text(value)
                if text is not None and (self._eligible(text, hint) if decode else self._typed(hint)):
                    self._numbers[key] = text

    @classmethod
    def of(
        cls,
        obj: Any,
        rules: FieldRules,
        *,
        keys: bool,
        unknown: UnknownPolicy,
        decode: bool = False,
    ) -> Leaves:
        leaves = collect_leaves(obj, rules=rules, keys=keys, unknown=unknown)
        return cls(obj, rules, leaves, keys=keys, unknown=unknown, decode=decode)

    @staticmethod
    def _typed(hint: FieldHint) -> bool:
        return hint.entity_type is not None and not hint.never

    def _eligible(self, text: str, hint: FieldHint) -> bool:
        """Whether decoding looks ``text`` (a number, or a string of one) up as a number token: one
        that can be a token (``may_be_token``) under a typed field, or a long one anywhere."""
        if number_text_shape(text) is None or not may_be_token(text):
            return False
        return self._typed(hint) or integer_digits(text) >= ANYWHERE_DIGITS

    # -- encode ----------------------------------------------------------------------------------------
    def number_items(self, enabled: frozenset[str] | None) -> list[tuple[str, str, TokenFormat, Parsed]]:
        """What ``TokenEngine.encode_plan`` stores for the numbers under typed fields (enabled types)."""
        items: list[tuple[str, str, TokenFormat, Parsed]] = []
        kept: dict[tuple[type, Any, FieldHint], str] = {}
        for (kind_type, value, hint), text in self._numbers.items():
            entity_type = hint.entity_type
            assert entity_type is not None
            if enabled is not None and entity_type not in enabled:
                continue
            parsed = _NUMBER_FORMAT.parse_number(text, _kind(value))
            if parsed is None:
                continue
            kept[(kind_type, value, hint)] = text
            items.append((text, entity_type, _NUMBER_FORMAT, parsed))
        self._numbers = kept
        return items

    # -- decode ----------------------------------------------------------------------------------------
    def number_lookups(self) -> list[Lookup]:
        """One lookup per distinct (vault namespace, number text): the number leaves, then the strings
        of digits, each in the namespace of the field it sits under (``number_namespace``)."""
        wanted: dict[tuple[str, str], None] = {}
        self._lookup_of: dict[tuple[type, Any, FieldHint] | int, tuple[str, str]] = {}
        for key, text in self._numbers.items():
            at = (number_namespace(key[2].entity_type or "", text), text)
            wanted[at] = None
            self._lookup_of[key] = at
        for i, text in self._string_numbers.items():
            at = (number_namespace(self.hints[i].entity_type or "", text), text)
            wanted[at] = None
            self._lookup_of[i] = at
        self._lookups = list(wanted)
        lookups = []
        for namespace, text in self._lookups:
            parsed = _NUMBER_FORMAT.parse(text)
            assert parsed is not None
            lookups.append(Lookup(text, namespace, _NUMBER_FORMAT, parsed))
        return lookups

    # -- both ------------------------------------------------------------------------------------------
    def rebuild(self, texts: Sequence[str], numbers: Sequence[str | None]) -> Any:
        """``obj`` with each text replaced by ``texts[i]`` and each number by its new value:
        ``numbers`` holds the tokens of :meth:`number_items` (encode) or the values behind
        :meth:`number_lookups` (decode; None where a number is no live token)."""
        slot, by_number = self._slot, self._numbers
        if self.decode:
            found = {at: v for at, v in zip(self._lookups, numbers, strict=True) if v is not None}
            number_of = {key: found.get(self._lookup_of[key]) for key in by_number}
            strings = {
                i: found[self._lookup_of[i]] for i in self._string_numbers if self._lookup_of[i] in found
            }
        else:
            number_of = dict(zip(by_number, numbers, strict=True))
            strings = {}

        def replace(value: Any, hint: FieldHint) -> Any:
            key = (type(value), value, hint)
            i = slot.get(key)
            if i is not None:
                new = strings.get(i, texts[i])
                if isinstance(value, bytes):
                    return value if new == self.texts[i] else new.encode("utf-8")
                return new
            new_number = number_of.get(key)
            if new_number is None:
                return value
            try:
                return _as_kind(new_number, _kind(value))
            except (ValueError, decimal.InvalidOperation):
                return new_number  # a firewall's mask or redaction of a number is text

        return rebuild(self.obj, replace, rules=self.rules, keys=self.keys, unknown=self.unknown)


def number_text_shape(text: str) -> str | None:
    """``text`` if it is written as a plain number (what a number token looks like), else None."""
    return text if len(text) <= 64 and _NUMBER_FORMAT.parse(text) is not None else None
