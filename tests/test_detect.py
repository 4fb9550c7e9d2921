"""``Scanner.detect`` (the type of a whole value, what ``encode`` without a type uses).

``detect`` skips work: recognizers whose findings cannot hold the value's digit count, windows that
cannot span the whole value, and every recognizer after a validated finding that none of them can
beat (``max_score``). Each skip must leave the answer unchanged, so these tests compare it with the
plain definition (every recognizer of the shape on every window, best whole-value finding) on the
catalogue's values and on generated ones.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mask_core import MaskClient
from mask_core.scan.normalize import normalize
from mask_core.scan.recognizers import default_recognizers
from mask_core.scan.scanner import _NUMBER_SHAPE, Scanner, _priority
from mask_core.scan.view import ScanView
from mask_core.types import Entity

# The catalogue's realistic values (tests run with --import-mode=importlib: no sibling imports).
_spec = importlib.util.spec_from_file_location("_catalogue", Path(__file__).with_name("test_catalogue.py"))
assert _spec is not None and _spec.loader is not None
_catalogue = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_catalogue)
POSITIVE: list[tuple[str, str, str]] = _catalogue.POSITIVE

SCANNER = Scanner(default_recognizers(phone_regions=("US", "ES", "GB")))


def _raw(scanner: Scanner, value: str) -> list[Entity]:
    """Every whole-value finding of every recognizer of the value's shape, before context."""
    text = normalize(value).text
    shape = "email" if "@" in text else "number" if _NUMBER_SHAPE.fullmatch(text) else "text"
    view = ScanView(text)
    out = []
    for rec in scanner.recognizers:
        if shape not in getattr(rec, "shapes", (shape,)):
            continue
        run = getattr(rec, "find_in_view", None)
        found = run(view) if run is not None else rec.find(text)
        out.extend(e for e in found if e.start == 0 and e.end == len(text))
    return out


def reference_detect(scanner: Scanner, value: str) -> str | None:
    whole = _raw(scanner, value)
    return min(whole, key=_priority).entity_type if whole else None


def _luhn_complete(body: str) -> str:
    total = 0
    for i, d in enumerate(reversed(body)):
        n = int(d) * (1 if i % 2 else 2)
        total += n - 9 if n > 9 else n
    return body + str(-total % 10)


VALUES = [
    value for _, value, _ in POSITIVE
] + [
    "536-22-8745", "536 22 8745", "536228745", "912-70-1234", "12-3456789", "046 454 286",
    "4539148803436467", "4539 1488 0343 6467", "3782 822463 10005", "6011-0009-9013-9424",
    "+1 (415) 555-2671", "(415) 555-2671", "415.555.2671", "+34 612 345 678", "+44 20 7946 0958",
    "021000021", "0210-0002-1", "1245319599", "281234567840", "28 12345678 40", "192.168.10.200",
    "2001:db8::1", "alice@example.com", "postgres://u:p@db.example.com/x", "12345678Z", "X1234567L",
    "DE89 3704 0044 0532 0130 00", "1234", "12-34", "+", "(", "0000000000000", "99999999999999999999",
]  # fmt: skip


@pytest.mark.parametrize("value", VALUES)
def test_detect_matches_the_plain_definition(value: str) -> None:
    assert SCANNER.detect(value) == reference_detect(SCANNER, value)


_numberish = st.lists(
    st.tuples(
        st.text("0123456789", min_size=1, max_size=6), st.sampled_from(["", " ", "-", ".", "/", ") ", " ("])
    ),
    min_size=1,
    max_size=6,
).map(lambda parts: "".join(d + s for d, s in parts).rstrip(" ./-("))


@settings(max_examples=400, deadline=None)
@given(prefix=st.sampled_from(["", "+", "(", "+1 ", "+34 "]), body=_numberish)
def test_detect_matches_the_plain_definition_on_generated_numbers(prefix: str, body: str) -> None:
    value = prefix + body
    if value:
        assert SCANNER.detect(value) == reference_detect(SCANNER, value)


@settings(max_examples=300, deadline=None)
@given(
    body=st.text("0123456789", min_size=12, max_size=18),
    sep=st.sampled_from(["", " ", "-"]),
)
def test_detect_matches_the_plain_definition_on_luhn_valid_numbers(body: str, sep: str) -> None:
    card = _luhn_complete(body)
    value = sep.join(card[i : i + 4] for i in range(0, len(card), 4))
    assert SCANNER.detect(value) == reference_detect(SCANNER, value)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 999), st.integers(0, 99), st.integers(0, 9999), st.sampled_from(["-", " ", ".", ""]))
def test_detect_matches_the_plain_definition_on_ssn_shapes(
    area: int, group: int, serial: int, sep: str
) -> None:
    value = f"{area:03d}{sep}{group:02d}{sep}{serial:04d}"
    assert SCANNER.detect(value) == reference_detect(SCANNER, value)


def test_declared_max_scores_hold() -> None:
    """No finding scores above its recognizer's ``max_score`` before context (detect relies on it)."""
    by_name = {r.name: r for r in SCANNER.recognizers}
    for value in VALUES:
        for e in _raw(SCANNER, value):
            assert e.score <= getattr(by_name[e.recognizer], "max_score", 1.0), (e.recognizer, e.score)


def test_a_custom_recognizer_still_runs_after_the_built_ins(client: MaskClient) -> None:
    """A recognizer without ``max_score`` may score 1, so a weaker built-in finding does not end the search."""
    from mask_core import PatternRecognizer

    client.scanner.add(
        PatternRecognizer("ACCOUNT_NO", r"\d{3}-\d{2}-\d{4}", score=1.0, validator=lambda v: True)
    )
    assert client.scanner.detect("536-22-8745") == "ACCOUNT_NO"  # validated 1.0 beats the SSN's 0.85


@settings(max_examples=400, deadline=None)
@given(st.text("ab.@-_%+é1x\n", min_size=1, max_size=24).map(lambda s: s + "@example.com"))
def test_detect_matches_the_plain_definition_on_generated_addresses(value: str) -> None:
    """Any number of ``@``, dots and odd characters: the email fast path agrees with the full search."""
    assert SCANNER.detect(value) == reference_detect(SCANNER, value)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("connect to 10.2.3.4 now", True),
        ("bind 0.0.0.0:8080 and 127.0.0.1", False),  # unspecified, loopback: every machine has them
        ("broadcast 255.255.255.255", False),
        ("listen on [::1]", False),
        ("user agent Chrome/102.0.0.0 Safari", False),  # a version, not an address
        ("release v1.2.3.4 shipped", False),
    ],
)
def test_addresses_no_host_owns_and_versions_are_not_ip_addresses(text: str, found: bool) -> None:
    scanner = Scanner(default_recognizers())
    assert any(e.entity_type == "IP_ADDRESS" for e in scanner.scan(text)) is found
