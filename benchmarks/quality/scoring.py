"""Counting and span arithmetic shared by the three quality evaluations (stdlib only).

Every evaluation here reports, per entity type, how many labelled values there were (``gold``), how
many of them were found (``matched``), how many findings matched a label (``tp``), how many were false
(``fp``) and how many counted neither way (``neutral``). Recall is ``matched / gold``, precision
``tp / (tp + fp)``, F2 = 5PR / (4P + R): recall weighs four times as much as precision, because a
miss is plaintext PII in the model's context.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

__all__ = ["TypeScore", "covers_half", "f_beta", "fmt", "mark", "mostly_on", "overlap"]


def f_beta(p: float | None, r: float | None, beta: float = 2.0) -> float | None:
    """F-beta of precision ``p`` and recall ``r``; None when recall is undefined (nothing labelled)."""
    if r is None:
        return None
    p = 0.0 if p is None else p
    if p == 0 and r == 0:
        return 0.0
    return (1 + beta**2) * p * r / (beta**2 * p + r)


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters shared by the half-open spans [a_start, a_end) and [b_start, b_end)."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def mostly_on(f_start: int, f_end: int, s_start: int, s_end: int) -> bool:
    """At least half of the finding's characters lie on the span."""
    return 2 * overlap(f_start, f_end, s_start, s_end) >= f_end - f_start


def covers_half(f_start: int, f_end: int, g_start: int, g_end: int) -> bool:
    """The finding covers at least half of the gold span's characters (the match rule)."""
    return 2 * overlap(f_start, f_end, g_start, g_end) >= g_end - g_start


@dataclasses.dataclass
class TypeScore:
    gold: int = 0
    matched: int = 0
    tp: int = 0
    fp: int = 0
    neutral: int = 0

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def f2(self) -> float | None:
        return f_beta(self.precision, self.recall)

    def add(self, other: TypeScore) -> None:
        for field in dataclasses.fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            **dataclasses.asdict(self),
            "recall": self.recall,
            "precision": self.precision,
            "f2": self.f2,
        }

    @classmethod
    def total(cls, scores: Iterable[TypeScore]) -> TypeScore:
        out = cls()
        for s in scores:
            out.add(s)
        return out


def fmt(value: float | None, width: int = 6) -> str:
    """A rate with three decimals, or '-' when it is undefined."""
    return f"{'-':>{width}}" if value is None else f"{value:{width}.3f}"


def mark(ok: bool) -> str:
    return "ok" if ok else "MISS"
