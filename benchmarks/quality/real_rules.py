"""The real-text DEV set's scoring rules (its README's, all of them), apart from any detector.

* finding types are folded (GPE/LOC/FAC/ADDRESS/STREET_ADDRESS -> LOCATION, PER -> PERSON,
  ORG -> ORGANIZATION, DATE/TIME/DATE_OF_BIRTH -> DATE_TIME, NORP -> NRP);
* a finding matches a gold span of its type when it covers at least half of the span's characters;
* neither way: on wnut17, a finding of a type WNUT-17 does not annotate (only PERSON, LOCATION and
  ORGANIZATION are scored there); a finding mostly on a CODE or USERNAME span; a finding mostly inside
  a same-type gold span but covering less than half of it; an NER-type finding mostly on an unscored
  span ("mostly": at least half of the finding's characters);
* every other finding is a false positive of its (folded) type, also of types that are not scored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from scoring import TypeScore, covers_half, mostly_on

__all__ = [
    "FOLD", "NER_TYPES", "SCORED", "SET_ASIDE", "Detector", "Example", "Finding", "Gold", "Row", "Scored",
    "Verdict", "fold", "judge", "score",
]  # fmt: skip

FOLD = {
    "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION", "ADDRESS": "LOCATION",
    "STREET_ADDRESS": "LOCATION", "PER": "PERSON", "ORG": "ORGANIZATION", "DATE": "DATE_TIME",
    "TIME": "DATE_TIME", "DATE_OF_BIRTH": "DATE_TIME", "NORP": "NRP",
}  # fmt: skip
SCORED = {
    "tab": ("PERSON", "LOCATION", "ORGANIZATION", "DATE_TIME"),
    "wnut17": ("PERSON", "LOCATION", "ORGANIZATION"),
}
SET_ASIDE = frozenset({"CODE", "USERNAME"})
NER_TYPES = frozenset({"PERSON", "LOCATION", "ORGANIZATION", "DATE_TIME", "NRP"})


class Finding(NamedTuple):
    start: int
    end: int
    type: str


class Gold(NamedTuple):
    start: int
    end: int
    type: str


class Row(NamedTuple):
    id: str
    source: str
    text: str
    spans: tuple[Gold, ...]


class Verdict(NamedTuple):
    finding: Finding  # type already folded
    outcome: str  # "tp", "fp" or "neutral"


Detector = Callable[[str], list[Finding]]


def fold(entity_type: str) -> str:
    return FOLD.get(entity_type, entity_type)


def judge(
    source: str, spans: Sequence[Gold], findings: Iterable[Finding]
) -> tuple[list[Verdict], list[bool]]:
    """Each finding's verdict and, for each scored gold span (in order), whether it was found."""
    scored = SCORED[source]
    gold = [s for s in spans if s.type in scored]
    aside = [s for s in spans if s.type in SET_ASIDE]
    unscored = [s for s in spans if s.type not in scored]
    hit = [False] * len(gold)
    verdicts = []
    for raw in findings:
        f = Finding(raw.start, raw.end, fold(raw.type))
        if source == "wnut17" and f.type not in scored:
            outcome = "neutral"  # WNUT-17 labels names only
        elif any(mostly_on(f.start, f.end, s.start, s.end) for s in aside):
            outcome = "neutral"
        else:
            matched = [
                i
                for i, g in enumerate(gold)
                if g.type == f.type and covers_half(f.start, f.end, g.start, g.end)
            ]
            for i in matched:
                hit[i] = True
            if matched:
                outcome = "tp"
            elif any(g.type == f.type and mostly_on(f.start, f.end, g.start, g.end) for g in gold):
                outcome = "neutral"  # a piece of a same-type span, less than half of it
            elif f.type in NER_TYPES and any(mostly_on(f.start, f.end, s.start, s.end) for s in unscored):
                outcome = "neutral"
            else:
                outcome = "fp"
        verdicts.append(Verdict(f, outcome))
    return verdicts, hit


class Example(NamedTuple):
    row: int
    start: int
    end: int
    type: str


class Scored(NamedTuple):
    per_type: dict[str, dict[str, TypeScore]]  # source -> folded type -> score
    misses: list[Example]
    false_positives: list[Example]


def score(rows: Sequence[Row], detect: Detector) -> Scored:
    per_type: dict[str, dict[str, TypeScore]] = defaultdict(lambda: defaultdict(TypeScore))
    misses: list[Example] = []
    fps: list[Example] = []
    for n, row in enumerate(rows):
        verdicts, hit = judge(row.source, row.spans, detect(row.text))
        stats = per_type[row.source]
        for v in verdicts:
            s = stats[v.finding.type]
            if v.outcome == "tp":
                s.tp += 1
            elif v.outcome == "fp":
                s.fp += 1
                fps.append(Example(n, v.finding.start, v.finding.end, v.finding.type))
            else:
                s.neutral += 1
        gold = [g for g in row.spans if g.type in SCORED[row.source]]
        for g, found in zip(gold, hit, strict=True):
            stats[g.type].gold += 1
            stats[g.type].matched += found
            if not found:
                misses.append(Example(n, g.start, g.end, g.type))
    return Scored({k: dict(v) for k, v in per_type.items()}, misses, fps)
