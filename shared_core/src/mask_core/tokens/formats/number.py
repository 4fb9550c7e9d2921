"""Numbers that stay numbers: the token of an ``int``, ``float`` or ``Decimal`` under a sensitive field.

``{"ssn": 536228745, "lat": 59.9139, "cvv": 123}`` keeps its JSON types: a schema that says ``integer``
still validates, and a tool that does arithmetic on a column still runs. The token of a number is a
number of the same kind and shape: the same sign, as many integer digits (never a leading zero, which
an ``int`` cannot hold), as many fraction digits and the same exponent. Its record holds the original
number as written, so decoding gives back the same type and value.

Numbers have no reserved range, so these tokens are recognised only by a live vault entry, in their own
vault namespace (``NUMBER``): a number Mask never issued is never refused. Two rules keep real numbers
from being read as tokens:

* a number of fewer than nine significant digits (a CVV, a day of birth, a ZIP code stored as an int,
  a coordinate) has a **negative** token when it is not negative itself: ``123`` -> ``-847``. Such a
  value and a live token of its shape would meet often (a CVV space holds 900 numbers), but a
  non-negative value is then never a token: it is always encoded, and never "restored" on decode;
* leading digits of long tokens avoid the ranges other formats reserve (SSN 9xx, ABA 5x), so the
  digits of a number token written as a string never read as a dead token of another type.
"""

from __future__ import annotations

import re
from typing import ClassVar

from mask_core.tokens.formats.base import Draw, Parsed, TokenFormat

__all__ = [
    "ANYWHERE_DIGITS",
    "LONG_DIGITS",
    "NUMBER_FORMAT",
    "NUMBER_NAMESPACE",
    "NumberFormat",
    "integer_digits",
    "may_be_token",
    "number_text",
    "significant_digits",
]

#: The vault namespace of number tokens (records keep the entity type of the field they came from).
NUMBER_NAMESPACE = "NUMBER"

# sign, integer digits, fraction digits, exponent: what repr(float), str(int) and str(Decimal) write.
_NUMBER = re.compile(r"(-?)([0-9]+)(?:\.([0-9]+))?([eE][+-]?[0-9]+)?")
#: Leading digits of number tokens of nine digits or more: not 5 (ABA), 6 (666 SSNs) or 9 (SSN 9xx).
_LONG_LEADS = "123478"
#: Significant digits from which a number token keeps the value's sign (see the module docstring).
LONG_DIGITS = 9
#: Integer digits from which a number is read as a possible token wherever it sits, not only under a
#: typed field (a model may move a token to a field of another name).
ANYWHERE_DIGITS = 9


def significant_digits(text: str) -> int:
    """The significant digits of a number written as :func:`number_text` writes it."""
    m = _NUMBER.fullmatch(text)
    if m is None:
        return 0
    return len((m.group(2) + (m.group(3) or "")).lstrip("0"))


def integer_digits(text: str) -> int:
    """The integer digits of a number written as :func:`number_text` writes it, leading zeros aside."""
    whole = text.lstrip("-").split(".", 1)[0].split("e", 1)[0].split("E", 1)[0]
    return len(whole.lstrip("0"))


def number_namespace(entity_type: str, text: str) -> str:
    """Where the number token ``text`` (of a field of ``entity_type``) lives in the vault."""
    if significant_digits(text) >= LONG_DIGITS:
        return NUMBER_NAMESPACE
    return f"{NUMBER_NAMESPACE}.{entity_type}"


def may_be_token(text: str) -> bool:
    """Whether a number written as ``text`` can be a number token: a negative one, or a long one."""
    return text.startswith("-") or significant_digits(text) >= LONG_DIGITS


def number_text(value: object) -> str | None:
    """The text a number is tokenized by (``repr`` of a float, ``str`` otherwise), or None for
    values that are not finite numbers (NaN, infinities), have no plain decimal form, or are zero (a
    zero has one token, and says nothing)."""
    text = repr(value) if isinstance(value, float) else str(value)
    return text if _NUMBER.fullmatch(text) and significant_digits(text) else None


class NumberFormat(TokenFormat):
    """Tokens for numbers. ``Parsed.template`` holds the number's kind: ``int``, ``float`` or ``decimal``."""

    entity_type = NUMBER_NAMESPACE
    reserved: ClassVar[bool] = False

    def namespace(self, entity_type: str, parsed: Parsed) -> str:
        """Long numbers share one namespace (a model may move one into a field of another name, and
        decoding finds it there); a short number's space is small (nine one-digit tokens), so each
        type has its own: a day and a floor number never compete for the same few tokens."""
        return number_namespace(entity_type, parsed.canonical)

    max_token_length = 64

    def parse(self, value: str) -> Parsed | None:
        m = _NUMBER.fullmatch(value)
        if m is None:
            return None
        kind = "int" if m.group(3) is None and m.group(4) is None else "decimal"
        return Parsed(value, kind)

    def parse_number(self, text: str, kind: str) -> Parsed | None:
        """``text`` (from :func:`number_text`) of a number of ``kind``: ``int``, ``float``, ``decimal``."""
        return Parsed(text, kind) if _NUMBER.fullmatch(text) else None

    def derive(self, parsed: Parsed, draw: Draw) -> str:
        m = _NUMBER.fullmatch(parsed.canonical)
        assert m is not None  # parse() accepted it
        sign, whole, frac, exp = m.group(1), m.group(2), m.group(3), m.group(4) or ""
        if significant_digits(parsed.canonical) < LONG_DIGITS:
            sign = "-"  # short numbers: a negative token (see the module docstring)
        x = draw(0)
        if whole.strip("0") == "":
            new_whole = whole  # 0.25 stays 0.xx (a mantissa written 0 keeps its form)
        else:
            leads = _LONG_LEADS if len(whole) >= 9 else "123456789"
            x, lead = divmod(x, len(leads))
            x, rest = divmod(x, 10 ** (len(whole) - 1))
            new_whole = leads[lead] + (f"{rest:0{len(whole) - 1}d}" if len(whole) > 1 else "")
        token = sign + new_whole
        if frac is not None:
            zeros = len(frac) - len(frac.lstrip("0"))  # 0.0049 stays 0.00xx: the magnitude is kept
            free = len(frac) - zeros
            if free == 0:
                new_frac = frac  # 12.0 is an integral float: its token is one too
            else:
                x, body = divmod(x, 10 ** (free - 1))
                # A last digit of 0 would change the written form (0.50 is written 0.5 as a float).
                new_frac = "0" * zeros + (f"{body:0{free - 1}d}" if free > 1 else "") + str(1 + x % 9)
            token += "." + new_frac
        token += exp
        if parsed.template == "float":
            # A float is written as its shortest repr: the same digits for up to 15 significant
            # digits, one or two fewer for the 16-17 digit artefacts of float32 values.
            token = repr(float(token))
        return token

    def is_token(self, parsed: Parsed) -> bool:
        return may_be_token(parsed.canonical)  # and only a live vault entry says it is one

    def strict(self, parsed: Parsed) -> bool:
        return False

    def relayout(self, original: str, token: str) -> str | None:
        return original


#: The one instance the text and structure paths share (the format holds no state).
NUMBER_FORMAT = NumberFormat()
