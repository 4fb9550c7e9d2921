"""Scoring the GENERATED corpus (``corpus.py``): it measures the templates, not the field.

Matching follows the real-text rules where they apply: a finding matches a labelled value of its type
when it covers at least half of the value's characters; a finding mostly inside a same-type value but
covering less than half of it counts neither way, and so do a ``DATE_TIME`` finding mostly on a date of
birth and a ``LOCATION`` finding mostly on a street address (right place, weaker type; the date of
birth or address still counts as missed), and a finding on template text of its type that is not
scored (``Sample.unscored``: "tomorrow", "after 9am"). Every other finding is a false positive of its
type.

Beyond precision, recall and F2 per type: recall per card scheme, per phone region and layout (also
*whole-span* recall: at least 90% of the number's characters covered by phone findings, extension
included), per address locale with whole-span recall and the mean fraction of each address's
characters covered by STREET_ADDRESS findings, per date form; and false positives per 10 KB of
technical text, counting every type but the client's report-only ones (printed on their own line).
"""

from __future__ import annotations

import os
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any, NamedTuple

sys.path.insert(0, os.path.dirname(__file__))

from corpus import Sample, Span, labelled, technical
from engines import report_only
from scoring import TypeScore, covers_half, fmt, mark, mostly_on

__all__ = ["coverage", "evaluate", "judge_sample", "report", "show_examples"]

# (finding type, labelled type): right place, weaker type. Neither a match nor a false positive.
NEUTRAL_ON = {("DATE_TIME", "DATE_OF_BIRTH"), ("LOCATION", "STREET_ADDRESS")}
WHOLE = 0.9  # whole-span: this fraction of the labelled characters covered
# Types a checksum or structure confirms; nothing excuses a miss or a false finding of them.
CHECKSUMMED = (
    "ABA_ROUTING_NUMBER",
    "CA_SIN",
    "ES_NIE",
    "ES_NIF",
    "ES_NUSS",
    "IBAN_CODE",
    "JWT",
    "US_DEA",
    "US_NPI",
)
GROUPED = ("CREDIT_CARD", "PHONE_NUMBER", "STREET_ADDRESS", "DATE_TIME", "DATE_OF_BIRTH")


def coverage(span: Span, findings: Sequence[Any]) -> float:
    """Fraction of ``span``'s characters covered by findings of its type."""
    covered = [False] * (span.end - span.start)
    for f in findings:
        if f.entity_type == span.type:
            for i in range(max(f.start, span.start), min(f.end, span.end)):
                covered[i - span.start] = True
    return sum(covered) / len(covered) if covered else 1.0


def judge_sample(sample: Sample, findings: Sequence[Any]) -> tuple[list[str], list[bool]]:
    """Each finding's outcome ("tp", "fp", "neutral") and whether each labelled span was matched."""
    hit = [False] * len(sample.spans)
    outcomes = []
    for f in findings:
        matched = [
            i
            for i, s in enumerate(sample.spans)
            if s.type == f.entity_type and covers_half(f.start, f.end, s.start, s.end)
        ]
        for i in matched:
            hit[i] = True
        if matched:
            outcomes.append("tp")
        elif any(
            (s.type == f.entity_type or (f.entity_type, s.type) in NEUTRAL_ON)
            and mostly_on(f.start, f.end, s.start, s.end)
            for s in sample.spans
        ) or any(
            u.type == f.entity_type and mostly_on(f.start, f.end, u.start, u.end) for u in sample.unscored
        ):
            outcomes.append("neutral")
        else:
            outcomes.append("fp")
    return outcomes, hit


class Group:
    """Recall (and whole-span recall, mean coverage) of the labelled values sharing a tag."""

    def __init__(self) -> None:
        self.n = self.found = self.whole = 0
        self.covered = 0.0

    def add(self, found: bool, cov: float) -> None:
        self.n += 1
        self.found += found
        self.whole += cov >= WHOLE
        self.covered += cov

    def as_dict(self) -> dict[str, float | int]:
        return {
            "n": self.n,
            "recall": self.found / self.n,
            "whole_span_recall": self.whole / self.n,
            "mean_coverage": self.covered / self.n,
        }


