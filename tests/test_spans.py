"""The one interval set (``mask_core.scan.spans.Taken``) and the overlap resolution built on it, held
to their plain definitions: whatever the order findings arrive in, what is kept never overlaps, and
nothing dropped could have been kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mask_core.scan import resolve_overlaps
from mask_core.scan.scanner import resolve_reported
from mask_core.scan.spans import Taken
from mask_core.types import Entity

_span = st.tuples(st.integers(0, 60), st.integers(1, 12)).map(lambda se: (se[0], se[0] + se[1]))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@given(st.lists(_span, max_size=20), _span)
def test_overlaps_is_any_overlap_of_the_spans_given(
    spans: list[tuple[int, int]], probe: tuple[int, int]
) -> None:
    assert Taken(spans).overlaps(*probe) == any(_overlap(s, probe) for s in spans)


@given(st.lists(_span, max_size=30))
def test_take_keeps_exactly_the_spans_that_overlap_nothing_taken_before(spans: list[tuple[int, int]]) -> None:
    taken = Taken()
    kept: list[tuple[int, int]] = []
    for s in spans:
        rank = taken.take(*s)
        if any(_overlap(s, k) for k in kept):
            assert rank is None
        else:
            assert rank == sum(k[0] < s[0] for k in kept)
            kept.append(s)
    assert list(zip(taken.starts, taken.ends, strict=True)) == sorted(kept)


_entity = st.builds(
    lambda span, kind, score, validated: Entity(kind, span[0], span[1], score, "x", validated=validated),
    _span,
    st.sampled_from(["PERSON", "DATE_TIME", "US_SSN", "URL"]),
    st.floats(0.3, 1.0),
    st.booleans(),
)


@given(st.lists(_entity, max_size=15))
def test_resolve_overlaps_keeps_a_disjoint_set_in_text_order_that_nothing_dropped_fits_into(
    entities: list[Entity],
) -> None:
    kept = resolve_overlaps(entities)
    spans = [(e.start, e.end) for e in kept]
    assert spans == sorted(spans)
    assert not any(_overlap(a, b) for i, a in enumerate(spans) for b in spans[i + 1 :])
    for e in entities:
        assert e in kept or any(_overlap((e.start, e.end), s) for s in spans)


@given(st.lists(_entity, max_size=15))
def test_a_report_only_finding_never_hides_a_protected_one(entities: list[Entity]) -> None:
    report_only = frozenset({"DATE_TIME", "URL"})
    kept = resolve_reported(entities, report_only)
    protected = [e for e in entities if e.entity_type not in report_only]
    assert [e for e in kept if e.entity_type not in report_only] == resolve_overlaps(protected)
    spans = [(e.start, e.end) for e in kept]
    assert spans == sorted(spans)
    assert not any(_overlap(a, b) for i, a in enumerate(spans) for b in spans[i + 1 :])
