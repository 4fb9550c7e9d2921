"""``FormatRegistry.readings``: how decode reads a whole string as a token.

``readings`` extracts a numeric string's digits once for all its formats (``token_key_of_number``)
instead of parsing it once per format; it must give exactly what the plain definition gives, which
these tests compare on real tokens of every format and on generated strings of the numeric shape
(separators of every kind, full-width and other-script digits, ``+``, parentheses).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mask_core import MaskClient, MemoryVault
from mask_core.keys import generate_key
from mask_core.scan.view import ScanView, Window
from mask_core.tokens.formats import TokenFormat
from mask_core.tokens.formats.base import Parsed
from mask_core.tokens.registry import FormatRegistry, TokenFinder


def _client() -> MaskClient:
    return MaskClient(tenant="t", master_key=generate_key(), vault=MemoryVault())


REGISTRY: FormatRegistry = _client().registry


def reference_readings(registry: FormatRegistry, token: str) -> list[tuple[str, TokenFormat, Parsed]]:
    out = []
    for entity_type, fmt in registry.classify(token):
        parsed = fmt.token_key(token)
        if parsed is not None:
            out.append((entity_type, fmt, parsed))
    return out


VALUES = [
    ("alice@example.com", "EMAIL_ADDRESS"),
    ("+1 (415) 555-2671", "PHONE_NUMBER"),
    ("415-555-2671", "PHONE_NUMBER"),
    ("+34 612 34 56 78", "PHONE_NUMBER"),
    ("536-22-8745", "US_SSN"),
    ("536228745", "US_SSN"),
    ("4539 1488 0343 6467", "CREDIT_CARD"),
    ("4539-1488-0343-6467", "CREDIT_CARD"),
    ("378282246310005", "CREDIT_CARD"),
    ("011000015", "ABA_ROUTING_NUMBER"),
    ("DE89 3704 0044 0532 0130 00", "IBAN_CODE"),
    ("12345678Z", "ES_NIF"),
    ("X1234567L", "ES_NIE"),
    ("203.0.113.77", "IP_ADDRESS"),
    ("Alice Johnson", "PERSON"),
]


@pytest.mark.parametrize(("value", "entity_type"), VALUES)
def test_readings_of_real_tokens_agree_with_the_definition(value: str, entity_type: str) -> None:
    client = _client()
    token = client.encode(value, entity_type)
    readings = list(client.registry.readings(token))
    assert readings == reference_readings(client.registry, token)
    assert entity_type in [et for et, _, _ in readings]
    # A token written in full-width digits is read the same way as the plain one.
    wide = token.translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)})
    assert list(client.registry.readings(wide)) == reference_readings(client.registry, wide)


_NUMERIC = "0123456789" + "0000999666" + " -./" + "\u2013\u00a0\u200b" + "+()" + "\uff10\uff19\u0669"


@settings(max_examples=600, deadline=None)
@given(st.text(_NUMERIC, min_size=1, max_size=24))
def test_readings_of_numeric_strings_agree_with_the_definition(token: str) -> None:
    assert list(REGISTRY.readings(token)) == reference_readings(REGISTRY, token)


@settings(max_examples=300, deadline=None)
@given(
    area=st.sampled_from(["9", "000", "666", "0", "5"]),
    rest=st.text("0123456789", min_size=6, max_size=18),
    seps=st.lists(st.sampled_from(["", " ", "-", ".", "  ", " - ", "/"]), min_size=1, max_size=6),
)
def test_readings_of_token_shaped_numbers_agree_with_the_definition(
    area: str, rest: str, seps: list[str]
) -> None:
    """Strings in the reserved ranges (most of them parse as some token), grouped in many ways."""
    digits = area + rest
    step = max(1, len(digits) // len(seps))
    parts = [digits[i : i + step] for i in range(0, len(digits), step)]
    token = "".join(
        p + (seps[i] if i < len(seps) and i < len(parts) - 1 else "") for i, p in enumerate(parts)
    )
    assert list(REGISTRY.readings(token)) == reference_readings(REGISTRY, token)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["u.ch6f3ffank@mask.example.net", "alice@example.com", "a@b", "@"]),
    st.lists(
        st.tuples(st.integers(0, 40), st.sampled_from(["upper", "\u212a", "\u017f", "\u0130", "@", "x"]))
    ),
)
def test_readings_of_email_shapes_agree_with_the_definition(base: str, edits: list[tuple[int, str]]) -> None:
    """Case changes, the Kelvin sign, long s and dotted I (which ``re.IGNORECASE`` and ``str.lower``
    fold differently), stray '@'s: the e-mail shortcut reads them as the full shape match does."""
    chars = list(base)
    for at, edit in edits:
        if not chars:
            break
        i = at % len(chars)
        chars[i] = chars[i].upper() if edit == "upper" else edit
    token = "".join(chars)
    assert REGISTRY.readings(token) == reference_readings(REGISTRY, token)


@pytest.mark.parametrize(
    "token",
    [
        "+34 6 1 2 3 4 5 6 7 8",  # more groups than any format allows
        "+1 4 9 3 3 3 3 4 9 3 9",
        "9 7 7 3 7 9 9 7 7",
        "977-37-9977 ",
        "(977) 37-9977",
        "+977379977",
        "0280 9526 8822 2879 1",
        "\uff19\uff17\uff17-37-9977",
        "\u0669\u0667\u0667-37-9977",
    ],
)
def test_readings_of_edge_shapes_agree_with_the_definition(token: str) -> None:
    assert list(REGISTRY.readings(token)) == reference_readings(REGISTRY, token)


def test_a_string_of_no_token_shape_has_no_readings() -> None:
    assert list(REGISTRY.readings("")) == []
    assert list(REGISTRY.readings("hello world!")) == []


# -- the token finder reads a window's digits from the window ------------------------------------------
def _reference_finder() -> TokenFinder:
    """A finder whose numeric formats parse every window's text from scratch and ask ``quick`` of
    every window of their digit count, whatever its first digit (the plain definition)."""
    registry = _client().registry
    for fmt in registry.numeric:
        fmt.token_key_of_number = lambda token, digits, ngroups, plain, fmt=fmt: fmt.token_key(token)  # type: ignore[method-assign]
        fmt.leads = lambda ndigits: None  # type: ignore[method-assign]
        fmt.plus_windows = True  # type: ignore[misc]
    return TokenFinder(registry)


FINDER, REFERENCE = TokenFinder(REGISTRY), _reference_finder()


def _found(finder: TokenFinder, text: str) -> list[tuple[int, int, str, Parsed]]:
    return [(c.start, c.end, c.entity_type, c.parsed) for c in finder.find(ScanView(text))]


def _tokens_text() -> str:
    client = _client()
    return " ".join(client.encode(v, et) for v, et in VALUES)


TOKENS_TEXT = _tokens_text()


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text("0123456789 -./()+", min_size=1, max_size=22),
            st.sampled_from(["9", "000", "666", "0", "5", "+1 ", "+34 ", "(", ")", "x", "call ", "\n"]),
            st.sampled_from(TOKENS_TEXT.split(" ")),
        ),
        max_size=12,
    )
)
def test_the_finder_agrees_with_parsing_each_window(parts: list[str]) -> None:
    text = "".join(parts)
    assert _found(FINDER, text) == _found(REFERENCE, text)


def test_the_finder_finds_every_token_of_the_paragraph() -> None:
    assert _found(FINDER, TOKENS_TEXT) == _found(REFERENCE, TOKENS_TEXT)
    assert {et for _, _, et, _ in _found(FINDER, TOKENS_TEXT)} >= {et for _, et in VALUES}


_NO_TOKEN_CHAR = st.characters(blacklist_categories=("Nd", "Cs"), blacklist_characters="@_")


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(_NO_TOKEN_CHAR, max_size=30),
            st.sampled_from(
                [t.translate({ord(c): None for c in "0123456789@_"}) for t in TOKENS_TEXT.split(" ")]
            ),
            st.sampled_from(["u.ch6f3ffank#mask.example.net", "PERSON-26jgmrc64j", "DE xx", "+", "(", ")"]),
        ),
        max_size=10,
    )
)
def test_a_text_without_digits_at_signs_or_underscores_holds_no_token(parts: list[str]) -> None:
    """What lets ``find`` answer such texts with one search: the full search finds nothing in them."""
    text = " ".join(parts)
    assert FINDER.find_all(ScanView(text)) == []
    assert FINDER.find(ScanView(text)) == []


# -- lead digits: the finder and readings look formats up by a number's first two digits ---------------
_LEADS = st.sampled_from(["", "0", "00", "9", "5", "1", "19", "29", "666", "000", "2", "39", "119"])


@settings(max_examples=2000, deadline=None)
@given(
    lead=_LEADS,
    rest=st.text("0123456789", min_size=7, max_size=19),
    plus=st.booleans(),
    ngroups=st.integers(1, 7),
)
def test_lead_digit_rules_admit_every_window_quick_accepts(
    lead: str, rest: str, plus: bool, ngroups: int
) -> None:
    digits = (lead + rest)[: max(7, len(rest))]
    window = Window(0, len(digits), 0, len(digits), digits, plus, ngroups, True)
    for fmt in REGISTRY.numeric:
        lo, hi = fmt.digit_range or (0, 0)
        if lo <= len(digits) <= hi and fmt.quick(window):
            if plus:
                assert fmt.plus_windows, (fmt.entity_type, digits)
            else:
                allowed = fmt.leads(len(digits))
                assert allowed is None or digits.startswith(allowed), (fmt.entity_type, digits)


def test_lead_rules_admit_every_quick_window_exhaustively() -> None:
    """Every format's ``quick`` reads at most the first five digits (and the count): every four-digit
    prefix, with the rest all 0, 2 or 9, at every digit count, covers what it can accept."""
    for n in range(7, 20):
        for prefix in range(10_000):
            for fill in "029":
                digits = (f"{prefix:04d}" + fill * n)[:n]
                window = Window(0, n, 0, n, digits, False, 1, True)
                for fmt in REGISTRY.numeric:
                    lo, hi = fmt.digit_range or (0, 0)
                    if lo <= n <= hi and fmt.quick(window):
                        allowed = fmt.leads(n)
                        assert allowed is None or digits.startswith(allowed), (fmt.entity_type, digits)