class Example(NamedTuple):
    text: str
    start: int
    end: int
    type: str
    tag: str


def evaluate(client: Any, samples: int, tech_kb: int, seed: int = 7) -> dict[str, Any]:
    per_type: dict[str, TypeScore] = defaultdict(TypeScore)
    groups: dict[str, dict[str, Group]] = {t: defaultdict(Group) for t in GROUPED}
    missed: list[Example] = []
    false: list[Example] = []
    for sample in labelled(samples, seed):
        found = client.scan(sample.text)
        outcomes, hit = judge_sample(sample, found)
        for f, outcome in zip(found, outcomes, strict=True):
            s = per_type[f.entity_type]
            s.tp += outcome == "tp"
            s.fp += outcome == "fp"
            s.neutral += outcome == "neutral"
            if outcome == "fp":
                false.append(Example(sample.text, f.start, f.end, f.entity_type, ""))
        for span, h in zip(sample.spans, hit, strict=True):
            per_type[span.type].gold += 1
            per_type[span.type].matched += h
            cov = coverage(span, found)
            if span.type in groups:
                groups[span.type][span.tag].add(h, cov)
            if not h or (span.type in ("STREET_ADDRESS", "PHONE_NUMBER") and cov < WHOLE):
                missed.append(
                    Example(sample.text, span.start, span.end, span.type, f"{span.tag} coverage {cov:.2f}")
                )
    text = technical(tech_kb)
    quiet = report_only(client)
    tech_findings = client.scan(text)
    tech = Counter(e.entity_type for e in tech_findings)
    kb10 = len(text) / 10240
    counted = sum(n for t, n in tech.items() if t not in quiet)
    return {
        "samples": samples,
        "per_type": {t: s.as_dict() for t, s in sorted(per_type.items())},
        "groups": {t: {tag: g.as_dict() for tag, g in sorted(gs.items())} for t, gs in groups.items()},
        "technical_kb": len(text) / 1024,
        "technical_fp": counted,
        "technical_fp_per_10kb": counted / kb10,
        "technical_fp_types": {t: n for t, n in sorted(tech.items()) if t not in quiet},
        "technical_report_only": {t: n for t, n in sorted(tech.items()) if t in quiet},
        "examples": {"missed": missed, "false": false, "technical": (text, tech_findings)},
    }


def _pooled(groups: dict[str, Any], key: str, where: Any = None) -> float:
    chosen = [g for tag, g in groups.items() if where is None or where(tag)]
    n = sum(g["n"] for g in chosen)
    return sum(g[key] * g["n"] for g in chosen) / n if n else 0.0


def targets(result: dict[str, Any]) -> list[tuple[str, bool]]:
    groups = result["groups"]
    phones = groups["PHONE_NUMBER"]
    out = []
    r = _pooled(phones, "recall")
    out.append((f"phone numbers R >= 0.95, every region and layout (R {r:.3f})", r >= 0.95))
    r = _pooled(phones, "whole_span_recall")
    out.append((f"phone numbers whole-span R >= 0.95, extensions included (R {r:.3f})", r >= 0.95))
    for layout in ("extension", "unassigned"):
        r = _pooled(phones, "recall", lambda tag, layout=layout: tag.endswith(layout))
        out.append((f"phone numbers with {layout} R >= 0.95 (R {r:.3f})", r >= 0.95))
    addresses = groups["STREET_ADDRESS"]
    good = [tag for tag, g in addresses.items() if g["whole_span_recall"] >= 0.90]
    out.append(
        (
            f"street addresses whole-span R >= 0.90 in >= 8 locales ({len(good)} of {len(addresses)})",
            len(good) >= 8,
        )
    )
    cards = groups["CREDIT_CARD"]
    short = sorted(tag for tag, g in cards.items() if g["recall"] < 1.0)
    out.append(
        (f"cards R = 1.0 in every scheme ({len(cards) - len(short)} of {len(cards)} schemes)", not short)
    )
    per10 = result["technical_fp_per_10kb"]
    out.append((f"<= 0.5 false positives per 10 KB of technical text ({per10:.2f})", per10 <= 0.5))
    weak = sorted(
        t
        for t in CHECKSUMMED
        if t in result["per_type"]
        and min(result["per_type"][t]["recall"] or 0.0, result["per_type"][t]["precision"] or 0.0) < 0.99
    )
    out.append((f"checksummed types P, R >= 0.99 (below: {', '.join(weak) or 'none'})", not weak))
    return out


