"""Every pattern the scanner runs over a whole text keeps ``re``'s fast first-character scan.

``re`` scans for the first character of a match at C speed only when the pattern starts with a
literal or a character class (or alternatives that each start with a literal). A leading repeat
(``[A-Z]{2}``), look-behind or ``re.IGNORECASE`` makes it attempt a match at every position instead:
one such pattern costs a 1 KB scan more than ten recognizers written the fast way. This is a
property of how a pattern is written, so it is checked here rather than left to benchmarks.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mask_core import MaskClient
from mask_core.scan import Scanner, anchors, default_recognizers, runs
from mask_core.scan.words import ContextWords

_compiler = pytest.importorskip("re._compiler")
_parser = pytest.importorskip("re._parser")


def _has_fast_scan(pattern: re.Pattern[str]) -> bool:
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    prefix = _compiler._get_literal_prefix(parsed, pattern.flags)[0]
    return bool(prefix) or _compiler._get_charset_prefix(parsed, pattern.flags) is not None


def _full_text_patterns(client: MaskClient) -> dict[str, re.Pattern[str]]:
    found = {
        "view runs": runs.RUN_RE,
        "view ids": runs.ID_RE,
        "iban candidates": anchors._IBAN_RE,
    }
    for rec in client.scanner.recognizers:
        pattern = getattr(rec, "pattern", None)
        if isinstance(pattern, re.Pattern):
            found[rec.name] = pattern
        words = getattr(rec, "context_re", None)
        if isinstance(words, ContextWords):
            found[f"{rec.name} context"] = words.pattern
    return found


def test_every_full_text_pattern_starts_with_something_re_can_scan_for(client: MaskClient) -> None:
    slow = [name for name, p in _full_text_patterns(client).items() if not _has_fast_scan(p)]
    assert slow == []


def test_the_check_itself_tells_the_slow_forms_apart() -> None:
    assert _has_fast_scan(re.compile(r"[A-Z][A-Z][0-9]"))
    assert _has_fast_scan(re.compile(r"(?:iban|bank)(?![a-z0-9])"))
    assert not _has_fast_scan(re.compile(r"[A-Z]{2}[0-9]"))
    assert not _has_fast_scan(re.compile(r"(?<![a-z0-9])(?:iban|bank)"))
    assert not _has_fast_scan(re.compile(r"(?:iban|bank)", re.IGNORECASE))


# -- candidate extractors that skip work must not skip values -------------------------------------

_SCANNER = Scanner(default_recognizers())
_NOISE = st.lists(
    st.sampled_from(
        ["::", ":", "1", "ab", "fe80", "12345", ".", "10", "255", " ", "x", "G", "\n", "Notes: ", "10:42"]
    ),
    max_size=8,
).map("".join)


@given(
    before=_NOISE,
    # Loopback, unspecified and broadcast addresses are no host's (tests/test_recognizers_*.py).
    ip=st.ip_addresses().filter(
        lambda ip: not (ip.is_loopback or ip.is_unspecified or str(ip) == "255.255.255.255")
    ),
    exploded=st.booleans(),
    seps=st.tuples(
        st.sampled_from([" ", "\n", ", ", " (", "="]), st.sampled_from([" ", "\n", ", ", ") ", ";"])
    ),
    after=_NOISE,
)
@settings(max_examples=600)
def test_every_ip_address_in_noise_is_found(
    before: str, ip: object, exploded: bool, seps: tuple[str, str], after: str
) -> None:
    # The IPv4 walk skips runs with fewer than three dots, the IPv6 walk starts only at two colons at
    # most four hex digits apart: neither may lose an address, whatever surrounds it.
    written = ip.exploded if exploded else str(ip)  # type: ignore[attr-defined]
    text = f"{before} {seps[0]}{written}{seps[1]} {after}"
    start = len(before) + 1 + len(seps[0])
    found = [(e.start, e.end) for e in _SCANNER.scan(text) if e.entity_type == "IP_ADDRESS"]
    assert (start, start + len(written)) in found, (text, found)
