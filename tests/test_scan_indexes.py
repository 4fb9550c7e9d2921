"""The scan view's indexes are their definitions.

``ScanView.windows(run, lo, hi)`` walks a run's groups and yields every window of ``lo..hi`` digits
(the plain definition). Recognizers and the token finder read the same windows from indexes built
once per view (``windows_between``, ``run_windows``, ``DigitRun.layout`` with ``ScanView.window``);
these tests hold the indexes equal to the definition on the shapes that matter: separators of every
kind, '+' and '(' prefixes, ')' after a run, runs next to letters, and generated text.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mask_core.scan.view import MAX_WINDOW_DIGITS, MIN_WINDOW_DIGITS, ScanView
from mask_core.testing import PII_CORPUS


def _by_definition(view: ScanView) -> dict[int, list[tuple[object, ...]]]:
    index: dict[int, list[tuple[object, ...]]] = {}
    for run in view.runs:
        for w in view.windows(run, MIN_WINDOW_DIGITS, MAX_WINDOW_DIGITS):
            index.setdefault(len(w.digits), []).append(tuple(w))
    return index


def _indexed(view: ScanView) -> dict[int, list[tuple[object, ...]]]:
    return {
        n: [tuple(w) for w in view.windows_between(n, n)]
        for n in range(MIN_WINDOW_DIGITS, MAX_WINDOW_DIGITS + 1)
        if view.windows_between(n, n)
    }


def _check(text: str) -> None:
    view = ScanView(text)
    assert _indexed(view) == _by_definition(ScanView(text))
    per_run = [tuple(w) for _run, windows in view.run_windows for w in windows]
    from_layout = [tuple(view.window(run, rel)) for run in view.runs for rel in run.layout]
    assert per_run == from_layout
    assert sorted(per_run, key=repr) == sorted(
        (w for ws in _by_definition(view).values() for w in ws), key=repr
    )


@pytest.mark.parametrize(
    "text",
    [
        "+1 (415) 555-2671",
        "call (415) 555-2671) now",
        "+44 20 7946 0958 or +34 612 345 678",
        "4539 1488 0343 6467 and 4539-1488-0343-6467 and 4539148803436467",
        "IBAN DE89 3704 0044 0532 0130 00.",
        "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20",
        "2024-03-15 10:42, 203.0.113.77, 12.345.678-Z",
        "x" + "1234567890" * 7 + "y",
        "(+1) 415 555 2671",
    ],
)
def test_windows_index_is_the_definition(text: str) -> None:
    _check(text)


def test_windows_index_is_the_definition_on_the_pii_corpus() -> None:
    for item in PII_CORPUS:
        _check(item.value)
        _check(f"ref {item.value}, (+{item.value}) 12 {item.value}")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789 ()./-+xA", max_size=80))
def test_windows_index_is_the_definition_on_generated_text(text: str) -> None:
    _check(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="DEGBAZ0123456789 -x\u00e9", max_size=120))
def test_iban_matches_are_the_regex_matches(text: str) -> None:
    from mask_core.scan.anchors import _IBAN_RE, _iban_matches

    assert [m.span() for m in _iban_matches(text)] == [m.span() for m in _IBAN_RE.finditer(text)]


def _iban_candidates_by_definition(text: str) -> list[tuple[int, int]]:
    """Each ``_IBAN_RE`` match cut by walking to its country's number of letters and digits."""
    from mask_core.scan.anchors import _IBAN_RE, _iban_length

    view, out = ScanView(text), []
    for m in _IBAN_RE.finditer(text):
        start = m.start()
        want = _iban_length(text[start : start + 2])
        if not view.boundary_before(start) or want is None:
            continue
        seen, i = 0, start
        while i < m.end() and seen < want:
            seen += text[i].isalnum()
            i += 1
        if seen == want and view.boundary_after(i):
            out.append((start, i))
    return out


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["DE89 3704 0044 0532 0130 00", "GB29NWBK60161331926819", "ES91-2100-0418-4502"]),
            st.text(alphabet="DEGBSN0123456789 -x", max_size=30),
        ),
        max_size=5,
    )
)
def test_iban_candidates_are_their_definition(parts: list[str]) -> None:
    from mask_core.scan.anchors import iban_candidates

    text = " ".join(parts)
    assert iban_candidates(ScanView(text)) == _iban_candidates_by_definition(text)


_INDEX_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("0123456789 ()./-+AZKX_a-"),
        st.characters(codec="utf-8"),  # non-ASCII letters, digits and astral characters
        st.sampled_from(["\ud800", "\udfff", "\U0001f600", "\u0663", "\uff11", "\uff21", "\u00e9"]),
    ),
    max_size=80,
)


@settings(max_examples=800, deadline=None)
@given(_INDEX_TEXT)
def test_class_string_indexes_find_what_the_str_patterns_find(text: str) -> None:
    from mask_core.scan.runs import ID_RE, RUN_RE

    view = ScanView(text)
    runs = [(run.groups[0][0], run.end) for run in view.runs]
    assert runs == [m.span() for m in RUN_RE.finditer(text)]
    ids = [m.span() for m in ID_RE.finditer(text)]
    assert view.ids == [(s, e) for s, e in ids if view.boundary_before(s) and view.boundary_after(e)]


@settings(max_examples=500, deadline=None)
@given(_INDEX_TEXT, st.integers(1, 30))
def test_alnum_runs_are_their_definition(text: str, n: int) -> None:
    import re

    assert ScanView(text).has_alnum_run(n) == (re.search(f"[0-9A-Za-z]{{{n}}}", text) is not None)


@settings(max_examples=800, deadline=None)
@given(st.one_of(_INDEX_TEXT, st.text(alphabet="0123456789 ()./-+x", max_size=60)))
def test_long_runs_built_alone_are_the_long_ones_of_all_runs(text: str) -> None:
    from mask_core.scan.view import LONG_RUN_DIGITS

    alone = ScanView(text).long_runs  # what a detokenize builds: no other run
    view = ScanView(text)
    view.runs  # noqa: B018 - a scan builds every run first
    assert alone == view.long_runs == [r for r in view.runs if r.ndigits >= LONG_RUN_DIGITS]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["240.0.0.1", "1.2.3.4", "255.255.255.255", "10.0.0.100", " ", "x", ".", "12"]),
        max_size=8,
    )
)
def test_ipv4_token_candidates_are_the_long_ipv4_candidates(parts: list[str]) -> None:
    from mask_core.scan.anchors import ipv4_candidates, ipv4_long_candidates

    text = "".join(parts)
    view = ScanView(text)
    every = ipv4_candidates(view)
    six = {(s, e) for s, e in every if sum(c.isdigit() for c in text[s:e]) >= 6}
    alone = ipv4_long_candidates(ScanView(text))  # a detokenize: only the long runs built
    assert six <= set(alone) <= set(every)
    assert ipv4_long_candidates(view) == every  # a scan: every run built, the shared list
