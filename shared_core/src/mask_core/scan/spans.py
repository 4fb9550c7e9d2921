"""Sets of spans with fast overlap tests: what is already taken in a text.

Findings, live tokens and names are kept as disjoint ``(start, end)`` intervals, sorted, so that each
"does this overlap anything taken?" is one bisection: a megabyte text with thousands of findings stays
linear where comparing against every span would be quadratic. The scanner's overlap resolution, the
token finder's "near a finding?" test and the decoder's longest-token-first restore all use this one
set.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

__all__ = ["Taken"]


class Taken:
    """Disjoint spans kept sorted (overlapping ones given at construction are merged)."""

    __slots__ = ("ends", "starts")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        merged: list[tuple[int, int]] = []
        for s, e in sorted(spans):
            if merged and s < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``start:end`` overlaps a taken span."""
        i = bisect_right(self.starts, start)
        return (i > 0 and self.ends[i - 1] > start) or (i < len(self.starts) and self.starts[i] < end)

    def add(self, start: int, end: int) -> int:
        """Take ``start:end``, which must overlap nothing taken; returns its rank among the spans (where
        a caller keeping a parallel list inserts the item the span belongs to)."""
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        return i

    def take(self, start: int, end: int) -> int | None:
        """Take ``start:end`` unless it overlaps a taken span: its rank if taken, else ``None``."""
        starts = self.starts
        i = bisect_right(starts, start)
        if (i > 0 and self.ends[i - 1] > start) or (i < len(starts) and starts[i] < end):
            return None
        starts.insert(i, start)
        self.ends.insert(i, end)
        return i

    def __bool__(self) -> bool:
        return bool(self.starts)