def _phone_table(groups: dict[str, dict[str, float | int]]) -> None:
    """Region by layout: recall / whole-span recall (n)."""
    layouts = ["faker", "national", "international", "e164", "extension", "unassigned"]
    regions = sorted({tag.split()[0] for tag in groups})
    print("\n    phone numbers per region and layout: recall / whole-span recall (n)")
    print("      region " + "".join(f"{layout:>19}" for layout in layouts))
    for region in regions:
        cells = []
        for layout in layouts:
            g = groups.get(f"{region} {layout}")
            cells.append(f"{g['recall']:.2f} / {g['whole_span_recall']:.2f} ({g['n']:2d})" if g else "-")
        print(f"      {region:6} " + "".join(f"{c:>19}" for c in cells))


def report(result: dict[str, Any]) -> None:
    print(f"  {result['samples']} sentences")
    print(f"    {'type':28} {'labelled':>8} {'R':>6} {'P':>6} {'F2':>6} {'FP':>5}")
    for t, m in result["per_type"].items():
        print(
            f"    {t:28} {m['gold']:8d} {fmt(m['recall'])} {fmt(m['precision'])} {fmt(m['f2'])} {m['fp']:5d}"
        )
    titles = {
        "CREDIT_CARD": "cards per scheme",
        "STREET_ADDRESS": "street addresses per Faker locale",
        "DATE_TIME": "dates per written form",
        "DATE_OF_BIRTH": "dates of birth per written form",
    }
    for t, title in titles.items():
        print(f"\n    {title}\n      {'tag':22} {'n':>4} {'R':>6} {'whole R':>7} {'coverage':>8}")
        for tag, g in result["groups"][t].items():
            print(
                f"      {tag or '-':22} {g['n']:4d} {fmt(g['recall'])}"
                f" {fmt(g['whole_span_recall'], 7)} {fmt(g['mean_coverage'], 8)}"
            )
    _phone_table(result["groups"]["PHONE_NUMBER"])
    print(
        f"\n    technical text: {result['technical_kb']:.0f} KB, {result['technical_fp']} findings = "
        f"{result['technical_fp_per_10kb']:.2f} false positives per 10 KB;"
        f" by type {result['technical_fp_types']}"
    )
    print(
        "    technical text, report-only types (real dates there, not errors):"
        f" {result['technical_report_only']}"
    )
    print("\n  targets:")
    for desc, ok in targets(result):
        print(f"    {desc}: {mark(ok)}")


def show_examples(result: dict[str, Any], entity_type: str, n: int = 20, width: int = 40) -> None:
    """Labelled values of ``entity_type`` missed (or, for addresses and phones, not covered whole) and
    false findings of it, in context; then its findings in the technical text. The text is generated
    from templates and Faker, so it is printed as it is."""
    rng = random.Random(0)
    examples = result["examples"]

    def show(e: Example) -> None:
        left = e.text[max(0, e.start - width) : e.start].replace("\n", "⏎")
        right = e.text[e.end : e.end + width].replace("\n", "⏎")
        value = e.text[e.start : e.end].replace("\n", "⏎")
        print(f"    {e.tag:28} ...{left}[[{value}]]{right}...")

    for title, pool in (
        ("missed or partly covered", examples["missed"]),
        ("false positives", examples["false"]),
    ):
        wanted = [e for e in pool if e.type == entity_type]
        print(
            f"\n  {entity_type}: {title} in the generated sentences"
            f" ({len(wanted)}; showing {min(n, len(wanted))})"
        )
        for e in rng.sample(wanted, min(n, len(wanted))):
            show(e)
    text, findings = examples["technical"]
    wanted = [
        Example(text, f.start, f.end, f.entity_type, "") for f in findings if f.entity_type == entity_type
    ]
    print(f"\n  {entity_type}: findings in the technical text ({len(wanted)}; showing {min(n, len(wanted))})")
    for e in rng.sample(wanted, min(n, len(wanted))):
        show(e)
